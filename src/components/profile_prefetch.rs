//! A large hospital's profile fetches what only it shows (biography, education, rooms):
//! begun when the pointer or the keyboard focus reaches a link to it, the file is often
//! there by the click. The finder's cards, a department's doctors and a profile's
//! colleagues all start it so.

use crate::data::AppData;
use std::sync::Arc;

/// What starts the fetch of the profile file of the doctor at `place` in the dataset's
/// list (nothing for no place, or a hospital whose records hold it all).
pub fn prefetch_profile(data: &Arc<AppData>, place: Option<usize>) -> impl Fn() + Clone + 'static {
    let data = data.clone();
    move || {
        if let Some(place) = place {
            data.want_details(place);
        }
    }
}
