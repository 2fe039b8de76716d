//! Putting the live app in the place of the page rendered at build time, so that a visitor
//! sees nothing change: what the visitor typed, ticked, chose or opened before the app was
//! ready is carried over (and searched), and focus and scroll stay where they were.

use crate::dom::found;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// Puts the live app where the page rendered at build time was. Both show the same
/// thing, so nothing moves; the scroll position stays (same height), what the visitor
/// typed or ticked is carried over, and the element that had focus gets it back in its
/// new copy.
pub fn take_over(root: &HtmlElement, live: &HtmlElement) {
    let window = web_sys::window();
    let scroll = window
        .as_ref()
        .map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)));
    let focus_path = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|el| path_from(root, &el));
    let edits = edits(root, live);
    let disclosures = disclosures(root, live);
    while let Some(old) = root.first_child() {
        let _ = root.remove_child(&old);
    }
    while let Some(child) = live.first_child() {
        let _ = root.append_child(&child);
    }
    // Marks the moment for tests and tools: the page is the live app from here on.
    let _ = root.set_attribute("data-hs-live", "");
    for edit in edits {
        edit.apply();
    }
    for button in disclosures {
        button.click();
    }
    if let Some(el) = focus_path.and_then(|p| element_at(root, &p)) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
    if let (Some(w), Some((x, y))) = (window, scroll) {
        w.scroll_to_with_x_and_y(x, y);
    }
}

/// A change the visitor made to one of the page's controls before the app was ready,
/// to be made again on its live copy.
enum Edit {
    Text(HtmlInputElement, String),
    Checked(HtmlInputElement, bool),
    Choice(HtmlSelectElement, String),
}

impl Edit {
    /// Sets the live control and tells the app, as the visitor's own input would have.
    fn apply(self) {
        let (target, event): (Element, &str) = match self {
            Edit::Text(input, value) => {
                input.set_value(&value);
                (input.into(), "input")
            }
            Edit::Checked(input, checked) => {
                input.set_checked(checked);
                (input.into(), "change")
            }
            Edit::Choice(select, value) => {
                select.set_value(&value);
                (select.into(), "change")
            }
        };
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(ev) = web_sys::Event::new_with_event_init_dict(event, &init) {
            let _ = target.dispatch_event(&ev);
        }
    }
}

/// The controls of the page whose state the visitor changed (it differs from the state the
/// page was written with) and that the live copy does not already show.
fn edits(page: &HtmlElement, live: &HtmlElement) -> Vec<Edit> {
    let (old, new) = (controls(page), controls(live));
    if old.len() != new.len() {
        return Vec::new();
    }
    old.into_iter()
        .zip(new)
        .filter_map(|(o, n)| edit(&o, &n))
        .collect()
}

fn controls(root: &HtmlElement) -> Vec<Element> {
    found(root.query_selector_all("input, select"))
}

fn edit(old: &Element, new: &Element) -> Option<Edit> {
    if old.tag_name() != new.tag_name() || old.get_attribute("name") != new.get_attribute("name") {
        return None;
    }
    if let (Some(o), Some(n)) = (
        old.dyn_ref::<HtmlInputElement>(),
        new.dyn_ref::<HtmlInputElement>(),
    ) {
        return match o.type_().as_str() {
            "checkbox" | "radio" => (o.checked() != o.default_checked()
                && o.checked() != n.checked())
            .then(|| Edit::Checked(n.clone(), o.checked())),
            _ => (o.value() != o.default_value() && o.value() != n.value())
                .then(|| Edit::Text(n.clone(), o.value())),
        };
    }
    let (o, n) = (
        old.dyn_ref::<HtmlSelectElement>()?,
        new.dyn_ref::<HtmlSelectElement>()?,
    );
    (o.value() != written_choice(o) && o.value() != n.value())
        .then(|| Edit::Choice(n.clone(), o.value()))
}

/// The live copies of the disclosure buttons (`aria-controls`, `aria-expanded`) that the
/// visitor opened or closed before the app was ready (the shell's script marks them
/// `data-hs-toggled`) and that show the other state: a click sets them as the visitor left them.
fn disclosures(page: &HtmlElement, live: &HtmlElement) -> Vec<HtmlElement> {
    found::<Element>(page.query_selector_all("button[data-hs-toggled][aria-controls]"))
        .into_iter()
        .filter_map(|old| {
            let controls = old.get_attribute("aria-controls")?;
            let selector = format!(
                "button[aria-controls=\"{}\"]",
                controls.replace(['"', '\\'], "")
            );
            let new = live.query_selector(&selector).ok()??;
            (new.get_attribute("aria-expanded") != old.get_attribute("aria-expanded"))
                .then(|| new.dyn_into::<HtmlElement>().ok())?
        })
        .collect()
}

/// The value a `<select>` was written with: its option marked `selected`, else its first.
fn written_choice(select: &HtmlSelectElement) -> String {
    let options = select.options();
    let all: Vec<web_sys::HtmlOptionElement> = (0..options.length())
        .filter_map(|i| options.item(i)?.dyn_into().ok())
        .collect();
    all.iter()
        .find(|o| o.default_selected())
        .or(all.first())
        .map(|o| o.value())
        .unwrap_or_default()
}

/// Element positions from `root` down to `el`, if `el` is inside it. Elements only:
/// the two copies may differ in the comment and text nodes that mark dynamic parts.
fn path_from(root: &HtmlElement, el: &Element) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut node = el.clone();
    while node != **root {
        let parent = node.parent_element()?;
        let children = parent.children();
        let index = (0..children.length()).find(|&i| children.item(i).as_ref() == Some(&node))?;
        path.push(index);
        node = parent;
    }
    path.reverse();
    Some(path)
}

fn element_at(root: &HtmlElement, path: &[u32]) -> Option<HtmlElement> {
    let mut node: Element = root.clone().into();
    for &i in path {
        node = node.children().item(i)?;
    }
    node.dyn_into::<HtmlElement>().ok()
}
