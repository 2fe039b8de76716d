//! Any bytes as compiled records (`hospital.bin`): read as they are (the header's
//! checks), and sealed with a good header and checksum, so that the framing checks
//! behind them are reached too. Reading never panics nor allocates beyond the input; a
//! dataset that is read goes through the checks across records, as the app does, and
//! one they accept can be indexed and searched without panicking. Read a part at a
//! time (as the app reads it) it is the same dataset, or the same error.
#![no_main]

use hospital_core::compiled::dataset::DatasetReader;
use hospital_core::compiled::{seal, Fingerprint, Kind};
use hospital_core::route::{DoctorQuery, Slot};
use hospital_core::search::DoctorIndex;
use hospital_core::validate::Staged;
use hospital_core::{HalfDay, Weekday};
use libfuzzer_sys::fuzz_target;

fn read_whole(file: &[u8]) {
    let Ok(reader) = DatasetReader::new(file) else {
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
