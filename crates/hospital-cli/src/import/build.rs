//! From what the readers gathered to dataset JSON: rows of one doctor joined (by id,
//! else by name), merged into an existing dataset by id or name (a re-import updates
//! what the sheets hold and keeps the rest: photos, bios, news links), departments
//! and campuses found by id or by name in any language or created with slug ids,
//! and every output record remembering where it came from, so that the validator's
//! messages can name the file, row and column.

use super::columns::Field;
use super::mapping::Mapping;
use super::record::{Entry, Harvest, Person, SessionIn};
use super::report::{Loc, Problem, Problems};
use super::values::{self, has_cjk, is_id, slug, split_list, split_strong, squash};
use hospital_core::model::{AcademicTitle, ClinicType, Gender};
use hospital_core::Lang;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where an output record came from.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    /// "李兴勇, li-xingyong".
    pub label: String,
    /// The first row or resource that described it.
    pub loc: Option<Loc>,
    /// Where each field's value came from (dataset field name).
    pub fields: HashMap<&'static str, Loc>,
    /// Where each session of the written schedule came from, in order.
    pub sessions: Vec<Loc>,
}

/// The dataset built, with the origin of each doctor and department by position.
#[derive(Debug, Default)]
pub struct Built {
    pub dataset: Value,
    pub doctors: Vec<Option<Origin>>,
    pub departments: Vec<Option<Origin>>,
    pub stats: Stats,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub doctors_new: usize,
    pub doctors_updated: usize,
    pub doctors_kept: usize,
    pub departments_new: usize,
    pub campuses_new: usize,
    pub sessions: usize,
}

pub struct Options<'a> {
    pub hospital: Option<&'a str>,
    pub mapping: &'a Mapping,
}

/// A skeleton dataset for an import without `--merge`.
pub fn empty_dataset() -> Value {
    json!({
        "schema": 1,
        "hospital": { "name": "" },
        "categories": [],
        "departments": [],
        "doctors": [],
        "articles": []
    })
}

/// A text as JSON: a map of language to string.
fn text_value(parts: &[(Lang, String)]) -> Value {
    let mut m = Map::new();
    for (l, s) in parts {
        m.entry(l.code().to_string())
            .or_insert_with(|| Value::String(s.clone()));
    }
    Value::Object(m)
}

fn lang_of(e_lang: Option<Lang>, s: &str) -> Lang {
    e_lang.unwrap_or(if has_cjk(s) { Lang::Zh } else { Lang::En })
}

/// Every language version of a JSON text, squashed, for matching by name.
fn text_keys(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![squash(s)],
        Value::Object(m) => m.values().filter_map(Value::as_str).map(squash).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

/// Records of one list (departments or campuses) found by id or name.
struct Registry {
    ids: HashSet<String>,
    by_name: HashMap<String, String>,
}

impl Registry {
    fn of(list: &[Value]) -> Registry {
        let mut r = Registry {
            ids: HashSet::new(),
            by_name: HashMap::new(),
        };
        for item in list {
            let Some(id) = item.get("id").and_then(Value::as_str) else {
                continue;
            };
            r.ids.insert(id.to_string());
            r.by_name.insert(squash(id), id.to_string());
            if let Some(name) = item.get("name") {
                for k in text_keys(name) {
                    r.by_name.entry(k).or_insert_with(|| id.to_string());
                }
            }
        }
        r
    }

    fn find(&self, name_or_id: &str) -> Option<String> {
        if self.ids.contains(name_or_id.trim()) {
            return Some(name_or_id.trim().to_string());
        }
        self.by_name.get(&squash(name_or_id)).cloned()
    }

    fn new_id(&mut self, name: &str, fallback: &str) -> String {
        let base = match slug(name, false) {
            s if s.is_empty() => fallback.to_string(),
            s => s,
        };
        let id = unique(&base, &self.ids);
        self.ids.insert(id.clone());
        id
    }
}

fn unique(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| base.to_string())
}

fn array_mut<'a>(v: &'a mut Value, key: &str) -> &'a mut Vec<Value> {
    if !v.get(key).is_some_and(Value::is_array) {
        v[key] = Value::Array(Vec::new());
    }
    match v.get_mut(key) {
        Some(Value::Array(a)) => a,
        // Unreachable: the key was just made an array.
        _ => unreachable!("{key} is an array"),
    }
}

