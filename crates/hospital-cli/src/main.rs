//! `hospital-data`: validate, prepare and generate hospital-site datasets.
//! The work lives in the library so that tests can call it without a process.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(hospital_cli::run(&args));
}
