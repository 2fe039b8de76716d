//! `/news`: the newsroom. Filters, search and page live in the URL.

use crate::components::{NewsCard, NewsFilters, Pager};
use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::i18n;
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

    let page_data = {
        let data = data.clone();
        Memo::new(move |_| data.news_page(&query.get(), FEED_PAGE_SIZE))
    };
    Effect::new(move || {
        let n = page_data.with(|p| p.total);
        if query.with(|q| q.has_filters()) {
            ui.announce((ui.t().news_count)(n));
        }
    });
    {
        let data = data.clone();
        Effect::new(move || {
            let lang = ui.lang.get();
            let (page, pages) = page_data.with(|p| (p.page, p.pages));
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
        let page = page_data.get();
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
