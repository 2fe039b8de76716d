//! The dataset as the app holds it: fetched once (the site's own `hospital.bin`, or a
//! deployment's `data-src`, compiled or JSON), read or validated in slices, indexed,
//! then shared read-only by every page. The compiled records' articles follow when a
//! page first shows them (`newsroom`).

mod details;
mod download;
mod early_index;
mod fetch;
mod newsroom;
mod slices;

pub use details::DoctorDetails;
pub use fetch::{fetch_bytes, fetch_text, FetchError};
pub use newsroom::{ArticlesState, Newsroom};
pub use slices::{next_task, slice_deadline};

use download::{fetch_and_read, fetch_index, IndexError};
use early_index::EarlyIndex;
use newsroom::{load_articles, ArticlesFile};
use std::sync::atomic::AtomicBool;

use crate::markdown_module::MarkdownModule;
use details::DetailsApart;
use hospital_core::compiled::dataset::{DetailsFiles, Headline};
use hospital_core::compiled::{CompiledError, Fingerprint, FingerprintBuilder};
use hospital_core::department::{self, CampusDepartments, Overview};
use hospital_core::news::{NewsIndex, NewsPage};
use hospital_core::places::PlacesById;
use hospital_core::route::{DoctorQuery, FacetKind, NewsQuery, Route, Slot};
use hospital_core::search::{DoctorIndex, DoctorIndexBuilder, SearchResult};
use hospital_core::validate::{self, Problem, Staged};
use hospital_core::{Article, Dataset, Lang, Text};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock};

/// Up to this many doctors the index is built in one go when a page needs it: about
/// 40 ms in the browser for 1,000 (bench/results.md), under the 50 ms of a long task.
const BUILD_AT_ONCE_MAX: usize = 1_000;

/// A small hospital's doctor index costs a few milliseconds: built when a page first
/// needs it, with no background build, no progress bar and no compiled file fetched.
fn builds_index_at_once(doctors: usize) -> bool {
    doctors <= BUILD_AT_ONCE_MAX
}

pub struct AppData {
    /// Everything but the articles, which are in [`AppData::newsroom`].
    pub dataset: Dataset,
    /// Up to [`BUILD_AT_ONCE_MAX`] doctors, built on first use, like the news index;
    /// above, built in slices after the first page has painted (or at once by a page
    /// that needs it first). So the first page never waits for either.
    doctors: OnceLock<DoctorIndex>,
    /// How much of the doctor index the background build has done, in percent.
    doctors_built: ArcRwSignal<u8>,
    /// The compiled index's browse part (facets and orders), while its words are on
    /// their way: it answers the finder's queries without text ([`AppData::answers`]).
    browse: OnceLock<DoctorIndex>,
    browse_ready: ArcRwSignal<bool>,
    /// The articles: there from the start when the dataset was JSON, else once a page
    /// has asked for their file ([`AppData::want_articles`]).
    newsroom: OnceLock<Newsroom>,
    articles_state: ArcRwSignal<ArticlesState>,
    /// The compiled articles' file, when they are apart from the records.
    articles_file: Option<ArticlesFile>,
    /// Whether their load has started (and not failed): asked once however many
    /// renders ask.
    articles_asked: AtomicBool,
    /// The compiled records' headlines of the articles naming doctors: what a
    /// profile's "In the news" lists while the articles are apart.
    headlines: Vec<Headline>,
    /// A large hospital's compiled records: where the biographies, education and
    /// timetable rooms are.
    details: Option<DetailsApart>,
    /// Relative URLs in the dataset (images, article bodies) resolve against this.
    pub base_url: String,
    doctor_by_id: PlacesById,
    department_by_id: HashMap<String, usize>,
}

impl AppData {
    /// A whole dataset, its articles included.
    pub fn new(loaded: validate::Loaded, base_url: String) -> AppData {
        let mut maps = IdMaps::default();
        maps.fill(&loaded.dataset, &mut || false);
        AppData::with_maps(loaded, base_url, maps, None, Vec::new(), None)
    }

