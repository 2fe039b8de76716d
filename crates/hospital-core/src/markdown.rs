//! Markdown to a small block structure that the app renders itself with DOM
//! nodes, so no HTML string from an article ever reaches the page.
//!
//! Safety rules, enforced here rather than in the view:
//! - raw HTML, block or inline, becomes literal text (comments are dropped);
//! - a link whose URL fails `urls::is_safe_link` becomes its plain content;
//! - an image whose source fails `urls::is_safe_image_src` becomes its alt text;
//! - nesting deeper than [`MAX_DEPTH`] is flattened, so hostile input cannot
//!   exhaust the stack while parsing, rendering or dropping the tree.

//!
//! The parser (`parse`, feature `parse`) is pulldown-cmark's: the site build and the CLI
//! have it; the app's wasm does not, and asks a module of its own
//! (`crates/hospital-markdown`) for the blocks, as [`wire`] bytes.

#[cfg(feature = "parse")]
mod parse;
pub mod wire;

use crate::normalize::is_cjk;
#[cfg(feature = "parse")]
use crate::text::Text;
use crate::text::{choose_version, Lang};
use std::sync::Arc;

#[cfg(feature = "parse")]
pub use parse::{parse, searchable_text};

/// The Markdown module's file (`crates/hospital-markdown`), published beside the app's.
pub const MODULE_FILE: &str = "hospital_markdown.wasm";

/// Quotes, lists and inline styles nested deeper than this are flattened.
pub const MAX_DEPTH: usize = 32;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// `id` is a slug of the heading text, unique within the document, for anchors.
    /// It is bare: the view should prefix it if it could collide with its own ids.
    Heading {
        level: u8,
        id: String,
        content: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    /// `start` is the number of the first item (1 for unordered lists).
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code {
        text: String,
    },
    Rule,
    /// Every row has as many cells as `align` has columns.
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        align: Vec<Align>,
    },
    /// A paragraph holding only an image; the caption is the image's title.
    Figure {
        src: String,
        alt: String,
        caption: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Code(String),
    Link {
        href: String,
        title: String,
        content: Vec<Inline>,
    },
    Image {
        src: String,
        alt: String,
        title: String,
    },
    LineBreak,
}

/// The text a reader sees, blocks separated by blank lines: for search and reading time.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        let start = out.len();
        block_text(b, &mut out);
        if out.len() > start {
            out.push_str("\n\n");
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Minutes to read, at about 200 English words or 300 CJK characters a minute; at least 1.
pub fn reading_minutes(blocks: &[Block]) -> u32 {
    let text = plain_text(blocks);
    let (mut words, mut cjk) = (0u64, 0u64);
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            words += u64::from(!in_word);
            in_word = true;
        } else {
            // Apostrophes and hyphens join the parts of one word ("don't", "x-ray").
            in_word = in_word && matches!(c, '\'' | '’' | '-');
        }
    }
    // words/200 + cjk/300 == (3*words + 2*cjk) / 600, rounded up.
    let minutes = (3 * words + 2 * cjk).div_ceil(600).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

fn block_text(block: &Block, out: &mut String) {
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => inline_text(content, out),
        Block::List { items, .. } => {
            let items: Vec<String> = items.iter().map(|i| plain_text(i)).collect();
            out.push_str(&items.join("\n"));
        }
        Block::Quote(blocks) => out.push_str(&plain_text(blocks)),
        Block::Code { text } => out.push_str(text.trim_end()),
        Block::Rule => {}
        Block::Table { head, rows, .. } => {
            for row in std::iter::once(head).chain(rows) {
                for cell in row {
                    inline_text(cell, out);
                    out.push('\t');
                }
                out.push('\n');
            }
        }
        Block::Figure { alt, caption, .. } => {
            out.push_str(alt);
            if let Some(c) = caption {
                out.push('\n');
                out.push_str(c);
            }
        }
    }
}

fn inline_text(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strike(c) => inline_text(c, out),
            Inline::Link { content, .. } => inline_text(content, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::LineBreak => out.push('\n'),
        }
    }
}

/// An inline body parsed at build time, version by version: what compiled articles hold,
/// so that the app shows and searches them without a Markdown parser.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedBody {
    /// Each version's language tag (empty for a text in no stated language) and blocks,
    /// in the order of the text's versions.
    versions: Vec<(String, Arc<Vec<Block>>)>,
}

impl ParsedBody {
    /// Every version of `text` parsed.
    #[cfg(feature = "parse")]
    pub fn of(text: &Text) -> ParsedBody {
        let versions = match text {
            Text::Plain(s) => vec![(String::new(), Arc::new(parse(s)))],
            Text::Localized(map) => map
                .iter()
                .map(|(tag, s)| (tag.to_string(), Arc::new(parse(s))))
                .collect(),
        };
        ParsedBody { versions }
    }

    pub fn from_versions(versions: Vec<(String, Vec<Block>)>) -> ParsedBody {
        let versions = (versions.into_iter())
            .map(|(tag, blocks)| (tag, Arc::new(blocks)))
            .collect();
        ParsedBody { versions }
    }

    pub fn versions(&self) -> &[(String, Arc<Vec<Block>>)] {
        &self.versions
    }

    /// The version a reader of `lang` gets: the one [`Text::get`] gives of the Markdown it
    /// was parsed from (a text in no stated language, else [`choose_version`]).
    pub fn get(&self, lang: Lang) -> Arc<Vec<Block>> {
        let versions = (self.versions.iter()).map(|(tag, blocks)| (tag.as_str(), blocks));
        let unstated = versions.clone().find(|(tag, _)| tag.is_empty());
        unstated
            .or_else(|| choose_version(versions, lang, |blocks| !blocks.is_empty()))
            .map(|(_, blocks)| blocks.clone())
            .unwrap_or_default()
    }
}

#[cfg(all(test, feature = "parse"))]
mod tests {
    use super::*;
    use crate::text::Translations;

    #[test]
    fn a_parsed_body_gives_each_reader_the_version_its_text_gives() {
        let text = |pairs: &[(&str, &str)]| {
            let map: Translations = (pairs.iter())
                .map(|(tag, md)| (tag.to_string(), md.to_string()))
                .collect();
            Text::Localized(map)
        };
        for body in [
            text(&[("en", "# Hours"), ("zh", "# 时间")]),
            text(&[("en", ""), ("zh", "# 时间")]),
            text(&[("fr", "# Heures"), ("zh", "")]),
            text(&[("en", "  ")]),
            Text::Plain("# Hours".into()),
        ] {
            let parsed = ParsedBody::of(&body);
            for lang in [Lang::En, Lang::Zh] {
                assert_eq!(
                    *parsed.get(lang),
                    parse(body.get(lang).text),
                    "{body:?} in {lang:?}"
                );
            }
        }
    }
}
