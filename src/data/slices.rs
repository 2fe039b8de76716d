//! Long work in slices: the app loads and indexes a large dataset a slice at a time
//! and gives the main thread back to the browser in between, so that the page keeps
//! painting and answering while it works.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Work per slice, in milliseconds: under the 50 ms after which the browser counts
/// a task as long, with room for the unit of work that runs past the deadline.
pub const SLICE_MS: f64 = 25.0;

/// Work per slice before a page's first render, where the slices follow one another
/// with nothing else to do: short enough that Lighthouse, which counts each task of
/// the trace four times as long on its simulated phone, sees no long task.
pub const SHORT_SLICE_MS: f64 = 8.0;

/// A fresh "out of time?" check for one slice.
pub fn slice_deadline() -> impl FnMut() -> bool {
    slice_deadline_of(SLICE_MS)
}

/// A fresh "out of time?" check for one slice of `ms` milliseconds.
pub fn slice_deadline_of(ms: f64) -> impl FnMut() -> bool {
    let performance = web_sys::window().and_then(|w| w.performance());
    let end = performance.as_ref().map_or(0.0, |p| p.now()) + ms;
    // Without a clock, slices are one unit of work each: slower, never frozen.
    move || performance.as_ref().is_none_or(|p| p.now() >= end)
}

/// Turns for a loop of many small steps (hashing a megabyte, copying a downloaded chunk):
/// after each, [`Turns::after_step`] gives the browser its turn once a slice of
/// [`SLICE_MS`] is used up.
pub struct Turns {
    out_of_time: Box<dyn FnMut() -> bool>,
}

impl Turns {
    pub fn new() -> Turns {
        Turns {
            out_of_time: Box::new(slice_deadline()),
        }
    }

    pub async fn after_step(&mut self) {
        if (self.out_of_time)() {
            self.next().await;
        }
    }

    /// Whether this slice is used up.
    pub fn out_of_time(&mut self) -> bool {
        (self.out_of_time)()
    }

    /// The browser's turn now, then a new slice.
    pub async fn next(&mut self) {
        next_task().await;
        self.out_of_time = Box::new(slice_deadline());
    }
}

/// Resolves in a new task, after the browser has had its turn (input, timers, network,
/// and a paint when one is due).
///
/// A message to ourselves: a task queued behind what is already waiting. A chain of
/// `setTimeout(0)`, which this was, is clamped to 4 ms a turn after its fifth link
/// (measured in Chromium: 4.3 ms a turn, against 0.05 ms through a message), which is a
/// sixth of a 25 ms slice lost to waiting, and a third of a short one. Not
/// `scheduler.yield()`: its continuation jumps ahead of the tasks already queued, such
/// as the network's.
pub async fn next_task() {
    let promise = posted_message().unwrap_or_else(timeout);
    let _ = JsFuture::from(promise).await;
}

/// A message posted to a channel of our own: a new task without the timers' clamp.
fn posted_message() -> Option<js_sys::Promise> {
    let channel = web_sys::MessageChannel::new().ok()?;
    let mut posted = false;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        posted = channel
            .port2()
            .post_message(&wasm_bindgen::JsValue::NULL)
            .is_ok();
    });
    posted.then_some(promise)
}

fn timeout() -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().is_some_and(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0)
                .is_ok()
        });
        if !scheduled {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    })
}
