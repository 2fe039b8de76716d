use super::{FilterSelect, SearchBox};
use crate::data::use_data;
use crate::i18n::format_month;
use crate::ui::use_ui;
use hospital_core::news::Facet;
use hospital_core::route::{NewsQuery, Route};
use leptos::prelude::*;

/// The newsroom's search box and its category, tag and archive filters.
#[component]
pub fn NewsFilters(query: Memo<NewsQuery>, on_change: Callback<NewsQuery>) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    let search_for = Callback::new(move |text: String| {
        Route::News(NewsQuery {
            q: text,
            page: 1,
            ..query.get_untracked()
        })
    });
    // Each select edits one field of the query and goes back to the first page.
    let set = move |edit: fn(&mut NewsQuery, Option<String>)| {
        Callback::new(move |value: Option<String>| {
            let mut next = NewsQuery {
                page: 1,
                ..query.get_untracked()
            };
            edit(&mut next, value);
            on_change.run(next);
        })
    };
    let counted = |facets: &[Facet], name: &dyn Fn(&str) -> String| -> Vec<(String, String)> {
        facets
            .iter()
            .map(|Facet { key, count }| (key.clone(), format!("{} ({count})", name(key))))
            .collect()
    };
    // The selects follow the chosen filters only, not each key typed in the box.
    let chosen =
        Memo::new(move |_| query.with(|q| (q.category.clone(), q.tag.clone(), q.archive.clone())));
    let selects = move || {
        let t = ui.t();
        let lang = ui.lang.get();
        let (category, tag, archive) = chosen.get();
        let news = data.news();
        let ds = &data.dataset;
        let category_name = |id: &str| {
            ds.category(id)
                .map(|c| c.name.get(lang).text.to_string())
                .unwrap_or_else(|| id.to_string())
        };
        let dates: Vec<Facet> = news.years().iter().chain(news.months()).cloned().collect();
        view! {
            <FilterSelect id="news-category" name="category" label=t.category all_label=t.all_categories
                options=counted(news.categories(), &category_name) selected=category
                on_change=set(|q, v| q.category = v)/>
            <FilterSelect id="news-tag" name="tag" label=t.tag all_label=t.all_tags
                options=counted(news.tags(), &|tag: &str| tag.to_string()) selected=tag
                on_change=set(|q, v| q.tag = v)/>
            <FilterSelect id="news-archive" name="archive" label=t.archive all_label=t.all_dates
                options=counted(&dates, &|m: &str| format_month(lang, m)) selected=archive
                on_change=set(|q, v| q.archive = v)/>
        }
    };
    view! {
        <div class="news-filters" role="search">
            <div class="field field-search">
                <SearchBox
                    id="news-q"
                    label=Signal::derive(move || ui.t().news_search_label)
                    placeholder=Signal::derive(move || ui.t().news_search_placeholder)
                    text=Signal::derive(move || query.with(|q| q.q.clone()))
                    route_for=search_for
                />
            </div>
            {selects}
        </div>
    }
}
