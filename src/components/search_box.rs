use crate::nav::use_nav;
use hospital_core::route::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A search box whose text lives in the URL. Typing replaces the current history entry
/// (one entry per search, not per key); the box shows the URL's text, so Back, Clear all
/// and a shared link all set it without a second copy of the text to keep in step.
/// Writing the same text back into the input leaves the caret where it is.
#[component]
pub fn SearchBox(
    /// The element id; the label and the hint hang off it.
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] placeholder: Signal<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    /// The text as the URL has it now.
    #[prop(into)]
    text: Signal<String>,
    /// Where the text leads: the route of the search for a typed text.
    route_for: Callback<String, Route>,
    /// Told of each key, with the box, before the search follows it.
    #[prop(optional)]
    on_key: Option<Callback<web_sys::Element>>,
) -> impl IntoView {
    let nav = use_nav();
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <label for=id>{label}</label>
        <input
            id=id
            type="search"
            autocomplete="off"
            spellcheck="false"
            aria-describedby=hint_id.clone()
            placeholder=placeholder
            prop:value=move || text.get()
            on:input=move |ev| {
                let input = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                if let (Some(on_key), Some(input)) = (on_key, input) {
                    on_key.run(input);
                }
                nav.go(route_for.run(event_target_value(&ev)), true)
            }
        />
        {hint.map(|h| view! { <p id=hint_id class="hint">{h}</p> })}
    }
}
