//! The app's browser-bound pieces in a real Chromium (wasm-bindgen-test): the
//! slicing of long work, the progress component, and loading a dataset through
//! `fetch` into the staged loader. Run by scripts/test.sh:
//! `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use hospital_core::route::{DoctorQuery, Route};
use hospital_core::Lang;
use hospital_site::components::{CardKeys, FilterSelect, ProgressStatus, SearchBox};
use hospital_site::config::{Mode, Scope};
use hospital_site::data::{self, LoadError, LoadState};
use hospital_site::nav::Nav;
use hospital_site::ui::Ui;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE: &str = include_str!("../data/sample.json");

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Lets the browser run for `ms` milliseconds (its timers included).
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("a timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the timer fired");
}

#[wasm_bindgen_test]
async fn between_slices_the_browser_gets_its_turn() {
    // A timer set before the pause has run by the time the pause ends: the
    // browser ran its own tasks in between.
    let ran = Rc::new(Cell::new(false));
    let flag = ran.clone();
    let timer = Closure::once_into_js(move || flag.set(true));
    web_sys::window()
        .expect("a window")
        .set_timeout_with_callback_and_timeout_and_arguments_0(timer.unchecked_ref(), 0)
        .expect("a timer");
    assert!(!ran.get());
    data::next_task().await;
    assert!(ran.get());
}

#[wasm_bindgen_test]
fn a_slice_deadline_passes() {
    let mut out_of_time = data::slice_deadline();
    let mut checks = 0u64;
    while !out_of_time() {
        checks += 1;
        assert!(checks < 1_000_000_000, "the deadline never came");
    }
}

#[wasm_bindgen_test]
async fn progress_changes_the_bar_not_the_announced_words() {
    let host = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("appended");
    let percent = RwSignal::new(3u8);
    let mounted = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        provide_context(Ui::new(None, Some(Lang::En), false));
        let label = Signal::derive(|| "Preparing the hospital information…");
        view! { <ProgressStatus label=label percent=percent/> }
    });
    leptos::task::tick().await;
    let find = |selector: &str| {
        host.query_selector(selector)
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("no {selector} in {}", host.inner_html()))
    };
    let status = find("[role=status]");
    assert_eq!(
        status.text_content().as_deref(),
        Some("Preparing the hospital information…")
    );
    assert_eq!(
        find("progress").get_attribute("value").as_deref(),
        Some("3")
    );
    assert_eq!(
        find("progress").get_attribute("aria-label").as_deref(),
        Some("Preparing the hospital information…")
    );

    percent.set(57);
    leptos::task::tick().await;
    assert_eq!(
        find("progress").get_attribute("value").as_deref(),
        Some("57")
    );
    assert_eq!(
        find("[aria-hidden=true]:last-child")
            .text_content()
            .as_deref(),
        Some("57 %")
    );
    // The same live-region node, untouched: screen readers are not told again.
    assert!(find("[role=status]").is_same_node(Some(&status)));
    assert_eq!(
        status.text_content().as_deref(),
        Some("Preparing the hospital information…")
    );
    drop(mounted);
    host.remove();
}

fn data_url(json: &str) -> String {
    format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(json))
    )
}

/// Starts `data::load` on `src` and waits (a bounded number of browser turns) for it to end.
async fn load(src: String) -> LoadState {
    load_for(src, &Route::Departments).await
}

/// `load` for a visit that opens `first_page`.
async fn load_for(src: String, first_page: &Route) -> LoadState {
    load_source(
        data::Source {
            dataset: src,
            json_fallback: None,
            doctor_index: None,
            articles: None,
            details: Vec::new(),
        },
        first_page,
    )
    .await
}

