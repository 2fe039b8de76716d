//! Markdown files with YAML front matter (`---` lines around it), as Hugo and Jekyll
//! write them: the fields as JSON values, the line each top-level key is on, and
//! the body with the line it starts on.

use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

pub struct Page {
    pub fields: Map<String, Value>,
    /// The 1-based line of each top-level key in the file.
    pub lines: Vec<(String, usize)>,
    pub body: String,
}

impl Page {
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.lines.iter().find(|(k, _)| k == key).map(|(_, l)| *l)
    }
}

/// A YAML value as JSON: scalars as YAML 1.2 reads them, keys as strings.
pub fn to_json(y: &Yaml) -> Value {
    match y {
        Yaml::Real(s) => s
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or_else(|| Value::String(s.clone()), Value::Number),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Integer(i) => Value::Number((*i).into()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        Yaml::Hash(h) => {
            let mut m = Map::new();
            for (k, v) in h {
                let key = match k {
                    Yaml::String(s) | Yaml::Real(s) => s.clone(),
                    Yaml::Integer(i) => i.to_string(),
                    Yaml::Boolean(b) => b.to_string(),
                    _ => continue,
                };
                m.insert(key, to_json(v));
            }
            Value::Object(m)
        }
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => Value::Null,
    }
}

/// Splits and reads a Markdown file. `Err` is (line, message).
pub fn parse(text: &str) -> Result<Page, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        if first.trim_end() == "+++" {
            return Err((1, "TOML front matter (+++) is not read: write the front matter in YAML between --- lines".into()));
        }
        return Err((
            1,
            "the file does not start with front matter (a line \"---\", the fields, and \"---\" again)".into(),
        ));
    }
    let mut yaml = String::new();
    let mut closed = None;
    let mut consumed = first.len();
    for (i, line) in lines.enumerate() {
        consumed += line.len();
        let t = line.trim_end();
        if t == "---" || t == "..." {
            closed = Some(i + 2);
            break;
        }
        yaml.push_str(line);
    }
    let Some(_close_line) = closed else {
        return Err((
            1,
            "the front matter is not closed: add a line \"---\" after its fields".into(),
        ));
    };
    let docs = YamlLoader::load_from_str(&yaml).map_err(|e| {
        // The YAML starts on line 2 of the file. An error found at its end (an
        // unclosed bracket or quote) is on its last written line.
        let written: Vec<&str> = yaml.lines().collect();
        let last = written
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .map_or(1, |i| i + 1);
        (
            e.marker().line().min(last) + 1,
            format!("the front matter is not valid YAML: {}", e.info()),
        )
    })?;
    let fields = match docs.first().map(to_json) {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err((
                2,
                "the front matter must be fields (key: value), one a line".into(),
            ))
        }
    };
    let mut key_lines = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        if let Some((k, _)) = line.split_once(':') {
            let k = k.trim().trim_matches(['"', '\'']);
            if !k.is_empty() {
                key_lines.push((k.to_string(), i + 2));
            }
        }
    }
    Ok(Page {
        fields,
        lines: key_lines,
        body: text[consumed.min(text.len())..].to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_lines_and_body() {
        let p = parse("---\ntitle: A new clinic\ndate: 2026-11-01\ntags: [heart, 2026]\ncover:\n  src: a.jpg\n  alt: An ambulance\n---\nBody **text**.\n")
            .map_err(|e| e.1)
            .expect("parses");
        assert_eq!(p.fields["title"], "A new clinic");
        assert_eq!(p.fields["date"], "2026-11-01");
        assert_eq!(p.fields["tags"][1], 2026);
        assert_eq!(p.fields["cover"]["alt"], "An ambulance");
        assert_eq!(p.line_of("cover"), Some(5));
        assert_eq!(p.line_of("src"), None);
        assert_eq!(p.body, "Body **text**.\n");
    }

    #[test]
    fn says_where_it_is_wrong() {
        let e = parse("title: x\n").err().map(|e| e.0);
        assert_eq!(e, Some(1));
        let e = parse("---\ntitle: x\n")
            .err()
            .map(|e| e.1)
            .unwrap_or_default();
        assert!(e.contains("not closed"), "{e}");
        let e = parse("---\ntitle: ok\ntags: [a, b\n---\n")
            .err()
            .unwrap_or_default();
        assert!(e.0 >= 3 && e.1.contains("YAML"), "{e:?}");
    }
}
