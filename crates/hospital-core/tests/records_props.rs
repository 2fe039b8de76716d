//! Compiled records (`hospital.bin` and `hospital.articles.bin`) read back as exactly the dataset they were written
//! from, for any dataset: every kind of text (plain, per language, empty, any Unicode),
//! every optional field present or not, every keyword, inline and external bodies.

use hospital_core::compiled::dataset::{as_read, read, write, DatasetReader};
use hospital_core::compiled::{Fingerprint, Kind};
use hospital_core::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn string() -> impl Strategy<Value = String> {
    prop_oneof!["", "[a-z-]{1,12}", "\\PC{0,40}", "[心内科头痛张伟 ]{1,8}"]
}

fn text() -> impl Strategy<Value = Text> {
    prop_oneof![
        string().prop_map(Text::plain),
        proptest::collection::btree_map("[a-z]{2}(-[A-Z]{2})?", string(), 0..3)
            .prop_map(|m: BTreeMap<String, String>| Text::Localized(m.into_iter().collect())),
    ]
}

fn keyword<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    (0..all.len()).prop_map(move |i| all[i])
}

fn image() -> impl Strategy<Value = Image> {
    (string(), text(), proptest::option::of(text())).prop_map(|(src, alt, caption)| Image {
        src,
        alt,
        caption,
    })
}

fn session() -> impl Strategy<Value = Session> {
    (
        keyword(Weekday::ALL),
        keyword(HalfDay::ALL),
        keyword(ClinicType::ALL),
        proptest::option::of(string()),
        proptest::option::of(text()),
        any::<bool>(),
        proptest::option::of(text()),
    )
        .prop_map(
            |(weekday, half_day, clinic, campus, room, cancelled, note)| Session {
                weekday,
                half_day,
                clinic,
                campus: campus.map(SharedStr::from),
                room,
                cancelled,
                note,
            },
        )
}

fn doctor() -> impl Strategy<Value = Doctor> {
    let who = (
        string(),
        text(),
        proptest::option::of(string()),
        keyword(TitleRank::ALL),
        proptest::option::of(string()),
        proptest::option::of(keyword(AcademicTitle::ALL)),
        proptest::collection::vec(string(), 0..3),
        proptest::option::of(keyword(Gender::ALL)),
    );
    let what = (
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(string(), 0..3),
        proptest::option::of(image()),
        text(),
        proptest::collection::vec(text(), 0..2),
        proptest::collection::vec(session(), 0..4),
        any::<bool>(),
        proptest::option::of((
            proptest::option::of(string()),
            proptest::option::of(string()),
        )),
        proptest::option::of(string()),
    );
    (who, what).prop_map(
        |(
            (id, name, pinyin, title, title_as_written, academic_title, departments, gender),
            (
                specialties,
                conditions,
                languages,
                photo,
                bio,
                education,
                schedule,
                accepting_new_patients,
                booking,
                verified,
            ),
        )| Doctor {
            id,
            name,
            pinyin,
            title,
            title_as_written,
            academic_title,
            departments: departments.into_iter().map(SharedStr::from).collect(),
            specialties,
            conditions,
            languages: languages.into_iter().map(SharedStr::from).collect(),
            gender,
            photo,
            bio,
            education,
            schedule,
            accepting_new_patients,
            booking: booking.map(|(url, phone)| Booking {
                url,
                phone: phone.map(SharedStr::from),
            }),
            verified: verified.map(SharedStr::from),
        },
    )
}

fn article() -> impl Strategy<Value = Article> {
    let body = prop_oneof![
        text().prop_map(|body| ArticleBody::Inline { body }),
        string().prop_map(|body_src| ArticleBody::External { body_src }),
    ];
    (
        (
            string(),
            text(),
            string(),
            string(),
            proptest::collection::vec(string(), 0..3),
        ),
        (
            text(),
            proptest::option::of(image()),
            proptest::option::of(text()),
            proptest::option::of(string()),
            proptest::collection::vec(string(), 0..2),
            proptest::collection::vec(string(), 0..2),
            body,
        ),
    )
        .prop_map(
            |(
                (slug, title, date, category, tags),
                (summary, cover, author, source_url, departments, doctors, body),
            )| Article {
                slug,
                title,
                date,
                category,
                tags,
                summary,
                cover,
                author,
                source_url,
                departments,
                doctors,
                body,
            },
        )
}