/// Starts `data::load` on `source` and waits for it to end.
async fn load_source(source: data::Source, first_page: &Route) -> LoadState {
    // Leptos' mount starts the task executor; a test may come before any mount.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let state = RwSignal::new(LoadState::Loading {
        received: 0,
        total: None,
    });
    data::load(state, source, first_page);
    for _ in 0..10_000 {
        match state.get_untracked() {
            LoadState::Loading { .. } | LoadState::Preparing(_) => data::next_task().await,
            done => return done,
        }
    }
    panic!("the dataset never finished loading");
}

#[wasm_bindgen_test]
fn without_data_src_the_dataset_is_the_one_published_beside_the_app() {
    assert_eq!(data::published_url("/", "hospital.json"), "/hospital.json");
    assert_eq!(
        data::published_url("/hospital-site/", "hospital.json"),
        "/hospital-site/hospital.json"
    );
    // widget.js's folder, with or without its final slash.
    assert_eq!(
        data::published_url("https://cdn.example.org/hs/v1/", "doctors.idx"),
        "https://cdn.example.org/hs/v1/doctors.idx"
    );
    assert_eq!(
        data::published_url("https://cdn.example.org/hs/v1", "hospital.json"),
        "https://cdn.example.org/hs/v1/hospital.json"
    );
    assert_eq!(data::published_url("", "hospital.json"), "hospital.json");
}

#[wasm_bindgen_test]
async fn a_fetched_dataset_loads_in_slices_and_its_doctor_index_is_ready_when_asked() {
    let LoadState::Ready(app) = load(data_url(SAMPLE)).await else {
        panic!("the sample did not load");
    };
    assert_eq!(app.dataset.doctors.len(), 65);
    for _ in 0..10_000 {
        if app.doctor_index_percent() == 100 {
            break;
        }
        data::next_task().await;
    }
    assert_eq!(app.doctor_index_percent(), 100);
    assert_eq!(app.doctors().len(), 65);
}

#[wasm_bindgen_test]
async fn a_broken_dataset_fetched_is_refused_with_its_line() {
    let broken = SAMPLE.replacen("\"schema\": 1,", "\"schema\": 1,,", 1);
    match load(data_url(&broken)).await {
        LoadState::Failed(LoadError::Invalid(problems)) => {
            assert_eq!(problems[0].line, Some(3), "{:?}", problems[0]);
        }
        other => panic!("not refused: {}", matches!(other, LoadState::Ready(_))),
    }
}

/// `bytes` as a `data:` URL, each byte percent-encoded.
fn bytes_url(bytes: &[u8]) -> String {
    let mut url = String::from("data:application/octet-stream,");
    for b in bytes {
        url.push_str(&format!("%{b:02X}"));
    }
    url
}

fn sample_dataset() -> hospital_core::Dataset {
    hospital_core::validate::load(SAMPLE)
        .expect("the sample loads")
        .dataset
}

/// `ds` as `hospital-data compile` writes it: its records and articles, compiled.
fn compiled(ds: &hospital_core::Dataset) -> hospital_core::compiled::dataset::Compiled {
    let source = hospital_core::compiled::Fingerprint::of(SAMPLE.as_bytes());
    hospital_core::compiled::dataset::write(ds, source, "sample.articles.bin")
}

/// The sample's compiled records.
fn sample_records() -> Vec<u8> {
    compiled(&sample_dataset()).records
}

/// Compiled records and articles given as `data:` URLs, loaded for `first_page`.
async fn load_compiled(
    files: &hospital_core::compiled::dataset::Compiled,
    first_page: &Route,
) -> LoadState {
    let source = data::Source {
        dataset: bytes_url(&files.records),
        json_fallback: None,
        doctor_index: None,
        articles: Some(bytes_url(&files.articles)),
        details: Vec::new(),
    };
    load_source(source, first_page).await
}

/// Waits (a bounded number of browser turns) until the articles, asked for, are no
/// longer on their way.
async fn articles_settled(app: &data::AppData) -> data::ArticlesState {
    for _ in 0..10_000 {
        match app.articles_state_untracked() {
            data::ArticlesState::Apart | data::ArticlesState::Loading => data::next_task().await,
            done => return done,
        }
    }
    panic!("the articles never finished loading");
}