    /// With the id maps built already (a slice at a time, by `IdMaps::fill`), and the
    /// articles in `loaded` or, when given, in their own file (with the records'
    /// `headlines` of those naming doctors).
    fn with_maps(
        mut loaded: validate::Loaded,
        base_url: String,
        maps: IdMaps,
        articles_file: Option<ArticlesFile>,
        headlines: Vec<Headline>,
        details: Option<DetailsApart>,
    ) -> AppData {
        // The web team sees what to tidy in the console; patients are not bothered with it.
        for w in &loaded.warnings {
            leptos::logging::warn!("hospital-site dataset: {w}");
        }
        let newsroom = OnceLock::new();
        let state = match articles_file {
            Some(_) => ArticlesState::Apart,
            None => {
                let articles = std::mem::take(&mut loaded.dataset.articles);
                let _ = newsroom.set(Newsroom::new(&loaded.dataset, articles));
                ArticlesState::Ready
            }
        };
        AppData {
            dataset: loaded.dataset,
            doctors: OnceLock::new(),
            doctors_built: ArcRwSignal::new(0),
            browse: OnceLock::new(),
            browse_ready: ArcRwSignal::new(false),
            newsroom,
            articles_state: ArcRwSignal::new(state),
            articles_file,
            articles_asked: AtomicBool::new(false),
            headlines,
            details,
            base_url,
            doctor_by_id: maps.doctors,
            department_by_id: maps.departments,
        }
    }

    /// The slug and title of each article naming `doctor`, in the articles' order: from
    /// the articles when they are there, else from the headlines the compiled records
    /// carry, so that a profile never fetches every article for a few titles.
    pub fn news_naming(&self, doctor: &str) -> Vec<(&str, &Text)> {
        let names = |doctors: &[String]| doctors.iter().any(|d| d == doctor);
        match self.newsroom.get() {
            Some(newsroom) => (newsroom.articles().iter())
                .filter(|a| names(&a.doctors))
                .map(|a| (a.slug.as_str(), &a.title))
                .collect(),
            None => (self.headlines.iter())
                .filter(|h| names(&h.doctors))
                .map(|h| (h.slug.as_str(), &h.title))
                .collect(),
        }
    }

    /// The articles; none until they are there ([`AppData::articles_state`]).
    pub fn articles(&self) -> &[Article] {
        self.newsroom.get().map_or(&[], Newsroom::articles)
    }

    /// How far the articles are. Reactive.
    pub fn articles_state(&self) -> ArticlesState {
        self.articles_state.get()
    }

    pub fn articles_state_untracked(&self) -> ArticlesState {
        self.articles_state.get_untracked()
    }

    /// Whether the articles are there. Reactive.
    pub fn articles_ready(&self) -> bool {
        self.articles_state
            .with(|s| matches!(s, ArticlesState::Ready))
    }

    fn articles_ready_untracked(&self) -> bool {
        self.newsroom.get().is_some()
    }

    /// After their load failed: tries again, showing that it does at once.
    pub fn retry_articles(self: &Arc<Self>) {
        if matches!(
            self.articles_state.get_untracked(),
            ArticlesState::Failed(_)
        ) {
            self.articles_state.set(ArticlesState::Loading);
            self.want_articles();
        }
    }

    /// Starts loading the articles' file if they are apart and not asked for yet; a
    /// page that shows articles calls this and renders again once they are there.
    pub fn want_articles(self: &Arc<Self>) {
        if self.newsroom.get().is_none() && !self.articles_asked.load(Ordering::Acquire) {
            leptos::task::spawn_local(load_articles(self.clone()));
        }
    }

    /// The doctor index; built here in one go if the background build has not
    /// finished (pages that can wait check [`AppData::doctor_index_percent`] first).
    pub fn doctors(&self) -> &DoctorIndex {
        self.doctors
            .get_or_init(|| DoctorIndex::build(&self.dataset))
    }

    /// How much of the doctor index is built, in percent; 100 when it is ready. Reactive.
    ///
    /// A small hospital's index is built here and now instead (a few milliseconds):
    /// the finder then never flashes a progress bar before its first results.
    pub fn doctor_index_percent(&self) -> u8 {
        if self.doctor_index_built() {
            return 100;
        }
        if self.builds_index_at_once() {
            self.doctors();
            return 100;
        }
        self.doctors_built.get()
    }

