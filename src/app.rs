//! The shell around every page: skip link, header with navigation and language switch,
//! the main region, the footer and the live region. Pages are chosen by route here.

use crate::clock::BuildClock;
use crate::components::{
    ArticlesStatus, LoadProblem, ProgressStatus, Section, SiteFooter, SiteHeader,
};
use crate::config::{Chrome, Mode, MountConfig, Scope};
use crate::data::{self, LoadPhase, LoadState};
use crate::markdown_module::{MarkdownModule, MODULE_FILE};
use crate::nav::Nav;
use crate::pages;
use crate::pages::LastSearch;
use crate::take_over::TakeOverHolds;
use crate::ui::Ui;
use hospital_core::route::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which page component is on screen. Query changes (typing, filters) keep the same key,
/// so the page is updated in place and the search box keeps its focus.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PageKey {
    Home,
    Feed,
    Article(String),
    Doctors,
    Doctor(String),
    Departments,
    Department(String),
    NotFound(String),
}

impl PageKey {
    fn of(route: &Route) -> PageKey {
        match route {
            // A filtered or later page of the feed under `/` is the feed (old links).
            Route::Home(q) if !q.has_filters() && q.page <= 1 => PageKey::Home,
            Route::Home(_) | Route::News(_) => PageKey::Feed,
            Route::Article(s) => PageKey::Article(s.clone()),
            Route::Doctors(_) => PageKey::Doctors,
            Route::Doctor(id) => PageKey::Doctor(id.clone()),
            Route::Departments => PageKey::Departments,
            Route::Department(id) => PageKey::Department(id.clone()),
            Route::NotFound(p) => PageKey::NotFound(p.clone()),
        }
    }
}

