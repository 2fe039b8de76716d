//! `prepare` fills in pinyin and keeps everything else.

mod common;

use common::{arg, run, scratch, stderr, stdout};
use serde_json::{json, Value};

fn dataset() -> Value {
    json!({
        "schema": 1,
        "hospital": { "name": "H" },
        "departments": [{ "id": "cardiology", "name": "Cardiology" }],
        "doctors": [
            { "id": "zhang-wei", "name": { "en": "Wei Zhang", "zh": "张伟" },
              "title": "chief_physician", "departments": ["cardiology"],
              "schedule": [{ "weekday": "mon", "session": "morning", "clinic": "expert" }] },
            { "id": "li-na", "name": { "en": "Na Li", "zh": "李娜" }, "pinyin": "li na",
              "title": "attending_physician", "departments": ["cardiology"],
              "schedule": [{ "weekday": "tue", "session": "morning", "clinic": "general" }] },
            { "id": "ann", "name": "Ann Lee", "title": "resident_physician",
              "departments": ["cardiology"], "x-note": "kept" }
        ],
        "articles": []
    })
}

#[test]
fn fills_pinyin_in_place_and_keeps_the_rest() {
    let dir = scratch("prepare-in-place");
    let file = dir.join("data.json");
    std::fs::write(&file, dataset().to_string()).expect("write");
    let before = run(&["validate", arg(&file)]);
    assert!(
        stdout(&before).contains("warning at doctors[0] (张伟, zhang-wei).pinyin"),
        "{}",
        stdout(&before)
    );

    let o = run(&["prepare", arg(&file), "--out", arg(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("filled the pinyin of 1 doctor"));
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("JSON");
    assert_eq!(v["doctors"][0]["pinyin"], "zhāng wěi");
    assert_eq!(
        v["doctors"][1]["pinyin"], "li na",
        "existing pinyin is kept"
    );
    assert!(
        v["doctors"][2].get("pinyin").is_none(),
        "no Chinese name, no pinyin"
    );
    assert_eq!(v["doctors"][2]["x-note"], "kept");

    let after = run(&["validate", arg(&file)]);
    assert!(
        !stdout(&after).contains("doctors[0].pinyin"),
        "{}",
        stdout(&after)
    );
}

#[test]
fn writes_to_standard_output_without_out() {
    let dir = scratch("prepare-stdout");
    let file = dir.join("data.json");
    std::fs::write(&file, dataset().to_string()).expect("write");
    let o = run(&["prepare", arg(&file)]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("pretty JSON on stdout");
    assert_eq!(v["doctors"][0]["pinyin"], "zhāng wěi");
    // Fields come in the documented order, not alphabetically.
    let text = stdout(&o);
    assert!(text.find("\"schema\"") < text.find("\"hospital\""));
    assert!(text.find("\"hospital\"") < text.find("\"departments\""));
    assert!(text.find("\"departments\"") < text.find("\"articles\""));
}

#[test]
fn refuses_what_it_cannot_read() {
    let dir = scratch("prepare-bad");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{ \"doctors\": [ }").expect("write");
    let o = run(&["prepare", arg(&broken)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is not valid JSON"), "{}", stderr(&o));

    let o = run(&["prepare", arg(&dir.join("missing.json"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"));

    let o = run(&["prepare"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing <in>"));

    let o = run(&["prepare", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("--out"));
}
