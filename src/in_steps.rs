//! Building a large view a few parts per task, so that no one task of a page's first render
//! is long: the finder's twenty cards and its filters were one task of 210–280 ms at
//! Lighthouse's 4× slower CPU (`bench/profile-takeover.mjs`), about 120 ms in these steps.

use leptos::prelude::*;

/// How many of a view's `total` parts to build: `first` in the render that creates it, then
/// `per_task` more in each task after it. The take-over of a page written at build time
/// waits until all are built, so it never shows less than the page did. Natively (a page
/// rendered at build time) all are built at once.
pub fn built_in_steps(total: usize, first: usize, per_task: usize) -> ReadSignal<usize> {
    if !cfg!(target_arch = "wasm32") || first >= total {
        return RwSignal::new(total).read_only();
    }
    let built = RwSignal::new(first);
    let hold = crate::take_over::hold();
    leptos::task::spawn_local(async move {
        // `try_`: the view may be gone (navigated away from) between two tasks.
        while built.try_get_untracked().is_some_and(|n| n < total) {
            crate::data::next_task().await;
            built.try_update(|n| *n = (*n + per_task.max(1)).min(total));
        }
        drop(hold);
    });
    built.read_only()
}
