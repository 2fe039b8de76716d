//! Properties of the news query over random datasets and queries.

use hospital_core::model::{Article, ArticleBody, Dataset};
use hospital_core::news::NewsIndex;
use hospital_core::route::NewsQuery;
use hospital_core::Text;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "heart", "health", "hearing", "clinic", "vaccine", "nurse", "campus", "award", "心脏", "健康",
    "疫苗", "医院",
];
const CATEGORIES: &[&str] = &["news", "health", "awards"];
const TAGS: &[&str] = &["cardiology", "events", "campus", "vaccines"];
const DATES: &[&str] = &[
    "2023-05-01",
    "2023-12-20",
    "2024-03-02",
    "2024-05-10",
    "2024-05-11",
];
const ARCHIVES: &[&str] = &["2023", "2024", "2023-12", "2024-05", "2024-06", "1999"];

fn article(i: usize, (title, cat, tags, date): (Vec<usize>, usize, Vec<usize>, usize)) -> Article {
    let title: Vec<&str> = title.iter().map(|&w| WORDS[w]).collect();
    Article {
        slug: format!("a{i}"),
        title: Text::plain(title.join(" ")),
        date: DATES[date].to_string(),
        category: CATEGORIES[cat].to_string(),
        tags: tags.iter().map(|&t| TAGS[t].to_string()).collect(),
        body: ArticleBody::Inline {
            body: Text::plain(""),
        },
        ..Article::default()
    }
}

fn dataset() -> impl Strategy<Value = Dataset> {
    let one = (
        prop::collection::vec(0..WORDS.len(), 0..4),
        0..CATEGORIES.len(),
        prop::collection::vec(0..TAGS.len(), 0..3),
        0..DATES.len(),
    );
    prop::collection::vec(one, 0..25).prop_map(|parts| Dataset {
        articles: parts
            .into_iter()
            .enumerate()
            .map(|(i, p)| article(i, p))
            .collect(),
        ..Dataset::default()
    })
}

fn pick(from: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::sample::select(from).prop_map(str::to_string))
}

/// Query words: whole vocabulary words, their prefixes, and noise.
fn query_word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(WORDS).prop_map(str::to_string),
        (prop::sample::select(WORDS), 1..4usize)
            .prop_map(|(w, n)| w.chars().take(n).collect::<String>()),
        "[a-z]{1,3}",
    ]
}

fn news_query() -> impl Strategy<Value = NewsQuery> {
    (
        prop::collection::vec(query_word(), 0..3),
        pick(CATEGORIES),
        pick(TAGS),
        pick(ARCHIVES),
        0..8usize,
    )
        .prop_map(|(words, category, tag, archive, page)| NewsQuery {
            q: words.join(" "),
            category,
            tag,
            archive,
            page,
        })
}

/// Every matching article, all pages together.
fn all_results(index: &NewsIndex, ds: &Dataset, q: &NewsQuery) -> Vec<usize> {
    let everything = NewsQuery {
        page: 1,
        ..q.clone()
    };
    index.query(ds, &everything, usize::MAX).items
}

proptest! {
    #[test]
    fn every_item_matches_the_filters(ds in dataset(), q in news_query(), size in 0..6usize) {
        let index = NewsIndex::build(&ds);
        let page = index.query(&ds, &q, size);
        prop_assert!(page.page >= 1 && page.page <= page.pages);
        prop_assert!(page.items.len() <= size.max(1));
        prop_assert!(page.items.len() <= page.total);
        for &i in &page.items {
            let a = &ds.articles[i];
            if let Some(c) = &q.category {
                prop_assert_eq!(&a.category, c);
            }
            if let Some(t) = &q.tag {
                prop_assert!(a.tags.contains(t));
            }
            if let Some(k) = &q.archive {
                prop_assert!(a.date.starts_with(&format!("{k}-")), "{} not in {}", a.date, k);
            }
        }
    }

    #[test]
    fn search_agrees_with_a_brute_force_scan(ds in dataset(), q in news_query()) {
        let index = NewsIndex::build(&ds);
        let got = all_results(&index, &ds, &q);
        // Titles are vocabulary words separated by spaces; tags are searched too.
        let matches = |a: &Article| {
            let Text::Plain(title) = &a.title else { return false };
            let words: Vec<&str> = title.split(' ').chain(a.tags.iter().map(String::as_str)).collect();
            q.q.split_whitespace().all(|term| {
                let cjk = term.chars().next().is_some_and(|c| c > '\u{2E80}');
                words.iter().any(|w| if cjk { w.contains(term) } else { w.starts_with(term) })
            })
        };
        let mut want: Vec<usize> = (0..ds.articles.len())
            .filter(|&i| {
                let a = &ds.articles[i];
                matches(a)
                    && q.category.as_ref().is_none_or(|c| &a.category == c)
                    && q.tag.as_ref().is_none_or(|t| a.tags.contains(t))
                    && q.archive.as_ref().is_none_or(|k| a.date.starts_with(&format!("{k}-")))
            })
            .collect();
        want.sort_by(|&x, &y| {
            let (x, y) = (&ds.articles[x], &ds.articles[y]);
            y.date.cmp(&x.date).then_with(|| x.slug.cmp(&y.slug))
        });
        prop_assert_eq!(got, want);
    }

    #[test]
    fn another_word_never_adds_results(ds in dataset(), q in news_query(), extra in query_word()) {
        let index = NewsIndex::build(&ds);
        let before = all_results(&index, &ds, &q);
        let narrower = NewsQuery { q: format!("{} {extra}", q.q), ..q.clone() };
        let after = all_results(&index, &ds, &narrower);
        prop_assert!(after.iter().all(|i| before.contains(i)), "{:?} ⊄ {:?}", after, before);
    }

    #[test]
    fn any_query_and_page_is_answered(
        ds in dataset(),
        q in "\\PC{0,40}",
        category in prop::option::of("\\PC{0,8}"),
        tag in prop::option::of("\\PC{0,8}"),
        archive in prop::option::of("\\PC{0,8}"),
        page in any::<usize>(),
        size in any::<usize>(),
    ) {
        let index = NewsIndex::build(&ds);
        let query = NewsQuery { q, category, tag, archive, page };
        let result = index.query(&ds, &query, size);
        prop_assert!(result.page >= 1 && result.page <= result.pages);
        if let Some(first) = ds.articles.first() {
            let _ = index.related(&ds, &first.slug, 3);
            let _ = index.neighbours(&first.slug);
        }
    }
}
