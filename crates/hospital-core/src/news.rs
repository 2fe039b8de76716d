//! The newsroom: articles newest first, filters (category, tag, archive month
//! or year), full-text search, paging, related stories and neighbours.
//!
//! [`NewsIndex::build`] does all per-article work once; a query then only
//! looks up its own words in an inverted index, so typing in the search box
//! stays fast at thousands of articles.
//!
//! What is searched: title, summary and tags in every language, and the plain
//! text of inline Markdown bodies in every language. A body kept in a file of
//! its own ([`ArticleBody::External`]) is fetched only when the article opens,
//! so such articles are found by title, summary and tags only.

use crate::markdown;
use crate::model::{ArticleBody, Dataset};
use crate::normalize;
use crate::route::{is_archive_key, NewsQuery};
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

/// Query words beyond this many are ignored, so a pasted essay costs bounded work.
pub const MAX_TERMS: usize = 32;

/// One option of a filter with the number of articles it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facet {
    pub key: String,
    pub count: usize,
}

/// One page of results.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewsPage {
    /// Indexes into `Dataset::articles`, newest first.
    pub items: Vec<usize>,
    /// Matching articles on all pages.
    pub total: usize,
    /// At least 1, even with no results.
    pub pages: usize,
    /// The page shown: the requested one, clamped to `1..=pages`.
    pub page: usize,
    /// The normalized query terms, for highlighting matches.
    pub terms: Vec<String>,
    /// The featured story: `items[0]` on the first page of the unfiltered feed.
    pub lead: Option<usize>,
}

pub struct NewsIndex {
    /// Indexes into `Dataset::articles`, newest first. An article's position
    /// here is its *rank*; postings hold ranks so results come out in order.
    order: Vec<usize>,
    rank_of: HashMap<String, usize>,
    /// The full-text part, built by the first query with words: every article body's
    /// Markdown is parsed for it, and most visits (the home page, an article, paging
    /// the feed) never search. On the sample that is most of the index's build time.
    text: OnceLock<NewsText>,
    categories: Vec<Facet>,
    tags: Vec<Facet>,
    months: Vec<Facet>,
    years: Vec<Facet>,
}

/// The words and CJK characters of every article, posted by rank.
#[derive(Debug, Clone)]
struct NewsText {
    /// Word → ranks of the articles containing it, sorted by word so that
    /// all words with a given prefix are one contiguous run.
    words: Vec<(String, Vec<u32>)>,
    /// CJK character → ranks of the articles containing it.
    cjk_chars: HashMap<char, Vec<u32>>,
    /// Per rank, the article's CJK runs joined by newlines, to confirm that a
    /// query run appears whole and not just character by character.
    cjk_text: Vec<String>,
}

/// Articles per page of the news feed: the app and the pages written at build time
/// cut the feed at the same places, so `/news/page/2` is the same page in both.
pub const FEED_PAGE_SIZE: usize = 10;

impl NewsIndex {
    pub fn build(ds: &Dataset) -> NewsIndex {
        let articles = &ds.articles;
        let mut order: Vec<usize> = (0..articles.len()).collect();
        crate::sort::sort_by(&mut order, |&a, &b| {
            let (a, b) = (&articles[a], &articles[b]);
            b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
        });

        let rank_of = order
            .iter()
            .enumerate()
            .map(|(rank, &i)| (articles[i].slug.clone(), rank))
            .collect();
        let (categories, tags, months, years) = facets(ds);
        NewsIndex {
            order,
            rank_of,
            text: OnceLock::new(),
            categories,
            tags,
            months,
            years,
        }
    }

    /// Whether the full-text part has been built (by a query with words).
    pub fn has_text_index(&self) -> bool {
        self.text.get().is_some()
    }

    /// Every article, newest first (indexes into `Dataset::articles`).
    pub fn newest_first(&self) -> &[usize] {
        &self.order
    }

    /// Categories in the order of `Dataset::categories`, then any unlisted ones by id.
    pub fn categories(&self) -> &[Facet] {
        &self.categories
    }

