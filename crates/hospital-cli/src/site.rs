//! `hospital-data site <dist>`: turns Trunk's `dist/` into a static site that any host
//! (GitHub Pages included) serves well:
//!
//! - a page for every route known from the dataset (articles, doctors, departments and
//!   the list pages), each the app shell with its own title, description, canonical URL,
//!   Open Graph tags and JSON-LD, and in its body the app's own rendering of the page
//!   (`hospital_site::prerender`), so deep links answer 200 and readers without scripts,
//!   crawlers and link previews get the content itself;
//! - `404.html` for every other path; `sitemap.xml`, `robots.txt` and an Atom `feed.xml`;
//! - a Content-Security-Policy meta tag that allows Trunk's inline bootstrap by its hash;
//! - the dataset itself, validated and written compactly as `hospital.json` at the site's
//!   root ([`hospital_core::PUBLISHED_DATASET`]), which the app fetches at start: one
//!   dataset per build, so the pages and the app always show the same hospital;
//! - the same records compiled (`hospital.bin`, [`hospital_core::COMPILED_DATASET`]),
//!   which the site's app reads instead of the JSON, their articles beside them
//!   (`hospital.articles.bin`), which only the pages that show articles fetch (their
//!   root carries `data-hs-articles`, so their script preloads both files), above
//!   1,000 doctors the biographies, education and timetable rooms in files of 128
//!   doctors (`hospital.details.<n>.bin`), of which a profile fetches one, and its
//!   doctor index compiled (`doctors.idx`), which the app of a large hospital reads
//!   instead of building it.

use crate::args::{Failure, Spec};
use crate::EXIT_OK;
use hospital_core::model::{Article, Dataset};
use hospital_core::news::FEED_PAGE_SIZE;
use hospital_core::route::{self, Location, NewsQuery, Route};
use hospital_core::schedule::{Date, Now};
use hospital_core::search::DOCTOR_INDEX_FILE;
use hospital_core::{seo, Lang};
use hospital_site::data::{AppData, Needs};
use hospital_site::prerender;
use serde_json::Value;
use sha2::{Digest, Sha256, Sha384};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SPEC: Spec = Spec {
    command: "site",
    positionals: &["dist"],
    options: &["data", "site-url", "lang", "now"],
    flags: &[],
};

pub const HELP: &str = "\
hospital-data site <dist> [--data <dataset.json>] [--site-url <https://example.org>] [--lang en|zh]

