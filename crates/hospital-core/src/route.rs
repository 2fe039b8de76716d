//! Mapping a URL (path and query string, relative to the app's base) to a typed
//! route, and back. The same routes serve clean URLs in standalone mode and the
//! namespaced parameter in widget mode.

use crate::model::{ClinicType, Gender, HalfDay, TitleRank, Weekday};
use crate::text::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the news feed as the home page.
    Home(NewsQuery),
    /// `/news`
    News(NewsQuery),
    /// `/news/<slug>`
    Article(String),
    /// `/doctors`
    Doctors(DoctorQuery),
    /// `/doctors/<id>`
    Doctor(String),
    /// `/departments`
    Departments,
    /// `/departments/<id>`
    Department(String),
    /// Anything else; keeps the path to show it.
    NotFound(String),
}

/// A parsed URL: the route and the UI language if the URL names one (`?lang=zh`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub route: Route,
    pub lang: Option<Lang>,
}

/// Filters and paging of the news feed. `Default` is the first page of the
/// unfiltered feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewsQuery {
    pub q: String,
    pub category: Option<String>,
    pub tag: Option<String>,
    /// `YYYY` or `YYYY-MM`.
    pub archive: Option<String>,
    /// 1-based.
    pub page: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DoctorSort {
    #[default]
    Relevance,
    Name,
    Rank,
    /// The soonest clinic session from today on.
    Soonest,
}

impl DoctorSort {
    pub const ALL: [DoctorSort; 4] = [
        DoctorSort::Relevance,
        DoctorSort::Name,
        DoctorSort::Rank,
        DoctorSort::Soonest,
    ];
    pub fn key(self) -> &'static str {
        match self {
            DoctorSort::Relevance => "relevance",
            DoctorSort::Name => "name",
            DoctorSort::Rank => "rank",
            DoctorSort::Soonest => "soonest",
        }
    }
    pub fn from_key(s: &str) -> Option<DoctorSort> {
        DoctorSort::ALL.into_iter().find(|d| d.key() == s)
    }
}

/// A half-day of the week, such as "Tuesday afternoon": the facet for availability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot {
    pub weekday: Weekday,
    pub half_day: HalfDay,
}

impl Slot {
    pub fn key(self) -> String {
        format!("{}-{}", self.weekday.key(), self.half_day.key())
    }
    pub fn from_key(s: &str) -> Option<Slot> {
        let (w, h) = s.split_once('-')?;
        Some(Slot {
            weekday: Weekday::from_key(w)?,
            half_day: HalfDay::from_key(h)?,
        })
    }
}

/// Search text, facets, sort and page of the doctor finder. Within one facet the
/// chosen options are alternatives (OR); different facets must all hold (AND).
/// `Default` is the first page of every doctor, by relevance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DoctorQuery {
    pub q: String,
    pub departments: Vec<String>,
    pub ranks: Vec<TitleRank>,
    pub clinics: Vec<ClinicType>,
    pub slots: Vec<Slot>,
    pub campuses: Vec<String>,
    /// Spoken languages (`speaks=` in the URL, so that `lang=` stays the UI language).
    pub languages: Vec<String>,
    pub genders: Vec<Gender>,
    pub accepting_only: bool,
    pub sort: DoctorSort,
    /// 1-based.
    pub page: usize,
}

impl Default for DoctorQuery {
    fn default() -> Self {
        DoctorQuery {
            q: String::new(),
            departments: Vec::new(),
            ranks: Vec::new(),
            clinics: Vec::new(),
            slots: Vec::new(),
            campuses: Vec::new(),
            languages: Vec::new(),
            genders: Vec::new(),
            accepting_only: false,
            sort: DoctorSort::default(),
            page: 1,
        }
    }
}

impl DoctorQuery {
    pub fn has_filters(&self) -> bool {
        !(self.departments.is_empty()
            && self.ranks.is_empty()
            && self.clinics.is_empty()
            && self.slots.is_empty()
            && self.campuses.is_empty()
            && self.languages.is_empty()
            && self.genders.is_empty()
            && !self.accepting_only)
    }