    /// Tags, most used first.
    pub fn tags(&self) -> &[Facet] {
        &self.tags
    }

    /// Archive months (`YYYY-MM`), newest first.
    pub fn months(&self) -> &[Facet] {
        &self.months
    }

    /// Archive years (`YYYY`), newest first.
    pub fn years(&self) -> &[Facet] {
        &self.years
    }

    /// The articles matching `q`, newest first, cut into pages of `page_size`.
    /// `ds` must be the dataset the index was built from.
    #[cfg(feature = "parse")]
    pub fn query(&self, ds: &Dataset, q: &NewsQuery, page_size: usize) -> NewsPage {
        self.query_with(ds, q, page_size, &markdown::searchable_text)
    }

    /// Whether answering `q` would build the full-text part and read Markdown bodies in
    /// it with `body_text` (the app first makes sure that its Markdown module is there).
    /// Compiled articles come parsed: they never need it.
    pub fn needs_body_text(&self, ds: &Dataset, q: &NewsQuery) -> bool {
        !self.has_text_index()
            && !query_terms(&q.q).is_empty()
            && (ds.articles.iter()).any(|a| matches!(a.body, ArticleBody::Inline { .. }))
    }

    /// [`NewsIndex::query`], with the plain text of a Markdown body given by `body_text`
    /// (used once, by the first query with words).
    pub fn query_with(
        &self,
        ds: &Dataset,
        q: &NewsQuery,
        page_size: usize,
        body_text: &dyn Fn(&str) -> String,
    ) -> NewsPage {
        let terms = query_terms(&q.q);
        let mut hits = vec![true; self.order.len()];
        if !terms.is_empty() {
            let text = self
                .text
                .get_or_init(|| NewsText::build(ds, &self.order, body_text));
            for term in &terms {
                text.keep_matches(term, &mut hits);
            }
        }
        let matched: Vec<usize> = self
            .order
            .iter()
            .zip(&hits)
            .filter(|(_, &hit)| hit)
            .map(|(&i, _)| i)
            .filter(|&i| passes_filters(ds, i, q))
            .collect();

        let size = page_size.max(1);
        let total = matched.len();
        let pages = total.div_ceil(size).max(1);
        let page = q.page.clamp(1, pages);
        let items: Vec<usize> = matched
            .into_iter()
            .skip((page - 1) * size)
            .take(size)
            .collect();
        let lead = if page == 1 && !q.has_filters() {
            items.first().copied()
        } else {
            None
        };
        NewsPage {
            items,
            total,
            pages,
            page,
            terms,
            lead,
        }
    }

    /// Up to `n` other articles: most shared tags first, then those in the same
    /// category, then newest. Articles sharing neither are not related.
    pub fn related(&self, ds: &Dataset, slug: &str, n: usize) -> Vec<usize> {
        let Some(me) = self
            .rank_of
            .get(slug)
            .and_then(|&r| ds.articles.get(self.order[r]))
        else {
            return Vec::new();
        };
        let my_tags: HashSet<&str> = me.tags.iter().map(String::as_str).collect();
        let mut scored: Vec<(Reverse<usize>, bool, usize, usize)> = Vec::new();
        for (rank, &i) in self.order.iter().enumerate() {
            let Some(a) = ds.articles.get(i).filter(|a| a.slug != me.slug) else {
                continue;
            };
            let shared = a
                .tags
                .iter()
                .map(String::as_str)
                .collect::<HashSet<_>>()
                .intersection(&my_tags)
                .count();
            let same_category = a.category == me.category;
            if shared > 0 || same_category {
                scored.push((Reverse(shared), !same_category, rank, i));
            }
        }
        crate::sort::sort(&mut scored);
        scored.into_iter().take(n).map(|s| s.3).collect()
    }

    /// The next newer and next older article in the feed, for "previous / next" links.
    pub fn neighbours(&self, slug: &str) -> (Option<usize>, Option<usize>) {
        let Some(&rank) = self.rank_of.get(slug) else {
            return (None, None);
        };
        let newer = rank.checked_sub(1).map(|r| self.order[r]);
        let older = self.order.get(rank + 1).copied();
        (newer, older)
    }
}

