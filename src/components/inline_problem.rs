//! A part of a page that could not be loaded (an article's body, the home page's latest
//! news, a profile's biography): one line saying so, and Try again, while the rest of
//! the page stays.

use crate::ui::use_ui;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn InlineProblem(
    /// What could not be loaded, from the message catalogue.
    message: Signal<&'static str>,
    retry: Callback<()>,
) -> impl IntoView {
    let ui = use_ui();
    let again = move |ev: leptos::ev::MouseEvent| {
        keep_focus_in_the_part(&ev);
        retry.run(());
    };
    view! {
        <div class="load-problem inline" role="alert">
            <p>{message}</p>
            <button type="button" class="button" on:click=again>{move || ui.t().retry}</button>
        </div>
    }
}

/// Try again replaces this line (with the part's loading status, then the part), so the
/// focused button leaves the page and a keyboard or screen-reader user would be sent
/// back to its top. The focus goes first to the part's container, which stays.
/// (Leptos delegates events: the target, not the current target, is in the line.)
fn keep_focus_in_the_part(ev: &leptos::ev::MouseEvent) {
    let clicked = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let part = clicked
        .and_then(|c| c.closest(".load-problem").ok().flatten())
        .and_then(|problem| problem.parent_element())
        .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(part) = part {
        if !part.has_attribute("tabindex") {
            let _ = part.set_attribute("tabindex", "-1");
        }
        // Marked so that the stylesheet rings it when the focus came from the keyboard.
        let _ = part.set_attribute("data-hs-focus-part", "");
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = part.focus_with_options(&options);
    }
}
