//! Reading a dataset from JSON text: syntax, types and meaning, with every
//! problem reported at once and named by its JSON path (`doctors[12].schedule[3].weekday`).
//!
//! The text is cut into records first ([`outline`]), then each record is parsed into a
//! `serde_json::Value` and decoded field by field, so that one wrong field does not
//! hide the next and the work can be done in slices ([`Staged`]). Text that does not
//! cut cleanly is parsed whole, so that a syntax error carries its line and column.

use crate::fields;
use crate::model::*;
use crate::text::Text;
use crate::urls::{is_safe_image_src, is_web_url};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

mod outline;
mod staged;

pub use staged::Staged;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong with a dataset, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// JSON path such as `doctors[3].schedule[0].weekday`; empty for the whole document.
    pub path: String,
    /// 1-based line and column, for syntax errors.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}")?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " at line {l}, column {c}")?;
        }
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A dataset that loaded, with the warnings that did not stop it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub dataset: Dataset,
    pub warnings: Vec<Problem>,
}

/// Parses and validates a dataset. `Err` holds every error found (and the warnings).
///
/// The same work as [`Staged`] run to its end; a browser runs [`Staged`] itself, a
/// slice at a time, so that a large dataset never freezes the page.
pub fn load(json: &str) -> Result<Loaded, Vec<Problem>> {
    Staged::new(json.as_bytes()).run()
}

/// Parses the whole text into one JSON tree, then validates it: exact (a syntax error
/// gets its line and column) but done in one go. [`Staged`] falls back to it when
/// the text is not what its outline expects, and tests compare the two.
pub fn load_whole(json: &str) -> Result<Loaded, Vec<Problem>> {
    let value: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            return Err(vec![Problem {
                severity: Severity::Error,
                path: String::new(),
                line: Some(e.line()),
                column: Some(e.column()),
                message: syntax_message(&e),
            }])
        }
    };
    load_value(&value)
}

/// As [`load_whole`], for bytes that may not be UTF-8 text.
pub fn load_whole_bytes(json: &[u8]) -> Result<Loaded, Vec<Problem>> {
    match std::str::from_utf8(json) {
        Ok(text) => load_whole(text),
        Err(e) => {
            let good = &json[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(vec![Problem {
                severity: Severity::Error,
                path: String::new(),
                line: Some(line),
                column: Some(column),
                message: "the file is not UTF-8 text (save it as UTF-8)".into(),
            }])
        }
    }
}

fn syntax_message(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; we report those separately.
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    if text.contains("recursion limit exceeded") {
        // Valid JSON, perhaps, but no dataset nests this deep; the parser stops here.
        return "the file nests arrays or objects more than 128 levels deep, which no dataset does"
            .to_string();
    }
    format!("the file is not valid JSON: {text}")
}

/// Validates an already parsed JSON value.
pub fn load_value(value: &Value) -> Result<Loaded, Vec<Problem>> {
    let mut d = Decoder::default();
    let dataset = d.dataset(value);
    if let Some(ds) = &dataset {
        d.check_meaning(ds);
    }
    d.finish(dataset)
}

/// Reads a separately stored article body (Markdown text). Bodies are plain text,
/// so the only check is that one is there.
pub fn check_body(path: &str, markdown: &str) -> Result<(), Problem> {
    if markdown.trim().is_empty() {
        return Err(Problem {
            severity: Severity::Error,
            path: path.to_string(),
            line: None,
            column: None,
            message: "the article body file is empty".into(),
        });
    }
    Ok(())
}

#[derive(Default)]
struct Decoder {
    problems: Vec<Problem>,
}

/// Ids the cross-record checks look up, gathered once.
struct KnownIds {
    campuses: HashSet<String>,
    categories: HashSet<String>,
    departments: HashSet<String>,
    /// Each doctor id and where it first occurs, filled by `check_doctor_id`.
    doctors: HashMap<String, usize>,
    /// Departments at least one doctor works in, filled by `check_doctor`.
    staffed: HashSet<String>,
}

/// A place in the document (`doctors[3].schedule[0].weekday`), built while decoding
/// without allocating: it is written out only when a problem names it.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

const ROOT: Path<'static> = Path::Root;

impl fmt::Display for Path<'_> {
    /// A key that would read as more than one step (`a.b`, `x[0]`, spaces, an empty
    /// key) is quoted: `doctors[3]["a.b"]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Path::Root => Ok(()),
            Path::Key(parent, key) => {
                let plain = !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                match (plain, parent) {
                    (true, Path::Root) => f.write_str(key),
                    (true, _) => write!(f, "{parent}.{key}"),
                    (false, _) => write!(f, "{parent}[{}]", Value::from(key)),
                }
            }
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

fn at<'a>(path: &'a Path<'a>, key: &'a str) -> Path<'a> {
    Path::Key(path, key)
}