/// The app of compiled `files` opened at `first_page`, which shows no article: a few
/// turns after it is ready, the articles are still apart, never asked for.
async fn loaded_without_articles(
    files: &hospital_core::compiled::dataset::Compiled,
    first_page: &Route,
) -> std::sync::Arc<data::AppData> {
    let LoadState::Ready(app) = load_compiled(files, first_page).await else {
        panic!("the compiled sample did not load");
    };
    for _ in 0..20 {
        data::next_task().await;
    }
    assert!(matches!(
        app.articles_state_untracked(),
        data::ArticlesState::Apart
    ));
    app
}

/// What `AppData::news_naming` lists for `doctor`, owned, to compare two apps'.
fn news_naming(app: &data::AppData, doctor: &str) -> Vec<(String, hospital_core::Text)> {
    (app.news_naming(doctor).into_iter())
        .map(|(slug, title)| (slug.to_string(), title.clone()))
        .collect()
}

#[wasm_bindgen_test]
async fn compiled_records_load_as_the_same_dataset_as_their_json() {
    let LoadState::Ready(from_json) = load(data_url(SAMPLE)).await else {
        panic!("the sample did not load");
    };
    let files = compiled(&sample_dataset());
    let home = Route::Home(Default::default());
    let LoadState::Ready(compiled) = load_compiled(&files, &home).await else {
        panic!("the compiled sample did not load");
    };
    assert_eq!(compiled.dataset, from_json.dataset);
    // The home page shows articles: they are there before its first render.
    assert!(matches!(
        compiled.articles_state_untracked(),
        data::ArticlesState::Ready
    ));
    assert!(!compiled.articles().is_empty());
    assert_eq!(compiled.articles(), from_json.articles());
    assert!(compiled.news_index_built());
}

#[wasm_bindgen_test]
async fn the_finder_never_loads_the_articles_and_a_news_page_asks_for_them() {
    let files = compiled(&sample_dataset());
    let app = loaded_without_articles(&files, &Route::Doctors(DoctorQuery::default())).await;
    assert!(app.articles().is_empty());
    assert!(app
        .article_index(&sample_dataset().articles[0].slug)
        .is_none());
    // Asked twice (two renders), loaded once.
    app.want_articles();
    app.want_articles();
    assert!(matches!(
        articles_settled(&app).await,
        data::ArticlesState::Ready
    ));
    assert_eq!(app.articles(), &sample_dataset().articles[..]);
    assert_eq!(
        app.article_index(&sample_dataset().articles[1].slug),
        Some(1)
    );
}

#[wasm_bindgen_test]
async fn a_profile_lists_its_news_from_the_records_without_the_articles() {
    let ds = sample_dataset();
    let named = ds
        .articles
        .iter()
        .find(|a| !a.doctors.is_empty())
        .expect("an article naming a doctor");
    let doctor = named.doctors[0].clone();
    let LoadState::Ready(from_json) = load(data_url(SAMPLE)).await else {
        panic!("the sample did not load");
    };
    let expected = news_naming(&from_json, &doctor);
    assert!(expected.iter().any(|(slug, _)| *slug == named.slug));
    // The articles never asked for: the titles came with the records.
    let app = loaded_without_articles(&compiled(&ds), &Route::Doctor(doctor.clone())).await;
    assert_eq!(news_naming(&app, &doctor), expected);
    // Once a news page has brought the articles, the same list from them.
    app.want_articles();
    assert!(matches!(
        articles_settled(&app).await,
        data::ArticlesState::Ready
    ));
    assert_eq!(news_naming(&app, &doctor), expected);
    assert!(app.news_naming("nobody-here").is_empty());
}

