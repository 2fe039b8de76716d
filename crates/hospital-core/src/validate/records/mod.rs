//! The record decoders, one file per kind of record; this one reads the document's
//! top level.

use super::decode::folded_name;
use super::decode::{kind_of, Decoder};
use super::ids::{department_id_base, doctor_id_base, fallback_id, IdMaker};
use super::problem::{at, idx, ROOT};
use crate::fields;
use crate::model::{Dataset, Department, Hospital, SCHEMA_VERSION};
use serde_json::{Map, Value};
use std::collections::HashMap;

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
        let mut departments: Vec<Department> = self
            .array(m, &ROOT, "departments", true)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.department(v, &idx(&at(&ROOT, "departments"), i)))
            .collect();
        self.fill_department_ids(&mut departments);
        self.learn_department_names(&departments);
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

    /// Departments written without an id get one from their English name.
    fn fill_department_ids(&mut self, departments: &mut [Department]) {
        if departments.iter().all(|d| !d.id.is_empty()) {
            return;
        }
        let written: Vec<String> = departments.iter().map(|d| d.id.clone()).collect();
        let mut ids = IdMaker::new(written.iter().map(String::as_str));
        let list = at(&ROOT, "departments");
        for (i, d) in departments
            .iter_mut()
            .enumerate()
            .filter(|(_, d)| d.id.is_empty())
        {
            d.id = ids.make(department_id_base(&d.name), &fallback_id("department", i));
            let mark = self.mark();
            self.warn(at(&idx(&list, i), "id"), made_up_id_message(&d.id));
            self.name_record(mark, idx(&list, i), &d.id, &d.name);
        }
    }

    /// Each department's names, so that a reference may name a department instead
    /// of giving its id. A name two departments share names neither.
    fn learn_department_names(&mut self, departments: &[Department]) {
        let mut names: HashMap<String, Option<String>> = HashMap::new();
        for d in departments {
            for name in d.name.all().map(folded_name).filter(|n| !n.is_empty()) {
                names
                    .entry(name)
                    .and_modify(|id| {
                        if id.as_deref() != Some(d.id.as_str()) {
                            *id = None;
                        }
                    })
                    .or_insert_with(|| Some(d.id.clone()));
            }
        }
        self.department_names = names
            .into_iter()
            .filter_map(|(name, id)| Some((name, id?)))
            .collect();
        self.department_ids = departments.iter().map(|d| d.id.clone()).collect();
    }

    /// A reference to a department by its id or by its name: the id.
    pub(in crate::validate) fn department_id(&self, written: String) -> String {
        if self.department_ids.contains(&written) {
            return written;
        }
        self.department_names
            .get(&folded_name(&written))
            .cloned()
            .unwrap_or(written)
    }

    /// Doctors written without an id get one from their pinyin or English name,
    /// unique among every doctor's: run once all doctors are read.
    pub(in crate::validate) fn fill_doctor_ids(&mut self, ds: &mut Dataset) {
        if ds.doctors.iter().all(|d| !d.id.is_empty()) {
            return;
        }
        let written: Vec<String> = ds.doctors.iter().map(|d| d.id.clone()).collect();
        let mut ids = IdMaker::new(written.iter().map(String::as_str));
        let list = at(&ROOT, "doctors");
        for (i, d) in ds
            .doctors
            .iter_mut()
            .enumerate()
            .filter(|(_, d)| d.id.is_empty())
        {
            let base = doctor_id_base(d.pinyin.as_deref(), &d.name);
            d.id = ids.make(base, &fallback_id("doctor", i));
            let mark = self.mark();
            self.warn(at(&idx(&list, i), "id"), made_up_id_message(&d.id));
            self.name_record(mark, idx(&list, i), &d.id, &d.name);
        }
    }
}

fn made_up_id_message(id: &str) -> String {
    format!(
        "no id, so the site uses \"{id}\"; run `hospital-data prepare` to write it into the file, so that the address stays the same when the list changes"
    )
}
