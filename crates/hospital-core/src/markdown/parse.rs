//! pulldown-cmark's events to [`Block`]s, with the safety rules of [`super`].

use super::{inline_text, plain_text, Align, Block, Inline, MAX_DEPTH};
use crate::urls;
use pulldown_cmark::{Alignment, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::iter::Peekable;

/// Parses Markdown (CommonMark with tables and strikethrough). Never panics.
pub fn parse(markdown: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut reader = Reader {
        events: Parser::new_ext(markdown, options).peekable(),
        ids: HashSet::new(),
        next_suffix: HashMap::new(),
    };
    let mut blocks = Vec::new();
    loop {
        blocks.extend(reader.blocks(0));
        // Only an unbalanced End can stop `blocks` early; skip it and go on.
        if reader.events.next().is_none() {
            break;
        }
    }
    blocks
}

/// What a reader of `markdown` sees as text, for the news search.
pub fn searchable_text(markdown: &str) -> String {
    plain_text(&parse(markdown))
}

/// A heading's anchor: lowercase letters and digits in any script, words joined by '-'.
fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            s.push(c);
        } else if (matches!(c, '-' | '_') || c.is_whitespace())
            && !s.is_empty()
            && !s.ends_with('-')
        {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-');
    if s.is_empty() {
        "section".to_string()
    } else {
        s.to_string()
    }
}

fn is_inline_event(e: &Event) -> bool {
    match e {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(_) | Event::Rule => false,
        _ => true,
    }
}

/// Blocks whose content cannot hold further blocks, so they need no depth guard.
fn is_leaf_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_)
    )
}

/// Consumes the event stream depth-first. Each reading method stops *before*
/// the End event that closes its container; the caller consumes it.
struct Reader<'a, I: Iterator<Item = Event<'a>>> {
    events: Peekable<I>,
    /// Heading ids given so far, and the next number to try for each slug,
    /// so that thousands of equal headings still cost linear time.
    ids: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Reader<'a, I> {
    fn end(&mut self) {
        if matches!(self.events.peek(), Some(Event::End(_))) {
            self.events.next();
        }
    }

    /// Blocks until the End of the enclosing container (or the end of input).
    /// Text directly inside a container (tight list items) becomes a paragraph.
    fn blocks(&mut self, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        // Containers opened past MAX_DEPTH whose End is still to come.
        let mut flattened = 0usize;
        while let Some(event) = self.events.peek() {
            if matches!(event, Event::End(_)) {
                if flattened == 0 {
                    break;
                }
                flattened -= 1;
                self.events.next();
            } else if is_inline_event(event) {
                let inlines = self.inlines(depth + 1);
                if !inlines.is_empty() {
                    out.push(paragraph(inlines));
                }
            } else {
                match self.events.next() {
                    Some(Event::Rule) => out.push(Block::Rule),
                    Some(Event::Start(tag)) if depth >= MAX_DEPTH && !is_leaf_block(&tag) => {
                        flattened += 1;
                    }
                    Some(Event::Start(tag)) => self.block(tag, depth, &mut out),
                    _ => {}
                }
            }
        }
        out
    }

    /// Appends the block opened by `tag` (nothing for what is dropped) and consumes its End.
    fn block(&mut self, tag: Tag<'a>, depth: usize, out: &mut Vec<Block>) {
        match tag {
            Tag::Paragraph => {
                let inlines = self.inlines(depth + 1);
                if !inlines.is_empty() {
                    out.push(paragraph(inlines));
                }
            }
            Tag::Heading { level, .. } => {
                let content = self.inlines(depth + 1);
                let mut text = String::new();
                inline_text(&content, &mut text);
                let id = self.unique_id(slug(&text));
                out.push(Block::Heading {
                    level: level as u8,
                    id,
                    content,
                });
            }
            Tag::BlockQuote(_) => out.push(Block::Quote(self.blocks(depth + 1))),
            Tag::List(start) => out.push(self.list(start, depth)),
            Tag::CodeBlock(_) => {
                // The parser ends code with a newline that the view must not show.
                let text = self.raw_text();
                out.push(Block::Code {
                    text: text.trim_end_matches('\n').to_string(),
                });
            }
            Tag::HtmlBlock => {
                let text = strip_comments(&self.raw_text());
                let text = text.trim();
                if !text.is_empty() {
                    out.push(Block::Paragraph(vec![Inline::Text(text.to_string())]));
                }
            }
            Tag::Table(align) => out.push(self.table(align, depth)),
            // Not enabled, or out of place: keep the content, lose the container.
            _ => {
                let inner = self.blocks(depth + 1);
                out.extend(inner);
            }
        }
        self.end();
    }