impl NewsText {
    fn build(ds: &Dataset, order: &[usize], body_text: &dyn Fn(&str) -> String) -> NewsText {
        let mut words: HashMap<String, Vec<u32>> = HashMap::new();
        let mut cjk_chars: HashMap<char, Vec<u32>> = HashMap::new();
        let mut cjk_text = Vec::with_capacity(order.len());
        for (rank, &i) in order.iter().enumerate() {
            // More than u32::MAX articles cannot be loaded into a browser anyway.
            let rank = u32::try_from(rank).unwrap_or(u32::MAX);
            let mut runs = String::new();
            for token in news_tokens(&search_text(ds, i, body_text)) {
                if token.chars().next().is_some_and(normalize::is_cjk) {
                    for c in token.chars() {
                        add_posting(cjk_chars.entry(c).or_default(), rank);
                    }
                    runs.push_str(&token);
                    runs.push('\n');
                } else {
                    add_posting(words.entry(token).or_default(), rank);
                }
            }
            cjk_text.push(runs);
        }
        let mut words: Vec<(String, Vec<u32>)> = words.into_iter().collect();
        crate::sort::sort_by(&mut words, |a, b| a.0.cmp(&b.0));
        NewsText {
            words,
            cjk_chars,
            cjk_text,
        }
    }

    /// Clears `hits` for the articles that do not contain `term`.
    fn keep_matches(&self, term: &str, hits: &mut [bool]) {
        let mut found = vec![false; hits.len()];
        if term.chars().next().is_some_and(normalize::is_cjk) {
            // Articles holding every character of the run, then the run itself.
            let mut candidates: Option<Vec<u32>> = None;
            for c in term.chars() {
                let posting = self.cjk_chars.get(&c).map(Vec::as_slice).unwrap_or(&[]);
                candidates = Some(match candidates {
                    None => posting.to_vec(),
                    Some(prev) => intersect(&prev, posting),
                });
            }
            for r in candidates.unwrap_or_default() {
                let r = r as usize;
                if self.cjk_text.get(r).is_some_and(|t| t.contains(term)) {
                    found[r] = true;
                }
            }
        } else {
            let start = self.words.partition_point(|(w, _)| w.as_str() < term);
            for (_, posting) in self.words[start..]
                .iter()
                .take_while(|(w, _)| w.starts_with(term))
            {
                for &r in posting {
                    found[r as usize] = true;
                }
            }
        }
        for (hit, found) in hits.iter_mut().zip(found) {
            *hit &= found;
        }
    }
}

/// Everything searchable of article `i`, in all languages, one long text.
fn search_text(ds: &Dataset, i: usize, body_text: &dyn Fn(&str) -> String) -> String {
    let a = &ds.articles[i];
    let mut parts: Vec<String> = Vec::new();
    parts.extend(a.title.all().map(str::to_string));
    parts.extend(a.summary.all().map(str::to_string));
    parts.extend(a.tags.iter().cloned());
    match &a.body {
        ArticleBody::Inline { body } => parts.extend(body.all().map(body_text)),
        ArticleBody::Parsed { body } => {
            parts.extend((body.versions().iter()).map(|(_, blocks)| markdown::plain_text(blocks)))
        }
        ArticleBody::External { .. } => {}
    }
    parts.join("\n")
}

