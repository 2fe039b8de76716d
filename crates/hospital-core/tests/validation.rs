//! The dataset loader on broken input: every problem is found, named by its exact
//! JSON path, explained in words, and nothing makes it panic.

use hospital_core::validate::{load, load_value, Problem, Severity};
use serde_json::{json, Value};

/// A small dataset that loads without a single warning.
fn base() -> Value {
    json!({
        "schema": 1,
        "sample": true,
        "hospital": {
            "name": { "en": "Test Hospital", "zh": "测试医院" },
            "phone": "+86 21 5550 0000",
            "website": "https://hospital.example.org",
            "campuses": [
                { "id": "main", "name": { "en": "Main Campus", "zh": "总院" } },
                { "id": "east", "name": { "en": "East Campus", "zh": "东院" } }
            ]
        },
        "categories": [
            { "id": "news", "name": { "en": "News", "zh": "新闻" } },
            { "id": "health-tips", "name": { "en": "Health tips", "zh": "健康科普" } }
        ],
        "departments": [
            { "id": "cardiology", "name": { "en": "Cardiology", "zh": "心内科" },
              "campuses": ["main"], "phone": "+86 21 5550 1000",
              "keywords": [{ "en": "heart", "zh": "心脏" }] },
            { "id": "neurology", "name": { "en": "Neurology", "zh": "神经内科" },
              "campuses": ["main", "east"] }
        ],
        "doctors": [
            { "id": "zhang-wei", "name": { "en": "Wei Zhang", "zh": "张伟" }, "pinyin": "zhāng wěi",
              "title": "chief_physician", "departments": ["cardiology"],
              "specialties": [{ "en": "heart failure", "zh": "心力衰竭" }],
              "languages": ["zh", "en"], "gender": "male",
              "photo": { "src": "images/zhang-wei.svg", "alt": "" },
              "schedule": [
                  { "weekday": "mon", "session": "morning", "clinic": "expert", "campus": "main" },
                  { "weekday": "wed", "session": "afternoon", "clinic": "special",
                    "room": "Building 2, Room 214", "cancelled": true }
              ],
              "booking": { "url": "https://booking.example.org/zhang-wei", "phone": "+86 21 5550 1000" },
              "verified": "2026-03-01" },
            { "id": "li-na", "name": { "en": "Na Li", "zh": "李娜" }, "pinyin": "lǐ nà",
              "title": "attending_physician", "departments": ["neurology"],
              "schedule": [{ "weekday": "tue", "session": "morning", "clinic": "general" }] }
        ],
        "articles": [
            { "slug": "new-ward", "title": { "en": "A new ward", "zh": "新病房" }, "date": "2026-01-05",
              "category": "news", "tags": ["ward"], "departments": ["cardiology"], "doctors": ["zhang-wei"],
              "cover": { "src": "images/ward.svg", "alt": { "en": "A ward", "zh": "病房" } },
              "source_url": "https://example.org/news/1",
              "body": { "en": "Hello **world**.", "zh": "你好。" } },
            { "slug": "sleep-well", "title": "Sleep well", "date": "2024-02-29",
              "category": "health-tips", "body_src": "articles/sleep-well.md" }
        ]
    })
}

/// The problems of the base dataset after `change`; the loader must refuse it.
fn broken(change: impl FnOnce(&mut Value)) -> Vec<Problem> {
    let mut v = base();
    change(&mut v);
    match load(&v.to_string()) {
        Ok(_) => panic!("loaded a broken dataset:\n{v:#}"),
        Err(problems) => problems,
    }
}

/// Asserts an error at exactly `path` whose message contains `phrase`.
fn assert_error(problems: &[Problem], path: &str, phrase: &str) {
    let found = problems
        .iter()
        .any(|p| p.severity == Severity::Error && p.path == path && p.message.contains(phrase));
    assert!(
        found,
        "no error at {path} saying {phrase:?}; got:\n{}",
        listing(problems)
    );
}