    fn list(&mut self, start: Option<u64>, depth: usize) -> Block {
        let mut items = Vec::new();
        loop {
            match self.events.peek() {
                None | Some(Event::End(_)) => break,
                Some(Event::Start(Tag::Item)) => {
                    self.events.next();
                    items.push(self.blocks(depth + 1));
                    self.end();
                }
                // Lists hold only items: anything else (never produced by the
                // parser) becomes an item of its own, so this loop always advances.
                Some(_) => {
                    let mut stray = Vec::new();
                    if let Some(Event::Start(tag)) = self.events.next() {
                        self.block(tag, depth + 1, &mut stray);
                    }
                    if !stray.is_empty() {
                        items.push(stray);
                    }
                }
            }
        }
        Block::List {
            ordered: start.is_some(),
            start: start.unwrap_or(1),
            items,
        }
    }

    fn table(&mut self, align: Vec<Alignment>, depth: usize) -> Block {
        let align: Vec<Align> = align
            .into_iter()
            .map(|a| match a {
                Alignment::None => Align::None,
                Alignment::Left => Align::Left,
                Alignment::Center => Align::Center,
                Alignment::Right => Align::Right,
            })
            .collect();
        let mut head = Vec::new();
        let mut rows = Vec::new();
        let mut row = Vec::new();
        // 0 at table level, 1 inside the head or a row.
        let mut level = 0usize;
        loop {
            match self.events.peek() {
                None => break,
                Some(Event::End(_)) if level == 0 => break,
                _ => {}
            }
            match self.events.next() {
                Some(Event::Start(Tag::TableCell)) => {
                    row.push(self.inlines(depth + 1));
                    self.end();
                }
                Some(Event::Start(_)) => level += 1,
                Some(Event::End(end)) => {
                    level = level.saturating_sub(1);
                    let cells = std::mem::take(&mut row);
                    if end == TagEnd::TableHead {
                        head = cells;
                    } else {
                        rows.push(cells);
                    }
                }
                _ => {}
            }
        }
        // The view can then rely on a rectangular table.
        let columns = align.len();
        let fit = |mut r: Vec<Vec<Inline>>| {
            r.resize_with(columns, Vec::new);
            r
        };
        Block::Table {
            head: fit(head),
            rows: rows.into_iter().map(fit).collect(),
            align,
        }
    }

    /// All text up to the enclosing End, as written (code and HTML blocks).
    fn raw_text(&mut self) -> String {
        let mut text = String::new();
        while let Some(e) = self.events.peek() {
            match e {
                Event::End(_) => break,
                Event::Text(t) | Event::Html(t) | Event::Code(t) | Event::InlineHtml(t) => {
                    text.push_str(t)
                }
                _ => {}
            }
            self.events.next();
        }
        text
    }

