//! The binary Trunk builds: everything is in the library (`lib.rs`).

fn main() {
    hospital_site::start();
}
