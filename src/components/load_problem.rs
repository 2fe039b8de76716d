use crate::data::{FetchError, LoadError};
use crate::ui::use_ui;
use hospital_core::validate::{Problem, Severity};
use leptos::prelude::*;

/// Why the dataset could not be shown, in words a web team can act on, with Retry.
#[component]
pub fn LoadProblem(
    error: LoadError,
    retry: Callback<()>,
    /// The articles' file of compiled records, not the dataset: the title says "news".
    #[prop(optional)]
    news: bool,
) -> impl IntoView {
    let ui = use_ui();
    let error = StoredValue::new(error);
    move || {
        let t = ui.t();
        let lang = ui.lang.get();
        let (title, detail) = match error.get_value() {
            LoadError::Fetch(f) => (t.load_failed_title, fetch_detail(lang, &f).into_any()),
            LoadError::Invalid(problems) => {
                (t.dataset_invalid_title, problem_list(problems).into_any())
            }
            LoadError::Records { url, error } => (
                t.load_failed_title,
                compiled_detail(t.records_damaged, &error, url),
            ),
            LoadError::Index { url, error } => (
                t.load_failed_title,
                compiled_detail(t.index_damaged, &error, url),
            ),
        };
        let title = if news && title == t.load_failed_title {
            t.news_failed_title
        } else {
            title
        };
        view! {
            <section class="load-problem" role="alert" aria-labelledby="load-problem-title">
                <h1 id="load-problem-title">{title}</h1>
                {detail}
                <button type="button" class="button" on:click=move |_| retry.run(())>{t.retry}</button>
            </section>
        }
    }
}

/// A compiled file that was refused: what it means for the reader, then why (in the
/// tool's English) and which file.
fn compiled_detail(
    meaning: &'static str,
    error: &hospital_core::compiled::CompiledError,
    url: String,
) -> AnyView {
    view! {
        <p>{meaning}</p>
        <p class="muted" lang="en">{format!("{error}.")}</p>
        <p class="muted"><code>{url}</code></p>
    }
    .into_any()
}

fn fetch_detail(lang: hospital_core::Lang, e: &FetchError) -> impl IntoView {
    let t = crate::i18n::messages(lang);
    let url = e.url().to_string();
    let what = match e {
        FetchError::Status { status, .. } => (t.fetch_status)(*status),
        FetchError::Network { .. } => t.fetch_network.to_string(),
        FetchError::Timeout { .. } => t.fetch_timeout.to_string(),
        FetchError::NotText { .. } => t.fetch_not_text.to_string(),
        FetchError::Aborted => t.fetch_aborted.to_string(),
    };
    view! {
        <p>{what}</p>
        {(!url.is_empty()).then(|| view! { <p class="muted"><code>{url}</code></p> })}
    }
}

fn problem_list(problems: Vec<Problem>) -> impl IntoView {
    let ui = use_ui();
    let t = ui.t();
    let (errors, warnings): (Vec<Problem>, Vec<Problem>) = problems
        .into_iter()
        .partition(|p| p.severity == Severity::Error);
    let item = move |p: Problem| {
        let place = match (p.line, p.column) {
            (Some(l), Some(c)) => Some((t.at_line)(l, c)),
            _ => None,
        };
        view! {
            <li>
                {(!p.path.is_empty()).then(|| view! { <code class="problem-path">{p.path.clone()}</code> " " })}
                // The record by name and id beside its path, so a web team finds it by either.
                {p.record.as_ref().map(|r| view! { <span class="problem-record">{format!("({}, {})", r.name, r.id)}</span> " " })}
                {place.map(|pl| view! { <span class="problem-place">{pl}</span> ": " })}
                <span lang="en">{p.message.clone()}</span>
                {p.suggestion.clone().map(|s| view! { " " <span lang="en">{format!("(did you mean “{s}”?)")}</span> })}
            </li>
        }
    };
    view! {
        <p>{t.dataset_invalid_intro}</p>
        <ul class="problems">{errors.into_iter().map(item).collect_view()}</ul>
        {(!warnings.is_empty()).then(|| view! {
            <h2>{t.warnings_title}</h2>
            <ul class="problems warnings">{warnings.into_iter().map(item).collect_view()}</ul>
        })}
    }
}