Writes a page per route of the dataset into <dist> (Trunk's output), with its own
title, description, canonical URL, Open Graph tags and JSON-LD; 404.html; sitemap.xml,
robots.txt and feed.xml; a Content-Security-Policy meta tag in every page; and the
dataset itself, validated, as <dist>/hospital.json, and compiled, as
<dist>/hospital.bin, which the app loads at start, with its articles as
<dist>/hospital.articles.bin, which only the pages that show articles load, above
1,000 doctors their biographies, education and timetable rooms as
<dist>/hospital.details.<n>.bin, of which a profile loads one, and its doctor
index compiled as <dist>/doctors.idx (see `hospital-data compile`).
  --data      the site's dataset (default data/sample.json), or a content folder (see
              `hospital-data build`), whose pictures are copied into <dist>; article
              bodies kept in files of their own (body_src) are copied from beside it
  --site-url  the origin the site is served from, for canonical URLs (default http://127.0.0.1:8080)
  --lang      the language of the pre-rendered text (default en)
  --now       the hospital's date and time the pages' \"next clinics\" count from,
              YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: now, in the hospital's time zone)
";

pub fn main(args: &[String]) -> Result<i32, Failure> {
    if crate::args::wants_help(args) {
        print!("{HELP}");
        return Ok(EXIT_OK);
    }
    let parsed = SPEC.parse(args)?;
    let dist = PathBuf::from(&parsed.positionals[0]);
    let data_path = parsed.option("data").unwrap_or("data/sample.json");
    let site_url = parsed
        .option("site-url")
        .unwrap_or("http://127.0.0.1:8080")
        .trim_end_matches('/')
        .to_string();
    let lang = match parsed.option("lang") {
        None => Lang::En,
        Some(l) => Lang::from_tag(l)
            .ok_or_else(|| Failure::usage(format!("--lang must be en or zh, not \"{l}\"")))?,
    };
    let json = if Path::new(data_path).is_dir() {
        // A content folder: composed as `build` does, its pictures copied into <dist>.
        let composed = crate::content::compose(Path::new(data_path), Some(&dist))?;
        if composed.errors() > 0 {
            let list: Vec<String> = composed.problems.iter().map(|p| p.to_string()).collect();
            return Err(Failure::invalid(format!(
                "{data_path} does not make a valid dataset:\n{}",
                list.join("\n")
            )));
        }
        serde_json::to_string(&composed.dataset)
            .map_err(|e| Failure::usage(format!("cannot encode the dataset: {e}")))?
    } else {
        fs::read_to_string(data_path)
            .map_err(|e| Failure::usage(format!("cannot read {data_path}: {e}")))?
    };
    let given_now = match parsed.option("now") {
        None => None,
        Some(text) => Some(parse_now(text).ok_or_else(|| {
            Failure::usage(format!(
                "--now must be YYYY-MM-DD or YYYY-MM-DDTHH:MM, not \"{text}\""
            ))
        })?),
    };
    let loaded = crate::load_valid(&json, data_path)?;
    let shell_path = dist.join("index.html");
    let shell = fs::read_to_string(&shell_path).map_err(|e| {
        Failure::usage(format!(
            "cannot read {}: {e} (run trunk build first)",
            shell_path.display()
        ))
    })?;
    if !shell.contains("<!--hs:csp-->") {
        return Err(Failure::usage(format!(
            "{} has no <!--hs:csp--> marker: it was already processed; run trunk build again first",
            shell_path.display()
        )));
    }
    let shell = pin_app_script(&shell, &dist)?;
    let zone = loaded.dataset.hospital.timezone().to_string();
    let now = match given_now.or_else(|| hospital_now(&zone)) {
        Some(now) => now,
        None => {
            return Err(Failure::usage(
                "the system clock is not set (give --now)".to_string(),
            ))
        }
    };
    // A folder's bodies are inline once composed; a file's `body_src` names files beside it.
    let source_dir = if Path::new(data_path).is_dir() {
        PathBuf::from(data_path)
    } else {
        Path::new(data_path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    let published =
        publish_dataset(&dist, &json, &loaded.dataset, &source_dir).map_err(Failure::usage)?;
    let mut loaded = loaded;
    inline_body_files(&mut loaded.dataset, &dist);
    let data = prerender::site_data(loaded, &base_path(&shell));
    let summary = write_site(&dist, &shell, &data, &site_url, lang, now).map_err(Failure::usage)?;
    println!("{summary}, {published}");
    Ok(EXIT_OK)
}

/// Writes the validated dataset as `<dist>/hospital.json` for the app to fetch, compactly
/// (the sample: 224 KB as written, 171 KB compact), and copies the article bodies that it
/// keeps in files of their own from `source_dir`, so that their URLs, relative to the
/// dataset's, still name them. Returns what it wrote, for the summary line.
pub fn publish_dataset(
    dist: &Path,
    json: &str,
    ds: &Dataset,
    source_dir: &Path,
) -> Result<String, String> {
    let name = hospital_core::PUBLISHED_DATASET;
    // The text has just been validated, so it parses; the error path keeps this total.
    let value: Value = serde_json::from_str(json)
        .map_err(|e| format!("cannot re-read the validated dataset: {e}"))?;
    let compact =
        serde_json::to_string(&value).map_err(|e| format!("cannot encode the dataset: {e}"))?;
    let target = dist.join(name);
    fs::write(&target, &compact).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    let index =
        crate::compile::write_doctor_index(&dist.join(DOCTOR_INDEX_FILE), compact.as_bytes(), ds)
            .map_err(|f| f.message)?;
    let compiled = hospital_core::COMPILED_DATASET;
    let records = crate::compile::write_records(&dist.join(compiled), compact.as_bytes(), ds)
        .map_err(|f| f.message)?;
    let articles_file = records.articles.file_name().map(|n| n.to_string_lossy());
    let mut bodies = 0usize;
    for (i, article) in ds.articles.iter().enumerate() {
        let hospital_core::ArticleBody::External { body_src } = &article.body else {
            continue;
        };
        let Some(rel) = local_relative(body_src) else {
            continue; // an absolute URL or a path from the root: not ours to copy
        };
        let from = source_dir.join(rel);
        let to = dist.join(rel);
        if from.is_file() {
            if fs::canonicalize(&from).ok() != fs::canonicalize(&to).ok() {
                if let Some(dir) = to.parent() {
                    fs::create_dir_all(dir)
                        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                }
                fs::copy(&from, &to).map_err(|e| {
                    format!("cannot copy {} to {}: {e}", from.display(), to.display())
                })?;
            }
            bodies += 1;
        } else if !to.is_file() {
            return Err(format!(
                "articles[{i}] ({}).body_src: the file {body_src} is neither beside the dataset ({}) nor in {}",
                article.slug,
                from.display(),
                dist.display()
            ));
        }
    }
    let mut out = format!(
        "{name} ({} KB), {compiled} ({} KB), {} ({} KB), {DOCTOR_INDEX_FILE} ({} KB)",
        compact.len().div_ceil(1024),
        records.records_size.div_ceil(1024),
        articles_file.unwrap_or_default(),
        records.articles_size.div_ceil(1024),
        index.div_ceil(1024)
    );
    out.push_str(&records.details_summary());
    if bodies > 0 {
        let _ = write!(out, " with {bodies} article body files");
    }
    Ok(out)
}

/// The pages carry every article's whole body, also of those the app fetches from a file of
/// their own (`body_src`, copied into `dist` by `publish_dataset`): a reader without scripts
/// reads them, and the app takes the page over once it has fetched the same text. Bodies
/// elsewhere (another site) stay to be fetched by the app.
fn inline_body_files(ds: &mut Dataset, dist: &Path) {
    for article in &mut ds.articles {
        let hospital_core::ArticleBody::External { body_src } = &article.body else {
            continue;
        };
        let Some(text) =
            local_relative(body_src).and_then(|rel| fs::read_to_string(dist.join(rel)).ok())
        else {
            continue;
        };
        article.body = hospital_core::ArticleBody::Inline {
            body: hospital_core::Text::plain(text),
        };
    }
}

/// `body_src` as a path inside the site, when it is one: relative, no `..`, no scheme,
/// query or fragment. Anything else is left as it is (the app fetches it where it points).
fn local_relative(src: &str) -> Option<&str> {
    let plain = !src.is_empty()
        && !src.starts_with('/')
        && !src.contains([':', '?', '#', '\\'])
        && src
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    plain.then_some(src)
}

/// One page to write: where, and what its head and preview say.
struct Page {
    route: Route,
    title: String,
    description: String,
    json_ld: Option<Value>,
    og_type: &'static str,
    image: Option<String>,
}

/// A page to render and write, with the edition it belongs to.
struct PageWork<'a> {
    shell: &'a Shell<'a>,
    /// The language of the URL's prefix (`/zh/`), if it has one.
    url_lang: Option<Lang>,
    page_base: &'a str,
    page: Page,
}

/// `f` of every item, in their order, on as many threads as the machine has cores: a
/// page renders on its own, and a large hospital has hundreds of thousands (244,068 at
/// 100,000 doctors and 20,000 articles, 13.6 minutes on one core). The first error in
/// the items' order, if any; the threads take no new item once one has failed.
fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, String> + Sync,
) -> Result<Vec<R>, String> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let work = || {
        let mut done = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            let result = f(item);
            if result.is_err() {
                failed.store(true, Ordering::Relaxed);
            }
            done.push((i, result));
        }
        done
    };
    let mut results: Vec<(usize, Result<R, String>)> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for other in others {
            match other.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, result)| result).collect()
}

