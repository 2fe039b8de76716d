//! How this instance of the app was mounted: the whole page (standalone) or a widget
//! inside someone else's page, read from the mount element's `data-*` attributes.

use hospital_core::Lang;
use web_sys::HtmlElement;

/// Which part of the site a widget shows first and in its navigation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    News,
    Doctors,
    /// One department's page and doctors.
    Department(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The app owns the page: clean URLs under `base` (for example `/hospital-site`).
    Standalone { base: String },
    /// A guest in a host page: its state lives in the query parameter `param` only.
    Widget { param: String },
}

/// What surrounds the page's content: the whole site's header, navigation, language and
/// text-size switches, sample notice and footer, or (a widget of one view) none of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chrome {
    Full,
    /// The view alone, inside a host page that has its own header and footer.
    Bare,
}

#[derive(Clone, Debug)]
pub struct MountConfig {
    pub mode: Mode,
    pub scope: Scope,
    pub chrome: Chrome,
    /// Dataset URL set by the deployment (never by the page's own query string).
    pub src: Option<String>,
    /// The compiled doctor index of that dataset (`hospital-data site` writes it as
    /// `doctors.idx` beside `hospital.json`): set by the deployment with
    /// `data-index-src`; without `data-src`, the one beside the published dataset.
    pub index_src: Option<String>,
    pub lang: Option<Lang>,
    /// Where the widget's stylesheet lives (set by widget.js).
    pub assets: Option<String>,
    /// Set when the page is rendered at build time (`prerender`): no browser, the
    /// dataset already loaded, the location and language fixed.
    pub fixed: Option<Fixed>,
    /// Called once, just before the next paint, when the app has its first page (or its
    /// "could not load" screen) on screen: `boot` then puts it in place of the page
    /// rendered at build time.
    pub on_ready: Option<ReadyHook>,
}

#[derive(Clone)]
pub struct ReadyHook(pub std::rc::Rc<dyn Fn()>);

impl std::fmt::Debug for ReadyHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReadyHook")
    }
}

/// What a build-time render knows instead of asking the browser.
#[derive(Clone)]
pub struct Fixed {
    pub data: std::sync::Arc<crate::data::AppData>,
    pub location: hospital_core::route::Location,
    pub lang: Lang,
    /// The hospital's clock at build time: "next clinics" count from it.
    pub now: hospital_core::schedule::Now,
}

impl std::fmt::Debug for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fixed")
            .field("location", &self.location)
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl MountConfig {
    pub fn is_widget(&self) -> bool {
        matches!(self.mode, Mode::Widget { .. })
    }
}

fn attr(el: &HtmlElement, name: &str) -> Option<String> {
    el.get_attribute(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn scope_of(view: Option<&str>, department: Option<String>) -> Scope {
    match (view, department) {
        (Some("department"), Some(id)) => Scope::Department(id),
        (Some("news"), _) => Scope::News,
        (Some("doctors"), _) => Scope::Doctors,
        _ => Scope::All,
    }
}

/// The standalone page. Its base path comes from the `<base>` element that Trunk fills
/// with `--public-url` (for example `/hospital-site/`), so one build serves one path.
pub fn standalone(el: &HtmlElement) -> MountConfig {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|b| web_sys::Url::new(&b).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    MountConfig {
        mode: Mode::Standalone {
            base: base.trim_end_matches('/').to_string(),
        },
        scope: Scope::All,
        chrome: Chrome::Full,
        src: attr(el, "data-src"),
        index_src: attr(el, "data-index-src"),
        lang: attr(el, "data-lang").and_then(|l| Lang::from_tag(&l)),
        assets: None,
        fixed: None,
        on_ready: None,
    }
}

/// A widget: `index` numbers the widgets of one page so each gets its own URL parameter,
/// unless the element has an `id`, which makes the parameter stable across page edits.
pub fn widget(el: &HtmlElement, index: usize) -> MountConfig {
    let key = attr(el, "id")
        .filter(|id| {
            id.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .unwrap_or_else(|| index.to_string());
    let scope = scope_of(
        attr(el, "data-view").as_deref(),
        attr(el, "data-department"),
    );
    MountConfig {
        mode: Mode::Widget {
            param: format!("hs-{key}"),
        },
        chrome: chrome_of(&scope, attr(el, "data-chrome").as_deref()),
        scope,
        src: attr(el, "data-src"),
        index_src: attr(el, "data-index-src"),
        // The widget speaks the host page's language unless told otherwise.
        lang: attr(el, "data-lang")
            .or_else(host_lang)
            .and_then(|l| Lang::from_tag(&l)),
        assets: attr(el, "data-hs-assets"),
        fixed: None,
        on_ready: None,
    }
}

/// A widget of the whole site keeps the site's chrome; a widget of one view shows that
/// view alone, unless `data-chrome="full"` asks for the rest.
fn chrome_of(scope: &Scope, attr: Option<&str>) -> Chrome {
    match (scope, attr) {
        (_, Some("full")) | (Scope::All, None) => Chrome::Full,
        _ => Chrome::Bare,
    }
}

fn host_lang() -> Option<String> {
    web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute("lang")
        .filter(|l| !l.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::{chrome_of, Chrome, Scope};

    #[test]
    fn one_view_widgets_are_bare_unless_asked() {
        assert_eq!(chrome_of(&Scope::All, None), Chrome::Full);
        assert_eq!(chrome_of(&Scope::Doctors, None), Chrome::Bare);
        assert_eq!(chrome_of(&Scope::News, None), Chrome::Bare);
        assert_eq!(
            chrome_of(&Scope::Department("x".into()), None),
            Chrome::Bare
        );
        assert_eq!(chrome_of(&Scope::Doctors, Some("full")), Chrome::Full);
        assert_eq!(chrome_of(&Scope::All, Some("bare")), Chrome::Bare);
    }
}
