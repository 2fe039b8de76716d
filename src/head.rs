//! The document's head follows the page: title, description, canonical URL, Open Graph
//! and JSON-LD. Only in standalone mode: a widget never touches its host's head.
//! JSON-LD is written with `textContent`, so dataset text cannot become markup.

use crate::nav::Nav;
use leptos::prelude::*;
use serde_json::Value;

#[derive(Clone, Debug, Default)]
pub struct Head {
    pub title: String,
    pub description: String,
    pub image: Option<String>,
    /// schema.org data for this page.
    pub json_ld: Option<Value>,
    pub og_type: Option<&'static str>,
}

const MARK: &str = "data-hs-head";

pub fn set_head(head: Head) {
    let Some(nav) = use_context::<Nav>() else {
        return;
    };
    if nav.is_widget() {
        return;
    }
    let site = use_context::<std::sync::Arc<crate::data::AppData>>()
        .map(|d| {
            d.dataset
                .hospital
                .name
                .get(crate::ui::use_ui().lang.get_untracked())
                .text
                .to_string()
        })
        .unwrap_or_default();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    document.set_title(&if head.title.is_empty() || site.is_empty() {
        format!("{}{}", head.title, site)
    } else {
        format!("{} · {site}", head.title)
    });
    let Some(head_el) = document.head() else {
        return;
    };
    // Remove what the previous page (or the pre-rendered HTML) set.
    let old = head_el.query_selector_all(&format!("[{MARK}], meta[name=description], meta[property^='og:'], script[type='application/ld+json'], link[rel=canonical]"));
    for n in crate::dom::found::<web_sys::Element>(old) {
        n.remove();
    }
    let url = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let canonical = url.split(['?', '#']).next().unwrap_or("").to_string();
    let meta = |attr: &str, key: &str, value: &str| {
        if value.is_empty() {
            return;
        }
        if let Ok(m) = document.create_element("meta") {
            let _ = m.set_attribute(attr, key);
            let _ = m.set_attribute("content", value);
            let _ = m.set_attribute(MARK, "");
            let _ = head_el.append_child(&m);
        }
    };
    meta("name", "description", &head.description);
    meta("property", "og:title", &head.title);
    meta("property", "og:description", &head.description);
    meta("property", "og:type", head.og_type.unwrap_or("website"));
    meta("property", "og:url", &canonical);
    meta("property", "og:site_name", &site);
    if let Some(img) = &head.image {
        meta("property", "og:image", img);
    }
    if let Ok(link) = document.create_element("link") {
        let _ = link.set_attribute("rel", "canonical");
        let _ = link.set_attribute("href", &canonical);
        let _ = link.set_attribute(MARK, "");
        let _ = head_el.append_child(&link);
    }
    if let Some(ld) = head.json_ld {
        if let Ok(script) = document.create_element("script") {
            let _ = script.set_attribute("type", "application/ld+json");
            let _ = script.set_attribute(MARK, "");
            script.set_text_content(Some(&ld.to_string()));
            let _ = head_el.append_child(&script);
        }
    }
}
