//! Any bytes as compiled records (`hospital.bin`): read as they are (the header's
//! checks), and sealed with a good header and checksum, so that the framing checks
//! behind them are reached too. Reading never panics nor allocates beyond the input; a
//! dataset that is read goes through the checks across records, as the app does, and
//! one they accept can be indexed and searched without panicking. Read a part at a
//! time, or fed in chunks as a download brings them (as the app reads it), it is the
//! same dataset, or the same error.
#![no_main]

use hospital_core::compiled::dataset::{DatasetFeed, DatasetReader};
use hospital_core::compiled::{seal, Fingerprint, Kind};
use hospital_core::route::{DoctorQuery, Slot};
use hospital_core::search::DoctorIndex;
use hospital_core::validate::Staged;
use hospital_core::{HalfDay, Weekday};
use libfuzzer_sys::fuzz_target;

/// `file` fed to a [`DatasetFeed`] in chunks whose sizes cycle from its own first bytes.
fn fed(file: &[u8]) -> Option<hospital_core::Dataset> {
    let mut feed = DatasetFeed::new();
    let sizes: Vec<usize> = file.iter().take(8).map(|&b| usize::from(b) + 1).collect();
    let mut at = 0;
    let mut k = 0;
    while at < file.len() {
        let size = sizes.get(k % sizes.len().max(1)).copied().unwrap_or(1);
        let end = (at + size).min(file.len());
        feed.push(&file[at..end]).ok()?;
        feed.read(&mut || false).ok()?;
        at = end;
        k += 1;
    }
    loop {
        if let Some(done) = feed.finish(&mut || false) {
            return done.ok().map(|(ds, _)| ds);
        }
    }
}

fn read_whole(file: &[u8]) {
    let Ok(reader) = DatasetReader::new(file) else {
        assert!(fed(file).is_none(), "a file the reader refuses, the feed refuses");
        return;
    };
    let whole = reader.run();
    let mut parts = DatasetReader::new(file).expect("the same header reads again");
    let in_parts = loop {
        let mut looks = 0;
        if let Some(done) = parts.step(&mut || {
            looks += 1;
            looks > 1
        }) {
            break done;
        }
    };
    assert_eq!(whole, in_parts, "read in parts, the same answer");
    assert_eq!(whole.clone().ok(), fed(file), "fed in chunks, the same dataset");
    let Ok(ds) = whole else {
        return;
    };
    let Ok(loaded) = Staged::checking(ds).run() else {
        return;
    };
    let ix = DoctorIndex::build(&loaded.dataset);
    let now = Slot {
        weekday: Weekday::Mon,
        half_day: HalfDay::Morning,
    };
    for q in ["", "heart", "心内科"] {
        let query = DoctorQuery {
            q: q.to_string(),
            ..DoctorQuery::default()
        };
        for hit in ix.search(&loaded.dataset, &query, now).hits {
            assert!(hit.doctor < loaded.dataset.doctors.len());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    read_whole(data);
    read_whole(&seal(Kind::Dataset, Fingerprint::of(b"fuzz"), data));
});
