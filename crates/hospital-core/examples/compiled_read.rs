//! What the compiled files save natively: loading the dataset's JSON against reading its
//! compiled records, and building the index from the dataset against reading it back
//! from its compiled file.
//!
//! ```text
//! cargo run --release -p hospital-core --example compiled_read -- bench/data/10000/hospital.json
//! ```
//!
//! Reports the time to load (parse and check) the JSON, to read the compiled records and
//! check them, to take the dataset's fingerprint, to build the index, and to read the
//! compiled index back (with the files' sizes in bytes).

use hospital_core::compiled::Fingerprint;
use hospital_core::search::DoctorIndex;
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "bench/data/10000/hospital.json".to_string());
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let start = Instant::now();
    let loaded = match std::str::from_utf8(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            hospital_core::validate::load(text).map_err(|problems| {
                format!("{} problems, first: {:?}", problems.len(), problems.first())
            })
        }) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    println!("load JSON: {:?} ({} bytes)", start.elapsed(), bytes.len());
    let ds = &loaded.dataset;

    let files = hospital_core::compiled::dataset::write(ds, Fingerprint::of(&bytes), "a.bin");
    let start = Instant::now();
    let read =
        hospital_core::compiled::dataset::read(&files.records, &files.articles, &files.details)
            .map_err(|e| e.to_string());
    let read_at = start.elapsed();
    let checked = read.map(|ds| hospital_core::validate::Staged::checking(ds).run());
    match checked {
        Ok(Ok(back)) if &back.dataset == ds => println!(
            "read records and articles: {read_at:?}, with the checks {:?} ({} + {} bytes)",
            start.elapsed(),
            files.records.len(),
            files.articles.len()
        ),
        other => {
            eprintln!(
                "the records just written did not read back: {:?}",
                other.err()
            );
            std::process::exit(1);
        }
    }

    let start = Instant::now();
    let fingerprint = Fingerprint::of(&bytes);
    println!("fingerprint: {:?}", start.elapsed());

    let start = Instant::now();
    let index = DoctorIndex::build(ds);
    println!(
        "build: {:?} ({} doctors)",
        start.elapsed(),
        ds.doctors.len()
    );

    let file = index.to_compiled(fingerprint);
    let start = Instant::now();
    match DoctorIndex::from_compiled(&file, fingerprint, ds.doctors.len()) {
        Ok(_) => println!("read: {:?} ({} bytes)", start.elapsed(), file.len()),
        Err(e) => {
            eprintln!("the index just written was refused: {e}");
            std::process::exit(1);
        }
    }
}
