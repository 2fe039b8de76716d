use crate::head::{set_head, Head};
use crate::nav::Link;
use crate::ui::use_ui;
use hospital_core::route::{DoctorQuery, NewsQuery, Route};
use leptos::prelude::*;

#[component]
pub fn NotFound(path: String) -> impl IntoView {
    let ui = use_ui();
    move || {
        let t = ui.t();
        set_head(Head {
            title: t.not_found_title.to_string(),
            ..Head::default()
        });
        view! {
            <section class="not-found">
                <h1>{t.not_found_title}</h1>
                <p>{t.not_found_text}</p>
                <p class="muted"><code>{path.clone()}</code></p>
                <ul class="link-list">
                    <li><Link to=Route::Home(NewsQuery::default())>{t.go_home}</Link></li>
                    <li><Link to=Route::Doctors(DoctorQuery::default())>{t.find_a_doctor}</Link></li>
                    <li><Link to=Route::Departments>{t.nav_departments}</Link></li>
                </ul>
            </section>
        }
    }
}