fn note(o: &mut Origin, key: &'static str, e: &Entry) {
    o.fields.entry(key).or_insert_with(|| e.loc.clone());
}

/// One doctor's rows, joined.
struct Group {
    people: Vec<Person>,
    id: Option<String>,
    names: Vec<String>,
}

fn person_id(p: &Person) -> Option<String> {
    p.first(Field::Id).map(|e| e.value.trim().to_string())
}

fn person_names(p: &Person) -> Vec<String> {
    let mut names: Vec<String> = p.values(Field::Name).map(|e| squash(&e.value)).collect();
    for (_, n) in composed_name(p).unwrap_or_default() {
        names.push(squash(&n));
    }
    names.retain(|n| !n.is_empty());
    names
}

/// A name made of given and family name columns.
fn composed_name(p: &Person) -> Option<Vec<(Lang, String)>> {
    let given = p
        .first(Field::GivenName)
        .map(|e| e.value.trim().to_string());
    let family = p
        .first(Field::FamilyName)
        .map(|e| e.value.trim().to_string());
    if given.is_none() && family.is_none() {
        return None;
    }
    let g = given.unwrap_or_default();
    let f = family.unwrap_or_default();
    Some(if has_cjk(&g) || has_cjk(&f) {
        vec![(Lang::Zh, format!("{f}{g}"))]
    } else {
        vec![(Lang::En, format!("{g} {f}").trim().to_string())]
    })
}

/// Joins the rows of one doctor: by id when the row has one (a row with an id also
/// joins rows of its name that have none); by name otherwise, unless two doctors
/// share the name, which is an error for the row (it needs an id).
fn group(people: Vec<Person>, problems: &mut Problems) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for p in people {
        let id = person_id(&p);
        let names = person_names(&p);
        let named: Vec<usize> = {
            let mut g: Vec<usize> = names
                .iter()
                .flat_map(|n| by_name.get(n).cloned().unwrap_or_default())
                .collect();
            g.sort_unstable();
            g.dedup();
            g
        };
        let found = match &id {
            Some(id) => by_id.get(id).copied().or_else(|| {
                let free: Vec<usize> = named
                    .iter()
                    .copied()
                    .filter(|&g| groups[g].id.is_none())
                    .collect();
                (free.len() == 1).then(|| free[0])
            }),
            None if named.len() > 1 => {
                let ids: Vec<String> = named.iter().filter_map(|&g| groups[g].id.clone()).collect();
                let loc = p
                    .loc
                    .clone()
                    .or_else(|| p.entries.first().map(|e| e.loc.clone()));
                problems.push(
                    Problem::error(
                        loc,
                        format!(
                            "{} doctors have this name ({}); the row cannot say which one it means and was not imported: give it an id column",
                            named.len(),
                            ids.join(", ")
                        ),
                    )
                    .about(p.label()),
                );
                continue;
            }
            None => named.first().copied(),
        };
        let g = match found {
            Some(g) => g,
            None => {
                groups.push(Group {
                    people: Vec::new(),
                    id: None,
                    names: Vec::new(),
                });
                groups.len() - 1
            }
        };
        if let Some(id) = id {
            if groups[g].id.is_none() {
                groups[g].id = Some(id.clone());
                by_id.insert(id, g);
            }
        }
        for n in names {
            let list = by_name.entry(n.clone()).or_default();
            if !list.contains(&g) {
                list.push(g);
            }
            if !groups[g].names.contains(&n) {
                groups[g].names.push(n);
            }
        }
        groups[g].people.push(p);
    }
    groups
}

