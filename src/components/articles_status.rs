//! What a page that shows articles shows until they are there. With compiled records they
//! are a file of their own, fetched the first time such a page opens (this asks for it):
//! meanwhile a status says so, and a failure says why, with Retry. The page itself
//! renders once `AppData::articles_ready`: the app's page switch and the home page's
//! latest news ask it.

use crate::components::{InlineProblem, LoadProblem};
use crate::data::{use_data, ArticlesState};
use crate::ui::use_ui;
use leptos::prelude::*;

#[component]
pub fn ArticlesStatus(
    /// A part of a page (the home page's latest news): a failure is a line with Retry,
    /// not the page's heading.
    #[prop(optional)]
    part: bool,
) -> impl IntoView {
    let ui = use_ui();
    let data = use_data();
    data.want_articles();
    move || match data.articles_state() {
        ArticlesState::Failed(error) => {
            let data = data.clone();
            let retry = Callback::new(move |_| data.retry_articles());
            if part {
                let message = Signal::derive(move || ui.t().news_failed);
                view! { <InlineProblem message retry/> }.into_any()
            } else {
                view! { <LoadProblem error retry news=true/> }.into_any()
            }
        }
        ArticlesState::Apart | ArticlesState::Loading | ArticlesState::Ready => view! {
            <div class="loading" role="status">
                <span class="spinner" aria-hidden="true"></span>
                {ui.t().loading_news}
            </div>
        }
        .into_any(),
    }
}
