//! What the compiled doctor index saves natively: building the index from the dataset
//! against reading it back from its compiled file.
//!
//! ```text
//! cargo run --release -p hospital-core --example compiled_read -- bench/data/10000/hospital.json
//! ```
//!
//! Reports the time to take the dataset's fingerprint, to build the index, and to read
//! the compiled index back (with its size in bytes).

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
    let ds = &loaded.dataset;

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