/// Builds the dataset from `base` (the merged dataset, or [`empty_dataset`]).
pub fn build(
    mut harvest: Harvest,
    mut base: Value,
    opts: &Options<'_>,
    problems: &mut Problems,
) -> Built {
    super::fhir::settle(&mut harvest, problems);
    let mut stats = Stats::default();
    if !base.get("hospital").is_some_and(Value::is_object) {
        base["hospital"] = json!({ "name": "" });
    }
    // The hospital.
    let hospital_named = base["hospital"]
        .get("name")
        .is_some_and(|n| !text_keys(n).is_empty());
    if let Some(name) = opts.hospital {
        let lang = lang_of(None, name);
        base["hospital"]["name"] = text_value(&[(lang, name.to_string())]);
    } else if !hospital_named {
        if let Some(h) = &harvest.hospital {
            let parts: Vec<(Lang, String)> = h
                .names
                .iter()
                .map(|(l, s)| (lang_of(*l, s), s.clone()))
                .collect();
            if !parts.is_empty() {
                base["hospital"]["name"] = text_value(&parts);
            }
        }
    }
    if let Some(h) = &harvest.hospital {
        let hosp = &mut base["hospital"];
        if hosp.get("phone").is_none() {
            if let Some(p) = &h.phone {
                hosp["phone"] = json!(p);
            }
        }
        if hosp.get("website").is_none() {
            if let Some(w) = &h.website {
                hosp["website"] = json!(w);
            }
        }
        if hosp.get("address").is_none() {
            if let Some(a) = &h.address {
                hosp["address"] = text_value(&[(lang_of(None, a), a.clone())]);
            }
        }
    }
    if text_keys(&base["hospital"]["name"]).is_empty() {
        problems.push(Problem::error(
            None,
            "the dataset needs the hospital's name: give --hospital \"NAME\", or --merge a dataset that has it",
        ));
    }
    // Campuses.
    let mut campuses = Registry::of(array_mut(&mut base["hospital"], "campuses"));
    for c in &harvest.campuses {
        let names: Vec<(Lang, String)> = c
            .names
            .iter()
            .map(|(l, s)| (lang_of(*l, s), s.clone()))
            .collect();
        if names.iter().any(|(_, n)| campuses.find(n).is_some()) {
            continue;
        }
        let first = names.first().map(|(_, n)| n.clone()).unwrap_or_default();
        let id = campuses.new_id(&first, "campus");
        for (_, n) in &names {
            campuses.by_name.insert(squash(n), id.clone());
        }
        if let Some(k) = &c.key {
            campuses.by_name.insert(squash(k), id.clone());
        }
        let mut v = json!({ "id": id, "name": text_value(&names) });
        if let Some(a) = &c.address {
            v["address"] = text_value(&[(lang_of(None, a), a.clone())]);
        }
        array_mut(&mut base["hospital"], "campuses").push(v);
        stats.campuses_new += 1;
    }
    // Departments.
    let base_departments = array_mut(&mut base, "departments").len();
    let mut departments = Registry::of(array_mut(&mut base, "departments"));
    let mut dept_origins: Vec<Option<Origin>> = vec![None; base_departments];
    for d in &harvest.departments {
        let names: Vec<(Lang, String)> = d
            .names
            .iter()
            .map(|(l, s)| (lang_of(*l, s), s.clone()))
            .collect();
        if names.iter().any(|(_, n)| departments.find(n).is_some()) {
            continue;
        }
        let first = names.first().map(|(_, n)| n.clone()).unwrap_or_default();
        let id = departments.new_id(&first, "department");
        for (_, n) in &names {
            departments.by_name.insert(squash(n), id.clone());
        }
        let mut v = json!({ "id": id, "name": text_value(&names) });
        if let Some(p) = &d.phone {
            v["phone"] = json!(p);
        }
        array_mut(&mut base, "departments").push(v);
        dept_origins.push(Some(Origin {
            label: format!("{first}, {id}"),
            loc: Some(d.loc.clone()),
            ..Origin::default()
        }));
        stats.departments_new += 1;
    }
    // Doctors of the base, by id and by name.
    let base_doctors = array_mut(&mut base, "doctors").len();
    let mut doctor_ids: HashSet<String> = HashSet::new();
    let mut doctor_by_key: HashMap<String, usize> = HashMap::new();
    // Names two doctors of the merged dataset share: rows without an id cannot use them.
    let mut shared_names: HashSet<String> = HashSet::new();
    for (i, d) in base["doctors"].as_array().into_iter().flatten().enumerate() {
        if let Some(id) = d.get("id").and_then(Value::as_str) {
            doctor_ids.insert(id.to_string());
            doctor_by_key.insert(format!("id:{id}"), i);
        }
        if let Some(n) = d.get("name") {
            for k in text_keys(n) {
                let key = format!("name:{k}");
                if let Some(&other) = doctor_by_key.get(&key) {
                    if other != i {
                        shared_names.insert(key.clone());
                    }
                }
                doctor_by_key.entry(key).or_insert(i);
            }
        }
    }
    let mut doctor_origins: Vec<Option<Origin>> = vec![None; base_doctors];
    let mut touched: HashSet<usize> = HashSet::new();
    for g in group(harvest.people, problems) {
        // A doctor of the merged dataset: by id when the rows give one, else by name.
        let existing = match &g.id {
            Some(id) => doctor_by_key.get(&format!("id:{id}")).copied(),
            None => {
                let shared = g
                    .names
                    .iter()
                    .find(|n| shared_names.contains(&format!("name:{n}")));
                if let Some(n) = shared {
                    let loc = g.people.iter().find_map(|p| p.loc.clone());
                    let label = g.people.iter().find_map(Person::label);
                    problems.push(
                        Problem::error(
                            loc,
                            format!(
                                "the merged dataset has several doctors named \"{n}\"; rows without an id cannot say which one they update, so they were not imported: add an id column"
                            ),
                        )
                        .about(label),
                    );
                    continue;
                }
                g.names
                    .iter()
                    .find_map(|n| doctor_by_key.get(&format!("name:{n}")).copied())
            }
        };
        let existing = existing.filter(|i| !touched.contains(i));
        let mut doctor = match existing {
            Some(i) => base["doctors"][i].clone(),
            None => json!({}),
        };
        let mut ctx = Ctx {
            opts,
            problems,
            departments: &mut departments,
            new_departments: Vec::new(),
            campuses: &mut campuses,
            new_campuses: Vec::new(),
            origin: Origin::default(),
        };
        ctx.apply(&g.people, &mut doctor);
        let Ctx {
            origin,
            new_departments,
            new_campuses,
            ..
        } = ctx;
        for (id, name, parts, loc) in new_departments {
            array_mut(&mut base, "departments")
                .push(json!({ "id": id, "name": text_value(&parts) }));
            dept_origins.push(Some(Origin {
                label: format!("{name}, {id}"),
                loc: Some(loc),
                ..Origin::default()
            }));
            stats.departments_new += 1;
        }
        for (id, name) in new_campuses {
            array_mut(&mut base["hospital"], "campuses")
                .push(json!({ "id": id, "name": text_value(&[(lang_of(None, &name), name)]) }));
            stats.campuses_new += 1;
        }
        stats.sessions += doctor
            .get("schedule")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        // The id: kept from the merged dataset, given by the sheet, or made from the name.
        if doctor
            .get("id")
            .and_then(Value::as_str)
            .is_none_or(|s| s.trim().is_empty())
        {
            let name_for_id = pick_name(&doctor);
            let base_id = match slug(&name_for_id, true) {
                s if s.is_empty() => "doctor".to_string(),
                s => s,
            };
            let id = unique(&base_id, &doctor_ids);
            doctor["id"] = json!(id);
        }
        let id = doctor["id"].as_str().unwrap_or_default().to_string();
        doctor_ids.insert(id.clone());
        let mut origin = origin;
        origin.label = format!("{}, {id}", pick_display(&doctor));
        match existing {
            Some(i) => {
                base["doctors"][i] = doctor;
                doctor_origins[i] = Some(origin);
                touched.insert(i);
                stats.doctors_updated += 1;
            }
            None => {
                array_mut(&mut base, "doctors").push(doctor);
                doctor_origins.push(Some(origin));
                stats.doctors_new += 1;
            }
        }
    }
    stats.doctors_kept = base_doctors - touched.len();
    Built {
        dataset: base,
        doctors: doctor_origins,
        departments: dept_origins,
        stats,
    }
}

