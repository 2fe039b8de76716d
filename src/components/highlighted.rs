use hospital_core::search::highlight;
use leptos::prelude::*;

/// `text` with the parts that match the search terms wrapped in `<mark>`.
#[component]
pub fn Highlighted(#[prop(into)] text: String, terms: Vec<String>) -> impl IntoView {
    let ranges = if terms.is_empty() {
        Vec::new()
    } else {
        highlight(&text, &terms)
    };
    let mut parts = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start < at || r.end > text.len() {
            continue;
        }
        if r.start > at {
            parts.push(text[at..r.start].to_string().into_any());
        }
        let marked = text[r.start..r.end].to_string();
        parts.push(view! { <mark>{marked}</mark> }.into_any());
        at = r.end;
    }
    if at < text.len() {
        parts.push(text[at..].to_string().into_any());
    }
    parts
}
