//! The search engine on a small hand-built dataset whose answers are known.

use super::*;
use crate::model::*;
use crate::route::DoctorSort;
use crate::shared::SharedStr;

fn session(
    weekday: Weekday,
    half_day: HalfDay,
    clinic: ClinicType,
    campus: Option<&str>,
) -> Session {
    Session {
        weekday,
        half_day,
        clinic,
        campus: campus.map(SharedStr::from),
        room: None,
        cancelled: false,
        note: None,
    }
}

fn department(
    id: &str,
    en: &str,
    zh: &str,
    keywords: &[(&str, &str)],
    campuses: &[&str],
) -> Department {
    Department {
        id: id.into(),
        name: Text::bilingual(en, zh),
        keywords: keywords
            .iter()
            .map(|(e, z)| Text::bilingual(*e, *z))
            .collect(),
        campuses: campuses.iter().map(|c| c.to_string()).collect(),
        ..Department::default()
    }
}

#[allow(clippy::too_many_arguments)]
fn doctor(
    id: &str,
    name: Text,
    pinyin: Option<&str>,
    title: TitleRank,
    dept: &str,
    specialties: &[(&str, &str)],
    languages: &[&str],
    gender: Option<Gender>,
) -> Doctor {
    Doctor {
        id: id.into(),
        name,
        pinyin: pinyin.map(str::to_string),
        title,
        departments: vec![dept.into()],
        specialties: specialties
            .iter()
            .map(|(e, z)| Text::bilingual(*e, *z))
            .collect(),
        languages: languages.iter().map(|&l| l.into()).collect(),
        gender,
        ..Doctor::default()
    }
}

/// Six doctors, numbered 0–5 below; the tests' expectations are worked out by hand.
fn dataset() -> Dataset {
    use ClinicType::*;
    use HalfDay::*;
    use Weekday::*;
    let mut d = vec![
        doctor(
            "d1",
            Text::bilingual("Zhang Wei", "张伟"),
            Some("zhāng wěi"),
            TitleRank::ChiefPhysician,
            "cardio",
            &[("Coronary heart disease", "冠心病")],
            &["zh", "en"],
            Some(Gender::Male),
        ),
        doctor(
            "d2",
            Text::bilingual("Li Na", "李娜"),
            Some("lǐ nà"),
            TitleRank::AttendingPhysician,
            "neuro",
            &[("Headache", "头痛"), ("Stroke", "中风")],
            &["zh"],
            Some(Gender::Female),
        ),
        doctor(
            "d3",
            Text::bilingual("Wang Fang", "王芳"),
            Some("wáng fāng"),
            TitleRank::AssociateChiefPhysician,
            "derm",
            &[("Acne", "痤疮")],
            &["zh", "yue"],
            Some(Gender::Female),
        ),
        doctor(
            "d4",
            Text::bilingual("Chen Ming", "陈明"),
            Some("chén míng"),
            TitleRank::ChiefPhysician,
            "peds",
            &[("Pediatric asthma", "小儿哮喘")],
            &["zh", "en"],
            Some(Gender::Male),
        ),
        doctor(
            "d5",
            Text::plain("Émilie Dubois"),
            None,
            TitleRank::ResidentPhysician,
            "cardio",
            &[("Cardiac imaging", "心脏影像")],
            &["en", "fr"],
            Some(Gender::Female),
        ),
        doctor(
            "d6",
            Text::bilingual("Zhang Wei", "张薇"),
            Some("zhāng wēi"),
            TitleRank::AttendingPhysician,
            "derm",
            &[("Psoriasis", "银屑病")],
            &["zh"],
            None,
        ),
    ];
    d[0].conditions = vec![Text::bilingual("Hypertension", "高血压")];
    d[0].bio = Text::bilingual("Trained in interventional cardiology.", "擅长介入治疗。");
    d[0].schedule = vec![
        session(Mon, Morning, Expert, Some("main")),
        session(Wed, Afternoon, General, Some("main")),
    ];
    d[1].bio = Text::plain("Migraine research.");
    d[1].schedule = vec![
        session(Tue, Morning, General, Some("east")),
        Session {
            cancelled: true,
            ..session(Fri, Afternoon, Expert, Some("main"))
        },
    ];
    d[1].accepting_new_patients = false;
    d[2].conditions = vec![Text::bilingual("Eczema", "湿疹")];
    d[2].bio = Text::plain("Studied with Professor Zhang in Shanghai.");
    d[2].schedule = vec![session(Thu, Morning, Special, Some("east"))];
    d[3].conditions = vec![Text::bilingual("Fever", "发热")];
    d[3].bio = Text::plain("Former cardiology fellow.");
    d[4].schedule = vec![session(Sat, Morning, General, None)];
    d[5].schedule = vec![session(Mon, Morning, General, Some("east"))];
    d[5].accepting_new_patients = false;
    for doc in &mut d[..5] {
        if doc.id != "d2" {
            doc.accepting_new_patients = true;
        }
    }
    Dataset {
        schema: SCHEMA_VERSION,
        hospital: Hospital {
            campuses: vec![
                Campus {
                    id: "main".into(),
                    name: Text::plain("Main"),
                    ..Campus::default()
                },
                Campus {
                    id: "east".into(),
                    name: Text::plain("East"),
                    ..Campus::default()
                },
            ],
            ..Hospital::default()
        },
        departments: vec![
            department(
                "cardio",
                "Cardiology",
                "心内科",
                &[("heart", "心脏")],
                &["main"],
            ),
            department("neuro", "Neurology", "神经内科", &[], &["main", "east"]),
            department(
                "derm",
                "Dermatology",
                "皮肤科",
                &[("skin", "皮肤")],
                &["east"],
            ),
            department("peds", "Pediatrics", "儿科", &[], &["main"]),
        ],
        doctors: d,
        ..Dataset::default()
    }
}

