use crate::nav::Link;
use crate::ui::{text_view, use_ui};
use hospital_core::route::{DoctorQuery, NewsQuery, Route};
use hospital_core::Text;
use leptos::prelude::*;

/// The part of the site a page belongs to, for the navigation's `aria-current`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    News,
    Doctors,
    Departments,
    Other,
}

/// The site's name, its navigation (only the parts this mount shows), and the
/// text-size and language switches.
#[component]
pub fn SiteHeader(
    /// The hospital's name, once the dataset is there.
    #[prop(into)]
    hospital: Signal<Option<Text>>,
    #[prop(into)] section: Signal<Section>,
    show_news: bool,
    show_doctors: bool,
) -> impl IntoView {
    let ui = use_ui();
    let current = move |s: Section| Signal::derive(move || section.get() == s);
    view! {
        <header class="site-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                {move || hospital.get().map(|name| view! {
                    <Link to=Route::Home(NewsQuery::default()) class="brand-name">{text_view(&name, ui.lang.get())}</Link>
                })}
            </div>
            <nav aria-label=move || ui.t().site_nav class="site-nav">
                <ul>
                    {show_news.then(|| view! {
                        <li><Link to=Route::News(NewsQuery::default()) aria_current=current(Section::News)>
                            {move || ui.t().nav_news}
                        </Link></li>
                    })}
                    {show_doctors.then(|| view! {
                        <li><Link to=Route::Doctors(DoctorQuery::default()) aria_current=current(Section::Doctors)>
                            {move || ui.t().nav_doctors}
                        </Link></li>
                        <li><Link to=Route::Departments aria_current=current(Section::Departments)>
                            {move || ui.t().nav_departments}
                        </Link></li>
                    })}
                </ul>
            </nav>
            <div class="header-tools">
                <button
                    type="button"
                    class="tool-button"
                    aria-pressed=move || ui.larger_text.get().to_string()
                    on:click=move |_| ui.toggle_larger_text()
                >
                    {move || ui.t().larger_text}
                </button>
                <button
                    type="button"
                    class="tool-button lang-switch"
                    lang=move || ui.lang.get().other().code()
                    on:click=move |_| ui.set_lang(ui.lang.get_untracked().other())
                >
                    {move || ui.t().other_language_name}
                </button>
            </div>
        </header>
    }
}