    /// Whether the doctor index is there (asking `doctors` would build it).
    pub fn doctor_index_built(&self) -> bool {
        self.doctors.get().is_some()
    }

    /// Whether the news index is there (asking `news` would build it).
    pub fn news_index_built(&self) -> bool {
        self.newsroom.get().is_some_and(Newsroom::index_built)
    }

    /// At build time (`prerender`) always: a page written then shows what the finder
    /// shows for its address, its first page of doctors and filters, at any size.
    fn builds_index_at_once(&self) -> bool {
        cfg!(not(target_arch = "wasm32")) || builds_index_at_once(self.dataset.doctors.len())
    }

    /// Shows how far the doctor index has come: `done` of `total`, in percent, 99 at
    /// most (100 is "ready").
    fn index_progress(&self, done: u64, total: u64) {
        let percent = (done.saturating_mul(100) / total.max(1)).min(99) as u8;
        if self.doctors_built.get_untracked() != percent {
            self.doctors_built.set(percent);
        }
    }

    /// The news index; an empty one while the articles are not there.
    pub fn news(&self) -> &NewsIndex {
        static NONE: OnceLock<NewsIndex> = OnceLock::new();
        match self.newsroom.get() {
            Some(newsroom) => newsroom.index(),
            None => NONE.get_or_init(|| NewsIndex::build(&Dataset::default())),
        }
    }

    /// What the news index was built from: the categories and the articles.
    pub fn news_dataset(&self) -> &Dataset {
        static NONE: OnceLock<Dataset> = OnceLock::new();
        match self.newsroom.get() {
            Some(newsroom) => &newsroom.dataset,
            None => NONE.get_or_init(Dataset::default),
        }
    }

    /// The compiled index's browse part, while the whole index is not there: for a
    /// finder that shows its first page, filters and orders before the words arrive.
    fn set_browse(&self, part: DoctorIndex) {
        if self.doctors.get().is_none() && self.browse.set(part).is_ok() {
            self.browse_ready.set(true);
        }
    }

    /// Whether the compiled index's browse part is there (or the whole index). Reactive.
    pub fn browse_ready(&self) -> bool {
        self.browse_ready.get() || self.doctor_index_percent() == 100
    }

    /// Whether [`AppData::search`] answers `q` as the whole index does: once the doctor
    /// index is there, and before it, a query without text once the browse part is.
    /// Reactive.
    pub fn answers(&self, q: &DoctorQuery) -> bool {
        self.doctor_index_percent() == 100
            || (self.browse_ready.get() && self.browse.get().is_some_and(|b| b.answers(q)))
    }

    /// The browse part, while it is all there is of the doctor index.
    fn browse_only(&self) -> Option<&DoctorIndex> {
        self.doctors
            .get()
            .is_none()
            .then(|| self.browse.get())
            .flatten()
    }

    /// The doctors matching `q`, in its order, with live facet counts; while only the
    /// browse part is there, as if `q` had no text ([`AppData::answers`]).
    pub fn search(&self, q: &DoctorQuery, now: Slot) -> SearchResult {
        match self.browse_only() {
            Some(part) => part.search(&self.dataset, q, now),
            None => self.doctors().search(&self.dataset, q, now),
        }
    }

    /// Why doctor `doctor` matches the query text `q`, word by word (nothing while only
    /// the browse part is there).
    pub fn explain(&self, q: &str, doctor: usize) -> Vec<hospital_core::search::Reason> {
        match self.browse_only() {
            Some(_) => Vec::new(),
            None => self.doctors().explain(&self.dataset, q, doctor),
        }
    }

    /// Every option of one facet, as URL keys in display order.
    pub fn facet_options(&self, kind: FacetKind) -> Vec<String> {
        match self.browse_only() {
            Some(part) => part.facet_options(kind),
            None => self.doctors().facet_options(kind),
        }
    }

    /// Whether `q` is the first news search with words while `module` is not there: the
    /// search reads every inline body's text, which the module gives.
    pub fn news_waits_for(&self, q: &NewsQuery, module: &MarkdownModule) -> bool {
        !module.is_ready() && self.news().needs_body_text(self.news_dataset(), q)
    }

