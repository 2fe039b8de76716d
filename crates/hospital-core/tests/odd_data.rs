//! Hostile and odd datasets, end to end: they load (or are refused with the exact
//! error), and the doctor search, the newsroom and the Markdown reader then work on
//! them without panicking. No timing is asserted: the large cases only have to finish.

use hospital_cli::generate::{generate, Options};
use hospital_core::markdown::{self, Block};
use hospital_core::news::NewsIndex;
use hospital_core::route::{DoctorQuery, NewsQuery, Slot};
use hospital_core::search::{highlight, DoctorIndex};
use hospital_core::validate::{load, Loaded, Problem, Severity};
use hospital_core::{Dataset, HalfDay, Lang, TitleRank, Weekday};
use serde_json::{json, Value};

const NOW: Slot = Slot {
    weekday: Weekday::Tue,
    half_day: HalfDay::Morning,
};

fn loads(v: &Value) -> Loaded {
    match load(&v.to_string()) {
        Ok(l) => l,
        Err(problems) => panic!("refused: {}", listing(&problems)),
    }
}

fn listing(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("\n  {p}"))
        .collect::<String>()
}

fn doctor_query(q: &str) -> DoctorQuery {
    DoctorQuery {
        q: q.to_string(),
        page: 1,
        ..Default::default()
    }
}

fn news_query(q: &str) -> NewsQuery {
    NewsQuery {
        q: q.to_string(),
        page: 1,
        ..Default::default()
    }
}

/// The English names of the doctors a search finds, in order.
fn found(ds: &Dataset, index: &DoctorIndex, q: &str) -> Vec<String> {
    index
        .search(ds, &doctor_query(q), NOW)
        .hits
        .iter()
        .map(|h| ds.doctors[h.doctor].name.get(Lang::En).text.to_string())
        .collect()
}

/// One department, one category, and the given doctors and articles.
fn dataset(doctors: Vec<Value>, articles: Vec<Value>) -> Value {
    json!({
        "schema": 1,
        "hospital": {
            "name": { "en": "Odd Hospital", "zh": "奇院" },
            "campuses": [{ "id": "main", "name": "Main" }]
        },
        "categories": [{ "id": "news", "name": "News" }],
        "departments": [{ "id": "general", "name": { "en": "General Medicine", "zh": "全科" },
                          "campuses": ["main"] }],
        "doctors": doctors,
        "articles": articles,
    })
}

fn doctor(id: &str, name: Value) -> Value {
    json!({
        "id": id, "name": name, "title": "attending_physician", "departments": ["general"],
        "schedule": [{ "weekday": "mon", "session": "morning", "clinic": "general" }]
    })
}

fn article(slug: &str, title: Value, body: &str) -> Value {
    json!({ "slug": slug, "title": title, "date": "2026-01-05", "category": "news",
            "body": body })
}

#[test]
fn an_empty_dataset_loads_and_answers_every_search() {
    let v = json!({
        "schema": 1,
        "hospital": { "name": "Empty" },
        "departments": [],
        "doctors": [],
        "articles": []
    });
    let loaded = loads(&v);
    let ds = &loaded.dataset;
    let doctors = DoctorIndex::build(ds);
    assert!(doctors.is_empty());
    for q in ["", "heart", "张伟", "zw", "cardiolgy", "   "] {
        let r = doctors.search(ds, &doctor_query(q), NOW);
        assert!(r.hits.is_empty(), "{q:?}");
    }
    let filtered = DoctorQuery {
        departments: vec!["cardiology".into()],
        ranks: vec![TitleRank::ChiefPhysician],
        accepting_only: true,
        page: 3,
        ..Default::default()
    };
    assert!(doctors.search(ds, &filtered, NOW).hits.is_empty());

    let news = NewsIndex::build(ds);
    for q in ["", "news", "新闻"] {
        let page = news.query(ds, &news_query(q), 10);
        assert!(page.items.is_empty(), "{q:?}");
        assert_eq!(page.total, 0);
        assert_eq!(page.lead, None);
    }
    assert!(news.related(ds, "nothing", 3).is_empty());
    assert_eq!(news.neighbours("nothing"), (None, None));
    assert!(news.categories().is_empty() && news.tags().is_empty());
}

