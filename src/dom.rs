//! What several modules ask of the browser's DOM in the same way.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::NodeList;

/// The nodes a `querySelectorAll` found, in document order, as `T` (those that are not
/// one are left out); none if the selector was refused.
pub fn found<T: JsCast>(list: Result<NodeList, JsValue>) -> Vec<T> {
    let Ok(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<T>().ok())
        .collect()
}