    /// One page of the newsroom for `q`. A body's text is what `module` reads in it; the
    /// Markdown as it is written if the module failed (its words are all there, with
    /// its link addresses).
    pub fn news_page(&self, q: &NewsQuery, page_size: usize, module: &MarkdownModule) -> NewsPage {
        let body_text = |md: &str| module.plain_text_now(md).unwrap_or_else(|| md.to_string());
        (self.news()).query_with(self.news_dataset(), q, page_size, &body_text)
    }

    /// A department's doctors and its week at a glance.
    pub fn department_overview<'a>(&'a self, id: &'a str, lang: Lang) -> Overview<'a> {
        department::overview(&self.dataset, id, lang)
    }

    /// Departments campus by campus, each with its doctors working there.
    pub fn departments_by_campus(&self) -> Vec<CampusDepartments<'_>> {
        department::by_campus(&self.dataset)
    }

    /// The place of the doctor with this id in the dataset's list.
    pub fn doctor_place(&self, id: &str) -> Option<usize> {
        let doctors = &self.dataset.doctors;
        self.doctor_by_id.get(id, |i| &doctors[i].id)
    }

    pub fn doctor(&self, id: &str) -> Option<&hospital_core::Doctor> {
        self.doctor_place(id).map(|i| &self.dataset.doctors[i])
    }
    pub fn department(&self, id: &str) -> Option<&hospital_core::Department> {
        self.department_by_id
            .get(id)
            .map(|&i| &self.dataset.departments[i])
    }
    pub fn article_index(&self, slug: &str) -> Option<usize> {
        self.newsroom.get()?.article_index(slug)
    }

    /// A dataset URL made absolute; `None` when it is not safe to load.
    #[cfg(target_arch = "wasm32")]
    pub fn resolve(&self, url: &str) -> Option<String> {
        if !hospital_core::urls::is_safe_image_src(url) {
            return None;
        }
        let resolved = web_sys::Url::new_with_base(url, &self.base_url).ok()?;
        // On the page's own origin, a path: what the page rendered at build time has.
        let here = web_sys::window().and_then(|w| w.location().origin().ok());
        Some(if here.as_deref() == Some(resolved.origin().as_str()) {
            format!(
                "{}{}{}",
                resolved.pathname(),
                resolved.search(),
                resolved.hash()
            )
        } else {
            resolved.href()
        })
    }

    /// At build time `base_url` is the site's base path (`/` or `/hospital-site/`): a
    /// relative dataset URL becomes a path under it, which works on any host the site is
    /// copied to. The same checks as in the browser decide what is safe.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn resolve(&self, url: &str) -> Option<String> {
        if !hospital_core::urls::is_safe_image_src(url) {
            return None;
        }
        let url = url.trim();
        if url.starts_with('/') || url.contains("://") {
            return Some(url.to_string());
        }
        Some(format!("{}{}", self.base_url, url.trim_start_matches("./")))
    }
}

/// Each doctor's and department's place by its id, built a slice at a time: at 100,000
/// doctors and 20,000 articles the maps took about 40 ms of one task
/// (`bench/profile-takeover.mjs --size`). The articles' are in [`Newsroom`].
#[derive(Default)]
struct IdMaps {
    doctors: PlacesById,
    departments: HashMap<String, usize>,
    /// The next doctor to put in.
    next: usize,
}

/// Records put in the maps between two looks at the clock.
const IDS_PER_LOOK: usize = 512;

impl IdMaps {
    /// Fills the maps on from where they are until `out_of_time`; true when all are in.
    fn fill(&mut self, ds: &Dataset, out_of_time: &mut dyn FnMut() -> bool) -> bool {
        let all = ds.doctors.len();
        if self.next == 0 {
            let ids = ds.departments.iter().enumerate();
            self.departments = ids.map(|(i, x)| (x.id.clone(), i)).collect();
            self.doctors = PlacesById::with_capacity(all);
        }
        loop {
            let end = (self.next + IDS_PER_LOOK).min(all);
            for i in self.next..end {
                self.doctors.insert(i, |p| &ds.doctors[p].id);
            }
            self.next = end;
            if end == all {
                return true;
            }
            if out_of_time() {
                return false;
            }
        }
    }
}