const NOW: Slot = Slot {
    weekday: Weekday::Mon,
    half_day: HalfDay::Afternoon,
};

struct Fixture {
    ds: Dataset,
    index: DoctorIndex,
}

impl Fixture {
    fn new() -> Fixture {
        let ds = dataset();
        let index = DoctorIndex::build(&ds);
        Fixture { ds, index }
    }

    fn run(&self, q: &DoctorQuery) -> SearchResult {
        self.index.search(&self.ds, q, NOW)
    }

    /// Doctor ids of the hits, in order.
    fn ids(&self, q: &DoctorQuery) -> Vec<&str> {
        self.run(q)
            .hits
            .iter()
            .map(|h| self.ds.doctors[h.doctor].id.as_str())
            .collect()
    }

    fn find(&self, text: &str) -> Vec<&str> {
        self.ids(&text_query(text))
    }
}

fn text_query(text: &str) -> DoctorQuery {
    DoctorQuery {
        q: text.into(),
        ..DoctorQuery::default()
    }
}

#[test]
fn empty_query_returns_everyone_by_rank_then_name() {
    let f = Fixture::new();
    assert_eq!(f.find(""), ["d4", "d1", "d3", "d2", "d6", "d5"]);
    assert_eq!(f.find(" ,.🙂 "), ["d4", "d1", "d3", "d2", "d6", "d5"]);
    assert!(f
        .run(&text_query(""))
        .hits
        .iter()
        .all(|h| h.score == 0 && h.matched.is_none()));
}

#[test]
fn names_in_every_form() {
    let f = Fixture::new();
    for q in [
        "zhang wei",
        "zhangwei",
        "zw",
        "Zhang Wei",
        "ZHANGWEI",
        "zhāng wěi",
        "Ｚｈａｎｇ　Ｗｅｉ",
        "wei zhang",
    ] {
        assert_eq!(f.find(q), ["d1", "d6"], "{q}");
    }
    assert_eq!(f.find("张伟"), ["d1"]);
    assert_eq!(
        f.find("zhang w"),
        ["d1", "d6", "d3"],
        "d3: Zhang in the biography, Wang"
    );
    assert_eq!(
        f.find("zhangw"),
        ["d1", "d6", "d3"],
        "d3: Zhang in the biography, one typo"
    );
    assert_eq!(
        f.find("zhang w"),
        ["d1", "d6", "d3"],
        "d3: Zhang in the biography, Wang"
    );
    assert_eq!(f.find("张薇"), ["d6"]);
    assert_eq!(f.find("张"), ["d1", "d6"]);
    assert_eq!(f.find("emilie"), ["d5"]);
    assert_eq!(f.find("ÉMILIE dub"), ["d5"]);
    assert_eq!(f.find("wf"), ["d3"]);
    assert_eq!(f.find("lina"), ["d2"]);
}

