//! The mapping file (`--mapping map.toml`): headers the importer does not know, and
//! values it does not know, in the dataset's own names.
//!
//! ```toml
//! header_row = 3                    # optional: the header is on this row
//! default_title = "attending_physician"  # optional: for doctors whose rows give no rank
//! [columns]
//! "Consultant Grade" = "title"
//! "Unit (EN)" = "departments.en"
//! "Clinic Mon AM" = "mon.morning"
//! "Hosp Aff" = "ignore"
//! [titles]
//! "Senior Consultant" = "chief_physician"
//! [genders]
//! "W" = "female"
//! [clinics]
//! "名医" = "expert"
//! ```

use super::columns::{from_mapping, mapping_names, Column};
use super::values::{squash, title_rank};
use hospital_core::model::{ClinicType, Gender, TitleRank};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    header_row: Option<usize>,
    #[serde(default)]
    default_title: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    titles: BTreeMap<String, String>,
    #[serde(default)]
    genders: BTreeMap<String, String>,
    #[serde(default)]
    clinics: BTreeMap<String, String>,
}

#[derive(Debug, Default)]
pub struct Mapping {
    pub header_row: Option<usize>,
    /// The rank of doctors whose rows give none (FHIR directories often do not).
    pub default_title: Option<TitleRank>,
    /// By the header as written, trimmed.
    pub columns: BTreeMap<String, Column>,
    /// By the squashed label.
    pub titles: BTreeMap<String, TitleRank>,
    pub genders: BTreeMap<String, Gender>,
    pub clinics: BTreeMap<String, ClinicType>,
}

impl Mapping {
    /// Reads a mapping file; `Err` lists every mistake in it.
    pub fn parse(text: &str, name: &str) -> Result<Mapping, Vec<String>> {
        let file: File = toml::from_str(text).map_err(|e| {
            vec![format!(
                "{name}: {}",
                e.to_string().trim_end().replace('\n', "\n    ")
            )]
        })?;
        let mut errors = Vec::new();
        let mut m = Mapping {
            header_row: file.header_row,
            ..Mapping::default()
        };
        if let Some(t) = &file.default_title {
            match title_rank(t) {
                Some(t) => m.default_title = Some(t),
                None => errors.push(format!(
                    "{name}: default_title = \"{t}\": not a rank; use one of {}",
                    TitleRank::keys()
                )),
            }
        }
        for (header, target) in &file.columns {
            match from_mapping(target) {
                Some(c) => {
                    m.columns.insert(header.trim().to_string(), c);
                }
                None => errors.push(format!(
                    "{name}: [columns] \"{header}\" = \"{target}\": not a field of the format; \
                     use one of {}",
                    mapping_names()
                )),
            }
        }
        for (label, key) in &file.titles {
            match title_rank(key) {
                Some(t) => {
                    m.titles.insert(squash(label), t);
                }
                None => errors.push(format!(
                    "{name}: [titles] \"{label}\" = \"{key}\": not a rank; use one of {}",
                    TitleRank::keys()
                )),
            }
        }
        for (label, key) in &file.genders {
            match Gender::from_key(key.trim()) {
                Some(g) => {
                    m.genders.insert(squash(label), g);
                }
                None => errors.push(format!(
                    "{name}: [genders] \"{label}\" = \"{key}\": use one of {}",
                    Gender::keys()
                )),
            }
        }
        for (label, key) in &file.clinics {
            match ClinicType::from_key(key.trim()) {
                Some(c) => {
                    m.clinics.insert(squash(label), c);
                }
                None => errors.push(format!(
                    "{name}: [clinics] \"{label}\" = \"{key}\": use one of {}",
                    ClinicType::keys()
                )),
            }
        }
        if errors.is_empty() {
            Ok(m)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::Field;

    #[test]
    fn reads_columns_and_values() {
        let m = Mapping::parse(
            "[columns]\n\"Grade\" = \"title\"\n\"Unit\" = \"departments\"\n[titles]\n\"Senior Consultant\" = \"chief_physician\"\n",
            "map.toml",
        )
        .expect("valid mapping");
        assert_eq!(
            m.columns.get("Grade"),
            Some(&Column::Field(Field::Title, None))
        );
        assert_eq!(
            m.titles.get("seniorconsultant"),
            Some(&TitleRank::ChiefPhysician)
        );
    }

    #[test]
    fn lists_every_mistake() {
        let errors = Mapping::parse(
            "[columns]\n\"A\" = \"shoe\"\n[genders]\n\"W\" = \"woman\"\n",
            "map.toml",
        )
        .err()
        .unwrap_or_default();
        assert_eq!(errors.len(), 2, "{errors:?}");
        let syntax = Mapping::parse("[columns\n", "map.toml")
            .err()
            .unwrap_or_default();
        assert!(syntax[0].contains("line 1"), "{syntax:?}");
        let unknown = Mapping::parse("[colums]\n", "map.toml")
            .err()
            .unwrap_or_default();
        assert!(unknown[0].contains("colums"), "{unknown:?}");
    }
}