/// Loads a generated dataset and asks it what the app asks on its first pages.
fn exercise_generated(doctors: usize, articles: usize) {
    let g = generate(&Options {
        doctors,
        articles,
        seed: 11,
        split_bodies: false,
    });
    let loaded = match load(&g.json) {
        Ok(l) => l,
        Err(problems) => panic!("the generator's output is refused: {}", listing(&problems)),
    };
    let ds = &loaded.dataset;
    assert_eq!(ds.doctors.len(), doctors);
    let index = DoctorIndex::build(ds);
    assert_eq!(index.search(ds, &doctor_query(""), NOW).hits.len(), doctors);

    // A doctor in the middle is found by the full English name and by the Chinese one.
    let target = &ds.doctors[doctors / 2];
    for name in [
        target.name.get(Lang::En).text,
        target.name.get(Lang::Zh).text,
    ] {
        let r = index.search(ds, &doctor_query(name), NOW);
        assert!(
            r.hits.iter().any(|h| ds.doctors[h.doctor].id == target.id),
            "{name:?} does not find {}",
            target.id
        );
    }
    let cardiology = index.search(ds, &doctor_query("cardiology"), NOW);
    assert!(!cardiology.hits.is_empty());
    let narrowed = DoctorQuery {
        ranks: vec![TitleRank::ChiefPhysician],
        accepting_only: true,
        ..doctor_query("cardiology")
    };
    assert!(index.search(ds, &narrowed, NOW).hits.len() <= cardiology.hits.len());

    let news = NewsIndex::build(ds);
    let first = news.query(ds, &news_query(""), 10);
    assert_eq!(first.total, articles);
    assert_eq!(first.items.len(), articles.min(10));
    let last = news.query(
        ds,
        &NewsQuery {
            page: usize::MAX,
            ..news_query("")
        },
        10,
    );
    assert!(last.items.len() <= 10);
}

#[test]
fn a_generated_dataset_of_two_thousand_doctors_works() {
    exercise_generated(2_000, 300);
}

/// Slow in a debug build (minutes); run with
/// `cargo test --release -p hospital-core --test odd_data -- --ignored`.
#[test]
#[ignore]
fn a_generated_dataset_of_a_hundred_thousand_doctors_works() {
    exercise_generated(100_000, 5_000);
}

#[test]
fn megabyte_text_fields_load_search_and_render() {
    const MB: usize = 1 << 20;
    // A biography of over a megabyte with one rare word at its very end.
    let mut bio = "clinical research and teaching ".repeat(MB / 31 + 1);
    bio.push_str("zygomaticus");
    let mut long = doctor("long", json!({ "en": "Long Writer", "zh": "长文" }));
    long["bio"] = json!(bio);
    long["specialties"] = json!(["心".repeat(MB / 3 + 1)]);
    let short = doctor("short", json!("Short Writer"));

    // A megabyte of Markdown: paragraphs, emphasis, links and list items.
    let chunk = "Para with *emphasis*, **strong**, [a link](https://example.org) and `code`.\n\n- item\n- item\n\n";
    let body = chunk.repeat(MB / chunk.len() + 1);
    let title = "标题 title ".repeat(MB / 14 + 1);
    let v = dataset(vec![long, short], vec![article("big", json!(title), &body)]);
    let loaded = loads(&v);
    let ds = &loaded.dataset;

    let index = DoctorIndex::build(ds);
    assert_eq!(found(ds, &index, "zygomaticus"), ["Long Writer"]);
    assert_eq!(found(ds, &index, "心"), ["Long Writer"]);
    let r = index.search(ds, &doctor_query("clinical zygomatic"), NOW);
    assert_eq!(r.hits.len(), 1);
    let marks = highlight(ds.doctors[0].bio.get(Lang::En).text, &r.terms);
    assert!(marks.len() > 1000, "{} marks", marks.len());

    // A pasted megabyte as the query is cut, not choked on.
    let pasted = "headache ".repeat(MB / 9 + 1);
    let _ = index.search(ds, &doctor_query(&pasted), NOW);

    let news = NewsIndex::build(ds);
    assert_eq!(news.query(ds, &news_query("title"), 10).total, 1);
    let blocks = markdown::parse(&body);
    assert!(blocks.len() > 10_000, "{} blocks", blocks.len());
    assert!(markdown::reading_minutes(&blocks) > 100);
    assert!(markdown::plain_text(&blocks).len() > MB / 2);
}

#[test]
fn deeply_nested_json_is_refused_with_its_position() {
    // Inside an otherwise good dataset, where a web team might paste it by mistake.
    let depth = 50_000;
    let good = dataset(vec![], vec![]).to_string();
    let nested = format!("{}\"x\"{}", "[".repeat(depth), "]".repeat(depth));
    let text = good.replacen("\"Odd Hospital\"", &nested, 1);
    let problems = load(&text).expect_err("nesting this deep is refused");
    assert_eq!(problems.len(), 1, "{}", listing(&problems));
    let p = &problems[0];
    assert_eq!(p.severity, Severity::Error);
    assert!(p.message.contains("more than 128 levels deep"), "{p}");
    assert_eq!(p.line, Some(1));
    // serde_json stops at its 128th level; the position points there.
    let column = p.column.unwrap_or(0);
    let opened = text.find("[[[[").unwrap_or(0);
    assert!(column > opened && column <= opened + 130, "{p}");
}