#[test]
fn pinyin_u_umlaut_as_u_and_v() {
    let mut ds = dataset();
    ds.doctors.truncate(1);
    ds.doctors[0].name = Text::bilingual("Lü Xin", "吕欣");
    ds.doctors[0].pinyin = Some("lǚ xīn".into());
    let index = DoctorIndex::build(&ds);
    for q in ["lv", "lu xin", "lvxin", "luxin", "lx", "Lü", "吕"] {
        assert_eq!(index.search(&ds, &text_query(q), NOW).hits.len(), 1, "{q}");
    }
}

#[test]
fn ranking_by_field_then_kind_then_title() {
    let f = Fixture::new();
    // Name (two doctors, senior first), then biography.
    assert_eq!(f.find("zhang"), ["d1", "d6", "d3"]);
    let r = f.run(&text_query("zhang"));
    let fields: Vec<_> = r.hits.iter().map(|h| h.matched).collect();
    assert_eq!(
        fields,
        [
            Some(MatchField::Name),
            Some(MatchField::Name),
            Some(MatchField::Biography)
        ]
    );
    // Specialty prefix ("cardiac"), department prefix ("cardiology"), biography.
    assert_eq!(f.find("cardi"), ["d5", "d1", "d4"]);
    // Same field and kind: senior first.
    assert_eq!(f.find("cardiology"), ["d1", "d5", "d4"]);
    // Exact beats prefix in the same field.
    let mut ds = dataset();
    ds.doctors[1].specialties.push(Text::plain("Coronaryology"));
    let index = DoctorIndex::build(&ds);
    let hits = index.search(&ds, &text_query("coronary"), NOW).hits;
    assert_eq!(
        hits.iter().map(|h| h.doctor).collect::<Vec<_>>(),
        [0, 1],
        "exact before prefix"
    );
    assert!(hits[0].score > hits[1].score);
    // Name + department beats biography + department.
    assert_eq!(f.find("zhang dermatology"), ["d6", "d3"]);
}

#[test]
fn typos_in_long_words_only() {
    let f = Fixture::new();
    assert_eq!(f.find("cardiolgy"), ["d1", "d5", "d4"]);
    // A word found only with a typo is searched as the likely spelling, synonyms
    // included (issue 17): what `eczema` finds, the literal match first.
    assert_eq!(f.find("ekzema"), f.find("eczema"));
    assert_eq!(f.find("ekzema").first(), Some(&"d3"));
    let r = f.run(&text_query("ekzema"));
    assert_eq!(
        r.suggestions,
        [Suggestion {
            word: "ekzema".into(),
            suggestion: "eczema".into()
        }]
    );
    assert_eq!(f.find("psoraisis").first(), Some(&"d6"), "a transposition");
    assert_eq!(f.find("psoraisis"), f.find("psoriasis"));
    assert_eq!(f.find("zhnagwei"), ["d1", "d6"]);
    assert!(
        f.find("ecne").is_empty(),
        "four letters get no typo tolerance"
    );
    assert!(f.find("hert").is_empty());
    assert!(f.find("cadriolgy").is_empty(), "two typos");
    let r = f.run(&text_query("cardiolgy"));
    assert!(r.terms.contains(&"cardiology".to_string()), "{:?}", r.terms);
    let name = f.ds.departments[0].name.get(crate::Lang::En).text;
    assert_eq!(highlight(name, &r.terms), vec![0..name.len()]);
}

#[test]
fn prefixes() {
    let f = Fixture::new();
    assert_eq!(f.find("derm"), ["d3", "d6"]);
    assert_eq!(f.find("pso"), ["d6"]);
    assert_eq!(f.find("headac"), ["d2"]);
    assert_eq!(
        f.find("cardiologyx"),
        ["d1", "d5", "d4"],
        "one extra letter is one typo"
    );
}

