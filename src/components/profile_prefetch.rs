//! A large hospital's profile fetches what only it shows (biography, education, rooms):
//! begun when the pointer or the keyboard focus reaches a link to it, the file is often
//! there by the click, as on the finder's cards.

use crate::data::AppData;
use std::sync::Arc;

/// What starts the fetch of the profile file of doctor `id` (nothing for a doctor not in
/// the dataset, or a hospital whose records hold it all).
pub fn prefetch_profile(data: &Arc<AppData>, id: &str) -> impl Fn() + Clone + 'static {
    let place = data.doctor_place(id);
    let data = data.clone();
    move || {
        if let Some(place) = place {
            data.want_details(place);
        }
    }
}
