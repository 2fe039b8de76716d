//! What the live app must still finish before it takes a pre-rendered page's place, so that
//! it never shows less than the page did: an article whose body is a file of its own
//! (`body_src`) is on the page in full, while the app is still fetching it.

use leptos::prelude::*;

/// How many pieces of work hold the take-over back. Provided by `App`.
#[derive(Clone, Copy)]
pub struct TakeOverHolds(RwSignal<u32>);

impl TakeOverHolds {
    pub fn new() -> Self {
        TakeOverHolds(RwSignal::new(0))
    }

    /// Holds the take-over back until the returned value is dropped.
    pub fn hold(self) -> Hold {
        self.0.update(|n| *n += 1);
        Hold(self.0)
    }

    /// Whether anything holds it back now (tracked, so an effect runs again when not).
    pub fn held(self) -> bool {
        self.0.get() > 0
    }

    pub fn held_untracked(self) -> bool {
        self.0.get_untracked() > 0
    }
}

impl Default for TakeOverHolds {
    fn default() -> Self {
        Self::new()
    }
}

/// One piece of work in progress; dropping it (done, failed or cancelled) lets go.
pub struct Hold(RwSignal<u32>);

impl Drop for Hold {
    fn drop(&mut self) {
        // The app may be gone (its owner disposed) by the time a cancelled fetch ends.
        self.0.try_update(|n| *n = n.saturating_sub(1));
    }
}

/// A hold if the app has the context (it always does; pieces rendered alone in tests may not).
pub fn hold() -> Option<Hold> {
    use_context::<TakeOverHolds>().map(TakeOverHolds::hold)
}
