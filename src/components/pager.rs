use crate::nav::Link;
use crate::ui::use_ui;
use hospital_core::route::Route;
use leptos::prelude::*;

/// Numbered pages with previous/next; `route_for(n)` is the route of page `n`.
///
/// The list is rebuilt only when the page or the number of pages changes. The links
/// follow `route_for` on their own: in the finder it reads the typed text, and typing
/// should change an `href`, not rebuild the pager at every key.
#[component]
pub fn Pager(
    #[prop(into)] page: Signal<usize>,
    #[prop(into)] pages: Signal<usize>,
    route_for: Callback<usize, Route>,
) -> impl IntoView {
    let ui = use_ui();
    let to = move |n: usize| Signal::derive(move || route_for.run(n));
    move || {
        let (page, pages) = (page.get(), pages.get());
        (pages > 1).then(|| {
            let t = ui.t();
            // Show the first, the last, and two pages either side of the current one.
            let shown: Vec<usize> = (1..=pages)
                .filter(|&n| n == 1 || n == pages || n.abs_diff(page) <= 2)
                .collect();
            let mut items = Vec::new();
            let mut last = 0;
            for n in shown {
                if n > last + 1 {
                    items.push(view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any());
                }
                last = n;
                items.push(if n == page {
                    view! { <li><span class="current" aria-current="page">{n}</span></li> }
                        .into_any()
                } else {
                    view! { <li><Link to=to(n)>{n}</Link></li> }.into_any()
                });
            }
            view! {
                <nav class="pager" aria-label=t.page_nav>
                    <ul>
                        {(page > 1).then(|| view! { <li><Link to=to(page - 1) class="prev">{t.previous_page}</Link></li> })}
                        {items}
                        {(page < pages).then(|| view! { <li><Link to=to(page + 1) class="next">{t.next_page}</Link></li> })}
                    </ul>
                    <p class="visually-hidden">{(t.page_of)(page, pages)}</p>
                </nav>
            }
        })
    }
}
