use crate::i18n::format_count;
use crate::ui::use_ui;
use leptos::prelude::*;

/// One facet as a group of checkboxes. The options are rendered once; only their counts,
/// checked and disabled states follow the search, so typing does not rebuild hundreds of
/// rows. Options with no result stay visible but disabled, so people see what exists.
#[component]
pub fn FacetGroup(
    legend: &'static str,
    name: &'static str,
    /// (URL key, label) in display order.
    options: Vec<(String, String)>,
    /// Live counts, one per option in the same order.
    counts: Memo<Vec<usize>>,
    selected: Memo<Vec<String>>,
    on_toggle: Callback<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let lang = use_ui().lang.get_untracked();
    (!options.is_empty()).then(|| {
        let rows = options
            .into_iter()
            .enumerate()
            .map(|(place, (key, label))| {
                let count = Memo::new(move |_| counts.with(|c| c.get(place).copied().unwrap_or(0)));
                let checked = {
                    let key = key.clone();
                    Memo::new(move |_| selected.with(|s| s.contains(&key)))
                };
                // A memo: the row's class and its input's attribute follow a change of
                // state, not every new count.
                let disabled = Memo::new(move |_| count.get() == 0 && !checked.get());
                let value = key.clone();
                view! {
                    <li>
                        <label class="check" class:disabled=disabled>
                            <input
                                type="checkbox"
                                name=name
                                value=value
                                prop:checked=move || checked.get()
                                disabled=disabled
                                on:change=move |_| on_toggle.run(key.clone())
                            />
                            <span>{label} " " <span class="count">{move || format!("({})", format_count(lang, count.get()))}</span></span>
                        </label>
                    </li>
                }
            })
            .collect_view();
        view! {
            <fieldset class=format!("facet {class}")>
                <legend>{legend}</legend>
                <ul class=if class.is_empty() { "" } else { "slot-grid" }>{rows}</ul>
            </fieldset>
        }
    })
}