/// Waits (a bounded number of browser turns) until doctor `place`'s details, asked
/// for, are no longer on their way.
async fn details_settled(app: &data::AppData, place: usize) -> data::DoctorDetails {
    for _ in 0..10_000 {
        match app.doctor_details(place) {
            data::DoctorDetails::Loading => data::next_task().await,
            done => return done,
        }
    }
    panic!("the details never finished loading");
}

/// The sample compiled as a large hospital's is: its biographies, education and
/// timetable rooms in files of their own, all given as `data:` URLs (`details` instead
/// of them, when given).
fn with_details_apart(ds: &hospital_core::Dataset, details: Option<Vec<Vec<u8>>>) -> data::Source {
    let source = hospital_core::compiled::Fingerprint::of(SAMPLE.as_bytes());
    let files = hospital_core::compiled::dataset::write_with(ds, source, "s.articles.bin", true);
    let details = details.unwrap_or(files.details);
    data::Source {
        dataset: bytes_url(&files.records),
        json_fallback: None,
        doctor_index: None,
        articles: Some(bytes_url(&files.articles)),
        details: details.iter().map(|f| bytes_url(f)).collect(),
    }
}

#[wasm_bindgen_test]
async fn a_large_hospitals_profile_reads_its_biography_from_the_file_of_its_doctor() {
    let ds = sample_dataset();
    let place = (ds.doctors.iter())
        .position(|d| !d.bio.is_blank() && !d.education.is_empty())
        .expect("a doctor with a biography");
    let doctor = &ds.doctors[place];
    let is_theirs = |details: data::DoctorDetails| match details {
        data::DoctorDetails::Here(here) => {
            here == hospital_core::compiled::dataset::Details::of(doctor)
        }
        _ => false,
    };
    // Opened at the profile: the details are there for its first render.
    let profile = Route::Doctor(doctor.id.clone());
    let LoadState::Ready(app) = load_source(with_details_apart(&ds, None), &profile).await else {
        panic!("the compiled sample did not load");
    };
    assert!(app
        .dataset
        .doctors
        .iter()
        .all(|d| d.bio.is_blank() && d.education.is_empty()));
    assert!(is_theirs(app.doctor_details(place)));
    // Opened at the finder: read once a profile asks (twice here, as two renders).
    let finder = Route::Doctors(DoctorQuery::default());
    let LoadState::Ready(app) = load_source(with_details_apart(&ds, None), &finder).await else {
        panic!("the compiled sample did not load");
    };
    app.want_details(place);
    app.want_details(place);
    assert!(is_theirs(details_settled(&app, place).await));
    // A file of another dataset is refused, with why; Retry asks again.
    let theirs = hospital_core::compiled::dataset::write_with(
        &ds,
        hospital_core::compiled::Fingerprint::of(b"another dataset"),
        "s.articles.bin",
        true,
    );
    let source = with_details_apart(&ds, Some(theirs.details));
    let LoadState::Ready(app) = load_source(source, &finder).await else {
        panic!("the records load");
    };
    app.want_details(place);
    match details_settled(&app, place).await {
        data::DoctorDetails::Failed(LoadError::Records { error, .. }) => {
            assert_eq!(error, hospital_core::compiled::CompiledError::OtherDataset)
        }
        other => panic!("not refused: {other:?}"),
    }
    app.retry_details(place);
    assert!(matches!(
        details_settled(&app, place).await,
        data::DoctorDetails::Failed(_)
    ));
}

