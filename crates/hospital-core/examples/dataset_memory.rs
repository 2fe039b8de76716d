//! How much heap a loaded dataset holds: a counting allocator around the system one.
//!
//! ```text
//! cargo run --release -p hospital-core --example dataset_memory -- bench/data/10000/hospital.json
//! ```
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mb(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "bench/data/10000/hospital.json".to_string());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let Ok(loaded) = hospital_core::validate::load(&text) else {
        eprintln!("{path}: does not load");
        std::process::exit(1);
    };
    let files = hospital_core::compiled::dataset::write(
        &loaded.dataset,
        hospital_core::compiled::Fingerprint::of(text.as_bytes()),
        "a.bin",
    );
    drop(loaded);
    drop(text);
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let ds =
        hospital_core::compiled::dataset::read(&files.records, &files.articles, &files.details)
            .unwrap_or_default();
    let held = LIVE.load(Ordering::Relaxed) - base;
    println!(
        "reading them took at most {} of heap at once",
        mb(PEAK.load(Ordering::Relaxed) - base)
    );
    println!(
        "records and articles files {} + {}; the dataset read from them holds {} of heap ({} doctors, {} articles)",
        mb(files.records.len()),
        mb(files.articles.len()),
        mb(held),
        ds.doctors.len(),
        ds.articles.len()
    );
    let before = LIVE.load(Ordering::Relaxed);
    let doctors = ds.doctors.clone();
    println!(
        "of which the doctors: {}",
        mb(LIVE.load(Ordering::Relaxed) - before)
    );
    drop(doctors);
    // Each field of every doctor, cloned: what it holds of the doctors' heap (the list's
    // own room, `size_of::<Doctor>()` each, is not in any of them).
    let field = |name: &str, clone: &dyn Fn() -> Box<dyn std::any::Any>| {
        let before = LIVE.load(Ordering::Relaxed);
        let copy = clone();
        println!("  {name}: {}", mb(LIVE.load(Ordering::Relaxed) - before));
        drop(copy);
    };
    let d = &ds.doctors;
    println!(
        "  (the list itself: {})",
        mb(d.len() * std::mem::size_of::<hospital_core::Doctor>())
    );
    field("id", &|| {
        Box::new(d.iter().map(|x| x.id.clone()).collect::<Vec<_>>())
    });
    field("name", &|| {
        Box::new(d.iter().map(|x| x.name.clone()).collect::<Vec<_>>())
    });
    field("pinyin", &|| {
        Box::new(d.iter().map(|x| x.pinyin.clone()).collect::<Vec<_>>())
    });
    field("departments", &|| {
        Box::new(d.iter().map(|x| x.departments.clone()).collect::<Vec<_>>())
    });
    field("specialties", &|| {
        Box::new(d.iter().map(|x| x.specialties.clone()).collect::<Vec<_>>())
    });
    field("conditions", &|| {
        Box::new(d.iter().map(|x| x.conditions.clone()).collect::<Vec<_>>())
    });
    field("languages", &|| {
        Box::new(d.iter().map(|x| x.languages.clone()).collect::<Vec<_>>())
    });
    field("photo", &|| {
        Box::new(d.iter().map(|x| x.photo.clone()).collect::<Vec<_>>())
    });
    field("bio", &|| {
        Box::new(d.iter().map(|x| x.bio.clone()).collect::<Vec<_>>())
    });
    field("education", &|| {
        Box::new(d.iter().map(|x| x.education.clone()).collect::<Vec<_>>())
    });
    field("schedule", &|| {
        Box::new(d.iter().map(|x| x.schedule.clone()).collect::<Vec<_>>())
    });
    field("booking", &|| {
        Box::new(d.iter().map(|x| x.booking.clone()).collect::<Vec<_>>())
    });
    field("verified", &|| {
        Box::new(d.iter().map(|x| x.verified.clone()).collect::<Vec<_>>())
    });
    let before = LIVE.load(Ordering::Relaxed);
    let index = hospital_core::search::DoctorIndex::build(&ds);
    println!(
        "the doctor index built from it: {}",
        mb(LIVE.load(Ordering::Relaxed) - before)
    );
    drop(index);
    // What a page of a large hospital holds: the records without the biographies and
    // education, which are in files of their own there.
    if !files.details.is_empty() {
        let before = LIVE.load(Ordering::Relaxed);
        let records = hospital_core::compiled::dataset::DatasetReader::new(&files.records)
            .and_then(|r| r.run());
        if let Ok(records) = records {
            println!(
                "the records without what only a profile shows ({} files of it): {} of heap",
                files.details.len(),
                mb(LIVE.load(Ordering::Relaxed) - before)
            );
            drop(records);
        }
    }
}
