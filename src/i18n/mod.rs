//! The user interface's words, one catalogue per language. Components never hold UI
//! text themselves: they ask the catalogue of the current language. Both catalogues
//! are values of one struct, so a missing translation is a compile error.

mod en;
mod format;
mod zh;

pub use format::*;
use hospital_core::labels;
use hospital_core::model::{ClinicType, Gender, HalfDay, TitleRank, Weekday};
use hospital_core::route::DoctorSort;
use hospital_core::Lang;

pub struct Messages {
    /// Between a label and its value: ": " / "：".
    pub colon: &'static str,
    /// Between items of a list: ", " / "、".
    pub list_sep: &'static str,
    /// Between longer items: "; " / "；".
    pub clause_sep: &'static str,
    pub skip_to_content: &'static str,
    pub site_nav: &'static str,
    pub nav_news: &'static str,
    pub nav_doctors: &'static str,
    pub nav_departments: &'static str,
    pub other_language_name: &'static str,
    pub sample_notice: &'static str,
    pub larger_text: &'static str,
    pub loading: &'static str,
    pub loading_bytes: fn(u64, Option<u64>) -> String,
    /// Checking a large dataset.
    pub preparing_data: &'static str,
    /// Building the doctor search of a large dataset.
    pub preparing_search: &'static str,
    pub percent: fn(u8) -> String,
    pub retry: &'static str,
    pub load_failed_title: &'static str,
    pub dataset_invalid_title: &'static str,
    pub dataset_invalid_intro: &'static str,
    pub at_line: fn(usize, usize) -> String,
    pub warnings_title: &'static str,
    pub fetch_status: fn(u16) -> String,
    pub fetch_network: &'static str,
    pub fetch_timeout: &'static str,
    pub fetch_not_text: &'static str,
    pub fetch_aborted: &'static str,
    /// The compiled doctor index (`doctors.idx`) arrived damaged or impossible.
    pub records_damaged: &'static str,
    pub index_damaged: &'static str,
    // News
    pub news_title: &'static str,
    pub news_search_label: &'static str,
    pub news_search_placeholder: &'static str,
    pub all_categories: &'static str,
    pub category: &'static str,
    pub tag: &'static str,
    pub archive: &'static str,
    pub all_dates: &'static str,
    pub all_tags: &'static str,
    pub news_count: fn(usize) -> String,
    pub no_news: &'static str,
    pub clear_filters: &'static str,
    pub featured: &'static str,
    pub page_nav: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page_of: fn(usize, usize) -> String,
    // Article
    pub by: &'static str,
    pub reading_time: fn(u32) -> String,
    pub original_source: &'static str,
    pub related_departments: &'static str,
    pub related_doctors: &'static str,
    pub related_articles: &'static str,
    pub newer_article: &'static str,
    pub older_article: &'static str,
    pub find_a_doctor_cta_title: &'static str,
    pub find_a_doctor_cta_text: &'static str,
    pub find_a_doctor: &'static str,
    pub share: &'static str,
    pub link_copied: &'static str,
    pub copy_failed: &'static str,
    pub tags: &'static str,
    pub body_failed: &'static str,
    /// While the articles' file of compiled records arrives.
    pub loading_news: &'static str,
    pub loading_biography: &'static str,
    pub biography_failed: &'static str,
    pub news_failed: &'static str,
    pub news_failed_title: &'static str,
    // Doctors
    pub doctors_title: &'static str,
    pub doctor_search_label: &'static str,
    pub doctor_search_placeholder: &'static str,
    pub doctor_search_hint: &'static str,
    /// Shown only when scripts are off: the list is there, searching is not.
    pub finder_needs_script: &'static str,
    pub results_count: fn(usize) -> String,
    pub no_doctors: &'static str,
    /// The query when no doctor matches every word of it.
    pub no_full_match: fn(&str) -> String,
    pub closest_matches: &'static str,
    /// "Other doctors of" {departments} {""}: the heading of the doctors who treat a
    /// condition without listing it (`SearchResult::related`), around the names.
    pub related_before: &'static str,
    pub related_after: &'static str,
    pub related_note: fn(&str) -> String,
    pub did_you_mean: &'static str,
    pub filters: &'static str,
    pub show_filters: &'static str,
    pub hide_filters: &'static str,
    pub clear_all: &'static str,
    pub remove_filter: fn(&str) -> String,
    pub facet_department: &'static str,
    pub facet_rank: &'static str,
    pub facet_clinic: &'static str,
    pub facet_slot: &'static str,
    pub facet_campus: &'static str,
    pub facet_language: &'static str,
    pub facet_gender: &'static str,
    pub accepting_only: &'static str,
    pub sort_by: &'static str,
    pub accepting_badge: &'static str,
    pub not_accepting_badge: &'static str,
    pub next_clinics: &'static str,
    /// The list of what a result matched.
    pub why_this_doctor: &'static str,
    pub name_label: &'static str,
    /// A dated clinic: (date, half-day, clinic type).
    pub clinic_when: fn(&str, &str, &str) -> String,
    pub no_clinics: &'static str,
    pub speaks: &'static str,
    // Profile
    pub specialties: &'static str,
    pub conditions: &'static str,
    pub biography: &'static str,
    pub education: &'static str,
    pub timetable: &'static str,
    pub timetable_caption: fn(&str) -> String,
    pub cancelled: &'static str,
    /// A cancelled session with the date it is called off for.
    pub cancelled_on: fn(&str) -> String,
    pub how_to_book: &'static str,
    pub book_online: &'static str,
    pub book: &'static str,
    /// The accessible name of a card's Book action.
    pub book_doctor: fn(&str) -> String,
    pub call: &'static str,
    pub last_verified: &'static str,
    pub colleagues: &'static str,
    pub back_to_results: &'static str,
    pub in_the_news: &'static str,
    pub campus: &'static str,
    // Departments
    pub departments_title: &'static str,
    pub doctor_count: fn(usize) -> String,
    pub phone: &'static str,
    pub weekly_overview: &'static str,
    pub doctors_in_department: &'static str,
    pub other_campuses: &'static str,
    // Home
    pub home_search_title: &'static str,
    pub search_button: &'static str,
    pub emergency_title: &'static str,
    pub emergency_call: fn(&str) -> String,
    pub campuses_title: &'static str,
    pub open_map: fn(&str) -> String,
    pub latest_news: &'static str,
    pub all_news: &'static str,
    pub all_departments: &'static str,
    // Not found
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub go_home: &'static str,
    pub footer_note: &'static str,
    pub crashed: &'static str,
}