#[derive(Clone)]
pub enum LoadState {
    Loading {
        received: u64,
        total: Option<u64>,
    },
    /// Checking what was loaded (shown only for datasets that take a while), in percent.
    /// The shell renders by [`LoadState::phase`], so the view is not rebuilt per percent.
    Preparing(u8),
    Failed(LoadError),
    Ready(Arc<AppData>),
}

/// Which screen a [`LoadState`] needs; progress within a phase does not change it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadPhase {
    Loading,
    Preparing,
    Failed,
    Ready,
}

impl LoadState {
    pub fn phase(&self) -> LoadPhase {
        match self {
            LoadState::Loading { .. } => LoadPhase::Loading,
            LoadState::Preparing(_) => LoadPhase::Preparing,
            LoadState::Failed(_) => LoadPhase::Failed,
            LoadState::Ready(_) => LoadPhase::Ready,
        }
    }

    /// How far checking the dataset has come, in percent (0 before it starts).
    pub fn preparing_percent(&self) -> u8 {
        match self {
            LoadState::Preparing(p) => *p,
            LoadState::Ready(_) => 100,
            _ => 0,
        }
    }
}

#[derive(Clone, Debug)]
pub enum LoadError {
    Fetch(FetchError),
    Invalid(Vec<Problem>),
    /// The compiled doctor index at `url` is damaged or impossible.
    Index {
        url: String,
        error: CompiledError,
    },
    /// The compiled dataset at `url` is damaged, or of another version of hospital-data.
    Records {
        url: String,
        error: CompiledError,
    },
}

fn document_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default()
}

/// Where a file of the site build (`hospital.json`, `doctors.idx`, written by
/// `hospital-data site`) is when the deployment names none: in the folder `assets` names
/// (the app's public URL, or the folder widget.js was loaded from).
pub fn published_url(assets: &str, name: &str) -> String {
    let folder = if assets.is_empty() || assets.ends_with('/') {
        assets.to_string()
    } else {
        format!("{assets}/")
    };
    format!("{folder}{name}")
}

/// What to load: the dataset, and the doctor index compiled from it, if there is one.
#[derive(Clone, Debug)]
pub struct Source {
    /// Compiled records (`hospital-data compile`, `site`) or JSON: told apart by their
    /// first bytes.
    pub dataset: String,
    /// The JSON to load when `dataset`, the site build's compiled records, is not there
    /// (a `trunk serve` without a site build) or is of another version.
    pub json_fallback: Option<String>,
    pub doctor_index: Option<String>,
    /// The compiled articles' file, when not the one the records name beside them (a
    /// test's records given as a `data:` URL, against which no name resolves).
    pub articles: Option<String>,
    /// Likewise the details' files, in order, when not those the records name.
    pub details: Vec<String>,
}

fn absolute(url: &str) -> String {
    web_sys::Url::new_with_base(url, &document_base())
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_string())
}

