//! What a load answers: the problems found (each with its severity and JSON path),
//! the dataset when it loaded, and the [`Path`] decoders build while they work.

use crate::model::Dataset;
use serde_json::Value;
use std::fmt;

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
    /// The record the path is in, named by its id and name, when there is one.
    pub record: Option<Box<Record>>,
    /// The nearest accepted value, when the value was a near miss.
    pub suggestion: Option<String>,
}

/// A record of a list (a doctor, a department, an article...), so that a message
/// names it as a person reads it, not only by its place in the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// Its place: `doctors[23]`, a prefix of the problem's path.
    pub path: String,
    /// Its id or slug as written (perhaps empty or malformed).
    pub id: String,
    /// Its name or title as written, in Chinese when it has one.
    pub name: String,
}

impl Problem {
    /// An error or warning at `path`, not yet tied to a record.
    pub fn new(severity: Severity, path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            record: None,
            suggestion: None,
        }
    }

    /// The path with the record's name and id after its place:
    /// `doctors[23] (李兴勇, li-xingyong).title`.
    pub fn named_path(&self) -> String {
        let Some(r) = &self.record else {
            return self.path.clone();
        };
        let Some(rest) = self.path.strip_prefix(r.path.as_str()) else {
            return self.path.clone();
        };
        let names: Vec<&str> = [r.name.as_str(), r.id.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if names.is_empty() {
            return self.path.clone();
        }
        format!("{} ({}){rest}", r.path, names.join(", "))
    }
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
            write!(f, " at {}", self.named_path())?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean \"{s}\"?)")?;
        }
        Ok(())
    }
}

/// A dataset that loaded, with the warnings that did not stop it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub dataset: Dataset,
    pub warnings: Vec<Problem>,
}

/// A place in the document (`doctors[3].schedule[0].weekday`), built while decoding
/// without allocating: it is written out only when a problem names it.
#[derive(Clone, Copy)]
pub(super) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

pub(super) const ROOT: Path<'static> = Path::Root;

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

pub(super) fn at<'a>(path: &'a Path<'a>, key: &'a str) -> Path<'a> {
    Path::Key(path, key)
}

pub(super) fn idx<'a>(path: &'a Path<'a>, i: usize) -> Path<'a> {
    Path::Index(path, i)
}

/// Keeps a quoted value short in a message.
pub(super) fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}
