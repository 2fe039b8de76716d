//! Any URL: parsing never panics, and a route printed and parsed again is the same
//! route, so a link the app writes always leads back to the page it came from.
#![no_main]

use hospital_core::route::{self, Route};
use libfuzzer_sys::fuzz_target;

fn round_trips(route: &Route, from: &str) {
    let url = route.to_url();
    assert!(
        url.starts_with('/'),
        "{url:?} (from {from:?}) is not rooted"
    );
    let again = route::parse_url(&url).route;
    assert_eq!(&again, route, "{from:?} printed as {url:?}");
    // Pre-rendered pages are named by the path alone.
    assert!(!route.path().contains('?'));
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Widget mode keeps `path?query#fragment` in one parameter.
    round_trips(&route::parse_url(&text).route, &text);
    // Standalone mode gets the path and the query from the browser apart. A browser's
    // pathname never holds a raw '?' or '#': it percent-encodes them.
    let (path, query) = text.split_once('\n').unwrap_or((&text, ""));
    if !path.contains(['?', '#']) {
        round_trips(&route::parse(path, query).route, &text);
    }
});