#[test]
fn synonyms_reach_departments() {
    let f = Fixture::new();
    assert_eq!(f.find("chest pain"), ["d1", "d5"]);
    assert_eq!(f.find("Chest Pains"), ["d1", "d5"]);
    assert_eq!(f.find("胸痛"), ["d1", "d5"]);
    assert_eq!(f.find("palpitations"), ["d1", "d5"]);
    assert_eq!(f.find("skin rash"), ["d3", "d6"]);
    assert_eq!(f.find("皮疹"), ["d3", "d6"]);
    assert_eq!(f.find("migraine"), ["d2"]);
    assert_eq!(f.find("头痛"), ["d2"]);
    assert_eq!(f.find("child fever"), ["d4"]);
    assert_eq!(f.find("儿童"), ["d4"]);
    assert!(
        f.find("kidney").is_empty(),
        "no nephrologist in this dataset"
    );
    let terms = f.run(&text_query("chest pain")).terms;
    assert!(terms.contains(&"chest".to_string()) && terms.contains(&"cardiolog".to_string()));
    assert!(terms.contains(&"心内科".to_string()), "{terms:?}");
}

#[test]
fn every_word_must_match() {
    let f = Fixture::new();
    assert_eq!(f.find("zhang cardiology"), ["d1"]);
    assert_eq!(f.find("cardiology zhang"), ["d1"]);
    // No neurologist named Zhang: the closest matches, flagged (issue 17).
    let r = f.run(&text_query("zhang neurology"));
    assert!(r.partial && !r.hits.is_empty());
    assert_eq!(f.find("张 伟"), ["d1"]);
    // Nothing matches both: the closest matches, marked partial (issue 17).
    // Each word matches someone: the closest matches are the doctors of either.
    let r = f.run(&text_query("张伟 chen"));
    assert!(r.partial && r.unmatched.is_empty());
    let both = f.find("张伟 chen");
    assert!(f.find("张伟").iter().all(|d| both.contains(d)));
    assert!(f.find("chen").iter().all(|d| both.contains(d)));
    // A word that matches nobody is named.
    let r = f.run(&text_query("张伟 qqxxz"));
    assert!(r.partial);
    assert_eq!(r.unmatched, ["qqxxz"]);
    assert_eq!(f.find("张伟 qqxxz"), f.find("张伟"));
    assert!(!f.run(&text_query("张伟")).partial);
    let words = [
        "zhang",
        "wei",
        "cardiology",
        "heart",
        "chief",
        "张",
        "fever",
    ];
    for a in words {
        let one = f.find(a);
        for b in words {
            let q = format!("{a} {b}");
            if f.run(&text_query(&q)).partial {
                // Closest matches, not an answer: narrowing does not apply.
                continue;
            }
            let two = f.find(&q);
            assert!(
                two.iter().all(|d| one.contains(d)),
                "'{a} {b}' added results to '{a}'"
            );
        }
    }
}

#[test]
fn sort_orders() {
    let f = Fixture::new();
    let by = |sort| DoctorQuery {
        sort,
        ..DoctorQuery::default()
    };
    assert_eq!(
        f.ids(&by(DoctorSort::Name)),
        ["d4", "d5", "d2", "d3", "d1", "d6"]
    );
    assert_eq!(
        f.ids(&by(DoctorSort::Rank)),
        ["d4", "d1", "d3", "d2", "d6", "d5"]
    );
    // From Monday afternoon: Tuesday morning, Wednesday afternoon, Thursday morning,
    // Saturday morning, next Monday morning; no sessions last. Friday is cancelled.
    assert_eq!(
        f.ids(&by(DoctorSort::Soonest)),
        ["d2", "d1", "d3", "d5", "d6", "d4"]
    );
    let q = DoctorQuery {
        q: "zhang".into(),
        sort: DoctorSort::Name,
        ..DoctorQuery::default()
    };
    assert_eq!(f.ids(&q), ["d3", "d1", "d6"]);
}

