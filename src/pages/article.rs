//! `/news/<slug>`: one article, its body rendered from Markdown, and where to go next.

use crate::components::{InlineProblem, MarkdownView};
use crate::data::{fetch_text, use_data, AppData};
use crate::head::{set_head, Head};
use crate::i18n::format_date;
use crate::markdown_module::MarkdownModule;
use crate::nav::{link, Link};
use crate::ui::{lang_attr, text_view, use_ui};
use hospital_core::markdown::{self, Block};
use hospital_core::model::{Article, ArticleBody};
use hospital_core::route::{DoctorQuery, NewsQuery, Route};
use hospital_core::{seo, Lang};
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone)]
enum Body {
    Loading,
    /// Parsed once: the reading time and the view share it.
    Ready(Arc<Vec<Block>>),
    Failed,
}

impl Body {
    /// The body as the first render has it: parsed at build time (compiled articles), or
    /// inline Markdown once the Markdown module is there; else it is still to come.
    fn now(article: &Article, lang: Lang, module: &MarkdownModule) -> Body {
        match &article.body {
            ArticleBody::Parsed { body } => Body::Ready(body.get(lang)),
            ArticleBody::Inline { body } => match module.blocks_now(body.get(lang).text) {
                Some(blocks) => Body::Ready(Arc::new(blocks)),
                None => Body::Loading,
            },
            ArticleBody::External { .. } => Body::Loading,
        }
    }
}

#[component]
pub fn ArticlePage(slug: String) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    let Some(index) = data.article_index(&slug) else {
        return view! { <super::NotFound path=format!("/news/{slug}")/> }.into_any();
    };
    // A compiled body is there on the first render: the page rendered at build time and
    // the live app's first frame are the same, with no "Loading" in between. Any other
    // holds the take-over back until it is.
    let module = expect_context::<MarkdownModule>();
    let body = RwSignal::new(Body::now(
        &data.articles()[index],
        ui.lang.get_untracked(),
        &module,
    ));
    let attempt = RwSignal::new(0u32);
    start_body_load(data.clone(), index, body, attempt, module);

    {
        let data = data.clone();
        Effect::new(move || {
            let lang = ui.lang.get();
            let a = &data.articles()[index];
            let url = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            set_head(Head {
                title: a.title.get(lang).text.to_string(),
                description: a.summary.get(lang).text.to_string(),
                image: a.cover.as_ref().and_then(|c| data.resolve(&c.src)),
                json_ld: Some(seo::news_article(&data.dataset, a, lang, &url, |s| {
                    data.resolve(s)
                })),
                og_type: Some("article"),
            });
        });
    }

    let view_data = data.clone();
    (move || {
        let data = view_data.clone();
        let lang = ui.lang.get();
        let t = ui.t();
        let ds = &data.dataset;
        let a = &data.articles()[index];
        let category = ds.category(&a.category).map(|c| text_view(&c.name, lang));
        let cover = a.cover.as_ref().and_then(|c| {
            data.resolve(&c.src).map(|src| {
                view! {
                    <figure class="article-cover">
                        <img src=src alt=c.alt.get(lang).text.to_string() width="1280" height="720" decoding="async" fetchpriority="high"/>
                        {c.caption.as_ref().map(|cap| view! { <figcaption>{text_view(cap, lang)}</figcaption> })}
                    </figure>
                }
            })
        });
        let reading = match body.get() {
            Body::Ready(blocks) => Some(markdown::reading_minutes(&blocks)),
            _ => None,
        };
        let body_view = move || match body.get() {
            Body::Loading => view! { <p class="loading" role="status">{ui.t().loading}</p> }.into_any(),
            Body::Failed => view! {
                <InlineProblem
                    message=Signal::derive(move || ui.t().body_failed)
                    retry=Callback::new(move |_| attempt.update(|n| *n += 1))
                />
            }
            .into_any(),
            Body::Ready(blocks) => view! { <MarkdownView blocks=blocks.to_vec()/> }.into_any(),
        };
        let (newer, older) = data.news().neighbours(&a.slug);
        let related = data.news().related(data.news_dataset(), &a.slug, 3);
        let article_link = |i: usize| {
            data.articles().get(i).map(|x| {
                let title = x.title.get(lang).text.to_string();
                view! { <Link to=Route::Article(x.slug.clone())>{title}</Link> }
            })
        };
        view! {
            <article class="article" lang=lang_attr(&a.title, lang)>
                <header class="article-header">
                    <p class="meta">
                        {category.map(|c| view! { <span class="category">{c}</span> " · " })}
                        <time datetime=a.date.clone()>{format_date(lang, &a.date)}</time>
                        {reading.map(|m| view! { " · " <span>{(t.reading_time)(m)}</span> })}
                    </p>
                    <h1>{text_view(&a.title, lang)}</h1>
                    {a.author.as_ref().map(|au| view! { <p class="byline">{t.by} " " {text_view(au, lang)}</p> })}
                    {(!a.summary.is_blank()).then(|| view! { <p class="lede">{text_view(&a.summary, lang)}</p> })}
                </header>
                {cover}
                {body_view}
                {(!a.tags.is_empty()).then(|| view! {
                    <div class="tags">
                        <h2 class="visually-hidden">{t.tags}</h2>
                        <ul class="chips">
                            {a.tags.iter().map(|tag| {
                                let q = NewsQuery { tag: Some(tag.clone()), ..Default::default() };
                                view! { <li><Link to=Route::News(q) class="chip">{format!("#{tag}")}</Link></li> }
                            }).collect_view()}
                        </ul>
                    </div>
                })}
                <div class="article-actions">
                    {a.source_url.clone().filter(|u| hospital_core::urls::is_web_url(u)).map(|u| view! {
                        <a class="button button-secondary" href=u rel="noopener noreferrer">{t.original_source}</a>
                    })}
                    <ShareButton/>
                </div>
                {related_people(&data, index, lang)}
                <aside class="cta" aria-labelledby="cta-title">
                    <h2 id="cta-title">{t.find_a_doctor_cta_title}</h2>
                    <p>{t.find_a_doctor_cta_text}</p>
                    <Link to=Route::Doctors(DoctorQuery::default()) class="button">{t.find_a_doctor}</Link>
                </aside>
                <nav class="article-nav" aria-label=t.related_articles>
                    {(!related.is_empty()).then(|| view! {
                        <h2>{t.related_articles}</h2>
                        <ul class="link-list">{related.iter().filter_map(|&i| article_link(i)).map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    })}
                    <ul class="prev-next">
                        {newer.and_then(article_link).map(|l| view! { <li class="newer"><span class="label">{t.newer_article}</span> {l}</li> })}
                        {older.and_then(article_link).map(|l| view! { <li class="older"><span class="label">{t.older_article}</span> {l}</li> })}
                    </ul>
                </nav>
            </article>
        }
    })
    .into_any()
}

