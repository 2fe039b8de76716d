//! `/news`: the newsroom. Filters, search and page live in the URL.

use crate::components::{NewsCard, NewsFilters, Pager};
use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::i18n;
use crate::markdown_module::MarkdownModule;
use crate::nav::{use_nav, Link};
use crate::ui::use_ui;
use hospital_core::news::FEED_PAGE_SIZE;
use hospital_core::route::{NewsQuery, Route};
use leptos::prelude::*;

#[component]
pub fn NewsFeed() -> impl IntoView {
    let ui = use_ui();
    let nav = use_nav();
    let data = use_data();
    let query = Memo::new(move |last: Option<&NewsQuery>| match nav.route() {
        Route::Home(q) | Route::News(q) => q,
        _ => last.cloned().unwrap_or_default(),
    });
    let refine = Callback::new(move |q: NewsQuery| nav.change_in_place(Route::News(q)));

    // The first search with words reads the articles' bodies, which needs the Markdown
    // module: until it is there (or has failed), the feed says it is loading.
    let module = expect_context::<MarkdownModule>();
    let module_tried = RwSignal::new(module.is_ready());
    let page_data = {
        let data = data.clone();
        Memo::new(move |_| {
            let q = query.get();
            if !module_tried.get() && data.news_waits_for(&q, &module) {
                wait_for(module.clone(), module_tried);
                return None;
            }
            Some(data.news_page(&q, FEED_PAGE_SIZE, &module))
        })
    };
    Effect::new(move || {
        let Some(n) = page_data.with(|p| p.as_ref().map(|p| p.total)) else {
            return;
        };
        if query.with(|q| q.has_filters()) {
            ui.announce((ui.t().news_count)(n));
        }
    });
    {
        let data = data.clone();
        Effect::new(move || {
            let lang = ui.lang.get();
            let (page, pages) =
                page_data.with(|p| p.as_ref().map_or((1, 1), |p| (p.page, p.pages)));
            set_head(Head {
                title: i18n::feed_title(ui.t(), page, pages),
                description: data.dataset.hospital.description.get(lang).text.to_string(),
                ..Head::default()
            });
        });
    }

    let results = move || {
        let t = ui.t();
        let lang = ui.lang.get();
        let Some(page) = page_data.get() else {
            return view! {
                <div class="loading" role="status">
                    <span class="spinner" aria-hidden="true"></span>
                    {t.loading_news}
                </div>
            }
            .into_any();
        };
        if page.items.is_empty() {
            return view! {
                <div class="empty">
                    <p>{t.no_news}</p>
                    <Link to=Route::News(NewsQuery::default()) class="button">{t.clear_filters}</Link>
                </div>
            }
            .into_any();
        }
        let cards = page
            .items
            .iter()
            .filter_map(|&i| data.articles().get(i).map(|a| (i, a.clone())))
            .map(|(i, article)| {
                let lead = page.lead == Some(i);
                view! { <NewsCard article lang terms=page.terms.clone() lead/> }
            })
            .collect_view();
        let q = query.get();
        let route_for = Callback::new(move |n: usize| {
            Route::News(NewsQuery {
                page: n,
                ..q.clone()
            })
        });
        view! {
            <p class="result-count">{(t.news_count)(page.total)}</p>
            <ol class="news-list">{cards}</ol>
            <Pager page=page.page pages=page.pages route_for/>
        }
        .into_any()
    };

    view! {
        <section class="news-feed">
            <h1>{move || ui.t().news_title}</h1>
            <NewsFilters query on_change=refine/>
            {results}
        </section>
    }
}

/// Fetches the Markdown module once, holding the take-over back meanwhile (a search's
/// address opened from a page written at build time), then lets the search run.
fn wait_for(module: MarkdownModule, tried: RwSignal<bool>) {
    let hold = crate::take_over::hold();
    leptos::task::spawn_local(async move {
        let _ = module.ready().await;
        tried.try_set(true);
        drop(hold);
    });
}