fn add_posting(posting: &mut Vec<u32>, rank: u32) {
    // Articles are indexed in rank order, so a repeat can only be the last entry.
    if posting.last() != Some(&rank) {
        posting.push(rank);
    }
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn passes_filters(ds: &Dataset, i: usize, q: &NewsQuery) -> bool {
    let Some(a) = ds.articles.get(i) else {
        return false;
    };
    q.category.as_ref().is_none_or(|c| a.category == *c)
        && q.tag.as_ref().is_none_or(|t| a.tags.contains(t))
        && q.archive.as_ref().is_none_or(|k| in_archive(&a.date, k))
}

/// `2024` holds `2024-05-01`, and so does `2024-05`; `2024-0` holds nothing.
fn in_archive(date: &str, key: &str) -> bool {
    !key.is_empty()
        && date
            .strip_prefix(key)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
}

/// The query's tokens, each once, in the order typed, at most [`MAX_TERMS`].
fn query_terms(q: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    news_tokens(q)
        .into_iter()
        .filter(|t| seen.insert(t.clone()))
        .take(MAX_TERMS)
        .collect()
}

type Facets = (Vec<Facet>, Vec<Facet>, Vec<Facet>, Vec<Facet>);

fn facets(ds: &Dataset) -> Facets {
    let mut categories: BTreeMap<&str, usize> = BTreeMap::new();
    let mut tags: BTreeMap<&str, usize> = BTreeMap::new();
    let mut months: BTreeMap<&str, usize> = BTreeMap::new();
    let mut years: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &ds.articles {
        *categories.entry(a.category.as_str()).or_default() += 1;
        let distinct: HashSet<&str> = a.tags.iter().map(String::as_str).collect();
        for t in distinct {
            *tags.entry(t).or_default() += 1;
        }
        if let Some(month) = a.date.get(..7).filter(|m| is_archive_key(m)) {
            *months.entry(month).or_default() += 1;
            *years.entry(&month[..4]).or_default() += 1;
        }
    }
    let facet = |(key, count): (&str, usize)| Facet {
        key: key.to_string(),
        count,
    };

    let mut listed: Vec<Facet> = ds
        .categories
        .iter()
        .filter_map(|c| categories.remove(c.id.as_str()).map(|n| facet((&c.id, n))))
        .collect();
    listed.extend(categories.into_iter().map(facet));

    let mut tags: Vec<Facet> = tags.into_iter().map(facet).collect();
    crate::sort::sort_by(&mut tags, |a, b| {
        b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key))
    });
    let months = months.into_iter().rev().map(facet).collect();
    let years = years.into_iter().rev().map(facet).collect();
    (listed, tags, months, years)
}

/// Search tokens as [`normalize`] folds them (case, accents, tones, full width),
/// except that adjacent CJK characters are joined back into one run: news search
/// matches a Chinese query as a whole run, not character by character.
fn news_tokens(text: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    // Where the CJK run being built ends in `text`, to tell if the next character continues it.
    let mut run_end = None;
    normalize::for_each_token(text, |token, range, cjk| {
        match tokens.last_mut() {
            Some(run) if cjk && run_end == Some(range.start) => run.push_str(token),
            _ => tokens.push(token.to_string()),
        }
        run_end = cjk.then_some(range.end);
    });
    tokens
}

#[cfg(all(test, feature = "parse"))]
mod tests {
    use super::*;
    use crate::model::{Article, Category};
    use crate::text::Text;

    fn article(
        slug: &str,
        date: &str,
        category: &str,
        tags: &[&str],
        title: Text,
        body: &str,
    ) -> Article {
        Article {
            slug: slug.into(),
            title,
            date: date.into(),
            category: category.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            body: ArticleBody::Inline {
                body: Text::plain(body),
            },
            ..Article::default()
        }
    }

