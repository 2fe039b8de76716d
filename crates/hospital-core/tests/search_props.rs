//! Properties of the doctor search on a synthetic dataset: results obey the facets,
//! an option's count is the result count with that option alone selected in its
//! facet, words only narrow, nothing panics, a run of Chinese finds exactly the
//! doctors whose texts hold it as written, and doctors matching more query words
//! literally rank before those reached through synonyms.

use hospital_core::normalize::{fold, terms};
use hospital_core::route::{DoctorQuery, DoctorSort, Slot};
use hospital_core::search::{DoctorIndex, DoctorIndexFeed, SYNONYMS};
use hospital_core::*;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use std::sync::OnceLock;

#[path = "support/names.rs"]
mod names;
// Few names, so that doctors share them.
const SURNAMES: &[(&str, &str, &str)] = names::SURNAMES.split_at(names::FEW_SURNAMES).0;
const GIVEN: &[(&str, &str, &str)] = names::GIVEN.split_at(names::FEW_GIVEN).0;

const DEPARTMENTS: &[(&str, &str, &str, &str, &str)] = &[
    ("cardiology", "Cardiology", "心内科", "heart", "心脏"),
    ("neurology", "Neurology", "神经内科", "brain", "大脑"),
    ("dermatology", "Dermatology", "皮肤科", "skin", "皮肤"),
    ("pediatrics", "Pediatrics", "儿科", "child", "儿童"),
    ("orthopedics", "Orthopedics", "骨科", "bone", "骨头"),
    (
        "respiratory",
        "Respiratory Medicine",
        "呼吸内科",
        "lung",
        "肺",
    ),
    ("ent", "ENT", "耳鼻喉科", "throat", "喉咙"),
];
const SPECIALTIES: &[(&str, &str)] = &[
    ("Heart failure", "心力衰竭"),
    ("Chest pain", "胸痛"),
    ("Migraine", "偏头痛"),
    ("Acne", "痤疮"),
    ("Asthma", "哮喘"),
    ("Knee surgery", "膝关节手术"),
    ("Childhood fever", "儿童发热"),
    ("Hearing loss", "听力下降"),
];
const BIO_WORDS: &[&str] = &[
    "trained",
    "research",
    "clinical",
    "cardiac",
    "imaging",
    "surgery",
    "professor",
    "visiting",
];
/// Chinese biographies: runs such as 心内科 and 神经内科 occur written together in
/// some, and their characters apart in others.
const BIO_ZH: &[&str] = &[
    "心内科主任医师",
    "擅长心力衰竭诊治",
    "神经内科",
    "内科与心理",
    "儿童哮喘",
    "师从张伟教授",
    "曾在骨科工作",
    "主任",
];
const CAMPUSES: &[&str] = &["north", "south", "annex"];
const LANGUAGES: &[&str] = &["zh", "en", "yue", "fr"];