/// The name an id is made from: Chinese (its pinyin) first, else English, else any.
fn pick_name(doctor: &Value) -> String {
    let name = &doctor["name"];
    for key in ["zh", "en"] {
        if let Some(s) = name.get(key).and_then(Value::as_str) {
            return s.to_string();
        }
    }
    name.as_str()
        .map(str::to_string)
        .or_else(|| {
            name.as_object()
                .and_then(|m| m.values().find_map(Value::as_str))
                .map(str::to_string)
        })
        .unwrap_or_default()
}

fn pick_display(doctor: &Value) -> String {
    pick_name(doctor)
}

/// A department first named by a row: id, the name for messages, its names, where.
type NewDepartment = (String, String, Vec<(Lang, String)>, Loc);

struct Ctx<'a, 'b> {
    opts: &'a Options<'a>,
    problems: &'b mut Problems,
    departments: &'b mut Registry,
    new_departments: Vec<NewDepartment>,
    campuses: &'b mut Registry,
    new_campuses: Vec<(String, String)>,
    origin: Origin,
}

impl Ctx<'_, '_> {
    fn warn(&mut self, loc: &Loc, label: &Option<String>, msg: String) {
        self.problems
            .push(Problem::warning(Some(loc.clone()), msg).about(label.clone()));
    }