/// "News", and from the second page on which page: each page of the feed is a page of
/// its own (`/news/page/2`), with its own title in the tab and in search results.
pub fn feed_title(t: &Messages, page: usize, pages: usize) -> String {
    if page > 1 {
        format!("{} · {}", t.news_title, (t.page_of)(page, pages))
    } else {
        t.news_title.to_string()
    }
}

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::En => &en::EN,
        Lang::Zh => &zh::ZH,
    }
}

impl Messages {
    pub fn rank(&self, lang: Lang, r: TitleRank) -> &'static str {
        r.name(lang)
    }
}

// The names of the dataset's keywords live in `hospital_core::labels`, one table per
// kind; these keep the names the views call.

pub fn clinic_name(lang: Lang, c: ClinicType) -> &'static str {
    c.name(lang)
}

pub fn weekday_name(lang: Lang, w: Weekday) -> &'static str {
    w.name(lang)
}

pub fn weekday_short(lang: Lang, w: Weekday) -> &'static str {
    w.short_name(lang)
}

pub fn half_day_name(lang: Lang, h: HalfDay) -> &'static str {
    h.name(lang)
}

pub fn gender_name(lang: Lang, g: Gender) -> &'static str {
    g.name(lang)
}

pub fn sort_name(lang: Lang, s: DoctorSort) -> &'static str {
    s.name(lang)
}

/// Spoken-language codes used in the dataset, named in the UI language.
pub fn spoken_language_name(lang: Lang, code: &str) -> String {
    labels::spoken_language_name(lang, code).to_string()
}
