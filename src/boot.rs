//! Where the app mounts. A page with `[data-hospital-site]` elements is a host page:
//! each element gets a widget inside its own Shadow DOM root, so that neither the
//! host's CSS nor the widget's leaks across. Otherwise the app owns the page (`#app`).

use crate::app::App;
use crate::config::{self, MountConfig, ReadyHook};
use crate::dom::found;
use crate::swap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

pub fn start() {
    show_panics();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let widgets = found::<web_sys::Element>(document.query_selector_all("[data-hospital-site]"));
    let mut mounted = 0;
    // Numbered by their place among the elements found, HTML or not.
    for (i, el) in widgets.into_iter().enumerate() {
        let Ok(el) = el.dyn_into::<HtmlElement>() else {
            continue;
        };
        // A second init() on the same page must not mount twice.
        if el.has_attribute("data-hs-mounted") {
            continue;
        }
        let _ = el.set_attribute("data-hs-mounted", "");
        mount_widget(&document, &el, config::widget(&el, i));
        mounted += 1;
    }
    if mounted == 0 {
        if let Some(root) = document
            .get_element_by_id("app")
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            if root.has_attribute("data-hs-mounted") {
                return;
            }
            let _ = root.set_attribute("data-hs-mounted", "");
            let mut config = config::standalone(&root);
            let prerendered = root.has_attribute("data-hs-prerendered");
            let target = if prerendered {
                // The page rendered at build time stays on screen, links and all, while the
                // app loads off the document (so the page never holds two copies of an id,
                // heading or control); it takes the page's place in one frame.
                match new_div(&document) {
                    Some(live) => {
                        let (page, app) = (root.clone(), live.clone());
                        config.on_ready =
                            Some(ReadyHook(Rc::new(move || swap::take_over(&page, &app))));
                        live
                    }
                    None => return,
                }
            } else {
                root.set_inner_text("");
                root
            };
            let mount = move || {
                leptos::mount::mount_to(
                    target,
                    move || leptos::prelude::view! { <App config=config.clone()/> },
                )
                .forget()
            };
            if prerendered {
                // The page is there to read, so the first render can wait one turn: the
                // task that compiled and started the wasm and the one that renders are
                // then two tasks, each shorter than the 50 ms after which a task blocks.
                leptos::prelude::set_timeout(mount, std::time::Duration::ZERO);
            } else {
                mount();
            }
        }
    }
}

/// A new `<div>`, not yet in the document.
fn new_div(document: &web_sys::Document) -> Option<HtmlElement> {
    document
        .create_element("div")
        .ok()?
        .dyn_into::<HtmlElement>()
        .ok()
}

fn mount_widget(document: &web_sys::Document, host: &HtmlElement, config: MountConfig) {
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let Ok(shadow) = host.attach_shadow(&init) else {
        return;
    };
    // A <link> passes a strict CSP (style-src 'self') where an inline <style> would not.
    let link = config.assets.as_deref().and_then(|assets| {
        let link = document.create_element("link").ok()?;
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &format!("{}main.css", ensure_slash(assets)));
        link.dyn_into::<HtmlElement>().ok()
    });
    let Some(container) = new_div(document) else {
        return;
    };
    let _ = shadow.append_child(&container);
    let mount = move || {
        leptos::mount::mount_to(
            container,
            move || leptos::prelude::view! { <App config=config.clone()/> },
        )
        .forget();
    };
    let Some(link) = link else {
        mount();
        return;
    };
    // A stylesheet inside a shadow root does not hold back rendering as one in <head>
    // does: drawn before it arrives, the widget would paint unstyled, then grow and move
    // the host page (a layout shift). So the app draws once the sheet has loaded, or has
    // failed to (then unstyled is the best there is).
    let pending = Rc::new(std::cell::Cell::new(Some(mount)));
    let on_done = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if let Some(mount) = pending.take() {
            mount();
        }
    })
    .into_js_value();
    link.set_onload(Some(on_done.unchecked_ref()));
    link.set_onerror(Some(on_done.unchecked_ref()));
    let _ = shadow.prepend_with_node_1(&link);
}

fn ensure_slash(s: &str) -> String {
    if s.ends_with('/') {
        s.to_string()
    } else {
        format!("{s}/")
    }
}

/// A bug must never leave a blank page: the release build aborts on panic, so before it
/// does, every mount point gets a short apology with a way forward, and the details go to
/// the console for the web team. (The hook runs before the abort.)
fn show_panics() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("hospital-site stopped: {info}").into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        // Both languages: the UI state that knew the choice may be what broke.
        let message = format!(
            "{} {}",
            crate::i18n::messages(hospital_core::Lang::En).crashed,
            crate::i18n::messages(hospital_core::Lang::Zh).crashed
        );
        let mounted = found::<web_sys::Element>(document.query_selector_all("[data-hs-mounted]"));
        for el in mounted {
            let target = el
                .shadow_root()
                .map(|r| r.unchecked_into::<web_sys::Node>())
                .unwrap_or_else(|| el.into());
            if let Ok(p) = document.create_element("p") {
                let _ = p.set_attribute("role", "alert");
                p.set_text_content(Some(&message));
                target.set_text_content(None);
                let _ = target.append_child(&p);
            }
        }
    }));
}
