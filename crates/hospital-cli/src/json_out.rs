//! Pretty JSON in the documented field order. serde_json's `Map` sorts keys
//! alphabetically, which puts `articles` before `hospital` and `bio` before `name`:
//! a file people read and edit by hand is easier to follow in schema order.

use hospital_core::fields;
use serde_json::Value;

/// Arrays of scalars and small text maps that fit this width stay on one line.
const INLINE_WIDTH: usize = 72;

/// The documented order of the fields of the object found under `parent`
/// (the key of the object, or of the array holding it; "" for the top level).
fn field_order(parent: &str) -> &'static [&'static str] {
    match parent {
        "" => fields::DATASET,
        "hospital" => fields::HOSPITAL,
        "emergency" => fields::EMERGENCY,
        "campuses" => fields::CAMPUS,
        "categories" => fields::CATEGORY,
        "departments" => fields::DEPARTMENT,
        "doctors" => fields::DOCTOR,
        "schedule" => fields::SESSION,
        "booking" => fields::BOOKING,
        "photo" | "cover" => fields::IMAGE,
        "articles" => fields::ARTICLE,
        // Language maps: English first, then Chinese, then any other tag.
        _ => &["en", "zh"],
    }
}

/// The value as pretty JSON, ending with a newline.
pub fn to_pretty(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, "", 0);
    out.push('\n');
    out
}

fn scalar(v: &Value) -> String {
    // Serialising a scalar Value cannot fail; the fallback keeps this total.
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

fn ordered_keys<'a>(map: &'a serde_json::Map<String, Value>, parent: &str) -> Vec<&'a String> {
    let order = field_order(parent);
    let mut keys: Vec<&String> = map.keys().collect();
    // Known keys by their documented rank, unknown ones after them alphabetically.
    keys.sort_by_key(|k| {
        (
            order.iter().position(|o| o == k).unwrap_or(order.len()),
            k.as_str(),
        )
    });
    keys
}

/// The one-line form of a short array of scalars or a short map of strings.
fn inline(value: &Value, parent: &str) -> Option<String> {
    let text = match value {
        Value::Array(items) if !items.is_empty() && items.iter().all(is_scalar) => {
            let parts: Vec<String> = items.iter().map(scalar).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(map)
            if !map.is_empty() && map.len() <= 3 && map.values().all(Value::is_string) =>
        {
            let parts: Vec<String> = ordered_keys(map, parent)
                .into_iter()
                .map(|k| format!("{}: {}", scalar(&Value::String(k.clone())), scalar(&map[k])))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        _ => return None,
    };
    (text.chars().count() <= INLINE_WIDTH).then_some(text)
}

fn write_value(out: &mut String, value: &Value, parent: &str, indent: usize) {
    if let Some(line) = inline(value, parent) {
        out.push_str(&line);
        return;
    }
    let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n("  ", n));
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, indent + 1);
                write_value(out, item, parent, indent + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push(']');
        }
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            let keys = ordered_keys(map, parent);
            for (i, key) in keys.iter().enumerate() {
                pad(out, indent + 1);
                out.push_str(&scalar(&Value::String((*key).clone())));
                out.push_str(": ");
                write_value(out, &map[*key], key, indent + 1);
                out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push('}');
        }
        Value::Array(_) => out.push_str("[]"),
        Value::Object(_) => out.push_str("{}"),
        other => out.push_str(&scalar(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_fields_in_schema_order_and_round_trips() {
        let v = json!({
            "articles": [],
            "schema": 1,
            "hospital": { "campuses": [], "name": { "zh": "医院", "en": "Hospital" } },
            "doctors": [{ "title": "chief_physician", "id": "a", "zzz": true, "name": "A" }]
        });
        let text = to_pretty(&v);
        let schema = text.find("\"schema\"").unwrap_or(usize::MAX);
        let hospital = text.find("\"hospital\"").unwrap_or(0);
        assert!(schema < hospital, "{text}");
        assert!(
            text.contains("{ \"en\": \"Hospital\", \"zh\": \"医院\" }"),
            "{text}"
        );
        let id = text.find("\"id\"").unwrap_or(usize::MAX);
        let title = text.find("\"title\"").unwrap_or(0);
        let unknown = text.find("\"zzz\"").unwrap_or(0);
        assert!(id < title && title < unknown, "{text}");
        let back: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, v);
    }

    #[test]
    fn long_arrays_break_across_lines() {
        let words: Vec<String> = (0..40).map(|i| format!("word{i}")).collect();
        let text = to_pretty(&json!({ "tags": words }));
        assert!(text.lines().count() > 40, "{text}");
    }
}
