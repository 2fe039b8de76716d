//! The dataset as the app uses it, after validation (see `validate`).
//! The JSON format is documented in `docs/dataset.md` and `schema/dataset.schema.json`.

use crate::shared::{SharedStr, SharedStrs};
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u64 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub schema: u64,
    /// True for made-up demonstration data: the UI then says so on every page.
    #[serde(default)]
    pub sample: bool,
    pub hospital: Hospital,
    #[serde(default)]
    pub categories: Vec<Category>,
    pub departments: Vec<Department>,
    pub doctors: Vec<Doctor>,
    pub articles: Vec<Article>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Hospital {
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub address: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// The IANA time zone the hospital keeps its timetable in ("Asia/Shanghai");
    /// [`Hospital::timezone`] gives the one to use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The emergency department, for the home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency: Option<Emergency>,
    #[serde(default)]
    pub campuses: Vec<Campus>,
}

/// The time zone of a hospital that names none.
pub const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

impl Hospital {
    /// The IANA time zone to compute "today" and clinic dates in: the dataset's, or
    /// [`DEFAULT_TIMEZONE`].
    pub fn timezone(&self) -> &str {
        self.timezone.as_deref().unwrap_or(DEFAULT_TIMEZONE)
    }
}

/// The emergency department's telephone and opening hours.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Emergency {
    pub phone: String,
    /// "24 hours, every day" / "全天24小时".
    pub hours: Text,
    /// The campus it is at, when the hospital has several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campus: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Campus {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub address: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A link to the campus on a map (an http(s) URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map_url: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub name: Text,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Department {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub campuses: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Plain-language words patients use for this department ("heart", "rash").
    #[serde(default)]
    pub keywords: Vec<Text>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Doctor {
    pub id: String,
    pub name: Text,
    /// Pinyin of the Chinese name, syllables separated by spaces, tones optional
    /// ("zhāng wěi" or "zhang wei"). `hospital-data prepare` fills it in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinyin: Option<String>,
    pub title: TitleRank,
    /// The position as the dataset wrote it, when it matched no rank
    /// (`title` is then [`TitleRank::Other`]): shown as it is.
    #[serde(skip)]
    pub title_as_written: Option<String>,
    /// Professor or associate professor, beside the clinical rank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub academic_title: Option<AcademicTitle>,
    pub departments: Vec<SharedStr>,
    #[serde(default)]
    pub specialties: Vec<Text>,
    #[serde(default)]
    pub conditions: Vec<Text>,
    /// Language codes (`en`, `zh`, `yue`, `wuu`...).
    #[serde(default)]
    pub languages: Vec<SharedStr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Image>,
    #[serde(default)]
    pub bio: Text,
    #[serde(default)]
    pub education: Vec<Text>,
    #[serde(default)]
    pub schedule: Vec<Session>,
    #[serde(default = "yes")]
    pub accepting_new_patients: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking: Option<Booking>,
    /// ISO date (`YYYY-MM-DD`) on which the entry was last checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<SharedStr>,
}

fn yes() -> bool {
    true
}

impl Doctor {
    /// Makes the texts that doctors repeat (departments, specialties, conditions,
    /// languages, campuses, booking lines, education, rooms) the copies `held` has of
    /// them: a loaded dataset keeps one allocation per distinct text, not per doctor.
    pub fn share_texts(&mut self, held: &mut SharedStrs) {
        let texts = (self.specialties.iter_mut())
            .chain(&mut self.conditions)
            .chain(&mut self.education);
        for t in texts {
            t.share(held);
        }
        for s in self.departments.iter_mut().chain(&mut self.languages) {
            held.share(s);
        }
        for session in &mut self.schedule {
            if let Some(c) = &mut session.campus {
                held.share(c);
            }
            for t in session.room.iter_mut().chain(&mut session.note) {
                t.share(held);
            }
        }
        if let Some(phone) = self.booking.as_mut().and_then(|b| b.phone.as_mut()) {
            held.share(phone);
        }
        if let Some(v) = &mut self.verified {
            held.share(v);
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Booking {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<SharedStr>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    pub alt: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
}

/// One weekly outpatient session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub weekday: Weekday,
    #[serde(rename = "session")]
    pub half_day: HalfDay,
    pub clinic: ClinicType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campus: Option<SharedStr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<Text>,
    /// A session that is called off this week ("停诊").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub slug: String,
    pub title: Text,
    /// ISO date, `YYYY-MM-DD`.
    pub date: String,
    pub category: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub summary: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Image>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(default)]
    pub departments: Vec<String>,
    #[serde(default)]
    pub doctors: Vec<String>,
    #[serde(default, flatten)]
    pub body: ArticleBody,
}

/// The Markdown body, inline or in a file of its own fetched when the article opens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ArticleBody {
    Inline {
        body: Text,
    },
    External {
        body_src: String,
    },
    /// An inline body as compiled articles hold it, parsed at build time. Never in JSON.
    #[serde(skip)]
    Parsed {
        body: crate::markdown::ParsedBody,
    },
}

