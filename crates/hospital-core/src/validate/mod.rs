//! Reading a dataset from JSON text: syntax, types and meaning, with every
//! problem reported at once and named by its JSON path (`doctors[12].schedule[3].weekday`).
//!
//! The text is cut into records first ([`outline`]), then each record is parsed into a
//! `serde_json::Value` and decoded field by field, so that one wrong field does not
//! hide the next and the work can be done in slices ([`Staged`]). Text that does not
//! cut cleanly is parsed whole, so that a syntax error carries its line and column.
//!
//! The modules, each depending only on those above it:
//! - `problem`: [`Problem`], [`Severity`], [`Loaded`], and the `Path` of a value;
//! - `suggest`: the nearest accepted value to a near miss;
//! - `decode`: the `Decoder` and its primitives (object, string, text, id, keyword, URL, ...);
//! - `ids`: ids made up for records written without one;
//! - `records`: a decoder per kind of record (hospital, department, doctor, article, ...);
//! - `checks`: the checks across records (unique ids, references, timetables);
//! - `outline`: the text cut into records without parsing them;
//! - `whole` and `staged`: the two loaders, the whole tree at once or record by record.

mod checks;
mod decode;
pub mod ids;
mod outline;
mod problem;
mod records;
mod staged;
mod suggest;
mod whole;

pub use decode::is_valid_date;
pub use problem::{Loaded, Problem, Record, Severity};
pub use records::check_body;
pub use staged::Staged;
pub use whole::{load_value, load_whole, load_whole_bytes};

/// Parses and validates a dataset. `Err` holds every error found (and the warnings).
///
/// The same work as [`Staged`] run to its end; a browser runs [`Staged`] itself, a
/// slice at a time, so that a large dataset never freezes the page.
pub fn load(json: &str) -> Result<Loaded, Vec<Problem>> {
    Staged::new(json.as_bytes()).run()
}

/// The checks across records of articles read apart from the rest of their dataset
/// (the compiled articles' file, after the records): unique slugs, and categories,
/// departments and doctors that `records` holds. The problems, and the articles
/// (`dataset.articles`) when there are no errors, are what the whole dataset's
/// check gives them.
pub fn check_articles(
    records: &crate::model::Dataset,
    articles: Vec<crate::model::Article>,
) -> Result<Loaded, Vec<Problem>> {
    let mut decoder = decode::Decoder::default();
    decoder.check_articles_of(records, &articles);
    decoder.finish(Some(crate::model::Dataset {
        articles,
        ..Default::default()
    }))
}