/// A deterministic pseudo-random stream (64-bit LCG): the same dataset every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn synthetic(n: usize) -> Dataset {
    let mut r = Lcg(7);
    let departments = DEPARTMENTS
        .iter()
        .enumerate()
        .map(|(i, (id, en, zh, ken, kzh))| Department {
            id: id.to_string(),
            name: Text::bilingual(*en, *zh),
            keywords: vec![Text::bilingual(*ken, *kzh)],
            campuses: vec![CAMPUSES[i % 2].to_string()],
            ..Department::default()
        })
        .collect();
    let doctors = (0..n)
        .map(|i| {
            let (sz, sp, se) = SURNAMES[r.next(SURNAMES.len())];
            let (gz, gp, ge) = GIVEN[r.next(GIVEN.len())];
            let mut depts = vec![DEPARTMENTS[r.next(DEPARTMENTS.len())].0.to_string()];
            if r.next(4) == 0 {
                depts.push(DEPARTMENTS[r.next(DEPARTMENTS.len())].0.to_string());
                depts.dedup();
            }
            let schedule = (0..r.next(4))
                .map(|_| Session {
                    weekday: Weekday::ALL[r.next(7)],
                    half_day: HalfDay::ALL[r.next(3)],
                    clinic: ClinicType::ALL[r.next(3)],
                    campus: (r.next(3) > 0).then(|| CAMPUSES[r.next(CAMPUSES.len())].into()),
                    room: None,
                    cancelled: r.next(5) == 0,
                    note: None,
                })
                .collect();
            let (spe, spz) = SPECIALTIES[r.next(SPECIALTIES.len())];
            let bio: Vec<&str> = (0..4).map(|_| BIO_WORDS[r.next(BIO_WORDS.len())]).collect();
            let bio_zh: Vec<&str> = (0..2).map(|_| BIO_ZH[r.next(BIO_ZH.len())]).collect();
            Doctor {
                id: format!("d{i}"),
                name: Text::bilingual(format!("{se} {ge}"), format!("{sz}{gz}")),
                pinyin: Some(format!("{sp} {gp}")),
                title: TitleRank::ALL[r.next(5)],
                departments: depts.into_iter().map(SharedStr::from).collect(),
                specialties: vec![Text::bilingual(spe, spz)],
                languages: LANGUAGES
                    .iter()
                    .filter(|_| r.next(2) == 0)
                    .map(|&l| l.into())
                    .collect(),
                gender: [Some(Gender::Female), Some(Gender::Male), None][r.next(3)],
                bio: Text::bilingual(bio.join(" "), bio_zh.join("，")),
                schedule,
                accepting_new_patients: r.next(3) > 0,
                ..Doctor::default()
            }
        })
        .collect();
    Dataset {
        schema: SCHEMA_VERSION,
        hospital: Hospital {
            campuses: ["north", "south"]
                .iter()
                .map(|id| Campus {
                    id: id.to_string(),
                    name: Text::plain(*id),
                    ..Campus::default()
                })
                .collect(),
            ..Hospital::default()
        },
        departments,
        doctors,
        ..Dataset::default()
    }
}

fn fixture() -> &'static (Dataset, DoctorIndex) {
    static F: OnceLock<(Dataset, DoctorIndex)> = OnceLock::new();
    F.get_or_init(|| {
        let ds = synthetic(120);
        let index = DoctorIndex::build(&ds);
        (ds, index)
    })
}

const NOW: Slot = Slot {
    weekday: Weekday::Wed,
    half_day: HalfDay::Morning,
};

fn hits(q: &DoctorQuery) -> Vec<usize> {
    let (ds, index) = fixture();
    let mut v: Vec<usize> = index
        .search(ds, q, NOW)
        .hits
        .iter()
        .map(|h| h.doctor)
        .collect();
    v.sort_unstable();
    v
}

const WORDS: &[&str] = &[
    "zhang",
    "wang",
    "wei",
    "zhangwei",
    "zw",
    "lv",
    "lü",
    "chen",
    "xin",
    "张",
    "伟",
    "张伟",
    "陈敏",
    "cardiology",
    "cardi",
    "cardiolgy",
    "neuro",
    "skin",
    "heart",
    "chest",
    "pain",
    "chest pain",
    "胸痛",
    "child",
    "fever",
    "knee",
    "hearing",
    "throat",
    "migraine",
    "asthma",
    "surgery",
    "research",
    "reserch",
    "imaging",
    "ENT",
    "心",
    "内科",
    "bone",
    "lung",
    "back",
    "blood",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(WORDS).prop_map(str::to_string),
        1 => "[a-z]{1,6}",
        1 => "[张王李伟芳心内科骨肺胸痛]{1,2}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..3).prop_map(|w| w.join(" "))
}

/// Usually nothing selected, so that searches have results to check.
fn some<T: Clone + std::fmt::Debug + 'static>(options: Vec<T>) -> impl Strategy<Value = Vec<T>> {
    prop::option::weighted(0.3, subsequence(options, 1..=2)).prop_map(Option::unwrap_or_default)
}

