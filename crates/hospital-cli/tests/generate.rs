//! The synthetic dataset generator: valid at every size, deterministic, split bodies.

mod common;

use common::{arg, run, scratch, stderr, stdout};
use hospital_cli::generate::{generate, Options};
use hospital_cli::validate::{check_file, check_text};
use hospital_core::validate::load;
use std::collections::HashSet;
use std::path::Path;

fn options(doctors: usize, articles: usize, seed: u64) -> Options {
    Options {
        doctors,
        articles,
        seed,
        split_bodies: false,
    }
}

#[test]
fn output_validates_for_many_sizes_and_seeds() {
    for (doctors, articles) in [(0, 0), (1, 1), (0, 5), (50, 20), (500, 120)] {
        for seed in [1, 2, 42, u64::MAX] {
            let g = generate(&options(doctors, articles, seed));
            let report = check_text(&g.json, Path::new("."));
            assert_eq!(
                report.errors(),
                0,
                "{doctors} doctors, {articles} articles, seed {seed}: {:#?}",
                report.problems
            );
            let counts = report.counts.expect("loads");
            assert_eq!((counts.doctors, counts.articles), (doctors, articles));
            // With a doctor for every department, nothing is left to warn about.
            if doctors >= counts.departments {
                assert_eq!(report.warnings(), 0, "{:#?}", report.problems);
            }
        }
    }
}

#[test]
fn hospital_has_three_campuses_and_about_thirty_departments() {
    let g = generate(&options(40, 10, 3));
    let ds = load(&g.json).expect("valid").dataset;
    assert!(ds.sample);
    assert_eq!(ds.hospital.campuses.len(), 3);
    assert!((28..=32).contains(&ds.departments.len()));
    for d in &ds.departments {
        assert!(
            !d.keywords.is_empty() && !d.description.is_blank(),
            "{}",
            d.id
        );
    }
}

#[test]
fn doctors_are_complete_and_plausible() {
    let ds = load(&generate(&options(300, 0, 9)).json)
        .expect("valid")
        .dataset;
    let mut cancelled = 0;
    for d in &ds.doctors {
        let zh = d.name.exact(hospital_core::Lang::Zh).expect("Chinese name");
        let en = d.name.exact(hospital_core::Lang::En).expect("English name");
        let pinyin = d.pinyin.as_deref().expect("pinyin");
        assert_eq!(
            pinyin.split(' ').count(),
            zh.chars().count(),
            "{zh} {pinyin}"
        );
        assert_eq!(en.split(' ').count(), 2, "{en}");
        assert!((1..=2).contains(&d.departments.len()));
        assert!(!d.specialties.is_empty() && !d.conditions.is_empty());
        assert!(d.gender.is_some() && !d.bio.is_blank() && !d.education.is_empty());
        assert!((2..=6).contains(&d.schedule.len()), "{}", d.id);
        let slots: HashSet<_> = d.schedule.iter().map(|s| (s.weekday, s.half_day)).collect();
        assert_eq!(slots.len(), d.schedule.len());
        cancelled += d.schedule.iter().filter(|s| s.cancelled).count();
    }
    assert!(cancelled > 0, "some sessions are cancelled");
    let ranks: HashSet<_> = ds.doctors.iter().map(|d| d.title).collect();
    assert!(ranks.len() >= 5);
}

#[test]
fn articles_span_years_and_use_markdown() {
    let ds = load(&generate(&options(60, 150, 5)).json)
        .expect("valid")
        .dataset;
    let years: HashSet<&str> = ds.articles.iter().map(|a| &a.date[..4]).collect();
    assert!(years.len() >= 5, "{years:?}");
    let categories: HashSet<&str> = ds.articles.iter().map(|a| a.category.as_str()).collect();
    assert!(categories.len() >= 5);
    let bodies: Vec<String> = ds
        .articles
        .iter()
        .map(|a| match &a.body {
            hospital_core::ArticleBody::Inline { body } => {
                body.all().collect::<Vec<_>>().join("\n")
            }
            other => panic!("inline body expected, got {other:?}"),
        })
        .collect();
    for b in &bodies {
        assert!(
            b.contains("\n## ") && b.contains("\n- ") && b.contains("]("),
            "{b}"
        );
    }
    assert!(bodies.iter().any(|b| b.contains("|---|")), "some tables");
    assert!(ds.articles.iter().any(|a| !a.doctors.is_empty()));
    assert!(
        ds.articles.windows(2).all(|w| w[0].date >= w[1].date),
        "newest first"
    );
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = generate(&options(120, 40, 11));
    let b = generate(&options(120, 40, 11));
    let c = generate(&options(120, 40, 12));
    assert_eq!(a.json, b.json);
    assert_ne!(a.json, c.json);
}

