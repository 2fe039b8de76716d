//! hospital-site: a hospital's news and Find a Doctor, rendered in the browser.
//! `boot` decides where the app mounts; `app` is the shell; `pages` holds one file per page.

mod app;
mod boot;
mod components;
mod config;
mod data;
mod head;
mod i18n;
mod nav;
mod pages;
mod ui;

fn main() {
    boot::start();
}
