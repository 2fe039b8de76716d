//! The whole-text loader: the text parsed into one JSON tree, then decoded and
//! checked in one go. Exact about syntax errors (line and column), and the fallback
//! of [`super::Staged`] for text its outline does not expect.

use super::decode::Decoder;
use super::problem::{Loaded, Problem, Severity};
use serde_json::Value;

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
                record: None,
                suggestion: None,
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
                record: None,
                suggestion: None,
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
    let mut dataset = d.dataset(value);
    if let Some(ds) = &mut dataset {
        d.fill_doctor_ids(ds);
        d.check_meaning(ds);
    }
    d.finish(dataset)
}