#[test]
fn more_articles_leave_the_doctors_alone() {
    let doctors = |articles| {
        let v: serde_json::Value =
            serde_json::from_str(&generate(&options(30, articles, 4)).json).expect("JSON");
        v["doctors"].clone()
    };
    assert_eq!(doctors(0), doctors(25));
}

#[test]
fn binary_writes_identical_files_for_the_same_seed() {
    let dir = scratch("generate-twice");
    let (one, two) = (dir.join("one"), dir.join("two"));
    for out in [&one, &two] {
        let o = run(&[
            "generate",
            "--doctors",
            "80",
            "--articles",
            "30",
            "--seed",
            "5",
            "--out",
            arg(out),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let read = |p: &Path| std::fs::read(p.join("hospital.json")).expect("written");
    assert_eq!(read(&one), read(&two));
}

#[test]
fn split_bodies_are_files_that_validate() {
    let dir = scratch("generate-split");
    let o = run(&[
        "generate",
        "--doctors",
        "40",
        "--articles",
        "25",
        "--seed",
        "8",
        "--out",
        arg(&dir),
        "--split-bodies",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = std::fs::read_to_string(dir.join("hospital.json")).expect("written");
    let ds = load(&json).expect("valid").dataset;
    for a in &ds.articles {
        let hospital_core::ArticleBody::External { body_src } = &a.body else {
            panic!("{} has an inline body", a.slug);
        };
        assert_eq!(body_src, &format!("articles/{}.md", a.slug));
        let text = std::fs::read_to_string(dir.join(body_src)).expect("body file");
        assert!(text.contains("## ") && text.contains("---"));
    }
    let report = check_file(&dir.join("hospital.json")).expect("readable");
    assert_eq!(report.errors(), 0, "{:#?}", report.problems);

    let v = run(&["validate", arg(&dir.join("hospital.json"))]);
    assert_eq!(v.status.code(), Some(0), "{}", stdout(&v));

    // A lost body file is an error of the dataset.
    let first = &ds.articles[0].slug;
    std::fs::remove_file(dir.join(format!("articles/{first}.md"))).expect("remove");
    let v = run(&["validate", arg(&dir.join("hospital.json"))]);
    assert_eq!(v.status.code(), Some(1));
    assert!(
        stdout(&v).contains("error at articles[0].body_src: cannot read the article body"),
        "{}",
        stdout(&v)
    );
}

#[test]
fn bad_arguments_are_usage_errors() {
    for (args, phrase) in [
        (
            vec!["generate", "--doctors", "ten", "--out", "x"],
            "--doctors expects a whole number",
        ),
        (vec!["generate", "--doctors", "5"], "--out DIR is required"),
        (
            vec!["generate", "--out", "x", "--colour", "red"],
            "unknown option \"--colour\"",
        ),
        (
            vec!["generate", "--out", "x", "--doctors", "99999999"],
            "at most",
        ),
        (
            vec!["generate", "--out", "x", "extra"],
            "unexpected argument \"extra\"",
        ),
        (vec!["generate", "--out"], "--out needs a value"),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(phrase), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn help_describes_every_option() {
    let o = run(&["generate", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for option in [
        "--doctors",
        "--articles",
        "--seed",
        "--out",
        "--split-bodies",
    ] {
        assert!(text.contains(option), "{option} missing from help");
    }
}
