//! `hospital-data build content/ --out data/hospital.json`: one validated dataset from
//! a folder in the Hugo/Jekyll convention, so that a press office writes Markdown and
//! a web team keeps spreadsheets, and nobody edits the dataset's JSON by hand.
//!
//! ```text
//! content/
//! ├── hospital.toml         (or hospital.json) hospital, campuses, categories, departments
//! ├── mapping.toml          optional: the import mapping for the spreadsheets below
//! ├── news/
//! │   ├── clinic-opens.md   YAML front matter + Markdown body, one file per article
//! │   ├── clinic-opens.zh.md   its translation
//! │   └── images/...        pictures beside the articles
//! └── doctors/
//!     ├── staff.xlsx, timetable.csv, directory.ndjson, doctors.json   imported as by `import`
//!     └── zhang-wei.md      overrides of one doctor: photo, bio (the body), leave notice
//! ```

pub mod frontmatter;

use crate::args::{wants_help, Failure, Spec};
use crate::import::build::{self, Built, Options};
use crate::import::mapping::Mapping;
use crate::import::record::Harvest;
use crate::import::report::{Level, Loc, Problem, Problems, Unit};
use crate::import::values::{self, has_cjk, squash};
use crate::import::{self, Kind};
use crate::json_out::to_pretty;
use crate::prepare::{fill_pinyin, write_atomically};
use crate::{EXIT_INVALID, EXIT_OK};
use frontmatter::Page;
use hospital_core::urls::is_web_url;
use hospital_core::validate::{self, Severity};
use hospital_core::Lang;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const HELP: &str = "\
Usage: hospital-data build <content-dir> --out <dataset.json> [--assets DIR]

