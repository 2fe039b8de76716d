//! UI state shared by every view of one mounted app: language, text size, announcements.

use crate::i18n::{messages, Messages};
use hospital_core::{Lang, Localized, Text};
use leptos::prelude::*;

const LANG_KEY: &str = "hospital-site.lang";
const LARGE_KEY: &str = "hospital-site.larger-text";

#[derive(Clone, Copy)]
pub struct Ui {
    pub lang: RwSignal<Lang>,
    pub larger_text: RwSignal<bool>,
    /// Text for the polite live region: result counts, page changes.
    pub announcement: RwSignal<String>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn browser_lang() -> Option<Lang> {
    let nav = web_sys::window()?.navigator();
    nav.languages()
        .iter()
        .filter_map(|l| l.as_string())
        .find_map(|l| Lang::from_tag(&l))
}

impl Ui {
    /// The URL wins (a shared link in Chinese opens in Chinese), then the user's remembered
    /// choice, then the embedding element's language, then the browser's. Where the
    /// visitor has no switch (`host_decides`, a bare widget), the element's comes second.
    pub fn new(url_lang: Option<Lang>, element_lang: Option<Lang>, host_decides: bool) -> Ui {
        let stored = storage()
            .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
            .and_then(|l| Lang::from_tag(&l));
        let lang = if host_decides {
            url_lang.or(element_lang).or(stored)
        } else {
            url_lang.or(stored).or(element_lang)
        }
        .or_else(browser_lang)
        .unwrap_or(Lang::En);
        let larger = storage()
            .and_then(|s| s.get_item(LARGE_KEY).ok().flatten())
            .is_some_and(|v| v == "1");
        Ui {
            lang: RwSignal::new(lang),
            larger_text: RwSignal::new(larger),
            announcement: RwSignal::new(String::new()),
        }
    }

    /// The page rendered at build time: its language is the page's own, text at its usual size.
    pub fn fixed(lang: Lang) -> Ui {
        Ui {
            lang: RwSignal::new(lang),
            larger_text: RwSignal::new(false),
            announcement: RwSignal::new(String::new()),
        }
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        if let Some(s) = storage() {
            let _ = s.set_item(LANG_KEY, lang.code());
        }
    }

    pub fn toggle_larger_text(&self) {
        let on = !self.larger_text.get_untracked();
        self.larger_text.set(on);
        if let Some(s) = storage() {
            let _ = s.set_item(LARGE_KEY, if on { "1" } else { "0" });
        }
    }

    /// The catalogue of the current language (tracked: views re-render on a switch).
    pub fn t(&self) -> &'static Messages {
        messages(self.lang.get())
    }

    pub fn announce(&self, text: String) {
        self.announcement.set(text);
    }
}

pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}

/// Dataset text in the current language; marked with its own `lang` when it had to
/// fall back to the other language, so screen readers pronounce it right.
pub fn text_view(t: &Text, lang: Lang) -> AnyView {
    let Localized { text, lang: actual } = t.get(lang);
    let text = text.to_string();
    match actual {
        Some(l) if l != lang => view! { <span lang=l.code()>{text}</span> }.into_any(),
        _ => text.into_any(),
    }
}

/// The `lang` attribute for an element holding `t`, when it differs from the UI's.
pub fn lang_attr(t: &Text, lang: Lang) -> Option<&'static str> {
    t.get(lang).lang.filter(|l| *l != lang).map(Lang::code)
}

/// The `tel:` URL of the first number in a phone field as people write it
/// ("+86 21 6324 0090", "(0931)4678260转12 / …").
pub fn tel_href(phone: &str) -> String {
    hospital_core::phone::split(phone)
        .into_iter()
        .next()
        .map(|n| n.href)
        .unwrap_or_else(|| hospital_core::phone::tel_href(phone))
}