#[test]
fn facet_options_without_a_search() {
    use crate::route::FacetKind;
    let f = Fixture::new();
    let keys = |kind| f.index.facet_options(kind);
    assert_eq!(
        keys(FacetKind::Department),
        ["cardio", "neuro", "derm", "peds"]
    );
    assert_eq!(
        keys(FacetKind::Rank),
        [
            "chief_physician",
            "associate_chief_physician",
            "attending_physician",
            "resident_physician"
        ]
    );
    assert_eq!(keys(FacetKind::Clinic), ["general", "expert", "special"]);
    assert_eq!(
        keys(FacetKind::Slot),
        [
            "mon-morning",
            "tue-morning",
            "wed-afternoon",
            "thu-morning",
            "sat-morning"
        ],
        "Friday's session is cancelled"
    );
    assert_eq!(keys(FacetKind::Campus), ["main", "east"]);
    assert_eq!(keys(FacetKind::Language), ["zh", "en", "fr", "yue"]);
    assert_eq!(keys(FacetKind::Gender), ["female", "male"]);
    // The same options, in the same order, as every search's counts.
    for q in [
        DoctorQuery::default(),
        text_query("zhang"),
        DoctorQuery {
            departments: vec!["derm".into()],
            accepting_only: true,
            ..text_query("wang")
        },
    ] {
        let counts = f.run(&q).facets;
        for kind in FacetKind::ALL {
            let (listed, numbers): (Vec<String>, Vec<usize>) = counts.of(kind).into_iter().unzip();
            assert_eq!(listed, keys(kind), "{kind:?} for {q:?}");
            assert_eq!(counts.numbers(kind), numbers, "{kind:?} for {q:?}");
        }
    }
}

#[test]
fn facet_counts_without_selection() {
    let f = Fixture::new();
    let c = f.run(&DoctorQuery::default()).facets;
    let s = |d: &str| d.to_string();
    assert_eq!(
        c.departments,
        [
            (s("cardio"), 2),
            (s("neuro"), 1),
            (s("derm"), 2),
            (s("peds"), 1)
        ]
    );
    use TitleRank::*;
    assert_eq!(
        c.ranks,
        [
            (ChiefPhysician, 2),
            (AssociateChiefPhysician, 1),
            (AttendingPhysician, 2),
            (ResidentPhysician, 1)
        ]
    );
    assert_eq!(
        c.clinics,
        [
            (ClinicType::General, 4),
            (ClinicType::Expert, 2),
            (ClinicType::Special, 1)
        ]
    );
    let slot = |weekday, half_day| Slot { weekday, half_day };
    use HalfDay::*;
    use Weekday::*;
    assert_eq!(
        c.slots,
        [
            (slot(Mon, Morning), 2),
            (slot(Tue, Morning), 1),
            (slot(Wed, Afternoon), 1),
            (slot(Thu, Morning), 1),
            (slot(Sat, Morning), 1)
        ],
        "Friday's session is cancelled"
    );
    assert_eq!(c.campuses, [(s("main"), 4), (s("east"), 3)]);
    assert_eq!(
        c.languages,
        [(s("zh"), 5), (s("en"), 3), (s("fr"), 1), (s("yue"), 1)]
    );
    assert_eq!(c.genders, [(Gender::Female, 3), (Gender::Male, 2)]);
    assert_eq!(c.accepting, 4);
}

