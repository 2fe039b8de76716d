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

#[derive(Clone, Debug)]
pub struct MountConfig {
    pub mode: Mode,
    pub scope: Scope,
    /// Dataset URL set by the deployment (never by the page's own query string).
    pub src: Option<String>,
    pub lang: Option<Lang>,
    /// Where the widget's stylesheet lives (set by widget.js).
    pub assets: Option<String>,
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
        src: attr(el, "data-src"),
        lang: attr(el, "data-lang").and_then(|l| Lang::from_tag(&l)),
        assets: None,
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
    MountConfig {
        mode: Mode::Widget {
            param: format!("hs-{key}"),
        },
        scope: scope_of(
            attr(el, "data-view").as_deref(),
            attr(el, "data-department"),
        ),
        src: attr(el, "data-src"),
        lang: attr(el, "data-lang").and_then(|l| Lang::from_tag(&l)),
        assets: attr(el, "data-hs-assets"),
    }
}