    /// The same search with no filters, query, or page: for "Clear all".
    pub fn cleared(&self) -> DoctorQuery {
        DoctorQuery {
            sort: self.sort,
            ..DoctorQuery::default()
        }
    }
}

/// The facets of the doctor finder, named as in the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FacetKind {
    Department,
    Rank,
    Clinic,
    Slot,
    Campus,
    Language,
    Gender,
}

impl FacetKind {
    pub const ALL: [FacetKind; 7] = [
        FacetKind::Department,
        FacetKind::Rank,
        FacetKind::Clinic,
        FacetKind::Slot,
        FacetKind::Campus,
        FacetKind::Language,
        FacetKind::Gender,
    ];

    /// The URL parameter, also the checkboxes' `name`.
    pub fn param(self) -> &'static str {
        match self {
            FacetKind::Department => "dept",
            FacetKind::Rank => "rank",
            FacetKind::Clinic => "clinic",
            FacetKind::Slot => "slot",
            FacetKind::Campus => "campus",
            FacetKind::Language => "speaks",
            FacetKind::Gender => "gender",
        }
    }
}

impl DoctorQuery {
    /// The chosen options of one facet, as URL keys.
    pub fn selected(&self, facet: FacetKind) -> Vec<String> {
        match facet {
            FacetKind::Department => self.departments.clone(),
            FacetKind::Rank => self.ranks.iter().map(|r| r.key().to_string()).collect(),
            FacetKind::Clinic => self.clinics.iter().map(|c| c.key().to_string()).collect(),
            FacetKind::Slot => self.slots.iter().map(|s| s.key()).collect(),
            FacetKind::Campus => self.campuses.clone(),
            FacetKind::Language => self.languages.clone(),
            FacetKind::Gender => self.genders.iter().map(|g| g.key().to_string()).collect(),
        }
    }

    /// Chooses the option `key` of `facet`, or un-chooses it if chosen; an unknown key
    /// changes nothing. Back to the first page, since the results change.
    pub fn toggle(&mut self, facet: FacetKind, key: &str) {
        fn flip<T: PartialEq>(list: &mut Vec<T>, item: Option<T>) {
            let Some(item) = item else { return };
            match list.iter().position(|x| *x == item) {
                Some(i) => {
                    list.remove(i);
                }
                None => list.push(item),
            }
        }
        let owned = (!key.is_empty()).then(|| key.to_string());
        match facet {
            FacetKind::Department => flip(&mut self.departments, owned),
            FacetKind::Rank => flip(&mut self.ranks, TitleRank::from_key(key)),
            FacetKind::Clinic => flip(&mut self.clinics, ClinicType::from_key(key)),
            FacetKind::Slot => flip(&mut self.slots, Slot::from_key(key)),
            FacetKind::Campus => flip(&mut self.campuses, owned),
            FacetKind::Language => flip(&mut self.languages, owned),
            FacetKind::Gender => flip(&mut self.genders, Gender::from_key(key)),
        }
        self.page = 1;
    }
}

impl Default for NewsQuery {
    fn default() -> Self {
        NewsQuery {
            q: String::new(),
            category: None,
            tag: None,
            archive: None,
            page: 1,
        }
    }
}

impl NewsQuery {
    pub fn has_filters(&self) -> bool {
        !self.q.trim().is_empty()
            || self.category.is_some()
            || self.tag.is_some()
            || self.archive.is_some()
    }
}

// ---------------------------------------------------------------------------
// Percent-encoding of query strings (application/x-www-form-urlencoded).

pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every query parameter a route reads (`lang` aside, which picks the language). A page
/// written at build time lists them (`data-hs-params`), so that its small script knows an
/// address that asks for a search from one that only carries, say, `utm_source`.
pub const QUERY_PARAMS: &[&str] = &[
    "q", "dept", "rank", "clinic", "slot", "campus", "speaks", "gender", "new", "sort", "page",
    "category", "tag", "archive",
];

