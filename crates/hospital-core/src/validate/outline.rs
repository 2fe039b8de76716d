//! The outline of a dataset's JSON text: where each top-level field's value starts
//! and ends, and where each record of the long lists (doctors, articles) starts and
//! ends, found a slice of the text at a time without building anything.
//!
//! It checks only the punctuation it walks through (braces, brackets, commas, colons
//! and strings at the top two levels); the records themselves are parsed later, one
//! at a time. Anything it does not expect makes it answer [`Scan::Unsure`], and the
//! caller parses the whole text at once, which finds the exact error and its line.

use std::ops::Range;

/// Top-level fields whose array items are cut out one by one: they hold almost all
/// of a large dataset.
const SPLIT: &[&str] = &["doctors", "articles"];

/// Deeper nesting is left to the whole-text parser, so that its recursion limit
/// (128 levels) answers exactly as it would for the whole document.
const MAX_DEPTH: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// The whole value's text.
    Whole(Range<usize>),
    /// An array of one of the [`SPLIT`] fields: the text of each item.
    Items(Vec<Range<usize>>),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// Fields in document order; no key appears twice.
    pub fields: Vec<(String, Value)>,
}

pub enum Scan {
    /// Call again.
    Working,
    Done(Outline),
    /// Not the shape this scanner follows (or not JSON): parse the whole text instead.
    Unsure,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Start,
    FirstKey,
    Key,
    Value,
    FirstItem,
    Item,
    AfterItem,
    AfterValue,
    End,
}

pub struct Scanner {
    pos: usize,
    state: State,
    key: String,
    items: Vec<Range<usize>>,
    outline: Outline,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner {
            pos: 0,
            state: State::Start,
            key: String::new(),
            items: Vec::new(),
            outline: Outline::default(),
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The end of the string starting at `i` (a `"`), just past its closing quote.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
}

/// The end of the value starting at `i`; `None` where the text ends first or the
/// value nests deeper than [`MAX_DEPTH`].
fn value_end(b: &[u8], mut i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            loop {
                match *b.get(i)? {
                    b'"' => {
                        i = string_end(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return None;
                        }
                    }
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let start = i;
            while let Some(&c) = b.get(i) {
                if matches!(c, b',' | b'}' | b']' | b'{' | b'[' | b'"') || is_space(c) {
                    break;
                }
                i += 1;
            }
            (i > start).then_some(i)
        }
    }
}

impl Scanner {
    /// How far the scan has come, in bytes.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Scans until `out_of_time` says so (asked after each field and each record),
    /// or to the end.
    pub fn scan(&mut self, b: &[u8], out_of_time: &mut dyn FnMut() -> bool) -> Scan {
        loop {
            while b.get(self.pos).copied().is_some_and(is_space) {
                self.pos += 1;
            }
            let Some(&c) = b.get(self.pos) else {
                return if self.state == State::End {
                    Scan::Done(std::mem::take(&mut self.outline))
                } else {
                    Scan::Unsure
                };
            };
            let ok = match self.state {
                State::Start => self.expect(c, b'{', State::FirstKey),
                State::FirstKey if c == b'}' => {
                    self.pos += 1;
                    self.state = State::End;
                    true
                }
                State::FirstKey | State::Key => self.key(b),
                State::Value => self.value(b, c),
                State::FirstItem if c == b']' => {
                    self.pos += 1;
                    self.end_items();
                    true
                }
                State::FirstItem | State::Item => match value_end(b, self.pos) {
                    Some(end) => {
                        self.items.push(self.pos..end);
                        self.pos = end;
                        self.state = State::AfterItem;
                        if out_of_time() {
                            return Scan::Working;
                        }
                        true
                    }
                    None => false,
                },
                State::AfterItem => match c {
                    b',' => self.expect(c, b',', State::Item),
                    b']' => {
                        self.pos += 1;
                        self.end_items();
                        true
                    }
                    _ => false,
                },
                State::AfterValue => match c {
                    b',' => self.expect(c, b',', State::Key),
                    b'}' => self.expect(c, b'}', State::End),
                    _ => false,
                },
                // Text after the closing brace.
                State::End => false,
            };
            if !ok {
                return Scan::Unsure;
            }
        }
    }

    fn expect(&mut self, c: u8, wanted: u8, next: State) -> bool {
        self.pos += 1;
        self.state = next;
        c == wanted
    }

