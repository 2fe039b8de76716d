//! How the staged loader slices a large dataset, natively: total time against the
//! whole-text loader, the number of slices and the longest one, with a 2 ms budget
//! per slice (the browser runs 2–3× slower; the app gives each slice more).
//!
//!   cargo run --release -p hospital-core --example load_steps -- bench/data/100000/hospital.json

use hospital_core::validate::{load_whole, Staged};
use std::time::{Duration, Instant};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load_steps <dataset.json>");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let budget = Duration::from_millis(2);
    let mut load = Staged::new(text.as_bytes());
    let (mut slices, mut longest) = (0usize, Duration::ZERO);
    // Progress before and after the longest slice: which stage it was.
    let mut at = (0.0, 0.0);
    let started = Instant::now();
    let answer = loop {
        let slice = Instant::now();
        let before = load.progress();
        let answer = load.step(&mut || slice.elapsed() >= budget);
        slices += 1;
        if slice.elapsed() > longest {
            longest = slice.elapsed();
            at = (before, load.progress());
        }
        if let Some(answer) = answer {
            break answer;
        }
    };
    let staged_time = started.elapsed();
    let started = Instant::now();
    let whole = load_whole(&text);
    let whole_time = started.elapsed();
    drop(whole);

    let doctors = answer.as_ref().map_or(0, |l| l.dataset.doctors.len());
    println!(
        "{path}: {} MB, {doctors} doctors\nwhole: {:.0} ms\nstaged: {:.0} ms in {slices} slices, longest {:.1} ms (progress {:.3} → {:.3})",
        text.len() >> 20,
        whole_time.as_secs_f64() * 1e3,
        staged_time.as_secs_f64() * 1e3,
        longest.as_secs_f64() * 1e3,
        at.0,
        at.1
    );
}