/// Builds every page and support file; returns a one-line summary.
pub fn write_site(
    dist: &Path,
    shell: &str,
    data: &Arc<AppData>,
    site_url: &str,
    lang: Lang,
    now: Now,
) -> Result<String, String> {
    let ds = &data.dataset;
    let base = base_path(shell);
    let origin_base = format!("{site_url}{}", base.trim_end_matches('/'));
    let csp = content_security_policy(shell);
    let site_name = ds.hospital.name.get(lang).text.to_string();
    let site_shell = Shell {
        html: shell,
        csp: &csp,
        site: &site_name,
        base: &base,
        lang,
    };
    // An English site also gets its Chinese pages under /zh/, each naming the other.
    let zh_base = format!("{origin_base}{}", route::lang_prefix(Lang::Zh));
    let zh_name = ds.hospital.name.get(Lang::Zh).text.to_string();
    let zh_shell = Shell {
        site: &zh_name,
        lang: Lang::Zh,
        ..site_shell
    };
    let mut editions = vec![(&site_shell, None, origin_base.as_str())];
    if lang == Lang::En {
        editions.push((&zh_shell, Some(Lang::Zh), zh_base.as_str()));
    }
    // The feed's later pages, so that a reader without scripts can page through it; the
    // build's own news index cuts them, as the app's does.
    let feed_pages = (data.news())
        .query(data.news_dataset(), &NewsQuery::default(), FEED_PAGE_SIZE)
        .pages;
    // A large hospital's profile names the file of its doctor's biography, which its
    // script then fetches with the records instead of after them.
    let details = hospital_core::compiled::dataset::details_files(
        &hospital_core::compiled::dataset::articles_file_for(hospital_core::COMPILED_DATASET),
        ds.doctors.len(),
    );
    let details_of = |route: &Route| match (&details, route) {
        (Some(files), Route::Doctor(id)) => data
            .doctor_place(id)
            .map(|place| files.name(files.file_of(place))),
        _ => None,
    };
    let mut work = Vec::new();
    for (edition_shell, url_lang, page_base) in editions {
        let edition_pages = pages(
            ds,
            data.articles(),
            edition_shell.lang,
            &origin_base,
            page_base,
            feed_pages,
        );
        work.extend(edition_pages.into_iter().map(|page| PageWork {
            shell: edition_shell,
            url_lang,
            page_base,
            page,
        }));
    }
    let write_page = |work: &PageWork| -> Result<(String, usize), String> {
        let PageWork {
            shell: edition_shell,
            url_lang,
            page_base,
            page,
        } = work;
        let url = canonical(page_base, &page.route);
        let alternates = (lang == Lang::En).then(|| {
            [
                ("en", canonical(&origin_base, &page.route)),
                ("zh-Hans", canonical(&zh_base, &page.route)),
                ("x-default", canonical(&origin_base, &page.route)),
            ]
        });
        let location = Location {
            route: page.route.clone(),
            lang: *url_lang,
        };
        let body = prerender::page(data, location, edition_shell.lang, &base, now);
        let preload = details_of(&page.route);
        let html = render(
            edition_shell,
            page,
            &url,
            Some(&body),
            alternates.as_ref(),
            preload.as_deref(),
        );
        let folder = url_lang.map(|l| route::lang_prefix(l).trim_start_matches('/'));
        let file = match folder {
            Some(f) => dist.join(f).join(file_for(&page.route)),
            None => dist.join(file_for(&page.route)),
        };
        if let Some(dir) = file.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        fs::write(&file, &html).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        Ok((url, html.len()))
    };
    let written = on_every_core(&work, write_page)?;
    let count = written.len();
    let bytes: usize = written.iter().map(|(_, len)| len).sum();
    let urls: Vec<String> = written.into_iter().map(|(url, _)| url).collect();
    let not_found = Page {
        route: Route::NotFound("/404".into()),
        title: if lang == Lang::Zh {
            "找不到页面"
        } else {
            "Page not found"
        }
        .to_string(),
        description: String::new(),
        json_ld: None,
        og_type: "website",
        image: None,
    };
    // Any address may land here, so there is nothing to render before the app knows
    // which page it is: the app renders it.
    let html_404 = render(
        &site_shell,
        &not_found,
        &format!("{origin_base}/"),
        None,
        None,
        None,
    )
    // Search engines must not index the page that answers unknown addresses.
    .replacen(
        "<link rel=\"canonical\"",
        "<meta name=\"robots\" content=\"noindex\"><link rel=\"canonical\"",
        1,
    );
    fs::write(dist.join("404.html"), html_404)
        .map_err(|e| format!("cannot write 404.html: {e}"))?;
    fs::write(dist.join("sitemap.xml"), sitemap(&urls))
        .map_err(|e| format!("cannot write sitemap.xml: {e}"))?;
    fs::write(
        dist.join("robots.txt"),
        format!("User-agent: *\nAllow: /\nSitemap: {origin_base}/sitemap.xml\n"),
    )
    .map_err(|e| format!("cannot write robots.txt: {e}"))?;
    fs::write(
        dist.join("feed.xml"),
        atom_feed(ds, data.articles(), lang, &origin_base),
    )
    .map_err(|e| format!("cannot write feed.xml: {e}"))?;
    Ok(format!(
        "site: wrote {} pages ({} KB of HTML), 404.html, sitemap.xml, robots.txt, feed.xml",
        count,
        bytes / 1024
    ))
}

