//! The Markdown parser of `hospital_core::markdown` as a WebAssembly module of its own.
//!
//! The app's wasm leaves pulldown-cmark out (about 67 kB gzip that a visitor of the home
//! page or the doctor finder never needs); a page with Markdown to read (an article, a
//! news search through bodies) fetches this module and calls it. Plain exports over its
//! own memory, no imports and no wasm-bindgen, so the app instantiates it with
//! `WebAssembly.instantiate` and nothing else: no script, no global, no CSP change.
//!
//! A call: `input(len)` gives a place for `len` bytes of UTF-8 in this module's memory;
//! the caller writes the Markdown there; `blocks()` or `plain_text()` reads it and
//! returns the length of the answer, which `output()` points to. The answer of `blocks`
//! is `markdown::wire` bytes, of `plain_text` UTF-8. Invalid UTF-8 is read lossily.

use hospital_core::markdown;
use std::cell::RefCell;

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Room for `len` bytes of input; where it starts in memory.
#[no_mangle]
pub extern "C" fn input(len: usize) -> *mut u8 {
    INPUT.with_borrow_mut(|input| {
        input.clear();
        input.resize(len, 0);
        input.as_mut_ptr()
    })
}

/// Parses the input; the length of its blocks as bytes.
#[no_mangle]
pub extern "C" fn blocks() -> usize {
    answer(|text| markdown::wire::write(&markdown::parse(text)))
}

/// The input's plain text, as a reader sees it; its length in bytes.
#[no_mangle]
pub extern "C" fn plain_text() -> usize {
    answer(|text| markdown::searchable_text(text).into_bytes())
}

/// Where the last answer starts in memory.
#[no_mangle]
pub extern "C" fn output() -> *const u8 {
    OUTPUT.with_borrow(|output| output.as_ptr())
}

fn answer(of: impl FnOnce(&str) -> Vec<u8>) -> usize {
    let bytes = INPUT.with_borrow_mut(std::mem::take);
    let out = of(&String::from_utf8_lossy(&bytes));
    let len = out.len();
    OUTPUT.with_borrow_mut(|output| *output = out);
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(text: &str, f: extern "C" fn() -> usize) -> Vec<u8> {
        let at = input(text.len());
        // SAFETY: `input` made room for exactly `text.len()` bytes at `at`.
        unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), at, text.len()) };
        let len = f();
        // SAFETY: `output` points at the answer of the call just made, `len` bytes long.
        unsafe { std::slice::from_raw_parts(output(), len) }.to_vec()
    }

    #[test]
    fn blocks_are_the_parsers_blocks_as_wire_bytes() {
        let md = "# Clinic hours\n\nMonday to *Friday*.\n\n- one\n- two\n";
        let bytes = call(md, blocks);
        assert_eq!(markdown::wire::read(&bytes), Ok(markdown::parse(md)));
    }

    #[test]
    fn plain_text_is_what_a_reader_sees() {
        let text = call(
            "A [link](https://example.org) and **bold** 中文",
            plain_text,
        );
        assert_eq!(String::from_utf8_lossy(&text), "A link and bold 中文");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_read_lossily() {
        let at = input(3);
        // SAFETY: room for 3 bytes was made at `at`.
        unsafe { std::ptr::copy_nonoverlapping([b'a', 0xff, b'b'].as_ptr(), at, 3) };
        let len = plain_text();
        // SAFETY: as in `call`.
        let out = unsafe { std::slice::from_raw_parts(output(), len) }.to_vec();
        assert_eq!(String::from_utf8_lossy(&out), "a\u{fffd}b");
    }
}
