//! `hospital-data prepare <in> [--out <path>]`: computes what the app should not
//! have to, so the wasm bundle ships without a pinyin table.

use crate::args::{wants_help, Failure, Spec};
use crate::json_out::to_pretty;
use crate::names::pinyin_of;
use crate::EXIT_OK;
use serde_json::Value;
use std::path::Path;

pub const HELP: &str = "\
Usage: hospital-data prepare <in> [--out <path>]

Fills in the \"pinyin\" field of every doctor whose name has a Chinese version
(name.zh) and no pinyin yet: one syllable per character, with tone marks,
separated by spaces (\"zhāng wěi\"). Common surname readings are used for the
first character (曾 is zēng, 单 is shàn). Existing pinyin is kept as it is.

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
    let out = to_pretty(&value);
    match parsed.option("out") {
        Some(path) => {
            write_atomically(Path::new(path), &out)?;
            eprintln!("prepare: filled the pinyin of {filled} doctor(s); wrote {path}");
        }
        None => {
            print!("{out}");
            eprintln!("prepare: filled the pinyin of {filled} doctor(s)");
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
    fn tolerates_any_shape() {
        for mut v in [json!(null), json!([]), json!({ "doctors": 3 })] {
            assert_eq!(fill_pinyin(&mut v), 0);
        }
    }
}
