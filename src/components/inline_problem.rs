//! A part of a page that could not be loaded (an article's body, the home page's latest
//! news): one line saying so, and Try again, while the rest of the page stays.

use crate::ui::use_ui;
use leptos::prelude::*;

#[component]
pub fn InlineProblem(
    /// What could not be loaded, from the message catalogue.
    message: Signal<&'static str>,
    retry: Callback<()>,
) -> impl IntoView {
    let ui = use_ui();
    view! {
        <div class="load-problem inline" role="alert">
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>{move || ui.t().retry}</button>
        </div>
    }
}
