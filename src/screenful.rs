//! While the visitor types, the finder's results show only the cards that fit the window;
//! the rest of the page follows, a few cards per task, once typing pauses.
//!
//! A keystroke that changes the results rebuilds every new card, and at 10,000 doctors
//! twenty new cards were most of a keystroke's work (Leptos building them, then Chromium's
//! style and layout of each). The cards below the window are not seen while typing; they
//! are built when the typing rests, so a key costs what the screen shows. The finder also
//! announces its count to screen readers once typing rests (`typing`), not at every key.

use leptos::prelude::*;
use std::time::Duration;

/// How long typing must rest before the rest of the page is built: the same pause after
/// which the address follows the typed text (`nav`).
const PAUSE: Duration = Duration::from_millis(300);

/// Cards built per task when the rest of the page follows.
const PER_TASK: usize = 5;

/// A card is at least this tall; the window's height over it is how many can be seen.
const MIN_CARD_PX: f64 = 140.0;

#[derive(Clone, Copy)]
pub struct Screenful {
    /// How many cards of the page to build now.
    limit: RwSignal<usize>,
    /// The page's size: the limit once typing rests.
    page: usize,
    /// From a key until typing rests.
    typing: RwSignal<bool>,
    /// The rest a key waits for: a new key restarts it.
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Screenful {
    pub fn new(page: usize) -> Self {
        Screenful {
            limit: RwSignal::new(page),
            page,
            typing: RwSignal::new(false),
            timer: StoredValue::new(None),
        }
    }

    /// How many cards to build now (tracked).
    pub fn limit(&self) -> Signal<usize> {
        self.limit.into()
    }

    /// Whether a key was typed and typing has not rested since (tracked).
    pub fn typing(&self) -> Signal<bool> {
        self.typing.into()
    }

    /// A key was typed in `input`: from now until typing rests, only the cards that fit
    /// the window below the top of the list. Called by the search box before it
    /// navigates, so the key's own render already builds no more than a screenful.
    pub fn typed(&self, input: &web_sys::Element) {
        let on_screen = cards_on_screen(input).min(self.page);
        if self.limit.get_untracked() != on_screen {
            self.limit.set(on_screen);
        }
        if !self.typing.get_untracked() {
            self.typing.set(true);
        }
        if let Some(timer) = self.timer.try_get_value().flatten() {
            timer.clear();
        }
        let this = *self;
        let timer = set_timeout_with_handle(move || this.fill(), PAUSE).ok();
        self.timer.set_value(timer);
    }

    /// Builds the rest of the page, a few cards per task; a key typed meanwhile stops it.
    fn fill(self) {
        self.timer.set_value(None);
        self.typing.try_set(false);
        leptos::task::spawn_local(async move {
            while self
                .limit
                .try_get_untracked()
                .is_some_and(|n| n < self.page)
            {
                if self.typing.try_get_untracked() != Some(false) {
                    return;
                }
                self.limit
                    .try_update(|n| *n = (*n + PER_TASK).min(self.page));
                crate::data::next_task().await;
            }
        });
    }
}

/// How many cards can be seen at once between the top of the finder's list (found from
/// its search box, which works inside a widget's shadow root too) and the bottom of the
/// window; at least one. A list scrolled above the window counts from the window's top.
/// On a desktop the list starts about 400 px down and a phone's about 600 px down, below
/// the search and filters, so the window shows two cards or one, not the seven that its
/// height alone allowed.
fn cards_on_screen(input: &web_sys::Element) -> usize {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(900.0);
    let top = input
        .closest(".doctor-finder")
        .ok()
        .flatten()
        .and_then(|finder| finder.query_selector(".doctor-list").ok().flatten())
        .map_or(0.0, |list| list.get_bounding_client_rect().top())
        // Not `f64::clamp`: its panic message would bring float formatting into the wasm
        // (15 kB).
        .max(0.0)
        .min(height);
    (((height - top) / MIN_CARD_PX).ceil() as usize).max(1)
}
