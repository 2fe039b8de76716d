//! Any bytes as compiled records (`hospital.bin`) and as compiled articles
//! (`hospital.articles.bin`): read as they are (the header's checks), and sealed with a
//! good header and checksum, so that the framing checks behind them are reached too.
//! Reading never panics nor allocates beyond the input; records that are read go
//! through the checks across records, as the app does, and those they accept can be
//! indexed and searched without panicking; articles that are read go through the
//! articles' checks against the sample's records. Read a part at a time, or fed in
//! chunks as a download brings them (as the app reads it), it is the same file's
//! content, or the same error. Also as a file of a large hospital's biographies
//! (`hospital.details.<n>.bin`): read or refused, then held to its place among the
//! sample's doctors without panicking.
#![no_main]

use hospital_core::compiled::dataset::{
    read_details, DatasetFeed, DatasetReader, DetailsFiles, ReadFile,
};
use hospital_core::compiled::{seal, CompiledError, Fingerprint, Kind};
use hospital_core::route::{DoctorQuery, Slot};
use hospital_core::search::DoctorIndex;
use hospital_core::validate::{check_articles, Staged};
use hospital_core::{HalfDay, Weekday};
use libfuzzer_sys::fuzz_target;

/// `file` fed to a [`DatasetFeed`] in chunks whose sizes cycle from its own first bytes.
fn fed(file: &[u8], kind: Kind) -> Option<ReadFile> {
    let mut feed = match kind {
        Kind::Articles => DatasetFeed::articles(),
        _ => DatasetFeed::new(),
    };
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
            return done.ok();
        }
    }
}

fn reader(file: &[u8], kind: Kind) -> Result<DatasetReader<'_>, CompiledError> {
    match kind {
        Kind::Articles => DatasetReader::articles(file),
        _ => DatasetReader::new(file),
    }
}

fn read_whole(file: &[u8], kind: Kind) {
    let Ok(whole_reader) = reader(file, kind) else {
        assert!(fed(file, kind).is_none(), "a file the reader refuses, the feed refuses");
        return;
    };
    let whole = whole_reader.run();
    let mut parts = reader(file, kind).expect("the same header reads again");
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
    assert_eq!(whole.clone().ok(), fed(file, kind), "fed in chunks, the same dataset");
    let Ok(read) = whole else {
        return;
    };
    if kind == Kind::Articles {
        let records = sample();
        let n = read.dataset.articles.len();
        if let Ok(checked) = check_articles(records, read.dataset.articles) {
            assert_eq!(checked.dataset.articles.len(), n, "checks keep every article");
        }
        return;
    }
    let Ok(loaded) = Staged::checking(read.dataset).run() else {
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

fn sample() -> &'static hospital_core::Dataset {
    static SAMPLE: std::sync::OnceLock<hospital_core::Dataset> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| {
        hospital_core::validate::load(include_str!("../../data/sample.json"))
            .expect("the sample loads")
            .dataset
    })
}

fn details(file: &[u8]) {
    let Ok(read) = read_details(file) else {
        return;
    };
    let doctors = &sample().doctors;
    for per_file in [1, 4, 128] {
        let files = DetailsFiles {
            stem: "d".into(),
            per_file,
        };
        let n = files.file_of(read.first);
        if read.check(&files, n, doctors).is_ok() {
            let mut mine = doctors.clone();
            read.clone().fill(&mut mine);
            assert_eq!(mine.len(), doctors.len());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    for kind in [Kind::Dataset, Kind::Articles] {
        read_whole(data, kind);
        read_whole(&seal(kind, Fingerprint::of(b"fuzz"), data), kind);
    }
    details(data);
    details(&seal(Kind::Details, Fingerprint::of(b"fuzz"), data));
});
