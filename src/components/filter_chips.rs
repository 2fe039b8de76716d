use crate::data::use_data;
use crate::ui::use_ui;
use hospital_core::labels::facet_label;
use hospital_core::route::{DoctorQuery, FacetKind};
use leptos::prelude::*;

/// The finder's active filters as removable chips, and "Clear all".
/// Keyed on the filters without the typed text, so typing does not rebuild them.
#[component]
pub fn FilterChips(query: Memo<DoctorQuery>, on_change: Callback<DoctorQuery>) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    let filters = Memo::new(move |_| DoctorQuery {
        q: String::new(),
        page: 1,
        ..query.get()
    });
    move || {
        let t = ui.t();
        let lang = ui.lang.get();
        let q = filters.get();
        let mut chips: Vec<(String, DoctorQuery)> = Vec::new();
        for kind in FacetKind::ALL {
            for key in q.selected(kind) {
                let mut next = q.clone();
                next.toggle(kind, &key);
                chips.push((facet_label(&data.dataset, lang, kind, &key), next));
            }
        }
        if q.accepting_only {
            let next = DoctorQuery {
                accepting_only: false,
                page: 1,
                ..q.clone()
            };
            chips.push((t.accepting_only.to_string(), next));
        }
        (!chips.is_empty()).then(|| {
            let cleared = q.cleared();
            view! {
                <ul class="chips active-filters">
                    {chips.into_iter().map(|(label, next)| {
                        let aria = (t.remove_filter)(&label);
                        view! {
                            <li>
                                <button type="button" class="chip chip-remove" aria-label=aria on:click=move |_| {
                                    let text = query.with_untracked(|q| q.q.clone());
                                    on_change.run(DoctorQuery { q: text, ..next.clone() })
                                }>
                                    {label} <span aria-hidden="true">" ×"</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                    <li>
                        <button type="button" class="chip chip-clear" on:click=move |_| on_change.run(cleared.clone())>
                            {t.clear_all}
                        </button>
                    </li>
                </ul>
            }
        })
    }
}