/// Now at the hospital (its IANA time zone; UTC if the zone is unknown): where a build
/// without `--now` counts "next clinics" from, as the app in the browser does.
fn hospital_now(zone: &str) -> Option<Now> {
    let now = jiff::Timestamp::now();
    let here = now
        .in_tz(zone)
        .unwrap_or_else(|_| now.to_zoned_datetime(jiff::tz::TimeZone::UTC));
    Now::new(
        i32::from(here.year()),
        u32::try_from(here.month()).ok()?,
        u32::try_from(here.day()).ok()?,
        u32::try_from(here.hour()).ok()?,
        u32::try_from(here.minute()).ok()?,
    )
}

/// `YYYY-MM-DD` (the day's start) or `YYYY-MM-DDTHH:MM`.
fn parse_now(text: &str) -> Option<Now> {
    let text = text.trim();
    let (day, time) = text.split_once('T').unwrap_or((text, "00:00"));
    let date = Date::parse_iso(day)?;
    let (h, m) = time.split_once(':')?;
    // `Now::new` refuses an hour or minute out of range.
    Now::new(
        date.year(),
        date.month(),
        date.day(),
        h.parse().ok()?,
        m.parse().ok()?,
    )
}

/// The path Trunk wrote into `<base href="...">` (`--public-url`), always ending in `/`.
fn base_path(shell: &str) -> String {
    let href = shell
        .find("<base")
        .and_then(|i| shell[i..].find("href=\"").map(|j| i + j + 6))
        .and_then(|start| {
            shell[start..]
                .find('"')
                .map(|end| &shell[start..start + end])
        })
        .unwrap_or("/");
    if href.ends_with('/') {
        href.to_string()
    } else {
        format!("{href}/")
    }
}