fn idx<'a>(path: &'a Path<'a>, i: usize) -> Path<'a> {
    Path::Index(path, i)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Ids and slugs appear in URLs, so they are kept to URL-safe characters.
fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `YYYY-MM-DD`, a real calendar date.
pub fn is_valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    if !s[0..4].bytes().all(|c| c.is_ascii_digit()) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

impl Decoder {
    fn error(&mut self, path: impl fmt::Display, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Error,
            path: path.to_string(),
            line: None,
            column: None,
            message: message.into(),
        });
    }

    fn warn(&mut self, path: impl fmt::Display, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Warning,
            path: path.to_string(),
            line: None,
            column: None,
            message: message.into(),
        });
    }

    fn object<'v>(&mut self, v: &'v Value, path: &Path<'_>) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            other => {
                self.error(
                    path,
                    format!("expected an object, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    fn unknown_fields(&mut self, m: &Map<String, Value>, path: &Path<'_>, known: &[&str]) {
        for k in m.keys() {
            if !known.contains(&k.as_str()) {
                self.warn(at(path, k), format!("unknown field \"{k}\" is ignored"));
            }
        }
    }

    fn array<'v>(
        &mut self,
        m: &'v Map<String, Value>,
        path: &Path<'_>,
        key: &str,
        required: bool,
    ) -> &'v [Value] {
        match m.get(key) {
            Some(Value::Array(a)) => a,
            Some(Value::Null) | None => {
                if required {
                    self.error(at(path, key), "this field is required (an array)");
                }
                &[]
            }
            Some(other) => {
                self.error(
                    at(path, key),
                    format!("expected an array, found {}", kind_of(other)),
                );
                &[]
            }
        }
    }

    fn string(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
        required: bool,
    ) -> Option<String> {
        match m.get(key) {
            Some(Value::String(s)) => {
                if required && s.trim().is_empty() {
                    self.error(at(path, key), "must not be empty");
                    None
                } else {
                    Some(s.clone())
                }
            }
            Some(Value::Null) | None => {
                if required {
                    self.error(at(path, key), "this field is required (a string)");
                }
                None
            }
            Some(other) => {
                self.error(
                    at(path, key),
                    format!("expected a string, found {}", kind_of(other)),
                );
                None
            }
        }
    }

    fn boolean(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
        default: bool,
    ) -> bool {
        match m.get(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::Null) | None => default,
            Some(other) => {
                self.error(
                    at(path, key),
                    format!("expected true or false, found {}", kind_of(other)),
                );
                default
            }
        }
    }

    fn text_value(&mut self, v: &Value, path: &Path<'_>, required: bool) -> Text {
        match v {
            Value::String(s) => {
                if required && s.trim().is_empty() {
                    self.error(path, "must not be empty");
                }
                Text::Plain(s.clone())
            }
            Value::Object(map) => {
                let mut out = BTreeMap::new();
                for (k, v) in map {
                    let p = at(path, k);
                    if crate::text::Lang::from_tag(k).is_none() && !is_language_tag(k) {
                        self.error(
                            p,
                            format!("\"{k}\" is not a language code (use \"en\" or \"zh\")"),
                        );
                        continue;
                    }
                    match v {
                        Value::String(s) => {
                            out.insert(k.clone(), s.clone());
                        }
                        other => {
                            self.error(p, format!("expected a string, found {}", kind_of(other)))
                        }
                    }
                }
                let t = Text::Localized(out);
                if required && t.is_blank() {
                    self.error(path, "must not be empty in every language");
                }
                t
            }
            other => {
                self.error(
                    path,
                    format!(
                        "expected a string or a map of languages to strings, found {}",
                        kind_of(other)
                    ),
                );
                Text::default()
            }
        }
    }

    fn text(&mut self, m: &Map<String, Value>, path: &Path<'_>, key: &str, required: bool) -> Text {
        match m.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.error(at(path, key), "this field is required (a text)");
                }
                Text::default()
            }
            Some(v) => self.text_value(v, &at(path, key), required),
        }
    }

    fn opt_text(&mut self, m: &Map<String, Value>, path: &Path<'_>, key: &str) -> Option<Text> {
        match m.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(self.text_value(v, &at(path, key), false)),
        }
    }

    fn texts(&mut self, m: &Map<String, Value>, path: &Path<'_>, key: &str) -> Vec<Text> {
        let p = at(path, key);
        self.array(m, path, key, false)
            .iter()
            .enumerate()
            .map(|(i, v)| self.text_value(v, &idx(&p, i), true))
            .collect()
    }

    fn strings(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
        required: bool,
    ) -> Vec<String> {
        let p = at(path, key);
        let items = self.array(m, path, key, required);
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            match v {
                Value::String(s) if !s.trim().is_empty() => out.push(s.clone()),
                Value::String(_) => self.error(idx(&p, i), "must not be empty"),
                other => self.error(
                    idx(&p, i),
                    format!("expected a string, found {}", kind_of(other)),
                ),
            }
        }
        out
    }

    fn id(&mut self, m: &Map<String, Value>, path: &Path<'_>, key: &str) -> String {
        let s = self.string(m, path, key, true).unwrap_or_default();
        if !s.is_empty() && !is_valid_id(&s) {
            self.error(
                at(path, key),
                format!(
                    "\"{}\" may use only letters, digits, '-' and '_' (it becomes part of a URL)",
                    clip(&s)
                ),
            );
        }
        s
    }

    fn keyword<T>(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
        parse: fn(&str) -> Option<T>,
        allowed: String,
    ) -> Option<T> {
        let s = self.string(m, path, key, true)?;
        let parsed = parse(&s);
        if parsed.is_none() {
            self.error(
                at(path, key),
                format!("\"{}\" is not one of: {allowed}", clip(&s)),
            );
        }
        parsed
    }

    fn web_url(&mut self, m: &Map<String, Value>, path: &Path<'_>, key: &str) -> Option<String> {
        let s = self.string(m, path, key, false)?;
        if !is_web_url(&s) {
            self.error(
                at(path, key),
                format!("\"{}\" is not an http(s) URL", clip(&s)),
            );
            return None;
        }
        Some(s)
    }

    fn phone(&mut self, m: &Map<String, Value>, path: &Path<'_>, key: &str) -> Option<String> {
        let s = self.string(m, path, key, false)?;
        let ok = s.chars().any(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_digit() || " +-().,#/ext".contains(c));
        if !ok {
            self.error(
                at(path, key),
                format!("\"{}\" is not a telephone number", clip(&s)),
            );
            return None;
        }
        Some(s)
    }

    fn image(&mut self, m: &Map<String, Value>, path: &Path<'_>, key: &str) -> Option<Image> {
        let v = m.get(key).filter(|v| !v.is_null())?;
        let p = at(path, key);
        let o = self.object(v, &p)?;
        self.unknown_fields(o, &p, fields::IMAGE);
        let src = self.string(o, &p, "src", true)?;
        if !is_safe_image_src(&src) {
            self.error(
                at(&p, "src"),
                format!("\"{}\" must be an http(s) or relative URL", clip(&src)),
            );
        }
        let alt = match o.get("alt") {
            // An empty alt is allowed on purpose: it marks a decorative image.
            Some(v) if !v.is_null() => self.text_value(v, &at(&p, "alt"), false),
            _ => {
                self.error(
                    at(&p, "alt"),
                    "this field is required: describe the image, or use \"\" if it is decorative",
                );
                Text::default()
            }
        };
        let caption = self.opt_text(o, &p, "caption");
        Some(Image { src, alt, caption })
    }

    fn dataset(&mut self, v: &Value) -> Option<Dataset> {
        let m = self.object(v, &ROOT)?;
        let mut dataset = self.dataset_head(m);
        dataset.doctors = self
            .array(m, &ROOT, "doctors", true)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.doctor(v, &idx(&at(&ROOT, "doctors"), i)))
            .collect();
        dataset.articles = self
            .array(m, &ROOT, "articles", true)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.article(v, &idx(&at(&ROOT, "articles"), i)))
            .collect();
        Some(dataset)
    }

    /// Every top-level field but the long lists of doctors and articles.
    fn dataset_head(&mut self, m: &Map<String, Value>) -> Dataset {
        self.unknown_fields(m, &ROOT, fields::DATASET);
        let schema = match m.get("schema") {
            Some(Value::Number(n)) if n.as_u64() == Some(SCHEMA_VERSION) => SCHEMA_VERSION,
            Some(Value::Number(n)) => {
                self.error("schema", format!("schema version {n} is not supported; this build reads version {SCHEMA_VERSION}"));
                SCHEMA_VERSION
            }
            Some(other) => {
                self.error(
                    "schema",
                    format!(
                        "expected the number {SCHEMA_VERSION}, found {}",
                        kind_of(other)
                    ),
                );
                SCHEMA_VERSION
            }
            None => {
                self.error(
                    "schema",
                    format!("this field is required (the number {SCHEMA_VERSION})"),
                );
                SCHEMA_VERSION
            }
        };
        let sample = self.boolean(m, &ROOT, "sample", false);
        let hospital = match m.get("hospital") {
            Some(h) => self.hospital(h, &at(&ROOT, "hospital")),
            None => {
                self.error("hospital", "this field is required (an object)");
                Hospital::default()
            }
        };
        let categories = self
            .array(m, &ROOT, "categories", false)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.category(v, &idx(&at(&ROOT, "categories"), i)))
            .collect();
        let departments = self
            .array(m, &ROOT, "departments", true)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.department(v, &idx(&at(&ROOT, "departments"), i)))
            .collect();
        Dataset {
            schema,
            sample,
            hospital,
            categories,
            departments,
            doctors: Vec::new(),
            articles: Vec::new(),
        }
    }

    fn hospital(&mut self, v: &Value, p: &Path<'_>) -> Hospital {
        let Some(m) = self.object(v, p) else {
            return Hospital::default();
        };
        self.unknown_fields(m, p, fields::HOSPITAL);
        let list = at(p, "campuses");
        let campuses = self
            .array(m, p, "campuses", false)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let cp = idx(&list, i);
                let c = self.object(v, &cp)?;
                self.unknown_fields(c, &cp, fields::CAMPUS);
                Some(Campus {
                    id: self.id(c, &cp, "id"),
                    name: self.text(c, &cp, "name", true),
                    address: self.text(c, &cp, "address", false),
                })
            })
            .collect();
        Hospital {
            name: self.text(m, p, "name", true),
            description: self.text(m, p, "description", false),
            address: self.text(m, p, "address", false),
            phone: self.phone(m, p, "phone"),
            website: self.web_url(m, p, "website"),
            campuses,
        }
    }

    fn category(&mut self, v: &Value, p: &Path<'_>) -> Option<Category> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::CATEGORY);
        Some(Category {
            id: self.id(m, p, "id"),
            name: self.text(m, p, "name", true),
        })
    }

    fn department(&mut self, v: &Value, p: &Path<'_>) -> Option<Department> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::DEPARTMENT);
        Some(Department {
            id: self.id(m, p, "id"),
            name: self.text(m, p, "name", true),
            description: self.text(m, p, "description", false),
            campuses: self.strings(m, p, "campuses", false),
            phone: self.phone(m, p, "phone"),
            keywords: self.texts(m, p, "keywords"),
        })
    }

    fn doctor(&mut self, v: &Value, p: &Path<'_>) -> Option<Doctor> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::DOCTOR);
        let id = self.id(m, p, "id");
        let name = self.text(m, p, "name", true);
        let pinyin = self.string(m, p, "pinyin", false);
        let title = self.keyword(m, p, "title", TitleRank::from_key, TitleRank::keys());
        let departments = self.strings(m, p, "departments", true);
        if departments.is_empty() && matches!(m.get("departments"), Some(Value::Array(_))) {
            self.error(
                at(p, "departments"),
                "a doctor needs at least one department",
            );
        }
        let gender = match m.get("gender") {
            None | Some(Value::Null) => None,
            Some(_) => self.keyword(m, p, "gender", Gender::from_key, Gender::keys()),
        };
        let sp = at(p, "schedule");
        let schedule = self
            .array(m, p, "schedule", false)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.session(v, &idx(&sp, i)))
            .collect();
        let booking = match m.get("booking") {
            None | Some(Value::Null) => None,
            Some(b) => {
                let bp = at(p, "booking");
                self.object(b, &bp).map(|bm| {
                    self.unknown_fields(bm, &bp, fields::BOOKING);
                    Booking {
                        url: self.web_url(bm, &bp, "url"),
                        phone: self.phone(bm, &bp, "phone"),
                    }
                })
            }
        };
        let verified = self.string(m, p, "verified", false);
        if let Some(d) = &verified {
            if !is_valid_date(d) {
                self.error(
                    at(p, "verified"),
                    format!("\"{}\" is not a date of the form YYYY-MM-DD", clip(d)),
                );
            }
        }
        Some(Doctor {
            id,
            name,
            pinyin,
            title: title.unwrap_or_default(),
            departments,
            specialties: self.texts(m, p, "specialties"),
            conditions: self.texts(m, p, "conditions"),
            languages: self.strings(m, p, "languages", false),
            gender,
            photo: self.image(m, p, "photo"),
            bio: self.text(m, p, "bio", false),
            education: self.texts(m, p, "education"),
            schedule,
            accepting_new_patients: self.boolean(m, p, "accepting_new_patients", true),
            booking,
            verified,
        })
    }

    fn session(&mut self, v: &Value, p: &Path<'_>) -> Option<Session> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::SESSION);
        let weekday = self.keyword(m, p, "weekday", Weekday::from_key, Weekday::keys());
        let half_day = self.keyword(m, p, "session", HalfDay::from_key, HalfDay::keys());
        let clinic = self.keyword(m, p, "clinic", ClinicType::from_key, ClinicType::keys());
        let campus = self.string(m, p, "campus", false);
        let room = self.string(m, p, "room", false);
        let cancelled = self.boolean(m, p, "cancelled", false);
        let note = self.opt_text(m, p, "note");
        Some(Session {
            weekday: weekday?,
            half_day: half_day?,
            clinic: clinic?,
            campus,
            room,
            cancelled,
            note,
        })
    }

    fn article(&mut self, v: &Value, p: &Path<'_>) -> Option<Article> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::ARTICLE);
        let slug = self.id(m, p, "slug");
        let date = self.string(m, p, "date", true).unwrap_or_default();
        if !date.is_empty() && !is_valid_date(&date) {
            self.error(
                at(p, "date"),
                format!("\"{}\" is not a date of the form YYYY-MM-DD", clip(&date)),
            );
        }
        let body = match (
            m.get("body").filter(|v| !v.is_null()),
            m.get("body_src").filter(|v| !v.is_null()),
        ) {
            (Some(_), Some(_)) => {
                self.error(
                    at(p, "body_src"),
                    "give either \"body\" or \"body_src\", not both",
                );
                ArticleBody::default()
            }
            (Some(b), None) => ArticleBody::Inline {
                body: self.text_value(b, &at(p, "body"), true),
            },
            (None, Some(_)) => {
                let src = self.string(m, p, "body_src", true).unwrap_or_default();
                if !src.is_empty() && !is_safe_image_src(&src) {
                    self.error(
                        at(p, "body_src"),
                        format!("\"{}\" must be an http(s) or relative URL", clip(&src)),
                    );
                }
                ArticleBody::External { body_src: src }
            }
            (None, None) => {
                self.error(
                    at(p, "body"),
                    "this field is required (Markdown text), or give \"body_src\"",
                );
                ArticleBody::default()
            }
        };
        Some(Article {
            slug,
            title: self.text(m, p, "title", true),
            date,
            category: self.string(m, p, "category", true).unwrap_or_default(),
            tags: self.strings(m, p, "tags", false),
            summary: self.text(m, p, "summary", false),
            cover: self.image(m, p, "cover"),
            author: self.opt_text(m, p, "author"),
            source_url: self.web_url(m, p, "source_url"),
            departments: self.strings(m, p, "departments", false),
            doctors: self.strings(m, p, "doctors", false),
            body,
        })
    }

    /// Checks across records: unique ids, references that resolve, a possible timetable.
    fn check_meaning(&mut self, ds: &Dataset) {
        let mut known = self.check_ids(ds);
        for (i, doc) in ds.doctors.iter().enumerate() {
            self.check_doctor_id(i, doc, &mut known);
        }
        self.check_more_ids(ds, &known);
        for (i, doc) in ds.doctors.iter().enumerate() {
            self.check_doctor(i, doc, &mut known);
        }
        self.check_links(ds, &known);
    }

    /// The dataset, or every error found (and the warnings).
    fn finish(self, dataset: Option<Dataset>) -> Result<Loaded, Vec<Problem>> {
        let (errors, warnings): (Vec<Problem>, Vec<Problem>) = self
            .problems
            .into_iter()
            .partition(|p| p.severity == Severity::Error);
        match dataset {
            Some(dataset) if errors.is_empty() => Ok(Loaded { dataset, warnings }),
            _ => {
                let mut all = errors;
                all.extend(warnings);
                Err(all)
            }
        }
    }

    /// Unique campus, category and department ids: the first part of
    /// [`Decoder::check_meaning`]. Doctor ids follow one at a time
    /// ([`Decoder::check_doctor_id`]), then [`Decoder::check_more_ids`].
    fn check_ids(&mut self, ds: &Dataset) -> KnownIds {
        let owned = |set: HashSet<&str>| set.into_iter().map(str::to_string).collect();
        let campuses: HashSet<String> = owned(self.unique(
            ds.hospital.campuses.iter().map(|c| c.id.as_str()),
            "hospital.campuses",
            "id",
            "campus id",
        ));
        let categories = owned(self.unique(
            ds.categories.iter().map(|c| c.id.as_str()),
            "categories",
            "id",
            "category id",
        ));
        let departments = owned(self.unique(
            ds.departments.iter().map(|d| d.id.as_str()),
            "departments",
            "id",
            "department id",
        ));
        KnownIds {
            campuses,
            categories,
            departments,
            doctors: HashMap::with_capacity(ds.doctors.len()),
            staffed: HashSet::new(),
        }
    }

    /// Whether the doctor at `i` in `ds.doctors` repeats an earlier doctor's id.
    fn check_doctor_id(&mut self, i: usize, doc: &Doctor, known: &mut KnownIds) {
        if doc.id.is_empty() {
            return;
        }
        match known.doctors.get(doc.id.as_str()) {
            Some(&first) => self.error(
                format!("doctors[{i}].id"),
                format!(
                    "duplicate doctor id \"{}\", first used by doctors[{first}]",
                    clip(&doc.id)
                ),
            ),
            None => {
                known.doctors.insert(doc.id.clone(), i);
            }
        }
    }

    /// Unique article slugs, and the campuses departments name.
    fn check_more_ids(&mut self, ds: &Dataset, known: &KnownIds) {
        self.unique(
            ds.articles.iter().map(|a| a.slug.as_str()),
            "articles",
            "slug",
            "article slug",
        );
        for (i, d) in ds.departments.iter().enumerate() {
            for (j, c) in d.campuses.iter().enumerate() {
                if !known.campuses.contains(c) {
                    self.error(
                        format!("departments[{i}].campuses[{j}]"),
                        format!("no campus has the id \"{}\"", clip(c)),
                    );
                }
            }
        }
    }

    /// One doctor's references and timetable: `i` is its place in `ds.doctors`.
    fn check_doctor(&mut self, i: usize, doc: &Doctor, known: &mut KnownIds) {
        // Written out only if a problem names it.
        let list = at(&ROOT, "doctors");
        let p = idx(&list, i);
        for (j, dep) in doc.departments.iter().enumerate() {
            if !known.staffed.contains(dep) {
                known.staffed.insert(dep.clone());
            }
            if !known.departments.contains(dep) {
                self.error(
                    format!("{p}.departments[{j}]"),
                    format!("no department has the id \"{}\"", clip(dep)),
                );
            }
        }
        if doc.schedule.is_empty() {
            self.warn(
                format!("{p}.schedule"),
                "this doctor has no outpatient sessions",
            );
        }
        let mut slots: HashMap<(Weekday, HalfDay), usize> = HashMap::new();
        for (j, s) in doc.schedule.iter().enumerate() {
            if let Some(c) = &s.campus {
                if !known.campuses.contains(c) {
                    self.error(
                        format!("{p}.schedule[{j}].campus"),
                        format!("no campus has the id \"{}\"", clip(c)),
                    );
                }
            }
            if let Some(first) = slots.insert((s.weekday, s.half_day), j) {
                self.error(
                    format!("{p}.schedule[{j}]"),
                    format!(
                        "a doctor cannot hold two sessions at once: {} {} is already schedule[{first}]",
                        s.weekday.key(),
                        s.half_day.key()
                    ),
                );
            }
        }
        if doc.pinyin.is_none() && doc.name.exact(crate::text::Lang::Zh).is_some() {
            self.warn(
                format!("{p}.pinyin"),
                "no pinyin: run `hospital-data prepare` so patients can search by pinyin",
            );
        }
    }

    /// Departments nobody works in, and what articles refer to: the last part of
    /// [`Decoder::check_meaning`].
    fn check_links(&mut self, ds: &Dataset, known: &KnownIds) {
        for (i, d) in ds.departments.iter().enumerate() {
            if !known.staffed.contains(d.id.as_str()) {
                self.warn(
                    format!("departments[{i}]"),
                    format!("no doctor belongs to department \"{}\"", d.id),
                );
            }
        }
        let articles = at(&ROOT, "articles");
        for (i, a) in ds.articles.iter().enumerate() {
            let p = idx(&articles, i);
            if !a.category.is_empty() && !known.categories.contains(a.category.as_str()) {
                self.error(
                    format!("{p}.category"),
                    format!("no category has the id \"{}\"", clip(&a.category)),
                );
            }
            for (j, dep) in a.departments.iter().enumerate() {
                if !known.departments.contains(dep.as_str()) {
                    self.error(
                        format!("{p}.departments[{j}]"),
                        format!("no department has the id \"{}\"", clip(dep)),
                    );
                }
            }
            for (j, doc) in a.doctors.iter().enumerate() {
                if !known.doctors.contains_key(doc.as_str()) {
                    self.error(
                        format!("{p}.doctors[{j}]"),
                        format!("no doctor has the id \"{}\"", clip(doc)),
                    );
                }
            }
        }
    }

    fn unique<'a>(
        &mut self,
        ids: impl Iterator<Item = &'a str>,
        list: &str,
        field: &str,
        what: &str,
    ) -> HashSet<&'a str> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            if id.is_empty() {
                continue;
            }
            if let Some(first) = seen.insert(id, i) {
                seen.insert(id, first);
                self.error(
                    format!("{list}[{i}].{field}"),
                    format!(
                        "duplicate {what} \"{}\", first used by {list}[{first}]",
                        clip(id)
                    ),
                );
            }
        }
        seen.into_keys().collect()
    }
}

/// Language tags other than en/zh (for example `zh-Hant`, `fr`) are accepted in maps.
fn is_language_tag(k: &str) -> bool {
    let mut parts = k.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Keeps a quoted value short in a message.
fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}
