//! `hospital-data prepare <in> [--out <path>]`: computes what the app should not
//! have to, so the wasm bundle ships without a pinyin table.

use crate::args::{wants_help, Failure, Spec};
use crate::json_out::to_pretty;
use crate::names::pinyin_of;
use crate::EXIT_OK;
use hospital_core::validate::ids;
use hospital_core::Text;
use serde_json::{Map, Value};
use std::path::Path;

pub const HELP: &str = "\
Usage: hospital-data prepare <in> [--out <path>]

Fills in the \"pinyin\" field of every doctor whose name has a Chinese version
(name.zh) and no pinyin yet: one syllable per character, with tone marks,
separated by spaces (\"zhāng wěi\"). Common surname readings are used for the
first character (曾 is zēng, 单 is shàn). Existing pinyin is kept as it is.

Then gives every doctor and department written without an id the id the site
would make up for it (from the pinyin or the English name: \"li-xingyong\",
\"ear-nose-throat\"; unique, with -2, -3 when taken), so that addresses stay
the same when the list changes. Existing ids are kept as they are.

Writes the dataset as pretty JSON, fields in the documented order, to <path>
(which may be <in> itself), or to standard output without --out.
The dataset is not validated: run `hospital-data validate` afterwards.

Exit status: 0 done, 1 the input is not JSON, 2 bad usage or unreadable file.
";

const SPEC: Spec = Spec {
    command: "prepare",
    positionals: &["in"],
    options: &["out"],
    flags: &[],
};

pub fn main(args: &[String]) -> Result<i32, Failure> {
    if wants_help(args) {
        print!("{HELP}");
        return Ok(EXIT_OK);
    }
    let parsed = SPEC.parse(args)?;
    let input = Path::new(&parsed.positionals[0]);
    let text = std::fs::read_to_string(input)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", input.display())))?;
    let mut value: Value = serde_json::from_str(&text)
        .map_err(|e| Failure::invalid(format!("{} is not valid JSON: {e}", input.display())))?;
    let filled = fill_pinyin(&mut value);
    let ids = fill_ids(&mut value);
    let out = to_pretty(&value);
    let done = format!("filled the pinyin of {filled} doctor(s) and {ids} id(s)");
    match parsed.option("out") {
        Some(path) => {
            write_atomically(Path::new(path), &out)?;
            eprintln!("prepare: {done}; wrote {path}");
        }
        None => {
            print!("{out}");
            eprintln!("prepare: {done}");
        }
    }
    Ok(EXIT_OK)
}

/// Sets `pinyin` on each doctor with a Chinese name and none yet; returns how many.
pub fn fill_pinyin(dataset: &mut Value) -> usize {
    let Some(doctors) = dataset.get_mut("doctors").and_then(Value::as_array_mut) else {
        return 0;
    };
    let mut filled = 0;
    for doctor in doctors.iter_mut().filter_map(Value::as_object_mut) {
        let has_pinyin = doctor
            .get("pinyin")
            .and_then(Value::as_str)
            .is_some_and(|p| !p.trim().is_empty());
        if has_pinyin {
            continue;
        }
        let reading = doctor
            .get("name")
            .and_then(|n| n.get("zh"))
            .and_then(Value::as_str)
            .and_then(pinyin_of);
        if let Some(reading) = reading {
            doctor.insert("pinyin".to_string(), Value::String(reading));
            filled += 1;
        }
    }
    filled
}

/// Gives each department, then each doctor, written without an id the one the
/// loader would make up (`hospital_core::validate::ids`); returns how many.
pub fn fill_ids(dataset: &mut Value) -> usize {
    fill_list_ids(dataset, "departments", "department", |_, name| {
        ids::department_id_base(name)
    }) + fill_list_ids(dataset, "doctors", "doctor", |record, name| {
        let pinyin = record.get("pinyin").and_then(Value::as_str);
        ids::doctor_id_base(pinyin, name)
    })
}

fn fill_list_ids(
    dataset: &mut Value,
    list: &str,
    kind: &str,
    base: impl Fn(&Map<String, Value>, &Text) -> Option<String>,
) -> usize {
    let Some(records) = dataset.get_mut(list).and_then(Value::as_array_mut) else {
        return 0;
    };
    let blank = |r: &Map<String, Value>| {
        r.get("id")
            .is_none_or(|id| id.is_null() || id.as_str().is_some_and(|s| s.trim().is_empty()))
    };
    let written: Vec<String> = records
        .iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str))
        .filter(|id| !id.trim().is_empty())
        .map(str::to_string)
        .collect();
    let mut maker = ids::IdMaker::new(written.iter().map(String::as_str));
    let mut filled = 0;
    for (i, record) in records.iter_mut().enumerate() {
        let Some(r) = record.as_object_mut() else {
            continue;
        };
        if !blank(r) {
            continue;
        }
        // The name as the loader reads it; a malformed one gives no base.
        let name: Text = r
            .get("name")
            .and_then(|n| serde_json::from_value(n.clone()).ok())
            .unwrap_or_default();
        let id = maker.make(base(r, &name), &ids::fallback_id(kind, i));
        r.insert("id".to_string(), Value::String(id));
        filled += 1;
    }
    filled
}

