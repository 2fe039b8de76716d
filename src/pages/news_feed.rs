//! `/` and `/news`: the newsroom. Filters, search and page live in the URL.

use crate::components::{Highlighted, Pager};
use crate::data::use_data;
use crate::head::{set_head, Head};
use crate::i18n::{format_date, format_month};
use crate::nav::{use_nav, Link};
use crate::ui::{lang_attr, use_ui};
use hospital_core::news::Facet;
use hospital_core::route::{NewsQuery, Route};
use hospital_core::Article;
use leptos::prelude::*;

const PAGE_SIZE: usize = 10;

#[component]
pub fn NewsFeed() -> impl IntoView {
    let ui = use_ui();
    let nav = use_nav();
    let data = use_data();
    let is_home = move || matches!(nav.route(), Route::Home(_));
    let query = Memo::new(move |_| match nav.route() {
        Route::Home(q) | Route::News(q) => q,
        _ => NewsQuery {
            page: 1,
            ..Default::default()
        },
    });
    let route_with = move |q: NewsQuery| {
        if is_home() && !q.has_filters() && q.page <= 1 {
            Route::Home(q)
        } else {
            Route::News(q)
        }
    };

    // The box shows what the user typed; the URL keeps it (replacing, not adding, history entries).
    let typed = RwSignal::new(query.get_untracked().q);
    Effect::new(move || {
        let q = query.get().q;
        if q != typed.get_untracked() {
            typed.set(q);
        }
    });
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        let q = NewsQuery {
            q: text,
            page: 1,
            ..query.get_untracked()
        };
        nav.go(Route::News(q), true);
    };

    let page_data = {
        let data = data.clone();
        Memo::new(move |_| data.news().query(&data.dataset, &query.get(), PAGE_SIZE))
    };
    Effect::new(move || {
        let n = page_data.with(|p| p.total);
        let t = ui.t();
        if query.with(|q| q.has_filters()) {
            ui.announce((t.news_count)(n));
        }
    });

    let data_for_head = data.clone();
    Effect::new(move || {
        let t = ui.t();
        let lang = ui.lang.get();
        let h = &data_for_head.dataset.hospital;
        set_head(Head {
            title: t.news_title.to_string(),
            description: h.description.get(lang).text.to_string(),
            ..Head::default()
        });
    });

    let filters = {
        let data = data.clone();
        move || {
            let t = ui.t();
            let lang = ui.lang.get();
            let q = query.get();
            let on_select = move |field: &'static str| {
                move |ev| {
                    let v = event_target_value(&ev);
                    let v = (!v.is_empty()).then_some(v);
                    let mut next = NewsQuery {
                        page: 1,
                        ..query.get_untracked()
                    };
                    match field {
                        "category" => next.category = v,
                        "tag" => next.tag = v,
                        _ => next.archive = v,
                    }
                    nav.go(Route::News(next), false);
                }
            };
            let categories = data.news().categories().to_vec();
            let tags = data.news().tags().to_vec();
            let years = data.news().years().to_vec();
            let months = data.news().months().to_vec();
            let ds = &data.dataset;
            let cat_name = |id: &str| {
                ds.category(id)
                    .map(|c| c.name.get(lang).text.to_string())
                    .unwrap_or_else(|| id.to_string())
            };
            view! {
                <div class="news-filters" role="search">
                    <div class="field field-search">
                        <label for="news-q">{t.news_search_label}</label>
                        <input
                            id="news-q"
                            type="search"
                            autocomplete="off"
                            placeholder=t.news_search_placeholder
                            prop:value=move || typed.get()
                            on:input=on_input
                        />
                    </div>
                    <div class="field">
                        <label for="news-category">{t.category}</label>
                        <select id="news-category" on:change=on_select("category")>
                            <option value="" selected=q.category.is_none()>{t.all_categories}</option>
                            {categories.into_iter().map(|Facet { key: id, count: n }| {
                                let selected = q.category.as_deref() == Some(id.as_str());
                                let label = format!("{} ({n})", cat_name(&id));
                                view! { <option value=id selected=selected>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="news-tag">{t.tag}</label>
                        <select id="news-tag" on:change=on_select("tag")>
                            <option value="" selected=q.tag.is_none()>{t.all_tags}</option>
                            {tags.into_iter().map(|Facet { key: tag, count: n }| {
                                let selected = q.tag.as_deref() == Some(tag.as_str());
                                let label = format!("{tag} ({n})");
                                view! { <option value=tag selected=selected>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="news-archive">{t.archive}</label>
                        <select id="news-archive" on:change=on_select("archive")>
                            <option value="" selected=q.archive.is_none()>{t.all_dates}</option>
                            {years.into_iter().chain(months).map(|Facet { key: m, count: n }| {
                                let selected = q.archive.as_deref() == Some(m.as_str());
                                let label = format!("{} ({n})", format_month(lang, &m));
                                view! { <option value=m selected=selected>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
            }
        }
    };

    let results = move || {
        let t = ui.t();
        let lang = ui.lang.get();
        let page = page_data.get();
        let q = query.get();
        let ds = &data.dataset;
        if page.items.is_empty() {
            let cleared = NewsQuery {
                page: 1,
                ..Default::default()
            };
            return view! {
                <div class="empty">
                    <p>{t.no_news}</p>
                    <Link to=Route::News(cleared) class="button">{t.clear_filters}</Link>
                </div>
            }
            .into_any();
        }
        let terms = page.terms.clone();
        let items = page
            .items
            .iter()
            .filter_map(|&i| ds.articles.get(i).map(|a| (i, a)))
            .map(|(i, a)| {
                let lead = page.lead == Some(i);
                news_card(ds, a, lang, terms.clone(), lead, &data)
            })
            .collect_view();
        let pages = page.pages;
        let current = page.page;
        let route_for = Callback::new(move |n: usize| {
            route_with(NewsQuery {
                page: n,
                ..q.clone()
            })
        });
        view! {
            <p class="result-count">{(t.news_count)(page.total)}</p>
            <ol class="news-list">{items}</ol>
            <Pager page=current pages=pages route_for=route_for/>
        }
        .into_any()
    };

    view! {
        <section class="news-feed">
            <h1>{move || ui.t().news_title}</h1>
            {filters}
            {results}
        </section>
    }
}

fn news_card(
    ds: &hospital_core::Dataset,
    a: &Article,
    lang: hospital_core::Lang,
    terms: Vec<String>,
    lead: bool,
    data: &crate::data::AppData,
) -> impl IntoView {
    let t = crate::i18n::messages(lang);
    let title = a.title.get(lang).text.to_string();
    let summary = a.summary.get(lang).text.to_string();
    let category = ds
        .category(&a.category)
        .map(|c| c.name.get(lang).text.to_string())
        .unwrap_or_else(|| a.category.clone());
    let cover = a.cover.as_ref().and_then(|c| {
        data.resolve(&c.src)
            .map(|src| (src, c.alt.get(lang).text.to_string()))
    });
    let route = Route::Article(a.slug.clone());
    view! {
        <li class="news-card" class:lead=lead>
            <article>
                {cover.map(|(src, alt)| view! {
                    <div class="cover"><img src=src alt=alt loading=if lead { "eager" } else { "lazy" } decoding="async" width="640" height="360"/></div>
                })}
                <div class="news-card-text">
                    <p class="meta">
                        {lead.then(|| view! { <span class="badge">{t.featured}</span> " " })}
                        <span class="category">{category}</span>
                        " · "
                        <time datetime=a.date.clone()>{format_date(lang, &a.date)}</time>
                    </p>
                    <h2 lang=lang_attr(&a.title, lang)>
                        {
                            let terms = terms.clone();
                            view! { <Link to=route><Highlighted text=title terms=terms/></Link> }
                        }
                    </h2>
                    <p class="summary" lang=lang_attr(&a.summary, lang)><Highlighted text=summary terms=terms/></p>
                </div>
            </article>
        </li>
    }
}