    /// Inline content up to the enclosing End or the next block.
    fn inlines(&mut self, depth: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut flattened = 0usize;
        while let Some(event) = self.events.peek() {
            match event {
                Event::End(_) if flattened == 0 => break,
                Event::End(_) => {
                    flattened -= 1;
                    self.events.next();
                    continue;
                }
                e if !is_inline_event(e) => break,
                _ => {}
            }
            let Some(event) = self.events.next() else {
                break;
            };
            match event {
                Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                    push_text(&mut out, &t)
                }
                Event::Code(t) => out.push(Inline::Code(t.into_string())),
                Event::Html(t) | Event::InlineHtml(t) => inline_html(&mut out, &t),
                Event::FootnoteReference(t) => push_text(&mut out, &format!("[^{t}]")),
                Event::SoftBreak => push_text(&mut out, " "),
                Event::HardBreak => out.push(Inline::LineBreak),
                Event::TaskListMarker(done) => {
                    push_text(&mut out, if done { "[x] " } else { "[ ] " })
                }
                // Past MAX_DEPTH the content stays; its styling, link or image does not.
                Event::Start(_) if depth >= MAX_DEPTH => flattened += 1,
                Event::Start(tag) => self.inline(tag, depth, &mut out),
                Event::Rule | Event::End(_) => {}
            }
        }
        out
    }

    fn inline(&mut self, tag: Tag<'a>, depth: usize, out: &mut Vec<Inline>) {
        let content = self.inlines(depth + 1);
        self.end();
        match tag {
            Tag::Emphasis => out.push(Inline::Emphasis(content)),
            Tag::Strong => out.push(Inline::Strong(content)),
            Tag::Strikethrough => out.push(Inline::Strike(content)),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let href = match link_type {
                    // The parser gives the bare address of `<a@b.org>`.
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.into_string(),
                };
                if !href.trim().is_empty() && urls::is_safe_link(&href) {
                    out.push(Inline::Link {
                        href,
                        title: title.into_string(),
                        content,
                    });
                } else {
                    splice(out, content);
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let mut alt = String::new();
                inline_text(&content, &mut alt);
                if urls::is_safe_image_src(&dest_url) {
                    out.push(Inline::Image {
                        src: dest_url.into_string(),
                        alt,
                        title: title.into_string(),
                    });
                } else {
                    push_text(out, &alt);
                }
            }
            _ => splice(out, content),
        }
    }

    /// Numbers repeated slugs (`a`, `a-2`, `a-3`), skipping any already taken,
    /// for instance by a heading whose own text is "A 2".
    fn unique_id(&mut self, base: String) -> String {
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(1);
        loop {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            n += 1;
            if self.ids.insert(id.clone()) {
                self.next_suffix.insert(base, n);
                return id;
            }
        }
    }
}

/// A paragraph holding only an image (and whitespace) becomes a figure.
fn paragraph(inlines: Vec<Inline>) -> Block {
    let mut solid = inlines
        .iter()
        .filter(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty()));
    if let (Some(Inline::Image { src, alt, title }), None) = (solid.next(), solid.next()) {
        return Block::Figure {
            src: src.clone(),
            alt: alt.clone(),
            caption: (!title.trim().is_empty()).then(|| title.clone()),
        };
    }
    Block::Paragraph(inlines)
}

/// Adds text, merged into a preceding text so that the view makes one node.
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Inline::Text(text.to_string()));
    }
}

fn splice(out: &mut Vec<Inline>, content: Vec<Inline>) {
    for i in content {
        match i {
            Inline::Text(t) => push_text(out, &t),
            other => out.push(other),
        }
    }
}

/// Inline HTML is shown as written, except `<br>` (a line break) and comments (dropped).
fn inline_html(out: &mut Vec<Inline>, html: &str) {
    let squeezed: String = html
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '/')
        .collect();
    if squeezed.eq_ignore_ascii_case("<br>") {
        out.push(Inline::LineBreak);
    } else if !html.starts_with("<!--") {
        push_text(out, html);
    }
}