/// Loads the dataset of `source` into `state`: fetched with progress, then read (compiled
/// records) or checked (JSON) in slices. Relative URLs in the dataset (images, article
/// bodies) resolve against its URL.
///
/// The indexes that the page being opened needs are built each in a task of its own
/// before it renders (`first_page`), so that no one task of the take-over holds
/// validation, an index and the page's render together.
pub fn load(state: RwSignal<LoadState>, source: Source, first_page: &Route) {
    let needs = Needs::of(first_page);
    state.set(LoadState::Loading {
        received: 0,
        total: None,
    });
    let dataset_url = absolute(&source.dataset);
    let fallback_url = source.json_fallback.as_deref().map(absolute);
    let index_url = source.doctor_index.as_deref().map(absolute);
    let articles_url = source.articles.as_deref().map(absolute);
    let details_urls: Vec<String> = source.details.iter().map(|u| absolute(u)).collect();
    leptos::task::spawn_local(async move {
        let mut url = dataset_url;
        // Only a page that searches doctors waits for the index; others fetch it after
        // their records, so that it never takes the network from what they show.
        let early = (index_url.clone())
            .filter(|_| needs.doctors)
            .map(EarlyIndex::new);
        let mut loaded = fetch_and_read(&url, fallback_url.is_some(), early.as_ref(), state).await;
        if let Some(json) = fallback_url {
            if loaded
                .as_ref()
                .is_err_and(LoadError::lacks_compiled_records)
            {
                url = json;
                loaded = fetch_and_read(&url, false, None, state).await;
            }
        }
        state.set(match loaded {
            Err(e) => LoadState::Failed(e),
            Ok(Fetched {
                loaded,
                compiled_from,
                bytes,
                articles_file,
                headlines,
                details,
            }) => {
                // The compiled index names the dataset file it was made from; a small
                // hospital's index is built here and its file never fetched.
                let doctors = loaded.dataset.doctors.len();
                // The index whose download these records' head started, if it did.
                let started = match (early, compiled_from) {
                    (Some(early), Some(source)) => {
                        early.started_for(source).map(|url| (url, early))
                    }
                    _ => None,
                };
                let index = match (started, index_url) {
                    (Some((url, early)), _) if !builds_index_at_once(doctors) => {
                        Some(IndexSource::Started(early, url))
                    }
                    (_, Some(index)) if !builds_index_at_once(doctors) => {
                        let source = match compiled_from {
                            Some(source) => source,
                            None => fingerprint_in_slices(&bytes).await,
                        };
                        Some(IndexSource::Fetch(index, source))
                    }
                    _ => None,
                };
                drop(bytes);
                let mut maps = IdMaps::default();
                loop {
                    slices::next_task().await;
                    if maps.fill(&loaded.dataset, &mut slices::slice_deadline()) {
                        break;
                    }
                }
                // Compiled records name their articles' file, beside them.
                let articles = match (articles_file, compiled_from) {
                    (Some(name), Some(source)) => Some(ArticlesFile {
                        url: articles_url.unwrap_or_else(|| beside(&url, &name)),
                        source,
                    }),
                    _ => None,
                };
                let details = match (details, compiled_from) {
                    (Some(files), Some(source)) => {
                        Some(DetailsApart::new(files, url.clone(), details_urls, source))
                    }
                    _ => None,
                };
                let data = Arc::new(AppData::with_maps(
                    loaded, url, maps, articles, headlines, details,
                ));
                needs.build(&data).await;
                ready(data, index, state)
            }
        });
    });
}

/// A dataset that was fetched and read.
struct Fetched {
    loaded: validate::Loaded,
    /// Compiled records: the JSON file they were compiled from.
    compiled_from: Option<Fingerprint>,
    /// JSON: its bytes, whose fingerprint names the compiled doctor index of it.
    bytes: Vec<u8>,
    /// Compiled records: the name of their articles' file, and the headlines of
    /// those naming doctors.
    articles_file: Option<String>,
    headlines: Vec<Headline>,
    /// Compiled records of a large hospital: where the biographies, education and
    /// timetable rooms are.
    details: Option<DetailsFiles>,
}

/// The file named `name` in the folder of `url`.
fn beside(url: &str, name: &str) -> String {
    web_sys::Url::new_with_base(name, url)
        .map(|u| u.href())
        .unwrap_or_else(|_| name.to_string())
}

impl LoadError {
    /// The site build's compiled records are not there (a `trunk serve` without a site
    /// build: not found, or its index.html in their place) or were written by another
    /// version of hospital-data: the JSON beside them is loaded instead.
    fn lacks_compiled_records(&self) -> bool {
        match self {
            LoadError::Fetch(FetchError::Status { status, .. }) => *status == 404,
            LoadError::Records { error, .. } => {
                *error == CompiledError::NotCompiled || error.is_stale()
            }
            _ => false,
        }
    }
}

fn show_preparing(state: RwSignal<LoadState>, percent: u8) {
    if state.with_untracked(|s| !matches!(s, LoadState::Preparing(p) if *p == percent)) {
        state.set(LoadState::Preparing(percent));
    }
}

