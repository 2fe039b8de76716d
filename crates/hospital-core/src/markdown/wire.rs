//! [`Block`]s as bytes: how compiled articles hold a body parsed at build time, and how
//! the Markdown module (`crates/hospital-markdown`) hands the app one. The app trusts no
//! bytes: [`read`] checks every tag, count, text and table shape, a nesting deeper than
//! the parser ever writes, and every link and image address by the parser's own rules (a
//! file edited by hand cannot bring a `javascript:` link), and says where it failed.
//!
//! Layout: a varint count of blocks, then each block as a tag byte and its fields;
//! texts are a varint length and UTF-8, lists of things a varint count and the things.

use super::{Align, Block, Inline, MAX_DEPTH};
use crate::compiled::{damaged, CompiledError, Reader, Writer};
use crate::urls;

/// Deeper than the parser's flattening ever leaves (it nests quotes and lists at most
/// [`MAX_DEPTH`] deep, and an item's blocks and their inlines a few more).
const MAX_READ_DEPTH: usize = 2 * MAX_DEPTH + 8;

/// The bytes of `blocks`.
pub fn write(blocks: &[Block]) -> Vec<u8> {
    let mut w = Writer::default();
    put_blocks(&mut w, blocks);
    w.into_payload()
}

/// The blocks of bytes that [`write`] wrote; an error names what is wrong, never a panic.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, CompiledError> {
    let mut r = Reader::over(bytes);
    let blocks = get_blocks(&mut r, 0)?;
    let (at, len) = r.position();
    if at != len {
        return Err(damaged(format!(
            "Markdown blocks: {} bytes after the last block",
            len - at
        )));
    }
    Ok(blocks)
}

fn put_count(w: &mut Writer, n: usize) {
    w.varint(n as u64);
}

fn put_blocks(w: &mut Writer, blocks: &[Block]) {
    put_count(w, blocks.len());
    for b in blocks {
        put_block(w, b);
    }
}

fn put_block(w: &mut Writer, block: &Block) {
    match block {
        Block::Heading { level, id, content } => {
            w.byte(0);
            w.byte(*level);
            w.short_str(id);
            put_inlines(w, content);
        }
        Block::Paragraph(content) => {
            w.byte(1);
            put_inlines(w, content);
        }
        Block::List {
            ordered,
            start,
            items,
        } => {
            w.byte(2);
            w.byte(u8::from(*ordered));
            w.varint(*start);
            put_count(w, items.len());
            for item in items {
                put_blocks(w, item);
            }
        }
        Block::Quote(blocks) => {
            w.byte(3);
            put_blocks(w, blocks);
        }
        Block::Code { text } => {
            w.byte(4);
            w.short_str(text);
        }
        Block::Rule => w.byte(5),
        Block::Table { head, rows, align } => {
            w.byte(6);
            put_count(w, align.len());
            for a in align {
                w.byte(match a {
                    Align::None => 0,
                    Align::Left => 1,
                    Align::Center => 2,
                    Align::Right => 3,
                });
            }
            for cell in head {
                put_inlines(w, cell);
            }
            put_count(w, rows.len());
            for row in rows {
                for cell in row {
                    put_inlines(w, cell);
                }
            }
        }
        Block::Figure { src, alt, caption } => {
            w.byte(7);
            w.short_str(src);
            w.short_str(alt);
            match caption {
                Some(c) => {
                    w.byte(1);
                    w.short_str(c);
                }
                None => w.byte(0),
            }
        }
    }
}

fn put_inlines(w: &mut Writer, inlines: &[Inline]) {
    put_count(w, inlines.len());
    for i in inlines {
        match i {
            Inline::Text(t) => {
                w.byte(0);
                w.short_str(t);
            }
            Inline::Emphasis(c) => {
                w.byte(1);
                put_inlines(w, c);
            }
            Inline::Strong(c) => {
                w.byte(2);
                put_inlines(w, c);
            }
            Inline::Strike(c) => {
                w.byte(3);
                put_inlines(w, c);
            }
            Inline::Code(t) => {
                w.byte(4);
                w.short_str(t);
            }
            Inline::Link {
                href,
                title,
                content,
            } => {
                w.byte(5);
                w.short_str(href);
                w.short_str(title);
                put_inlines(w, content);
            }
            Inline::Image { src, alt, title } => {
                w.byte(6);
                w.short_str(src);
                w.short_str(alt);
                w.short_str(title);
            }
            Inline::LineBreak => w.byte(7),
        }
    }
}