    /// Deliberately not in date order, to test the sorting.
    fn dataset() -> Dataset {
        let mut new_wing = article(
            "new-wing",
            "2024-05-10",
            "news",
            &["campus"],
            Text::bilingual("New wing opens", "新楼启用"),
            "",
        );
        new_wing.body = ArticleBody::External {
            body_src: "bodies/new-wing.md".into(),
        };
        Dataset {
            categories: vec![
                Category {
                    id: "news".into(),
                    name: Text::plain("News"),
                },
                Category {
                    id: "health".into(),
                    name: Text::plain("Health"),
                },
                Category {
                    id: "empty".into(),
                    name: Text::plain("Nothing here"),
                },
            ],
            articles: vec![
                article(
                    "flu-vaccine",
                    "2024-03-02",
                    "health",
                    &["vaccines", "seasonal"],
                    Text::bilingual("Flu vaccines available", "流感疫苗开始接种"),
                    "Book a *flu* shot at any campus.",
                ),
                article(
                    "heart-surgery-award",
                    "2023-05-01",
                    "awards",
                    &["cardiology"],
                    Text::bilingual("Cardiac surgery team wins award", "心脏外科团队获奖"),
                    "The heart team was honoured.",
                ),
                new_wing,
                article(
                    "cafe-opens",
                    "2023-12-20",
                    "news",
                    &["campus", "events", "events"],
                    Text::plain("Café opens in the lobby"),
                    "",
                ),
                article(
                    "heart-week",
                    "2024-05-10",
                    "news",
                    &["cardiology", "events"],
                    Text::bilingual("Heart Health Week", "心脏健康周"),
                    "Free **blood pressure** checks. [Details](javascript:x)",
                ),
            ],
            ..Dataset::default()
        }
    }

    const FLU: usize = 0;
    const AWARD: usize = 1;
    const WING: usize = 2;
    const CAFE: usize = 3;
    const WEEK: usize = 4;

    fn run(q: NewsQuery) -> NewsPage {
        let ds = dataset();
        NewsIndex::build(&ds).query(&ds, &q, 10)
    }

    #[test]
    fn the_full_text_part_waits_for_a_query_with_words() {
        let ds = dataset();
        let index = NewsIndex::build(&ds);
        let feed = index.query(&ds, &NewsQuery::default(), 10);
        let category = NewsQuery {
            category: Some("news".into()),
            ..NewsQuery::default()
        };
        let filtered = index.query(&ds, &category, 10);
        index.related(&ds, "heart-week", 3);
        index.neighbours("heart-week");
        assert!(
            !index.has_text_index(),
            "the feed, filters, related and neighbours need no text"
        );
        assert_eq!(feed.items.len(), 5);
        assert_eq!(filtered.items, vec![WEEK, WING, CAFE]);
        let found = index.query(
            &ds,
            &NewsQuery {
                q: "heart".into(),
                ..NewsQuery::default()
            },
            10,
        );
        assert!(index.has_text_index());
        assert_eq!(found.items, vec![WEEK, AWARD]);
    }

    #[test]
    fn only_a_first_search_with_words_through_markdown_bodies_needs_their_text() {
        let ds = dataset();
        let words = NewsQuery {
            q: "heart".into(),
            ..NewsQuery::default()
        };
        let index = NewsIndex::build(&ds);
        assert!(!index.needs_body_text(&ds, &NewsQuery::default()));
        assert!(index.needs_body_text(&ds, &words));
        index.query(&ds, &words, 10);
        assert!(!index.needs_body_text(&ds, &words), "read once");

        // Compiled articles come parsed, and are found by the same words.
        let compiled = crate::compiled::dataset::as_read(&ds);
        let index = NewsIndex::build(&compiled);
        assert!(!index.needs_body_text(&compiled, &words));
        let never = |_: &str| -> String { unreachable!("a parsed body is not read again") };
        for q in ["heart", "wing", "the", "心"] {
            let q = NewsQuery {
                q: q.into(),
                ..NewsQuery::default()
            };
            let parsed = index.query_with(&compiled, &q, 10, &never);
            assert_eq!(parsed, NewsIndex::build(&ds).query(&ds, &q, 10), "{}", q.q);
        }
    }

    fn search(text: &str) -> Vec<usize> {
        run(NewsQuery {
            q: text.into(),
            ..NewsQuery::default()
        })
        .items
    }

    #[test]
    fn newest_first_then_by_slug() {
        let index = NewsIndex::build(&dataset());
        assert_eq!(index.newest_first(), [WEEK, WING, FLU, CAFE, AWARD]);
    }

