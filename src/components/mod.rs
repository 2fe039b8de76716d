//! Pieces shared by several pages, one file each.

mod accepting_badge;
mod avatar;
mod doctor_card;
mod doctor_results;
mod facet_group;
mod facet_panel;
mod filter_chips;
mod filter_select;
mod highlighted;
mod load_problem;
mod markdown_view;
mod news_card;
mod news_filters;
mod pager;
mod progress_status;
mod search_box;
mod sort_menu;
mod timetable;

pub use accepting_badge::AcceptingBadge;
pub use avatar::Avatar;
pub use doctor_card::DoctorCard;
pub use doctor_results::DoctorResults;
pub use facet_group::FacetGroup;
pub use facet_panel::FacetPanel;
pub use filter_chips::FilterChips;
pub use filter_select::FilterSelect;
pub use highlighted::Highlighted;
pub use load_problem::LoadProblem;
pub use markdown_view::MarkdownView;
pub use news_card::NewsCard;
pub use news_filters::NewsFilters;
pub use pager::Pager;
pub use progress_status::ProgressStatus;
pub use search_box::SearchBox;
pub use sort_menu::SortMenu;
pub use timetable::Timetable;
