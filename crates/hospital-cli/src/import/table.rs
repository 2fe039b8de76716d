//! Spreadsheets as rows of text: CSV and TSV (with the `csv` crate; UTF-8, UTF-16 with
//! a byte-order mark, or GB18030 as Chinese Excel saves "CSV"), and Excel workbooks
//! (`.xlsx`, `.xls`, `.ods` with `calamine`), one table per sheet.

use super::report::{Loc, Problems, Unit};
use calamine::{Data, Reader};
use std::path::Path;
use std::sync::Arc;

/// One sheet: `rows[i][j]` is the cell at spreadsheet row `i + 1`, column `j`.
pub struct Table {
    pub loc: Loc,
    pub rows: Vec<Vec<String>>,
}

/// The text of a file that may not be UTF-8; a warning says which encoding was read.
pub fn decode(bytes: &[u8], loc: &Loc, problems: &mut Problems) -> String {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = enc.decode(bytes);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => {
            let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
            if bad {
                problems.error(
                    loc,
                    "the file is neither UTF-8 nor GB18030 text: some characters could not be \
                     read (save it as \"CSV UTF-8\")",
                );
            } else {
                problems.warn(
                    loc,
                    "the file is not UTF-8; it was read as GB18030 (GBK), the encoding of \
                     Chinese Excel (save it as \"CSV UTF-8\" to be sure)",
                );
            }
            text.into_owned()
        }
    }
}

/// The delimiter of a CSV file: tab for `.tsv`, else whichever of `,` `;` tab the
/// first line has most of (Excel in many countries writes `;`).
fn delimiter(path: &Path, text: &str) -> u8 {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "tsv" || ext == "tab" {
        return b'\t';
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.matches(c).count();
    [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .max_by_key(|&(d, n)| (n, d == b','))
        .map_or(b',', |(d, _)| d)
}

pub fn read_csv(path: &Path, file: &Arc<str>, problems: &mut Problems) -> Option<Table> {
    let loc = Loc::file(file);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            problems.error(&loc, format!("cannot read the file: {e}"));
            return None;
        }
    };
    let text = decode(&bytes, &loc, problems);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let delim = delimiter(path, text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                // A record may span lines (a quoted line break): keep rows as lines number them.
                let line = r.position().map_or(rows.len() + 1, |p| p.line() as usize);
                while rows.len() + 1 < line {
                    rows.push(Vec::new());
                }
                // A quote that is never closed swallows the rest of the file into one cell.
                if r.iter()
                    .any(|c| c.contains('\n') && c.contains(delim as char))
                {
                    problems.warn(
                        &Loc {
                            unit: Unit::Line,
                            ..loc.at_row(line)
                        },
                        "a quoted cell here runs over several lines and holds the separator: check for a missing closing quote (\")",
                    );
                }
                rows.push(r.iter().map(|c| c.trim().to_string()).collect());
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.error(
                    &Loc {
                        unit: Unit::Line,
                        ..loc.at_row(line)
                    },
                    format!("this line cannot be read as CSV and was not imported: {e}"),
                );
                rows.push(Vec::new());
            }
        }
    }
    Some(Table { loc, rows })
}

/// A cell's text as the spreadsheet shows it: whole numbers without `.0` (telephone
/// numbers are often stored as numbers), dates as `YYYY-MM-DD`, times as `HH:MM`.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, m, day, h, min, _, _) = dt.to_ymd_hms_milli();
            if dt.as_f64() < 1.0 {
                format!("{h:02}:{min:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}")
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

pub fn read_workbook(path: &Path, file: &Arc<str>, problems: &mut Problems) -> Vec<Table> {
    let loc = Loc::file(file);
    let mut book = match calamine::open_workbook_auto(path) {
        Ok(b) => b,
        Err(e) => {
            problems.error(&loc, format!("cannot read the workbook: {e}"));
            return Vec::new();
        }
    };
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let sheet_loc = Loc {
            sheet: Some(name.as_str().into()),
            ..loc.clone()
        };
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                problems.error(&sheet_loc, format!("cannot read the sheet: {e}"));
                continue;
            }
        };
        let Some((top, left)) = range.start() else {
            continue; // an empty sheet
        };
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
        for row in range.rows() {
            let mut cells = vec![String::new(); left as usize];
            cells.extend(row.iter().map(cell_text));
            rows.push(cells);
        }
        tables.push(Table {
            loc: sheet_loc,
            rows,
        });
    }
    tables
}