Composes one dataset from a content folder:
  hospital.toml or hospital.json   the hospital, campuses, categories and departments,
                                   in the dataset's own field names
  mapping.toml                     optional: how to read the spreadsheets (see import)
  news/*.md                        one article per file: YAML front matter (title, date,
                                   category, tags, summary, cover, cover_alt,
                                   cover_caption, author, source_url, departments,
                                   doctors, draft) and the Markdown body; a translation
                                   as slug.zh.md (or slug.en.md) beside slug.md
  doctors/ and the folder itself   .csv .tsv .xlsx .ods .ndjson and FHIR .json files are
                                   imported as by `hospital-data import`; a dataset
                                   .json gives its doctors; doctors/<id>.md overrides one
                                   doctor: photo, photo_alt, accepting_new_patients,
                                   booking_url, leave (note, note_en, sessions) and the
                                   body as the bio (<id>.zh.md for the Chinese one)

  --out     where to write the dataset
  --assets  copy the pictures the articles and overrides use into DIR (for example
            public/), keeping their paths under the content folder

Every problem names its file and line. The dataset is written only if it is valid.

Exit status: 0 written (warnings allowed), 1 problems (nothing written), 2 bad usage.
";

const SPEC: Spec = Spec {
    command: "build",
    positionals: &["content-dir"],
    options: &["out", "assets"],
    flags: &[],
};

pub fn main(args: &[String]) -> Result<i32, Failure> {
    if wants_help(args) {
        print!("{HELP}");
        return Ok(EXIT_OK);
    }
    let parsed = SPEC.parse(args)?;
    let dir = PathBuf::from(&parsed.positionals[0]);
    let out = parsed
        .option("out")
        .ok_or_else(|| Failure::usage("build: --out <dataset.json> is required"))?;
    let composed = compose(&dir, parsed.option("assets").map(Path::new))?;
    for p in &composed.problems {
        println!("{p}");
    }
    let errors = composed.errors();
    let warnings = composed.problems.len() - errors;
    let ds = &composed.dataset;
    let count = |k: &str| ds.get(k).and_then(Value::as_array).map_or(0, Vec::len);
    let summary = format!(
        "build: {} departments, {} doctors, {} categories, {} articles; {errors} error(s), {warnings} warning(s)",
        count("departments"),
        count("doctors"),
        count("categories"),
        count("articles")
    );
    println!("{summary}");
    if errors > 0 {
        println!("build: nothing written: fix the errors above");
        return Ok(EXIT_INVALID);
    }
    write_atomically(Path::new(out), &to_pretty(&composed.dataset))?;
    println!("build: wrote {out}");
    Ok(EXIT_OK)
}

pub struct Composed {
    pub dataset: Value,
    pub problems: Vec<Problem>,
}

impl Composed {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.level == Level::Error)
            .count()
    }
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn file_loc(path: &Path) -> Loc {
    let name: Arc<str> = path.display().to_string().into();
    Loc::file(&name)
}

fn line_loc(path: &Path, line: usize) -> Loc {
    Loc {
        unit: Unit::Line,
        ..file_loc(path).at_row(line)
    }
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Composes the dataset; `Err` only when the folder cannot be read at all.
pub fn compose(dir: &Path, assets: Option<&Path>) -> Result<Composed, Failure> {
    if !dir.is_dir() {
        return Err(Failure::usage(format!(
            "build: {} is not a folder",
            dir.display()
        )));
    }
    let mut problems = Problems::default();
    // The hospital record.
    let toml_path = dir.join("hospital.toml");
    let json_path = dir.join("hospital.json");
    let (base, base_file) = if toml_path.is_file() {
        (read_toml(&toml_path, &mut problems), toml_path.clone())
    } else if json_path.is_file() {
        (read_json(&json_path, &mut problems), json_path.clone())
    } else {
        problems.push(Problem::error(
            Some(file_loc(dir)),
            "the folder has no hospital.toml or hospital.json (the hospital, its campuses, categories and departments)",
        ));
        (Value::Null, toml_path.clone())
    };
    let mut department_files: Vec<PathBuf> = Vec::new();
    let mut base = match base {
        Value::Object(m) => Value::Object(m),
        _ => build::empty_dataset(),
    };
    for key in ["categories", "departments", "doctors", "articles"] {
        if base.get(key).is_none() {
            base[key] = json!([]);
        }
    }
    if base.get("schema").is_none() {
        base["schema"] = json!(1);
    }
    // departments/*.toml: one department a file (as the CMS writes them).
    for f in sorted_entries(&dir.join("departments")) {
        if f.extension().is_some_and(|e| e == "toml") {
            let mut d = read_toml(&f, &mut problems);
            if !d.is_object() {
                continue;
            }
            if d.get("id").is_none() {
                let (stem, _) = split_name(&f);
                d["id"] = json!(stem);
            }
            let id = d["id"].clone();
            if let Some(list) = base["departments"].as_array_mut() {
                if list.iter().any(|x| x.get("id") == Some(&id)) {
                    problems.error(
                        &file_loc(&f),
                        format!(
                            "the department {id} is given twice (here and in {})",
                            base_file.display()
                        ),
                    );
                    continue;
                }
                list.push(d);
                department_files.push(f.clone());
            }
        }
    }
    // The mapping for spreadsheets.
    let mapping_path = dir.join("mapping.toml");
    let mapping = if mapping_path.is_file() {
        import::load_mapping(&mapping_path)?
    } else {
        Mapping::default()
    };
    // Doctor files: in the folder itself and in doctors/.
    let mut harvest = Harvest::default();
    let mut overrides: Vec<PathBuf> = Vec::new();
    let mut doctor_files: Vec<PathBuf> = sorted_entries(dir);
    doctor_files.extend(sorted_entries(&dir.join("doctors")));
    for f in doctor_files.iter().filter(|f| f.is_file()) {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if f.parent() == Some(dir)
            && matches!(
                name.as_str(),
                "hospital.toml" | "hospital.json" | "mapping.toml"
            )
        {
            continue;
        }
        if name.starts_with('.') || name.eq_ignore_ascii_case("README.md") {
            continue;
        }
        if name.ends_with(".md") {
            if f.parent() == Some(dir.join("doctors").as_path()) {
                overrides.push(f.clone());
            }
            continue;
        }
        match import::kind_of(f) {
            Some(Kind::Json) => {
                let text = std::fs::read_to_string(f).unwrap_or_default();
                if crate::import::fhir::looks_like_fhir(&text) {
                    import::read_file(f, &mapping, &mut harvest, &mut problems);
                } else {
                    merge_dataset_file(f, &text, &mut base, &mut problems);
                }
            }
            Some(_) => import::read_file(f, &mapping, &mut harvest, &mut problems),
            None => {}
        }
    }
    let mut built = build::build(
        harvest,
        base,
        &Options {
            hospital: None,
            mapping: &mapping,
        },
        &mut problems,
    );
    let mut copier = Copier {
        root: dir.to_path_buf(),
        assets: assets.map(Path::to_path_buf),
    };
    // Doctor overrides, then the news.
    for f in &overrides {
        apply_override(f, dir, &mut built.dataset, &mut copier, &mut problems);
    }
    let articles = read_news(
        &dir.join("news"),
        dir,
        &built.dataset,
        &mut copier,
        &mut problems,
    );
    let mut origins: Vec<Option<ArticleOrigin>> =
        vec![None; built.dataset["articles"].as_array().map_or(0, Vec::len)];
    for (a, o) in articles {
        if let Some(list) = built.dataset["articles"].as_array_mut() {
            list.push(a);
            origins.push(Some(o));
        }
    }
    fill_pinyin(&mut built.dataset);
    // Validate, with body_src files relative to the content folder.
    let text = serde_json::to_string(&built.dataset).unwrap_or_default();
    let report = crate::validate::check_text(&text, dir);
    for p in &report.problems {
        problems.push(trace(p, &built, &origins, &base_file, &department_files));
    }
    Ok(Composed {
        dataset: built.dataset,
        problems: problems.list,
    })
}

fn read_toml(path: &Path, problems: &mut Problems) -> Value {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            problems.error(&file_loc(path), format!("cannot read the file: {e}"));
            return Value::Null;
        }
    };
    match toml::from_str::<toml::Value>(&text) {
        Ok(v) => serde_json::to_value(v).unwrap_or(Value::Null),
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            problems.error(
                &line_loc(path, line),
                format!("not valid TOML: {}", e.message()),
            );
            Value::Null
        }
    }
}

fn read_json(path: &Path, problems: &mut Problems) -> Value {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            problems.error(&file_loc(path), format!("cannot read the file: {e}"));
            return Value::Null;
        }
    };
    match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            problems.error(&line_loc(path, e.line()), format!("not valid JSON: {e}"));
            Value::Null
        }
    }
}

/// A dataset JSON among the doctor files: its doctors, and the departments and
/// campuses they need, are added (records whose id is already there are kept).
fn merge_dataset_file(path: &Path, text: &str, base: &mut Value, problems: &mut Problems) {
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.error(&line_loc(path, e.line()), format!("not valid JSON: {e}"));
            return;
        }
    };
    let add = |list: &mut Value,
               items: Option<&Vec<Value>>,
               problems: &mut Problems,
               what: &str| {
        let Some(items) = items else { return };
        let Some(list) = list.as_array_mut() else {
            return;
        };
        for item in items {
            let id = item.get("id").and_then(Value::as_str).unwrap_or_default();
            if list
                .iter()
                .any(|x| x.get("id").and_then(Value::as_str) == Some(id))
            {
                problems.warn(
                    &file_loc(path),
                    format!("the {what} \"{id}\" is already in the content folder; this copy is not used"),
                );
                continue;
            }
            list.push(item.clone());
        }
    };
    add(
        &mut base["departments"],
        v.get("departments").and_then(Value::as_array),
        problems,
        "department",
    );
    add(
        &mut base["doctors"],
        v.get("doctors").and_then(Value::as_array),
        problems,
        "doctor",
    );
    if let Some(c) = v.pointer("/hospital/campuses").and_then(Value::as_array) {
        if !base["hospital"]
            .get("campuses")
            .is_some_and(Value::is_array)
        {
            base["hospital"]["campuses"] = json!([]);
        }
        add(
            &mut base["hospital"]["campuses"],
            Some(c),
            problems,
            "campus",
        );
    }
    if v.get("doctors").is_none() {
        problems.warn(
            &file_loc(path),
            "a JSON file without doctors or FHIR resources; not used",
        );
    }
}

/// Copies pictures into the assets folder, once each.
struct Copier {
    root: PathBuf,
    assets: Option<PathBuf>,
}

impl Copier {
    /// A picture path as written in `file` (relative to it): the site path it gets,
    /// copied when --assets is given. Web URLs and missing files are left as written.
    fn site_path(&mut self, file: &Path, src: &str, loc: &Loc, problems: &mut Problems) -> String {
        let src = src.trim();
        if src.is_empty() || is_web_url(src) || src.starts_with('/') || src.contains(':') {
            return src.to_string();
        }
        let beside = file.parent().unwrap_or(Path::new("")).join(src);
        if !beside.is_file() {
            problems.warn(
                loc,
                format!(
                    "\"{src}\" is not a file beside {}; kept as a path on the site (images/heart.svg is public/images/heart.svg)",
                    file.display()
                ),
            );
            return src.to_string();
        }
        let site = rel(&self.root, &beside);
        if let Some(assets) = &self.assets {
            let target = assets.join(&site);
            let copied = target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|_| std::fs::copy(&beside, &target).map(|_| ()));
            if let Err(e) = copied {
                problems.error(
                    loc,
                    format!(
                        "cannot copy {} to {}: {e}",
                        beside.display(),
                        target.display()
                    ),
                );
            }
        }
        site
    }

    /// Rewrites the relative image and link targets of a Markdown body (`](x.png)`).
    fn body(
        &mut self,
        file: &Path,
        body: &str,
        first_line: usize,
        problems: &mut Problems,
    ) -> String {
        let mut out = String::with_capacity(body.len());
        let mut rest = body;
        while let Some(i) = rest.find("](") {
            out.push_str(&rest[..i + 2]);
            rest = &rest[i + 2..];
            let end = rest.find([')', ' ', '\n']).unwrap_or(rest.len());
            let target = &rest[..end];
            // `![alt](x.png)`: the bracket this link text opened with follows a `!`.
            let head = &out[..out.len() - 2];
            let is_image = head.rfind('[').is_some_and(|b| head[..b].ends_with('!'));
            let looks_local = !target.is_empty()
                && !target.starts_with(['#', '/'])
                && !target.contains(':')
                && Path::new(target).extension().is_some_and(|e| {
                    matches!(
                        e.to_string_lossy().to_lowercase().as_str(),
                        "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp" | "avif"
                    )
                });
            if looks_local && is_image {
                let line = first_line + body[..body.len() - rest.len()].matches('\n').count();
                let loc = line_loc(file, line);
                out.push_str(&self.site_path(file, target, &loc, problems));
            } else {
                out.push_str(target);
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }
}

/// The line of each top-level front-matter key.
type KeyLines = Vec<(String, usize)>;

/// Where an article came from: its files and the line of each field.
#[derive(Clone, Debug)]
struct ArticleOrigin {
    label: String,
    /// (language, file, page lines).
    files: Vec<(Lang, PathBuf, KeyLines)>,
}

impl ArticleOrigin {
    fn loc_of(&self, field: &str) -> Option<Loc> {
        let one = [field];
        let key_names: &[&str] = match field {
            "cover" => &["cover", "cover_alt", "cover_caption", "image"],
            "summary" => &["summary", "description"],
            "category" => &["category", "categories"],
            _ => &one,
        };
        for (_, file, lines) in &self.files {
            if let Some(l) = lines
                .iter()
                .find(|(k, _)| key_names.contains(&k.as_str()))
                .map(|(_, l)| *l)
            {
                return Some(line_loc(file, l));
            }
        }
        self.files.first().map(|(_, f, _)| line_loc(f, 1))
    }
}

/// The front matter of an article: each key and the dataset field it fills ("" for
/// none: `draft` keeps an article out). The CMS configuration (public/admin/config.yml)
/// has exactly these fields plus `body`; tests/cms.rs holds the two together.
pub const ARTICLE_FRONT_MATTER: &[(&str, &str)] = &[
    ("title", "title"),
    ("date", "date"),
    ("category", "category"),
    ("tags", "tags"),
    ("summary", "summary"),
    ("cover", "cover"),
    ("cover_alt", "cover"),
    ("cover_caption", "cover"),
    ("author", "author"),
    ("source_url", "source_url"),
    ("departments", "departments"),
    ("doctors", "doctors"),
    ("draft", ""),
];

/// Article fields that are not front matter keys, and where they come from.
pub const ARTICLE_ELSEWHERE: &[(&str, &str)] = &[
    (
        "slug",
        "the file name (slug.md); a `slug` key may override it",
    ),
    ("body", "the Markdown after the front matter"),
    ("body_src", "not used: the body is in the file itself"),
];

/// Other keys that Hugo and Jekyll pages carry, accepted without a warning.
const ARTICLE_ALIASES: &[&str] = &[
    "slug",
    "lang",
    "categories",
    "description",
    "image",
    "weight",
    "layout",
    "translationKey",
    "aliases",
    "lastmod",
    "publishDate",
];

/// The front matter of a doctor override (doctors/<id>.md): key and doctor field.
pub const OVERRIDE_FRONT_MATTER: &[(&str, &str)] = &[
    ("id", "id"),
    ("photo", "photo"),
    ("photo_alt", "photo"),
    ("accepting_new_patients", "accepting_new_patients"),
    ("booking_url", "booking"),
    ("leave", "schedule"),
];

/// Doctor fields that an override does not set as front matter, and where they come from.
pub const DOCTOR_ELSEWHERE: &[(&str, &str)] = &[
    ("bio", "the override's Markdown body"),
    ("name", "the staff sheets"),
    ("pinyin", "the staff sheets, else computed"),
    ("title", "the staff sheets"),
    (
        "academic_title",
        "the staff sheets (a 职称 cell such as 主任医师、教授, or its own column)",
    ),
    ("departments", "the staff sheets"),
    ("specialties", "the staff sheets"),
    ("conditions", "the staff sheets"),
    ("languages", "the staff sheets"),
    ("gender", "the staff sheets"),
    ("education", "the staff sheets"),
    ("verified", "the staff sheets"),
];

/// The language suffix of `slug.zh.md`, and the slug.
fn split_name(file: &Path) -> (String, Option<Lang>) {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.rsplit_once('.') {
        Some((slug, tag)) if Lang::from_tag(tag).is_some() => {
            (slug.to_string(), Lang::from_tag(tag))
        }
        _ => (stem, None),
    }
}

fn as_strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => values::split_list(s),
        Value::Array(a) => a
            .iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect(),
        Value::Number(n) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// An id of `list` named by its id or by its name in any language.
fn resolve(list: &Value, name: &str) -> Option<String> {
    let key = squash(name);
    list.as_array()?.iter().find_map(|x| {
        let id = x.get("id").and_then(Value::as_str)?;
        let by_name = match x.get("name") {
            Some(Value::String(s)) => squash(s) == key,
            Some(Value::Object(m)) => m
                .values()
                .filter_map(Value::as_str)
                .any(|s| squash(s) == key),
            _ => false,
        };
        (id == name.trim() || by_name).then(|| id.to_string())
    })
}

fn read_news(
    news: &Path,
    root: &Path,
    dataset: &Value,
    copier: &mut Copier,
    problems: &mut Problems,
) -> Vec<(Value, ArticleOrigin)> {
    // Files by slug: the main file and its translations.
    let mut by_slug: BTreeMap<String, Vec<(Option<Lang>, PathBuf)>> = BTreeMap::new();
    let mut stack = vec![news.to_path_buf()];
    while let Some(d) = stack.pop() {
        for p in sorted_entries(&d) {
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md" || e == "markdown")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(['_', '.']))
            {
                let (slug, lang) = split_name(&p);
                by_slug.entry(slug).or_default().push((lang, p));
            }
        }
    }
    let _ = root;
    let mut out = Vec::new();
    for (slug, mut files) in by_slug {
        // The main file (no language suffix) first.
        files.sort_by_key(|(l, _)| l.is_some());
        let mut pages: Vec<(Lang, PathBuf, Page)> = Vec::new();
        for (lang, path) in files {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    problems.error(&file_loc(&path), format!("cannot read the article: {e}"));
                    continue;
                }
            };
            match frontmatter::parse(&text) {
                Ok(page) => {
                    let lang = lang
                        .or_else(|| {
                            page.fields
                                .get("lang")
                                .and_then(Value::as_str)
                                .and_then(Lang::from_tag)
                        })
                        .unwrap_or_else(|| {
                            let title = page
                                .fields
                                .get("title")
                                .and_then(Value::as_str)
                                .unwrap_or("");
                            if has_cjk(title) {
                                Lang::Zh
                            } else {
                                Lang::En
                            }
                        });
                    if pages.iter().any(|(l, _, _)| *l == lang) {
                        problems.error(
                            &file_loc(&path),
                            format!("a second {} version of the article \"{slug}\"; each language has one file", lang.code()),
                        );
                        continue;
                    }
                    for (k, line) in &page.lines {
                        let known = ARTICLE_FRONT_MATTER.iter().any(|(f, _)| f == k)
                            || ARTICLE_ALIASES.contains(&k.as_str());
                        if !known {
                            let fields: Vec<&str> =
                                ARTICLE_FRONT_MATTER.iter().map(|(f, _)| *f).collect();
                            problems.warn(
                                &line_loc(&path, *line),
                                format!("\"{k}\" is not a field of an article and was ignored (the fields are {})", fields.join(", ")),
                            );
                        }
                    }
                    pages.push((lang, path, page));
                }
                Err((line, msg)) => problems.error(
                    &line_loc(&path, line),
                    format!("{msg}; the article was not read"),
                ),
            }
        }
        if pages.is_empty() {
            continue;
        }
        if pages[0].2.fields.get("draft") == Some(&Value::Bool(true)) {
            problems.warn(
                &file_loc(&pages[0].1),
                "a draft (draft: true): not published",
            );
            continue;
        }
        if let Some((a, o)) = article(&slug, &pages, dataset, copier, problems) {
            out.push((a, o));
        }
    }
    out
}

fn text_of(parts: &[(Lang, String)]) -> Value {
    let mut m = Map::new();
    for (l, s) in parts {
        if !s.trim().is_empty() {
            m.insert(l.code().to_string(), json!(s.trim()));
        }
    }
    Value::Object(m)
}

fn article(
    slug: &str,
    pages: &[(Lang, PathBuf, Page)],
    dataset: &Value,
    copier: &mut Copier,
    problems: &mut Problems,
) -> Option<(Value, ArticleOrigin)> {
    let (_, main_path, main) = &pages[0];
    let label = main
        .fields
        .get("title")
        .and_then(Value::as_str)
        .map_or_else(|| slug.to_string(), |t| format!("{t}, {slug}"));
    let origin = ArticleOrigin {
        label: label.clone(),
        files: pages
            .iter()
            .map(|(l, p, pg)| (*l, p.clone(), pg.lines.clone()))
            .collect(),
    };
    let at = |key: &str| origin.loc_of(key).unwrap_or_else(|| file_loc(main_path));
    let mut a = Map::new();
    let slug = main
        .fields
        .get("slug")
        .and_then(Value::as_str)
        .unwrap_or(slug)
        .to_string();
    a.insert("slug".into(), json!(slug));
    // Texts: one version per language file.
    let texts = |key: &str, alias: &str| -> Vec<(Lang, String)> {
        pages
            .iter()
            .filter_map(|(l, _, p)| {
                p.fields
                    .get(key)
                    .or_else(|| p.fields.get(alias))
                    .and_then(Value::as_str)
                    .map(|s| (*l, s.to_string()))
            })
            .collect()
    };
    a.insert("title".into(), text_of(&texts("title", "title")));
    let summary = texts("summary", "description");
    if !summary.is_empty() {
        a.insert("summary".into(), text_of(&summary));
    }
    let author = texts("author", "author");
    if !author.is_empty() {
        a.insert("author".into(), text_of(&author));
    }
    // Fields of the main file (a translation that differs is warned about).
    let get = |key: &str| main.fields.get(key).filter(|v| !v.is_null());
    for (l, path, p) in &pages[1..] {
        for key in [
            "date",
            "category",
            "tags",
            "departments",
            "doctors",
            "source_url",
        ] {
            if let (Some(t), Some(m)) = (p.fields.get(key), get(key)) {
                if t != m {
                    let line = p.line_of(key).unwrap_or(1);
                    problems.warn(
                        &line_loc(path, line),
                        format!(
                            "the {} version gives another {key} than {}; the main file's is used",
                            l.code(),
                            main_path.display()
                        ),
                    );
                }
            }
        }
    }
    match get("date") {
        Some(Value::String(d)) => match values::date(d) {
            Some(d) => {
                a.insert("date".into(), json!(d));
            }
            None => {
                problems.push(
                    Problem::error(
                        Some(at("date")),
                        format!("\"{d}\" is not a date (YYYY-MM-DD)"),
                    )
                    .about(Some(label.clone())),
                );
                a.insert("date".into(), json!(d));
            }
        },
        Some(other) => {
            a.insert("date".into(), other.clone());
        }
        None => {}
    }
    let category = get("category")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            get("categories")
                .map(as_strings)
                .and_then(|c| c.first().cloned())
        });
    if let Some(c) = category {
        a.insert(
            "category".into(),
            json!(resolve(&dataset["categories"], &c).unwrap_or(c)),
        );
    }
    if let Some(t) = get("tags") {
        a.insert("tags".into(), json!(as_strings(t)));
    }
    for (key, list) in [
        ("departments", &dataset["departments"]),
        ("doctors", &dataset["doctors"]),
    ] {
        if let Some(v) = get(key) {
            let ids: Vec<String> = as_strings(v)
                .iter()
                .map(|n| resolve(list, n).unwrap_or_else(|| n.clone()))
                .collect();
            a.insert(key.into(), json!(ids));
        }
    }
    if let Some(u) = get("source_url") {
        a.insert("source_url".into(), u.clone());
    }
    // The cover: a path with cover_alt (what a CMS image field gives), or a map.
    let cover = get("cover").or_else(|| get("image"));
    if let Some(c) = cover {
        let cover_loc = at("cover");
        let mut img = match c {
            Value::String(s) => json!({ "src": s }),
            Value::Object(m) => Value::Object(m.clone()),
            _ => json!({}),
        };
        if let Some(src) = img.get("src").and_then(Value::as_str).map(str::to_string) {
            img["src"] = json!(copier.site_path(main_path, &src, &cover_loc, problems));
        }
        if img.get("alt").is_none() {
            let alt = texts("cover_alt", "cover_alt");
            if !alt.is_empty()
                || pages
                    .iter()
                    .any(|(_, _, p)| p.fields.contains_key("cover_alt"))
            {
                img["alt"] = text_of(&alt);
            }
        }
        let caption = texts("cover_caption", "cover_caption");
        if img.get("caption").is_none() && !caption.is_empty() {
            img["caption"] = text_of(&caption);
        }
        a.insert("cover".into(), img);
    }
    // The body: each language's Markdown.
    let mut body = Vec::new();
    for (l, path, p) in pages {
        let first_line = 1 + p.lines.last().map_or(2, |(_, n)| *n);
        let text = copier.body(path, &p.body, first_line, problems);
        if !text.trim().is_empty() {
            body.push((*l, text));
        }
    }
    a.insert("body".into(), text_of(&body));
    Some((Value::Object(a), origin))
}

/// `content/doctors/<id>.md`: photo, bio and leave notice of one doctor.
fn apply_override(
    path: &Path,
    root: &Path,
    dataset: &mut Value,
    copier: &mut Copier,
    problems: &mut Problems,
) {
    let _ = root;
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            problems.error(&file_loc(path), format!("cannot read the file: {e}"));
            return;
        }
    };
    let page = match frontmatter::parse(&text) {
        Ok(p) => p,
        Err((line, msg)) => {
            problems.error(
                &line_loc(path, line),
                format!("{msg}; the override was not applied"),
            );
            return;
        }
    };
    let (stem, lang) = split_name(path);
    let id = page
        .fields
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or(&stem)
        .to_string();
    let at = |key: &str| line_loc(path, page.line_of(key).unwrap_or(1));
    let Some(doctor) = dataset["doctors"].as_array_mut().and_then(|l| {
        l.iter_mut()
            .find(|d| d.get("id").and_then(Value::as_str) == Some(id.as_str()))
    }) else {
        problems.error(
            &at("id"),
            format!("no doctor has the id \"{id}\"; the override was not applied"),
        );
        return;
    };
    for (k, line) in &page.lines {
        if !OVERRIDE_FRONT_MATTER.iter().any(|(f, _)| f == k) && k != "lang" {
            let fields: Vec<&str> = OVERRIDE_FRONT_MATTER.iter().map(|(f, _)| *f).collect();
            problems.warn(
                &line_loc(path, *line),
                format!(
                    "\"{k}\" is not a field of a doctor override and was ignored (the fields are {})",
                    fields.join(", ")
                ),
            );
        }
    }
    let lang = lang
        .or_else(|| {
            page.fields
                .get("lang")
                .and_then(Value::as_str)
                .and_then(Lang::from_tag)
        })
        .unwrap_or(if has_cjk(&page.body) {
            Lang::Zh
        } else {
            Lang::En
        });
    let set_text = |doctor: &mut Value, key: &str, s: &str| {
        let mut m = match doctor.get(key) {
            Some(Value::Object(m)) => m.clone(),
            _ => Map::new(),
        };
        m.insert(lang.code().to_string(), json!(s.trim()));
        doctor[key] = Value::Object(m);
    };
    if !page.body.trim().is_empty() {
        let body = copier.body(path, &page.body, 1, problems);
        set_text(doctor, "bio", &body);
    }
    if let Some(src) = page.fields.get("photo").and_then(Value::as_str) {
        let src = copier.site_path(path, src, &at("photo"), problems);
        let alt = page
            .fields
            .get("photo_alt")
            .and_then(Value::as_str)
            .map(|a| json!({ if has_cjk(a) { "zh" } else { "en" }: a }))
            .or_else(|| doctor.get("photo").and_then(|p| p.get("alt")).cloned())
            .unwrap_or_else(|| doctor.get("name").cloned().unwrap_or(json!("")));
        doctor["photo"] = json!({ "src": src, "alt": alt });
    }
    if let Some(b) = page.fields.get("accepting_new_patients") {
        match b {
            Value::Bool(_) => doctor["accepting_new_patients"] = b.clone(),
            other => problems.error(
                &at("accepting_new_patients"),
                format!("{other} is not true or false"),
            ),
        }
    }
    if let Some(u) = page.fields.get("booking_url").and_then(Value::as_str) {
        if !doctor.get("booking").is_some_and(Value::is_object) {
            doctor["booking"] = json!({});
        }
        doctor["booking"]["url"] = json!(u);
    }
    // A leave notice: the named sessions (all when none are named) are cancelled, with the note.
    if let Some(leave) = page.fields.get("leave") {
        let note_zh = leave
            .get("note_zh")
            .or_else(|| leave.get("note"))
            .and_then(Value::as_str);
        let note_en = leave.get("note_en").and_then(Value::as_str);
        let wanted: Vec<String> = leave.get("sessions").map(as_strings).unwrap_or_default();
        let mut matched = 0;
        let mut bad = Vec::new();
        let slots: Vec<(String, String)> = wanted
            .iter()
            .filter_map(|w| {
                let (d, h) = w.split_once('.')?;
                Some((d.trim().to_string(), h.trim().to_string()))
            })
            .collect();
        for w in &wanted {
            if !w.contains('.') {
                bad.push(w.clone());
            }
        }
        if let Some(schedule) = doctor.get_mut("schedule").and_then(Value::as_array_mut) {
            for s in schedule.iter_mut() {
                let day = s
                    .get("weekday")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let half = s
                    .get("session")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                if !slots.is_empty() && !slots.iter().any(|(d, h)| *d == day && *h == half) {
                    continue;
                }
                matched += 1;
                s["cancelled"] = json!(true);
                let mut note = Map::new();
                if let Some(n) = note_en {
                    note.insert("en".into(), json!(n));
                }
                if let Some(n) = note_zh {
                    note.insert(if has_cjk(n) { "zh" } else { "en" }.into(), json!(n));
                }
                if !note.is_empty() {
                    s["note"] = Value::Object(note);
                }
            }
        }
        if !bad.is_empty() {
            problems.error(
                &at("leave"),
                format!(
                    "sessions are written weekday.half-day (mon.morning, fri.afternoon), not {}",
                    bad.join(", ")
                ),
            );
        }
        if matched == 0 {
            problems.warn(
                &at("leave"),
                format!(
                    "the leave notice matches none of the doctor's sessions ({})",
                    wanted.join(", ")
                ),
            );
        }
    }
}

/// A validator problem, placed at its file and line.
fn trace(
    p: &validate::Problem,
    built: &Built,
    articles: &[Option<ArticleOrigin>],
    base_file: &Path,
    department_files: &[PathBuf],
) -> Problem {
    if let Some(rest) = p.path.strip_prefix("articles[") {
        if let Some((n, field)) = rest.split_once(']') {
            if let Some(Some(o)) = n.parse::<usize>().ok().and_then(|i| articles.get(i)) {
                let field = field.trim_start_matches('.');
                let key = field.split(['.', '[']).next().unwrap_or("");
                let level = if p.severity == Severity::Error {
                    Level::Error
                } else {
                    Level::Warning
                };
                return Problem {
                    level,
                    loc: o.loc_of(key),
                    record: Some(o.label.clone()),
                    message: format!("{}: {}", p.path, p.message),
                };
            }
        }
    }
    let mut traced = import::trace(p, built, None);
    if traced.loc.is_none() {
        // Not from a spreadsheet: from the hospital file, or a department's own file
        // (those come after the hospital file's departments).
        traced.message = traced
            .message
            .trim_start_matches("the dataset: ")
            .to_string();
        let in_toml = count_headers(base_file, "[[departments]]");
        let file_department = p
            .path
            .strip_prefix("departments[")
            .and_then(|r| r.split_once(']'))
            .and_then(|(n, _)| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(in_toml))
            .and_then(|k| department_files.get(k));
        traced.loc = Some(match file_department {
            Some(f) => file_loc(f),
            None => toml_loc(base_file, &p.path),
        });
    }
    traced
}

fn count_headers(file: &Path, header: &str) -> usize {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.trim() == header)
        .count()
}

/// The line of `[[departments]]` number n (or `[hospital]`) in a TOML file.
fn toml_loc(file: &Path, path: &str) -> Loc {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let find = |header: &str, nth: usize| {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == header)
            .nth(nth)
            .map(|(i, _)| i + 1)
    };
    let index = |list: &str| -> Option<usize> {
        path.strip_prefix(list)?
            .strip_prefix('[')?
            .split_once(']')?
            .0
            .parse()
            .ok()
    };
    let line = if let Some(n) = index("departments") {
        find("[[departments]]", n)
    } else if let Some(n) = index("categories") {
        find("[[categories]]", n)
    } else if let Some(n) = index("hospital.campuses") {
        find("[[hospital.campuses]]", n)
    } else if path.starts_with("hospital") {
        find("[hospital]", 0)
    } else {
        None
    };
    match line {
        Some(l) => line_loc(file, l),
        None => file_loc(file),
    }
}