fn listing(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One mutation and the error it must cause.
fn case(change: impl FnOnce(&mut Value), path: &str, phrase: &str) {
    assert_error(&broken(change), path, phrase);
}

fn remove(v: &mut Value, key: &str) {
    if let Some(o) = v.as_object_mut() {
        o.remove(key);
    }
}

fn push(v: &mut Value, item: Value) {
    if let Some(a) = v.as_array_mut() {
        a.push(item);
    }
}

#[test]
fn the_base_dataset_is_clean() {
    let loaded = load(&base().to_string()).expect("base loads");
    assert!(loaded.warnings.is_empty(), "{}", listing(&loaded.warnings));
    assert_eq!(loaded.dataset.doctors.len(), 2);
}

// --- the top level ---

#[test]
fn schema_is_required() {
    case(
        |v| remove(v, "schema"),
        "schema",
        "this field is required (the number 1)",
    );
}

#[test]
fn schema_version_must_be_known() {
    case(
        |v| v["schema"] = json!(2),
        "schema",
        "schema version 2 is not supported",
    );
}

#[test]
fn schema_must_be_a_number() {
    case(
        |v| v["schema"] = json!("1"),
        "schema",
        "expected the number 1, found a string",
    );
}

#[test]
fn sample_must_be_a_boolean() {
    case(
        |v| v["sample"] = json!("yes"),
        "sample",
        "expected true or false, found a string",
    );
}

#[test]
fn lists_are_required() {
    for key in ["departments", "doctors", "articles"] {
        case(|v| remove(v, key), key, "this field is required (an array)");
    }
}

#[test]
fn lists_must_be_arrays() {
    case(
        |v| v["departments"] = json!({}),
        "departments",
        "expected an array, found an object",
    );
}

// --- the hospital ---

#[test]
fn hospital_is_required() {
    case(
        |v| remove(v, "hospital"),
        "hospital",
        "this field is required (an object)",
    );
}

#[test]
fn hospital_must_be_an_object() {
    case(
        |v| v["hospital"] = json!([]),
        "hospital",
        "expected an object, found an array",
    );
}

#[test]
fn hospital_name_must_not_be_empty() {
    case(
        |v| v["hospital"]["name"] = json!("  "),
        "hospital.name",
        "must not be empty",
    );
}

#[test]
fn hospital_name_must_not_be_empty_in_every_language() {
    case(
        |v| v["hospital"]["name"] = json!({ "en": "", "zh": " " }),
        "hospital.name",
        "must not be empty in every language",
    );
}

#[test]
fn text_keys_must_be_language_codes() {
    case(
        |v| v["hospital"]["name"] = json!({ "english": "Test Hospital" }),
        "hospital.name.english",
        "\"english\" is not a language code",
    );
}

#[test]
fn text_values_must_be_strings() {
    case(
        |v| v["hospital"]["name"]["en"] = json!(5),
        "hospital.name.en",
        "expected a string, found a number",
    );
}

#[test]
fn phone_numbers_are_checked() {
    case(
        |v| v["hospital"]["phone"] = json!("call reception"),
        "hospital.phone",
        "\"call reception\" is not a telephone number",
    );
    case(
        |v| v["departments"][0]["phone"] = json!("0931-8266957 / ask at the desk"),
        "departments[0].phone",
        "\"ask at the desk\" is not one",
    );
}

#[test]
fn phone_numbers_as_hospitals_write_them_are_kept_as_written() {
    for written in [
        "(0931)4678260",
        "（0931）4678260",
        "0931-8266957转123",
        "0931-8266957/0931-8266958",
        "0931-8266957；0931-8266958",
        "0931-8266957、0931-8266958",
        "0931-8266957 0931-8266958",
        "0931-8266957/",
    ] {
        let loaded = loads(|v| v["departments"][0]["phone"] = json!(written));
        assert!(
            loaded.warnings.is_empty(),
            "{written}: {}",
            listing(&loaded.warnings)
        );
        let phone = loaded.dataset.departments[0].phone.clone();
        assert_eq!(phone.as_deref(), Some(written), "{written}");
        let numbers = hospital_core::phone::split(written);
        assert!(
            !numbers.is_empty() && numbers.iter().all(|n| n.href.starts_with("tel:0931")),
            "{written}"
        );
    }
}

#[test]
fn a_phone_field_that_says_none_is_a_warning() {
    for none in ["无", "N/A", "-"] {
        let loaded = loads(|v| v["doctors"][0]["booking"]["phone"] = json!(none));
        assert!(
            has_warning(
                &loaded.warnings,
                "doctors[0].booking.phone",
                "means there is no number"
            ),
            "{none}: {}",
            listing(&loaded.warnings)
        );
        assert_eq!(
            loaded.dataset.doctors[0]
                .booking
                .as_ref()
                .and_then(|b| b.phone.clone()),
            None
        );
    }
}

#[test]
fn website_must_be_http() {
    case(
        |v| v["hospital"]["website"] = json!("ftp://hospital.example.org"),
        "hospital.website",
        "is not an http(s) URL",
    );
}

#[test]
fn campus_ids_must_be_url_safe() {
    case(
        |v| v["hospital"]["campuses"][0]["id"] = json!("main campus"),
        "hospital.campuses[0].id",
        "may use only letters, digits, '-' and '_'",
    );
}

#[test]
fn campus_ids_must_be_unique() {
    case(
        |v| v["hospital"]["campuses"][1]["id"] = json!("main"),
        "hospital.campuses[1].id",
        "duplicate campus id \"main\", first used by hospital.campuses[0]",
    );
}

// --- categories and departments ---

#[test]
fn category_ids_must_be_unique() {
    case(
        |v| v["categories"][1]["id"] = json!("news"),
        "categories[1].id",
        "duplicate category id \"news\"",
    );
}

#[test]
fn category_needs_a_name() {
    case(
        |v| remove(&mut v["categories"][0], "name"),
        "categories[0].name",
        "this field is required (a text)",
    );
}

#[test]
fn department_must_be_an_object() {
    case(
        |v| v["departments"][0] = json!("cardiology"),
        "departments[0]",
        "expected an object, found a string",
    );
}

#[test]
fn department_ids_must_be_unique() {
    case(
        |v| v["departments"][1]["id"] = json!("cardiology"),
        "departments[1].id",
        "duplicate department id \"cardiology\", first used by departments[0]",
    );
}

#[test]
fn department_campuses_must_exist() {
    case(
        |v| v["departments"][1]["campuses"][1] = json!("north"),
        "departments[1].campuses[1]",
        "no campus has the id \"north\"",
    );
}

#[test]
fn department_keywords_must_not_be_empty() {
    case(
        |v| v["departments"][0]["keywords"][0] = json!(""),
        "departments[0].keywords[0]",
        "must not be empty",
    );
}

// --- doctors ---

#[test]
fn a_doctor_without_an_id_gets_one_from_the_pinyin() {
    let loaded = loads(|v| remove(&mut v["doctors"][1], "id"));
    assert_eq!(loaded.dataset.doctors[1].id, "li-na");
    assert!(
        has_warning(
            &loaded.warnings,
            "doctors[1].id",
            "run `hospital-data prepare`"
        ),
        "{}",
        listing(&loaded.warnings)
    );
    // Unique among every doctor's id, including those written after it, and stable.
    let twice = || {
        loads(|v| {
            remove(&mut v["doctors"][0], "id");
            v["doctors"][0]["pinyin"] = json!("lǐ nà");
            v["articles"][0]["doctors"] = json!([]);
            push(
                &mut v["doctors"],
                json!({ "name": "Na Li", "title": "nurse",
                "departments": ["neurology"], "schedule": [] }),
            );
        })
    };
    let ids: Vec<String> = twice()
        .dataset
        .doctors
        .iter()
        .map(|d| d.id.clone())
        .collect();
    assert_eq!(ids, ["li-na-2", "li-na", "na-li"]);
    let again: Vec<String> = twice()
        .dataset
        .doctors
        .iter()
        .map(|d| d.id.clone())
        .collect();
    assert_eq!(ids, again);
    // Article references still need a written id.
    case(
        |v| {
            remove(&mut v["doctors"][0], "id");
            remove(&mut v["doctors"][0], "pinyin");
            v["doctors"][0]["name"] = json!("张伟");
        },
        "articles[0].doctors[0]",
        "no doctor has the id \"zhang-wei\"",
    );
}

#[test]
fn a_department_without_an_id_gets_one_from_its_english_name() {
    let loaded = loads(|v| {
        push(
            &mut v["departments"],
            json!({ "name": { "en": "Ear, Nose & Throat", "zh": "耳鼻喉科" } }),
        );
        v["doctors"][1]["departments"] = json!(["neurology", "耳鼻喉科"]);
    });
    assert_eq!(loaded.dataset.departments[2].id, "ear-nose-throat");
    assert_eq!(
        loaded.dataset.doctors[1].departments,
        ["neurology", "ear-nose-throat"]
    );
    assert!(has_warning(&loaded.warnings, "departments[2].id", "no id"));
    // A blank id, as an empty spreadsheet cell gives, counts as none.
    let blank = loads(|v| {
        v["departments"][1]["id"] = json!(" ");
        v["doctors"][1]["departments"] = json!(["Neurology"]);
    });
    assert_eq!(blank.dataset.departments[1].id, "neurology");
}

#[test]
fn doctor_ids_must_be_unique() {
    case(
        |v| v["doctors"][1]["id"] = json!("zhang-wei"),
        "doctors[1].id",
        "duplicate doctor id \"zhang-wei\", first used by doctors[0]",
    );
}

#[test]
fn doctor_title_must_be_a_string() {
    case(
        |v| v["doctors"][0]["title"] = json!(3),
        "doctors[0].title",
        "expected a string, found a number",
    );
    case(
        |v| v["doctors"][0]["title"] = json!("t".repeat(65)),
        "doctors[0].title",
        "too long for a title",
    );
}

#[test]
fn a_doctor_without_a_department_is_listed_under_other() {
    for change in [
        (|v: &mut Value| v["doctors"][0]["departments"] = json!([])) as fn(&mut Value),
        |v: &mut Value| remove(&mut v["doctors"][0], "departments"),
    ] {
        let loaded = loads(|v| {
            change(v);
            v["articles"][0]["departments"] = json!([]);
            push(
                &mut v["doctors"],
                json!({ "id": "x", "name": { "en": "X", "zh": "某" },
                "pinyin": "mou", "title": "nurse", "departments": ["cardiology"],
                "schedule": [{ "weekday": "sun", "session": "morning", "clinic": "general" }] }),
            );
        });
        assert!(loaded.dataset.doctors[0].departments.is_empty());
        assert!(
            has_warning(
                &loaded.warnings,
                "doctors[0].departments",
                "under \"Other\""
            ),
            "{}",
            listing(&loaded.warnings)
        );
    }
    case(
        |v| v["doctors"][0]["departments"] = json!("cardiology"),
        "doctors[0].departments",
        "expected an array",
    );
}

#[test]
fn departments_are_named_by_id_or_by_name_in_any_language() {
    let loaded = loads(|v| {
        v["doctors"][0]["departments"] = json!(["心内科"]);
        v["doctors"][1]["departments"] = json!(["Neurology", "cardiology"]);
        v["articles"][0]["departments"] = json!(["cardiology "]);
    });
    assert_eq!(loaded.dataset.doctors[0].departments, ["cardiology"]);
    assert_eq!(
        loaded.dataset.doctors[1].departments,
        ["neurology", "cardiology"]
    );
    assert_eq!(loaded.dataset.articles[0].departments, ["cardiology"]);
    // A name two departments share names neither.
    case(
        |v| {
            v["departments"][1]["name"] = json!({ "en": "Heart", "zh": "心内科" });
            v["doctors"][0]["departments"] = json!(["心内科"]);
        },
        "doctors[0].departments[0]",
        "no department has the id \"心内科\", nor that name",
    );
}

#[test]
fn a_chinese_name_without_an_english_one_is_a_warning() {
    let loaded = loads(|v| {
        v["doctors"][0]["name"] = json!({ "zh": "张伟" });
        v["doctors"][1]["name"] = json!("李娜");
        v["departments"][1]["name"] = json!({ "zh": "神经内科" });
    });
    for path in ["doctors[0].name", "doctors[1].name", "departments[1].name"] {
        assert!(
            has_warning(
                &loaded.warnings,
                path,
                "has a Chinese name and no English one"
            ),
            "{path}: {}",
            listing(&loaded.warnings)
        );
    }
    let english_only = loads(|v| v["doctors"][1]["name"] = json!("Na Li"));
    assert!(
        english_only.warnings.is_empty(),
        "{}",
        listing(&english_only.warnings)
    );
}

#[test]
fn doctor_departments_must_exist() {
    case(
        |v| v["doctors"][1]["departments"] = json!(["neurology", "neuro"]),
        "doctors[1].departments[1]",
        "no department has the id \"neuro\"",
    );
}

#[test]
fn doctor_gender_is_a_keyword() {
    case(
        |v| v["doctors"][0]["gender"] = json!("X"),
        "doctors[0].gender",
        "\"X\" is not one of: female, male, other",
    );
}

#[test]
fn doctor_languages_must_not_be_empty_strings() {
    case(
        |v| v["doctors"][0]["languages"][1] = json!(""),
        "doctors[0].languages[1]",
        "must not be empty",
    );
}

#[test]
fn doctor_specialties_are_texts() {
    case(
        |v| v["doctors"][0]["specialties"][0] = json!(3),
        "doctors[0].specialties[0]",
        "expected a string or a map of languages to strings, found a number",
    );
}

#[test]
fn doctor_accepting_is_a_boolean() {
    case(
        |v| v["doctors"][0]["accepting_new_patients"] = json!("no"),
        "doctors[0].accepting_new_patients",
        "expected true or false, found a string",
    );
}

#[test]
fn doctor_verified_is_a_real_date() {
    case(
        |v| v["doctors"][0]["verified"] = json!("2026-13-01"),
        "doctors[0].verified",
        "\"2026-13-01\" is not a date of the form YYYY-MM-DD",
    );
}

#[test]
fn booking_must_be_an_object() {
    case(
        |v| v["doctors"][0]["booking"] = json!("call us"),
        "doctors[0].booking",
        "expected an object, found a string",
    );
}

#[test]
fn booking_url_refuses_scripts() {
    case(
        |v| v["doctors"][0]["booking"]["url"] = json!("javascript:alert(1)"),
        "doctors[0].booking.url",
        "is not an http(s) URL",
    );
}

#[test]
fn photo_src_refuses_data_urls() {
    case(
        |v| v["doctors"][0]["photo"]["src"] = json!("data:image/svg+xml,<svg/>"),
        "doctors[0].photo.src",
        "must be an http(s) or relative URL",
    );
}

#[test]
fn photo_needs_alt_text() {
    case(
        |v| remove(&mut v["doctors"][0]["photo"], "alt"),
        "doctors[0].photo.alt",
        "describe the image, or use \"\" if it is decorative",
    );
}

#[test]
fn session_weekday_is_a_keyword() {
    case(
        |v| v["doctors"][0]["schedule"][1]["weekday"] = json!("funday"),
        "doctors[0].schedule[1].weekday",
        "\"funday\" is not one of: mon, tue, wed, thu, fri, sat, sun",
    );
}

#[test]
fn session_half_day_is_a_keyword() {
    case(
        |v| v["doctors"][0]["schedule"][0]["session"] = json!("night"),
        "doctors[0].schedule[0].session",
        "\"night\" is not one of: morning, afternoon, evening",
    );
}

#[test]
fn session_clinic_is_a_keyword() {
    case(
        |v| v["doctors"][1]["schedule"][0]["clinic"] = json!("vip"),
        "doctors[1].schedule[0].clinic",
        "\"vip\" is not one of: general, expert, special",
    );
}

#[test]
fn session_clinic_is_required() {
    case(
        |v| remove(&mut v["doctors"][1]["schedule"][0], "clinic"),
        "doctors[1].schedule[0].clinic",
        "this field is required (a string)",
    );
}

#[test]
fn session_campus_must_exist() {
    case(
        |v| v["doctors"][0]["schedule"][0]["campus"] = json!("moon"),
        "doctors[0].schedule[0].campus",
        "no campus has the id \"moon\"",
    );
}

#[test]
fn session_cancelled_is_a_boolean() {
    case(
        |v| v["doctors"][0]["schedule"][1]["cancelled"] = json!("yes"),
        "doctors[0].schedule[1].cancelled",
        "expected true or false, found a string",
    );
}

#[test]
fn two_sessions_cannot_share_a_half_day() {
    case(
        |v| {
            v["doctors"][0]["schedule"][1]["weekday"] = json!("mon");
            v["doctors"][0]["schedule"][1]["session"] = json!("morning");
        },
        "doctors[0].schedule[1]",
        "a doctor cannot hold two sessions at once: mon morning is already schedule[0]",
    );
}

// --- articles ---

#[test]
fn article_slug_must_be_url_safe() {
    case(
        |v| v["articles"][0]["slug"] = json!("A new ward!"),
        "articles[0].slug",
        "may use only letters, digits, '-' and '_'",
    );
}

#[test]
fn article_slugs_must_be_unique() {
    case(
        |v| v["articles"][1]["slug"] = json!("new-ward"),
        "articles[1].slug",
        "duplicate article slug \"new-ward\", first used by articles[0]",
    );
}

#[test]
fn article_title_is_required() {
    case(
        |v| remove(&mut v["articles"][1], "title"),
        "articles[1].title",
        "this field is required (a text)",
    );
}

#[test]
fn article_date_has_one_form() {
    case(
        |v| v["articles"][0]["date"] = json!("05/01/2026"),
        "articles[0].date",
        "\"05/01/2026\" is not a date of the form YYYY-MM-DD",
    );
}

#[test]
fn article_date_must_exist_in_the_calendar() {
    case(
        |v| v["articles"][1]["date"] = json!("2025-02-29"),
        "articles[1].date",
        "is not a date of the form YYYY-MM-DD",
    );
}

#[test]
fn article_category_must_exist() {
    case(
        |v| v["articles"][0]["category"] = json!("gossip"),
        "articles[0].category",
        "no category has the id \"gossip\"",
    );
}

#[test]
fn article_tags_are_an_array() {
    case(
        |v| v["articles"][0]["tags"] = json!("ward"),
        "articles[0].tags",
        "expected an array, found a string",
    );
}

#[test]
fn article_needs_a_body() {
    case(
        |v| remove(&mut v["articles"][0], "body"),
        "articles[0].body",
        "this field is required (Markdown text), or give \"body_src\"",
    );
}

#[test]
fn article_body_must_not_be_empty() {
    case(
        |v| v["articles"][0]["body"] = json!({ "en": "", "zh": "" }),
        "articles[0].body",
        "must not be empty in every language",
    );
}

#[test]
fn article_cannot_have_two_bodies() {
    case(
        |v| v["articles"][1]["body"] = json!("Inline too."),
        "articles[1].body_src",
        "give either \"body\" or \"body_src\", not both",
    );
}

#[test]
fn article_body_src_refuses_scripts() {
    case(
        |v| v["articles"][1]["body_src"] = json!("javascript:alert(1)"),
        "articles[1].body_src",
        "must be an http(s) or relative URL",
    );
}

#[test]
fn article_cover_src_refuses_scripts() {
    case(
        |v| v["articles"][0]["cover"]["src"] = json!("JavaScript:alert(1)"),
        "articles[0].cover.src",
        "must be an http(s) or relative URL",
    );
}

#[test]
fn article_source_url_must_be_absolute() {
    case(
        |v| v["articles"][0]["source_url"] = json!("mp.weixin.qq.com/s/abc"),
        "articles[0].source_url",
        "is not an http(s) URL",
    );
}

#[test]
fn article_doctors_must_exist() {
    case(
        |v| push(&mut v["articles"][0]["doctors"], json!("nobody")),
        "articles[0].doctors[1]",
        "no doctor has the id \"nobody\"",
    );
}

#[test]
fn article_departments_must_exist() {
    case(
        |v| v["articles"][0]["departments"][0] = json!("cardio"),
        "articles[0].departments[0]",
        "no department has the id \"cardio\"",
    );
}

// --- many problems at once ---

#[test]
fn every_error_is_reported_at_once() {
    let problems = broken(|v| {
        v["hospital"]["website"] = json!("nope");
        v["doctors"][0]["schedule"][1]["weekday"] = json!("funday");
        v["doctors"][1]["departments"][0] = json!("dermatology");
        v["articles"][0]["date"] = json!("yesterday");
        v["articles"][1]["category"] = json!("gossip");
        v["colour"] = json!("blue");
    });
    assert_error(&problems, "hospital.website", "is not an http(s) URL");
    assert_error(&problems, "doctors[0].schedule[1].weekday", "is not one of");
    assert_error(
        &problems,
        "doctors[1].departments[0]",
        "no department has the id \"dermatology\"",
    );
    assert_error(&problems, "articles[0].date", "is not a date");
    assert_error(
        &problems,
        "articles[1].category",
        "no category has the id \"gossip\"",
    );
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    assert_eq!(errors, 5, "{}", listing(&problems));
    // Warnings travel with the errors, after them.
    let first_warning = problems
        .iter()
        .position(|p| p.severity == Severity::Warning);
    assert_eq!(first_warning, Some(5), "{}", listing(&problems));
    assert!(problems.iter().any(|p| p.path == "colour"));
}

#[test]
fn one_bad_field_does_not_hide_its_neighbours() {
    let problems = broken(|v| {
        v["doctors"][0]["title"] = json!(["professor"]);
        v["doctors"][0]["gender"] = json!(7);
        v["doctors"][0]["verified"] = json!("soon");
    });
    assert_error(&problems, "doctors[0].title", "expected a string");
    assert_error(
        &problems,
        "doctors[0].gender",
        "expected a string, found a number",
    );
    assert_error(&problems, "doctors[0].verified", "is not a date");
}

// --- warnings ---

#[test]
fn warnings_do_not_block_loading() {
    let mut v = base();
    v["colour"] = json!("blue");
    v["doctors"][1]["x-internal"] = json!(true);
    v["doctors"][1]["notes.v2"] = json!(1);
    v["doctors"][1]["a \"b\"[0]"] = json!(1);
    v[""] = json!(1);
    remove(&mut v["doctors"][1], "pinyin");
    remove(&mut v["doctors"][1], "schedule");
    push(
        &mut v["departments"],
        json!({ "id": "dermatology", "name": "Dermatology" }),
    );
    let loaded = load(&v.to_string()).expect("warnings only");
    let w = &loaded.warnings;
    let has = |path: &str, phrase: &str| {
        w.iter().any(|p| {
            p.severity == Severity::Warning && p.path == path && p.message.contains(phrase)
        })
    };
    assert!(
        has("colour", "unknown field \"colour\" is ignored"),
        "{}",
        listing(w)
    );
    assert!(
        has("doctors[1].x-internal", "unknown field"),
        "{}",
        listing(w)
    );
    // Keys that would read as several steps of a path are quoted, as in JSONPath.
    for quoted in [
        r#"doctors[1]["notes.v2"]"#,
        r#"doctors[1]["a \"b\"[0]"]"#,
        r#"[""]"#,
    ] {
        assert!(has(quoted, "unknown field"), "{quoted}: {}", listing(w));
    }
    assert!(
        has("doctors[1].pinyin", "run `hospital-data prepare`"),
        "{}",
        listing(w)
    );
    assert!(
        has("doctors[1].schedule", "no outpatient sessions"),
        "{}",
        listing(w)
    );
    assert!(
        has(
            "departments[2]",
            "no doctor belongs to department \"dermatology\""
        ),
        "{}",
        listing(w)
    );
    assert_eq!(w.len(), 8, "{}", listing(w));
    assert_eq!(loaded.dataset.departments.len(), 3);
}

#[test]
fn defaults_fill_optional_fields() {
    let loaded = load(&base().to_string()).expect("loads");
    let d = &loaded.dataset.doctors[1];
    assert!(d.accepting_new_patients);
    assert!(d.booking.is_none() && d.photo.is_none() && d.education.is_empty());
    assert!(!d.schedule[0].cancelled);
}

// --- syntax ---

fn syntax(text: &str) -> Problem {
    let problems = load(text).expect_err("not JSON");
    assert_eq!(problems.len(), 1, "{}", listing(&problems));
    let p = problems.into_iter().next().expect("one problem");
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.path, "");
    assert!(
        p.message.starts_with("the file is not valid JSON")
            || p.message.contains("more than 128 levels deep"),
        "{}",
        p.message
    );
    assert!(
        !p.message.contains(" at line "),
        "position is reported apart: {}",
        p.message
    );
    p
}

