//! While the visitor types, the finder's results show only the cards that fit the window;
//! the rest of the page follows, a few cards per task, once typing pauses.
//!
//! A keystroke that changes the results rebuilds every new card, and at 10,000 doctors
//! twenty new cards were most of a keystroke's work (Leptos building them, then Chromium's
//! style and layout of each). The cards below the window are not seen while typing; they
//! are built when the typing rests, so a key costs what the screen shows. The finder also
//! announces its count to screen readers once typing rests (`typing`), not at every key.

use crate::dom::found;
use leptos::prelude::*;
use std::time::Duration;
use web_sys::Element;

/// How long typing must rest before the rest of the page is built: the same pause after
/// which the address follows the typed text (`nav`).
const PAUSE: Duration = Duration::from_millis(300);

/// Cards built per task when the rest of the page follows.
const PER_TASK: usize = 5;

/// How tall a card and the gap after it are taken to be when no card can be measured
/// (the list was empty when typing began).
const MIN_CARD_PX: f64 = 140.0;

/// Cards measured for the least height a card can have: the first ones of the list.
const CARDS_MEASURED: u32 = 8;

/// The parts of a card that some cards lack: specialties, what matched, languages.
const OPTIONAL_PARTS: &str = ".specialties, .why, .languages";

/// The parts every card has, whose text may wrap onto more lines in one card than another.
const WRAPPING_PARTS: &str = ".doctor-name, .rank, .next";

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
    /// The least height of a card with the gap after it, measured when typing begins.
    card_px: StoredValue<f64>,
}

impl Screenful {
    pub fn new(page: usize) -> Self {
        Screenful {
            limit: RwSignal::new(page),
            page,
            typing: RwSignal::new(false),
            timer: StoredValue::new(None),
            card_px: StoredValue::new(MIN_CARD_PX),
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
        let list = results_list(input);
        if !self.typing.get_untracked() {
            // The page shown when typing begins has its cards laid out (a whole page of
            // them once typing has rested): they say how short a card can be at this width.
            let measured = list.as_ref().and_then(shortest_card);
            self.card_px.set_value(measured.unwrap_or(MIN_CARD_PX));
        }
        let on_screen = cards_on_screen(list.as_ref(), self.card_px.get_value()).min(self.page);
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

/// The finder's list of results, found from its search box (which works inside a widget's
/// shadow root too).
fn results_list(input: &web_sys::Element) -> Option<web_sys::Element> {
    input
        .closest(".doctor-finder")
        .ok()
        .flatten()?
        .query_selector(".doctor-list")
        .ok()
        .flatten()
}

/// How many cards can be seen at once between the top of the finder's list and the bottom
/// of the window, each at least `card_px` tall with its gap; at least one. A list scrolled
/// above the window counts from the window's top. On a desktop the list starts about
/// 400 px down and a phone's about 600 px down, below the search and filters, so the
/// window shows three cards or one.
fn cards_on_screen(list: Option<&web_sys::Element>, card_px: f64) -> usize {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(900.0);
    let top = list
        .map_or(0.0, |list| list.get_bounding_client_rect().top())
        // Not `f64::clamp`: its panic message would bring float formatting into the wasm
        // (15 kB).
        .max(0.0)
        .min(height);
    // A card's height guards against a list whose cards are hidden (0 px tall).
    (((height - top) / card_px.max(24.0)).ceil() as usize).max(1)
}

/// The least height a card of `list` can have at the list's width, with the gap after it:
/// each measured card without the parts some cards lack and without the extra lines its
/// name, rank and clinics wrap onto, the least of them. So the count of cards that fill
/// the window follows the layout, the fonts and the width, not a guess: a desktop's cards
/// are about 200 px at least, where the guess before was 140 (four cards built per key
/// where two were seen).
fn shortest_card(list: &web_sys::Element) -> Option<f64> {
    let cards = list.children();
    let first = cards.item(0)?;
    let gap = cards.item(1).map_or(0.0, |second| {
        second.get_bounding_client_rect().top() - first.get_bounding_client_rect().bottom()
    });
    let window = web_sys::window()?;
    let mut least: Option<f64> = None;
    for at in 0..cards.length().min(CARDS_MEASURED) {
        let Some(card) = cards.item(at) else { break };
        let mut height = card.get_bounding_client_rect().height();
        for part in found::<Element>(card.query_selector_all(OPTIONAL_PARTS)) {
            // What the part adds: from its top to the next part's (its margin with it).
            let top = part.get_bounding_client_rect().top();
            height -= match part.next_element_sibling() {
                Some(next) => next.get_bounding_client_rect().top() - top,
                None => part.get_bounding_client_rect().height(),
            };
        }
        for part in found::<Element>(card.query_selector_all(WRAPPING_PARTS)) {
            let style = window.get_computed_style(&part).ok().flatten();
            let pixels = |property: &str| {
                style
                    .as_ref()?
                    .get_property_value(property)
                    .ok()?
                    .strip_suffix("px")
                    // The browser's own number parsing: Rust's `f64` parser is 17 kB of wasm.
                    .map(js_sys::parse_float)
                    .filter(|px| px.is_finite())
            };
            // A line height of "normal" is not in pixels: the font's size is less than a
            // line, so the card is taken shorter, never taller, than it can be.
            if let Some(line) = pixels("line-height").or_else(|| pixels("font-size")) {
                height -= (part.get_bounding_client_rect().height() - line).max(0.0);
            }
        }
        least = Some(least.map_or(height, |l| l.min(height)));
    }
    least.map(|height| height + gap.max(0.0))
}