    /// Sets on `doctor` every field that the rows hold; other fields stay as they were.
    fn apply(&mut self, people: &[Person], doctor: &mut Value) {
        let label = people.iter().find_map(Person::label);
        self.origin.loc = people.iter().find_map(|p| p.loc.clone());
        let entries: Vec<&Entry> = people.iter().flat_map(|p| p.entries.iter()).collect();
        let of = |f: Field| entries.iter().copied().filter(move |e| e.field == f);
        // Scalars: the first value wins; a different one later is a warning.
        let first_of = |ctx: &mut Self, f: Field, key: &'static str| -> Option<Entry> {
            let mut it = of(f);
            let first = it.next()?.clone();
            for other in it {
                if squash(&other.value) != squash(&first.value) && other.lang == first.lang {
                    ctx.warn(
                        &other.loc,
                        &label,
                        format!(
                            "\"{}\" differs from \"{}\" given at {} for the same doctor; the first is kept (two doctors of one name need ids to tell them apart)",
                            other.value, first.value, first.loc
                        ),
                    );
                }
            }
            note(&mut ctx.origin, key, &first);
            Some(first)
        };
        if let Some(e) = first_of(self, Field::Id, "id") {
            let v = e.value.trim();
            if is_id(v) {
                doctor["id"] = json!(v);
            } else {
                let s = slug(v, false);
                self.warn(
                    &e.loc,
                    &label,
                    format!("\"{v}\" cannot be part of a URL; the id \"{s}\" is used instead"),
                );
                if !s.is_empty() {
                    doctor["id"] = json!(s);
                }
            }
        }
        // The name: each language from its column, or by its script.
        let mut names: Vec<(Lang, String)> = Vec::new();
        for e in of(Field::Name) {
            let lang = lang_of(e.lang, &e.value);
            if !names.iter().any(|(l, _)| *l == lang) {
                names.push((lang, e.value.trim().to_string()));
                note(&mut self.origin, "name", e);
            }
        }
        if names.is_empty() {
            if let Some(p) = people.iter().find(|p| composed_name(p).is_some()) {
                names = composed_name(p).unwrap_or_default();
                if let Some(e) = p.first(Field::GivenName).or(p.first(Field::FamilyName)) {
                    note(&mut self.origin, "name", e);
                }
            }
        }
        if !names.is_empty() {
            let mut merged = match doctor.get("name") {
                Some(Value::Object(m)) => m.clone(),
                _ => Map::new(),
            };
            for (l, s) in &names {
                merged.insert(l.code().to_string(), json!(s));
            }
            doctor["name"] = Value::Object(merged);
        }
        if let Some(e) = first_of(self, Field::Pinyin, "pinyin") {
            doctor["pinyin"] = json!(e.value.trim());
        }
        if let Some(e) = first_of(self, Field::Title, "title") {
            let (rank, academic) = match self.opts.mapping.titles.get(&squash(&e.value)) {
                Some(t) => (Some(*t), None),
                None => values::title_parts(&e.value),
            };
            // A position that names no rank is kept as written; the validator says so.
            doctor["title"] = match rank {
                Some(t) => json!(t.key()),
                None => json!(e.value.trim()),
            };
            if let Some(a) = academic {
                doctor["academic_title"] = json!(a.key());
            }
        } else if doctor.get("title").is_none() {
            if let Some(t) = self.opts.mapping.default_title {
                doctor["title"] = json!(t.key());
            }
        }
        if let Some(e) = first_of(self, Field::AcademicTitle, "academic_title") {
            match AcademicTitle::from_label(e.value.trim()) {
                Some(a) => doctor["academic_title"] = json!(a.key()),
                None if values::is_none_word(&e.value) => {}
                None => self.warn(
                    &e.loc,
                    &label,
                    format!("\"{}\" is not an academic title (教授, 副教授, Professor, Associate Professor); not imported (put other posts in the bio)", e.value),
                ),
            }
        }
        if let Some(e) = first_of(self, Field::Gender, "gender") {
            let g: Option<Gender> = self
                .opts
                .mapping
                .genders
                .get(&squash(&e.value))
                .copied()
                .or_else(|| values::gender(&e.value));
            match g {
                Some(g) => doctor["gender"] = json!(g.key()),
                None if values::is_none_word(&e.value) => {
                    self.warn(
                        &e.loc,
                        &label,
                        format!("\"{}\" means the sex is not known: none is given", e.value),
                    );
                    if let Some(m) = doctor.as_object_mut() {
                        m.remove("gender");
                    }
                }
                None => {
                    self.warn(&e.loc, &label, format!("\"{}\" is not a sex the format knows (男, 女, M, F, male, female, other); kept as written", e.value));
                    doctor["gender"] = json!(e.value.trim());
                }
            }
        }
        // Departments: by id or name; new names become new departments. An English and
        // a Chinese column of the same length name the same departments, item by item.
        let depts: Vec<&Entry> = of(Field::Department).collect();
        if !depts.is_empty() {
            let mut by_lang: BTreeMap<Option<Lang>, Vec<(String, Loc)>> = BTreeMap::new();
            for e in &depts {
                note(&mut self.origin, "departments", e);
                // A department's own name may hold a comma ("Ear, Nose and Throat").
                let names = match self.departments.find(&e.value) {
                    Some(_) => vec![e.value.trim().to_string()],
                    None => split_list(&e.value),
                };
                for name in names {
                    by_lang
                        .entry(e.lang)
                        .or_default()
                        .push((name, e.loc.clone()));
                }
            }
            let mut named: Vec<Vec<(Lang, String, Loc)>> = Vec::new();
            let mut en = by_lang.get(&Some(Lang::En)).cloned().unwrap_or_default();
            let mut zh = by_lang.get(&Some(Lang::Zh)).cloned().unwrap_or_default();
            if en.len() != zh.len() && !en.is_empty() && !zh.is_empty() {
                // The other column says how many there are: "Ear, Nose and Throat" beside
                // 耳鼻咽喉科 is one department, so split on strong separators only.
                let strong = |lang: Lang| -> Vec<(String, Loc)> {
                    depts
                        .iter()
                        .filter(|e| e.lang == Some(lang))
                        .flat_map(|e| {
                            split_strong(&e.value)
                                .into_iter()
                                .map(|n| (n, e.loc.clone()))
                        })
                        .collect()
                };
                let (en2, zh2) = (strong(Lang::En), strong(Lang::Zh));
                if en2.len() == zh2.len() {
                    (en, zh) = (en2, zh2);
                }
            }
            if !en.is_empty() && en.len() == zh.len() {
                for ((a, la), (b, lb)) in en.into_iter().zip(zh) {
                    named.push(vec![(Lang::En, a, la), (Lang::Zh, b, lb)]);
                }
                by_lang.remove(&Some(Lang::En));
                by_lang.remove(&Some(Lang::Zh));
            }
            for (lang, items) in by_lang {
                for (n, l) in items {
                    named.push(vec![(lang_of(lang, &n), n, l)]);
                }
            }
            let mut ids: Vec<String> = Vec::new();
            for names in named {
                let id = match names.iter().find_map(|(_, n, _)| self.departments.find(n)) {
                    Some(id) => id,
                    None => {
                        let (_, first, loc) = &names[0];
                        let pick = names
                            .iter()
                            .find(|(l, _, _)| *l == Lang::Zh)
                            .unwrap_or(&names[0]);
                        let id = self.departments.new_id(&pick.1, "department");
                        for (_, n, _) in &names {
                            self.departments.by_name.insert(squash(n), id.clone());
                        }
                        let parts: Vec<(Lang, String)> =
                            names.iter().map(|(l, n, _)| (*l, n.clone())).collect();
                        self.new_departments
                            .push((id.clone(), first.clone(), parts, loc.clone()));
                        id
                    }
                };
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            doctor["departments"] = json!(ids);
        }
        for (field, key) in [
            (Field::Specialty, "specialties"),
            (Field::Condition, "conditions"),
            (Field::Education, "education"),
        ] {
            let list: Vec<&Entry> = of(field).collect();
            if let Some(first) = list.first() {
                note(&mut self.origin, key, first);
                doctor[key] = texts(&list, field != Field::Education);
            }
        }
        let langs: Vec<&Entry> = of(Field::Language).collect();
        if !langs.is_empty() {
            let mut codes: Vec<String> = Vec::new();
            for e in langs {
                note(&mut self.origin, "languages", e);
                for part in split_list(&e.value.replace(['/', '／'], ",")) {
                    match values::language(&part) {
                        Some(c) if !codes.contains(&c) => codes.push(c),
                        Some(_) => {}
                        None => self.warn(&e.loc, &label, format!("\"{part}\" is not a language the importer knows (a name such as English or 粤语, or a code such as en, zh, yue); not imported")),
                    }
                }
            }
            doctor["languages"] = json!(codes);
        }
        let bios: Vec<&Entry> = of(Field::Bio).collect();
        if let Some(first) = bios.first() {
            note(&mut self.origin, "bio", first);
            let mut by_lang: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
            for e in &bios {
                let part = by_lang.entry(lang_of(e.lang, &e.value)).or_default();
                if !part.contains(&e.value) {
                    part.push(e.value.clone());
                }
            }
            let parts: Vec<(Lang, String)> = by_lang
                .into_iter()
                .map(|(l, v)| (l, v.join("\n\n")))
                .collect();
            doctor["bio"] = text_value(&parts);
        }
        if let Some(e) = first_of(self, Field::Photo, "photo") {
            let mut photo = match doctor.get("photo") {
                Some(Value::Object(m)) => Value::Object(m.clone()),
                _ => json!({ "alt": doctor.get("name").cloned().unwrap_or(json!("")) }),
            };
            photo["src"] = json!(e.value.trim());
            doctor["photo"] = photo;
        }
        if let Some(e) = first_of(self, Field::Accepting, "accepting_new_patients") {
            match values::yes_no(&e.value) {
                Some(b) => doctor["accepting_new_patients"] = json!(b),
                None => self.warn(
                    &e.loc,
                    &label,
                    format!("\"{}\" is not yes or no; not imported", e.value),
                ),
            }
        }
        if let Some(e) = first_of(self, Field::Verified, "verified") {
            match values::date(&e.value) {
                Some(d) => doctor["verified"] = json!(d),
                None => self.warn(
                    &e.loc,
                    &label,
                    format!(
                        "\"{}\" is not a date (2026-03-05, 2026/3/5, 2026年3月5日); not imported",
                        e.value
                    ),
                ),
            }
        }
        let phone = first_of(self, Field::Phone, "booking");
        let url = first_of(self, Field::BookingUrl, "booking");
        if phone.is_some() || url.is_some() {
            let mut booking = match doctor.get("booking") {
                Some(Value::Object(m)) => Value::Object(m.clone()),
                _ => json!({}),
            };
            if let Some(p) = phone {
                // As written: the validator reads 无 and N/A as "none", with a warning.
                booking["phone"] = json!(p.value.trim());
            }
            if let Some(u) = url {
                booking["url"] = json!(u.value.trim());
            }
            if booking.as_object().is_some_and(Map::is_empty) {
                if let Some(m) = doctor.as_object_mut() {
                    m.remove("booking");
                }
            } else {
                doctor["booking"] = booking;
            }
        }
        // The timetable: replaced when the rows give one.
        let sessions: Vec<&SessionIn> = people.iter().flat_map(|p| p.sessions.iter()).collect();
        if !sessions.is_empty() {
            let mut seen: Vec<&SessionIn> = Vec::new();
            let mut out = Vec::new();
            for s in sessions {
                if let Some(prev) = seen
                    .iter()
                    .find(|p| p.weekday == s.weekday && p.half == s.half)
                {
                    let same = prev.clinic == s.clinic
                        && prev.room == s.room
                        && prev.campus == s.campus
                        && prev.cancelled == s.cancelled;
                    if !same {
                        let msg = format!(
                            "a second {} {} session for the same doctor, unlike the one at {}; the first is kept",
                            s.weekday.key(),
                            s.half.key(),
                            prev.loc
                        );
                        self.warn(&s.loc, &label, msg);
                    }
                    continue;
                }
                seen.push(s);
                self.origin.sessions.push(s.loc.clone());
                out.push(self.session(s, &label));
            }
            doctor["schedule"] = Value::Array(out);
            self.origin
                .fields
                .entry("schedule")
                .or_insert_with(|| seen[0].loc.clone());
        }
    }