#[test]
fn syntax_error_gives_line_and_column() {
    let p = syntax("{\n  \"schema\": 1,\n  \"hospital\": ,\n}");
    assert_eq!((p.line, p.column), (Some(3), Some(15)));
    assert!(p.message.contains("expected value"), "{}", p.message);
    assert_eq!(
        p.to_string(),
        format!("error at line 3, column 15: {}", p.message)
    );
}

#[test]
fn trailing_comma_is_located() {
    let p = syntax("{\n  \"schema\": 1,\n  \"doctors\": [1, 2,]\n}");
    assert_eq!((p.line, p.column), (Some(3), Some(20)));
    assert!(p.message.contains("trailing comma"), "{}", p.message);
}

#[test]
fn unterminated_string_is_located() {
    let p = syntax("{\"schema\": 1,\n\"hospital\": {\"name\": \"Test");
    assert_eq!(p.line, Some(2));
    assert!(
        p.message.contains("EOF while parsing a string"),
        "{}",
        p.message
    );
}

#[test]
fn empty_input_is_a_syntax_error() {
    let p = syntax("");
    assert!(
        p.message.contains("EOF while parsing a value"),
        "{}",
        p.message
    );
    let p = syntax("   \n\n");
    assert_eq!(p.line, Some(3));
}

