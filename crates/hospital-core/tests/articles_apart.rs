//! Articles read apart from their dataset's other records (the compiled articles'
//! file comes after the records, and only to the pages that show articles) are
//! checked as they would be in the whole dataset: the same problems, at the same paths.

use hospital_core::validate::{check_articles, load, Problem, Staged};
use hospital_core::Dataset;

fn sample() -> Dataset {
    load(include_str!("../../../data/sample.json"))
        .expect("the sample loads")
        .dataset
}

fn records_of(ds: &Dataset) -> Dataset {
    Dataset {
        articles: Vec::new(),
        ..ds.clone()
    }
}

fn of_articles(problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .filter(|p| p.path.starts_with("articles"))
        .collect()
}

#[test]
fn sound_articles_pass_as_they_are() {
    let ds = sample();
    let checked = check_articles(&records_of(&ds), ds.articles.clone()).expect("they pass");
    assert_eq!(checked.dataset.articles, ds.articles);
    let whole = Staged::checking(ds).run().expect("the sample passes");
    assert_eq!(checked.warnings, of_articles(whole.warnings));
}

#[test]
fn broken_references_get_the_whole_datasets_problems() {
    let mut ds = sample();
    assert!(ds.articles.len() >= 3, "the sample has articles to break");
    ds.articles[1].slug = ds.articles[0].slug.clone();
    ds.articles[0].doctors.push("nobody-here".to_string());
    ds.articles[2].category = "gossip".to_string();
    ds.articles[2].departments.push("astrology".to_string());
    let whole = Staged::checking(ds.clone())
        .run()
        .expect_err("the whole dataset fails");
    let apart =
        check_articles(&records_of(&ds), ds.articles.clone()).expect_err("the articles alone fail");
    let expected = of_articles(whole);
    assert_eq!(expected.len(), 4, "{expected:#?}");
    assert_eq!(apart, expected);
    // Each message names its record by slug and title.
    for p in &apart {
        let record = p.record.as_ref().expect("the article is named");
        assert!(!record.id.is_empty(), "{p}");
    }
}
