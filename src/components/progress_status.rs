//! "Preparing… 45 %": what long work has done so far. The words are a status
//! announced once; the number is in the progress bar, which screen readers can
//! query, so that a changing percentage does not interrupt them a hundred times.

use crate::ui::use_ui;
use leptos::prelude::*;

#[component]
pub fn ProgressStatus(
    /// What is being done, from the message catalogue.
    label: Signal<&'static str>,
    #[prop(into)] percent: Signal<u8>,
) -> impl IntoView {
    let ui = use_ui();
    view! {
        <div class="loading">
            <span class="spinner" aria-hidden="true"></span>
            <span role="status">{label}</span>
            <progress max="100" value=move || percent.get().to_string() aria-label=label></progress>
            <span class="nowrap" aria-hidden="true">{move || (ui.t().percent)(percent.get())}</span>
        </div>
    }
}
