//! The dataset as the app holds it: loaded once (bundled or fetched), validated,
//! indexed, then shared read-only by every page.

mod fetch;

pub use fetch::{fetch_text, FetchError};

use hospital_core::news::NewsIndex;
use hospital_core::search::DoctorIndex;
use hospital_core::validate::{self, Problem};
use hospital_core::Dataset;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// The sample hospital compiled into the build, used when no `data-src` is configured.
const BUNDLED: &str = include_str!("../../data/sample.json");

pub struct AppData {
    pub dataset: Dataset,
    /// Built on first use: the news pages never pay for the doctor index, nor the finder
    /// for the news index, so the first page paints sooner on a large dataset.
    doctors: OnceLock<DoctorIndex>,
    news: OnceLock<NewsIndex>,
    /// Relative URLs in the dataset (images, article bodies) resolve against this.
    pub base_url: String,
    doctor_by_id: HashMap<String, usize>,
    department_by_id: HashMap<String, usize>,
    article_by_slug: HashMap<String, usize>,
}

impl AppData {
    pub fn new(loaded: validate::Loaded, base_url: String) -> AppData {
        // The web team sees what to tidy in the console; patients are not bothered with it.
        for w in &loaded.warnings {
            leptos::logging::warn!("hospital-site dataset: {w}");
        }
        let dataset = loaded.dataset;
        let doctor_by_id = dataset
            .doctors
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let department_by_id = dataset
            .departments
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let article_by_slug = dataset
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), i))
            .collect();
        AppData {
            dataset,
            doctors: OnceLock::new(),
            news: OnceLock::new(),
            base_url,
            doctor_by_id,
            department_by_id,
            article_by_slug,
        }
    }

    pub fn doctors(&self) -> &DoctorIndex {
        self.doctors
            .get_or_init(|| DoctorIndex::build(&self.dataset))
    }

    pub fn news(&self) -> &NewsIndex {
        self.news.get_or_init(|| NewsIndex::build(&self.dataset))
    }

    pub fn doctor(&self, id: &str) -> Option<&hospital_core::Doctor> {
        self.doctor_by_id.get(id).map(|&i| &self.dataset.doctors[i])
    }
    pub fn department(&self, id: &str) -> Option<&hospital_core::Department> {
        self.department_by_id
            .get(id)
            .map(|&i| &self.dataset.departments[i])
    }
    pub fn article_index(&self, slug: &str) -> Option<usize> {
        self.article_by_slug.get(slug).copied()
    }

    /// A dataset URL made absolute; `None` when it is not safe to load.
    pub fn resolve(&self, url: &str) -> Option<String> {
        if !hospital_core::urls::is_safe_image_src(url) {
            return None;
        }
        web_sys::Url::new_with_base(url, &self.base_url)
            .ok()
            .map(|u| u.href())
    }
}

#[derive(Clone)]
pub enum LoadState {
    Loading { received: u64, total: Option<u64> },
    Failed(LoadError),
    Ready(Arc<AppData>),
}

#[derive(Clone, Debug)]
pub enum LoadError {
    Fetch(FetchError),
    Invalid(Vec<Problem>),
}

fn document_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default()
}

/// Loads the dataset into `state`: from `src` when the deployment configured one, else the bundled sample.
/// `asset_base` is where the bundled sample's images live.
pub fn load(state: RwSignal<LoadState>, src: Option<String>, asset_base: String) {
    state.set(LoadState::Loading {
        received: 0,
        total: None,
    });
    match src {
        None => {
            let base = web_sys::Url::new_with_base(&asset_base, &document_base())
                .map(|u| u.href())
                .unwrap_or(asset_base);
            state.set(match validate::load(BUNDLED) {
                Ok(loaded) => LoadState::Ready(Arc::new(AppData::new(loaded, base))),
                Err(problems) => LoadState::Failed(LoadError::Invalid(problems)),
            });
        }
        Some(src) => {
            let absolute = web_sys::Url::new_with_base(&src, &document_base())
                .map(|u| u.href())
                .unwrap_or(src);
            leptos::task::spawn_local(async move {
                let progress =
                    move |received, total| state.set(LoadState::Loading { received, total });
                let result = fetch_text(&absolute, Some(&progress), None).await;
                state.set(match result {
                    Err(e) => LoadState::Failed(LoadError::Fetch(e)),
                    Ok(text) => match validate::load(&text) {
                        Ok(loaded) => LoadState::Ready(Arc::new(AppData::new(loaded, absolute))),
                        Err(problems) => LoadState::Failed(LoadError::Invalid(problems)),
                    },
                });
            });
        }
    }
}

pub fn use_data() -> Arc<AppData> {
    expect_context::<Arc<AppData>>()
}
