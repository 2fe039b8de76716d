//! `validate`: what it prints and its exit status on good and broken files.

mod common;

use common::{arg, run, scratch, stderr, stdout};
use serde_json::{json, Value};
use std::path::PathBuf;

fn minimal() -> Value {
    json!({
        "schema": 1,
        "hospital": { "name": { "en": "Test Hospital", "zh": "测试医院" } },
        "categories": [{ "id": "news", "name": "News" }],
        "departments": [{ "id": "cardiology", "name": "Cardiology" }],
        "doctors": [{
            "id": "zhang-wei",
            "name": { "en": "Wei Zhang", "zh": "张伟" },
            "pinyin": "zhāng wěi",
            "title": "chief_physician",
            "departments": ["cardiology"],
            "schedule": [{ "weekday": "mon", "session": "morning", "clinic": "expert" }]
        }],
        "articles": [{
            "slug": "hello", "title": "Hello", "date": "2026-01-05",
            "category": "news", "body": "Hello **world**."
        }]
    })
}

fn write(dir: &str, name: &str, text: &str) -> PathBuf {
    let d = scratch(dir);
    let file = d.join(name);
    std::fs::write(&file, text).expect("write");
    file
}

#[test]
fn a_valid_file_exits_zero_with_a_summary() {
    let file = write("validate-ok", "ok.json", &minimal().to_string());
    let o = run(&["validate", arg(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("valid: 0 campuses, 1 departments, 1 doctors, 1 categories, 1 articles; 0 errors, 0 warnings"), "{}", stdout(&o));
}

#[test]
fn warnings_alone_still_exit_zero() {
    let mut v = minimal();
    v["doctors"][0]["favourite_colour"] = json!("green");
    let file = write("validate-warn", "warn.json", &v.to_string());
    let o = run(&["validate", arg(&file)]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("warning at doctors[0] (张伟, zhang-wei).favourite_colour: unknown field"),
        "{out}"
    );
    assert!(out.contains("0 errors, 1 warning"), "{out}");
}

#[test]
fn errors_exit_one_and_each_names_its_path() {
    let mut v = minimal();
    v["doctors"][0]["schedule"][0]["weekday"] = json!("someday");
    v["articles"][0]["date"] = json!("2026-02-30");
    v["articles"][0]["surprise"] = json!(1);
    let file = write("validate-errors", "bad.json", &v.to_string());
    let o = run(&["validate", arg(&file)]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines.iter().any(|l| l.contains(
            "error at doctors[0] (张伟, zhang-wei).schedule[0].weekday: \"someday\" is not one of"
        )),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("error at articles[0] (Hello, hello).date")),
        "{out}"
    );
    assert!(lines.iter().all(|l| l.starts_with(arg(&file))), "{out}");
    // Errors come before warnings, and the summary is last.
    let first_warning = lines
        .iter()
        .position(|l| l.contains(": warning"))
        .unwrap_or(0);
    let last_error = lines
        .iter()
        .rposition(|l| l.contains(": error"))
        .unwrap_or(0);
    assert!(last_error < first_warning, "{out}");
    // The session with the bad weekday is dropped, so the doctor also looks unscheduled.
    assert!(
        lines
            .last()
            .is_some_and(|l| l.contains("invalid: 2 errors, 2 warnings")),
        "{out}"
    );
}

#[test]
fn syntax_errors_give_line_and_column() {
    let file = write(
        "validate-syntax",
        "syntax.json",
        "{\n  \"schema\": 1,\n  \"hospital\": ,\n}",
    );
    let o = run(&["validate", arg(&file)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("error at line 3, column 15: the file is not valid JSON"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn non_utf8_is_invalid_not_a_crash() {
    let d = scratch("validate-latin1");
    let file = d.join("latin1.json");
    std::fs::write(&file, b"{\"schema\": 1, \"x\": \"caf\xe9\"}").expect("write");
    let o = run(&["validate", arg(&file)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("not UTF-8"));
}

#[test]
fn body_files_must_exist_and_not_be_empty() {
    let mut v = minimal();
    let article = v["articles"][0].as_object_mut().expect("object");
    article.remove("body");
    article.insert("body_src".into(), json!("articles/hello.md"));
    let mut second = v["articles"][0].clone();
    second["slug"] = json!("empty");
    second["body_src"] = json!("articles/empty.md");
    let mut remote = v["articles"][0].clone();
    remote["slug"] = json!("remote");
    remote["body_src"] = json!("https://example.org/remote.md");
    v["articles"]
        .as_array_mut()
        .expect("array")
        .extend([second, remote]);

    let file = write("validate-bodies", "data.json", &v.to_string());
    let dir = file.parent().expect("folder").join("articles");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("empty.md"), "  \n").expect("write");

    let o = run(&["validate", arg(&file)]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(
            "error at articles[0].body_src: cannot read the article body \"articles/hello.md\""
        ),
        "{out}"
    );
    assert!(
        out.contains("error at articles[1].body_src: the article body file is empty"),
        "{out}"
    );
    assert!(
        !out.contains("articles[2]"),
        "remote bodies are not fetched: {out}"
    );

    std::fs::write(dir.join("hello.md"), "# Hello\n").expect("write");
    std::fs::write(dir.join("empty.md"), "Now with text.").expect("write");
    let o = run(&["validate", arg(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn usage_and_io_errors_exit_two() {
    let o = run(&["validate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing <path>"));

    let o = run(&["validate", "/nonexistent/dataset.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read /nonexistent/dataset.json"));

    let o = run(&["validate", "a.json", "b.json"]);
    assert_eq!(o.status.code(), Some(2));

    let o = run(&["validate", "a.json", "--strict"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown option \"--strict\""));

    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown command \"frobnicate\""));

    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Usage:"));
}

#[test]
fn help_exits_zero() {
    for args in [
        vec!["--help"],
        vec!["help"],
        vec!["validate", "--help"],
        vec!["validate", "-h"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(stdout(&o).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn lang_zh_prints_the_messages_in_chinese() {
    let mut v = minimal();
    v["doctors"][0]["schedule"][0]["weekday"] = json!("teu");
    let file = write("validate-zh", "zh.json", &v.to_string());
    let o = run(&["validate", arg(&file), "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(
            "错误 位于 doctors[0] (张伟, zhang-wei).schedule[0].weekday：\"teu\" 不是以下之一：mon, tue, wed, thu, fri, sat, sun（是否应为 \"tue\"？）"
        ),
        "{out}"
    );
    assert!(
        out.contains("警告 位于 doctors[0] (张伟, zhang-wei).schedule：这位医生没有门诊安排"),
        "{out}"
    );
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.ends_with("无效：1 个错误，1 个警告")),
        "{out}"
    );
    let ok = write("validate-zh-ok", "ok.json", &minimal().to_string());
    let o = run(&["validate", arg(&ok), "--lang=zh"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("有效：0 个院区，1 个科室，1 位医生"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn format_json_is_one_document_for_ci() {
    let mut v = minimal();
    v["doctors"][0]["title"] = json!("主任医生");
    v["articles"][0]["category"] = json!("newz");
    let file = write("validate-json", "j.json", &v.to_string());
    let o = run(&["validate", arg(&file), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    assert_eq!(doc["valid"], json!(false));
    assert_eq!(doc["errors"], json!(1));
    assert_eq!(doc["warnings"], json!(1));
    assert_eq!(doc["counts"], Value::Null);
    let problems = doc["problems"].as_array().expect("problems");
    let category = problems
        .iter()
        .find(|p| p["path"] == "articles[0].category")
        .unwrap_or_else(|| panic!("{doc:#}"));
    assert_eq!(category["severity"], "error");
    assert_eq!(category["suggestion"], "news");
    assert_eq!(category["record"]["id"], "hello");
    assert_eq!(category["record"]["name"], "Hello");
    assert_eq!(category["line"], Value::Null);
    let title = problems
        .iter()
        .find(|p| p["path"] == "doctors[0].title")
        .unwrap_or_else(|| panic!("{doc:#}"));
    assert_eq!(title["severity"], "warning");
    assert_eq!(title["suggestion"], "主任医师");
    assert_eq!(title["record"]["path"], "doctors[0]");
    assert_eq!(title["record"]["name"], "张伟");
    // In Chinese, with the English kept beside it.
    let o = run(&["validate", arg(&file), "--format", "json", "--lang", "zh"]);
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    let p = &doc["problems"][0];
    assert_eq!(p["message"], "没有 id 为 \"newz\" 的栏目", "{doc:#}");
    assert_eq!(p["message_en"], "no category has the id \"newz\"");
    // A valid file says so, with its counts.
    let ok = write("validate-json-ok", "ok.json", &minimal().to_string());
    let o = run(&["validate", arg(&ok), "--format=json"]);
    assert_eq!(o.status.code(), Some(0));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    assert_eq!(doc["valid"], json!(true));
    assert_eq!(doc["counts"]["doctors"], json!(1));
    assert_eq!(doc["problems"], json!([]));
}

#[test]
fn unknown_lang_or_format_is_a_usage_error() {
    let file = write("validate-flags", "ok.json", &minimal().to_string());
    for args in [["--lang", "fr"], ["--format", "xml"]] {
        let o = run(&["validate", arg(&file), args[0], args[1]]);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("see hospital-data validate --help"),
            "{}",
            stderr(&o)
        );
    }
}