fn strings(options: &[&str]) -> Vec<String> {
    options.iter().map(|s| s.to_string()).collect()
}

fn all_slots() -> Vec<Slot> {
    Weekday::ALL
        .iter()
        .flat_map(|&weekday| {
            HalfDay::ALL
                .iter()
                .map(move |&half_day| Slot { weekday, half_day })
        })
        .collect()
}

prop_compose! {
    fn query()(
        q in text(),
        departments in some(strings(&["cardiology", "neurology", "dermatology", "ent", "nowhere"])),
        ranks in some(TitleRank::ALL.to_vec()),
        clinics in some(ClinicType::ALL.to_vec()),
        slots in some(all_slots()),
        campuses in some(strings(&["north", "south", "annex"])),
        languages in some(strings(LANGUAGES)),
        genders in some(Gender::ALL.to_vec()),
        accepting_only in prop::bool::weighted(0.2),
        sort in select(DoctorSort::ALL.to_vec()),
    ) -> DoctorQuery {
        DoctorQuery { q, departments, ranks, clinics, slots, campuses, languages, genders, accepting_only, sort, page: 1 }
    }
}

/// The doctor's campuses, worked out here independently of the engine.
fn campuses_of(ds: &Dataset, d: &Doctor) -> Vec<String> {
    let mut out: Vec<String> = (d.schedule.iter())
        .filter_map(|s| s.campus.as_ref().map(|c| c.to_string()))
        .collect();
    if d.schedule.is_empty() || d.schedule.iter().any(|s| s.campus.is_none()) {
        for id in &d.departments {
            out.extend(
                ds.department(id)
                    .into_iter()
                    .flat_map(|x| x.campuses.clone()),
            );
        }
    }
    out
}

fn satisfies(ds: &Dataset, d: &Doctor, q: &DoctorQuery) -> bool {
    let any = |sel: bool, ok: bool| sel || ok;
    any(
        q.departments.is_empty(),
        q.departments
            .iter()
            .any(|x| d.departments.iter().any(|y| y == x)),
    ) && any(q.ranks.is_empty(), q.ranks.contains(&d.title))
        && any(
            q.clinics.is_empty(),
            d.schedule.iter().any(|s| q.clinics.contains(&s.clinic)),
        )
        && any(
            q.slots.is_empty(),
            d.schedule.iter().any(|s| {
                !s.cancelled
                    && q.slots.contains(&Slot {
                        weekday: s.weekday,
                        half_day: s.half_day,
                    })
            }),
        )
        && any(
            q.campuses.is_empty(),
            campuses_of(ds, d).iter().any(|c| q.campuses.contains(c)),
        )
        && any(
            q.languages.is_empty(),
            d.languages
                .iter()
                .any(|l| q.languages.iter().any(|x| l == x)),
        )
        && any(
            q.genders.is_empty(),
            d.gender.is_some_and(|g| q.genders.contains(&g)),
        )
        && (!q.accepting_only || d.accepting_new_patients)
}

/// Every text of the doctor the search box looks at, departments' included.
fn texts_of<'a>(ds: &'a Dataset, d: &'a Doctor) -> Vec<&'a str> {
    let mut out: Vec<&str> = d.name.all().collect();
    for t in d
        .specialties
        .iter()
        .chain(&d.conditions)
        .chain([&d.bio])
        .chain(&d.education)
    {
        out.extend(t.all());
    }
    for id in &d.departments {
        out.push(id);
        if let Some(dept) = ds.department(id) {
            for t in std::iter::once(&dept.name).chain(&dept.keywords) {
                out.extend(t.all());
            }
        }
    }
    out
}