#[test]
fn facet_counts_are_disjunctive() {
    let f = Fixture::new();
    let s = |d: &str| d.to_string();
    let mut q = DoctorQuery {
        departments: vec![s("cardio")],
        ..DoctorQuery::default()
    };
    let r = f.run(&q);
    assert_eq!(r.hits.len(), 2);
    // A facet's own selection does not change its counts: each is the number of
    // doctors in that department.
    let all_departments = [
        (s("cardio"), 2),
        (s("neuro"), 1),
        (s("derm"), 2),
        (s("peds"), 1),
    ];
    assert_eq!(r.facets.departments, all_departments);
    let both = DoctorQuery {
        departments: vec![s("cardio"), s("neuro")],
        ..DoctorQuery::default()
    };
    let r2 = f.run(&both);
    assert_eq!(r2.hits.len(), 3);
    assert_eq!(r2.facets.departments, all_departments);
    use TitleRank::*;
    assert_eq!(
        r.facets.ranks,
        [
            (ChiefPhysician, 1),
            (AssociateChiefPhysician, 0),
            (AttendingPhysician, 0),
            (ResidentPhysician, 1)
        ]
    );
    assert_eq!(r.facets.genders, [(Gender::Female, 1), (Gender::Male, 1)]);
    assert_eq!(r.facets.accepting, 2);

    q.ranks = vec![ChiefPhysician];
    let r = f.run(&q);
    assert_eq!(f.ids(&q), ["d1"]);
    // Departments among chief physicians (d1, d4); ranks among cardiologists (d1, d5).
    assert_eq!(
        r.facets.departments,
        [
            (s("cardio"), 1),
            (s("neuro"), 0),
            (s("derm"), 0),
            (s("peds"), 1)
        ]
    );
    assert_eq!(
        r.facets.ranks,
        [
            (ChiefPhysician, 1),
            (AssociateChiefPhysician, 0),
            (AttendingPhysician, 0),
            (ResidentPhysician, 1)
        ]
    );
    assert_eq!(
        r.facets.languages,
        [(s("zh"), 1), (s("en"), 1), (s("fr"), 0), (s("yue"), 0)]
    );

    let q = DoctorQuery {
        q: "zhang".into(),
        genders: vec![Gender::Male],
        ..DoctorQuery::default()
    };
    let r = f.run(&q);
    assert_eq!(f.ids(&q), ["d1"]);
    // "zhang" finds d1 (male), d6 (no gender given) and d3 (female).
    assert_eq!(r.facets.genders, [(Gender::Female, 1), (Gender::Male, 1)]);

    let q = DoctorQuery {
        accepting_only: true,
        ..DoctorQuery::default()
    };
    let r = f.run(&q);
    assert_eq!(r.hits.len(), 4);
    assert_eq!(r.facets.accepting, 4);
    assert_eq!(r.facets.genders, [(Gender::Female, 2), (Gender::Male, 2)]);

    let q = DoctorQuery {
        slots: vec![Slot {
            weekday: Weekday::Mon,
            half_day: HalfDay::Morning,
        }],
        campuses: vec![s("east")],
        ..DoctorQuery::default()
    };
    assert_eq!(f.ids(&q), ["d6"]);
    let q = DoctorQuery {
        departments: vec![s("no-such-department")],
        ..DoctorQuery::default()
    };
    assert!(f.ids(&q).is_empty(), "an unknown option matches nobody");
    let r = f.run(&q);
    assert_eq!(r.facets.departments, all_departments);
    assert_eq!(r.facets.accepting, 0);

    // The toggle counts the women accepting new patients, on or off.
    for accepting_only in [false, true] {
        let q = DoctorQuery {
            genders: vec![Gender::Female],
            accepting_only,
            ..DoctorQuery::default()
        };
        let r = f.run(&q);
        assert_eq!(r.hits.len(), if accepting_only { 2 } else { 3 });
        assert_eq!(r.facets.accepting, 2);
        let women = if accepting_only { 2 } else { 3 };
        assert_eq!(
            r.facets.genders,
            [(Gender::Female, women), (Gender::Male, 2)]
        );
    }
}

#[test]
fn next_session_agrees_with_soonest() {
    let f = Fixture::new();
    let r = f.run(&DoctorQuery {
        sort: DoctorSort::Soonest,
        ..DoctorQuery::default()
    });
    let waits: Vec<Option<usize>> = r
        .hits
        .iter()
        .map(|h| next_session(&f.ds.doctors[h.doctor], NOW).map(|(w, _)| w))
        .collect();
    assert_eq!(waits, [Some(2), Some(6), Some(8), Some(14), Some(20), None]);
}

#[test]
fn large_result_sets_sort_like_small_ones() {
    // Over an eighth of the doctors take the counting-sort path; a filter that keeps
    // fewer takes the comparison sort. Both must agree on the shared doctors.
    let f = Fixture::new();
    for sort in DoctorSort::ALL {
        let all = f.ids(&DoctorQuery {
            sort,
            ..DoctorQuery::default()
        });
        let mut ds = dataset();
        for i in 0..60 {
            let mut extra = doctor(
                &format!("x{i}"),
                Text::plain("Zz Filler"),
                None,
                TitleRank::Technician,
                "peds",
                &[],
                &[],
                None,
            );
            extra.accepting_new_patients = false;
            ds.doctors.push(extra);
        }
        let index = DoctorIndex::build(&ds);
        let q = DoctorQuery {
            sort,
            accepting_only: true,
            ..DoctorQuery::default()
        };
        let few: Vec<&str> = index
            .search(&ds, &q, NOW)
            .hits
            .iter()
            .map(|h| ds.doctors[h.doctor].id.as_str())
            .collect();
        let expected: Vec<&str> = all.iter().copied().filter(|id| few.contains(id)).collect();
        assert_eq!(few, expected, "{sort:?}");
    }
}

