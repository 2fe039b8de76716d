//! What the readers gather before it becomes a dataset: people with the cells that
//! describe them, their sessions, and the departments, campuses and hospital that
//! directory formats (FHIR) describe as records of their own.

use super::columns::Field;
use super::report::Loc;
use hospital_core::model::{ClinicType, HalfDay, Weekday};
use hospital_core::Lang;

/// One value for one field, as written, and where.
#[derive(Clone, Debug)]
pub struct Entry {
    pub field: Field,
    pub lang: Option<Lang>,
    pub value: String,
    pub loc: Loc,
}

/// One weekly session as read.
#[derive(Clone, Debug)]
pub struct SessionIn {
    pub weekday: Weekday,
    pub half: HalfDay,
    pub clinic: Option<ClinicType>,
    /// A campus id or name.
    pub campus: Option<String>,
    /// The room in each language given (`None`: by its script).
    pub room: Vec<(Option<Lang>, String)>,
    pub cancelled: bool,
    /// The note in each language given (`None`: by its script).
    pub note: Vec<(Option<Lang>, String)>,
    pub loc: Loc,
}

/// One row of a sheet, or one Practitioner: a doctor, or part of one (a timetable
/// row names the doctor and one session).
#[derive(Clone, Debug, Default)]
pub struct Person {
    pub loc: Option<Loc>,
    pub entries: Vec<Entry>,
    pub sessions: Vec<SessionIn>,
}

impl Person {
    pub fn values(&self, field: Field) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.field == field)
    }

    pub fn first(&self, field: Field) -> Option<&Entry> {
        self.values(field).next()
    }

    /// The person's name as a sheet writes it, for messages.
    pub fn label(&self) -> Option<String> {
        if let Some(n) = self.first(Field::Name) {
            return Some(n.value.clone());
        }
        let given = self.first(Field::GivenName).map(|e| e.value.as_str());
        let family = self.first(Field::FamilyName).map(|e| e.value.as_str());
        match (given, family) {
            (None, None) => self.first(Field::Id).map(|e| e.value.clone()),
            (g, f) => Some([g, f].into_iter().flatten().collect::<Vec<_>>().join(" ")),
        }
    }
}

/// A department described as a record (a FHIR Organization that is part of another).
#[derive(Clone, Debug)]
pub struct DepartmentIn {
    /// The key people refer to it by (a FHIR reference), if any.
    pub key: Option<String>,
    pub names: Vec<(Option<Lang>, String)>,
    pub phone: Option<String>,
    pub loc: Loc,
}

/// A campus (a FHIR Location).
#[derive(Clone, Debug)]
pub struct CampusIn {
    pub key: Option<String>,
    pub names: Vec<(Option<Lang>, String)>,
    pub address: Option<String>,
    pub loc: Loc,
}

/// The hospital (a FHIR Organization that is part of no other).
#[derive(Clone, Debug, Default)]
pub struct HospitalIn {
    pub names: Vec<(Option<Lang>, String)>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
}

#[derive(Debug, Default)]
pub struct Harvest {
    pub people: Vec<Person>,
    pub departments: Vec<DepartmentIn>,
    pub campuses: Vec<CampusIn>,
    pub hospital: Option<HospitalIn>,
    /// Rows read (with some content), for the summary.
    pub rows: usize,
    /// Where each sheet's header row was found (one or two rows), for tests and messages.
    pub headers: Vec<Loc>,
    /// FHIR resources read, resolved together by `fhir::settle` once all files are in.
    pub fhir: Vec<super::fhir::Resource>,
}