#[test]
fn deeply_nested_markdown_in_a_body_loads_and_renders_flat_enough() {
    let depth = 20_000;
    let quotes = format!("{}deep\n\n", "> ".repeat(depth));
    let lists = format!("{}item\n\n", "- ".repeat(depth));
    let emphasis = format!("{}x{}\n\n", "*".repeat(depth), "*".repeat(depth));
    let links = format!("{}x{}", "[".repeat(depth), "](https://e.org)".repeat(depth));
    let body = format!("{quotes}{lists}{emphasis}{links}");
    let v = dataset(vec![], vec![article("deep", json!("Deep"), &body)]);
    let loaded = loads(&v);
    let blocks = match &loaded.dataset.articles[0].body {
        hospital_core::ArticleBody::Inline { body } => markdown::parse(body.get(Lang::En).text),
        other => panic!("{other:?}"),
    };
    fn depth_of(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Quote(inner) => 1 + depth_of(inner),
                Block::List { items, .. } => {
                    1 + items.iter().map(|i| depth_of(i)).max().unwrap_or(0)
                }
                _ => 1,
            })
            .max()
            .unwrap_or(0)
    }
    assert!(
        depth_of(&blocks) <= markdown::MAX_DEPTH + 2,
        "{}",
        depth_of(&blocks)
    );
    assert!(markdown::plain_text(&blocks).contains("deep"));
}

#[test]
fn right_to_left_emoji_invisible_and_combining_names_are_found() {
    let names = [
        ("arabic", json!({ "en": "سارة الحسن", "zh": "萨拉" })),
        ("hebrew", json!("דוד לוי")),
        // e + combining diaeresis, a + combining acute: as some keyboards write them.
        ("combining", json!("Zoe\u{308} Ma\u{301}rquez")),
        // A zero-width space and a soft hyphen pasted from a word processor.
        ("zero-width", json!("Ana\u{200B}stasia Pe\u{AD}trova")),
        // A ZWJ emoji sequence and variation selector in a name.
        ("emoji", json!("Dr \u{1F469}\u{200D}\u{2695}\u{FE0F} Kim")),
        // A right-to-left override trying to reverse the rest of the page.
        ("bidi", json!("\u{202E}Evil\u{202C} Otto")),
    ];
    let doctors = names
        .iter()
        .map(|(id, name)| doctor(id, name.clone()))
        .collect();
    let v = dataset(
        doctors,
        vec![article(
            "rtl",
            json!({ "en": "صحة القلب", "zh": "心脏健康" }),
            "نص **عربي** 🙂",
        )],
    );
    let loaded = loads(&v);
    let ds = &loaded.dataset;
    let index = DoctorIndex::build(ds);

    for (query, expected) in [
        ("سارة", "سارة الحسن"),
        ("\u{200F}الحسن\u{200F}", "سارة الحسن"),
        ("לוי", "דוד לוי"),
        ("Zoë", "Zoe\u{308} Ma\u{301}rquez"),
        ("marquez", "Zoe\u{308} Ma\u{301}rquez"),
        ("márquez", "Zoe\u{308} Ma\u{301}rquez"),
        ("anastasia", "Ana\u{200B}stasia Pe\u{AD}trova"),
        ("ana\u{200B}sta", "Ana\u{200B}stasia Pe\u{AD}trova"),
        ("petrova", "Ana\u{200B}stasia Pe\u{AD}trova"),
        ("kim", "Dr \u{1F469}\u{200D}\u{2695}\u{FE0F} Kim"),
        ("evil otto", "\u{202E}Evil\u{202C} Otto"),
        ("ＫＩＭ", "Dr \u{1F469}\u{200D}\u{2695}\u{FE0F} Kim"),
    ] {
        assert_eq!(found(ds, &index, query), [expected], "query {query:?}");
    }

    // A highlight covers the whole visible word, marks included, on char boundaries.
    let name = "Zoe\u{308} Ma\u{301}rquez";
    let r = index.search(ds, &doctor_query("zoë márquez"), NOW);
    let marks: Vec<&str> = highlight(name, &r.terms)
        .into_iter()
        .map(|m| &name[m])
        .collect();
    assert_eq!(marks, ["Zoe\u{308}", "Ma\u{301}rquez"]);

    // Queries with nothing searchable in them are an empty query, not a crash.
    for q in [
        "🙂",
        "\u{1F469}\u{200D}\u{2695}\u{FE0F}",
        "\u{202E}\u{202C}",
        "\u{200B}\u{FEFF}",
        "\u{301}\u{308}",
    ] {
        assert_eq!(found(ds, &index, q).len(), names.len(), "query {q:?}");
    }
    // Odd text mixed into real words never panics and never finds strangers.
    for q in [
        "سارة🙂",
        "\u{202E}kim",
        "ki\u{200D}m",
        "z\u{308}\u{308}\u{308}oe",
        "🙂 petrova",
    ] {
        let r = index.search(ds, &doctor_query(q), NOW);
        assert!(r.hits.len() <= 1, "query {q:?}: {:?}", r.hits);
        for d in &ds.doctors {
            for text in d.name.all() {
                for m in highlight(text, &r.terms) {
                    assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                }
            }
        }
    }

    let news = NewsIndex::build(ds);
    assert_eq!(news.query(ds, &news_query("القلب"), 10).total, 1);
    assert_eq!(news.query(ds, &news_query("心脏"), 10).total, 1);
}