    #[test]
    fn facets_count_each_article_once() {
        let index = NewsIndex::build(&dataset());
        let pairs = |f: &[Facet]| {
            f.iter()
                .map(|f| (f.key.clone(), f.count))
                .collect::<Vec<_>>()
        };
        let owned = |v: &[(&str, usize)]| {
            v.iter()
                .map(|(k, n)| (k.to_string(), *n))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            pairs(index.categories()),
            owned(&[("news", 3), ("health", 1), ("awards", 1)])
        );
        assert_eq!(
            pairs(index.tags()),
            owned(&[
                ("campus", 2),
                ("cardiology", 2),
                ("events", 2),
                ("seasonal", 1),
                ("vaccines", 1)
            ])
        );
        assert_eq!(
            pairs(index.months()),
            owned(&[
                ("2024-05", 2),
                ("2024-03", 1),
                ("2023-12", 1),
                ("2023-05", 1)
            ])
        );
        assert_eq!(pairs(index.years()), owned(&[("2024", 3), ("2023", 2)]));
    }

    #[test]
    fn each_filter() {
        let filtered = |category: Option<&str>, tag: Option<&str>, archive: Option<&str>| {
            run(NewsQuery {
                category: category.map(str::to_string),
                tag: tag.map(str::to_string),
                archive: archive.map(str::to_string),
                ..NewsQuery::default()
            })
            .items
        };
        assert_eq!(filtered(Some("news"), None, None), [WEEK, WING, CAFE]);
        assert_eq!(filtered(None, Some("cardiology"), None), [WEEK, AWARD]);
        assert_eq!(filtered(None, None, Some("2024")), [WEEK, WING, FLU]);
        assert_eq!(filtered(None, None, Some("2024-05")), [WEEK, WING]);
        assert_eq!(filtered(None, None, Some("2023-12")), [CAFE]);
        assert_eq!(filtered(None, None, Some("202")), Vec::<usize>::new());
        assert_eq!(filtered(Some("news"), Some("events"), Some("2023")), [CAFE]);
        assert_eq!(filtered(Some("nope"), None, None), Vec::<usize>::new());
    }

    #[test]
    fn search_needs_every_word_as_a_prefix() {
        assert_eq!(search("heart"), [WEEK, AWARD]);
        assert_eq!(search("HEA wee"), [WEEK]);
        assert_eq!(search("heart zebra"), Vec::<usize>::new());
        assert_eq!(search("eart"), Vec::<usize>::new());
        // Body text, tags, accents and full-width letters.
        assert_eq!(search("blood pressure"), [WEEK]);
        assert_eq!(search("seasonal"), [FLU]);
        assert_eq!(search("cafe"), [CAFE]);
        assert_eq!(search("CAFÉ"), [CAFE]);
        assert_eq!(search("ｆｌｕ"), [FLU]);
        // A link's words are searchable even when the link itself was unsafe.
        assert_eq!(search("details"), [WEEK]);
        // External bodies are not searched, but their titles are.
        assert_eq!(search("wing"), [WING]);
        assert_eq!(search("  "), [WEEK, WING, FLU, CAFE, AWARD]);
    }

    #[test]
    fn chinese_search_matches_whole_runs() {
        assert_eq!(search("心脏"), [WEEK, AWARD]);
        assert_eq!(search("心脏外科"), [AWARD]);
        assert_eq!(search("疫苗"), [FLU]);
        assert_eq!(search("脏心"), Vec::<usize>::new());
        assert_eq!(search("flu 疫苗"), [FLU]);
        assert_eq!(search("疫苗heart"), Vec::<usize>::new());
        let page = run(NewsQuery {
            q: "Flu,  心脏  flu".into(),
            ..NewsQuery::default()
        });
        assert_eq!(page.terms, ["flu", "心脏"]);
    }