    fn key(&mut self, b: &[u8]) -> bool {
        let start = self.pos;
        let Some(end) = (b[start] == b'"').then(|| string_end(b, start)).flatten() else {
            return false;
        };
        let Ok(key) = serde_json::from_slice::<String>(&b[start..end]) else {
            return false;
        };
        if self.outline.fields.iter().any(|(k, _)| *k == key) {
            // The whole-text parser decides which of two equal keys counts.
            return false;
        }
        self.pos = end;
        while b.get(self.pos).copied().is_some_and(is_space) {
            self.pos += 1;
        }
        if b.get(self.pos) != Some(&b':') {
            return false;
        }
        self.pos += 1;
        self.key = key;
        self.state = State::Value;
        true
    }

    fn value(&mut self, b: &[u8], c: u8) -> bool {
        if c == b'[' && SPLIT.contains(&self.key.as_str()) {
            self.pos += 1;
            self.state = State::FirstItem;
            return true;
        }
        let Some(end) = value_end(b, self.pos) else {
            return false;
        };
        let key = std::mem::take(&mut self.key);
        self.outline.fields.push((key, Value::Whole(self.pos..end)));
        self.pos = end;
        self.state = State::AfterValue;
        true
    }

    fn end_items(&mut self) {
        let key = std::mem::take(&mut self.key);
        let items = std::mem::take(&mut self.items);
        self.outline.fields.push((key, Value::Items(items)));
        self.state = State::AfterValue;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(text: &str) -> Option<Outline> {
        let mut s = Scanner::default();
        // The worst case for resuming: out of time after every record.
        loop {
            match s.scan(text.as_bytes(), &mut || true) {
                Scan::Working => continue,
                Scan::Done(o) => return Some(o),
                Scan::Unsure => return None,
            }
        }
    }

    fn texts<'t>(text: &'t str, o: &Outline) -> Vec<(String, Vec<&'t str>)> {
        o.fields
            .iter()
            .map(|(k, v)| {
                let parts = match v {
                    Value::Whole(r) => vec![&text[r.clone()]],
                    Value::Items(items) => items.iter().map(|r| &text[r.clone()]).collect(),
                };
                (k.clone(), parts)
            })
            .collect()
    }

    #[test]
    fn cuts_the_long_lists_into_records_and_keeps_other_fields_whole() {
        let text = r#" { "schema" : 1, "hospital": {"name": "A \"}\" B", "x": [1, {"y": "]"}]},
            "doctors": [ {"id": "a"} , {"id": "b", "n": [[]]}, "odd", 12 ],
            "articles": [], "d\u0061ta": null } "#;
        let o = outline(text).expect("an outline");
        assert_eq!(
            texts(text, &o),
            vec![
                ("schema".to_string(), vec!["1"]),
                (
                    "hospital".to_string(),
                    vec![r#"{"name": "A \"}\" B", "x": [1, {"y": "]"}]}"#]
                ),
                (
                    "doctors".to_string(),
                    vec![
                        r#"{"id": "a"}"#,
                        r#"{"id": "b", "n": [[]]}"#,
                        r#""odd""#,
                        "12"
                    ]
                ),
                ("articles".to_string(), vec![]),
                ("data".to_string(), vec!["null"]),
            ]
        );
        assert_eq!(outline("{}"), Some(Outline::default()));
    }

    #[test]
    fn anything_unexpected_is_left_to_the_whole_text_parser() {
        for text in [
            "",
            "[]",
            "{",
            r#"{"doctors": [1, 2,]}"#,
            r#"{"doctors": [1 2]}"#,
            r#"{"a": 1,}"#,
            r#"{"a": 1} x"#,
            r#"{"a" 1}"#,
            r#"{a: 1}"#,
            r#"{"a": 1, "a": 2}"#,
            r#"{"doctors": [{"id": "a"}"#,
            r#"{"s": "never closed}"#,
            "\u{feff}{}",
        ] {
            assert!(
                outline(text).is_none(),
                "{text:?} should be left to the parser"
            );
        }
        let deep = format!("{{\"doctors\": [{}{}]}}", "[".repeat(101), "]".repeat(101));
        assert!(outline(&deep).is_none());
        let fine = format!("{{\"doctors\": [{}{}]}}", "[".repeat(100), "]".repeat(100));
        assert!(outline(&fine).is_some());
    }
}
