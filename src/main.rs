//! The binary Trunk builds: everything is in the library (`lib.rs`).

// Talc instead of the default dlmalloc: loading a large dataset makes millions of
// small allocations, and dlmalloc's malloc was 15 % of the load in the browser's
// profile (bench/notes.md); talc is faster at it and smaller.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    hospital_site::start();
}
