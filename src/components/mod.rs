//! Pieces shared by several pages, one file each.

mod accepting_badge;
mod avatar;
mod facet_group;
mod highlighted;
mod load_problem;
mod markdown_view;
mod pager;
mod progress_status;
mod timetable;

pub use accepting_badge::AcceptingBadge;
pub use avatar::Avatar;
pub use facet_group::FacetGroup;
pub use highlighted::Highlighted;
pub use load_problem::LoadProblem;
pub use markdown_view::MarkdownView;
pub use pager::Pager;
pub use progress_status::ProgressStatus;
pub use timetable::Timetable;