/// The shell with an import map that pins the app's JS glue by its SHA-384 hash (checked
/// by the browser on `import()`, as the README's widget example pins it). Trunk's own
/// preload links carried the hashes; the shell's loader has none, since it fetches the app
/// only after the first paint (Trunk.toml). A shell without the loader is left as it is.
fn pin_app_script(shell: &str, dist: &Path) -> Result<String, Failure> {
    const GLUE: &str = "hospital_site.js";
    let Some(loader) = shell.find("<script type=\"module\">") else {
        return Ok(shell.to_string());
    };
    let path = dist.join(GLUE);
    let glue = fs::read(&path).map_err(|e| {
        Failure::usage(format!(
            "cannot read {}: {e} (run trunk build first)",
            path.display()
        ))
    })?;
    let hash = base64(&Sha384::digest(&glue));
    let map = format!(
        "<script type=\"importmap\">{{\"integrity\":{{\"{}{GLUE}\":\"sha384-{hash}\"}}}}</script>\n",
        base_path(shell)
    );
    Ok(format!("{}{map}{}", &shell[..loader], &shell[loader..]))
}

/// The policy every page carries. Scripts: our own files, plus Trunk's inline bootstrap by
/// its hash; wasm needs 'wasm-unsafe-eval' (never 'unsafe-eval'). No inline styles at all.
pub fn content_security_policy(shell: &str) -> String {
    let mut hashes = String::new();
    for script in inline_scripts(shell) {
        let digest = Sha256::digest(script.as_bytes());
        let _ = write!(hashes, " 'sha256-{}'", base64(&digest));
    }
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'"
    )
}

/// Bodies of `<script>` elements without `src` that the browser would execute.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        let after = &rest[i..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        let body = &after[body_start..body_start + close];
        let is_data = tag.contains("application/ld+json") || tag.contains("application/json");
        if !tag.contains(" src=") && !is_data {
            out.push(body);
        }
        rest = &after[body_start + close..];
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn file_for(route: &Route) -> String {
    match route {
        Route::Home(_) => "index.html".into(),
        Route::News(q) if q.page <= 1 => "news/index.html".into(),
        Route::Doctors(_) => "doctors/index.html".into(),
        Route::Departments => "departments/index.html".into(),
        // `news/<slug>.html` answers `/news/<slug>` on GitHub Pages without a redirect.
        other => format!("{}.html", other.path().trim_start_matches('/')),
    }
}

/// The path of an absolute URL (`https://example.org/news/` → `/news/`): the page's own
/// address on whichever host serves the site.
fn path_of(url: &str) -> &str {
    url.find("://")
        .and_then(|i| url[i + 3..].find('/').map(|j| &url[i + 3 + j..]))
        .unwrap_or("/")
}

fn canonical(origin_base: &str, route: &Route) -> String {
    match route {
        Route::News(q) if q.page > 1 => format!("{origin_base}{}", route.path()),
        Route::News(_) | Route::Doctors(_) | Route::Departments => {
            format!("{origin_base}{}/", route.path())
        }
        _ => format!("{origin_base}{}", route.path()),
    }
}

