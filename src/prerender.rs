//! Pages rendered at build time by the app's own components (`hospital-data site`
//! calls [`page`]): the static HTML of a URL is what the app shows there on its
//! first paint, so a reader without scripts, a crawler or a slow phone gets the
//! content itself, and the live app that replaces it changes nothing on screen.
//!
//! Native only: no browser is asked anything. The location, the language and the
//! hospital's clock are fixed, the dataset is already loaded, and effects (document
//! head, focus, storage) never run.

use crate::app::App;
use crate::config::{Chrome, Fixed, Mode, MountConfig, Scope};
use crate::data::AppData;
use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use hospital_core::route::Location;
use hospital_core::schedule::Now;
use hospital_core::validate::Loaded;
use hospital_core::Lang;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use std::sync::Arc;

/// A validated dataset, ready to render pages from. `base` is the site's base path
/// (`/` or `/hospital-site/`): relative dataset URLs (images) become paths under it.
pub fn site_data(loaded: Loaded, base: &str) -> Arc<AppData> {
    let base = if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    };
    Arc::new(AppData::new(loaded, base))
}

/// Effects (the document head, focus, storage, fetches) belong to the browser: at
/// build time they are dropped unrun, so a page renders exactly its first view.
struct NoEffects;

impl CustomExecutor for NoEffects {
    fn spawn(&self, _: PinnedFuture<()>) {}
    fn spawn_local(&self, _: PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// The app's markup for `location` in `lang`, as the app renders it inside `#app`.
pub fn page(data: &Arc<AppData>, location: Location, lang: Lang, base: &str, now: Now) -> String {
    // Set once per process. Through `Once`, so that a thread rendering at the same time
    // waits until it is set: any_spawner marks it taken before it is usable, and a test
    // thread that found it taken went on to spawn with no executor (a CI run failed so).
    static EXECUTOR: std::sync::Once = std::sync::Once::new();
    EXECUTOR.call_once(|| {
        let _ = Executor::init_custom_executor(NoEffects);
    });
    let config = MountConfig {
        mode: Mode::Standalone {
            base: base.trim_end_matches('/').to_string(),
        },
        scope: Scope::All,
        chrome: Chrome::Full,
        src: None,
        index_src: None,
        lang: Some(lang),
        assets: None,
        fixed: Some(Fixed {
            data: data.clone(),
            location,
            lang,
            now,
        }),
        on_ready: None,
    };
    let owner = Owner::new();
    let html = owner.with(|| view! { <App config/> }.to_html());
    owner.cleanup();
    html
}
