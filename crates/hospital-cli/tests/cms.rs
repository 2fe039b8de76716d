//! The CMS configuration (public/admin/config.yml) names exactly the fields the format
//! has (crates/hospital-core/src/fields.rs) and the content folder reads: a field added
//! to one and not to the other fails here.

use hospital_cli::content::{
    frontmatter, ARTICLE_ELSEWHERE, ARTICLE_FRONT_MATTER, DOCTOR_ELSEWHERE, OVERRIDE_FRONT_MATTER,
};
use hospital_core::fields;
use hospital_core::model::{HalfDay, Weekday};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn repo(p: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(p)
}

fn config() -> Value {
    let text = std::fs::read_to_string(repo("public/admin/config.yml")).expect("config.yml");
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("config.yml is YAML");
    frontmatter::to_json(&docs[0])
}

fn collection<'a>(c: &'a Value, name: &str) -> &'a Value {
    c["collections"]
        .as_array()
        .and_then(|l| l.iter().find(|x| x["name"] == name))
        .unwrap_or_else(|| panic!("no collection {name}"))
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_array()
        .and_then(|l| l.iter().find(|x| x["name"] == name))
        .unwrap_or_else(|| panic!("no field {name} in {fields}"))
}

fn names(fields: &Value) -> BTreeSet<String> {
    fields
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["name"].as_str().map(str::to_string))
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A text of the format is an object with English and Chinese.
fn assert_text(f: &Value, what: &str) {
    assert_eq!(f["widget"], "object", "{what} is a text: {f}");
    assert_eq!(names(&f["fields"]), set(&["en", "zh"]), "{what}");
}

#[test]
fn news_fields_are_the_front_matter_and_cover_every_article_field() {
    let c = config();
    let news = collection(&c, "news");
    assert_eq!(news["folder"], "content/news");
    assert_eq!(news["format"], "yaml-frontmatter");
    let mut expected: BTreeSet<String> = ARTICLE_FRONT_MATTER
        .iter()
        .map(|(k, _)| k.to_string())
        .collect();
    expected.insert("body".into());
    assert_eq!(names(&news["fields"]), expected);
    // Every field of an article is filled by front matter or named as coming from elsewhere.
    let mut covered: BTreeSet<String> = ARTICLE_FRONT_MATTER
        .iter()
        .filter(|(_, f)| !f.is_empty())
        .map(|(_, f)| f.to_string())
        .collect();
    covered.extend(ARTICLE_ELSEWHERE.iter().map(|(f, _)| f.to_string()));
    assert_eq!(covered, set(fields::ARTICLE));
    let widgets = [
        ("title", "string"),
        ("date", "datetime"),
        ("category", "relation"),
        ("tags", "list"),
        ("summary", "text"),
        ("cover", "image"),
        ("cover_alt", "string"),
        ("cover_caption", "string"),
        ("author", "string"),
        ("source_url", "string"),
        ("departments", "relation"),
        ("doctors", "list"),
        ("draft", "boolean"),
        ("body", "markdown"),
    ];
    assert_eq!(widgets.len(), expected.len(), "a widget for every field");
    for (name, widget) in widgets {
        assert_eq!(field(&news["fields"], name)["widget"], widget, "{name}");
    }
    // Dates as the format writes them.
    assert_eq!(field(&news["fields"], "date")["format"], "YYYY-MM-DD");
    // Translations beside the article, as `build` reads them.
    assert_eq!(c["i18n"]["structure"], "multiple_files");
    assert_eq!(c["i18n"]["locales"], serde_json::json!(["en", "zh"]));
}

#[test]
fn hospital_record_fields_are_the_formats() {
    let c = config();
    let hospital = &collection(&c, "hospital")["files"][0];
    assert_eq!(hospital["file"], "content/hospital.toml");
    let top = &hospital["fields"];
    // The top level: these here; departments, doctors and articles in their own
    // collections and files; $schema is a hint for editors of JSON only.
    let mut dataset = names(top);
    dataset.extend(["departments", "doctors", "articles", "$schema"].map(String::from));
    assert_eq!(dataset, set(fields::DATASET));
    let h = field(top, "hospital");
    assert_eq!(names(&h["fields"]), set(fields::HOSPITAL));
    for text in ["name", "description", "address"] {
        assert_text(field(&h["fields"], text), text);
    }
    let emergency = field(&h["fields"], "emergency");
    assert_eq!(names(&emergency["fields"]), set(fields::EMERGENCY));
    assert_text(field(&emergency["fields"], "hours"), "emergency.hours");
    let campuses = field(&h["fields"], "campuses");
    assert_eq!(campuses["widget"], "list");
    assert_eq!(names(&campuses["fields"]), set(fields::CAMPUS));
    let categories = field(top, "categories");
    assert_eq!(names(&categories["fields"]), set(fields::CATEGORY));
    assert_text(field(&categories["fields"], "name"), "category name");
}

#[test]
fn department_fields_are_the_formats() {
    let c = config();
    let d = collection(&c, "departments");
    assert_eq!(d["folder"], "content/departments");
    assert_eq!(d["format"], "toml");
    assert_eq!(names(&d["fields"]), set(fields::DEPARTMENT));
    assert_text(field(&d["fields"], "name"), "department name");
    assert_text(field(&d["fields"], "description"), "department description");
    assert_eq!(
        names(&field(&d["fields"], "keywords")["fields"]),
        set(&["en", "zh"])
    );
}

#[test]
fn doctor_overrides_and_the_sheets_cover_every_doctor_field() {
    let c = config();
    let d = collection(&c, "doctors");
    assert_eq!(d["folder"], "content/doctors");
    let mut expected: BTreeSet<String> = OVERRIDE_FRONT_MATTER
        .iter()
        .map(|(k, _)| k.to_string())
        .collect();
    expected.insert("body".into());
    assert_eq!(names(&d["fields"]), expected);
    let mut covered: BTreeSet<String> = OVERRIDE_FRONT_MATTER
        .iter()
        .map(|(_, f)| f.to_string())
        .collect();
    covered.extend(DOCTOR_ELSEWHERE.iter().map(|(f, _)| f.to_string()));
    assert_eq!(covered, set(fields::DOCTOR));
    let leave = field(&d["fields"], "leave");
    assert_eq!(
        names(&leave["fields"]),
        set(&["note_en", "note_zh", "sessions"])
    );
    // Every weekday and half-day can be called off.
    let options: BTreeSet<String> = field(&leave["fields"], "sessions")["options"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o.as_str().map(str::to_string))
        .collect();
    let all: BTreeSet<String> = Weekday::ALL
        .iter()
        .flat_map(|d| {
            HalfDay::ALL
                .iter()
                .map(move |h| format!("{}.{}", d.key(), h.key()))
        })
        .collect();
    assert_eq!(options, all);
}

#[test]
fn the_example_folder_uses_only_fields_the_cms_has() {
    let c = config();
    let news_fields = names(&collection(&c, "news")["fields"]);
    let doctor_fields = names(&collection(&c, "doctors")["fields"]);
    let mut checked = 0;
    for (dir, known) in [
        ("examples/content/news", &news_fields),
        ("examples/content/doctors", &doctor_fields),
    ] {
        for e in std::fs::read_dir(repo(dir))
            .expect("example folder")
            .flatten()
        {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&p).expect("read");
            let page =
                frontmatter::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", p.display()));
            for key in page.fields.keys() {
                assert!(
                    known.contains(key),
                    "{}: {key} is not in the CMS",
                    p.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked} files checked");
}
