//! `hospital-data site` publishes the dataset it was given beside the pages
//! (`<dist>/hospital.json`), so the app shows the same hospital as the pre-rendered pages.

mod common;

use common::{arg, fake_dist, repo, run, scratch, stderr, stdout};
use hospital_core::compiled::dataset::DatasetReader;
use hospital_core::compiled::{self, CompiledError, Fingerprint};
use hospital_core::search::{DoctorIndex, DOCTOR_INDEX_FILE};
use hospital_core::COMPILED_DATASET;
use hospital_core::{validate, ArticleBody, PUBLISHED_DATASET};
use std::path::Path;

/// As HTML text carries it.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn load(path: &Path) -> hospital_core::Dataset {
    let text = std::fs::read_to_string(path).expect("published dataset written");
    match validate::load(&text) {
        Ok(l) => l.dataset,
        Err(p) => panic!("{} does not validate: {p:?}", path.display()),
    }
}

#[test]
fn the_published_dataset_is_the_one_given_compact_and_valid() {
    let dir = scratch("site-publish-json");
    let dist = fake_dist(&dir);
    let input = repo("data/sample.json");
    let o = run(&["site", arg(&dist), "--data", arg(&input)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains(PUBLISHED_DATASET), "{}", stdout(&o));
    let published = dist.join(PUBLISHED_DATASET);
    assert_eq!(load(&published), load(&input));
    let written = std::fs::metadata(&published).expect("stat").len();
    let given = std::fs::metadata(&input).expect("stat").len();
    assert!(
        written < given,
        "compact: {written} bytes written for {given} given"
    );
    assert!(!std::fs::read_to_string(&published)
        .expect("read")
        .contains('\n'));
}

/// The index a browser would build from the published dataset, built once by `site`
/// and by `compile`: it reads back for exactly those bytes, and answers the same.
#[test]
fn the_doctor_index_is_compiled_for_the_published_bytes() {
    let dir = scratch("site-doctor-index");
    let dist = fake_dist(&dir);
    let o = run(&["site", arg(&dist), "--data", arg(&repo("data/sample.json"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(DOCTOR_INDEX_FILE), "{}", stdout(&o));
    let json = std::fs::read(dist.join(PUBLISHED_DATASET)).expect("dataset");
    let file = std::fs::read(dist.join(DOCTOR_INDEX_FILE)).expect("doctor index");
    let ds = load(&dist.join(PUBLISHED_DATASET));
    let n = ds.doctors.len();
    // The records beside it and their articles are the published dataset, and name
    // the same bytes.
    let records = std::fs::read(dist.join(COMPILED_DATASET)).expect("compiled records");
    let reader = DatasetReader::new(&records).expect("header");
    assert_eq!(reader.source(), Fingerprint::of(&json));
    let read = reader.run().expect("records");
    assert_eq!(read.articles_file.as_deref(), Some("hospital.articles.bin"));
    let articles = std::fs::read(dist.join("hospital.articles.bin")).expect("articles");
    assert_eq!(
        compiled::dataset::read(&records, &articles, &[]),
        Ok(compiled::dataset::as_read(&ds))
    );
    assert!(
        stdout(&o).contains("hospital.articles.bin"),
        "{}",
        stdout(&o)
    );
    let read = DoctorIndex::from_compiled(&file, Fingerprint::of(&json), n).expect("reads back");
    let q = hospital_core::route::DoctorQuery {
        q: "heart".into(),
        ..Default::default()
    };
    let now = hospital_core::route::Slot::from_key("mon-morning").expect("slot");
    assert_eq!(
        read.search(&ds, &q, now),
        DoctorIndex::build(&ds).search(&ds, &q, now)
    );
    // Not for the dataset as written before `site` made it compact.
    let given = std::fs::read(repo("data/sample.json")).expect("sample");
    assert_eq!(
        DoctorIndex::from_compiled(&file, Fingerprint::of(&given), n).err(),
        Some(CompiledError::OtherDataset)
    );

    // `compile` does the same for a dataset file as it is served.
    let input = dir.join("served.json");
    std::fs::copy(repo("data/sample.json"), &input).expect("copy");
    let out = dir.join("served.idx");
    let o = run(&["compile", arg(&input), "--out", arg(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = std::fs::read(&out).expect("compiled");
    assert!(DoctorIndex::from_compiled(&file, Fingerprint::of(&given), n).is_ok());
    // ... and its records beside it (served.bin, served.articles.bin), naming the
    // same bytes.
    let records = std::fs::read(dir.join("served.bin")).expect("compiled records");
    let reader = DatasetReader::new(&records).expect("header");
    assert_eq!(reader.source(), Fingerprint::of(&given));
    let articles = std::fs::read(dir.join("served.articles.bin")).expect("articles");
    assert_eq!(
        compiled::dataset::read(&records, &articles, &[]),
        Ok(compiled::dataset::as_read(&ds))
    );
    // A dataset file named as its records would be is never written over.
    let odd = dir.join("odd.bin");
    std::fs::copy(repo("data/sample.json"), &odd).expect("copy");
    let o = run(&["compile", arg(&odd), "--out", arg(&dir.join("odd.idx"))]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--records"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&odd).expect("kept"), given);
    // An invalid dataset gets no index, and says why.
    std::fs::write(&input, "{\"schema\": 1, \"doctors\": 3}").expect("write");
    let o = run(&["compile", arg(&input), "--out", arg(&dir.join("bad.idx"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("doctors"), "{}", stderr(&o));
    assert!(!dir.join("bad.idx").exists());
}

#[test]
fn a_second_build_replaces_the_dataset_of_the_first() {
    let dir = scratch("site-publish-replace");
    let dist = fake_dist(&dir);
    let o = run(&["site", arg(&dist), "--data", arg(&repo("data/sample.json"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Trunk's shell is rewritten by `site`; a new build starts from a fresh one.
    let dist = fake_dist(&dir);
    let content = repo("examples/content");
    let o = run(&["site", arg(&dist), "--data", arg(&content)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let published = load(&dist.join(PUBLISHED_DATASET));
    let composed = dir.join("composed.json");
    let o = run(&["build", arg(&content), "--out", arg(&composed)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(published, load(&composed));
    assert_ne!(published, load(&repo("data/sample.json")));
    // The compiled doctor index is the new dataset's, not the first build's.
    let json = std::fs::read(dist.join(PUBLISHED_DATASET)).expect("dataset");
    let file = std::fs::read(dist.join(DOCTOR_INDEX_FILE)).expect("doctor index");
    let read = DoctorIndex::from_compiled(&file, Fingerprint::of(&json), published.doctors.len());
    assert!(read.is_ok(), "{:?}", read.err());
    let home = std::fs::read_to_string(dist.join("index.html")).expect("home page");
    assert!(home.contains(published.hospital.name.get(hospital_core::Lang::En).text));
}

#[test]
fn body_files_beside_the_dataset_are_copied_and_a_missing_one_is_named() {
    let dir = scratch("site-publish-bodies");
    let data = dir.join("data");
    let o = run(&[
        "generate",
        "--doctors",
        "5",
        "--articles",
        "4",
        "--seed",
        "3",
        "--split-bodies",
        "--out",
        arg(&data),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let input = data.join("hospital.json");
    let ds = load(&input);
    let bodies: Vec<&str> = ds
        .articles
        .iter()
        .filter_map(|a| match &a.body {
            ArticleBody::External { body_src } => Some(body_src.as_str()),
            ArticleBody::Inline { .. } | ArticleBody::Parsed { .. } => None,
        })
        .collect();
    assert!(!bodies.is_empty());
    let dist = fake_dist(&dir);
    let o = run(&["site", arg(&dist), "--data", arg(&input)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    for b in &bodies {
        assert_eq!(
            std::fs::read(dist.join(b)).expect("body copied into dist"),
            std::fs::read(data.join(b)).expect("body beside the dataset")
        );
    }
    // The article pages carry those bodies too, rendered, in both languages: a reader
    // without scripts reads them, not a "Loading" line.
    for a in ds
        .articles
        .iter()
        .filter(|a| matches!(a.body, ArticleBody::External { .. }))
    {
        let ArticleBody::External { body_src } = &a.body else {
            continue;
        };
        let body = std::fs::read_to_string(data.join(body_src)).expect("body");
        let first_paragraph = body
            .lines()
            .find(|l| !l.trim().is_empty() && !l.starts_with(['#', '-', '|', '>', '!', '*']))
            .expect("a paragraph");
        for page in [
            format!("news/{}.html", a.slug),
            format!("zh/news/{}.html", a.slug),
        ] {
            let html = std::fs::read_to_string(dist.join(&page)).expect("article page");
            assert!(
                html.contains(&escape(first_paragraph.trim())),
                "{page} lacks its body's first paragraph {first_paragraph:?}"
            );
        }
    }

    let missing = bodies[0];
    std::fs::remove_file(data.join(missing)).expect("remove body");
    let dist = fake_dist(&dir.join("second"));
    let o = run(&["site", arg(&dist), "--data", arg(&input)]);
    assert_ne!(o.status.code(), Some(0));
    let slug = ds
        .articles
        .iter()
        .position(|a| matches!(&a.body, ArticleBody::External { body_src } if body_src == missing))
        .map(|i| (i, ds.articles[i].slug.clone()))
        .expect("the article of the removed body");
    let message = stderr(&o);
    assert!(
        message.contains(&format!("articles[{}] ({}).body_src", slug.0, slug.1))
            && message.contains(missing),
        "{message}"
    );
}

/// Above 1,000 doctors the biographies, education and timetable rooms leave the records
/// for files of 128 doctors, which together with the records are the published dataset;
/// a profile page names its doctor's file, so that its script fetches it with the
/// records.
#[test]
fn a_large_hospitals_biographies_are_published_in_files_a_profile_names() {
    let dir = scratch("site-details");
    let data = dir.join("data");
    let o = run(&[
        "generate",
        "--doctors",
        "1030",
        "--articles",
        "3",
        "--seed",
        "5",
        "--out",
        arg(&data),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dist = fake_dist(&dir);
    let json = data.join("hospital.json");
    let o = run(&["site", arg(&dist), "--data", arg(&json), "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("9 details files"), "{}", stdout(&o));
    let ds = load(&dist.join(PUBLISHED_DATASET));
    let records = std::fs::read(dist.join(COMPILED_DATASET)).expect("records");
    let articles = std::fs::read(dist.join("hospital.articles.bin")).expect("articles");
    let details: Vec<Vec<u8>> = (0..9)
        .map(|n| std::fs::read(dist.join(format!("hospital.details.{n}.bin"))).expect("details"))
        .collect();
    assert!(!dist.join("hospital.details.9.bin").exists());
    let read = DatasetReader::new(&records)
        .expect("header")
        .run()
        .expect("records");
    assert!(read.dataset.doctors.iter().all(|d| d.bio.is_blank()));
    assert_eq!(
        compiled::dataset::read(&records, &articles, &details),
        Ok(compiled::dataset::as_read(&ds))
    );
    // Doctor 300 is in file 2; its page says so, and carries its biography.
    let doctor = &ds.doctors[300];
    let page = std::fs::read_to_string(dist.join("doctors").join(format!("{}.html", doctor.id)))
        .expect("profile page");
    assert!(
        page.contains(r#"data-hs-details="hospital.details.2.bin""#),
        "{page}"
    );
    let bio = doctor.bio.get(hospital_core::Lang::Zh).text;
    assert!(!bio.is_empty() && page.contains(&escape(bio)));
    // Other pages name none.
    let finder =
        std::fs::read_to_string(dist.join("doctors").join("index.html")).expect("finder page");
    assert!(!finder.contains("data-hs-details"));
    // The finder's page is its first page of doctors and its filters, at any size, not
    // the "preparing" of a browser still reading the index.
    assert_eq!(
        finder.matches(r#"class="doctor-card""#).count(),
        20,
        "{finder}"
    );
    assert!(finder.contains(r#"id="doctor-filters""#));
    assert!(!finder.contains("正在准备医生搜索"), "{finder}");
}
