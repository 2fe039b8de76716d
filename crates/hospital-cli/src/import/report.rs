//! Where a value came from (file, sheet, row or line, column) and what went wrong there.

use std::fmt;
use std::sync::Arc;

/// A place in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loc {
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
    /// 1-based row of a sheet, or line of a text file; 0 for the whole file.
    pub row: usize,
    pub unit: Unit,
    pub column: Option<Col>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A spreadsheet or CSV row, as the spreadsheet numbers it.
    Row,
    /// A line of a text file (NDJSON, Markdown, TOML).
    Line,
    /// An entry of a FHIR Bundle (0-based, as in `entry[3]`).
    Entry,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Col {
    /// 0-based column index and its header.
    Sheet(usize, Arc<str>),
    /// A field of a JSON resource or of front matter.
    Field(String),
}

/// `A`, `B`, ... `Z`, `AA`: the column letters a spreadsheet shows.
pub fn column_letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push((b'A' + (i % 26) as u8) as char);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.iter().rev().collect()
}

impl Loc {
    pub fn file(file: &Arc<str>) -> Loc {
        Loc {
            file: file.clone(),
            sheet: None,
            row: 0,
            unit: Unit::Row,
            column: None,
        }
    }

    pub fn at_row(&self, row: usize) -> Loc {
        Loc {
            row,
            column: None,
            ..self.clone()
        }
    }

    pub fn with_column(&self, index: usize, header: &Arc<str>) -> Loc {
        Loc {
            column: Some(Col::Sheet(index, header.clone())),
            ..self.clone()
        }
    }

    pub fn with_field(&self, field: impl Into<String>) -> Loc {
        Loc {
            column: Some(Col::Field(field.into())),
            ..self.clone()
        }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(s) = &self.sheet {
            write!(f, ", sheet \"{s}\"")?;
        }
        if self.row > 0 || self.unit == Unit::Entry {
            match self.unit {
                Unit::Row => write!(f, ", row {}", self.row)?,
                Unit::Line => write!(f, ", line {}", self.row)?,
                Unit::Entry => write!(f, ", entry[{}]", self.row)?,
            }
        }
        match &self.column {
            Some(Col::Sheet(i, h)) if h.trim().is_empty() => {
                write!(f, ", column {}", column_letters(*i))
            }
            Some(Col::Sheet(i, h)) => write!(f, ", column {} \"{h}\"", column_letters(*i)),
            Some(Col::Field(name)) => write!(f, ", {name}"),
            None => Ok(()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
}

/// One problem, with its place and the record it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub level: Level,
    pub loc: Option<Loc>,
    /// The record's name and id as far as known ("李兴勇, li-xingyong").
    pub record: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn error(loc: Option<Loc>, message: impl Into<String>) -> Problem {
        Problem {
            level: Level::Error,
            loc,
            record: None,
            message: message.into(),
        }
    }

    pub fn warning(loc: Option<Loc>, message: impl Into<String>) -> Problem {
        Problem {
            level: Level::Warning,
            loc,
            record: None,
            message: message.into(),
        }
    }

    pub fn about(mut self, record: Option<String>) -> Problem {
        if self.record.is_none() {
            self.record = record;
        }
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.loc {
            write!(f, "{loc}")?;
            if let Some(r) = &self.record {
                write!(f, " ({r})")?;
            }
            f.write_str(": ")?;
        } else if let Some(r) = &self.record {
            write!(f, "{r}: ")?;
        }
        let kind = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(f, "{kind}: {}", self.message)
    }
}

/// Problems as they are found.
#[derive(Debug, Default)]
pub struct Problems {
    pub list: Vec<Problem>,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.list.push(p);
    }
    pub fn error(&mut self, loc: &Loc, message: impl Into<String>) {
        self.push(Problem::error(Some(loc.clone()), message));
    }
    pub fn warn(&mut self, loc: &Loc, message: impl Into<String>) {
        self.push(Problem::warning(Some(loc.clone()), message));
    }
    pub fn errors(&self) -> usize {
        self.list.iter().filter(|p| p.level == Level::Error).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_a_spreadsheet_shows_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        let file: Arc<str> = "staff.xlsx".into();
        let mut loc = Loc::file(&file).at_row(5).with_column(2, &"职称".into());
        loc.sheet = Some("医生".into());
        let p = Problem::warning(Some(loc), "kept as written").about(Some("李兴勇".into()));
        assert_eq!(
            p.to_string(),
            "staff.xlsx, sheet \"医生\", row 5, column C \"职称\" (李兴勇): warning: kept as written"
        );
    }
}