#[test]
fn empty_dataset() {
    let ds = Dataset::default();
    let index = DoctorIndex::build(&ds);
    assert!(index.is_empty());
    for sort in DoctorSort::ALL {
        let q = DoctorQuery {
            q: "zhang 心脏 chest pain".into(),
            departments: vec!["x".into()],
            accepting_only: true,
            sort,
            ..DoctorQuery::default()
        };
        let r = index.search(&ds, &q, NOW);
        assert!(r.hits.is_empty());
        assert_eq!(r.facets, FacetCounts::default());
    }
}

/// Chinese runs and synonym ranking, on doctors built to tell the rules apart.
fn runs_dataset() -> Dataset {
    let mut d = vec![
        doctor(
            "r0",
            Text::bilingual("Chen Ding", "丁晨"),
            Some("dīng chén"),
            TitleRank::AttendingPhysician,
            "cardio",
            &[("Hypertension", "高血压")],
            &["zh"],
            None,
        ),
        // 心 in a specialty, 内科 in the department (神经内科): not 心内科. 丁一晨 is
        // not 丁晨.
        doctor(
            "r1",
            Text::bilingual("Yichen Ding", "丁一晨"),
            Some("dīng yī chén"),
            TitleRank::ChiefPhysician,
            "neuro",
            &[("Palpitations", "心悸")],
            &["zh"],
            None,
        ),
        // Reached by "asthma" only through the synonym table (lung, respiratory).
        doctor(
            "r2",
            Text::plain("Lung Expert"),
            None,
            TitleRank::ChiefPhysician,
            "resp",
            &[("Lung cancer", "肺癌")],
            &["zh"],
            None,
        ),
        // Asthma as a condition: a direct match.
        doctor(
            "r3",
            Text::plain("Asthma Direct"),
            None,
            TitleRank::ResidentPhysician,
            "resp",
            &[],
            &["zh"],
            None,
        ),
        // Asthma in the biography only, and no respiratory department: the weakest
        // direct match still beats every synonym-only one.
        doctor(
            "r4",
            Text::plain("Bio Mention"),
            None,
            TitleRank::ResidentPhysician,
            "neuro",
            &[],
            &["zh"],
            None,
        ),
        // 高血 and 血压 are both in this doctor's specialty field class, but not 高血压.
        doctor(
            "r5",
            Text::plain("Sugar Pressure"),
            None,
            TitleRank::ChiefPhysician,
            "neuro",
            &[("Blood sugar", "高血糖")],
            &["zh"],
            None,
        ),
        // 心内科 in the biography, written together; and apart (心脏内科).
        doctor(
            "r6",
            Text::plain("Bio Together"),
            None,
            TitleRank::ResidentPhysician,
            "neuro",
            &[],
            &["zh"],
            None,
        ),
        doctor(
            "r7",
            Text::plain("Bio Apart"),
            None,
            TitleRank::ChiefPhysician,
            "neuro",
            &[],
            &["zh"],
            None,
        ),
    ];
    d[3].conditions = vec![Text::bilingual("Asthma", "哮喘")];
    d[4].bio = Text::plain("Also sees adults with asthma.");
    d[5].conditions = vec![Text::bilingual("Blood pressure checks", "血压监测")];
    d[6].bio = Text::bilingual("Formerly in cardiology.", "曾任心内科主治医师。");
    d[7].bio = Text::bilingual("Heart and brain.", "心脏内科与神经内科。");
    Dataset {
        schema: SCHEMA_VERSION,
        departments: vec![
            department("cardio", "Cardiology", "心内科", &[("heart", "心脏")], &[]),
            department("neuro", "Neurology", "神经内科", &[], &[]),
            department(
                "resp",
                "Respiratory Medicine",
                "呼吸内科",
                &[("lung", "肺")],
                &[],
            ),
        ],
        doctors: d,
        ..Dataset::default()
    }
}

fn runs_fixture() -> Fixture {
    let ds = runs_dataset();
    let index = DoctorIndex::build(&ds);
    Fixture { ds, index }
}

