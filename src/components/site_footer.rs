use crate::components::PhoneLinks;
use crate::ui::{text_view, use_ui};
use hospital_core::Hospital;
use leptos::prelude::*;

/// The footer: what the site is not for, and the hospital's address and switchboard.
#[component]
pub fn SiteFooter(#[prop(into)] hospital: Signal<Option<Hospital>>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <footer class="site-footer">
            <p>{move || ui.t().footer_note}</p>
            <p>{move || hospital.get().map(|h| {
                let lang = ui.lang.get();
                view! {
                    {text_view(&h.name, lang)}
                    {(!h.address.is_blank()).then(|| view! { " · " {text_view(&h.address, lang)} })}
                    {h.phone.clone().map(|p| view! { " · " <PhoneLinks phone=p.clone()/> })}
                }
            })}</p>
        </footer>
    }
}
