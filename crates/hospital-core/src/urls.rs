//! Which URLs from the dataset may become links or image sources.
//! Content is data: a `javascript:` or `data:` URL never becomes a link.

fn scheme(url: &str) -> Option<String> {
    let url = url.trim_start();
    let colon = url.find(':')?;
    let head = &url[..colon];
    // A '/', '?' or '#' before the colon means the colon is not a scheme separator.
    if head.is_empty() || head.contains(['/', '?', '#']) {
        return None;
    }
    // Browsers ignore tabs and newlines inside a scheme ("java\tscript:"), so do we.
    Some(
        head.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase(),
    )
}

fn has_no_controls(url: &str) -> bool {
    !url.chars().any(|c| c.is_control())
}

/// An absolute http(s) URL with a host.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    has_no_controls(url)
        && ((lower.starts_with("https://") && lower.len() > 8)
            || (lower.starts_with("http://") && lower.len() > 7))
}

/// http(s) or a relative URL (no scheme at all).
pub fn is_safe_image_src(url: &str) -> bool {
    if url.trim().is_empty() || !has_no_controls(url) {
        return false;
    }
    match scheme(url) {
        None => !url.trim_start().starts_with("\\"),
        Some(s) => (s == "http" || s == "https") && is_web_url(url),
    }
}

/// A link target in an article body: http(s), mailto:, tel:, relative paths and fragments.
pub fn is_safe_link(url: &str) -> bool {
    if !has_no_controls(url) {
        return false;
    }
    match scheme(url) {
        None => !url.trim_start().starts_with("\\"),
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto" | "tel"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_script_urls_in_every_disguise() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "\u{0}javascript:alert(1)",
        ] {
            assert!(!is_safe_link(bad), "{bad:?} passed as a link");
            assert!(!is_safe_image_src(bad), "{bad:?} passed as an image");
        }
    }

    #[test]
    fn accepts_ordinary_links() {
        for good in [
            "https://example.org/a",
            "/news/x",
            "x/y.png",
            "#top",
            "mailto:a@b.org",
            "tel:+86-21-1234",
        ] {
            assert!(is_safe_link(good), "{good:?} refused");
        }
        assert!(is_safe_image_src("img/a.png"));
        assert!(!is_safe_image_src("mailto:a@b.org"));
        assert!(is_web_url("https://example.org"));
        assert!(!is_web_url("ftp://example.org"));
        assert!(!is_web_url("https://"));
    }
}