/// Builds the doctor index a slice at a time, after the first page has painted: on
/// a large dataset that takes seconds, and the news pages need none of it.
fn build_doctor_index_in_slices(data: Arc<AppData>) {
    if data.details.is_some() {
        leptos::logging::warn!(
            "hospital-site: the biographies are in files of their own: an index built here does not find their words; publish the doctors.idx compiled with the records"
        );
    }
    leptos::task::spawn_local(async move {
        slices::next_task().await;
        build_doctor_index(&data, slices::SLICE_MS).await;
    });
}

/// Builds the doctor index in slices of `slice_ms`, a browser's turn between them.
async fn build_doctor_index(data: &AppData, slice_ms: f64) {
    let ds = &data.dataset;
    let mut builder = DoctorIndexBuilder::new(ds);
    while data.doctors.get().is_none() {
        if builder.step(ds, &mut slices::slice_deadline_of(slice_ms)) {
            let _ = data.doctors.set(builder.finish(ds));
            break;
        }
        let (done, total) = builder.progress();
        data.index_progress(done as u64, total as u64);
        slices::next_task().await;
    }
    data.doctors_built.set(100);
}

/// The fingerprint of the dataset's bytes (200 MB at 100,000 doctors), a megabyte at a
/// time between the browser's turns.
async fn fingerprint_in_slices(bytes: &[u8]) -> Fingerprint {
    let mut fingerprint = FingerprintBuilder::default();
    let mut turns = slices::Turns::new();
    for part in bytes.chunks(1 << 20) {
        fingerprint.update(part);
        turns.after_step().await;
    }
    fingerprint.finish()
}

/// Fetches the doctor index that the site build compiled from this dataset, after the
/// first paint, and reads it as it arrives instead of building one. Without one (not
/// found, unreachable, or made from another version of the dataset) the index is built
/// here in slices, as it would be without a site build; a damaged one is a load failure,
/// with Retry.
fn load_compiled_index(data: Arc<AppData>, index: IndexSource, state: RwSignal<LoadState>) {
    leptos::task::spawn_local(async move {
        let (url, answer) = match index {
            IndexSource::Started(early, url) => (url, early.answer().await),
            IndexSource::Fetch(url, dataset) => {
                slices::next_task().await;
                let progress = |received: u64, total: Option<u64>| {
                    if let Some(total) = total {
                        data.index_progress(received, total);
                    }
                };
                let browse = |part: DoctorIndex| data.set_browse(part);
                let doctors = data.dataset.doctors.len();
                let answer = fetch_index(&url, dataset, doctors, &progress, &browse).await;
                (url, answer)
            }
        };
        match answer {
            Ok(index) => {
                let _ = data.doctors.set(index);
                // The finder's render, which this starts, in a task of its own.
                slices::next_task().await;
                data.doctors_built.set(100);
            }
            Err(IndexError::Fetch(e)) => {
                leptos::logging::warn!(
                    "hospital-site: no compiled doctor index ({e:?}); building it here"
                );
                build_doctor_index_in_slices(data);
            }
            Err(IndexError::Compiled(e)) if e.is_stale() => {
                leptos::logging::warn!("hospital-site: {url}: {e}; building the doctor index here");
                build_doctor_index_in_slices(data);
            }
            Err(IndexError::Compiled(error)) => {
                state.set(LoadState::Failed(LoadError::Index { url, error }))
            }
        }
    });
}

/// Where a large hospital's doctor index comes from.
enum IndexSource {
    /// Its download, from this URL, started beside the records' ([`EarlyIndex`]).
    Started(EarlyIndex, String),
    /// Fetched now from this URL, for the dataset file with this fingerprint.
    Fetch(String, Fingerprint),
}

/// A dataset that loaded, ready for the pages; a large one's doctor index follows:
/// the compiled one, when the site has one, else built in slices.
fn ready(data: Arc<AppData>, index: Option<IndexSource>, state: RwSignal<LoadState>) -> LoadState {
    // Before the first render: the browse part read meanwhile lets the finder show its
    // first page at once, rather than "Preparing" for a task.
    if let Some(IndexSource::Started(early, _)) = &index {
        early.show_progress_in(data.clone());
    }
    if !data.builds_index_at_once() {
        match index {
            Some(index) => load_compiled_index(data.clone(), index, state),
            None => build_doctor_index_in_slices(data.clone()),
        }
    }
    LoadState::Ready(data)
}

