//! A news article, and an article body stored in a file of its own.

use crate::fields;
use crate::model::{Article, ArticleBody};
use crate::urls::is_safe_image_src;
use crate::validate::decode::{is_valid_date, Decoder};
use crate::validate::problem::{at, clip, Path, Problem, Severity};
use serde_json::Value;

/// Reads a separately stored article body (Markdown text). Bodies are plain text,
/// so the only check is that one is there.
pub fn check_body(path: &str, markdown: &str) -> Result<(), Problem> {
    if markdown.trim().is_empty() {
        return Err(Problem::new(
            Severity::Error,
            path,
            "the article body file is empty",
        ));
    }
    Ok(())
}

impl Decoder {
    /// An article; every problem in it names the article by slug and title.
    pub(in crate::validate) fn article(&mut self, v: &Value, p: &Path<'_>) -> Option<Article> {
        let mark = self.mark();
        let article = self.article_fields(v, p);
        self.name_raw_record(mark, p, v, "slug", "title");
        article
    }

    fn article_fields(&mut self, v: &Value, p: &Path<'_>) -> Option<Article> {
        let m = self.object(v, p)?;
        self.unknown_fields(m, p, fields::ARTICLE);
        let slug = self.id(m, p, "slug");
        let date = self.string(m, p, "date", true).unwrap_or_default();
        if !date.is_empty() && !is_valid_date(&date) {
            self.error(
                at(p, "date"),
                format!("\"{}\" is not a date of the form YYYY-MM-DD", clip(&date)),
            );
        }
        let body = match (
            m.get("body").filter(|v| !v.is_null()),
            m.get("body_src").filter(|v| !v.is_null()),
        ) {
            (Some(_), Some(_)) => {
                self.error(
                    at(p, "body_src"),
                    "give either \"body\" or \"body_src\", not both",
                );
                ArticleBody::default()
            }
            (Some(b), None) => ArticleBody::Inline {
                body: self.text_value(b, &at(p, "body"), true),
            },
            (None, Some(_)) => {
                let src = self.string(m, p, "body_src", true).unwrap_or_default();
                if !src.is_empty() && !is_safe_image_src(&src) {
                    self.error(
                        at(p, "body_src"),
                        format!("\"{}\" must be an http(s) or relative URL", clip(&src)),
                    );
                }
                ArticleBody::External { body_src: src }
            }
            (None, None) => {
                self.error(
                    at(p, "body"),
                    "this field is required (Markdown text), or give \"body_src\"",
                );
                ArticleBody::default()
            }
        };
        Some(Article {
            slug,
            title: self.text(m, p, "title", true),
            date,
            category: self.string(m, p, "category", true).unwrap_or_default(),
            tags: self.strings(m, p, "tags", false),
            summary: self.text(m, p, "summary", false),
            cover: self.image(m, p, "cover"),
            author: self.opt_text(m, p, "author"),
            source_url: self.web_url(m, p, "source_url"),
            departments: self
                .strings(m, p, "departments", false)
                .into_iter()
                .map(|d| self.department_id(d))
                .collect(),
            doctors: self.strings(m, p, "doctors", false),
            body,
        })
    }
}
