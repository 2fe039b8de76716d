//! A doctor, with the booking details and the timetable's sessions.

use crate::fields;
use crate::model::{Booking, ClinicType, Doctor, Gender, HalfDay, Session, TitleRank, Weekday};
use crate::validate::decode::{is_valid_date, Decoder};
use crate::validate::problem::{at, clip, idx, Path};
use serde_json::Value;

impl Decoder {
    pub(in crate::validate) fn doctor(&mut self, v: &Value, p: &Path<'_>) -> Option<Doctor> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::DOCTOR);
        let id = self.id(m, p, "id");
        let name = self.text(m, p, "name", true);
        let pinyin = self.string(m, p, "pinyin", false);
        let title = self.keyword(m, p, "title", TitleRank::from_key, TitleRank::keys());
        let departments = self.strings(m, p, "departments", true);
        if departments.is_empty() && matches!(m.get("departments"), Some(Value::Array(_))) {
            self.error(
                at(p, "departments"),
                "a doctor needs at least one department",
            );
        }
        let gender = match m.get("gender") {
            None | Some(Value::Null) => None,
            Some(_) => self.keyword(m, p, "gender", Gender::from_key, Gender::keys()),
        };
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
                        phone: self.phone(bm, &bp, "phone"),
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
            title: title.unwrap_or_default(),
            departments,
            specialties: self.texts(m, p, "specialties"),
            conditions: self.texts(m, p, "conditions"),
            languages: self.strings(m, p, "languages", false),
            gender,
            photo: self.image(m, p, "photo"),
            bio: self.text(m, p, "bio", false),
            education: self.texts(m, p, "education"),
            schedule,
            accepting_new_patients: self.boolean(m, p, "accepting_new_patients", true),
            booking,
            verified,
        })
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
            campus,
            room,
            cancelled,
            note,
        })
    }
}
