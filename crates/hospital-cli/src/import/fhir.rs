//! FHIR R4 provider directories, as NDJSON (one resource a line, the bulk-data export
//! Synthea and EHRs write) or as a Bundle: Practitioner (name, gender, telecom, photo,
//! communication, qualification), PractitionerRole (practitioner, organization,
//! location, code, specialty, telecom, availableTime), Location (campuses) and
//! Organization (the hospital, and departments: organizations that are part of it).
//! References are resolved as `Type/id` or as Synthea's conditional
//! `Type?identifier=system|value`.

use super::columns::Field;
use super::record::{CampusIn, DepartmentIn, Entry, Harvest, HospitalIn, Person, SessionIn};
use super::report::{Loc, Problems, Unit};
use super::values::{has_cjk, language, time_of_day, title_in, weekday};
use hospital_core::model::HalfDay;
use hospital_core::Lang;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// A resource as read, with its place; resolved once every file is read, since a bulk
/// export (Synthea's among them) writes one file per resource type.
#[derive(Debug)]
pub struct Resource {
    value: Value,
    loc: Loc,
}

/// Is this JSON text a FHIR resource or Bundle (rather than a dataset)?
pub fn looks_like_fhir(text: &str) -> bool {
    let head: String = text.chars().take(2000).collect();
    head.contains("\"resourceType\"")
}

/// Reads NDJSON or one JSON document (a Bundle or a single resource).
pub fn read(text: &str, file_loc: &Loc, out: &mut Harvest, problems: &mut Problems) {
    let mut resources = Vec::new();
    let trimmed = text.trim_start_matches('\u{feff}');
    match serde_json::from_str::<Value>(trimmed) {
        Ok(v) => collect(v, file_loc, None, &mut resources, problems),
        Err(whole) => {
            // NDJSON: one resource per line.
            let mut any = false;
            for (i, line) in trimmed.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let loc = Loc {
                    unit: Unit::Line,
                    ..file_loc.at_row(i + 1)
                };
                match serde_json::from_str::<Value>(line) {
                    Ok(v) => {
                        any = true;
                        collect(v, &loc, None, &mut resources, problems)
                    }
                    Err(e) => problems.error(
                        &loc,
                        format!("this line is not a JSON resource and was not imported: {e}"),
                    ),
                }
            }
            if !any && resources.is_empty() {
                problems.error(
                    file_loc,
                    format!("the file is neither JSON nor NDJSON: {whole}"),
                );
            }
        }
    }
    out.fhir.extend(resources);
}

/// Turns the resources of every file read into people, departments and campuses.
pub fn settle(out: &mut Harvest, problems: &mut Problems) {
    let resources = std::mem::take(&mut out.fhir);
    if !resources.is_empty() {
        let before = out.people.len();
        build(resources, out, problems);
        out.rows += out.people.len() - before;
    }
}

fn collect(
    v: Value,
    loc: &Loc,
    entry: Option<usize>,
    out: &mut Vec<Resource>,
    problems: &mut Problems,
) {
    let loc = match entry {
        Some(i) => Loc {
            unit: Unit::Entry,
            row: i,
            ..loc.clone()
        },
        None => loc.clone(),
    };
    match v.get("resourceType").and_then(Value::as_str) {
        Some("Bundle") => {
            let entries = v
                .get("entry")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for (i, e) in entries.into_iter().enumerate() {
                match e.get("resource") {
                    Some(r) => collect(r.clone(), &loc, Some(i), out, problems),
                    None => problems.warn(
                        &Loc {
                            unit: Unit::Entry,
                            row: i,
                            ..loc.clone()
                        },
                        "the Bundle entry has no resource",
                    ),
                }
            }
        }
        Some(_) => out.push(Resource { value: v, loc }),
        None => problems.error(&loc, "not a FHIR resource (no resourceType); not imported"),
    }
}

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A CodeableConcept as people read it: its text, else its first coding's display.
fn concept_text(c: &Value) -> Option<String> {
    str_at(c, "text")
        .or_else(|| array(c, "coding").iter().find_map(|k| str_at(k, "display")))
        .map(str::to_string)
}

