//! The decoding primitives: a [`Decoder`] collects problems while it reads one JSON
//! value at a time as an object, array, string, text, id, keyword, URL, telephone
//! number or image, each wrong value reported with its path and skipped.

use super::problem::{at, clip, idx, Loaded, Path, Problem, Record, Severity};
use super::suggest::nearest;
use crate::fields;
use crate::model::{Dataset, Image};
use crate::phone;
use crate::text::{Lang, Text};
use crate::urls::{is_safe_image_src, is_web_url};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Reads JSON values into the dataset's types, keeping every problem it meets.
#[derive(Default)]
pub(super) struct Decoder {
    problems: Vec<Problem>,
    /// Each department's id by its folded name in every language, once the
    /// departments are read, so that doctors and articles may name a department.
    pub(super) department_names: HashMap<String, String>,
    /// The departments' ids.
    pub(super) department_ids: HashSet<String>,
}

/// A department name as references are compared with it: no case, no spaces.
pub(super) fn folded_name(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

pub(super) fn kind_of(v: &Value) -> &'static str {
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
pub(super) fn is_valid_id(s: &str) -> bool {
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
    pub(in crate::validate) fn error(
        &mut self,
        path: impl fmt::Display,
        message: impl Into<String>,
    ) {
        self.problems
            .push(Problem::new(Severity::Error, path.to_string(), message));
    }

    pub(in crate::validate) fn warn(
        &mut self,
        path: impl fmt::Display,
        message: impl Into<String>,
    ) {
        self.problems
            .push(Problem::new(Severity::Warning, path.to_string(), message));
    }

    /// Gives the last problem a suggestion ("did you mean"), when `written` is a near
    /// miss of one of `accepted`.
    pub(in crate::validate) fn suggest<'a>(
        &mut self,
        written: &str,
        accepted: impl IntoIterator<Item = &'a str>,
    ) {
        let Some(near) = nearest(written, accepted) else {
            return;
        };
        if let Some(last) = self.problems.last_mut() {
            last.suggestion = Some(near.to_string());
        }
    }

    /// How many problems have been found so far: a record's decoder notes it first,
    /// so that [`Decoder::name_record`] can name the record in the problems after it.
    pub(in crate::validate) fn mark(&self) -> usize {
        self.problems.len()
    }

    /// As [`Decoder::name_record`], for a record still in its JSON form: its id is
    /// the string at `id_key`, its name the text at `name_key`, as far as they read.
    pub(in crate::validate) fn name_raw_record(
        &mut self,
        mark: usize,
        path: &Path<'_>,
        record: &Value,
        id_key: &str,
        name_key: &str,
    ) {
        if self.problems.len() <= mark {
            return;
        }
        let id = record.get(id_key).and_then(Value::as_str).unwrap_or("");
        let name = match record.get(name_key) {
            Some(Value::String(s)) => Text::plain(s.clone()),
            Some(Value::Object(map)) => Text::Localized(
                map.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect(),
            ),
            _ => Text::default(),
        };
        self.name_record(mark, path, id, &name);
    }

    /// Names the record at `path` (its id and name) in every problem since `mark`.
    pub(in crate::validate) fn name_record(
        &mut self,
        mark: usize,
        path: impl fmt::Display,
        id: &str,
        name: &Text,
    ) {
        let Some(new) = self.problems.get_mut(mark..) else {
            return;
        };
        if new.is_empty() {
            return;
        }
        let record = Box::new(Record {
            path: path.to_string(),
            id: clip(id),
            name: clip(record_name(name)),
        });
        for p in new.iter_mut().filter(|p| p.record.is_none()) {
            p.record = Some(record.clone());
        }
    }

    /// A warning for a name in Chinese with no English form: English readers would
    /// see the Chinese.
    pub(in crate::validate) fn want_english_name(&mut self, name: &Text, p: &Path<'_>, what: &str) {
        let chinese = match name {
            Text::Plain(s) => s.chars().any(is_han),
            Text::Localized(_) => name.exact(Lang::Zh).is_some(),
        };
        if chinese && name.exact(Lang::En).is_none() {
            self.warn(
                at(p, "name"),
                format!(
                    "this {what} has a Chinese name and no English one, so English readers see the Chinese: write the name as {{ \"zh\": ..., \"en\": ... }}"
                ),
            );
        }
    }

    pub(in crate::validate) fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &Path<'_>,
    ) -> Option<&'v Map<String, Value>> {
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

    pub(in crate::validate) fn unknown_fields(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        known: &[&str],
    ) {
        for k in m.keys() {
            if !known.contains(&k.as_str()) {
                self.warn(at(path, k), format!("unknown field \"{k}\" is ignored"));
            }
        }
    }

    pub(in crate::validate) fn array<'v>(
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

    pub(in crate::validate) fn string(
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

    pub(in crate::validate) fn boolean(
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

    pub(in crate::validate) fn text_value(
        &mut self,
        v: &Value,
        path: &Path<'_>,
        required: bool,
    ) -> Text {
        match v {
            Value::String(s) => {
                if required && s.trim().is_empty() {
                    self.error(path, "must not be empty");
                }
                Text::Plain(s.as_str().into())
            }
            Value::Object(map) => {
                let mut out: Vec<(&str, &str)> = Vec::with_capacity(map.len());
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
                            out.push((k, s));
                        }
                        other => {
                            self.error(p, format!("expected a string, found {}", kind_of(other)))
                        }
                    }
                }
                let t = Text::Localized(out.into_iter().collect());
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

    pub(in crate::validate) fn text(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
        required: bool,
    ) -> Text {
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

    pub(in crate::validate) fn opt_text(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
    ) -> Option<Text> {
        match m.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(self.text_value(v, &at(path, key), false)),
        }
    }

    pub(in crate::validate) fn texts(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
    ) -> Vec<Text> {
        let p = at(path, key);
        self.array(m, path, key, false)
            .iter()
            .enumerate()
            .map(|(i, v)| self.text_value(v, &idx(&p, i), true))
            .collect()
    }

    pub(in crate::validate) fn strings(
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

    pub(in crate::validate) fn id(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
    ) -> String {
        self.some_id(m, path, key, true)
    }

    /// An id that may be left out (empty then: one is made up later, see `ids`).
    pub(in crate::validate) fn optional_id(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
    ) -> String {
        self.some_id(m, path, key, false)
    }

    fn some_id(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
        required: bool,
    ) -> String {
        let s = self.string(m, path, key, required).unwrap_or_default();
        if !required && s.trim().is_empty() {
            return String::new();
        }
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

    pub(in crate::validate) fn keyword<T>(
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
            self.suggest(&s, allowed.split(", "));
        }
        parsed
    }

    pub(in crate::validate) fn web_url(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
    ) -> Option<String> {
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

    /// As [`Decoder::web_url`], for a link the site can do without: a value that is
    /// not an http(s) URL is a warning and dropped, not an error.
    pub(in crate::validate) fn web_url_or_drop(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
    ) -> Option<String> {
        let s = self.string(m, path, key, false)?;
        if !is_web_url(&s) {
            self.warn(
                at(path, key),
                format!(
                    "\"{}\" is not an http(s) URL, so it is left out (no link is shown)",
                    clip(&s)
                ),
            );
            return None;
        }
        Some(s)
    }

    /// A telephone field, kept as written: one or more numbers as hospitals write
    /// them ([`crate::phone`]). "None" written out (`无`, `N/A`) is a warning and no number.
    pub(in crate::validate) fn phone(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
    ) -> Option<String> {
        let s = self.string(m, path, key, false)?;
        match phone::check(&s) {
            phone::Checked::Numbers(_) => Some(s.trim().to_string()),
            phone::Checked::None => {
                self.warn(
                    at(path, key),
                    format!(
                        "\"{}\" means there is no number, so none is shown; leave the field out instead",
                        clip(s.trim())
                    ),
                );
                None
            }
            phone::Checked::NotANumber(part) => {
                let whole = clip(&s);
                let message = if part.trim() == s.trim() {
                    format!("\"{whole}\" is not a telephone number")
                } else {
                    format!(
                        "\"{whole}\" is not a telephone number: \"{}\" is not one",
                        clip(part)
                    )
                };
                self.error(
                    at(path, key),
                    format!("{message} (write digits with spaces, - ( ) or +, an extension after 转 or ext, and two numbers apart with / or ;)"),
                );
                None
            }
        }
    }

    pub(in crate::validate) fn image(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
    ) -> Option<Image> {
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

    /// The dataset, or every error found (and the warnings).
    pub(in crate::validate) fn finish(
        self,
        dataset: Option<Dataset>,
    ) -> Result<Loaded, Vec<Problem>> {
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
}

/// Language tags other than en/zh (for example `zh-Hant`, `fr`) are accepted in maps.
fn is_language_tag(k: &str) -> bool {
    let mut parts = k.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// What a message calls a record: its Chinese name if it has one (hospitals write
/// their lists in Chinese), else its English or plain one.
fn record_name(name: &Text) -> &str {
    name.exact(Lang::Zh)
        .or_else(|| name.exact(Lang::En))
        .unwrap_or(name.get(Lang::Zh).text)
}

/// A Chinese character (the CJK Unified Ideographs and their first extension).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}