#[component]
pub fn App(config: MountConfig) -> impl IntoView {
    let full = config.chrome == Chrome::Full;
    let (nav, ui) = match &config.fixed {
        Some(fixed) => {
            provide_context(BuildClock(fixed.now));
            (
                Nav::fixed(
                    config.mode.clone(),
                    config.scope.clone(),
                    fixed.location.clone(),
                ),
                Ui::fixed(fixed.lang),
            )
        }
        None => {
            let nav = Nav::new(config.mode.clone(), config.scope.clone());
            (nav, Ui::new(nav.url_lang(), config.lang, !full))
        }
    };
    provide_context(nav);
    provide_context(ui);
    provide_context(LastSearch(RwSignal::new(None)));
    let holds = TakeOverHolds::new();
    provide_context(holds);

    let state = RwSignal::new(match &config.fixed {
        Some(fixed) => LoadState::Ready(fixed.data.clone()),
        None => LoadState::Loading {
            received: 0,
            total: None,
        },
    });
    // Without `data-src`, the dataset that the site build published beside the app (its
    // compiled records, or the JSON where there are none, as under `trunk serve`), and
    // its compiled doctor index beside it.
    let published = |name: &str| {
        data::published_url(
            &match &config.mode {
                Mode::Standalone { base } => format!("{base}/"),
                Mode::Widget { .. } => config.assets.clone().unwrap_or_default(),
            },
            name,
        )
    };
    let source = match &config.src {
        Some(src) => data::Source {
            dataset: src.clone(),
            json_fallback: None,
            doctor_index: config.index_src.clone(),
            articles: None,
            details: Vec::new(),
        },
        None => data::Source {
            dataset: published(hospital_core::COMPILED_DATASET),
            json_fallback: Some(published(hospital_core::PUBLISHED_DATASET)),
            doctor_index: Some(published(hospital_core::search::DOCTOR_INDEX_FILE)),
            articles: None,
            details: Vec::new(),
        },
    };
    provide_context(MarkdownModule::new(published(MODULE_FILE)));
    let reload = move || data::load(state, source.clone(), &nav.route_untracked());
    if config.fixed.is_none() {
        reload();
    }
    let retry = Callback::new(move |_| reload());

    let standalone = !config.is_widget();
    if standalone {
        // The page's own <html lang> follows the choice; a widget only marks its own root.
        Effect::new(move || {
            let code = ui.lang.get().code();
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = html.set_attribute("lang", code);
            }
        });
        // So do the links and the address: `/zh/…` while the page is in Chinese.
        Effect::new(move || nav.follow_language(ui.lang.get()));
    }

    // Views follow the phase, not each byte or percent of progress.
    let phase = Memo::new(move |_| state.with(LoadState::phase));
    if let Some(hook) = config.on_ready.clone() {
        // Once: after the render effects of this change, before the frame is painted, and
        // when nothing the page showed is still on its way (see `take_over`).
        let (done, waiting) = (StoredValue::new_local(false), StoredValue::new_local(false));
        Effect::new(move || {
            let shown = matches!(phase.get(), LoadPhase::Ready | LoadPhase::Failed);
            if shown && !holds.held() && !done.get_value() && !waiting.get_value() {
                waiting.set_value(true);
                let hook = hook.clone();
                request_animation_frame(move || {
                    waiting.set_value(false);
                    // The page's own effects ran after this one: they may hold it now.
                    if !holds.held_untracked() {
                        done.set_value(true);
                        (hook.0)();
                    }
                });
            }
        });
    }

    let root = NodeRef::<leptos::html::Div>::new();
    focus_heading_on_navigation(nav, root);

    let page = Memo::new(move |_| PageKey::of(&nav.route()));
    let ready_data = move || {
        phase.track();
        match state.get_untracked() {
            LoadState::Ready(d) => Some(d),
            _ => None,
        }
    };
    let main_view = move || {
        match phase.get() {
        LoadPhase::Loading => view! {
            <div class="loading" role="status">
                <span class="spinner" aria-hidden="true"></span>
                {move || state.with(|s| match *s {
                    LoadState::Loading { received, total } => {
                        let t = ui.t();
                        let text = if received == 0 { t.loading.to_string() } else { (t.loading_bytes)(received, total) };
                        Some(view! {
                            {text}
                            {total.map(|t| view! { <progress max=t.to_string() value=received.to_string()></progress> })}
                        })
                    }
                    _ => None,
                })}
            </div>
        }
        .into_any(),
        LoadPhase::Preparing => view! {
            <ProgressStatus
                label=Signal::derive(move || ui.t().preparing_data)
                percent=Signal::derive(move || state.with(LoadState::preparing_percent))
            />
        }
        .into_any(),
        LoadPhase::Failed => match state.get_untracked() {
            LoadState::Failed(error) => view! { <LoadProblem error=error retry=retry/> }.into_any(),
            _ => ().into_any(),
        },
        LoadPhase::Ready => {
            let Some(data) = ready_data() else {
                return ().into_any();
            };
            provide_context(data.clone());
            let sample = data.dataset.sample;
            // Changes once, when the articles arrive: a failed load, and Retry, stay
            // with the status shown meanwhile.
            let articles_ready = Memo::new(move |_| data.articles_ready());
            view! {
                {(sample && full).then(|| view! { <p class="sample-notice">{move || ui.t().sample_notice}</p> })}
                {move || match page.get() {
                    PageKey::Home => view! { <pages::HomePage/> }.into_any(),
                    // Tracked only on these pages: they render once the articles are there.
                    PageKey::Feed | PageKey::Article(_) if !articles_ready.get() => {
                        view! { <ArticlesStatus/> }.into_any()
                    }
                    PageKey::Feed => view! { <pages::NewsFeed/> }.into_any(),
                    PageKey::Article(slug) => view! { <pages::ArticlePage slug=slug/> }.into_any(),
                    PageKey::Doctors => view! { <pages::DoctorFinder/> }.into_any(),
                    PageKey::Doctor(id) => view! { <pages::DoctorProfile id=id/> }.into_any(),
                    PageKey::Departments => view! { <pages::DepartmentList/> }.into_any(),
                    PageKey::Department(id) => view! { <pages::DepartmentPage id=id/> }.into_any(),
                    PageKey::NotFound(path) => view! { <pages::NotFound path=path/> }.into_any(),
                }}
            }
            .into_any()
        }
    }
    };

    let scope = config.scope.clone();
    let show = move |s: &Scope| {
        scope == Scope::All || scope == *s || matches!(scope, Scope::Department(_))
    };
    let (show_news, show_doctors) = (show(&Scope::News), show(&Scope::Doctors));
    let section = Signal::derive(move || match page.get() {
        PageKey::Feed | PageKey::Article(_) => Section::News,
        PageKey::Home => Section::Other,
        PageKey::Doctors | PageKey::Doctor(_) => Section::Doctors,
        PageKey::Departments | PageKey::Department(_) => Section::Departments,
        PageKey::NotFound(_) => Section::Other,
    });
    let hospital = Signal::derive(move || ready_data().map(|d| d.dataset.hospital.clone()));
    let hospital_name = Signal::derive(move || hospital.get().map(|h| h.name));
    let main_id = if standalone { "main" } else { "hs-main" };

    view! {
        <div
            class="hs"
            class:hs-widget=!standalone
            class:hs-bare=!full
            class:hs-larger=move || ui.larger_text.get()
            lang=move || ui.lang.get().code()
            node_ref=root
        >
            {full.then(|| view! {
                <a
                    class="skip-link"
                    href=format!("#{main_id}")
                    on:click=move |ev| {
                        // In a widget, a hash link would scroll and rewrite the host page.
                        ev.prevent_default();
                        focus_first(root, "main");
                    }
                >
                    {move || ui.t().skip_to_content}
                </a>
                <SiteHeader hospital=hospital_name section show_news show_doctors/>
            })}
            <main id=main_id tabindex="-1" class="site-main">
                {main_view}
            </main>
            {full.then(|| view! { <SiteFooter hospital/> })}
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || ui.announcement.get()}
            </div>
        </div>
    }
}

/// After a navigation (not the first page), focus goes to the new page's heading so that
/// keyboard and screen-reader users start at the top of the new content, and its text is announced.
fn focus_heading_on_navigation(nav: Nav, root: NodeRef<leptos::html::Div>) {
    Effect::new(move |previous: Option<u32>| {
        let n = nav.navigations.get();
        if previous.is_some_and(|p| p != n) {
            request_animation_frame(move || {
                focus_first(root, "h1");
            });
        }
        n
    });
}

fn focus_first(root: NodeRef<leptos::html::Div>, selector: &str) {
    let Some(root) = root.get_untracked() else {
        return;
    };
    if let Ok(Some(el)) = root.query_selector(selector) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            if !el.has_attribute("tabindex") {
                let _ = el.set_attribute("tabindex", "-1");
            }
            let _ = el.focus();
            el.scroll_into_view();
        }
    }
}
