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