/// Splits `a=1&b=2` into decoded pairs, in order.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(p), String::new()),
        })
        .collect()
}

fn list(v: &str) -> impl Iterator<Item = &str> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty())
}

fn push_unique<T: PartialEq>(vec: &mut Vec<T>, item: T) {
    if !vec.contains(&item) {
        vec.push(item);
    }
}

fn page_of(v: &str) -> usize {
    v.parse::<usize>()
        .ok()
        .filter(|p| *p >= 1 && *p <= 100_000)
        .unwrap_or(1)
}

fn news_query(pairs: &[(String, String)]) -> NewsQuery {
    let mut q = NewsQuery::default();
    let non_empty = |v: &String| (!v.trim().is_empty()).then(|| v.trim().to_string());
    for (k, v) in pairs {
        match k.as_str() {
            "q" => q.q = v.clone(),
            "category" => q.category = non_empty(v),
            "tag" => q.tag = non_empty(v),
            "archive" => q.archive = non_empty(v).filter(|a| is_archive_key(a)),
            "page" => q.page = page_of(v),
            _ => {}
        }
    }
    q
}

/// `YYYY` or `YYYY-MM`.
pub fn is_archive_key(s: &str) -> bool {
    let b = s.as_bytes();
    let year = b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => year,
        7 => {
            year && b[4] == b'-'
                && b[5..].iter().all(u8::is_ascii_digit)
                && (1..=12).contains(&s[5..].parse::<u8>().unwrap_or(0))
        }
        _ => false,
    }
}

fn doctor_query(pairs: &[(String, String)]) -> DoctorQuery {
    let mut q = DoctorQuery::default();
    for (k, v) in pairs {
        match k.as_str() {
            "q" => q.q = v.clone(),
            "dept" => list(v).for_each(|d| push_unique(&mut q.departments, d.to_string())),
            "rank" => list(v)
                .filter_map(TitleRank::from_key)
                .for_each(|r| push_unique(&mut q.ranks, r)),
            "clinic" => list(v)
                .filter_map(ClinicType::from_key)
                .for_each(|c| push_unique(&mut q.clinics, c)),
            "slot" => list(v)
                .filter_map(Slot::from_key)
                .for_each(|s| push_unique(&mut q.slots, s)),
            "campus" => list(v).for_each(|c| push_unique(&mut q.campuses, c.to_string())),
            "speaks" => list(v).for_each(|l| push_unique(&mut q.languages, l.to_string())),
            "gender" => list(v)
                .filter_map(Gender::from_key)
                .for_each(|g| push_unique(&mut q.genders, g)),
            "new" => q.accepting_only = v == "1" || v == "true",
            "sort" => q.sort = DoctorSort::from_key(v).unwrap_or_default(),
            "page" => q.page = page_of(v),
            _ => {}
        }
    }
    q
}

/// The path prefix of a language's pages: the Chinese pages of a site live under
/// `/zh/` (`/zh/news/x`), the English ones at the root.
pub fn lang_prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "",
        Lang::Zh => "/zh",
    }
}

/// Parses a path such as `/news/some-slug` and a query such as `?q=x&page=2`.
/// The path is relative to the app's base (the base already removed). A path under
/// `/zh/` is the Chinese page of the rest of the path; `?lang=` says a language too,
/// and the path's wins.
pub fn parse(path: &str, query: &str) -> Location {
    let pairs = parse_query(query);
    let mut lang = pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::from_tag(v));
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(decode_path_segment)
        .collect();
    let mut segs: Vec<&str> = segments.iter().map(String::as_str).collect();
    if segs.first() == Some(&"zh") {
        segs.remove(0);
        lang = Some(Lang::Zh);
    }
    let route = match segs.as_slice() {
        [] | ["index.html"] => Route::Home(news_query(&pairs)),
        ["news"] => Route::News(news_query(&pairs)),
        ["news", "page", n] => match n.parse::<usize>() {
            Ok(page) if page >= 1 => Route::News(NewsQuery {
                page,
                ..news_query(&pairs)
            }),
            _ => Route::NotFound(normalize_path(path)),
        },
        ["news", slug] if is_route_id(slug) => Route::Article(slug.to_string()),
        ["doctors"] => Route::Doctors(doctor_query(&pairs)),
        ["doctors", id] if is_route_id(id) => Route::Doctor(id.to_string()),
        ["departments"] => Route::Departments,
        ["departments", id] if is_route_id(id) => Route::Department(id.to_string()),
        _ => Route::NotFound(normalize_path(path)),
    };
    Location { route, lang }
}