#[test]
fn text_after_the_document_is_a_syntax_error() {
    let p = syntax("{}\n{}");
    assert_eq!((p.line, p.column), (Some(2), Some(1)));
    assert!(p.message.contains("trailing characters"), "{}", p.message);
}

// --- odd shapes and sizes: errors, never panics ---

#[test]
fn empty_object_lists_every_missing_field() {
    let problems = load("{}").expect_err("empty");
    for path in ["schema", "hospital", "departments", "doctors", "articles"] {
        assert!(
            problems
                .iter()
                .any(|p| p.path == path && p.message.contains("required")),
            "{path}: {}",
            listing(&problems)
        );
    }
}

#[test]
fn top_level_must_be_an_object() {
    for (text, kind) in [
        ("[]", "an array"),
        ("[{\"schema\": 1}]", "an array"),
        ("null", "null"),
        ("42", "a number"),
        ("\"hospital\"", "a string"),
        ("true", "a boolean"),
    ] {
        let problems = load(text).expect_err(text);
        assert_error(&problems, "", &format!("expected an object, found {kind}"));
    }
}

#[test]
fn deep_nesting_is_refused_without_a_crash() {
    let depth = 100_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let p = syntax(&text);
    assert!(
        p.message.contains("more than 128 levels deep"),
        "{}",
        p.message
    );

    let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    syntax(&objects);
}

