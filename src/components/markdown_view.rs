//! Renders the safe block structure of `hospital_core::markdown` as DOM nodes.
//! No HTML string from the dataset is ever parsed by the browser: every piece of
//! text becomes a text node, and only URLs that passed the core's checks become links.

use crate::data::use_data;
use hospital_core::markdown::{Align, Block, Inline};
use leptos::prelude::*;

#[component]
pub fn MarkdownView(blocks: Vec<Block>) -> impl IntoView {
    view! { <div class="prose">{blocks.into_iter().map(block).collect_view()}</div> }
}

fn block(b: Block) -> AnyView {
    match b {
        // The article title is the page's h1, so body headings start at h2.
        Block::Heading { level, id, content } => {
            let inner = inlines(content);
            match level {
                0..=2 => view! { <h2 id=id>{inner}</h2> }.into_any(),
                3 => view! { <h3 id=id>{inner}</h3> }.into_any(),
                4 => view! { <h4 id=id>{inner}</h4> }.into_any(),
                _ => view! { <h5 id=id>{inner}</h5> }.into_any(),
            }
        }
        Block::Paragraph(content) => view! { <p>{inlines(content)}</p> }.into_any(),
        Block::List {
            ordered: true,
            start,
            items,
        } => view! { <ol start=start.to_string()>{list_items(items)}</ol> }.into_any(),
        Block::List {
            ordered: false,
            items,
            ..
        } => view! { <ul>{list_items(items)}</ul> }.into_any(),
        Block::Quote(blocks) => {
            view! { <blockquote>{blocks.into_iter().map(block).collect_view()}</blockquote> }
                .into_any()
        }
        Block::Code { text } => view! { <pre><code>{text}</code></pre> }.into_any(),
        Block::Rule => view! { <hr/> }.into_any(),
        Block::Table { head, rows, align } => {
            let class_of = move |i: usize| match align.get(i) {
                Some(Align::Center) => "align-center",
                Some(Align::Right) => "align-right",
                _ => "",
            };
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead><tr>{head.into_iter().enumerate().map(|(i, c)| view! { <th scope="col" class=class_of(i)>{inlines(c)}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr>{r.into_iter().enumerate().map(|(i, c)| view! { <td class=class_of(i)>{inlines(c)}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }
        Block::Figure { src, alt, caption } => figure(src, alt, caption),
    }
}

fn figure(src: String, alt: String, caption: Option<String>) -> AnyView {
    let data = use_data();
    match data.resolve(&src) {
        Some(url) => view! {
            <figure>
                <img src=url alt=alt loading="lazy" decoding="async"/>
                {caption.map(|c| view! { <figcaption>{c}</figcaption> })}
            </figure>
        }
        .into_any(),
        None => view! { <p>{alt}</p> }.into_any(),
    }
}

fn list_items(items: Vec<Vec<Block>>) -> impl IntoView {
    items
        .into_iter()
        .map(|blocks| view! { <li>{blocks.into_iter().map(block).collect_view()}</li> })
        .collect_view()
}

fn inlines(items: Vec<Inline>) -> impl IntoView {
    items.into_iter().map(inline).collect_view()
}

fn inline(i: Inline) -> AnyView {
    match i {
        Inline::Text(t) => t.into_any(),
        Inline::Emphasis(c) => view! { <em>{inlines(c)}</em> }.into_any(),
        Inline::Strong(c) => view! { <strong>{inlines(c)}</strong> }.into_any(),
        Inline::Strike(c) => view! { <s>{inlines(c)}</s> }.into_any(),
        Inline::Code(t) => view! { <code>{t}</code> }.into_any(),
        Inline::LineBreak => view! { <br/> }.into_any(),
        Inline::Link {
            href,
            title,
            content,
        } => {
            // The core already refused unsafe schemes; external links open normally
            // but never hand the opener to the other site.
            let external = href.starts_with("http://") || href.starts_with("https://");
            let title = (!title.is_empty()).then_some(title);
            view! {
                <a href=href title=title rel=external.then_some("noopener noreferrer")>{inlines(content)}</a>
            }
            .into_any()
        }
        Inline::Image { src, alt, title: _ } => {
            let data = use_data();
            match data.resolve(&src) {
                Some(url) => view! { <img src=url alt=alt loading="lazy" decoding="async" class="inline-image"/> }.into_any(),
                None => alt.into_any(),
            }
        }
    }
}