    fn session(&mut self, s: &SessionIn, _label: &Option<String>) -> Value {
        let mut v = json!({
            "weekday": s.weekday.key(),
            "session": s.half.key(),
            "clinic": s.clinic.unwrap_or(ClinicType::General).key(),
        });
        if let Some(c) = &s.campus {
            let id = match self.campuses.find(c) {
                Some(id) => id,
                None => {
                    let id = self.campuses.new_id(c, "campus");
                    self.campuses.by_name.insert(squash(c), id.clone());
                    self.new_campuses.push((id.clone(), c.clone()));
                    id
                }
            };
            v["campus"] = json!(id);
        }
        if !s.room.is_empty() {
            // A room from a column without a language is kept as written, for every
            // language ("Building 2, Room 214", "急诊楼 102").
            v["room"] = if s.room.iter().all(|(l, _)| l.is_none()) {
                let parts: Vec<&str> = s.room.iter().map(|(_, r)| r.as_str()).collect();
                json!(parts.join("; "))
            } else {
                joined_text(&s.room)
            };
        }
        if s.cancelled {
            v["cancelled"] = json!(true);
        }
        if !s.note.is_empty() {
            v["note"] = joined_text(&s.note);
        }
        v
    }
}

/// One text from cells in several languages; two cells of one language are joined.
fn joined_text(cells: &[(Option<Lang>, String)]) -> Value {
    let mut parts: Vec<(Lang, String)> = Vec::new();
    for (l, n) in cells {
        let lang = lang_of(*l, n);
        match parts.iter_mut().find(|(x, _)| *x == lang) {
            Some((_, text)) => *text = format!("{text}; {n}"),
            None => parts.push((lang, n.clone())),
        }
    }
    text_value(&parts)
}

