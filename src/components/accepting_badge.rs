use crate::ui::use_ui;
use leptos::prelude::*;

/// Whether the doctor takes new patients, as a badge (result cards and profiles).
#[component]
pub fn AcceptingBadge(accepting: bool) -> impl IntoView {
    let t = use_ui().t();
    if accepting {
        view! { <span class="badge badge-ok">{t.accepting_badge}</span> }.into_any()
    } else {
        view! { <span class="badge badge-muted">{t.not_accepting_badge}</span> }.into_any()
    }
}