/// The pages of one language: `origin_base` is where the site's files are (pictures),
/// `page_base` where this language's pages are (`…/zh` for the Chinese ones);
/// `feed_pages` how many pages the whole news feed has.
fn pages(
    ds: &Dataset,
    articles: &[Article],
    lang: Lang,
    origin_base: &str,
    page_base: &str,
    feed_pages: usize,
) -> Vec<Page> {
    let hospital = ds.hospital.name.get(lang).text.to_string();
    let description = ds.hospital.description.get(lang).text.to_string();
    let zh = lang == Lang::Zh;
    let mut newest: Vec<&Article> = articles.iter().collect();
    newest.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let news_q = NewsQuery {
        page: 1,
        ..Default::default()
    };
    let mut out = vec![
        Page {
            route: Route::Home(news_q.clone()),
            title: hospital.clone(),
            description: description.clone(),
            json_ld: Some(seo::hospital(ds, lang, &format!("{page_base}/"))),
            og_type: "website",
            image: None,
        },
        Page {
            route: Route::News(news_q),
            title: if zh { "新闻" } else { "News" }.into(),
            description: description.clone(),
            json_ld: None,
            og_type: "website",
            image: None,
        },
        Page {
            route: Route::Doctors(Default::default()),
            title: if zh { "找医生" } else { "Find a Doctor" }.into(),
            description: if zh {
                "按姓名、疾病或科室搜索医生，查看每周门诊时间。"
            } else {
                "Search doctors by name, condition or department and see their weekly clinics."
            }
            .into(),
            json_ld: None,
            og_type: "website",
            image: None,
        },
        Page {
            route: Route::Departments,
            title: if zh { "科室" } else { "Departments" }.into(),
            description: description.clone(),
            json_ld: None,
            og_type: "website",
            image: None,
        },
    ];
    for page in 2..=feed_pages {
        out.push(Page {
            route: Route::News(NewsQuery {
                page,
                ..Default::default()
            }),
            title: hospital_site::i18n::feed_title(
                hospital_site::i18n::messages(lang),
                page,
                feed_pages,
            ),
            description: description.clone(),
            json_ld: None,
            og_type: "website",
            image: None,
        });
    }
    let resolve = |src: &str| -> Option<String> {
        if hospital_core::urls::is_web_url(src) {
            Some(src.to_string())
        } else if hospital_core::urls::is_safe_image_src(src) {
            Some(format!("{origin_base}/{}", src.trim_start_matches('/')))
        } else {
            None
        }
    };
    for a in articles {
        let url = format!("{page_base}/news/{}", a.slug);
        let title = a.title.get(lang).text.to_string();
        let summary = a.summary.get(lang).text.to_string();
        out.push(Page {
            route: Route::Article(a.slug.clone()),
            json_ld: Some(seo::news_article(ds, a, lang, &url, resolve)),
            image: a.cover.as_ref().and_then(|c| resolve(&c.src)),
            title,
            description: summary,
            og_type: "article",
        });
    }
    for d in &ds.doctors {
        let url = format!("{page_base}/doctors/{}", d.id);
        let name = d.name.get(lang).text.to_string();
        let departments: Vec<&str> = d
            .departments
            .iter()
            .filter_map(|id| ds.department(id))
            .map(|x| x.name.get(lang).text)
            .collect();
        let description = format!("{name} · {}", departments.join(", "));
        out.push(Page {
            route: Route::Doctor(d.id.clone()),
            json_ld: Some(seo::physician(ds, d, lang, &url)),
            title: name,
            description,
            og_type: "profile",
            image: None,
        });
    }
    for d in &ds.departments {
        let name = d.name.get(lang).text.to_string();
        let description = d.description.get(lang).text.to_string();
        out.push(Page {
            route: Route::Department(d.id.clone()),
            json_ld: None,
            title: name,
            description,
            og_type: "website",
            image: None,
        });
    }
    out
}

/// What every page of one build shares: Trunk's shell, the policy, the site's name,
/// base path and language.
#[derive(Clone, Copy)]
struct Shell<'a> {
    html: &'a str,
    csp: &'a str,
    site: &'a str,
    base: &'a str,
    lang: Lang,
}

/// One page: the shell with the page's head, and `body` (the app's markup for it) in
/// the app's root, or the root left for the app to fill.
fn render(
    shell: &Shell,
    page: &Page,
    url: &str,
    body: Option<&str>,
    alternates: Option<&[(&str, String); 3]>,
    details_file: Option<&str>,
) -> String {
    let Shell {
        html: shell,
        csp,
        site,
        base,
        lang,
    } = *shell;
    let title = if page.title == site || site.is_empty() {
        page.title.clone()
    } else {
        format!("{} · {site}", page.title)
    };
    let mut head = String::new();
    let _ = write!(
        head,
        "<link rel=\"canonical\" href=\"{}\" data-hs-head>",
        esc(url)
    );
    // No frame before the whole page is parsed (Chromium 124+; others paint as they
    // parse): a frame of half a page, under load or on a slow link, is later shifted by
    // the rest. `#top` is the top of the document, which unblocks when parsing ends (an
    // element id, `#app`, unblocked as soon as its start tag was read). The link must
    // name its own document, by path since `<base>` would resolve a bare fragment.
    if body.is_some() {
        let _ = write!(
            head,
            "<link rel=\"expect\" href=\"{}#top\" blocking=\"render\">",
            esc(path_of(url))
        );
    }
    for (hreflang, href) in alternates.into_iter().flatten() {
        let _ = write!(
            head,
            "<link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{}\">",
            esc(href)
        );
    }
    let _ = write!(
        head,
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{}feed.xml\" title=\"{}\">",
        esc(base),
        esc(site)
    );
    let mut meta = |property: &str, value: &str| {
        if !value.is_empty() {
            let _ = write!(
                head,
                "<meta property=\"{property}\" content=\"{}\" data-hs-head>",
                esc(value)
            );
        }
    };
    meta("og:title", &page.title);
    meta("og:description", &page.description);
    meta("og:type", page.og_type);
    meta("og:url", url);
    meta("og:site_name", site);
    meta(
        "og:locale",
        if lang == Lang::Zh { "zh_CN" } else { "en_US" },
    );
    if let Some(img) = &page.image {
        meta("og:image", img);
    }
    if let Some(ld) = &page.json_ld {
        let _ = write!(
            head,
            "<script type=\"application/ld+json\" data-hs-head>{}</script>",
            json_for_script(ld)
        );
    }
    let mut html = shell.to_string();
    html = replace_between(&html, "<title>", "</title>", &esc(&title));
    html = replace_attr_of(
        &html,
        "<meta name=\"description\"",
        "content",
        &page.description,
    );
    html = html.replacen(
        "<!--hs:csp-->",
        &format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            esc(csp)
        ),
        1,
    );
    html = html.replacen("<!--hs:head-->", &head, 1);
    if let Some(body) = body {
        // The app's own markup replaces the shell's empty root and its <noscript> note (the
        // shell's root holds no other <div>, so its first closing tag is the root's).
        html = replace_between(
            &html,
            "<div id=\"app\" data-hospital-site-root>",
            "</div>",
            body,
        )
        .replacen(
            "<div id=\"app\" data-hospital-site-root>",
            &format!(
                "<div id=\"app\" data-hospital-site-root data-hs-prerendered{}{} data-hs-params=\"{}\">",
                // A page that shows articles has their file fetched with the records
                // (the page's script, in Trunk.toml), not after them; a large
                // hospital's profile, the file of its doctor's biography.
                if Needs::of(&page.route).articles {
                    " data-hs-articles"
                } else {
                    ""
                },
                details_file
                    .map(|f| format!(" data-hs-details=\"{}\"", esc(f)))
                    .unwrap_or_default(),
                hospital_core::route::QUERY_PARAMS.join(" ")
            ),
            1,
        );
    } else {
        html = html.replacen("<!--hs:preview-->", "", 1);
    }
    html.replacen(
        "<html lang=\"en\">",
        &format!("<html lang=\"{}\">", lang.code()),
        1,
    )
}

