//! Navigation without a router that listens to the whole page: only the app's own
//! links carry click handlers, so a host page's links are never intercepted.
//! Standalone mode keeps the route in the path (clean URLs under a base path);
//! widget mode keeps it in one namespaced query parameter and leaves the host's path alone.

use crate::config::{Mode, Scope};
use hospital_core::route::{self, Location, NewsQuery, Route};
use hospital_core::Lang;
use leptos::prelude::*;
use std::time::Duration;
use web_sys::MouseEvent;

/// How long typing must pause before the address follows it. Writing the address
/// (`history.replaceState`) took about 3 ms of every keystroke's 9 in the finder, and
/// Chromium refuses more than 200 history writes in 10 seconds.
const ADDRESS_DELAY: Duration = Duration::from_millis(300);

/// A route the address is still to show, and the timer that will write it.
struct PendingAddress {
    route: Route,
    timer: Option<TimeoutHandle>,
}

#[derive(Clone, Copy)]
pub struct Nav {
    location: RwSignal<Location>,
    mode: StoredValue<Mode>,
    scope: StoredValue<Scope>,
    /// Counts navigations, so views can tell a new page from the first one.
    pub navigations: RwSignal<u32>,
    /// Standalone: the language whose pages the links point to (`/zh/…` for Chinese).
    lang: RwSignal<Option<Lang>>,
    pending: StoredValue<Option<PendingAddress>, LocalStorage>,
}

fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

fn current_url_parts() -> (String, String, String) {
    let loc = window().location();
    (
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default(),
        loc.hash().unwrap_or_default(),
    )
}

/// The host's query string with our parameter set to `value` (or removed).
fn with_param(search: &str, param: &str, value: Option<&str>) -> String {
    let mut pairs: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| route::decode_component(p.split('=').next().unwrap_or("")) != param)
        .map(str::to_string)
        .collect();
    if let Some(v) = value {
        pairs.push(format!(
            "{}={}",
            route::encode_component(param),
            route::encode_component(v)
        ));
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

fn default_route(scope: &Scope) -> Route {
    let news = NewsQuery::default();
    match scope {
        Scope::All => Route::Home(news),
        Scope::News => Route::News(news),
        Scope::Doctors => Route::Doctors(Default::default()),
        Scope::Department(id) => Route::Department(id.clone()),
    }
}

/// Reads the app's location from the browser's URL.
fn read_location(mode: &Mode, scope: &Scope) -> Location {
    let (path, search, _) = current_url_parts();
    match mode {
        Mode::Standalone { base } => {
            let rest = path.strip_prefix(base.as_str()).unwrap_or(&path);
            route::parse(rest, &search)
        }
        Mode::Widget { param } => {
            let ours = route::parse_query(&search)
                .into_iter()
                .find(|(k, _)| k == param)
                .map(|(_, v)| v);
            match ours {
                Some(url) => route::parse_url(&url),
                None => Location {
                    route: default_route(scope),
                    lang: None,
                },
            }
        }
    }
}

impl Nav {
    pub fn new(mode: Mode, scope: Scope) -> Nav {
        let start = read_location(&mode, &scope);
        let lang = RwSignal::new(start.lang);
        let location = RwSignal::new(start);
        let nav = Nav {
            location,
            mode: StoredValue::new(mode),
            scope: StoredValue::new(scope),
            navigations: RwSignal::new(0),
            lang,
            pending: StoredValue::new_local(None),
        };
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            // The entry a late write was meant for is no longer the current one.
            nav.cancel_pending_address();
            let loc = nav
                .mode
                .with_value(|m| nav.scope.with_value(|s| read_location(m, s)));
            if loc != nav.location.get_untracked() {
                nav.location.set(loc);
                nav.navigations.update(|n| *n += 1);
            }
        });
        // Leaving or hiding the page writes what typing left pending, so that a restored
        // tab or the next visit in history shows the search as it was.
        let hidden =
            window_event_listener(leptos::ev::pagehide, move |_| nav.write_pending_address());
        on_cleanup(move || {
            handle.remove();
            hidden.remove();
        });
        nav
    }

    /// A navigation state that never asks the browser: the page rendered at build time.
    pub fn fixed(mode: Mode, scope: Scope, location: Location) -> Nav {
        Nav {
            lang: RwSignal::new(location.lang),
            location: RwSignal::new(location),
            mode: StoredValue::new(mode),
            scope: StoredValue::new(scope),
            navigations: RwSignal::new(0),
            pending: StoredValue::new_local(None),
        }
    }

    /// Standalone: the links and the address follow the page's language, so that a
    /// Chinese page's links lead to Chinese pages (`/zh/…`), with or without scripts,
    /// and a copied address opens in the language it was copied in.
    pub fn follow_language(&self, lang: Lang) {
        if self.is_widget() || self.lang.get_untracked() == Some(lang) {
            return;
        }
        let previous = self.lang.get_untracked().unwrap_or(Lang::En);
        self.lang.set(Some(lang));
        if route::lang_prefix(previous) != route::lang_prefix(lang) {
            self.go(self.route_untracked(), true);
        }
    }

    pub fn route(&self) -> Route {
        self.location.with(|l| l.route.clone())
    }

    pub fn route_untracked(&self) -> Route {
        self.location.with_untracked(|l| l.route.clone())
    }

    pub fn url_lang(&self) -> Option<hospital_core::Lang> {
        self.location.with_untracked(|l| l.lang)
    }

    pub fn is_widget(&self) -> bool {
        self.mode.with_value(|m| matches!(m, Mode::Widget { .. }))
    }

    /// What goes into `<a href>`: a real URL, so that open-in-new-tab and copying work.
    pub fn href(&self, route: &Route) -> String {
        let url = route.to_url();
        self.mode.with_value(|mode| match mode {
            Mode::Standalone { base } => {
                let prefix = route::lang_prefix(self.lang.get().unwrap_or(Lang::En));
                format!("{base}{prefix}{url}")
            }
            Mode::Widget { param } => {
                let (path, search, hash) = current_url_parts();
                format!("{path}{}{hash}", with_param(&search, param, Some(&url)))
            }
        })
    }

    /// Goes to `route`. `replace` edits the current history entry instead of adding one,
    /// so that typing in a search box does not add an entry per key; the address follows
    /// once typing pauses. A new entry first gets the current one its last address, so
    /// that Back returns to the search as it was typed.
    pub fn go(&self, route: Route, replace: bool) {
        if replace {
            self.cancel_pending_address();
            let nav = *self;
            let timer =
                set_timeout_with_handle(move || nav.write_pending_address(), ADDRESS_DELAY).ok();
            self.pending.set_value(Some(PendingAddress {
                route: route.clone(),
                timer,
            }));
            let lang = self.location.with_untracked(|l| l.lang);
            self.location.set(Location { route, lang });
        } else {
            self.change_in_place(route);
            self.navigations.update(|n| *n += 1);
        }
    }

    /// Adds a history entry for a change the visitor made on the page itself (a filter
    /// ticked, a sort or a category chosen), so that Back undoes it. Unlike `go`, it is
    /// not a new page: focus stays on the control (WCAG 3.2.2, no change of context on
    /// input), where a keyboard user goes on from.
    pub fn change_in_place(&self, route: Route) {
        self.write_pending_address();
        write_address(&self.href(&route), false);
        let lang = self.location.with_untracked(|l| l.lang);
        self.location.set(Location { route, lang });
    }

    /// Writes the address that typing left pending, now. The href is made now too: another
    /// widget on the page may have written its own parameter in the meantime.
    fn write_pending_address(&self) {
        if let Some(route) = self.cancel_pending_address() {
            write_address(&self.href(&route), true);
        }
    }

    /// Drops the pending address and its timer; returns the route it was for.
    fn cancel_pending_address(&self) -> Option<Route> {
        let pending = self.pending.try_update_value(Option::take).flatten()?;
        if let Some(timer) = pending.timer {
            timer.clear();
        }
        Some(pending.route)
    }

    /// Click handler for the app's own links: a plain left click navigates in place;
    /// a modified click (new tab, new window, download) is left to the browser.
    pub fn follow(&self, ev: &MouseEvent, route: Route) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        ev.prevent_default();
        self.go(route, false);
    }
}