/// A list of texts from cells: packed lists split; an English column and a Chinese
/// column of the same length are paired item by item into bilingual texts.
fn texts(entries: &[&Entry], split: bool) -> Value {
    let mut by_lang: BTreeMap<Option<Lang>, Vec<String>> = BTreeMap::new();
    for e in entries {
        let items = if split {
            split_list(&e.value)
        } else {
            vec![e.value.trim().to_string()]
        };
        let list = by_lang.entry(e.lang).or_default();
        for i in items {
            if !i.is_empty() && !list.contains(&i) {
                list.push(i);
            }
        }
    }
    let en = by_lang.get(&Some(Lang::En));
    let zh = by_lang.get(&Some(Lang::Zh));
    let mut out: Vec<Value> = Vec::new();
    if let (Some(en), Some(zh)) = (en, zh) {
        if en.len() == zh.len() {
            for (a, b) in en.iter().zip(zh) {
                out.push(text_value(&[(Lang::En, a.clone()), (Lang::Zh, b.clone())]));
            }
            by_lang.remove(&Some(Lang::En));
            by_lang.remove(&Some(Lang::Zh));
        }
    }
    for (lang, items) in by_lang {
        for i in items {
            out.push(text_value(&[(lang_of(lang, &i), i)]));
        }
    }
    Value::Array(out)
}
