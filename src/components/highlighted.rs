use hospital_core::search::highlight;
use leptos::prelude::*;

/// `text` with the parts that match the search terms wrapped in `<mark>`. The terms are a
/// signal, so a result that stays on screen while the query grows is re-marked in place;
/// only when its marks move: most keys change the terms but not what they mark in a name,
/// and rebuilding every card's marks was a good part of a keystroke's DOM work.
#[component]
pub fn Highlighted(
    #[prop(into)] text: String,
    #[prop(into)] terms: Signal<Vec<String>>,
) -> impl IntoView {
    let for_marks = text.clone();
    let marks = Memo::new(move |_| terms.with(|terms| marks_of(&for_marks, terms)));
    move || marks.with(|marks| with_marks(&text, marks))
}

/// `text` with the given byte ranges wrapped in `<mark>`.
#[component]
pub fn Marked(text: String, marks: Vec<std::ops::Range<usize>>) -> impl IntoView {
    with_marks(&text, &marks)
}

fn marks_of(text: &str, terms: &[String]) -> Vec<std::ops::Range<usize>> {
    if terms.is_empty() {
        return Vec::new();
    }
    highlight(text, terms)
}

fn with_marks(text: &str, ranges: &[std::ops::Range<usize>]) -> Vec<AnyView> {
    let mut parts = Vec::new();
    let mut at = 0;
    for r in ranges {
        // Ranges come from the core on char boundaries; `get` keeps a bad one harmless.
        let (Some(before), Some(hit)) = (text.get(at..r.start), text.get(r.start..r.end)) else {
            continue;
        };
        if !before.is_empty() {
            parts.push(before.to_string().into_any());
        }
        let hit = hit.to_string();
        parts.push(view! { <mark>{hit}</mark> }.into_any());
        at = r.end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        parts.push(rest.to_string().into_any());
    }
    parts
}