#[test]
fn nesting_inside_a_field_is_a_type_error() {
    let mut nested = json!("leaf");
    for _ in 0..100 {
        nested = json!({ "en": nested });
    }
    let problems = broken(|v| v["hospital"]["name"] = nested);
    assert_error(
        &problems,
        "hospital.name.en",
        "expected a string, found an object",
    );
}

#[test]
fn deep_value_checked_without_parsing() {
    // `load_value` has no parser to limit depth: it must still only look where needed.
    let mut nested = json!(1);
    for _ in 0..10_000 {
        // Not `json!`: it would serialise (and so recurse into) the value each time.
        nested = Value::Array(vec![nested]);
    }
    let mut v = base();
    v["x-deep"] = nested;
    let loaded = load_value(&v).expect("unknown fields are only warned about");
    assert!(loaded.warnings.iter().any(|p| p.path == "x-deep"));
    // Dropping a deep Value recurses too: leak it rather than test serde_json's Drop.
    std::mem::forget(v);
}

#[test]
fn megabyte_strings_load_and_messages_stay_short() {
    let big = "医".repeat(350_000); // over 1 MB of UTF-8
    let mut v = base();
    v["hospital"]["name"]["zh"] = json!(big);
    v["doctors"][0]["bio"] = json!("x".repeat(1 << 20));
    let loaded = load(&v.to_string()).expect("long texts are fine");
    assert_eq!(
        loaded
            .dataset
            .hospital
            .name
            .exact(hospital_core::Lang::Zh)
            .map(str::len),
        Some(big.len())
    );

    let problems = broken(|v| {
        v["doctors"][0]["id"] = json!("x ".repeat(1 << 19));
        v["doctors"][0]["title"] = json!("t".repeat(1 << 20));
        v["articles"][0]["date"] = json!("9".repeat(1 << 20));
    });
    assert_error(&problems, "doctors[0].id", "may use only letters");
    assert_error(&problems, "doctors[0].title", "too long for a title");
    assert_error(&problems, "articles[0].date", "is not a date");
    for p in &problems {
        assert!(
            p.message.chars().count() < 400,
            "{} chars at {}",
            p.message.len(),
            p.path
        );
    }
}

