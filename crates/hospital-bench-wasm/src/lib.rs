//! The doctor search engine of hospital-site, exported to JavaScript for `make bench`.
//!
//! The benchmark page (bench/www/) loads this module next to MiniSearch and Fuse.js
//! and drives all three with the same dataset and the same typed queries:
//!
//! ```text
//! const engine = Engine.parse(jsonText);   // validate::load: serde_json + checks
//! engine.index_doctors();                  // DoctorIndex::build, as the app does
//! engine.index_news();                     // NewsIndex::build, as the app does
//! engine.query("zhang wei")                // Uint32Array: doctor indexes, best first
//! heap_live_bytes()                        // bytes allocated and not freed
//! ```
//!
//! Each phase is a separate call so that the page can time it with `performance.now()`.
//! A counting allocator wraps the default one so that the page can report how much
//! memory the dataset and each index hold, not only how large the wasm memory grew.

use hospital_core::model::{HalfDay, Weekday};
use hospital_core::news::NewsIndex;
use hospital_core::route::{DoctorQuery, Slot};
use hospital_core::search::DoctorIndex;
use hospital_core::validate;
use hospital_core::Dataset;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::prelude::*;

/// The default allocator, counting the bytes in use and the most ever in use.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed on unchanged to `System`, which upholds the contract;
// the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated on the Rust heap and not yet freed.
#[wasm_bindgen]
pub fn heap_live_bytes() -> f64 {
    LIVE.load(Ordering::Relaxed) as f64
}

/// The most bytes ever in use at once since the last [`reset_heap_peak`].
#[wasm_bindgen]
pub fn heap_peak_bytes() -> f64 {
    PEAK.load(Ordering::Relaxed) as f64
}

#[wasm_bindgen]
pub fn reset_heap_peak() {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}

/// The size of the module's linear memory (it only ever grows).
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// A fixed "now" so that runs are comparable; it only matters for the "soonest" order.
const NOW: Slot = Slot {
    weekday: Weekday::Mon,
    half_day: HalfDay::Morning,
};

/// A loaded dataset and, once built, its indexes: what the app's `AppData` holds.
#[wasm_bindgen]
pub struct Engine {
    dataset: Dataset,
    doctors: Option<DoctorIndex>,
    news: Option<NewsIndex>,
}

#[wasm_bindgen]
impl Engine {
    /// Parses and validates a dataset with `validate::load`, as the app does.
    pub fn parse(json: &str) -> Result<Engine, JsError> {
        let loaded = validate::load(json).map_err(|problems| {
            let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
            JsError::new(&format!(
                "invalid dataset ({} problems): {first}",
                problems.len()
            ))
        })?;
        Ok(Engine {
            dataset: loaded.dataset,
            doctors: None,
            news: None,
        })
    }

    /// Builds the doctor index (`DoctorIndex::build`).
    pub fn index_doctors(&mut self) {
        self.doctors = Some(DoctorIndex::build(&self.dataset));
    }

    /// Builds the newsroom index (`NewsIndex::build`).
    pub fn index_news(&mut self) {
        self.news = Some(NewsIndex::build(&self.dataset));
    }

    /// Drops the doctor index, so that a page can build it again.
    pub fn drop_doctor_index(&mut self) {
        self.doctors = None;
    }

    pub fn doctor_count(&self) -> u32 {
        self.dataset.doctors.len() as u32
    }

    /// The search box: every matching doctor's index in `dataset.doctors`, best first,
    /// exactly as the finder orders them (relevance, no filters). The search also
    /// computes the facet counts, as it does for the app. Empty before `index_doctors`.
    pub fn query(&self, q: &str) -> Vec<u32> {
        let Some(index) = &self.doctors else {
            return Vec::new();
        };
        let query = DoctorQuery {
            q: q.to_string(),
            ..DoctorQuery::default()
        };
        index
            .search(&self.dataset, &query, NOW)
            .hits
            .iter()
            .map(|h| h.doctor as u32)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_the_sample_dataset() {
        let json = include_str!("../../../data/sample.json");
        let mut engine = Engine::parse(json).unwrap_or_else(|_| panic!("sample is valid"));
        assert!(engine.query("a").is_empty(), "no index yet");
        engine.index_doctors();
        engine.index_news();
        let all = engine.query("");
        assert_eq!(all.len(), engine.doctor_count() as usize);
        let first = &engine.dataset.doctors[all[0] as usize];
        let word = first
            .name
            .all()
            .next()
            .and_then(|n| n.split_whitespace().next())
            .map(str::to_lowercase)
            .unwrap_or_default();
        assert!(engine.query(&word).contains(&all[0]));
        assert!(heap_live_bytes() > 0.0);
        assert!(heap_peak_bytes() >= heap_live_bytes());
    }
}
