//! Any text as an article body: parsing never panics, every block is well formed,
//! and no link or image with an unsafe URL survives into the tree the view renders.
//! The tree comes back as it was from its bytes (`markdown::wire`, as compiled articles
//! and the Markdown module carry it), and the same input read as such bytes never panics.
#![no_main]

use hospital_core::markdown::{self, Block, Inline};
use hospital_core::urls;
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;

fn check_inlines(inlines: &[Inline], depth: usize) {
    // The tree's depth bounds the recursion of the view that renders it.
    assert!(
        depth <= 2 * markdown::MAX_DEPTH + 8,
        "inlines nested {depth} deep"
    );
    for i in inlines {
        match i {
            Inline::Link { href, content, .. } => {
                assert!(urls::is_safe_link(href), "unsafe link {href:?}");
                assert!(!href.trim().is_empty());
                check_inlines(content, depth + 1);
            }
            Inline::Image { src, .. } => {
                assert!(urls::is_safe_image_src(src), "unsafe image {src:?}")
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strike(c) => {
                check_inlines(c, depth + 1)
            }
            Inline::Text(_) | Inline::Code(_) | Inline::LineBreak => {}
        }
    }
}

/// `ids` collects heading ids across the whole document: they become element ids,
/// and two equal ones would break in-page links.
fn check_blocks(blocks: &[Block], depth: usize, ids: &mut HashSet<String>) {
    assert!(
        depth <= 2 * markdown::MAX_DEPTH + 8,
        "blocks nested {depth} deep"
    );
    for b in blocks {
        match b {
            Block::Heading { level, id, content } => {
                assert!((1..=6).contains(level));
                assert!(!id.is_empty());
                assert!(ids.insert(id.clone()), "heading id {id:?} given twice");
                check_inlines(content, depth + 1);
            }
            Block::Paragraph(content) => check_inlines(content, depth + 1),
            Block::List { items, .. } => {
                for item in items {
                    check_blocks(item, depth + 1, ids);
                }
            }
            Block::Quote(inner) => check_blocks(inner, depth + 1, ids),
            Block::Table { head, rows, align } => {
                assert_eq!(head.len(), align.len(), "ragged table head");
                for row in rows {
                    assert_eq!(row.len(), align.len(), "ragged table row");
                }
                for cell in head.iter().chain(rows.iter().flatten()) {
                    check_inlines(cell, depth + 1);
                }
            }
            Block::Figure { src, .. } => {
                assert!(urls::is_safe_image_src(src), "unsafe figure {src:?}")
            }
            Block::Code { .. } | Block::Rule => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let blocks = markdown::parse(&text);
    check_blocks(&blocks, 0, &mut HashSet::new());
    let _ = markdown::plain_text(&blocks);
    assert!(markdown::reading_minutes(&blocks) >= 1);
    let bytes = markdown::wire::write(&blocks);
    assert_eq!(markdown::wire::read(&bytes).as_ref(), Ok(&blocks));
    if let Ok(read) = markdown::wire::read(data) {
        assert_eq!(markdown::wire::read(&markdown::wire::write(&read)), Ok(read));
    }
});