#[test]
fn ids_have_a_length_limit() {
    case(
        |v| v["doctors"][0]["id"] = json!("a".repeat(129)),
        "doctors[0].id",
        "may use only letters",
    );
}

#[test]
fn wrong_types_everywhere_do_not_panic() {
    let odd = [
        json!(null),
        json!(0),
        json!(-1.5),
        json!(""),
        json!([]),
        json!({}),
        json!(true),
    ];
    let base = base();
    let mut paths: Vec<Vec<String>> = Vec::new();
    collect_paths(&base, &mut Vec::new(), &mut paths);
    assert!(
        paths.len() > 80,
        "the base has many fields: {}",
        paths.len()
    );
    for path in &paths {
        for value in &odd {
            let mut v = base.clone();
            if let Some(slot) = pointer_mut(&mut v, path) {
                *slot = value.clone();
            }
            // Any outcome is fine; panicking is not.
            let _ = load(&v.to_string());
        }
    }
}

fn collect_paths(v: &Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                here.push(k.clone());
                collect_paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                here.push(i.to_string());
                collect_paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn pointer_mut<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    let pointer: String = path.iter().map(|p| format!("/{p}")).collect();
    v.pointer_mut(&pointer)
}

// --- time zone, emergency department, campus contacts, rooms ---

/// The dataset after `change`, which must still load; its warnings are returned with it.
fn loads(change: impl FnOnce(&mut Value)) -> hospital_core::validate::Loaded {
    let mut v = base();
    change(&mut v);
    match load(&v.to_string()) {
        Ok(loaded) => loaded,
        Err(problems) => panic!("refused:\n{}", listing(&problems)),
    }
}

fn has_warning(problems: &[Problem], path: &str, phrase: &str) -> bool {
    problems
        .iter()
        .any(|p| p.severity == Severity::Warning && p.path == path && p.message.contains(phrase))
}

#[test]
fn timezone_defaults_to_shanghai_and_keeps_an_iana_name() {
    let absent = loads(|_| {});
    assert_eq!(absent.dataset.hospital.timezone, None);
    assert_eq!(absent.dataset.hospital.timezone(), "Asia/Shanghai");
    for zone in [
        "Asia/Urumqi",
        "Europe/London",
        "America/Argentina/Buenos_Aires",
        "America/Port-au-Prince",
        "Etc/GMT-8",
        "UTC",
    ] {
        let loaded = loads(|v| v["hospital"]["timezone"] = json!(zone));
        assert!(
            loaded.warnings.is_empty(),
            "{zone}: {}",
            listing(&loaded.warnings)
        );
        assert_eq!(loaded.dataset.hospital.timezone(), zone);
    }
}

#[test]
fn a_timezone_that_is_not_an_iana_name_is_dropped_with_a_warning() {
    for zone in [
        "+08:00",
        "CST",
        "Beijing",
        "asia/shanghai",
        "Asia/",
        "Mars/Olympus",
        "",
    ] {
        let loaded = loads(|v| v["hospital"]["timezone"] = json!(zone));
        assert!(
            has_warning(&loaded.warnings, "hospital.timezone", "IANA time zone"),
            "{zone:?}: {}",
            listing(&loaded.warnings)
        );
        assert_eq!(loaded.dataset.hospital.timezone, None, "{zone:?}");
        assert_eq!(loaded.dataset.hospital.timezone(), "Asia/Shanghai");
    }
    case(
        |v| v["hospital"]["timezone"] = json!(8),
        "hospital.timezone",
        "expected a string, found a number",
    );
}

#[test]
fn emergency_department_is_read_with_its_campus() {
    let loaded = loads(|v| {
        v["hospital"]["emergency"] = json!({
            "phone": "+86 21 5550 0120",
            "hours": { "en": "Open 24 hours", "zh": "24小时开放" },
            "campus": "east"
        })
    });
    assert!(loaded.warnings.is_empty(), "{}", listing(&loaded.warnings));
    let e = loaded.dataset.hospital.emergency.expect("emergency read");
    assert_eq!(e.phone, "+86 21 5550 0120");
    assert_eq!(e.hours.exact(hospital_core::Lang::Zh), Some("24小时开放"));
    assert_eq!(e.campus.as_deref(), Some("east"));
    let plain =
        loads(|v| v["hospital"]["emergency"] = json!({ "phone": "120", "hours": "Always open" }));
    assert_eq!(
        plain.dataset.hospital.emergency.and_then(|e| e.campus),
        None
    );
}

