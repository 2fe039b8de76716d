//! Fetching text with progress, a timeout and cancellation, on the browser's fetch API.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, ReadableStreamDefaultReader, RequestInit, Response};

/// How long a request may go without a byte before the user is told and offered Retry.
/// Not the whole download's time: a large file on a slow connection takes longer, and
/// arrives.
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
    let mut whole = Whole(Vec::new());
    fetch_into(url, progress, cancel, &mut whole).await?;
    Ok(whole.0)
}

/// What a download's reader answers after a chunk.
pub enum Taken {
    /// Ready for the next chunk.
    More,
    /// Still at work on what it has: [`Download::catch_up`] after the browser's turn,
    /// before the next chunk is read from the network.
    Busy,
    /// Enough: the rest is not fetched (the reader knows why).
    Enough,
}

/// Where a download's chunks go as they arrive.
pub trait Download {
    /// Takes the next chunk; `total` is the length to expect, when known. Work beyond
    /// keeping the chunk stops at `out_of_time`, the slice shared with the download's
    /// own copying, and goes on in [`Download::catch_up`].
    fn take(
        &mut self,
        chunk: &Uint8Array,
        total: Option<u64>,
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> Taken;
    /// Works on after answering [`Taken::Busy`], until `out_of_time`.
    fn catch_up(&mut self, _out_of_time: &mut dyn FnMut() -> bool) -> Taken {
        Taken::More
    }
}

/// A download kept whole.
struct Whole(Vec<u8>);

impl Download for Whole {
    fn take(
        &mut self,
        chunk: &Uint8Array,
        total: Option<u64>,
        _: &mut dyn FnMut() -> bool,
    ) -> Taken {
        append(&mut self.0, chunk, total);
        Taken::More
    }
}

/// Hands each chunk of `url` to `into` as it arrives, with the length to expect, so that
/// a reader of a large file never needs it whole; while it is busy with one, the next is
/// left with the network (a reader slower than the download holds no backlog).
/// `progress(received, total)` follows the bytes. The length is the compiled file's
/// own, once its header has arrived, else Content-Length (a host that compresses, as
/// GitHub Pages does, gives the compressed one).
pub async fn fetch_into(
    url: &str,
    progress: Option<&dyn Fn(u64, Option<u64>)>,
    cancel: Option<&AbortSignal>,
    into: &mut dyn Download,
) -> Result<(), FetchError> {
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
    let watchdog = {
        let c = controller.clone();
        let flag = timed_out.clone();
        Watchdog::new(window.clone(), move || {
            flag.set(true);
            c.abort();
        })
    };
    watchdog.rearm();
    let result = read(&window, url, &signal, progress, into, &|| watchdog.rearm()).await;
    drop(watchdog);
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

/// The request's timeout: [`TIMEOUT_MS`] from the last time it was armed, which the
/// download does at every chunk. Cleared when dropped, so that it never fires into a
/// request that is over.
struct Watchdog {
    window: web_sys::Window,
    bite: wasm_bindgen::closure::Closure<dyn Fn()>,
    timer: std::cell::Cell<Option<i32>>,
}

impl Watchdog {
    fn new(window: web_sys::Window, bite: impl Fn() + 'static) -> Watchdog {
        Watchdog {
            window,
            bite: wasm_bindgen::closure::Closure::new(bite),
            timer: std::cell::Cell::new(None),
        }
    }

    fn rearm(&self) {
        self.clear();
        let next = self
            .window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                self.bite.as_ref().unchecked_ref(),
                TIMEOUT_MS,
            );
        self.timer.set(next.ok());
    }

    fn clear(&self) {
        if let Some(t) = self.timer.take() {
            self.window.clear_timeout_with_handle(t);
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.clear();
    }
}

async fn read(
    window: &web_sys::Window,
    url: &str,
    signal: &AbortSignal,
    progress: Option<&dyn Fn(u64, Option<u64>)>,
    into: &mut dyn Download,
    arrived: &dyn Fn(),
) -> Result<(), FetchError> {
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
        return Ok(());
    };
    let reader: ReadableStreamDefaultReader =
        body.get_reader().dyn_into().map_err(|_| network())?;
    let mut received = 0u64;
    let mut first = Vec::new();
    // Chunks already received resolve one after another without the browser's turn
    // between them: a 123 MB file from a fast server was one task of 54 ms of copying.
    let mut turns = super::slices::Turns::new();
    loop {
        turns.after_step().await;
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| network())?;
        arrived();
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .map(|d| d.is_truthy())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value")) {
            if let Ok(array) = value.dyn_into::<Uint8Array>() {
                if first.len() < 16 {
                    let more = (16 - first.len()).min(array.length() as usize);
                    let start = first.len();
                    first.resize(start + more, 0);
                    array.subarray(0, more as u32).copy_to(&mut first[start..]);
                    total = hospital_core::compiled::declared_len(&first).or(total);
                }
                received += u64::from(array.length());
                let mut taken = into.take(&array, total, &mut || turns.out_of_time());
                while let Taken::Busy = taken {
                    turns.next().await;
                    taken = into.catch_up(&mut || turns.out_of_time());
                }
                if let Taken::Enough = taken {
                    let _ = reader.cancel();
                    return Ok(());
                }
            }
        }
        if let Some(report) = progress {
            report(received, total);
        }
    }
    Ok(())
}

/// Appends a downloaded chunk to `bytes`; the first one reserves room for the whole
/// file ([`reserve_whole`]).
pub fn append(bytes: &mut Vec<u8>, chunk: &Uint8Array, total: Option<u64>) {
    let first = bytes.is_empty();
    copy_in(bytes, chunk);
    if first {
        reserve_whole(bytes, total);
    }
}

/// Appends a downloaded chunk to `bytes`, and nothing more.
pub fn copy_in(bytes: &mut Vec<u8>, chunk: &Uint8Array) {
    let start = bytes.len();
    bytes.resize(start + chunk.length() as usize, 0);
    chunk.copy_to(&mut bytes[start..]);
}

/// Room for the whole file that `bytes` begins. A compiled file says its own length,
/// exact; growing by doubling from a compressed Content-Length (GitHub Pages compresses)
/// would hold nearly twice the file at the moment of each copy. `try_`: neither length
/// is trusted to allocate (a damaged header's is checked when the file is read), and
/// Content-Length only up to 64 MB.
pub fn reserve_whole(bytes: &mut Vec<u8>, total: Option<u64>) {
    let declared = hospital_core::compiled::declared_len(bytes);
    let room = declared.or(total.map(|t| t.min(64 << 20))).unwrap_or(0);
    let more = usize::try_from(room)
        .unwrap_or(0)
        .saturating_sub(bytes.len());
    let _ = bytes.try_reserve_exact(more);
}