#[test]
fn chinese_runs_match_contiguously_in_one_text() {
    let f = runs_fixture();
    // The department's name, then a biography that says it; not r1 (心 in a
    // specialty, 内科 in the department) nor r7 (心脏内科).
    assert_eq!(f.find("心内科"), ["r0", "r6"]);
    let r = f.run(&text_query("心内科"));
    let fields: Vec<_> = r.hits.iter().map(|h| h.matched).collect();
    assert_eq!(
        fields,
        [Some(MatchField::Department), Some(MatchField::Biography)]
    );
    // Two characters: one pair, in a name.
    assert_eq!(f.find("丁晨"), ["r0"]);
    assert_eq!(f.find("丁"), ["r1", "r0"], "one character matches anywhere");
    assert!(f.find("晨丁").is_empty(), "a sequence, not a set");
    // Both pairs of 高血压 are in r5's specialties and conditions, but apart.
    let found = f.find("高血压");
    assert_eq!(found.first(), Some(&"r0"));
    assert!(!found.contains(&"r5"), "{found:?}");
    assert_eq!(f.find("高血糖"), ["r5"]);
    // Separate words match separately, each anywhere: r1 has 心 in a specialty,
    // r0 in its department; r7 and r6 in their biographies (chief first).
    assert_eq!(f.find("心 内科"), ["r1", "r0", "r7", "r6"]);
    // A run inside a longer text, and in a department name.
    assert_eq!(f.find("内科"), f.find("内科 内"));
    assert_eq!(f.find("神经内科"), ["r7", "r1", "r5", "r4", "r6"]);
    assert_eq!(f.find("呼吸内科"), ["r2", "r3"]);
    // 主任 is a title (issue 17): it narrows to chief and associate chief
    // physicians where there are any, and never empties the result.
    let senior: Vec<&str> = f
        .find("心内科")
        .into_iter()
        .filter(|id| {
            f.ds.doctors.iter().any(|d| {
                d.id == *id
                    && matches!(
                        d.title,
                        TitleRank::ChiefPhysician | TitleRank::AssociateChiefPhysician
                    )
            })
        })
        .collect();
    let expected = if senior.is_empty() {
        f.find("心内科")
    } else {
        senior
    };
    assert_eq!(f.find("心内科主任"), expected);
}

#[test]
fn chinese_runs_highlight_as_a_whole() {
    let f = runs_fixture();
    let terms = f.run(&text_query("心内科")).terms;
    assert_eq!(terms, ["心内科"]);
    let bio = "曾任心内科主治医师。心脏内科";
    let marked: Vec<&str> = highlight(bio, &terms)
        .into_iter()
        .map(|r| &bio[r])
        .collect();
    assert_eq!(marked, ["心内科"], "not the 心 and 内科 of 心脏内科");
    let terms = f.run(&text_query("高血压")).terms;
    assert!(terms.contains(&"高血压".to_string()), "{terms:?}");
    assert!(highlight("高血糖，血压监测", &terms).is_empty());
    assert_eq!(highlight("高血压", &terms), vec![0.."高血压".len()]);
}

#[test]
fn direct_matches_rank_before_synonym_only_matches() {
    let f = runs_fixture();
    // r3 (condition) and r4 (biography) say asthma; r2 is a chief physician found
    // only through "lung" and "respiratory", and comes after both.
    assert_eq!(f.find("asthma"), ["r3", "r4", "r2"]);
    let r = f.run(&text_query("asthma"));
    assert!(r.hits[1].score > r.hits[2].score);
    assert_eq!(r.hits[2].matched, Some(MatchField::Specialty));
    // The same in Chinese: 哮喘 is a condition of r3, and a trigger for 呼吸 and 肺.
    assert_eq!(f.find("哮喘"), ["r3", "r2"]);
    // Matching more words directly ranks first: r3's department has "lung" as a
    // keyword; r2 needs the synonym for "asthma".
    assert_eq!(f.find("asthma lung"), ["r3", "r2"]);
    // Synonym matches are still found on their own.
    assert_eq!(f.find("wheezing"), ["r2", "r3"]);
    // In the main fixture, "chest pain" still reaches the cardiologists.
    assert_eq!(Fixture::new().find("chest pain"), ["d1", "d5"]);
}