#[test]
fn emergency_department_errors() {
    let ok = || json!({ "phone": "+86 21 5550 0120", "hours": "Open 24 hours" });
    case(
        |v| v["hospital"]["emergency"] = json!("120"),
        "hospital.emergency",
        "expected an object, found a string",
    );
    case(
        |v| {
            v["hospital"]["emergency"] = ok();
            v["hospital"]["emergency"]["campus"] = json!("west");
        },
        "hospital.emergency.campus",
        "no campus has the id \"west\"",
    );
    case(
        |v| {
            v["hospital"]["emergency"] = ok();
            remove(&mut v["hospital"]["emergency"], "phone");
        },
        "hospital.emergency.phone",
        "this field is required",
    );
    case(
        |v| {
            v["hospital"]["emergency"] = ok();
            v["hospital"]["emergency"]["phone"] = json!("call us");
        },
        "hospital.emergency.phone",
        "is not a telephone number",
    );
    case(
        |v| {
            v["hospital"]["emergency"] = ok();
            v["hospital"]["emergency"]["hours"] = json!(" ");
        },
        "hospital.emergency.hours",
        "must not be empty",
    );
    case(
        |v| {
            v["hospital"]["emergency"] = ok();
            remove(&mut v["hospital"]["emergency"], "hours");
        },
        "hospital.emergency.hours",
        "this field is required",
    );
    let loaded = loads(|v| {
        v["hospital"]["emergency"] = ok();
        v["hospital"]["emergency"]["open"] = json!(true);
    });
    assert!(has_warning(
        &loaded.warnings,
        "hospital.emergency.open",
        "unknown field"
    ));
}

#[test]
fn campus_phone_and_map_link() {
    let url = "https://www.openstreetmap.org/search?query=88%20Willow%20Lake%20Road";
    let loaded = loads(|v| {
        v["hospital"]["campuses"][0]["phone"] = json!("+86 21 5550 0100");
        v["hospital"]["campuses"][0]["map_url"] = json!(url);
    });
    assert!(loaded.warnings.is_empty(), "{}", listing(&loaded.warnings));
    let main = &loaded.dataset.hospital.campuses[0];
    assert_eq!(main.phone.as_deref(), Some("+86 21 5550 0100"));
    assert_eq!(main.map_url.as_deref(), Some(url));
    case(
        |v| v["hospital"]["campuses"][1]["phone"] = json!("front desk"),
        "hospital.campuses[1].phone",
        "is not a telephone number",
    );
}

#[test]
fn an_unsafe_map_link_is_dropped_with_a_warning() {
    for bad in [
        "javascript:alert(1)",
        " JaVa\tScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "88 Willow Lake Road",
        "//maps.example.org/x",
    ] {
        let loaded = loads(|v| v["hospital"]["campuses"][1]["map_url"] = json!(bad));
        assert!(
            has_warning(
                &loaded.warnings,
                "hospital.campuses[1].map_url",
                "is not an http(s) URL"
            ),
            "{bad:?}: {}",
            listing(&loaded.warnings)
        );
        assert_eq!(loaded.dataset.hospital.campuses[1].map_url, None, "{bad:?}");
    }
}

#[test]
fn a_room_is_a_text_in_either_form() {
    let plain = loads(|_| {});
    let room = plain.dataset.doctors[0].schedule[1].room.clone();
    assert_eq!(
        room,
        Some(hospital_core::Text::plain("Building 2, Room 214"))
    );
    let both = loads(|v| {
        v["doctors"][0]["schedule"][1]["room"] =
            json!({ "en": "Building 2, Room 214", "zh": "2号楼214室" })
    });
    let room = both.dataset.doctors[0].schedule[1].room.clone();
    assert_eq!(
        room.as_ref().and_then(|r| r.exact(hospital_core::Lang::Zh)),
        Some("2号楼214室")
    );
    case(
        |v| v["doctors"][0]["schedule"][1]["room"] = json!({ "english": "Room 1" }),
        "doctors[0].schedule[1].room.english",
        "is not a language code",
    );
    case(
        |v| v["doctors"][0]["schedule"][1]["room"] = json!(214),
        "doctors[0].schedule[1].room",
        "expected a string or a map of languages to strings",
    );
}

// --- ranks, academic titles and sexes as hospitals write them; named records ---

#[test]
fn ranks_by_key_or_by_name_in_either_language() {
    use hospital_core::model::TitleRank;
    for (written, want) in [
        ("chief_physician", TitleRank::ChiefPhysician),
        ("主任医师", TitleRank::ChiefPhysician),
        ("Chief Physician", TitleRank::ChiefPhysician),
        ("副主任药师", TitleRank::AssociateChiefPharmacist),
        ("主管护师", TitleRank::SupervisingNurse),
        ("护士", TitleRank::Nurse),
        ("技士", TitleRank::AssistantTechnician),
        ("医士", TitleRank::AssistantPhysician),
        (
            "associate chief technician",
            TitleRank::AssociateChiefTechnician,
        ),
    ] {
        let loaded = loads(|v| v["doctors"][0]["title"] = json!(written));
        assert!(
            loaded.warnings.is_empty(),
            "{written}: {}",
            listing(&loaded.warnings)
        );
        let d = &loaded.dataset.doctors[0];
        assert_eq!(d.title, want, "{written}");
        assert_eq!(d.title_as_written, None);
    }
}

#[test]
fn an_academic_title_beside_the_rank_or_in_its_own_field() {
    use hospital_core::model::{AcademicTitle, TitleRank};
    for written in [
        "主任医师、教授",
        "主任医师（教授）",
        "Chief Physician / Professor",
    ] {
        let loaded = loads(|v| v["doctors"][0]["title"] = json!(written));
        assert!(
            loaded.warnings.is_empty(),
            "{written}: {}",
            listing(&loaded.warnings)
        );
        let d = &loaded.dataset.doctors[0];
        assert_eq!(d.title, TitleRank::ChiefPhysician, "{written}");
        assert_eq!(
            d.academic_title,
            Some(AcademicTitle::Professor),
            "{written}"
        );
    }
    let loaded = loads(|v| v["doctors"][1]["academic_title"] = json!("副教授"));
    assert_eq!(
        loaded.dataset.doctors[1].academic_title,
        Some(AcademicTitle::AssociateProfessor)
    );
    let loaded = loads(|v| v["doctors"][1]["academic_title"] = json!("professer"));
    assert_eq!(loaded.dataset.doctors[1].academic_title, None);
    let w = loaded
        .warnings
        .iter()
        .find(|p| p.path == "doctors[1].academic_title")
        .unwrap_or_else(|| panic!("{}", listing(&loaded.warnings)));
    assert_eq!(w.suggestion.as_deref(), Some("professor"));
}

