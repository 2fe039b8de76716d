use crate::i18n::sort_name;
use crate::ui::use_ui;
use hospital_core::route::DoctorSort;
use leptos::prelude::*;

/// The finder's order of results.
#[component]
pub fn SortMenu(
    #[prop(into)] current: Signal<DoctorSort>,
    on_change: Callback<DoctorSort>,
) -> impl IntoView {
    let ui = use_ui();
    move || {
        let t = ui.t();
        let lang = ui.lang.get();
        let now = current.get();
        view! {
            <div class="field field-inline">
                <label for="doctor-sort">{t.sort_by}</label>
                <select id="doctor-sort" on:change=move |ev| {
                    on_change.run(DoctorSort::from_key(&event_target_value(&ev)).unwrap_or_default())
                }>
                    {DoctorSort::ALL.iter().map(|s| view! {
                        <option value=s.key() selected=*s == now>{sort_name(lang, *s)}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    }
}