#[wasm_bindgen_test]
async fn articles_of_another_dataset_or_with_broken_references_are_refused_with_why() {
    let ds = sample_dataset();
    let home = Route::Home(Default::default());
    // Articles compiled from another JSON file than the records.
    let mut files = compiled(&ds);
    files.articles = hospital_core::compiled::dataset::write(
        &ds,
        hospital_core::compiled::Fingerprint::of(b"another dataset"),
        "x.bin",
    )
    .articles;
    let LoadState::Ready(app) = load_compiled(&files, &home).await else {
        panic!("the records load");
    };
    match articles_settled(&app).await {
        data::ArticlesState::Failed(LoadError::Records { error, .. }) => {
            assert_eq!(error, hospital_core::compiled::CompiledError::OtherDataset)
        }
        other => panic!("not refused: {other:?}"),
    }
    // An article naming a doctor the records do not have: the article is named.
    let mut broken = ds.clone();
    broken.articles[0].doctors.push("nobody-here".into());
    let slug = broken.articles[0].slug.clone();
    let LoadState::Ready(app) = load_compiled(&compiled(&broken), &home).await else {
        panic!("the records load");
    };
    match articles_settled(&app).await {
        data::ArticlesState::Failed(LoadError::Invalid(problems)) => {
            let all: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            assert!(
                all.iter()
                    .any(|p| p.contains("nobody-here") && p.contains(&slug)),
                "{all:?}"
            );
        }
        other => panic!("not refused: {other:?}"),
    }
    // Retry after a failure asks again (and fails again, the file being the same).
    app.retry_articles();
    assert!(matches!(
        articles_settled(&app).await,
        data::ArticlesState::Failed(LoadError::Invalid(_))
    ));
}

#[wasm_bindgen_test]
async fn without_the_build_s_compiled_records_the_json_beside_them_loads() {
    // A dev server answers a missing file with its index.html.
    let source = data::Source {
        dataset: data_url("<!DOCTYPE html><html><body>app</body></html>"),
        json_fallback: Some(data_url(SAMPLE)),
        doctor_index: None,
        articles: None,
        details: Vec::new(),
    };
    let LoadState::Ready(app) = load_source(source, &Route::Departments).await else {
        panic!("the JSON beside them did not load");
    };
    assert_eq!(app.dataset.doctors.len(), 65);
    // Given as data-src (no JSON beside it), the same page is refused, not guessed at.
    assert!(matches!(
        load(data_url("<!DOCTYPE html><html></html>")).await,
        LoadState::Failed(LoadError::Invalid(_))
    ));
}

#[wasm_bindgen_test]
async fn damaged_or_inconsistent_compiled_records_are_refused_with_why() {
    let mut damaged = sample_records();
    let last = damaged.len() - 1;
    damaged[last] ^= 0x20;
    match load(bytes_url(&damaged)).await {
        LoadState::Failed(LoadError::Records { error, .. }) => {
            assert_eq!(error, hospital_core::compiled::CompiledError::Checksum)
        }
        other => panic!("not refused: {}", matches!(other, LoadState::Ready(_))),
    }
    // Sound framing around a dataset whose doctor names a department it does not have:
    // refused by the same checks as its JSON would be, naming the record.
    let mut ds = hospital_core::validate::load(SAMPLE)
        .expect("the sample loads")
        .dataset;
    ds.doctors[0].departments = vec!["no-such-department".into()];
    let name = ds.doctors[0].id.clone();
    let file = hospital_core::compiled::dataset::write(
        &ds,
        hospital_core::compiled::Fingerprint::of(b"x"),
        "x.bin",
    )
    .records;
    match load(bytes_url(&file)).await {
        LoadState::Failed(LoadError::Invalid(problems)) => {
            let all: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            assert!(
                all.iter()
                    .any(|p| p.contains("no-such-department") && p.contains(&name)),
                "{all:?}"
            );
        }
        other => panic!("not refused: {}", matches!(other, LoadState::Ready(_))),
    }
}

/// Mounts `view` in a fresh element under a widget-mode `Nav` (so the test page's path
/// is left alone) and returns the element and the `Nav`.
fn mount_with_nav<V: IntoView + 'static>(
    view: impl Fn(Nav) -> V + 'static,
) -> (
    web_sys::Element,
    Nav,
    leptos::mount::UnmountHandle<V::State>,
) {
    let host = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("appended");
    let nav_out = Rc::new(Cell::new(None));
    let nav_in = nav_out.clone();
    let mounted = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        let nav = Nav::new(
            Mode::Widget {
                param: "hs-test".into(),
            },
            Scope::Doctors,
        );
        provide_context(nav);
        provide_context(Ui::new(None, Some(Lang::En), false));
        nav_in.set(Some(nav));
        view(nav)
    });
    let nav = nav_out.get().expect("the view ran");
    (host, nav, mounted)
}