#[test]
fn a_position_that_names_no_rank_is_kept_with_a_warning() {
    use hospital_core::model::TitleRank;
    use hospital_core::Lang;
    let loaded = loads(|v| v["doctors"][0]["title"] = json!("规培医师"));
    let d = &loaded.dataset.doctors[0];
    assert_eq!(d.title, TitleRank::Other);
    assert_eq!(d.title_name(Lang::En), "规培医师");
    assert!(has_warning(
        &loaded.warnings,
        "doctors[0].title",
        "shown as written and sorted after the known ranks"
    ));
    // A near miss says what was probably meant.
    let loaded = loads(|v| v["doctors"][0]["title"] = json!("主任医生"));
    let w = &loaded.warnings[0];
    assert_eq!(w.suggestion.as_deref(), Some("主任医师"), "{w}");
    assert!(w.to_string().contains("did you mean \"主任医师\"?"), "{w}");
    let loaded = loads(|v| v["doctors"][0]["title"] = json!("chief_physican"));
    assert_eq!(
        loaded.warnings[0].suggestion.as_deref(),
        Some("chief_physician")
    );
    // Other words beside a rank are left out of it, with a warning.
    let loaded = loads(|v| v["doctors"][0]["title"] = json!("主任医师，博士生导师"));
    assert_eq!(loaded.dataset.doctors[0].title, TitleRank::ChiefPhysician);
    assert!(has_warning(
        &loaded.warnings,
        "doctors[0].title",
        "博士生导师"
    ));
    // An academic title alone is kept as written too.
    let loaded = loads(|v| v["doctors"][0]["title"] = json!("教授"));
    assert_eq!(loaded.dataset.doctors[0].title, TitleRank::Other);
    assert!(has_warning(
        &loaded.warnings,
        "doctors[0].title",
        "academic title"
    ));
}

#[test]
fn unknown_ranks_sort_after_every_known_one() {
    use hospital_core::model::TitleRank;
    let mut ranks = TitleRank::ALL.to_vec();
    ranks.reverse();
    ranks.sort();
    assert_eq!(ranks.last(), Some(&TitleRank::Other));
    assert_eq!(ranks.first(), Some(&TitleRank::ChiefPhysician));
}

#[test]
fn sex_as_hospitals_write_it() {
    use hospital_core::model::Gender;
    for (written, want) in [
        ("男", Gender::Male),
        ("女", Gender::Female),
        ("M", Gender::Male),
        ("f", Gender::Female),
        ("Female", Gender::Female),
    ] {
        let loaded = loads(|v| v["doctors"][0]["gender"] = json!(written));
        assert_eq!(loaded.dataset.doctors[0].gender, Some(want), "{written}");
    }
    let problems = broken(|v| v["doctors"][0]["gender"] = json!("mael"));
    let p = problems
        .iter()
        .find(|p| p.path == "doctors[0].gender")
        .unwrap_or_else(|| panic!("{}", listing(&problems)));
    assert_eq!(p.suggestion.as_deref(), Some("male"));
}

#[test]
fn messages_name_the_record_by_id_and_name() {
    let problems = broken(|v| {
        v["doctors"][1]["schedule"][0]["weekday"] = json!("teu");
        v["departments"][1]["phone"] = json!("none");
        v["articles"][0]["category"] = json!("newz");
    });
    let find = |path: &str| {
        problems
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("{path}: {}", listing(&problems)))
    };
    let p = find("doctors[1].schedule[0].weekday");
    assert_eq!(
        p.named_path(),
        "doctors[1] (李娜, li-na).schedule[0].weekday"
    );
    assert_eq!(p.suggestion.as_deref(), Some("tue"));
    assert_eq!(
        p.to_string(),
        "error at doctors[1] (李娜, li-na).schedule[0].weekday: \"teu\" is not one of: mon, tue, wed, thu, fri, sat, sun (did you mean \"tue\"?)"
    );
    let r = p.record.as_ref().expect("a record");
    assert_eq!(
        (r.path.as_str(), r.id.as_str(), r.name.as_str()),
        ("doctors[1]", "li-na", "李娜")
    );
    assert_eq!(
        find("departments[1].phone").named_path(),
        "departments[1] (神经内科, neurology).phone"
    );
    let c = find("articles[0].category");
    assert_eq!(c.named_path(), "articles[0] (新病房, new-ward).category");
    assert_eq!(c.suggestion.as_deref(), Some("news"));
    // Repeated ids name the repeating record.
    let dup = broken(|v| v["departments"][1]["id"] = json!("cardiology"));
    let p = dup
        .iter()
        .find(|p| p.path == "departments[1].id")
        .unwrap_or_else(|| panic!("{}", listing(&dup)));
    assert_eq!(p.named_path(), "departments[1] (神经内科, cardiology).id");
    // Problems of the whole document name no record.
    let top = broken(|v| v["schema"] = json!(2));
    assert!(top
        .iter()
        .all(|p| p.record.is_none() || p.path.starts_with("doctors")));
}

#[test]
fn dangling_references_suggest_the_nearest_id() {
    let problems = broken(|v| v["doctors"][0]["departments"] = json!(["cardiolgy"]));
    let p = problems
        .iter()
        .find(|p| p.path == "doctors[0].departments[0]")
        .unwrap_or_else(|| panic!("{}", listing(&problems)));
    assert_eq!(p.suggestion.as_deref(), Some("cardiology"));
    assert_eq!(p.record.as_ref().map(|r| r.id.as_str()), Some("zhang-wei"));
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn truncated_documents_never_panic(cut in 0usize..4000) {
            let text = base().to_string();
            let mut end = cut.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let _ = load(&text[..end]);
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let _ = load(&text);
        }

        #[test]
        fn byte_flips_never_panic(at in 0usize..4000, byte in 0u8..128) {
            let mut bytes = base().to_string().into_bytes();
            let i = at % bytes.len();
            bytes[i] = byte;
            if let Ok(text) = String::from_utf8(bytes) {
                let _ = load(&text);
            }
        }
    }
}
