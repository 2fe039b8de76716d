use hospital_core::phone;
use leptos::prelude::*;

/// A phone field as the hospital wrote it, each number its own `tel:` link
/// ("0931-8266957转123 / 0931-8266958" is two links, the extension dialled after).
#[component]
pub fn PhoneLinks(#[prop(into)] phone: String) -> impl IntoView {
    let links = phone::split(&phone)
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let text = n.text.to_string();
            view! { {(i > 0).then_some(" / ")}<a href=n.href>{text}</a> }
        })
        .collect_view();
    view! { <span class="phones">{links}</span> }
}
