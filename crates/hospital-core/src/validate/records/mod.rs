//! The record decoders, one file per kind of record; this one reads the document's
//! top level.

use super::decode::{kind_of, Decoder};
use super::problem::{at, idx, ROOT};
use crate::fields;
use crate::model::{Dataset, Hospital, SCHEMA_VERSION};
use serde_json::{Map, Value};

mod article;
mod doctor;
mod hospital;

pub use article::check_body;

impl Decoder {
    pub(in crate::validate) fn dataset(&mut self, v: &Value) -> Option<Dataset> {
        let m = self.object(v, &ROOT)?;
        let mut dataset = self.dataset_head(m);
        dataset.doctors = self
            .array(m, &ROOT, "doctors", true)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.doctor(v, &idx(&at(&ROOT, "doctors"), i)))
            .collect();
        dataset.articles = self
            .array(m, &ROOT, "articles", true)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.article(v, &idx(&at(&ROOT, "articles"), i)))
            .collect();
        Some(dataset)
    }

    /// Every top-level field but the long lists of doctors and articles.
    pub(in crate::validate) fn dataset_head(&mut self, m: &Map<String, Value>) -> Dataset {
        self.unknown_fields(m, &ROOT, fields::DATASET);
        let schema = match m.get("schema") {
            Some(Value::Number(n)) if n.as_u64() == Some(SCHEMA_VERSION) => SCHEMA_VERSION,
            Some(Value::Number(n)) => {
                self.error("schema", format!("schema version {n} is not supported; this build reads version {SCHEMA_VERSION}"));
                SCHEMA_VERSION
            }
            Some(other) => {
                self.error(
                    "schema",
                    format!(
                        "expected the number {SCHEMA_VERSION}, found {}",
                        kind_of(other)
                    ),
                );
                SCHEMA_VERSION
            }
            None => {
                self.error(
                    "schema",
                    format!("this field is required (the number {SCHEMA_VERSION})"),
                );
                SCHEMA_VERSION
            }
        };
        let sample = self.boolean(m, &ROOT, "sample", false);
        let hospital = match m.get("hospital") {
            Some(h) => self.hospital(h, &at(&ROOT, "hospital")),
            None => {
                self.error("hospital", "this field is required (an object)");
                Hospital::default()
            }
        };
        let categories = self
            .array(m, &ROOT, "categories", false)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.category(v, &idx(&at(&ROOT, "categories"), i)))
            .collect();
        let departments = self
            .array(m, &ROOT, "departments", true)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.department(v, &idx(&at(&ROOT, "departments"), i)))
            .collect();
        Dataset {
            schema,
            sample,
            hospital,
            categories,
            departments,
            doctors: Vec::new(),
            articles: Vec::new(),
        }
    }
}