/// The folded words of the doctor's texts, and the pinyin as syllables, joined and
/// initials, with ü as u and as v.
fn words_of(ds: &Dataset, d: &Doctor) -> Vec<String> {
    let mut out: Vec<String> = texts_of(ds, d).into_iter().flat_map(terms).collect();
    if let Some(p) = &d.pinyin {
        for spelling in [p.clone(), p.replace(['ǚ', 'ǜ', 'ǖ', 'ǘ', 'ü'], "v")] {
            let sylls: Vec<String> = fold(&spelling)
                .split_whitespace()
                .map(|s| s.chars().filter(|c| c.is_alphabetic()).collect())
                .collect();
            out.push(sylls.concat());
            out.push(sylls.iter().filter_map(|s| s.chars().next()).collect());
            out.extend(sylls);
        }
    }
    out
}

/// At most one insertion, deletion, substitution or swap of neighbours.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    match a.len() as isize - b.len() as isize {
        0 => {
            p == a.len()
                || a[p + 1..] == b[p + 1..]
                || (p + 1 < a.len()
                    && a[p] == b[p + 1]
                    && a[p + 1] == b[p]
                    && a[p + 2..] == b[p + 2..])
        }
        1 => a[p + 1..] == b[p..],
        -1 => a[p..] == b[p + 1..],
        _ => false,
    }
}

/// Whether the query word matches one of the words literally: as a prefix, or
/// with one typo from five letters on.
fn literal(words: &[String], w: &str) -> bool {
    words
        .iter()
        .any(|t| t.starts_with(w) || (w.chars().count() >= 5 && within_one_edit(w, t)))
}

/// Titles and courtesy words, which narrow by rank rather than match text.
const TITLE_WORDS: &[&str] = &["主任", "医生", "医师", "大夫", "教授", "专家"];