/// Writes beside the target, then renames, so that `--out` equal to the input
/// never leaves a half-written dataset behind.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dataset.json".to_string());
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    let fail = |e: std::io::Error| Failure::usage(format!("cannot write {}: {e}", path.display()));
    std::fs::write(&tmp, text).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fills_only_missing_pinyin_of_chinese_names() {
        let mut v = json!({ "doctors": [
            { "id": "a", "name": { "en": "Wei Zhang", "zh": "张伟" } },
            { "id": "b", "name": { "en": "Min Li", "zh": "李敏" }, "pinyin": "li min" },
            { "id": "c", "name": "Anna Smith" },
            { "id": "d", "name": { "en": "Jun Zeng", "zh": "曾俊" }, "pinyin": "" },
            "not an object"
        ]});
        assert_eq!(fill_pinyin(&mut v), 2);
        assert_eq!(v["doctors"][0]["pinyin"], "zhāng wěi");
        assert_eq!(v["doctors"][1]["pinyin"], "li min");
        assert!(v["doctors"][2].get("pinyin").is_none());
        assert_eq!(v["doctors"][3]["pinyin"], "zēng jùn");
    }

    #[test]
    fn fills_missing_ids_as_the_loader_would() {
        let mut v = json!({
            "schema": 1,
            "hospital": { "name": "H" },
            "departments": [
                { "name": { "en": "Ear, Nose & Throat", "zh": "耳鼻喉科" } },
                { "id": "cardiology", "name": "Cardiology" }
            ],
            "doctors": [
                { "name": { "zh": "李兴勇" }, "title": "主任医师", "departments": ["耳鼻喉科"] },
                { "id": "li-xingyong", "name": "X", "title": "nurse", "departments": ["cardiology"] },
                { "id": " ", "name": "Anna Smith", "title": "nurse", "departments": ["cardiology"] },
                "not an object"
            ],
            "articles": []
        });
        let loader_ids = |v: &Value| -> Vec<String> {
            let loaded = hospital_core::validate::load(&v.to_string()).expect("loads");
            loaded
                .dataset
                .doctors
                .iter()
                .map(|d| d.id.clone())
                .collect()
        };
        fill_pinyin(&mut v);
        let mut without = v.clone();
        if let Some(a) = without["doctors"].as_array_mut() {
            a.pop();
        }
        let before = loader_ids(&without);
        assert_eq!(fill_ids(&mut v), 3);
        assert_eq!(v["departments"][0]["id"], "ear-nose-throat");
        assert_eq!(v["doctors"][0]["id"], "li-xingyong-2");
        assert_eq!(v["doctors"][2]["id"], "anna-smith");
        assert_eq!(v["doctors"][1]["id"], "li-xingyong");
        // The same ids the loader made up before they were written.
        let written: Vec<String> = v["doctors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d.get("id").and_then(Value::as_str).map(str::to_string))
            .collect();
        assert_eq!(written, before);
        assert_eq!(fill_ids(&mut v), 0, "a second run changes nothing");
    }

    #[test]
    fn tolerates_any_shape() {
        for mut v in [json!(null), json!([]), json!({ "doctors": 3 })] {
            assert_eq!(fill_pinyin(&mut v), 0);
            assert_eq!(fill_ids(&mut v), 0);
        }
    }
}
