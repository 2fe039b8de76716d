//! hospital-core: everything hospital-site knows that is not about the browser.
//!
//! - [`model`]: the dataset types; [`validate`]: JSON text to a checked dataset.
//! - [`text`]: languages and bilingual text; [`urls`]: which URLs may become links;
//!   [`phone`]: telephone fields split into numbers with their `tel:` links.
//! - [`normalize`]: folding text for search; [`search`]: the doctor index and query engine.
//! - [`news`]: the news feed's filters, search and paging.
//! - [`route`]: URLs to typed routes and back; [`markdown`]: Markdown to safe blocks.
//! - [`department`]: a department's doctors and week, departments per campus.
//! - [`schedule`]: weekly sessions as dated clinics from "now".
//! - [`compiled`]: the container of the files compiled at build time (the doctor index).
//! - [`labels`]: the keywords' names (ranks, clinic types, weekdays...) in each language.
//! - [`shared`]: strings that many records share, one allocation for all their copies;
//!   [`places`]: a record's place in its list by its id.

pub mod compiled;
pub mod department;
pub mod fields;
pub mod labels;
pub mod markdown;
pub mod model;
pub mod news;
pub mod normalize;
pub mod phone;
pub mod places;
pub mod route;
pub mod schedule;
pub mod search;
pub mod seo;
pub mod shared;
pub mod sort;
pub mod text;
pub mod urls;
pub mod validate;

pub use model::*;
pub use shared::{SharedStr, SharedStrs};
pub use text::{Lang, Localized, Text, Translations};

/// The name of the dataset file that a site build publishes beside the app
/// (`hospital-data site` writes it; the app and a widget without `data-src` fetch it).
/// At the site's root, so the dataset's relative URLs (`images/…`, `body_src`) name the
/// same files they named when the dataset was compiled into the app.
pub const PUBLISHED_DATASET: &str = "hospital.json";

/// The same dataset compiled (`compiled::dataset`), beside it: what the site's own pages
/// and widgets load, since it reads without parsing or checking JSON in the browser.
pub const COMPILED_DATASET: &str = "hospital.bin";
/// Its articles, beside it (`compiled::dataset::articles_file_for`): fetched by the pages
/// that show articles, never by the doctor finder.
pub const COMPILED_ARTICLES: &str = "hospital.articles.bin";
