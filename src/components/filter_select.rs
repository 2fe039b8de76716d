use leptos::prelude::*;

/// A labelled `<select>` of one filter: "all" first, then each option with its count.
/// Choosing "all" clears the filter (`None`).
#[component]
pub fn FilterSelect(
    id: &'static str,
    /// Its URL parameter, as the form field's name.
    name: &'static str,
    label: &'static str,
    all_label: &'static str,
    /// (value, label) in display order; the label already carries the count.
    options: Vec<(String, String)>,
    selected: Option<String>,
    on_change: Callback<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name on:change=move |ev| {
                let v = event_target_value(&ev);
                on_change.run((!v.is_empty()).then_some(v))
            }>
                <option value="" selected=selected.is_none()>{all_label}</option>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = selected.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