fn hospital() -> impl Strategy<Value = Hospital> {
    let campus = (
        string(),
        text(),
        text(),
        proptest::option::of(string()),
        proptest::option::of(string()),
    )
        .prop_map(|(id, name, address, phone, map_url)| Campus {
            id,
            name,
            address,
            phone,
            map_url,
        });
    let emergency =
        (string(), text(), proptest::option::of(string())).prop_map(|(phone, hours, campus)| {
            Emergency {
                phone,
                hours,
                campus,
            }
        });
    (
        text(),
        text(),
        text(),
        proptest::option::of(string()),
        proptest::option::of(string()),
        proptest::option::of(string()),
        proptest::option::of(emergency),
        proptest::collection::vec(campus, 0..3),
    )
        .prop_map(
            |(name, description, address, phone, website, timezone, emergency, campuses)| {
                Hospital {
                    name,
                    description,
                    address,
                    phone,
                    website,
                    timezone,
                    emergency,
                    campuses,
                }
            },
        )
}

fn dataset() -> impl Strategy<Value = Dataset> {
    let department = (
        string(),
        text(),
        text(),
        proptest::collection::vec(string(), 0..3),
        proptest::option::of(string()),
        proptest::collection::vec(text(), 0..3),
    )
        .prop_map(
            |(id, name, description, campuses, phone, keywords)| Department {
                id,
                name,
                description,
                campuses,
                phone,
                keywords,
            },
        );
    let category = (string(), text()).prop_map(|(id, name)| Category { id, name });
    (
        any::<u64>(),
        any::<bool>(),
        hospital(),
        proptest::collection::vec(category, 0..3),
        proptest::collection::vec(department, 0..4),
        proptest::collection::vec(doctor(), 0..6),
        proptest::collection::vec(article(), 0..4),
    )
        .prop_map(
            |(schema, sample, hospital, categories, departments, doctors, articles)| Dataset {
                schema,
                sample,
                hospital,
                categories,
                departments,
                doctors,
                articles,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn compiled_records_read_back_as_written(ds in dataset(), len in any::<u64>(), hash in any::<u64>()) {
        let source = Fingerprint { len, hash };
        let files = write(&ds, source, "hospital.articles.bin");
        let reader = DatasetReader::new(&files.records).expect("the header just written");
        prop_assert_eq!(reader.source(), source);
        let records = reader.run().expect("the records just written");
        prop_assert!(records.dataset.articles.is_empty());
        prop_assert_eq!(records.articles_file.as_deref(), Some("hospital.articles.bin"));
        // Inline Markdown comes back parsed, as it was at build time.
        prop_assert_eq!(read(&files.records, &files.articles, &files.details), Ok(as_read(&ds)));
    }

    #[test]
    fn cut_short_anywhere_compiled_records_are_refused(ds in dataset(), at in any::<prop::sample::Index>()) {
        let source = Fingerprint { len: 1, hash: 2 };
        let files = write(&ds, source, "a.bin");
        for (file, kind) in [(&files.records, Kind::Dataset), (&files.articles, Kind::Articles)] {
            let payload = &file[hospital_core::compiled::HEADER_LEN..];
            let cut = at.index(payload.len().max(1));
            let sealed = hospital_core::compiled::seal(kind, source, &payload[..cut]);
            let reader = match kind {
                Kind::Articles => DatasetReader::articles(&sealed),
                _ => DatasetReader::new(&sealed),
            };
            prop_assert!(reader.and_then(DatasetReader::run).is_err(), "{kind:?} cut at {cut}");
        }
    }
}