fn write_address(href: &str, replace: bool) {
    if let Ok(history) = window().history() {
        let state = wasm_bindgen::JsValue::NULL;
        let _ = if replace {
            history.replace_state_with_url(&state, "", Some(href))
        } else {
            history.push_state_with_url(&state, "", Some(href))
        };
    }
}

pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

/// A link to one of the app's pages.
#[component]
pub fn Link(
    #[prop(into)] to: Signal<Route>,
    children: Children,
    #[prop(optional, into)] class: Option<String>,
    #[prop(optional, into)] aria_current: Option<Signal<bool>>,
) -> impl IntoView {
    let nav = use_nav();
    let current = move || {
        aria_current
            .map(|c| c.get())
            .unwrap_or(false)
            .then_some("page")
    };
    view! {
        <a
            href=move || nav.href(&to.get())
            class=class
            aria-current=current
            on:click=move |ev| nav.follow(&ev, to.get_untracked())
        >
            {children()}
        </a>
    }
}

/// A link whose label is computed now, so that it borrows nothing from the caller.
pub fn link(to: Route, class: Option<&'static str>, label: AnyView) -> impl IntoView {
    let class = class.map(str::to_string);
    view! { <Link to=to class=class.unwrap_or_default()>{label}</Link> }
}

#[cfg(test)]
mod tests {
    use super::with_param;

    #[test]
    fn keeps_the_hosts_own_parameters() {
        assert_eq!(
            with_param("?page=2&hs-0=%2Fnews", "hs-0", Some("/doctors")),
            "?page=2&hs-0=%2Fdoctors"
        );
        assert_eq!(with_param("", "hs-0", Some("/")), "?hs-0=%2F");
        assert_eq!(with_param("?a=1&hs-0=x", "hs-0", None), "?a=1");
    }
}