fn related_people(data: &Arc<AppData>, index: usize, lang: Lang) -> impl IntoView {
    let t = crate::i18n::messages(lang);
    let a = &data.articles()[index];
    let departments: Vec<_> = a
        .departments
        .iter()
        .filter_map(|id| data.department(id))
        .collect();
    let doctors: Vec<_> = a.doctors.iter().filter_map(|id| data.doctor(id)).collect();
    view! {
        {(!departments.is_empty()).then(|| view! {
            <section class="related">
                <h2>{t.related_departments}</h2>
                <ul class="chips">{departments.iter().map(|d| view! {
                    <li>{link(Route::Department(d.id.clone()), Some("chip"), text_view(&d.name, lang))}</li>
                }).collect_view()}</ul>
            </section>
        })}
        {(!doctors.is_empty()).then(|| view! {
            <section class="related">
                <h2>{t.related_doctors}</h2>
                <ul class="chips">{doctors.iter().map(|d| view! {
                    <li>{link(Route::Doctor(d.id.clone()), Some("chip"), text_view(&d.name, lang))}</li>
                }).collect_view()}</ul>
            </section>
        })}
    }
}

/// Loads the body: a compiled one is there; inline Markdown once the Markdown module is;
/// a separate body file is fetched only now, and the request is cancelled if the reader
/// leaves before it arrives.
fn start_body_load(
    data: Arc<AppData>,
    index: usize,
    body: RwSignal<Body>,
    attempt: RwSignal<u32>,
    module: MarkdownModule,
) {
    let controller = StoredValue::new_local(None::<web_sys::AbortController>);
    Effect::new(move |previous: Option<()>| {
        attempt.track();
        let lang = use_ui().lang.get();
        let a = &data.articles()[index];
        if previous.is_none() && matches!(body.get_untracked(), Body::Ready(_)) {
            return; // the first render had it (see `ArticlePage`)
        }
        if let Some(previous) = controller.get_value() {
            previous.abort();
        }
        let markdown = match &a.body {
            ArticleBody::Parsed { body: parsed } => {
                body.set(Body::Ready(parsed.get(lang)));
                return;
            }
            ArticleBody::Inline { body: text } => Ok(text.get(lang).text.to_string()),
            ArticleBody::External { body_src } => match data.resolve(body_src) {
                Some(url) => Err(url),
                None => {
                    body.set(Body::Failed);
                    return;
                }
            },
        };
        if let Ok(text) = &markdown {
            if let Some(blocks) = module.blocks_now(text) {
                body.set(Body::Ready(Arc::new(blocks)));
                return;
            }
        }
        body.set(Body::Loading);
        let hold = crate::take_over::hold();
        let Ok(ctl) = web_sys::AbortController::new() else {
            return;
        };
        let signal = ctl.signal();
        controller.set_value(Some(ctl));
        let module = module.clone();
        leptos::task::spawn_local(async move {
            let text = match markdown {
                Ok(text) => Ok(text),
                Err(url) => fetch_text(&url, None, Some(&signal)).await,
            };
            match text {
                Ok(text) if !text.trim().is_empty() => match module.blocks(&text).await {
                    Ok(blocks) if !signal.aborted() => body.try_set(Body::Ready(Arc::new(blocks))),
                    Ok(_) => None,
                    Err(_) => body.try_set(Body::Failed),
                },
                Err(crate::data::FetchError::Aborted) => None,
                _ => body.try_set(Body::Failed),
            };
            drop(hold);
        });
    });
    on_cleanup(move || {
        if let Some(ctl) = controller.try_get_value().flatten() {
            ctl.abort();
        }
    });
}

/// Shares the page with the Web Share API where there is one, else copies the link.
#[component]
fn ShareButton() -> impl IntoView {
    let ui = use_ui();
    let status = RwSignal::new(String::new());
    let share = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let url = window.location().href().unwrap_or_default();
        let title = window.document().map(|d| d.title()).unwrap_or_default();
        let navigator = window.navigator();
        let has_share = js_sys::Reflect::has(&navigator, &"share".into()).unwrap_or(false);
        let t = ui.t();
        if has_share {
            let data = web_sys::ShareData::new();
            data.set_url(&url);
            data.set_title(&title);
            let _ = navigator.share_with_data(&data);
            return;
        }
        let clipboard = navigator.clipboard();
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&url))
                .await
                .is_ok();
            status.set(if ok { t.link_copied } else { t.copy_failed }.to_string());
        });
    };
    view! {
        <button type="button" class="button button-secondary" on:click=share>{move || ui.t().share}</button>
        <span class="share-status" role="status">{move || status.get()}</span>
    }
}
