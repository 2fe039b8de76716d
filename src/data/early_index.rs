//! A large hospital's compiled doctor index, fetched beside its records rather than
//! after them.
//!
//! The index names the dataset file it was made from and its number of doctors, which
//! the records' head says within their first kilobytes. Waiting for the records to be
//! read and checked before asking for the index kept the network idle for as long as
//! that took (at 10,000 doctors the index's request left about 300 ms after the
//! records'). The index now starts downloading, and is read as it arrives, once the
//! records' head is in; the app takes it when its records are ready.

use super::download::{fetch_index, IndexError};
use super::{builds_index_at_once, AppData};
use hospital_core::compiled::Fingerprint;
use hospital_core::search::DoctorIndex;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// The index's download, started by the records' head (or never, for a hospital small
/// enough to build its index in the page).
#[derive(Clone)]
pub(super) struct EarlyIndex {
    inner: Rc<Inner>,
}

struct Inner {
    url: String,
    /// The dataset file the download was started for.
    started_for: Cell<Option<Fingerprint>>,
    answer: RefCell<Option<Result<DoctorIndex, IndexError>>>,
    /// Resolves the promise the app waits on, once there is an answer.
    waiting: RefCell<Option<js_sys::Function>>,
    /// Where the download's progress and browse part go, once the app's data is there.
    data: RefCell<Option<Arc<AppData>>>,
    /// The index's browse part, if it was read before the app's data was there.
    browse: RefCell<Option<DoctorIndex>>,
}

impl EarlyIndex {
    pub(super) fn new(url: String) -> EarlyIndex {
        EarlyIndex {
            inner: Rc::new(Inner {
                url,
                started_for: Cell::new(None),
                answer: RefCell::new(None),
                waiting: RefCell::new(None),
                data: RefCell::new(None),
                browse: RefCell::new(None),
            }),
        }
    }

    /// What the records' download calls with the head's figures: starts the index's
    /// download when the hospital is large enough to read one.
    pub(super) fn start(&self, dataset: Fingerprint, doctors: usize) {
        if builds_index_at_once(doctors) || self.inner.started_for.get().is_some() {
            return;
        }
        self.inner.started_for.set(Some(dataset));
        let inner = self.inner.clone();
        leptos::task::spawn_local(async move {
            let progress = |received: u64, total: Option<u64>| {
                if let (Some(data), Some(total)) = (inner.data.borrow().as_ref(), total) {
                    data.index_progress(received, total);
                }
            };
            let browse = |part: DoctorIndex| match inner.data.borrow().as_ref() {
                Some(data) => data.set_browse(part),
                None => *inner.browse.borrow_mut() = Some(part),
            };
            let answer = fetch_index(&inner.url, dataset, doctors, &progress, &browse).await;
            *inner.answer.borrow_mut() = Some(answer);
            if let Some(resolve) = inner.waiting.borrow_mut().take() {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
    }

    /// The URL it fetches, when its download was started for the records read from
    /// `dataset`; else the app fetches the index itself, as before.
    pub(super) fn started_for(&self, dataset: Fingerprint) -> Option<String> {
        (self.inner.started_for.get() == Some(dataset)).then(|| self.inner.url.clone())
    }

    /// The app's data, which shows the download's progress from now on, and gets the
    /// index's browse part (now, if it was read already).
    pub(super) fn show_progress_in(&self, data: Arc<AppData>) {
        if let Some(part) = self.inner.browse.borrow_mut().take() {
            data.set_browse(part);
        }
        *self.inner.data.borrow_mut() = Some(data);
    }

    /// The index, or why it could not be read, once its download has ended.
    pub(super) async fn answer(self) -> Result<DoctorIndex, IndexError> {
        loop {
            if let Some(answer) = self.inner.answer.borrow_mut().take() {
                return answer;
            }
            let waiting = &self.inner.waiting;
            let promise = js_sys::Promise::new(&mut |resolve, _reject| {
                *waiting.borrow_mut() = Some(resolve);
            });
            let _ = JsFuture::from(promise).await;
        }
    }
}
