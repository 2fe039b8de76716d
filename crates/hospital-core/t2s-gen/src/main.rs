//! Every CJK unified ideograph (U+4E00..U+9FFF) that zhconv's zh-Hans conversion turns
//! into one other character of that block, as a sorted table for a binary search.
use std::fmt::Write;
use zhconv::{zhconv, Variant};

fn main() {
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for u in 0x4E00u32..=0x9FFF {
        let Some(c) = char::from_u32(u) else { continue };
        let s = zhconv(&c.to_string(), Variant::ZhHans);
        let mut it = s.chars();
        if let (Some(d), None) = (it.next(), it.next()) {
            if d != c && (0x4E00..=0x9FFF).contains(&(d as u32)) {
                pairs.push((u, d as u32));
            }
        }
    }
    // Fold chains (A → B → C) to their end, so that folding twice changes nothing.
    let lookup = |pairs: &[(u32, u32)], u: u32| {
        pairs.binary_search_by_key(&u, |p| p.0).ok().map(|i| pairs[i].1)
    };
    let ends: Vec<(u32, u32)> = pairs
        .iter()
        .map(|&(t, mut s)| {
            while let Some(next) = lookup(&pairs, s) {
                if next == s || next == t {
                    break;
                }
                s = next;
            }
            (t, s)
        })
        .collect();
    let mut out = String::new();
    out.push_str(
        "//! Traditional → Simplified Chinese, one character each: written by\n\
         //! `crates/hospital-core/t2s-gen` from the zhconv crate's zh-Hans conversion.\n\
         //! Do not edit by hand.\n\n\
         /// `(traditional, simplified)` code points, sorted by the first.\n\
         #[rustfmt::skip]\n\
         pub const T2S: &[(u16, u16)] = &[\n",
    );
    for chunk in ends.chunks(8) {
        out.push_str("   ");
        for (t, s) in chunk {
            let _ = write!(out, " (0x{t:04X}, 0x{s:04X}),");
        }
        out.push('\n');
    }
    out.push_str("];\n");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../src/normalize/t2s.rs");
    std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/../src/normalize"))
        .expect("the folder");
    std::fs::write(path, out).expect("written");
    eprintln!("{} pairs written to {path}", ends.len());
}