/// English words, most of them synonym triggers, none forming a two-word trigger.
const PLAIN_WORDS: &[&str] = &[
    "asthma",
    "heart",
    "chest",
    "lung",
    "child",
    "fever",
    "knee",
    "hearing",
    "throat",
    "migraine",
    "skin",
    "bone",
    "back",
    "blood",
    "cough",
    "brain",
    "surgery",
    "cardiac",
    "zhang",
    "wei",
    "research",
    "imaging",
    "cardiology",
    "astma",
    "hart",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn chinese_runs_find_the_doctors_that_hold_them(
        run in prop_oneof![
            // Runs of the dataset, written together in some texts and apart in others.
            2 => select(&["心内科", "内科", "神经内科", "经内", "张伟", "王芳", "主任", "科主任",
                "心力衰竭", "力衰", "内科主任医师", "内科与", "教授"][..]).prop_map(str::to_string),
            // Characters of the dataset, none a synonym trigger on its own.
            1 => "[张王李刘陈伟芳娜敏欣心内科神经力衰竭主任医师教授]{2,4}",
        ],
    ) {
        // Triggers bring synonyms and cut the run into pieces: not this property.
        let trigger = SYNONYMS.iter().flat_map(|g| g.triggers).any(|t| run.contains(t));
        prop_assume!(!trigger);
        // Titles narrow by rank instead (issue 17): see `titles_narrow_by_rank`.
        prop_assume!(!TITLE_WORDS.iter().any(|t| run.contains(t)));
        let (ds, _) = fixture();
        let expected: Vec<usize> = (0..ds.doctors.len())
            .filter(|&i| texts_of(ds, &ds.doctors[i]).iter().any(|t| t.contains(run.as_str())))
            .collect();
        prop_assert_eq!(hits(&DoctorQuery { q: run.clone(), ..DoctorQuery::default() }), expected);
    }

    #[test]
    fn literal_matches_rank_before_synonym_ones(
        ws in prop::collection::vec(select(PLAIN_WORDS), 1..3),
    ) {
        let (ds, index) = fixture();
        let q = DoctorQuery { q: ws.join(" "), sort: DoctorSort::Relevance, ..DoctorQuery::default() };
        let found: Vec<usize> = index.search(ds, &q, NOW).hits.iter().map(|h| h.doctor).collect();
        let literals = |i: usize| {
            let words = words_of(ds, &ds.doctors[i]);
            ws.iter().filter(|w| literal(&words, w)).count()
        };
        let counts: Vec<usize> = found.iter().map(|&i| literals(i)).collect();
        prop_assert!(counts.windows(2).all(|w| w[0] >= w[1]), "'{}': {:?}", q.q, counts);
        // Every doctor matching every word literally is found.
        for i in 0..ds.doctors.len() {
            if literals(i) == ws.len() {
                prop_assert!(found.contains(&i), "'{}' misses {}", q.q, ds.doctors[i].id);
            }
        }
    }

    #[test]
    fn results_satisfy_every_facet(q in query()) {
        let (ds, _) = fixture();
        for d in hits(&q) {
            prop_assert!(satisfies(ds, &ds.doctors[d], &q), "{} fails {:?}", ds.doctors[d].id, q);
        }
    }

    #[test]
    fn facet_counts_are_the_doctors_of_each_option(q in query()) {
        // Disjunctive counts: an option's count is what its facet would show with
        // only that option selected, the query and the other facets unchanged.
        let (ds, index) = fixture();
        let c = index.search(ds, &q, NOW).facets;
        for (o, n) in &c.departments {
            prop_assert_eq!(*n, hits(&DoctorQuery { departments: vec![o.clone()], ..q.clone() }).len());
        }
        for (o, n) in &c.ranks {
            prop_assert_eq!(*n, hits(&DoctorQuery { ranks: vec![*o], ..q.clone() }).len());
        }
        for (o, n) in &c.clinics {
            prop_assert_eq!(*n, hits(&DoctorQuery { clinics: vec![*o], ..q.clone() }).len());
        }
        for (o, n) in &c.slots {
            prop_assert_eq!(*n, hits(&DoctorQuery { slots: vec![*o], ..q.clone() }).len());
        }
        for (o, n) in &c.campuses {
            prop_assert_eq!(*n, hits(&DoctorQuery { campuses: vec![o.clone()], ..q.clone() }).len());
        }
        for (o, n) in &c.languages {
            prop_assert_eq!(*n, hits(&DoctorQuery { languages: vec![o.clone()], ..q.clone() }).len());
        }
        for (o, n) in &c.genders {
            prop_assert_eq!(*n, hits(&DoctorQuery { genders: vec![*o], ..q.clone() }).len());
        }
        prop_assert_eq!(c.accepting, hits(&DoctorQuery { accepting_only: true, ..q.clone() }).len());
        // Every option the dataset knows is listed, whatever its count.
        prop_assert_eq!(c.departments.len(), DEPARTMENTS.len());
        prop_assert_eq!(c.campuses.len(), CAMPUSES.len());
    }

    #[test]
    fn titles_narrow_by_rank(
        base in select(&["心内科", "张伟", "zhang", "cardiology", "神经内科", "王芳", "heart", "lü"][..]),
        t in select(&["主任", "主任医师", "副主任医师", "教授", "Prof", "医生", "大夫", "Dr"][..]),
    ) {
        use TitleRank::*;
        let (ds, _) = fixture();
        let ranks: &[TitleRank] = match t {
            "主任" | "教授" | "Prof" => &[ChiefPhysician, AssociateChiefPhysician],
            "主任医师" => &[ChiefPhysician],
            "副主任医师" => &[AssociateChiefPhysician],
            _ => &[],
        };
        let before = hits(&DoctorQuery { q: base.to_string(), ..DoctorQuery::default() });
        let senior: Vec<usize> = before.iter().copied()
            .filter(|&d| ranks.contains(&ds.doctors[d].title)).collect();
        let expected = if senior.is_empty() { before.clone() } else { senior };
        let mut queries = vec![format!("{base} {t}"), format!("{t} {base}")];
        if !t.is_ascii() {
            queries.push(format!("{base}{t}"));
        }
        for q in queries {
            prop_assert_eq!(hits(&DoctorQuery { q: q.clone(), ..DoctorQuery::default() }), expected.clone(), "{}", q);
        }
    }

    #[test]
    fn adding_a_word_never_adds_results(q in query(), w in word()) {
        let before = hits(&q);
        let (ds, index) = fixture();
        let longer = DoctorQuery { q: format!("{} {}", q.q, w), ..q.clone() };
        // Closest matches when nothing matches every word (issue 17) are not an
        // answer to the query: the property holds for answers.
        prop_assume!(!index.search(ds, &longer, NOW).partial);
        let after = hits(&longer);
        prop_assert!(after.iter().all(|d| before.binary_search(d).is_ok()),
            "'{} {}' found doctors that '{}' did not", q.q, w, q.q);
    }

    /// The compiled index, read back, answers any query as the built one does
    /// (names, pinyin, typos, Chinese runs, synonyms, facets, every order).
    #[test]
    fn the_compiled_index_answers_as_the_built_one(q in query()) {
        let (ds, built) = fixture();
        let fp = hospital_core::compiled::Fingerprint::of(b"synthetic");
        static READ: OnceLock<DoctorIndex> = OnceLock::new();
        let read = READ.get_or_init(|| {
            DoctorIndex::from_compiled(&built.to_compiled(fp), fp, ds.doctors.len())
                .expect("the compiled index reads back")
        });
        prop_assert_eq!(read.search(ds, &q, NOW), built.search(ds, &q, NOW));
    }

    /// The compiled index's browse part, read before its words have arrived, answers
    /// any query without text (facets, every order) as the whole index does.
    #[test]
    fn the_browse_part_answers_as_the_whole_index_without_text(q in query()) {
        let (ds, built) = fixture();
        static BROWSE: OnceLock<DoctorIndex> = OnceLock::new();
        let browse = BROWSE.get_or_init(|| {
            let fp = hospital_core::compiled::Fingerprint::of(b"synthetic");
            let file = built.to_compiled(fp);
            let mut feed = DoctorIndexFeed::new(fp, ds.doctors.len());
            feed.push(&file).expect("the header");
            // A step at a time, until the browse part is out.
            (0..4)
                .find_map(|_| {
                    feed.read(&mut || true).expect("reads");
                    feed.take_browse()
                })
                .expect("the browse part comes within the first steps")
        });
        let plain = DoctorQuery { q: String::new(), ..q.clone() };
        prop_assert!(browse.answers(&plain));
        prop_assert_eq!(browse.search(ds, &plain, NOW), built.search(ds, &plain, NOW));
        prop_assert_eq!(browse.answers(&q), q.q.trim().is_empty());
    }

    #[test]
    fn arbitrary_text_never_panics(
        s in prop::collection::vec(
            prop_oneof![
                any::<char>(),
                select(vec!['🙂', '👩', '\u{200D}', '\u{200B}', '\u{202E}', '\u{FEFF}', 'ש', 'ل',
                    '\u{301}', '\u{308}', 'ǚ', 'Ｚ', '１', '　', '张', '𠀀', ' ', 'e', 'z']),
            ],
            0..40,
        ).prop_map(|v| v.into_iter().collect::<String>()),
        sort in select(DoctorSort::ALL.to_vec()),
    ) {
        let (ds, index) = fixture();
        let q = DoctorQuery { q: s.clone(), sort, ..DoctorQuery::default() };
        let r = index.search(ds, &q, NOW);
        let mut seen: Vec<usize> = r.hits.iter().map(|h| h.doctor).collect();
        seen.sort_unstable();
        seen.dedup();
        prop_assert_eq!(seen.len(), r.hits.len(), "each doctor at most once");
        for t in [s.as_str(), "张伟 Zhang Wei"] {
            for range in hospital_core::search::highlight(t, &r.terms) {
                prop_assert!(t.is_char_boundary(range.start) && t.is_char_boundary(range.end));
                prop_assert!(range.start < range.end && range.end <= t.len());
            }
        }
    }
}

#[test]
fn empty_query_finds_everyone() {
    let (ds, _) = fixture();
    assert_eq!(hits(&DoctorQuery::default()).len(), ds.doctors.len());
}
