//! Routes and URLs: every route the app can be on prints as a URL that parses back
//! to the same route, so links, history entries and shared URLs never drift.

use hospital_core::model::{ClinicType, Gender, HalfDay, TitleRank, Weekday};
use hospital_core::route::{self, DoctorQuery, DoctorSort, NewsQuery, Route, Slot};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

/// Text as a visitor could type it: any script, emoji, invisible and control
/// characters, the URL's own delimiters, and spaces anywhere.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ a-z&=+%?#,/]{0,12}",
        "[\u{4e00}-\u{4e2f}\u{0600}-\u{0620}\u{05d0}-\u{05ea}\u{1F600}-\u{1F64F}\u{200B}-\u{200F}\u{0300}-\u{0310} ]{0,10}",
    ]
}

/// A filter value as the parser keeps it: trimmed and not empty.
fn value() -> impl Strategy<Value = String> {
    typed()
        .prop_map(|s| s.trim().to_string())
        .prop_filter("empty after trimming", |s| !s.is_empty())
}

/// A member of a comma-separated list in the URL: a comma inside would split it.
fn list_item() -> impl Strategy<Value = String> {
    value()
        .prop_map(|s| s.replace(',', ""))
        .prop_map(|s| s.trim().to_string())
        .prop_filter("empty", |s| !s.is_empty())
}

/// The parser drops repeats and keeps the first occurrence's order.
fn unique_list(item: impl Strategy<Value = String>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(item, 0..4).prop_map(|items| {
        let mut out: Vec<String> = Vec::new();
        for i in items {
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    })
}

fn some_of<T: Clone + std::fmt::Debug + 'static>(all: &[T]) -> impl Strategy<Value = Vec<T>> {
    let n = all.len();
    subsequence(all.to_vec(), 0..=n.min(4)).prop_shuffle()
}

fn page() -> impl Strategy<Value = usize> {
    prop_oneof![Just(1usize), 2..=100_000usize]
}

fn archive() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (1000..=9999u32).prop_map(|y| Some(y.to_string())),
        (1000..=9999u32, 1..=12u32).prop_map(|(y, m)| Some(format!("{y}-{m:02}"))),
    ]
}

fn news_query() -> impl Strategy<Value = NewsQuery> {
    (
        typed(),
        proptest::option::of(value()),
        proptest::option::of(value()),
        archive(),
        page(),
    )
        .prop_map(|(q, category, tag, archive, page)| NewsQuery {
            q,
            category,
            tag,
            archive,
            page,
        })
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
    fn doctor_query()(
        q in typed(),
        departments in unique_list(list_item()),
        ranks in some_of(TitleRank::ALL),
        clinics in some_of(ClinicType::ALL),
        slots in some_of(&all_slots()),
        campuses in unique_list(list_item()),
        languages in unique_list(list_item()),
        genders in some_of(Gender::ALL),
        accepting_only in any::<bool>(),
        sort in select(DoctorSort::ALL.to_vec()),
        page in page(),
    ) -> DoctorQuery {
        DoctorQuery { q, departments, ranks, clinics, slots, campuses, languages, genders, accepting_only, sort, page }
    }
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{1,40}"
}

/// A path the app does not know. A browser's path never holds a raw '?' or '#'.
fn unknown_path() -> impl Strategy<Value = String> {
    prop::collection::vec(typed(), 1..4)
        .prop_map(|segments| {
            let segments: Vec<String> = segments
                .into_iter()
                .map(|s| s.replace(['?', '#'], ""))
                .collect();
            format!("/{}", segments.join("/"))
        })
        .prop_filter("a known page", |p| {
            matches!(route::parse(p, "").route, Route::NotFound(_))
        })
}

fn any_route() -> impl Strategy<Value = Route> {
    prop_oneof![
        news_query().prop_map(Route::Home),
        news_query().prop_map(Route::News),
        id().prop_map(Route::Article),
        doctor_query().prop_map(Route::Doctors),
        id().prop_map(Route::Doctor),
        Just(Route::Departments),
        id().prop_map(Route::Department),
        unknown_path().prop_map(Route::NotFound),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_printed_route_parses_back_to_itself(r in any_route()) {
        let url = r.to_url();
        prop_assert!(url.starts_with('/'), "{url:?}");
        prop_assert_eq!(&route::parse_url(&url).route, &r, "printed as {:?}", url);
        // Standalone mode reads the path and the query from the browser apart.
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        prop_assert_eq!(&route::parse(path, query).route, &r, "printed as {:?}", url);
    }

    #[test]
    fn printed_urls_are_plain_ascii(r in any_route()) {
        // Query values and ids are percent-encoded or URL-safe; only an unknown path
        // is kept as the visitor typed it.
        if !matches!(r, Route::NotFound(_)) {
            let url = r.to_url();
            prop_assert!(url.is_ascii(), "{url:?}");
            prop_assert!(!url.contains(['#', ' ', '"', '<', '>']), "{url:?}");
        }
    }

    #[test]
    fn the_language_parameter_never_changes_the_route(r in any_route(), zh in any::<bool>()) {
        let url = r.to_url();
        let sep = if url.contains('?') { '&' } else { '?' };
        let lang = if zh { "zh" } else { "en" };
        let loc = route::parse_url(&format!("{url}{sep}lang={lang}"));
        prop_assert_eq!(loc.route, r);
        prop_assert_eq!(loc.lang.map(|l| l.code()), Some(lang));
    }

    #[test]
    fn any_url_parses_and_settles_after_one_round(url in typed(), more in typed()) {
        let url = format!("{url}{more}");
        let first = route::parse_url(&url).route;
        let printed = first.to_url();
        prop_assert_eq!(route::parse_url(&printed).route, first, "{:?} printed as {:?}", url, printed);
    }

    #[test]
    fn components_decode_to_what_was_encoded(s in typed()) {
        let encoded = route::encode_component(&s);
        prop_assert!(encoded.is_ascii());
        prop_assert_eq!(route::decode_component(&encoded), s);
    }
}