/// A count of things that take at least one byte each: never more than the bytes left,
/// so a damaged count fails when they run out instead of reserving memory for it.
fn get_count(r: &mut Reader, what: &str) -> Result<usize, CompiledError> {
    let n = r.varint(what)?;
    let (at, len) = r.position();
    usize::try_from(n)
        .ok()
        .filter(|&n| n <= len - at)
        .ok_or_else(|| damaged(format!("{what}: {n} is more than the bytes left")))
}

fn too_deep(depth: usize) -> Result<(), CompiledError> {
    if depth > MAX_READ_DEPTH {
        return Err(damaged(format!(
            "Markdown blocks: nested more than {MAX_READ_DEPTH} deep"
        )));
    }
    Ok(())
}

fn get_blocks(r: &mut Reader, depth: usize) -> Result<Vec<Block>, CompiledError> {
    too_deep(depth)?;
    let n = get_count(r, "blocks")?;
    let mut blocks = Vec::new();
    for _ in 0..n {
        blocks.push(get_block(r, depth)?);
    }
    Ok(blocks)
}

fn get_block(r: &mut Reader, depth: usize) -> Result<Block, CompiledError> {
    Ok(match r.byte("block")? {
        0 => Block::Heading {
            level: match r.byte("heading level")? {
                l @ 1..=6 => l,
                l => return Err(damaged(format!("heading level {l}"))),
            },
            id: r.short_str("heading id")?,
            content: get_inlines(r, depth + 1)?,
        },
        1 => Block::Paragraph(get_inlines(r, depth + 1)?),
        2 => {
            let ordered = match r.byte("list kind")? {
                0 => false,
                1 => true,
                b => return Err(damaged(format!("list kind {b}"))),
            };
            let start = r.varint("list start")?;
            let n = get_count(r, "list items")?;
            let mut items = Vec::new();
            for _ in 0..n {
                items.push(get_blocks(r, depth + 1)?);
            }
            Block::List {
                ordered,
                start,
                items,
            }
        }
        3 => Block::Quote(get_blocks(r, depth + 1)?),
        4 => Block::Code {
            text: r.short_str("code")?,
        },
        5 => Block::Rule,
        6 => {
            let columns = get_count(r, "table columns")?;
            let mut align = Vec::new();
            for _ in 0..columns {
                align.push(match r.byte("column alignment")? {
                    0 => Align::None,
                    1 => Align::Left,
                    2 => Align::Center,
                    3 => Align::Right,
                    b => return Err(damaged(format!("column alignment {b}"))),
                });
            }
            let row = |r: &mut Reader| -> Result<Vec<Vec<Inline>>, CompiledError> {
                (0..columns).map(|_| get_inlines(r, depth + 1)).collect()
            };
            let head = row(r)?;
            let n = get_count(r, "table rows")?;
            let mut rows = Vec::new();
            for _ in 0..n {
                rows.push(row(r)?);
            }
            Block::Table { head, rows, align }
        }
        7 => Block::Figure {
            src: image_src(r, "figure source")?,
            alt: r.short_str("figure text")?,
            caption: match r.byte("figure caption")? {
                0 => None,
                1 => Some(r.short_str("figure caption")?),
                b => return Err(damaged(format!("figure caption marker {b}"))),
            },
        },
        b => return Err(damaged(format!("unknown block {b}"))),
    })
}