/// Parses a combined `path?query` string, as kept in widget mode.
pub fn parse_url(url: &str) -> Location {
    let url = url.split('#').next().unwrap_or("");
    match url.split_once('?') {
        Some((p, q)) => parse(p, q),
        None => parse(url, ""),
    }
}

fn normalize_path(path: &str) -> String {
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

fn decode_path_segment(s: &str) -> String {
    // '+' is literal in paths.
    decode_component(&s.replace('+', "%2B"))
}

/// Whether `s` can be an article's slug or a record's id in a URL path.
pub fn is_route_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

struct QueryWriter(Vec<String>);

impl QueryWriter {
    fn add(&mut self, key: &str, value: &str) {
        if !value.is_empty() {
            self.0.push(format!("{key}={}", encode_component(value)));
        }
    }
    /// Items are encoded one by one so that the separating commas stay readable.
    fn list<'a>(&mut self, key: &str, items: impl Iterator<Item = &'a str>) {
        let encoded: Vec<String> = items.map(encode_component).collect();
        if !encoded.is_empty() {
            self.0.push(format!("{key}={}", encoded.join(",")));
        }
    }
    fn finish(self, path: &str) -> String {
        if self.0.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{}", self.0.join("&"))
        }
    }
}

fn news_url(path: &str, q: &NewsQuery) -> String {
    // A page of the whole feed has a path of its own, so that it exists as a file
    // written at build time and a reader without scripts can page through the news.
    let whole_feed =
        q.q.is_empty() && q.category.is_none() && q.tag.is_none() && q.archive.is_none();
    if path == "/news" && q.page > 1 && whole_feed {
        return format!("/news/page/{}", q.page);
    }
    let mut w = QueryWriter(Vec::new());
    w.add("q", &q.q);
    w.add("category", q.category.as_deref().unwrap_or(""));
    w.add("tag", q.tag.as_deref().unwrap_or(""));
    w.add("archive", q.archive.as_deref().unwrap_or(""));
    if q.page > 1 {
        w.add("page", &q.page.to_string());
    }
    w.finish(path)
}

fn doctors_url(q: &DoctorQuery) -> String {
    let mut w = QueryWriter(Vec::new());
    w.add("q", &q.q);
    w.list("dept", q.departments.iter().map(String::as_str));
    w.list("rank", q.ranks.iter().map(|r| r.key()));
    w.list("clinic", q.clinics.iter().map(|c| c.key()));
    let slots: Vec<String> = q.slots.iter().map(|s| s.key()).collect();
    w.list("slot", slots.iter().map(String::as_str));
    w.list("campus", q.campuses.iter().map(String::as_str));
    w.list("speaks", q.languages.iter().map(String::as_str));
    w.list("gender", q.genders.iter().map(|g| g.key()));
    if q.accepting_only {
        w.add("new", "1");
    }
    if q.sort != DoctorSort::Relevance {
        w.add("sort", q.sort.key());
    }
    if q.page > 1 {
        w.add("page", &q.page.to_string());
    }
    w.finish("/doctors")
}

impl Route {
    /// The URL of this route, relative to the app's base, starting with `/`.
    pub fn to_url(&self) -> String {
        match self {
            Route::Home(q) => news_url("/", q),
            Route::News(q) => news_url("/news", q),
            Route::Article(slug) => format!("/news/{slug}"),
            Route::Doctors(q) => doctors_url(q),
            Route::Doctor(id) => format!("/doctors/{id}"),
            Route::Departments => "/departments".to_string(),
            Route::Department(id) => format!("/departments/{id}"),
            Route::NotFound(path) => path.clone(),
        }
    }

