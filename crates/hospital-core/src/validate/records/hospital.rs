//! The hospital with its campuses, the news categories and the departments.

use crate::fields;
use crate::model::{Campus, Category, Department, Emergency, Hospital, DEFAULT_TIMEZONE};
use crate::validate::decode::Decoder;
use crate::validate::problem::{at, clip, idx, Path};
use serde_json::{Map, Value};

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
                let mark = self.mark();
                let campus = self.object(v, &cp).map(|c| {
                    self.unknown_fields(c, &cp, fields::CAMPUS);
                    Campus {
                        id: self.id(c, &cp, "id"),
                        name: self.text(c, &cp, "name", true),
                        address: self.text(c, &cp, "address", false),
                        phone: self.phone(c, &cp, "phone"),
                        map_url: self.web_url_or_drop(c, &cp, "map_url"),
                    }
                });
                self.name_raw_record(mark, &cp, v, "id", "name");
                campus
            })
            .collect();
        Hospital {
            name: self.text(m, p, "name", true),
            description: self.text(m, p, "description", false),
            address: self.text(m, p, "address", false),
            phone: self.phone(m, p, "phone"),
            website: self.web_url(m, p, "website"),
            timezone: self.timezone(m, p),
            emergency: self.emergency(m, p),
            campuses,
        }
    }

    /// A time zone that does not look like an IANA name is dropped with a warning,
    /// so the site falls back to the default instead of failing in the browser.
    fn timezone(&mut self, m: &Map<String, Value>, p: &Path<'_>) -> Option<String> {
        let zone = self.string(m, p, "timezone", false)?;
        let zone = zone.trim();
        if looks_like_iana_zone(zone) {
            return Some(zone.to_string());
        }
        self.warn(
            at(p, "timezone"),
            format!(
                "\"{}\" does not look like an IANA time zone name such as \"Asia/Shanghai\" or \"Europe/London\"; the site uses {DEFAULT_TIMEZONE}",
                clip(zone)
            ),
        );
        None
    }

    fn emergency(&mut self, m: &Map<String, Value>, p: &Path<'_>) -> Option<Emergency> {
        let v = m.get("emergency").filter(|v| !v.is_null())?;
        let ep = at(p, "emergency");
        let e = self.object(v, &ep)?;
        self.unknown_fields(e, &ep, fields::EMERGENCY);
        if e.get("phone").is_none_or(Value::is_null) {
            self.error(
                at(&ep, "phone"),
                "this field is required (the emergency department's telephone number)",
            );
        }
        let phone = self.phone(e, &ep, "phone");
        let hours = self.text(e, &ep, "hours", true);
        let campus = self.string(e, &ep, "campus", false);
        Some(Emergency {
            phone: phone?,
            hours,
            campus,
        })
    }

    pub(in crate::validate) fn category(&mut self, v: &Value, p: &Path<'_>) -> Option<Category> {
        let mark = self.mark();
        let category = self.object(v, p).map(|m| {
            self.unknown_fields(m, p, fields::CATEGORY);
            Category {
                id: self.id(m, p, "id"),
                name: self.text(m, p, "name", true),
            }
        });
        self.name_raw_record(mark, p, v, "id", "name");
        category
    }

    /// A department; every problem in it names the department by id and name.
    pub(in crate::validate) fn department(
        &mut self,
        v: &Value,
        p: &Path<'_>,
    ) -> Option<Department> {
        let mark = self.mark();
        let department = self.department_fields(v, p);
        self.name_raw_record(mark, p, v, "id", "name");
        department
    }

    fn department_fields(&mut self, v: &Value, p: &Path<'_>) -> Option<Department> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::DEPARTMENT);
        let id = self.optional_id(m, p, "id");
        let name = self.text(m, p, "name", true);
        self.want_english_name(&name, p, "department");
        Some(Department {
            id,
            name,
            description: self.text(m, p, "description", false),
            campuses: self.strings(m, p, "campuses", false),
            phone: self.phone(m, p, "phone"),
            keywords: self.texts(m, p, "keywords"),
        })
    }
}

/// Whether `zone` has the shape of an IANA time zone name: `UTC`, or an area such as
/// `Asia` followed by `/` and a location (`Asia/Shanghai`, `America/Argentina/Buenos_Aires`,
/// `Etc/GMT-8`). It does not hold the whole database, so a misspelt city passes.
fn looks_like_iana_zone(zone: &str) -> bool {
    const AREAS: &[&str] = &[
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
        "Etc",
    ];
    if zone == "UTC" {
        return true;
    }
    let mut parts = zone.split('/');
    let area = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    AREAS.contains(&area)
        && !rest.is_empty()
        && rest.iter().all(|part| {
            part.starts_with(|c: char| c.is_ascii_uppercase())
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-+".contains(&b))
        })
}