/// The indexes a page's first render asks for. Built on demand they would run inside
/// the render's task: at Lighthouse's 4× slower CPU the home page's news index is 67 ms
/// and the finder's doctor index 73 ms of such a task (`bench/profile-takeover.mjs`).
/// A page that shows articles also needs them there before its first render, so that
/// a page written at build time is taken over by the same content.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Needs {
    pub articles: bool,
    pub news: bool,
    pub doctors: bool,
    /// A profile: its doctor's biography and education, when they are in a file of
    /// their own, so that a profile written at build time is taken over by the same.
    pub details_of: Option<String>,
}

impl Needs {
    pub fn of(route: &Route) -> Needs {
        match route {
            Route::Home(_) | Route::News(_) | Route::Article(_) => Needs {
                articles: true,
                news: true,
                ..Needs::default()
            },
            Route::Doctors(_) => Needs {
                doctors: true,
                ..Needs::default()
            },
            Route::Doctor(id) => Needs {
                details_of: Some(id.clone()),
                ..Needs::default()
            },
            _ => Needs::default(),
        }
    }

    /// Loads the articles or a profile's details if needed, and builds each index
    /// needed, in tasks of their own. A large hospital's doctor index is not built here:
    /// it comes after the first paint, in slices (`ready`). Articles or details that
    /// fail to load are the page's to report.
    async fn build(self, data: &Arc<AppData>) {
        if self.articles {
            load_articles(data.clone()).await;
        }
        if let Some(doctor) = (self.details_of.as_deref()).and_then(|id| data.doctor_place(id)) {
            if data.starts_details(doctor, false) {
                details::load_details(data.clone(), doctor).await;
            }
        }
        if self.news && data.articles_ready_untracked() {
            slices::next_task().await;
            data.news();
        }
        if self.doctors && data.builds_index_at_once() {
            // Short slices: at Lighthouse's 4× slower CPU each stays under 50 ms.
            slices::next_task().await;
            build_doctor_index(data, slices::SHORT_SLICE_MS).await;
        }
        // And the render in a task of its own, not after the last slice of checking.
        slices::next_task().await;
    }
}

/// Checks a fetched dataset a slice at a time, showing how far it has come.
async fn load_in_slices(
    bytes: &[u8],
    state: RwSignal<LoadState>,
) -> Result<validate::Loaded, Vec<Problem>> {
    let mut load = Staged::new(bytes);
    loop {
        if let Some(answer) = load.step(&mut slices::slice_deadline()) {
            return answer;
        }
        show_preparing(state, (load.progress() * 100.0) as u8);
        slices::next_task().await;
    }
}

pub fn use_data() -> Arc<AppData> {
    expect_context::<Arc<AppData>>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_maps_filled_a_part_at_a_time_are_the_same_as_in_one_go() {
        let json = include_str!("../../data/sample.json");
        let mut ds = validate::load(json).expect("the sample loads").dataset;
        // More records than one part holds.
        let copies: Vec<_> = (0..10)
            .flat_map(|k| {
                ds.doctors.iter().map(move |d| hospital_core::Doctor {
                    id: format!("{}-{k}", d.id),
                    ..d.clone()
                })
            })
            .collect();
        ds.doctors = copies;
        assert!(ds.doctors.len() > IDS_PER_LOOK);
        let mut whole = IdMaps::default();
        assert!(whole.fill(&ds, &mut || false));
        let mut parts = IdMaps::default();
        let mut steps = 1;
        while !parts.fill(&ds, &mut || true) {
            steps += 1;
        }
        assert!(steps > 1, "more than one part");
        assert_eq!(parts.departments, whole.departments);
        assert_eq!(whole.doctors.len(), ds.doctors.len());
        assert_eq!(parts.doctors.len(), ds.doctors.len());
        let id_of = |p: usize| ds.doctors[p].id.as_str();
        for (i, d) in ds.doctors.iter().enumerate() {
            assert_eq!(whole.doctors.get(&d.id, id_of), Some(i));
            assert_eq!(parts.doctors.get(&d.id, id_of), Some(i));
        }
        assert_eq!(whole.doctors.get("no-such-doctor", id_of), None);
    }
}
