//! A doctor, with the booking details and the timetable's sessions.

use crate::fields;
use crate::labels::{academic_spellings, gender_spellings, rank_spellings};
use crate::model::{
    AcademicTitle, Booking, ClinicType, Doctor, Gender, HalfDay, Session, TitleRank, Weekday,
};
use crate::shared::SharedStr;
use crate::validate::decode::{is_valid_date, Decoder};
use crate::validate::problem::{at, clip, idx, Path};
use serde_json::{Map, Value};

/// The longest position kept as written: longer text is not a title.
const MAX_TITLE: usize = 64;

impl Decoder {
    /// A doctor; every problem in it names the doctor by id and name.
    pub(in crate::validate) fn doctor(&mut self, v: &Value, p: &Path<'_>) -> Option<Doctor> {
        let mark = self.mark();
        let doctor = self.doctor_fields(v, p);
        self.name_raw_record(mark, p, v, "id", "name");
        doctor
    }

    fn doctor_fields(&mut self, v: &Value, p: &Path<'_>) -> Option<Doctor> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::DOCTOR);
        let id = self.optional_id(m, p, "id");
        let name = self.text(m, p, "name", true);
        self.want_english_name(&name, p, "doctor");
        let pinyin = self.string(m, p, "pinyin", false);
        let (title, title_as_written, academic_in_title) = self.title(m, p);
        let academic_title = match m.get("academic_title") {
            None | Some(Value::Null) => academic_in_title,
            Some(_) => self.academic_title(m, p),
        };
        let departments: Vec<String> = self
            .strings(m, p, "departments", false)
            .into_iter()
            .map(|d| self.department_id(d))
            .collect();
        let no_list = matches!(
            m.get("departments"),
            None | Some(Value::Null) | Some(Value::Array(_))
        );
        if departments.is_empty() && no_list {
            self.warn(
                at(p, "departments"),
                "this doctor belongs to no department, so the site lists them under \"Other\"",
            );
        }
        let gender = self.gender(m, p);
        let sp = at(p, "schedule");
        let schedule = self
            .array(m, p, "schedule", false)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.session(v, &idx(&sp, i)))
            .collect();
        let booking = match m.get("booking") {
            None | Some(Value::Null) => None,
            Some(b) => {
                let bp = at(p, "booking");
                self.object(b, &bp).map(|bm| {
                    self.unknown_fields(bm, &bp, fields::BOOKING);
                    Booking {
                        url: self.web_url(bm, &bp, "url"),
                        phone: self.phone(bm, &bp, "phone").map(SharedStr::from),
                    }
                })
            }
        };
        let verified = self.string(m, p, "verified", false);
        if let Some(d) = &verified {
            if !is_valid_date(d) {
                self.error(
                    at(p, "verified"),
                    format!("\"{}\" is not a date of the form YYYY-MM-DD", clip(d)),
                );
            }
        }
        Some(Doctor {
            id,
            name,
            pinyin,
            title,
            title_as_written,
            academic_title,
            departments: departments.into_iter().map(SharedStr::from).collect(),
            specialties: self.texts(m, p, "specialties"),
            conditions: self.texts(m, p, "conditions"),
            languages: (self.strings(m, p, "languages", false).into_iter())
                .map(SharedStr::from)
                .collect(),
            gender,
            photo: self.image(m, p, "photo"),
            bio: self.text(m, p, "bio", false),
            education: self.texts(m, p, "education"),
            schedule,
            accepting_new_patients: self.boolean(m, p, "accepting_new_patients", true),
            booking,
            verified: verified.map(SharedStr::from),
        })
    }

    /// The doctor's `title`: a rank by its key or its name in either language,
    /// perhaps with an academic title beside it ("主任医师、教授"). A position that
    /// names no rank is kept as written ([`TitleRank::Other`]) with a warning.
    fn title(
        &mut self,
        m: &Map<String, Value>,
        p: &Path<'_>,
    ) -> (TitleRank, Option<String>, Option<AcademicTitle>) {
        let Some(written) = self.string(m, p, "title", true) else {
            return (TitleRank::default(), None, None);
        };
        let whole = written.trim();
        if let Some(rank) = TitleRank::from_label(whole) {
            return (rank, None, None);
        }
        if whole.chars().count() > MAX_TITLE {
            self.error(
                at(p, "title"),
                format!(
                    "\"{}\" is too long for a title ({} characters; at most {MAX_TITLE}): give the rank, such as 主任医师 or chief_physician, and put the rest in the biography",
                    clip(whole),
                    whole.chars().count()
                ),
            );
            return (TitleRank::Other, None, None);
        }
        let mut rank = None;
        let mut academic = None;
        let mut rest = Vec::new();
        let parts = whole
            .split(|c: char| "、,，/;；()（）|+".contains(c))
            .map(str::trim)
            .filter(|s| !s.is_empty());
        for part in parts {
            match (TitleRank::from_label(part), AcademicTitle::from_label(part)) {
                (Some(r), _) if rank.is_none() => rank = Some(r),
                (_, Some(a)) if academic.is_none() => academic = Some(a),
                _ => rest.push(part),
            }
        }
        let tp = at(p, "title");
        match rank {
            Some(rank) => {
                if !rest.is_empty() {
                    self.warn(
                        tp,
                        format!(
                            "\"{}\" is not a rank or an academic title, so the title shows {} only (put other positions in the biography)",
                            clip(&rest.join("、")),
                            rank.label().zh
                        ),
                    );
                }
                (rank, None, academic)
            }
            None if rest.is_empty() && academic.is_some() => {
                self.warn(
                    tp,
                    format!(
                        "\"{}\" is an academic title, not a clinical rank, so it is shown as written and sorted after the known ranks; give the rank here (主任医师, chief_physician) and the academic title in \"academic_title\"",
                        clip(whole)
                    ),
                );
                (TitleRank::Other, Some(whole.to_string()), academic)
            }
            None => {
                self.warn(
                    tp,
                    format!(
                        "\"{}\" is not a rank the site knows, so it is shown as written and sorted after the known ranks; a rank is written as its key (chief_physician), its Chinese name (主任医师) or its English name (Chief Physician), listed in docs/dataset.md",
                        clip(whole)
                    ),
                );
                self.suggest(whole, rank_spellings());
                (TitleRank::Other, Some(whole.to_string()), academic)
            }
        }
    }

    /// `academic_title`: professor or associate professor; anything else is left
    /// out with a warning.
    fn academic_title(&mut self, m: &Map<String, Value>, p: &Path<'_>) -> Option<AcademicTitle> {
        let written = self.string(m, p, "academic_title", false)?;
        let found = AcademicTitle::from_label(&written);
        if found.is_none() {
            self.warn(
                at(p, "academic_title"),
                format!(
                    "\"{}\" is not an academic title, so it is left out; accepted: {}",
                    clip(&written),
                    academic_spellings().join(", ")
                ),
            );
            self.suggest(&written, academic_spellings());
        }
        found
    }

    /// `gender`: its key, its name in either language (男, 女, Female), or M / F.
    fn gender(&mut self, m: &Map<String, Value>, p: &Path<'_>) -> Option<Gender> {
        let written = self.string(m, p, "gender", false)?;
        let found = Gender::from_label(&written);
        if found.is_none() {
            self.error(
                at(p, "gender"),
                format!(
                    "\"{}\" is not one of: {} (or 男, 女, M, F)",
                    clip(&written),
                    Gender::keys()
                ),
            );
            self.suggest(&written, gender_spellings());
        }
        found
    }

    pub(in crate::validate) fn session(&mut self, v: &Value, p: &Path<'_>) -> Option<Session> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::SESSION);
        let weekday = self.keyword(m, p, "weekday", Weekday::from_key, Weekday::keys());
        let half_day = self.keyword(m, p, "session", HalfDay::from_key, HalfDay::keys());
        let clinic = self.keyword(m, p, "clinic", ClinicType::from_key, ClinicType::keys());
        let campus = self.string(m, p, "campus", false);
        let room = self.opt_text(m, p, "room");
        let cancelled = self.boolean(m, p, "cancelled", false);
        let note = self.opt_text(m, p, "note");
        Some(Session {
            weekday: weekday?,
            half_day: half_day?,
            clinic: clinic?,
            campus: campus.map(SharedStr::from),
            room,
            cancelled,
            note,
        })
    }
}