    #[test]
    fn paging_clamps_and_lead_story() {
        let ds = dataset();
        let index = NewsIndex::build(&ds);
        let at = |page: usize, size: usize| {
            index.query(
                &ds,
                &NewsQuery {
                    page,
                    ..NewsQuery::default()
                },
                size,
            )
        };
        let first = at(0, 2);
        assert_eq!((first.page, first.pages, first.total), (1, 3, 5));
        assert_eq!(first.items, [WEEK, WING]);
        assert_eq!(first.lead, Some(WEEK));
        let last = at(99, 2);
        assert_eq!(
            (last.page, last.items.clone(), last.lead),
            (3, vec![AWARD], None)
        );
        assert_eq!(at(usize::MAX, 0).items, [AWARD]);
        let none = index.query(
            &ds,
            &NewsQuery {
                q: "zebra".into(),
                page: 7,
                ..NewsQuery::default()
            },
            2,
        );
        assert_eq!(
            (none.page, none.pages, none.total, none.lead),
            (1, 1, 0, None)
        );
        let filtered = index.query(
            &ds,
            &NewsQuery {
                tag: Some("events".into()),
                ..NewsQuery::default()
            },
            2,
        );
        assert_eq!(filtered.lead, None);
    }

    #[test]
    fn related_prefers_shared_tags_then_category() {
        let ds = dataset();
        let index = NewsIndex::build(&ds);
        // CAFE shares "events" and the category; AWARD shares only "cardiology";
        // WING shares only the category; FLU shares nothing.
        assert_eq!(index.related(&ds, "heart-week", 10), [CAFE, AWARD, WING]);
        assert_eq!(index.related(&ds, "heart-week", 2), [CAFE, AWARD]);
        assert_eq!(index.related(&ds, "flu-vaccine", 3), Vec::<usize>::new());
        assert_eq!(index.related(&ds, "missing", 3), Vec::<usize>::new());
    }

    #[test]
    fn neighbours_in_feed_order() {
        let index = NewsIndex::build(&dataset());
        assert_eq!(index.neighbours("new-wing"), (Some(WEEK), Some(FLU)));
        assert_eq!(index.neighbours("heart-week"), (None, Some(WING)));
        assert_eq!(index.neighbours("heart-surgery-award"), (Some(CAFE), None));
        assert_eq!(index.neighbours("missing"), (None, None));
    }

    #[test]
    fn tokens_fold_case_accents_and_width() {
        assert_eq!(
            news_tokens("Zhāng Wěi, CAFE\u{301} ＣＴ-scan 心脏病2024年"),
            ["zhang", "wei", "cafe", "ct", "scan", "心脏病", "2024", "年"]
        );
    }

    #[test]
    fn an_empty_dataset_has_one_empty_page() {
        let ds = Dataset::default();
        let page = NewsIndex::build(&ds).query(&ds, &NewsQuery::default(), 10);
        assert_eq!(
            (page.items.len(), page.total, page.pages, page.page),
            (0, 0, 1, 1)
        );
    }

    #[test]
    fn five_thousand_articles_answer_quickly() {
        let words = [
            "heart", "health", "clinic", "vaccine", "surgery", "nurse", "campus", "award",
        ];
        let articles = (0..5_000)
            .map(|i| {
                let w = |k: usize| words[(i * 7 + k * 3) % words.len()];
                article(
                    &format!("a{i}"),
                    &format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28),
                    ["news", "health"][i % 2],
                    &[w(1), w(2)],
                    Text::bilingual(format!("{} {} {i}", w(0), w(3)), "医院新闻心脏健康"),
                    &format!(
                        "{} paragraph {i} with **{}** words.\n\n- item {}\n",
                        w(4),
                        w(5),
                        w(6)
                    )
                    .repeat(20),
                )
            })
            .collect();
        let ds = Dataset {
            articles,
            ..Dataset::default()
        };
        let index = NewsIndex::build(&ds);
        for q in [
            "h",
            "he",
            "hea",
            "heart",
            "heart cli",
            "心",
            "心脏",
            "a",
            "zzz",
            "campus 2",
        ] {
            let page = index.query(
                &ds,
                &NewsQuery {
                    q: q.into(),
                    ..NewsQuery::default()
                },
                20,
            );
            assert!(page.items.len() <= 20);
        }
    }
}