#[test]
fn duplicates_and_dangling_references_are_each_named_exactly() {
    let mut v = dataset(
        vec![
            doctor("zhang", json!("Wei Zhang")),
            doctor("zhang", json!("Another Zhang")),
        ],
        vec![
            article("a", json!("A"), "a"),
            article("a", json!("A again"), "a"),
        ],
    );
    v["hospital"]["campuses"] = json!([
        { "id": "main", "name": "Main" },
        { "id": "main", "name": "Main again" }
    ]);
    v["departments"] = json!([
        { "id": "general", "name": "General", "campuses": ["main", "west"] },
        { "id": "general", "name": "General again" }
    ]);
    v["categories"] = json!([{ "id": "news", "name": "News" }, { "id": "news", "name": "N" }]);
    v["doctors"][0]["departments"] = json!(["general", "ghost-dept"]);
    v["doctors"][1]["schedule"][0]["campus"] = json!("east");
    v["articles"][0]["category"] = json!("gossip");
    v["articles"][0]["doctors"] = json!(["zhang", "nobody"]);
    v["articles"][1]["departments"] = json!(["general", "x-ray"]);

    let problems = load(&v.to_string()).expect_err("refused");
    let mut errors: Vec<(String, String)> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.path.clone(), p.message.clone()))
        .collect();
    errors.sort();
    let expected: Vec<(&str, &str)> = vec![
        ("articles[0].category", "no category has the id \"gossip\""),
        ("articles[0].doctors[1]", "no doctor has the id \"nobody\""),
        (
            "articles[1].departments[1]",
            "no department has the id \"x-ray\", nor that name",
        ),
        (
            "articles[1].slug",
            "duplicate article slug \"a\", first used by articles[0]",
        ),
        (
            "categories[1].id",
            "duplicate category id \"news\", first used by categories[0]",
        ),
        (
            "departments[0].campuses[1]",
            "no campus has the id \"west\"",
        ),
        (
            "departments[1].id",
            "duplicate department id \"general\", first used by departments[0]",
        ),
        (
            "doctors[0].departments[1]",
            "no department has the id \"ghost-dept\", nor that name",
        ),
        (
            "doctors[1].id",
            "duplicate doctor id \"zhang\", first used by doctors[0]",
        ),
        (
            "doctors[1].schedule[0].campus",
            "no campus has the id \"east\"",
        ),
        (
            "hospital.campuses[1].id",
            "duplicate campus id \"main\", first used by hospital.campuses[0]",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .into_iter()
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    assert_eq!(errors, expected, "{}", listing(&problems));
}

#[test]
fn a_dangling_reference_with_hostile_text_is_quoted_short_and_inert() {
    let hostile = format!("<script>alert(1)</script>\u{202E}{}", "x".repeat(10_000));
    let mut v = dataset(vec![doctor("d", json!("D"))], vec![]);
    v["doctors"][0]["departments"] = json!([hostile]);
    let problems = load(&v.to_string()).expect_err("refused");
    let p = problems
        .iter()
        .find(|p| p.path == "doctors[0].departments[0]")
        .unwrap_or_else(|| panic!("{}", listing(&problems)));
    // Clipped to a readable length; the view shows it as text, never as markup.
    assert!(p.message.chars().count() < 120, "{}", p.message.len());
}
