//! One file per page.

mod article;
mod department;
mod department_list;
mod doctor_finder;
mod doctor_profile;
mod home;
mod news_feed;
mod not_found;

pub use article::ArticlePage;
pub use department::DepartmentPage;
pub use department_list::DepartmentList;
pub use doctor_finder::{DoctorFinder, LastSearch};
pub use doctor_profile::DoctorProfile;
pub use home::HomePage;
pub use news_feed::NewsFeed;
pub use not_found::NotFound;
