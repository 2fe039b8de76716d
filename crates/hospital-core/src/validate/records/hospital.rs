//! The hospital with its campuses, the news categories and the departments.

use crate::fields;
use crate::model::{Campus, Category, Department, Hospital};
use crate::validate::decode::Decoder;
use crate::validate::problem::{at, idx, Path};
use serde_json::Value;

impl Decoder {
    pub(in crate::validate) fn hospital(&mut self, v: &Value, p: &Path<'_>) -> Hospital {
        let Some(m) = self.object(v, p) else {
            return Hospital::default();
        };
        self.unknown_fields(m, p, fields::HOSPITAL);
        let list = at(p, "campuses");
        let campuses = self
            .array(m, p, "campuses", false)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let cp = idx(&list, i);
                let c = self.object(v, &cp)?;
                self.unknown_fields(c, &cp, fields::CAMPUS);
                Some(Campus {
                    id: self.id(c, &cp, "id"),
                    name: self.text(c, &cp, "name", true),
                    address: self.text(c, &cp, "address", false),
                })
            })
            .collect();
        Hospital {
            name: self.text(m, p, "name", true),
            description: self.text(m, p, "description", false),
            address: self.text(m, p, "address", false),
            phone: self.phone(m, p, "phone"),
            website: self.web_url(m, p, "website"),
            campuses,
        }
    }

    pub(in crate::validate) fn category(&mut self, v: &Value, p: &Path<'_>) -> Option<Category> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::CATEGORY);
        Some(Category {
            id: self.id(m, p, "id"),
            name: self.text(m, p, "name", true),
        })
    }

    pub(in crate::validate) fn department(
        &mut self,
        v: &Value,
        p: &Path<'_>,
    ) -> Option<Department> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::DEPARTMENT);
        Some(Department {
            id: self.id(m, p, "id"),
            name: self.text(m, p, "name", true),
            description: self.text(m, p, "description", false),
            campuses: self.strings(m, p, "campuses", false),
            phone: self.phone(m, p, "phone"),
            keywords: self.texts(m, p, "keywords"),
        })
    }
}