    /// The path part only, without the query: used for pre-rendered pages.
    pub fn path(&self) -> String {
        let url = self.to_url();
        url.split('?').next().unwrap_or("/").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_under_zh_is_the_chinese_page_of_the_rest() {
        let l = parse("/zh/news/a-slug", "");
        assert_eq!(l.route, Route::Article("a-slug".into()));
        assert_eq!(l.lang, Some(Lang::Zh));
        assert_eq!(parse("/zh/", "").route, parse("/", "").route);
        assert_eq!(parse("/zh", "lang=en").lang, Some(Lang::Zh));
        assert_eq!(
            parse("/zh/doctors", "q=x").route,
            parse("/doctors", "q=x").route
        );
        assert_eq!(parse("/news/zh", "").route, Route::Article("zh".into()));
        assert_eq!(
            parse("/en/news", "").route,
            Route::NotFound("/en/news".into())
        );
        assert_eq!(lang_prefix(Lang::Zh), "/zh");
        assert_eq!(lang_prefix(Lang::En), "");
    }

    #[test]
    fn parses_every_kind_of_page() {
        assert_eq!(parse("/", "").route, Route::Home(NewsQuery::default()));
        assert_eq!(
            parse("/news/cooperation-agreement", "").route,
            Route::Article("cooperation-agreement".into())
        );
        assert_eq!(
            parse("/doctors/d001", "").route,
            Route::Doctor("d001".into())
        );
        assert_eq!(
            parse("/departments/cardiology", "").route,
            Route::Department("cardiology".into())
        );
        assert_eq!(parse("/departments/", "").route, Route::Departments);
        assert_eq!(
            parse("/nope/x", "").route,
            Route::NotFound("/nope/x".into())
        );
        assert_eq!(
            parse("/news/<script>", "").route,
            Route::NotFound("/news/<script>".into())
        );
    }

    #[test]
    fn pages_of_the_whole_feed_have_paths_and_filtered_pages_keep_the_query() {
        let second = Route::News(NewsQuery {
            page: 2,
            ..NewsQuery::default()
        });
        assert_eq!(second.to_url(), "/news/page/2");
        assert_eq!(parse_url("/news/page/2").route, second);
        assert_eq!(parse_url("/zh/news/page/2/").route, second);
        // The old query form still lands on the same page.
        assert_eq!(parse_url("/news?page=2").route, second);
        assert_eq!(
            Route::News(NewsQuery::default()).to_url(),
            "/news",
            "page 1 is the feed itself"
        );
        let filtered = Route::News(NewsQuery {
            page: 2,
            category: Some("research".into()),
            ..NewsQuery::default()
        });
        assert_eq!(filtered.to_url(), "/news?category=research&page=2");
        assert_eq!(parse_url(&filtered.to_url()).route, filtered);
        // A blank search is kept as typed, so it stays in the query too.
        let blank = Route::News(NewsQuery {
            page: 2,
            q: " ".into(),
            ..NewsQuery::default()
        });
        assert_eq!(parse_url(&blank.to_url()).route, blank);
        for bad in ["/news/page/0", "/news/page/two", "/news/page/-1"] {
            assert_eq!(parse_url(bad).route, Route::NotFound(bad.into()), "{bad}");
        }
    }

    #[test]
    fn doctor_query_round_trips() {
        let url = "/doctors?q=zhang+wei&dept=cardiology,neurology&rank=chief_physician&slot=tue-afternoon&new=1&sort=rank&page=3";
        let loc = parse_url(url);
        let Route::Doctors(q) = &loc.route else {
            panic!("not the doctors route: {loc:?}")
        };
        assert_eq!(q.q, "zhang wei");
        assert_eq!(q.departments, vec!["cardiology", "neurology"]);
        assert_eq!(
            q.slots,
            vec![Slot {
                weekday: Weekday::Tue,
                half_day: HalfDay::Afternoon
            }]
        );
        assert!(q.accepting_only);
        assert_eq!(q.sort, DoctorSort::Rank);
        assert_eq!(q.page, 3);
        assert_eq!(loc.route.to_url(), url);
    }

    #[test]
    fn query_params_name_every_parameter_a_route_writes() {
        let doctors = parse_url("/doctors?q=a&dept=x&rank=chief_physician&clinic=expert&slot=tue-afternoon&campus=c&speaks=en&gender=female&new=1&sort=rank&page=2");
        let news = parse_url("/news?q=a&category=c&tag=t&archive=2025-01&page=2");
        for loc in [doctors, news] {
            let url = loc.route.to_url();
            let query = url.split_once('?').map_or("", |(_, q)| q);
            let keys: Vec<String> = parse_query(query).into_iter().map(|(k, _)| k).collect();
            assert!(keys.len() >= 5, "{url}");
            for key in keys {
                assert!(QUERY_PARAMS.contains(&key.as_str()), "{key} of {url}");
            }
        }
        assert_eq!(QUERY_PARAMS.len(), 14);
    }

    #[test]
    fn unicode_queries_are_encoded_and_decoded() {
        let route = Route::News(NewsQuery {
            q: "心脏 & 50%".into(),
            ..Default::default()
        });
        let url = route.to_url();
        assert!(url.is_ascii(), "{url}");
        assert_eq!(parse_url(&url).route, route);
    }

    #[test]
    fn toggling_a_facet_twice_restores_the_query() {
        let start = DoctorQuery {
            page: 4,
            ..Default::default()
        };
        for facet in FacetKind::ALL {
            let key = match facet {
                FacetKind::Rank => "chief_physician",
                FacetKind::Clinic => "expert",
                FacetKind::Slot => "tue-afternoon",
                FacetKind::Gender => "female",
                _ => "x1",
            };
            let mut q = start.clone();
            q.toggle(facet, key);
            assert_eq!(q.selected(facet), vec![key.to_string()], "{facet:?}");
            assert_eq!(q.page, 1);
            q.toggle(facet, key);
            assert!(q.selected(facet).is_empty(), "{facet:?}");
            q.toggle(facet, "not-a-key-for-enums");
            if matches!(
                facet,
                FacetKind::Rank | FacetKind::Clinic | FacetKind::Slot | FacetKind::Gender
            ) {
                assert!(q.selected(facet).is_empty(), "{facet:?}");
            }
        }
    }

    #[test]
    fn defaults_are_the_first_page_and_what_a_bare_url_parses_to() {
        assert_eq!(DoctorQuery::default().page, 1);
        assert_eq!(NewsQuery::default().page, 1);
        assert_eq!(
            parse("/doctors", "").route,
            Route::Doctors(DoctorQuery::default())
        );
        assert_eq!(parse("/news", "").route, Route::News(NewsQuery::default()));
        // "Clear all" gives the query its URL parses back to.
        let q = DoctorQuery {
            q: "x".into(),
            page: 3,
            sort: DoctorSort::Name,
            ..DoctorQuery::default()
        };
        let cleared = Route::Doctors(q.cleared());
        assert_eq!(cleared.to_url(), "/doctors?sort=name");
        assert_eq!(parse_url(&cleared.to_url()).route, cleared);
    }

    #[test]
    fn language_in_the_url() {
        assert_eq!(parse("/doctors", "lang=zh-CN").lang, Some(Lang::Zh));
        assert_eq!(parse("/doctors", "lang=xx").lang, None);
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        let Route::News(q) = parse("/news", "page=-4&archive=20x6").route else {
            panic!()
        };
        assert_eq!(q.page, 1);
        assert_eq!(q.archive, None);
        assert_eq!(decode_component("%E4%BD%A0%zz%"), "你%zz%");
    }
}