fn strip_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        rest = match after.find("-->") {
            Some(end) => &after[end + 3..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{reading_minutes, MAX_DEPTH};

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    fn para(md: &str) -> Vec<Inline> {
        match parse(md).as_slice() {
            [Block::Paragraph(inlines)] => inlines.clone(),
            other => panic!("not one paragraph: {other:?}"),
        }
    }

    #[test]
    fn headings_get_unique_slugs() {
        let blocks = parse(
            "# Heart Health\n\n## Heart health\n\n### 心脏 健康\n\n#### Heart health 2\n\n# !!!",
        );
        let ids: Vec<(u8, &str)> = blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, id, .. } => (*level, id.as_str()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            ids,
            [
                (1, "heart-health"),
                (2, "heart-health-2"),
                (3, "心脏-健康"),
                (4, "heart-health-2-2"),
                (1, "section")
            ]
        );
    }

    #[test]
    fn inline_styles() {
        assert_eq!(
            para("a *b* **c** ~~d~~ `e<f>`"),
            vec![
                text("a "),
                Inline::Emphasis(vec![text("b")]),
                text(" "),
                Inline::Strong(vec![text("c")]),
                text(" "),
                Inline::Strike(vec![text("d")]),
                text(" "),
                Inline::Code("e<f>".into()),
            ]
        );
    }

    #[test]
    fn breaks_and_entities() {
        assert_eq!(
            para("one  \ntwo\nthree &amp; &lt;four&gt;"),
            vec![text("one"), Inline::LineBreak, text("two three & <four>")]
        );
        assert_eq!(
            para("a<br>b<BR />c"),
            vec![
                text("a"),
                Inline::LineBreak,
                text("b"),
                Inline::LineBreak,
                text("c")
            ]
        );
    }

    #[test]
    fn links_keep_title_and_content() {
        assert_eq!(
            para("[the *clinic*](/doctors?q=x \"Find\") <https://example.org> <nurse@example.org>"),
            vec![
                Inline::Link {
                    href: "/doctors?q=x".into(),
                    title: "Find".into(),
                    content: vec![text("the "), Inline::Emphasis(vec![text("clinic")])],
                },
                text(" "),
                Inline::Link {
                    href: "https://example.org".into(),
                    title: String::new(),
                    content: vec![text("https://example.org")],
                },
                text(" "),
                Inline::Link {
                    href: "mailto:nurse@example.org".into(),
                    title: String::new(),
                    content: vec![text("nurse@example.org")],
                },
            ]
        );
        let reference = parse("See [the ward][w].\n\n[w]: https://example.org/ward");
        assert!(matches!(
            reference.as_slice(),
            [Block::Paragraph(p)] if matches!(&p[1], Inline::Link { href, .. } if href == "https://example.org/ward")
        ));
    }

    #[test]
    fn a_lone_image_is_a_figure() {
        assert_eq!(
            parse("![The *new* wing](img/wing.jpg \"Opened in May\")"),
            vec![Block::Figure {
                src: "img/wing.jpg".into(),
                alt: "The new wing".into(),
                caption: Some("Opened in May".into()),
            }]
        );
        assert_eq!(
            parse("![x](a.png)")[0],
            Block::Figure {
                src: "a.png".into(),
                alt: "x".into(),
                caption: None
            }
        );
        assert_eq!(
            para("Look: ![x](a.png)"),
            vec![
                text("Look: "),
                Inline::Image {
                    src: "a.png".into(),
                    alt: "x".into(),
                    title: String::new()
                }
            ]
        );
    }

    #[test]
    fn lists_tight_loose_nested_and_numbered() {
        let blocks = parse("3. one\n4. two\n   - a\n   - b\n\n- loose\n\n- list");
        assert_eq!(
            blocks,
            vec![
                Block::List {
                    ordered: true,
                    start: 3,
                    items: vec![
                        vec![Block::Paragraph(vec![text("one")])],
                        vec![
                            Block::Paragraph(vec![text("two")]),
                            Block::List {
                                ordered: false,
                                start: 1,
                                items: vec![
                                    vec![Block::Paragraph(vec![text("a")])],
                                    vec![Block::Paragraph(vec![text("b")])],
                                ],
                            },
                        ],
                    ],
                },
                Block::List {
                    ordered: false,
                    start: 1,
                    items: vec![
                        vec![Block::Paragraph(vec![text("loose")])],
                        vec![Block::Paragraph(vec![text("list")])],
                    ],
                },
            ]
        );
    }

    #[test]
    fn quotes_code_and_rules() {
        assert_eq!(
            parse(
                "> quoted\n>\n> > inner\n\n```rust\nlet x = 1;\n\n<b>\n```\n\n    indented\n\n---"
            ),
            vec![
                Block::Quote(vec![
                    Block::Paragraph(vec![text("quoted")]),
                    Block::Quote(vec![Block::Paragraph(vec![text("inner")])]),
                ]),
                Block::Code {
                    text: "let x = 1;\n\n<b>".into()
                },
                Block::Code {
                    text: "indented".into()
                },
                Block::Rule,
            ]
        );
    }

    #[test]
    fn tables_are_rectangular_with_alignment() {
        let md =
            "| Clinic | Day | Room |\n|:--|:-:|--:|\n| **Heart** | Mon | 3 |\n| Skin | Tue |\n";
        assert_eq!(
            parse(md),
            vec![Block::Table {
                head: vec![vec![text("Clinic")], vec![text("Day")], vec![text("Room")]],
                rows: vec![
                    vec![
                        vec![Inline::Strong(vec![text("Heart")])],
                        vec![text("Mon")],
                        vec![text("3")]
                    ],
                    vec![vec![text("Skin")], vec![text("Tue")], vec![]],
                ],
                align: vec![Align::Left, Align::Center, Align::Right],
            }]
        );
    }

    #[test]
    fn html_is_literal_text_and_comments_vanish() {
        assert_eq!(
            parse("<div class=\"x\">\n<b>hi</b>\n</div>\n\n<!-- editor note -->\n\nText <span>x</span><!-- c -->."),
            vec![
                Block::Paragraph(vec![text("<div class=\"x\">\n<b>hi</b>\n</div>")]),
                Block::Paragraph(vec![text("Text <span>x</span>.")]),
            ]
        );
    }

    #[test]
    fn plain_text_and_reading_time() {
        let blocks =
            parse("# Title\n\nSome *text* [here](/x).\n\n- a\n- b\n\n![alt](p.png \"cap\")");
        assert_eq!(
            plain_text(&blocks),
            "Title\n\nSome text here.\n\na\nb\n\nalt\ncap"
        );
        assert_eq!(reading_minutes(&[]), 1);
        let english = "word ".repeat(401);
        assert_eq!(reading_minutes(&parse(&english)), 3);
        let chinese = "医".repeat(600);
        assert_eq!(reading_minutes(&parse(&chinese)), 2);
        let mixed = format!("{} {}", "word ".repeat(100), "医".repeat(150));
        assert_eq!(reading_minutes(&parse(&mixed)), 1);
        assert_eq!(reading_minutes(&parse("don't x-ray")), 1);
    }

    /// Every link and image URL in the tree, with a flag for images.
    fn urls_in(blocks: &[Block]) -> Vec<(bool, String)> {
        fn inl(i: &[Inline], out: &mut Vec<(bool, String)>) {
            for x in i {
                match x {
                    Inline::Link { href, content, .. } => {
                        out.push((false, href.clone()));
                        inl(content, out);
                    }
                    Inline::Image { src, .. } => out.push((true, src.clone())),
                    Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strike(c) => inl(c, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        for b in blocks {
            match b {
                Block::Heading { content, .. } | Block::Paragraph(content) => {
                    inl(content, &mut out)
                }
                Block::List { items, .. } => items.iter().for_each(|i| out.extend(urls_in(i))),
                Block::Quote(q) => out.extend(urls_in(q)),
                Block::Table { head, rows, .. } => {
                    for cell in head.iter().chain(rows.iter().flatten()) {
                        inl(cell, &mut out);
                    }
                }
                Block::Figure { src, .. } => out.push((true, src.clone())),
                Block::Code { .. } | Block::Rule => {}
            }
        }
        out
    }

    const XSS: &[&str] = &[
        "<script>alert(1)</script>",
        "x <script>alert(1)</script> y",
        "<img src=x onerror=alert(1)>",
        "text <img src=x onerror=alert(1)> text",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](java&#x0A;script:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;&#x61;vascript&#58;alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](%6Aavascript:alert(1))",
        "[x](&#0;javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](  javascript:alert(1) \"t\")",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](file:///etc/passwd)",
        "[x](\\\\evil.example/share)",
        "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        "![x](javascript:alert(1))",
        "![x](JAVASCRIPT:alert(1) \"title\")",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "a <iframe src=https://evil.example></iframe> b",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "inline <a href=\"javascript:alert(1)\">click</a>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<details open ontoggle=alert(1)>",
        "<object data=\"data:text/html,x\"></object>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "[x][evil]\n\n[evil]: javascript:alert(1)",
        "[evil]\n\n[evil]: JaVaScRiPt:alert(1) \"t\"",
        "![x][pic]\n\n[pic]: data:image/png;base64,AAAA",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "<vbscript:msgbox(1)>",
        "[![img](javascript:alert(1))](javascript:alert(2))",
        "[**bold** link](javascript:alert(1))",
        "> - [x](javascript:alert(1))",
        "| a |\n|---|\n| [x](javascript:alert(1)) |",
        "# [x](javascript:alert(1))",
        "[x](javascript:alert(1)//https://ok.example)",
        "[x](\u{0}javascript:alert(1))",
    ];

    #[test]
    fn xss_corpus_yields_no_unsafe_url_and_no_markup() {
        for payload in XSS {
            let blocks = parse(payload);
            for (image, url) in urls_in(&blocks) {
                let squeezed: String = url
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let ok = if image {
                    urls::is_safe_image_src(&url)
                } else {
                    urls::is_safe_link(&url)
                };
                assert!(ok, "{payload:?} gave unsafe {url:?}");
                for scheme in ["javascript:", "vbscript:", "data:", "file:"] {
                    assert!(!squeezed.starts_with(scheme), "{payload:?} gave {url:?}");
                }
            }
            // The tree has no element for HTML, so a tag can only survive as text,
            // which the view writes into a text node.
            let shown = plain_text(&blocks);
            let autolink = payload
                .split(['>', ' '])
                .next()
                .is_some_and(|head| head.contains(':'));
            if payload.starts_with('<') && !autolink {
                assert!(
                    shown.contains('<'),
                    "{payload:?} lost its literal text: {shown:?}"
                );
            }
        }
    }

    #[test]
    fn unsafe_links_keep_their_words() {
        assert_eq!(
            para("see [the **notes**](javascript:alert(1)) now"),
            vec![
                text("see the "),
                Inline::Strong(vec![text("notes")]),
                text(" now")
            ]
        );
        assert_eq!(
            para("a ![a chart](javascript:x) b"),
            vec![text("a a chart b")]
        );
        assert_eq!(
            para("<javascript:alert(1)>"),
            vec![text("javascript:alert(1)")]
        );
        assert_eq!(
            parse("![chart](data:image/png;base64,AA)"),
            vec![Block::Paragraph(vec![text("chart")])]
        );
    }

    fn depth_of(blocks: &[Block]) -> usize {
        fn inl(i: &[Inline]) -> usize {
            i.iter()
                .map(|x| match x {
                    Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strike(c) => 1 + inl(c),
                    Inline::Link { content, .. } => 1 + inl(content),
                    _ => 1,
                })
                .max()
                .unwrap_or(0)
        }
        blocks
            .iter()
            .map(|b| match b {
                Block::Quote(q) => 1 + depth_of(q),
                Block::List { items, .. } => {
                    1 + items.iter().map(|i| depth_of(i)).max().unwrap_or(0)
                }
                Block::Paragraph(c) | Block::Heading { content: c, .. } => 1 + inl(c),
                _ => 1,
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn hostile_nesting_is_flattened_not_fatal() {
        let cases = [
            ">".repeat(50_000) + " deep",
            "- ".repeat(5_000) + "deep",
            (0..3_000)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect(),
            "*a ".repeat(20_000) + &"b*".repeat(20_000),
            "**".repeat(20_000) + "x" + &"**".repeat(20_000),
            "~~a ".repeat(10_000) + &"b~~".repeat(10_000),
            "[".repeat(50_000) + &"](x)".repeat(50_000),
            "![".repeat(20_000) + &"](x.png)".repeat(20_000),
            "1. ".repeat(5_000) + "deep",
            "> - ".repeat(5_000) + "deep",
            "|".repeat(50_000),
            "<".repeat(50_000),
            "`".repeat(50_000),
            "\u{0}\u{FFFF}\r\r\n\t".repeat(10_000),
        ];
        for md in cases {
            let blocks = parse(&md);
            assert!(
                depth_of(&blocks) <= 2 * MAX_DEPTH + 4,
                "too deep for {:?}",
                &md[..20]
            );
            let _ = reading_minutes(&blocks);
        }
        // The words survive flattening.
        assert!(plain_text(&parse(&(">".repeat(100) + " deep"))).contains("deep"));
    }

    #[test]
    fn large_input_is_linear_enough() {
        let article = "# Title\n\nSome **text** with [a link](/x) and `code`.\n\n- one\n- two\n\n"
            .repeat(5_000);
        let blocks = parse(&article);
        assert_eq!(blocks.len(), 15_000);
        match &blocks[3] {
            Block::Heading { id, .. } => assert_eq!(id, "title-2"),
            other => panic!("{other:?}"),
        }
        let many_equal = "# a\n\n".repeat(10_000);
        assert_eq!(parse(&many_equal).len(), 10_000);
    }
}
