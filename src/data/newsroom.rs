//! The articles, which only the news pages and a profile's "In the news" show. With
//! compiled records they are a file of their own (`hospital.articles.bin`), fetched
//! the first time a page needs them: a visitor of the doctor finder never downloads
//! them, nor keeps them in wasm memory (9 of the 20 MB of records at 10,000 doctors
//! and 5,000 articles). From JSON they come with the rest.

use super::download::fetch_articles;
use super::{slices, AppData, LoadError};
use hospital_core::compiled::{CompiledError, Fingerprint};
use hospital_core::news::NewsIndex;
use hospital_core::validate;
use hospital_core::{Article, Dataset};
use leptos::prelude::Set;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock};

/// The articles, with what is looked up in them.
pub struct Newsroom {
    /// The categories and the articles, the rest empty: what the news index reads.
    pub dataset: Dataset,
    by_slug: HashMap<String, usize>,
    /// Built by the first page that lists or searches the news.
    index: OnceLock<NewsIndex>,
}

impl Newsroom {
    pub(super) fn new(records: &Dataset, articles: Vec<Article>) -> Newsroom {
        let by_slug = (articles.iter().enumerate())
            .map(|(i, a)| (a.slug.clone(), i))
            .collect();
        Newsroom {
            dataset: Dataset {
                categories: records.categories.clone(),
                articles,
                ..Dataset::default()
            },
            by_slug,
            index: OnceLock::new(),
        }
    }

    pub fn articles(&self) -> &[Article] {
        &self.dataset.articles
    }

    pub fn index(&self) -> &NewsIndex {
        self.index.get_or_init(|| NewsIndex::build(&self.dataset))
    }

    pub(super) fn index_built(&self) -> bool {
        self.index.get().is_some()
    }

    pub fn article_index(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }
}

/// Where the articles are, with the JSON file the records were compiled from: the
/// articles' file must name the same one.
#[derive(Clone, Debug)]
pub struct ArticlesFile {
    pub url: String,
    pub source: Fingerprint,
}

/// How far the articles are. Reactive (in [`AppData`]), so that a page waiting for
/// them renders once they are there.
#[derive(Clone, Debug)]
pub enum ArticlesState {
    /// In their own file, not asked for yet.
    Apart,
    Loading,
    Ready,
    Failed(LoadError),
}

/// Fetches, reads and checks the articles' file of `data`, once; a page that needs them
/// and finds them failed asks again with [`AppData::retry_articles`].
pub(super) async fn load_articles(data: Arc<AppData>) {
    let Some(file) = data.articles_file.clone() else {
        return;
    };
    if data.articles_asked.swap(true, Ordering::AcqRel) {
        return;
    }
    data.articles_state.set(ArticlesState::Loading);
    match read_articles(&data, &file).await {
        Ok(newsroom) => {
            let _ = data.newsroom.set(newsroom);
            // The page's render, which this starts, in a task of its own.
            slices::next_task().await;
            data.articles_state.set(ArticlesState::Ready);
        }
        Err(e) => {
            data.articles_asked.store(false, Ordering::Release);
            data.articles_state.set(ArticlesState::Failed(e));
        }
    }
}

async fn read_articles(data: &AppData, file: &ArticlesFile) -> Result<Newsroom, LoadError> {
    let read = fetch_articles(&file.url).await?;
    if read.source != file.source {
        return Err(LoadError::Records {
            url: file.url.clone(),
            error: CompiledError::OtherDataset,
        });
    }
    slices::next_task().await;
    // The same checks across records as the whole dataset's JSON would get.
    let checked = validate::check_articles(&data.dataset, read.dataset.articles)
        .map_err(LoadError::Invalid)?;
    for w in &checked.warnings {
        leptos::logging::warn!("hospital-site dataset: {w}");
    }
    slices::next_task().await;
    Ok(Newsroom::new(&data.dataset, checked.dataset.articles))
}
