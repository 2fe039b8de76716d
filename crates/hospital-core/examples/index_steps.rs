//! How long the page would freeze while the doctor index is built in slices.
//!
//! ```text
//! cargo run --release -p hospital-core --example index_steps -- bench/data/100000/hospital.json
//! ```
//!
//! Builds the index in one call (`DoctorIndex::build`), then with
//! `DoctorIndexBuilder` and a slice of 2 ms (optionally the second argument, in
//! milliseconds), as the app does; each way three times (or the third argument).
//! Reports the total times, the number of steps, and the longest single call
//! (`new`, a `step`, or `finish`): the longest the page would not respond.

use hospital_core::search::{DoctorIndex, DoctorIndexBuilder};
use std::time::{Duration, Instant};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .map_or("bench/data/100000/hospital.json", String::as_str);
    let slice = Duration::from_secs_f64(
        args.get(1)
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(2.0)
            / 1000.0,
    );
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let loaded = match hospital_core::validate::load(&text) {
        Ok(l) => l,
        Err(problems) => {
            eprintln!(
                "{path}: {} problems, first: {:?}",
                problems.len(),
                problems.first()
            );
            std::process::exit(1);
        }
    };
    drop(text);
    let ds = &loaded.dataset;
    println!("{} doctors, slice {:.1} ms", ds.doctors.len(), ms(slice));

    for round in 1..=rounds {
        let start = Instant::now();
        let whole = DoctorIndex::build(ds);
        let one_shot = start.elapsed();
        drop(whole);

        let start = Instant::now();
        let mut longest = Duration::ZERO;
        let mut longest_at = (0, 0);
        let t = Instant::now();
        let mut b = DoctorIndexBuilder::new(ds);
        let new_took = t.elapsed();
        longest = longest.max(new_took);
        let mut steps = 0;
        let mut all: Vec<(Duration, (usize, usize))> = Vec::new();
        let mut last = b.progress();
        loop {
            let t = Instant::now();
            let mut out_of_time = || t.elapsed() >= slice;
            let done = b.step(ds, &mut out_of_time);
            let took = t.elapsed();
            steps += 1;
            all.push((took, last));
            if took > longest {
                longest = took;
                longest_at = last;
            }
            let now = b.progress();
            assert!(now.0 >= last.0, "progress went back");
            last = now;
            if done {
                break;
            }
        }
        let t = Instant::now();
        let sliced = b.finish(ds);
        let finish_took = t.elapsed();
        longest = longest.max(finish_took);
        let total = start.elapsed();
        drop(sliced);
        all.sort_by_key(|s| std::cmp::Reverse(s.0));
        let worst: Vec<String> = all
            .iter()
            .take(5)
            .map(|(d, p)| format!("{:.2} ms at {}", ms(*d), p.0))
            .collect();
        let over = |limit: f64| all.iter().filter(|(d, _)| ms(*d) > limit).count();
        println!(
            "  slowest steps: {}; steps over 3/5/10 ms: {}/{}/{}",
            worst.join(", "),
            over(3.0),
            over(5.0),
            over(10.0)
        );
        println!(
            "round {round}: one call {:.0} ms; in slices {:.0} ms ({:+.1} %), {steps} steps, \
             longest {:.2} ms (at progress {}/{}), new {:.2} ms, finish {:.2} ms",
            ms(one_shot),
            ms(total),
            (ms(total) / ms(one_shot) - 1.0) * 100.0,
            ms(longest),
            longest_at.0,
            longest_at.1,
            ms(new_took),
            ms(finish_took),
        );
    }
}
