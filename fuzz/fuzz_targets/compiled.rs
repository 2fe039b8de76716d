//! Any bytes as a compiled doctor index (`doctors.idx`) of the sample dataset: read as
//! they are (the header's checks), and sealed with a good header and checksum (so the
//! content checks behind them are reached too). Reading never panics, and an index
//! that is accepted can be searched without panicking, its hits within the dataset; read
//! a part at a time, or fed in chunks as a download brings it (as the app reads it), it
//! is the same index, or the same error.
#![no_main]

use hospital_core::compiled::{seal, Fingerprint, Kind};
use hospital_core::route::{DoctorQuery, DoctorSort, Slot};
use hospital_core::search::{DoctorIndex, DoctorIndexFeed};
use hospital_core::{validate, Dataset, HalfDay, Weekday};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const SAMPLE: &str = include_str!("../../data/sample.json");

struct Fixture {
    ds: Dataset,
    fingerprint: Fingerprint,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| match validate::load(SAMPLE) {
        Ok(loaded) => Fixture {
            ds: loaded.dataset,
            fingerprint: Fingerprint::of(SAMPLE.as_bytes()),
        },
        Err(problems) => panic!("the sample dataset no longer loads: {problems:?}"),
    })
}

fn search_all_ways(ix: &DoctorIndex, ds: &Dataset) {
    let now = Slot {
        weekday: Weekday::Thu,
        half_day: HalfDay::Morning,
    };
    for q in ["", "heart", "心内科 东院", "cardiolgy", "li", "头痛 Dr"] {
        for sort in DoctorSort::ALL {
            let query = DoctorQuery {
                q: q.into(),
                sort,
                ..DoctorQuery::default()
            };
            let r = ix.search(ds, &query, now);
            assert!(r.hits.iter().all(|h| h.doctor < ds.doctors.len()));
        }
    }
    for kind in hospital_core::route::FacetKind::ALL {
        let _ = ix.facet_options(kind);
    }
}

/// `file` fed to a [`DoctorIndexFeed`] in chunks whose sizes cycle from its own bytes.
fn fed(file: &[u8], f: &Fixture) -> Result<DoctorIndex, hospital_core::compiled::CompiledError> {
    let mut feed = DoctorIndexFeed::new(f.fingerprint, f.ds.doctors.len());
    let sizes: Vec<usize> = file.iter().rev().take(8).map(|&b| usize::from(b) * 3 + 1).collect();
    let mut at = 0;
    let mut k = 0;
    while at < file.len() {
        let size = sizes.get(k % sizes.len().max(1)).copied().unwrap_or(1);
        let end = (at + size).min(file.len());
        feed.push(&file[at..end])?;
        feed.read(&mut || false)?;
        // The browse part, given out before the rest has arrived, searches safely too.
        if let Some(part) = feed.take_browse() {
            search_all_ways(&part, &f.ds);
        }
        at = end;
        k += 1;
    }
    loop {
        if let Some(done) = feed.finish(&mut || false) {
            return done;
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let n = f.ds.doctors.len();
    if let Ok(ix) = DoctorIndex::from_compiled(data, f.fingerprint, n) {
        search_all_ways(&ix, &f.ds);
    }
    let sealed = seal(Kind::DoctorIndex, f.fingerprint, data);
    let whole = DoctorIndex::from_compiled(&sealed, f.fingerprint, n);
    // Read a part at a time, as the app does: the same answer, index or error.
    let mut reader = DoctorIndexFeed::new(f.fingerprint, n);
    let in_parts = reader.push(&sealed).and_then(|()| loop {
        if let Some(done) = reader.finish(&mut || true) {
            break done;
        }
    });
    // Fed in chunks as a download brings it: the same answer too.
    let fed = fed(&sealed, f);
    for other in [&in_parts, &fed] {
        match (&whole, other) {
            (Ok(a), Ok(b)) => assert!(a.to_compiled(f.fingerprint) == b.to_compiled(f.fingerprint)),
            (Err(a), Err(b)) => assert_eq!(a, b),
            _ => panic!("read whole, in parts and fed in chunks disagree"),
        }
    }
    if let Ok(ix) = whole {
        search_all_ways(&ix, &f.ds);
    }
});