fn replace_between(html: &str, open: &str, close: &str, with: &str) -> String {
    match html
        .find(open)
        .and_then(|s| html[s..].find(close).map(|e| (s + open.len(), s + e)))
    {
        Some((start, end)) => format!("{}{with}{}", &html[..start], &html[end..]),
        None => html.to_string(),
    }
}

fn replace_attr_of(html: &str, tag_start: &str, attr: &str, value: &str) -> String {
    let Some(s) = html.find(tag_start) else {
        return html.to_string();
    };
    let needle = format!("{attr}=\"");
    let Some(a) = html[s..].find(&needle).map(|a| s + a + needle.len()) else {
        return html.to_string();
    };
    let Some(e) = html[a..].find('"').map(|e| a + e) else {
        return html.to_string();
    };
    format!("{}{}{}", &html[..a], esc(value), &html[e..])
}

/// HTML text and attribute escaping.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON inside a `<script>` element: `<` is escaped so that no `</script>` or `<!--`
/// in the data can end the element early.
fn json_for_script(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn sitemap(urls: &[String]) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for u in urls {
        let _ = writeln!(s, "  <url><loc>{}</loc></url>", esc(u));
    }
    s.push_str("</urlset>\n");
    s
}

/// The newest 100 articles as an Atom feed, so readers and aggregators can follow the news.
fn atom_feed(ds: &Dataset, articles: &[Article], lang: Lang, origin_base: &str) -> String {
    let mut newest: Vec<&Article> = articles.iter().collect();
    newest.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let updated = newest
        .first()
        .map(|a| a.date.clone())
        .unwrap_or_else(|| "2026-01-01".into());
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(
        s,
        "  <title>{}</title>",
        esc(ds.hospital.name.get(lang).text)
    );
    let _ = writeln!(s, "  <id>{}/</id>", esc(origin_base));
    let _ = writeln!(s, "  <link href=\"{}/\"/>", esc(origin_base));
    let _ = writeln!(
        s,
        "  <link rel=\"self\" href=\"{}/feed.xml\"/>",
        esc(origin_base)
    );
    let _ = writeln!(s, "  <updated>{updated}T00:00:00Z</updated>");
    for a in newest.iter().take(100) {
        let url = format!("{origin_base}/news/{}", a.slug);
        let author = a
            .author
            .as_ref()
            .map(|x| x.get(lang).text)
            .unwrap_or_else(|| ds.hospital.name.get(lang).text);
        let _ = writeln!(
            s,
            "  <entry><title>{}</title><id>{u}</id><link href=\"{u}\"/><updated>{}T00:00:00Z</updated><author><name>{}</name></author><summary>{}</summary></entry>",
            esc(a.title.get(lang).text),
            esc(&a.date),
            esc(author),
            esc(a.summary.get(lang).text),
            u = esc(&url)
        );
    }
    s.push_str("</feed>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_on_every_core_comes_back_in_the_items_order() {
        let items: Vec<u32> = (0..5_000).collect();
        let seen = std::sync::Mutex::new(std::collections::HashSet::new());
        let squares = on_every_core(&items, |&n| {
            seen.lock()
                .map_err(|e| e.to_string())?
                .insert(std::thread::current().id());
            Ok(u64::from(n) * u64::from(n))
        });
        let expected: Vec<u64> = items.iter().map(|&n| u64::from(n) * u64::from(n)).collect();
        assert_eq!(squares, Ok(expected));
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert!(seen
            .lock()
            .map(|s| !s.is_empty() && s.len() <= threads)
            .unwrap_or(false));
        assert_eq!(on_every_core(&[] as &[u32], |_| Ok(())), Ok(Vec::new()));
    }

    #[test]
    fn work_on_every_core_answers_the_first_failure_in_the_items_order() {
        // Two items fail; whichever thread meets which first, the answer is the earlier
        // item's, as a build on one core would have said.
        for _ in 0..20 {
            let items: Vec<u32> = (0..2_000).collect();
            let answer = on_every_core(&items, |&n| match n {
                699 | 700 => Err(format!("cannot write page {n}")),
                _ => Ok(n),
            });
            assert_eq!(answer, Err("cannot write page 699".to_string()));
        }
    }

    #[test]
    fn a_page_expects_its_own_path() {
        assert_eq!(path_of("https://example.org/news/"), "/news/");
        assert_eq!(
            path_of("http://127.0.0.1:8080/hospital-site/doctors/zhang-wei"),
            "/hospital-site/doctors/zhang-wei"
        );
        assert_eq!(path_of("https://example.org"), "/");
    }

    #[test]
    fn hashes_only_executable_inline_scripts() {
        let html = "<script type=\"module\">import x from './a.js';</script><script src=\"b.js\"></script><script type=\"application/ld+json\">{}</script>";
        assert_eq!(inline_scripts(html), vec!["import x from './a.js';"]);
        let csp = content_security_policy(html);
        assert!(csp.contains("'sha256-"), "{csp}");
        assert!(!csp.contains("unsafe-eval'") || csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("'unsafe-inline'"));
    }

    #[test]
    fn now_is_a_date_or_a_date_and_time() {
        assert_eq!(parse_now("2026-12-07"), Now::new(2026, 12, 7, 0, 0));
        assert_eq!(parse_now("2026-12-07T14:30"), Now::new(2026, 12, 7, 14, 30));
        assert_eq!(parse_now("2026-12-07T24:00"), None);
        assert_eq!(parse_now("2026-02-30"), None);
        assert_eq!(parse_now("7 Dec"), None);
    }

    #[test]
    fn the_build_clock_is_the_hospitals() {
        let shanghai = hospital_now("Asia/Shanghai").expect("a time");
        let utc = hospital_now("UTC").expect("a time");
        let hours = |n: Now| n.date.days_since_1970() * 24 + i64::from(n.hour());
        assert_eq!(hours(shanghai) - hours(utc), 8);
        // A zone nobody knows counts in UTC rather than failing the build.
        assert_eq!(
            hospital_now("Mars/Olympus_Mons").map(hours),
            Some(hours(utc))
        );
    }

    #[test]
    fn the_app_script_is_pinned_by_an_import_map_before_the_loader() {
        let dir = std::env::temp_dir().join(format!("hs-pin-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("a temporary folder");
        fs::write(dir.join("hospital_site.js"), "abc").expect("a file");
        let shell = "<head><base href=\"/sub/\"><script type=\"module\">import(\"/sub/hospital_site.js\")</script></head>";
        let pinned = pin_app_script(shell, &dir).expect("pinned");
        // sha384("abc"), as `openssl dgst -sha384 -binary | base64` gives it.
        let map = "<script type=\"importmap\">{\"integrity\":{\"/sub/hospital_site.js\":\"sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn\"}}</script>";
        assert!(pinned.contains(map), "{pinned}");
        assert!(pinned.find(map) < pinned.find("<script type=\"module\">"));
        assert!(content_security_policy(&pinned).matches("'sha256-").count() == 2);
        assert_eq!(
            pin_app_script("<head></head>", &dir).expect("as it is"),
            "<head></head>"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn base64_matches_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn json_cannot_close_its_script() {
        let v = serde_json::json!({ "headline": "</script><script>alert(1)</script>" });
        assert!(!json_for_script(&v).contains("</script>"));
    }

    #[test]
    fn reads_the_base_trunk_wrote() {
        assert_eq!(
            base_path("<base href=\"/hospital-site/\">"),
            "/hospital-site/"
        );
        assert_eq!(base_path("<head></head>"), "/");
    }
}