impl ArticleBody {
    /// The body as compiled articles hold it: inline Markdown parsed.
    #[cfg(feature = "parse")]
    pub fn compiled(&self) -> ArticleBody {
        match self {
            ArticleBody::Inline { body } => ArticleBody::Parsed {
                body: crate::markdown::ParsedBody::of(body),
            },
            other => other.clone(),
        }
    }
}

impl Default for ArticleBody {
    fn default() -> Self {
        ArticleBody::Inline {
            body: Text::default(),
        }
    }
}

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $key)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The keyword used in the dataset and in URLs.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            pub fn from_key(key: &str) -> Option<$name> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }

            /// Every accepted keyword, for error messages.
            pub fn keys() -> String {
                [$($key),+].join(", ")
            }
        }
    };
}

keyword_enum!(
    /// Professional title (职称), by profession and, within one, most senior first:
    /// the order is used for sorting. `Other` is a position the table does not know,
    /// kept as written in [`Doctor::title_as_written`]; it sorts last.
    TitleRank {
        ChiefPhysician = "chief_physician",
        AssociateChiefPhysician = "associate_chief_physician",
        AttendingPhysician = "attending_physician",
        ResidentPhysician = "resident_physician",
        Physician = "physician",
        AssistantPhysician = "assistant_physician",
        ChiefPharmacist = "chief_pharmacist",
        AssociateChiefPharmacist = "associate_chief_pharmacist",
        SupervisingPharmacist = "supervising_pharmacist",
        Pharmacist = "pharmacist",
        AssistantPharmacist = "assistant_pharmacist",
        ChiefNurse = "chief_nurse",
        AssociateChiefNurse = "associate_chief_nurse",
        SupervisingNurse = "supervising_nurse",
        NursePractitioner = "nurse_practitioner",
        SeniorNurse = "senior_nurse",
        Nurse = "nurse",
        ChiefTechnician = "chief_technician",
        AssociateChiefTechnician = "associate_chief_technician",
        SupervisingTechnician = "supervising_technician",
        Technician = "technician",
        AssistantTechnician = "assistant_technician",
        Other = "other",
    }
);

keyword_enum!(
    /// Academic title (教授 / 副教授), held beside the clinical rank.
    AcademicTitle {
        Professor = "professor",
        AssociateProfessor = "associate_professor",
    }
);

// A manual impl: the enum is generated by a macro, which cannot carry `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for TitleRank {
    fn default() -> Self {
        TitleRank::AttendingPhysician
    }
}

keyword_enum!(
    Weekday {
        Mon = "mon",
        Tue = "tue",
        Wed = "wed",
        Thu = "thu",
        Fri = "fri",
        Sat = "sat",
        Sun = "sun",
    }
);

keyword_enum!(
    HalfDay {
        Morning = "morning",
        Afternoon = "afternoon",
        Evening = "evening",
    }
);

keyword_enum!(
    /// Clinic tier: general (普通门诊), expert (专家门诊), special-needs (特需门诊).
    ClinicType {
        General = "general",
        Expert = "expert",
        Special = "special",
    }
);

keyword_enum!(
    Gender {
        Female = "female",
        Male = "male",
        Other = "other",
    }
);

impl Weekday {
    /// 0 for Monday.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Dataset {
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }
    pub fn doctor(&self, id: &str) -> Option<&Doctor> {
        self.doctors.iter().find(|d| d.id == id)
    }
    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.slug == slug)
    }
    pub fn campus(&self, id: &str) -> Option<&Campus> {
        self.hospital.campuses.iter().find(|c| c.id == id)
    }
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}