/// The keys a reference may use for a resource: `Type/id` and `Type?identifier=system|value`.
fn keys(kind: &str, r: &Value) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(id) = str_at(r, "id") {
        keys.push(format!("{kind}/{id}"));
        keys.push(format!("urn:uuid:{id}"));
    }
    for ident in array(r, "identifier") {
        if let Some(value) = str_at(ident, "value") {
            let system = str_at(ident, "system").unwrap_or("");
            keys.push(format!("{kind}?identifier={system}|{value}"));
            keys.push(format!("{kind}?identifier={value}"));
        }
    }
    keys
}

fn reference(v: &Value) -> Option<String> {
    str_at(v, "reference").map(str::to_string)
}

/// Names of a HumanName list: each with the language its characters say.
fn human_names(p: &Value) -> Vec<(Option<Lang>, String)> {
    let mut names: Vec<&Value> = array(p, "name").iter().collect();
    // Official names first.
    names.sort_by_key(|n| str_at(n, "use") != Some("official"));
    let mut out: Vec<(Option<Lang>, String)> = Vec::new();
    for n in names {
        let text = match str_at(n, "text") {
            Some(t) => t.to_string(),
            None => {
                let given: Vec<&str> = array(n, "given").iter().filter_map(Value::as_str).collect();
                let family = str_at(n, "family").unwrap_or("");
                if has_cjk(family) || given.iter().any(|g| has_cjk(g)) {
                    format!("{family}{}", given.concat())
                } else {
                    let mut parts = given.clone();
                    parts.push(family);
                    parts.retain(|s| !s.trim().is_empty());
                    parts.join(" ")
                }
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        let lang = if has_cjk(&text) { Lang::Zh } else { Lang::En };
        if !out.iter().any(|(l, _)| *l == Some(lang)) {
            out.push((Some(lang), text));
        }
    }
    out
}

fn phone(v: &Value) -> Option<String> {
    let phones: Vec<&Value> = array(v, "telecom")
        .iter()
        .filter(|t| str_at(t, "system") == Some("phone"))
        .collect();
    phones
        .iter()
        .find(|t| str_at(t, "use") == Some("work"))
        .or(phones.first())
        .and_then(|t| str_at(t, "value"))
        .map(str::to_string)
}

fn address(v: &Value) -> Option<String> {
    let a = v.get("address")?;
    let a = a.as_array().and_then(|l| l.first()).unwrap_or(a);
    if let Some(t) = str_at(a, "text") {
        return Some(t.to_string());
    }
    let mut parts: Vec<&str> = array(a, "line").iter().filter_map(Value::as_str).collect();
    parts.extend(
        ["city", "state", "postalCode"]
            .iter()
            .filter_map(|k| str_at(a, k)),
    );
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn entry(
    person: &mut Person,
    field: Field,
    lang: Option<Lang>,
    value: impl Into<String>,
    loc: &Loc,
    at: &str,
) {
    person.entries.push(Entry {
        field,
        lang,
        value: value.into(),
        loc: loc.with_field(at),
    });
}

fn is_department(org: &Value) -> bool {
    org.get("partOf").is_some()
        || array(org, "type").iter().any(|t| {
            array(t, "coding")
                .iter()
                .any(|c| matches!(str_at(c, "code"), Some("dept" | "department")))
        })
}

fn build(resources: Vec<Resource>, out: &mut Harvest, problems: &mut Problems) {
    let mut practitioners: Vec<&Resource> = Vec::new();
    let mut roles: Vec<&Resource> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new(); // practitioner key -> person index
    let mut dept_keys: HashMap<String, String> = HashMap::new(); // org key -> department name
    let mut campus_keys: HashMap<String, String> = HashMap::new(); // location key -> campus name
    let mut root_orgs: Vec<(&Resource, HashSet<String>)> = Vec::new();
    for r in &resources {
        match str_at(&r.value, "resourceType") {
            Some("Practitioner") => practitioners.push(r),
            Some("PractitionerRole") => roles.push(r),
            Some("Location") => {
                let Some(name) = str_at(&r.value, "name") else {
                    problems.warn(
                        &r.loc.with_field("Location.name"),
                        "a Location without a name was not imported",
                    );
                    continue;
                };
                let ks = keys("Location", &r.value);
                for k in &ks {
                    campus_keys.insert(k.clone(), name.to_string());
                }
                let lang = if has_cjk(name) { Lang::Zh } else { Lang::En };
                out.campuses.push(CampusIn {
                    key: ks.first().cloned(),
                    names: vec![(Some(lang), name.to_string())],
                    address: address(&r.value),
                    loc: r.loc.clone(),
                });
            }
            Some("Organization") => {
                let Some(name) = str_at(&r.value, "name") else {
                    problems.warn(
                        &r.loc.with_field("Organization.name"),
                        "an Organization without a name was not imported",
                    );
                    continue;
                };
                let lang = if has_cjk(name) { Lang::Zh } else { Lang::En };
                let mut names = vec![(Some(lang), name.to_string())];
                for alias in array(&r.value, "alias").iter().filter_map(Value::as_str) {
                    let l = if has_cjk(alias) { Lang::Zh } else { Lang::En };
                    if !names.iter().any(|(x, _)| *x == Some(l)) {
                        names.push((Some(l), alias.to_string()));
                    }
                }
                let ks = keys("Organization", &r.value);
                if is_department(&r.value) {
                    for k in &ks {
                        dept_keys.insert(k.clone(), name.to_string());
                    }
                    out.departments.push(DepartmentIn {
                        key: ks.first().cloned(),
                        names,
                        phone: phone(&r.value),
                        loc: r.loc.clone(),
                    });
                } else {
                    root_orgs.push((r, ks.into_iter().collect()));
                }
            }
            Some(other) => problems.warn(
                &r.loc,
                format!(
                    "a {other} resource is not part of a provider directory and was not imported"
                ),
            ),
            None => {}
        }
    }
    // Practitioners.
    for r in practitioners {
        let p = &r.value;
        if p.get("active") == Some(&Value::Bool(false)) {
            problems.warn(
                &r.loc,
                "an inactive Practitioner (active: false) was not imported",
            );
            continue;
        }
        let mut person = Person {
            loc: Some(r.loc.clone()),
            ..Person::default()
        };
        for (lang, name) in human_names(p) {
            entry(
                &mut person,
                Field::Name,
                lang,
                name,
                &r.loc,
                "Practitioner.name",
            );
        }
        if person.entries.is_empty() {
            problems.error(
                &r.loc.with_field("Practitioner.name"),
                "the Practitioner has no name and was not imported",
            );
            continue;
        }
        if let Some(g) = str_at(p, "gender") {
            if g != "unknown" {
                entry(
                    &mut person,
                    Field::Gender,
                    None,
                    g,
                    &r.loc,
                    "Practitioner.gender",
                );
            }
        }
        if let Some(ph) = phone(p) {
            entry(
                &mut person,
                Field::Phone,
                None,
                ph,
                &r.loc,
                "Practitioner.telecom",
            );
        }
        if let Some(url) = array(p, "photo").iter().find_map(|ph| str_at(ph, "url")) {
            entry(
                &mut person,
                Field::Photo,
                None,
                url,
                &r.loc,
                "Practitioner.photo",
            );
        }
        for c in array(p, "communication") {
            let code = array(c, "coding")
                .iter()
                .find_map(|k| str_at(k, "code"))
                .or_else(|| str_at(c, "text"));
            if let Some(code) = code {
                match language(code) {
                    Some(l) => entry(
                        &mut person,
                        Field::Language,
                        None,
                        l,
                        &r.loc,
                        "Practitioner.communication",
                    ),
                    None => problems.warn(
                        &r.loc.with_field("Practitioner.communication"),
                        format!("\"{code}\" is not a language code; not imported"),
                    ),
                }
            }
        }
        for q in array(p, "qualification") {
            if let Some(text) = q.get("code").and_then(concept_text) {
                if title_in(&text).is_some() {
                    entry(
                        &mut person,
                        Field::Title,
                        None,
                        text,
                        &r.loc,
                        "Practitioner.qualification",
                    );
                } else {
                    let lang = if has_cjk(&text) { Lang::Zh } else { Lang::En };
                    entry(
                        &mut person,
                        Field::Education,
                        Some(lang),
                        text,
                        &r.loc,
                        "Practitioner.qualification",
                    );
                }
            }
        }
        let index = out.people.len();
        for k in keys("Practitioner", p) {
            by_key.insert(k, index);
        }
        out.people.push(person);
    }
    // Roles add rank, department, phone and the weekly timetable.
    for r in roles {
        let role = &r.value;
        if role.get("active") == Some(&Value::Bool(false)) {
            problems.warn(
                &r.loc,
                "an inactive PractitionerRole (active: false) was not imported",
            );
            continue;
        }
        let target = role.get("practitioner").and_then(reference);
        let Some(&index) = target.as_ref().and_then(|t| by_key.get(t)) else {
            problems.error(
                &r.loc.with_field("PractitionerRole.practitioner"),
                format!(
                    "the role names no Practitioner of these files ({}); it was not imported",
                    target.unwrap_or_else(|| "no reference".into())
                ),
            );
            continue;
        };
        let person = &mut out.people[index];
        for c in array(role, "code") {
            if let Some(text) = concept_text(c) {
                if title_in(&text).is_some() {
                    entry(
                        person,
                        Field::Title,
                        None,
                        text,
                        &r.loc,
                        "PractitionerRole.code",
                    );
                }
            }
        }
        let org = role.get("organization").and_then(reference);
        let dept = org
            .as_ref()
            .and_then(|o| dept_keys.get(o))
            .cloned()
            .or_else(|| {
                // A department named only by its display text.
                role.get("organization")
                    .and_then(|o| str_at(o, "display"))
                    .filter(|d| {
                        out.departments
                            .iter()
                            .any(|x| x.names.iter().any(|(_, n)| n == d))
                    })
                    .map(str::to_string)
            });
        let specialties: Vec<String> = array(role, "specialty")
            .iter()
            .filter_map(concept_text)
            .collect();
        match dept {
            Some(d) => {
                entry(
                    person,
                    Field::Department,
                    None,
                    d,
                    &r.loc,
                    "PractitionerRole.organization",
                );
                for s in specialties {
                    entry(
                        person,
                        Field::Specialty,
                        None,
                        s,
                        &r.loc,
                        "PractitionerRole.specialty",
                    );
                }
            }
            None => {
                // No department organization: the specialty is the department.
                for s in specialties {
                    entry(
                        person,
                        Field::Department,
                        None,
                        s,
                        &r.loc,
                        "PractitionerRole.specialty",
                    );
                }
            }
        }
        if let Some(ph) = phone(role) {
            if person.first(Field::Phone).is_none() {
                entry(
                    person,
                    Field::Phone,
                    None,
                    ph,
                    &r.loc,
                    "PractitionerRole.telecom",
                );
            }
        }
        let campus = array(role, "location").first().and_then(|l| {
            reference(l)
                .and_then(|k| campus_keys.get(&k).cloned())
                .or_else(|| str_at(l, "display").map(str::to_string))
        });
        for (i, t) in array(role, "availableTime").iter().enumerate() {
            let at = format!("PractitionerRole.availableTime[{i}]");
            let tloc = r.loc.with_field(at.clone());
            let halves: Vec<HalfDay> = if t.get("allDay") == Some(&Value::Bool(true)) {
                vec![HalfDay::Morning, HalfDay::Afternoon]
            } else {
                let start = str_at(t, "availableStartTime").and_then(time_of_day);
                let end = str_at(t, "availableEndTime").and_then(|e| {
                    // An end at 12:00 closes the morning; one at 17:30 the afternoon.
                    let h: u32 = e.split(':').next()?.trim().parse().ok()?;
                    Some(match h {
                        0..=12 => HalfDay::Morning,
                        13..=18 => HalfDay::Afternoon,
                        _ => HalfDay::Evening,
                    })
                });
                match (start, end) {
                    (Some(s), Some(e)) => HalfDay::ALL
                        .iter()
                        .copied()
                        .filter(|h| *h >= s && *h <= e)
                        .collect(),
                    (Some(s), None) => vec![s],
                    _ => {
                        problems.error(&tloc, "availableTime has neither allDay nor a start time (availableStartTime); not imported");
                        continue;
                    }
                }
            };
            for day in array(t, "daysOfWeek").iter().filter_map(Value::as_str) {
                let Some(d) = weekday(day) else {
                    problems.error(
                        &tloc,
                        format!("\"{day}\" is not a FHIR day of week (mon..sun); not imported"),
                    );
                    continue;
                };
                for &h in &halves {
                    person.sessions.push(SessionIn {
                        weekday: d,
                        half: h,
                        clinic: None,
                        campus: campus.clone(),
                        room: Vec::new(),
                        cancelled: false,
                        note: Vec::new(),
                        loc: tloc.clone(),
                    });
                }
            }
        }
        for (i, n) in array(role, "notAvailable").iter().enumerate() {
            if let Some(desc) = str_at(n, "description") {
                problems.warn(
                    &r.loc.with_field(format!("PractitionerRole.notAvailable[{i}]")),
                    format!("\"{desc}\": dated absences are not part of the weekly timetable; not imported (mark sessions cancelled instead)"),
                );
            }
        }
    }
    // The hospital: the organization most roles belong to.
    if !root_orgs.is_empty() {
        let count = |keys: &HashSet<String>| {
            resources
                .iter()
                .filter(|r| str_at(&r.value, "resourceType") == Some("PractitionerRole"))
                .filter(|r| {
                    r.value
                        .get("organization")
                        .and_then(reference)
                        .is_some_and(|k| keys.contains(&k))
                })
                .count()
        };
        let best = root_orgs
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, ks))| (count(ks), usize::MAX - i))
            .map(|(i, _)| i)
            .unwrap_or(0);
        let (org, _) = &root_orgs[best];
        let o = &org.value;
        let mut names = Vec::new();
        if let Some(n) = str_at(o, "name") {
            names.push((
                Some(if has_cjk(n) { Lang::Zh } else { Lang::En }),
                n.to_string(),
            ));
        }
        for alias in array(o, "alias").iter().filter_map(Value::as_str) {
            let l = if has_cjk(alias) { Lang::Zh } else { Lang::En };
            if !names.iter().any(|(x, _)| *x == Some(l)) {
                names.push((Some(l), alias.to_string()));
            }
        }
        let website = array(o, "telecom")
            .iter()
            .find(|t| str_at(t, "system") == Some("url"))
            .and_then(|t| str_at(t, "value"))
            .map(str::to_string);
        out.hospital = Some(HospitalIn {
            names,
            phone: phone(o),
            address: address(o),
            website,
        });
        for (i, (other, _)) in root_orgs.iter().enumerate() {
            if i != best {
                problems.warn(
                    &other.loc,
                    format!(
                        "a second hospital organization (\"{}\"): the dataset describes one hospital, so only its doctors' roles are kept, not the organization",
                        str_at(&other.value, "name").unwrap_or("")
                    ),
                );
            }
        }
    }
}
