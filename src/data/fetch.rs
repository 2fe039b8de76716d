//! Fetching text with progress, a timeout and cancellation, on the browser's fetch API.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, ReadableStreamDefaultReader, RequestInit, Response};

/// How long a request may take before the user is told and offered Retry.
const TIMEOUT_MS: i32 = 20_000;

#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// The server answered with an error status.
    Status {
        url: String,
        status: u16,
    },
    /// No answer: offline, DNS, CORS, or the connection dropped.
    Network {
        url: String,
    },
    Timeout {
        url: String,
    },
    /// Cancelled because the page that wanted it went away.
    Aborted,
    /// The bytes were not UTF-8 text.
    NotText {
        url: String,
    },
}

impl FetchError {
    pub fn url(&self) -> &str {
        match self {
            FetchError::Status { url, .. }
            | FetchError::Network { url }
            | FetchError::Timeout { url }
            | FetchError::NotText { url } => url,
            FetchError::Aborted => "",
        }
    }
}

/// Fetches `url` as text. `progress(received, total)` is called as bytes arrive;
/// `cancel`, when given, aborts the request when it fires.
pub async fn fetch_text(
    url: &str,
    progress: Option<&dyn Fn(u64, Option<u64>)>,
    cancel: Option<&AbortSignal>,
) -> Result<String, FetchError> {
    let bytes = fetch_bytes(url, progress, cancel).await?;
    String::from_utf8(bytes).map_err(|_| FetchError::NotText {
        url: url.to_string(),
    })
}

/// As [`fetch_text`], the bytes as they came: a large dataset is checked a slice at
/// a time by its loader rather than all at once here.
pub async fn fetch_bytes(
    url: &str,
    progress: Option<&dyn Fn(u64, Option<u64>)>,
    cancel: Option<&AbortSignal>,
) -> Result<Vec<u8>, FetchError> {
    let network = || FetchError::Network {
        url: url.to_string(),
    };
    let window = web_sys::window().ok_or_else(network)?;
    let controller = AbortController::new().map_err(|_| network())?;
    let signal = controller.signal();
    if let Some(outer) = cancel {
        if outer.aborted() {
            return Err(FetchError::Aborted);
        }
        let c = controller.clone();
        let on_abort = wasm_bindgen::closure::Closure::once_into_js(move || c.abort());
        let _ = outer.add_event_listener_with_callback("abort", on_abort.unchecked_ref());
    }
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = {
        let c = controller.clone();
        let flag = timed_out.clone();
        let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
            flag.set(true);
            c.abort();
        });
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), TIMEOUT_MS)
            .ok()
    };
    let result = read(&window, url, &signal, progress).await;
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    match result {
        Err(FetchError::Network { .. }) if timed_out.get() => Err(FetchError::Timeout {
            url: url.to_string(),
        }),
        Err(FetchError::Network { .. }) if cancel.is_some_and(|c| c.aborted()) => {
            Err(FetchError::Aborted)
        }
        other => other,
    }
}

async fn read(
    window: &web_sys::Window,
    url: &str,
    signal: &AbortSignal,
    progress: Option<&dyn Fn(u64, Option<u64>)>,
) -> Result<Vec<u8>, FetchError> {
    let network = || FetchError::Network {
        url: url.to_string(),
    };
    let init = RequestInit::new();
    init.set_signal(Some(signal));
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| network())?
        .dyn_into()
        .map_err(|_| network())?;
    if !response.ok() {
        return Err(FetchError::Status {
            url: url.to_string(),
            status: response.status(),
        });
    }
    let mut total = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<u64>().ok());
    let Some(body) = response.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader =
        body.get_reader().dyn_into().map_err(|_| network())?;
    let mut bytes: Vec<u8> = Vec::with_capacity(total.unwrap_or(0).min(64 << 20) as usize);
    // Chunks already received resolve one after another without the browser's turn
    // between them: a 123 MB file from a fast server was one task of 54 ms of copying.
    let mut turns = super::slices::Turns::new();
    loop {
        turns.after_step().await;
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| network())?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .map(|d| d.is_truthy())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value")) {
            if let Ok(array) = value.dyn_into::<Uint8Array>() {
                let start = bytes.len();
                bytes.resize(start + array.length() as usize, 0);
                array.copy_to(&mut bytes[start..]);
                if start == 0 {
                    total = room_for_compiled(&mut bytes).or(total);
                }
            }
        }
        if let Some(report) = progress {
            report(bytes.len() as u64, total);
        }
    }
    Ok(bytes)
}

/// A compiled file says its length in its first bytes: room for all of it at once, and
/// that length for the progress bar. A host that compresses (GitHub Pages) gives the
/// compressed length as Content-Length, and growing by doubling from there would hold
/// nearly twice the file at the moment of each copy. `try_`: a damaged header's length
/// is not trusted to allocate, its checks come later.
fn room_for_compiled(bytes: &mut Vec<u8>) -> Option<u64> {
    let declared = hospital_core::compiled::declared_len(bytes)?;
    let more = usize::try_from(declared).ok()?.checked_sub(bytes.len())?;
    bytes.try_reserve_exact(more).ok()?;
    Some(declared)
}