fn get_inlines(r: &mut Reader, depth: usize) -> Result<Vec<Inline>, CompiledError> {
    too_deep(depth)?;
    let n = get_count(r, "inlines")?;
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(match r.byte("inline")? {
            0 => Inline::Text(r.short_str("text")?),
            1 => Inline::Emphasis(get_inlines(r, depth + 1)?),
            2 => Inline::Strong(get_inlines(r, depth + 1)?),
            3 => Inline::Strike(get_inlines(r, depth + 1)?),
            4 => Inline::Code(r.short_str("code")?),
            5 => Inline::Link {
                href: {
                    let href = r.short_str("link")?;
                    if !urls::is_safe_link(&href) {
                        return Err(damaged(format!("link to {href:?}, which is not allowed")));
                    }
                    href
                },
                title: r.short_str("link title")?,
                content: get_inlines(r, depth + 1)?,
            },
            6 => Inline::Image {
                src: image_src(r, "image source")?,
                alt: r.short_str("image text")?,
                title: r.short_str("image title")?,
            },
            7 => Inline::LineBreak,
            b => return Err(damaged(format!("unknown inline {b}"))),
        });
    }
    Ok(out)
}

fn image_src(r: &mut Reader, what: &str) -> Result<String, CompiledError> {
    let src = r.short_str(what)?;
    if !urls::is_safe_image_src(&src) {
        return Err(damaged(format!("{what} {src:?}, which is not allowed")));
    }
    Ok(src)
}

#[cfg(all(test, feature = "parse"))]
mod tests {
    use super::*;
    use crate::markdown::parse;

    const EVERYTHING: &str = "# Title\n\nSome *em*, **strong**, ~~gone~~, `code` and a [link](https://example.org \"t\").\\\nNext line.\n\n> quoted\n>\n> - one\n> - two\n\n3. three\n4. four\n\n```\nfn main() {}\n```\n\n---\n\n| a | b |\n|:--|--:|\n| 1 | *2* |\n\n![A ward](images/ward.jpg \"The new ward\")\n\n## 标题\n\n中文段落 ![x](images/x.png)\n";

    #[test]
    fn every_kind_of_block_and_inline_comes_back_as_written() {
        let blocks = parse(EVERYTHING);
        assert!(blocks.len() >= 9, "{blocks:?}");
        assert_eq!(read(&write(&blocks)), Ok(blocks));
    }

    #[test]
    fn the_deepest_tree_the_parser_makes_comes_back() {
        let deep = format!("{}deep\n", "> - ".repeat(200));
        let blocks = parse(&deep);
        assert_eq!(read(&write(&blocks)), Ok(blocks));
    }

    #[test]
    fn every_cut_of_the_bytes_is_an_error_not_a_panic() {
        let bytes = write(&parse(EVERYTHING));
        for end in 0..bytes.len() {
            assert!(
                read(&bytes[..end]).is_err(),
                "cut at {end} of {}",
                bytes.len()
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(read(&longer).is_err());
    }

    #[test]
    fn damage_is_named() {
        // One block, of an unknown kind.
        let err = read(&[1, 42])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("unknown block 42"), "{err}");
        // A count far beyond the bytes.
        let err = read(&[0xff, 0xff, 0x03])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("more than the bytes left"), "{err}");
        // Quotes nested beyond what the parser writes.
        let mut nested = Vec::new();
        for _ in 0..(MAX_READ_DEPTH + 2) {
            nested.extend([1, 3]);
        }
        let err = read(&nested)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("nested more than"), "{err}");
    }

    #[test]
    fn a_link_or_image_the_parser_would_refuse_is_damage() {
        let link = |href: &str| {
            vec![Block::Paragraph(vec![Inline::Link {
                href: href.into(),
                title: String::new(),
                content: vec![Inline::Text("x".into())],
            }])]
        };
        let figure = |src: &str| {
            vec![Block::Figure {
                src: src.into(),
                alt: "x".into(),
                caption: None,
            }]
        };
        assert!(read(&write(&link("https://example.org"))).is_ok());
        assert!(read(&write(&figure("images/ward.jpg"))).is_ok());
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "data:text/html,x",
        ] {
            let err = read(&write(&link(bad)))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains("not allowed"), "{bad}: {err}");
            assert!(read(&write(&figure(bad))).is_err(), "{bad}");
        }
    }
}