fn typed_query(nav: Nav) -> String {
    match nav.route() {
        Route::Doctors(q) => q.q,
        _ => String::new(),
    }
}

#[wasm_bindgen_test]
async fn the_search_box_writes_the_url_and_shows_what_the_url_says() {
    let (host, nav, mounted) = mount_with_nav(|nav| {
        view! {
            <SearchBox
                id="t-q"
                label=Signal::derive(|| "Search doctors")
                placeholder=Signal::derive(|| "Name or condition")
                text=Signal::derive(move || typed_query(nav))
                route_for=Callback::new(|q: String| Route::Doctors(DoctorQuery { q, ..Default::default() }))
            />
        }
    });
    leptos::task::tick().await;
    let input: web_sys::HtmlInputElement = host
        .query_selector("#t-q")
        .ok()
        .flatten()
        .expect("the input")
        .unchecked_into();
    let history_before = web_sys::window()
        .expect("a window")
        .history()
        .expect("history")
        .length()
        .expect("length");

    input.set_value("cardio");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("an event"))
        .expect("dispatched");
    leptos::task::tick().await;
    assert_eq!(typed_query(nav), "cardio");
    let search = || {
        web_sys::window()
            .expect("a window")
            .location()
            .search()
            .expect("search")
    };
    // The results follow the key at once; the address once typing pauses.
    assert!(!search().contains("cardio"), "{}", search());
    sleep_ms(600).await;
    assert!(
        search().contains("hs-test=%2Fdoctors%3Fq%3Dcardio"),
        "{}",
        search()
    );
    // Typing replaces the history entry instead of adding one per key.
    let history_after = web_sys::window()
        .expect("a window")
        .history()
        .expect("history")
        .length()
        .expect("length");
    assert_eq!(history_after, history_before);

    // Anything else that changes the URL (Clear all, Back) shows in the box.
    nav.go(Route::Doctors(DoctorQuery::default()), true);
    leptos::task::tick().await;
    assert_eq!(input.value(), "");
    assert_eq!(
        host.query_selector("label[for=t-q]")
            .ok()
            .flatten()
            .and_then(|l| l.text_content())
            .as_deref(),
        Some("Search doctors")
    );
    drop(mounted);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_filter_select_reports_the_choice_and_none_for_all() {
    let chosen: RwSignal<Option<Option<String>>> = RwSignal::new(None);
    let (host, _nav, mounted) = mount_with_nav(move |_| {
        view! {
            <FilterSelect
                id="t-cat"
                name="category"
                label="Category"
                all_label="All categories"
                options=vec![("events".into(), "Events (3)".into()), ("research".into(), "Research (2)".into())]
                selected=Some("research".to_string())
                on_change=Callback::new(move |v| chosen.set(Some(v)))
            />
        }
    });
    leptos::task::tick().await;
    let select: web_sys::HtmlSelectElement = host
        .query_selector("#t-cat")
        .ok()
        .flatten()
        .expect("the select")
        .unchecked_into();
    assert_eq!(select.value(), "research");
    assert_eq!(select.length(), 3);
    select.set_value("events");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("an event"))
        .expect("dispatched");
    assert_eq!(chosen.get_untracked(), Some(Some("events".to_string())));
    select.set_value("");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("an event"))
        .expect("dispatched");
    assert_eq!(chosen.get_untracked(), Some(None));
    drop(mounted);
    host.remove();
}

