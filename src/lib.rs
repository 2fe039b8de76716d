#![recursion_limit = "512"]
//! hospital-site: a hospital's news and Find a Doctor, rendered in the browser.
//! `boot` decides where the app mounts; `app` is the shell; `pages` holds one file per page.
//! A library as well as the binary Trunk builds, so that `tests/web.rs` can run its
//! pieces in a real browser (wasm-bindgen-test).

mod app;
mod boot;
pub mod clock;
pub mod components;
pub mod config;
pub mod data;
mod dom;
mod head;
pub mod i18n;
mod in_steps;
pub mod markdown_module;
pub mod nav;
mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
mod screenful;
mod swap;
mod take_over;
pub mod ui;

/// Mounts the app (or every widget) in the current page.
pub fn start() {
    boot::start();
}
