use super::Highlighted;
use crate::data::use_data;
use crate::i18n::{format_date, messages};
use crate::nav::Link;
use crate::ui::lang_attr;
use hospital_core::route::Route;
use hospital_core::{Article, Lang};
use leptos::prelude::*;

/// One article in the feed: cover, category, date, title and summary, with the search
/// terms marked. The lead story is larger and its cover loads first.
#[component]
pub fn NewsCard(
    article: Article,
    lang: Lang,
    terms: Vec<String>,
    #[prop(optional)] lead: bool,
) -> impl IntoView {
    let t = messages(lang);
    let data = use_data();
    let title = article.title.get(lang).text.to_string();
    let summary = article.summary.get(lang).text.to_string();
    let category = data
        .dataset
        .category(&article.category)
        .map(|c| c.name.get(lang).text.to_string())
        .unwrap_or_else(|| article.category.clone());
    let cover = article.cover.as_ref().and_then(|c| {
        data.resolve(&c.src)
            .map(|src| (src, c.alt.get(lang).text.to_string()))
    });
    let title_terms = terms.clone();
    view! {
        <li class="news-card" class:lead=lead>
            <article>
                {cover.map(|(src, alt)| view! {
                    <div class="cover"><img src=src alt=alt loading=if lead { "eager" } else { "lazy" } fetchpriority=if lead { "high" } else { "auto" } decoding="async" width="640" height="360"/></div>
                })}
                <div class="news-card-text">
                    <p class="meta">
                        {lead.then(|| view! { <span class="badge">{t.featured}</span> " " })}
                        <span class="category">{category}</span>
                        " · "
                        <time datetime=article.date.clone()>{format_date(lang, &article.date)}</time>
                    </p>
                    <h2 lang=lang_attr(&article.title, lang)>
                        <Link to=Route::Article(article.slug.clone())><Highlighted text=title terms=title_terms/></Link>
                    </h2>
                    <p class="summary" lang=lang_attr(&article.summary, lang)><Highlighted text=summary terms=terms/></p>
                </div>
            </article>
        </li>
    }
}