#[wasm_bindgen_test]
async fn cards_keyed_by_card_keys_stay_in_the_order_of_their_list() {
    // Random page-sized lists of doctors, each after the last: narrowed, widened, reordered,
    // or new. Under `<For>` with `CardKeys`, the DOM shows each list in its own order.
    let list = RwSignal::new((0..20).collect::<Vec<usize>>());
    let host = document().create_element("ol").expect("an ol");
    document()
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("appended");
    let mounted = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        let keys = Memo::new(move |previous| CardKeys::next(previous, list.get()));
        view! {
            <For each=move || keys.with(CardKeys::keys) key=|key| *key children=|(_, d)| view! { <li>{d}</li> }/>
        }
    });
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut random = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    for step in 0..1000 {
        let before = list.get_untracked();
        let mut next: Vec<usize> = match if step == 0 { 4 } else { random(4) } {
            // The change that showed the finder's cards out of order: from the first 20
            // doctors to four of them, reordered.
            4 => vec![15, 5, 2, 7],
            // Narrowed: some of the same doctors, in the same order.
            0 => before.iter().copied().filter(|_| random(3) > 0).collect(),
            // Reordered: some of the same doctors, shuffled.
            1 => {
                let mut v: Vec<usize> = before.iter().copied().filter(|_| random(4) > 0).collect();
                for i in (1..v.len()).rev() {
                    v.swap(i, random(i + 1));
                }
                v
            }
            // Widened: new doctors among the old.
            2 => {
                let mut v = before.clone();
                for _ in 0..random(6) {
                    let d = 100 + random(60);
                    if !v.contains(&d) {
                        let at = random(v.len() + 1);
                        v.insert(at, d);
                    }
                }
                v
            }
            // Another search altogether.
            _ => (0..random(21)).map(|_| random(80)).collect(),
        };
        let mut seen = std::collections::HashSet::new();
        next.retain(|d| seen.insert(*d));
        next.truncate(20);
        list.set(next.clone());
        leptos::task::tick().await;
        let shown: Vec<usize> = (0..host.children().length())
            .filter_map(|i| host.children().item(i)?.text_content()?.parse().ok())
            .collect();
        assert_eq!(shown, next, "step {step}: from {before:?}");
    }
    drop(mounted);
    host.remove();
}

/// Temporal, where the browser has it, reads the hospital's clock as
/// `Intl.DateTimeFormat` does (the app asks Temporal first: it costs a fraction of
/// Intl's first use), in zones with and without daylight saving and off the hour.
#[wasm_bindgen_test]
fn temporal_and_intl_agree_on_the_hospitals_clock() {
    use hospital_site::clock::{in_zone, temporal_now};
    for zone in [
        "Asia/Shanghai",
        "America/New_York",
        "Europe/London",
        "Asia/Kolkata",
    ] {
        // Read twice when the two readings straddle a minute.
        let agree = (0..2).any(|_| {
            let by_temporal = temporal_now(zone).expect("Chromium has Temporal and knows the zone");
            let by_intl = in_zone(&js_sys::Date::new_0(), zone).expect("Intl knows the zone");
            by_temporal == by_intl
        });
        assert!(agree, "{zone}: Temporal and Intl disagree");
    }
    assert_eq!(temporal_now("Mars/Olympus_Mons"), None);
}

/// The page being opened has its index ready when the data is, built in a task of its
/// own before the render; the other index waits until a page asks for it.
#[wasm_bindgen_test]
async fn the_first_pages_index_is_built_before_it_renders_and_only_that_one() {
    let cases = [
        (Route::Doctors(DoctorQuery::default()), (false, true)),
        (Route::Home(Default::default()), (true, false)),
        (Route::Article("any".into()), (true, false)),
        (Route::Departments, (false, false)),
    ];
    for (route, (news, doctors)) in cases {
        let LoadState::Ready(data) = load_for(data_url(SAMPLE), &route).await else {
            panic!("the sample loads");
        };
        assert_eq!(
            (data.news_index_built(), data.doctor_index_built()),
            (news, doctors),
            "{route:?}: (news, doctors) indexes built"
        );
    }
}
