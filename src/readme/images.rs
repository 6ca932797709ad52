//! The images of a README, as Datadog's `ddev validate readmes` finds them in the HTML it renders:
//! Markdown images (inline and reference-style) and HTML `<img>` tags, each with its spans.
//! Images inside code are no images; an `<img>` inside an HTML comment is none either. At
//! most [`MAX_IMAGES`] are kept: real READMEs show fewer than 50, and a hostile one of a million
//! `![](x)` must not cost a row and a finding each.

use pulldown_cmark::{Event, LinkType, Tag};

use super::Span;

/// The images of one README that are looked at.
pub(crate) const MAX_IMAGES: usize = 1000;

/// One image of a README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Image {
    /// The URL as the page uses it (a reference image's comes from its definition).
    pub(crate) src: String,
    /// The image in the text: `![alt](url)`, `![alt][1]` or the whole `<img ...>` tag.
    pub(crate) span: Span,
    /// Where its URL is written: the destination of an inline image, the definition
    /// `[1]: url` of a reference image, the `src` value of a tag.
    pub(crate) url_span: Span,
}

/// Every image of `text`, in document order.
#[cfg(test)]
pub(crate) fn images(text: &str) -> Vec<Image> {
    super::scan(text).images
}

/// The images of one pass over a README's body, fed event by event.
pub(super) struct Images<'b> {
    body: &'b str,
    /// The reference definitions `[1]: url`, for the URL spans of reference images.
    definitions: Vec<(String, Span)>,
    found: Vec<Image>,
    /// The run of HTML events being collected, looked into for `<img>` when it ends.
    html: Option<Span>,
}

impl<'b> Images<'b> {
    pub(super) fn new(body: &'b str, definitions: &pulldown_cmark::RefDefs<'_>) -> Self {
        let definitions = (definitions.iter())
            .map(|(label, def)| (label.to_owned(), def.span.clone()))
            .collect();
        Self {
            body,
            definitions,
            found: Vec::new(),
            html: None,
        }
    }

    pub(super) fn event(&mut self, event: &Event<'_>, range: &Span) {
        if self.found.len() >= MAX_IMAGES {
            return;
        }
        let is_html = matches!(event, Event::Html(_) | Event::InlineHtml(_));
        if !is_html && let Some(block) = self.html.take() {
            html_images(self.body, block, &mut self.found);
        }
        match event {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                let (body, definitions) = (self.body, &self.definitions);
                let url_span = url_span(body, range, *link_type, id, dest_url, definitions);
                self.found.push(Image {
                    src: dest_url.to_string(),
                    span: range.clone(),
                    url_span,
                });
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                self.html = Some(match self.html.take() {
                    Some(block) => block.start..range.end.max(block.end),
                    None => range.clone(),
                });
            }
            _ => {}
        }
    }

    /// The images in document order, at most [`MAX_IMAGES`], shifted by `offset` (a skipped
    /// BOM) into the text.
    pub(super) fn finish(mut self, offset: usize) -> Vec<Image> {
        if let Some(block) = self.html.take()
            && self.found.len() < MAX_IMAGES
        {
            html_images(self.body, block, &mut self.found);
        }
        let mut found = self.found;
        found.sort_by_key(|image| image.span.start);
        found.truncate(MAX_IMAGES);
        for image in &mut found {
            image.span = image.span.start + offset..image.span.end + offset;
            image.url_span = image.url_span.start + offset..image.url_span.end + offset;
        }
        found
    }
}

/// Where a Markdown image's URL is written.
fn url_span(
    body: &str,
    image: &Span,
    link_type: LinkType,
    id: &str,
    dest: &str,
    definitions: &[(String, Span)],
) -> Span {
    let inline = || {
        let source = body.get(image.clone())?;
        let at = source.rfind(dest).filter(|_| !dest.is_empty())?;
        Some(image.start + at..image.start + at + dest.len())
    };
    let defined = || {
        let (_, span) = definitions
            .iter()
            .find(|(label, _)| unicase_eq(label, id))?;
        let source = body.get(span.clone())?;
        let at = source.rfind(dest).filter(|_| !dest.is_empty())?;
        Some(span.start + at..span.start + at + dest.len())
    };
    let found = match link_type {
        LinkType::Inline => inline(),
        _ => defined(),
    };
    found.unwrap_or_else(|| image.clone())
}

/// Reference labels match without regard to case or runs of whitespace.
fn unicase_eq(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    fold(a) == fold(b)
}

/// The `<img>` tags of a run of HTML, outside its comments.
fn html_images(body: &str, block: Span, found: &mut Vec<Image>) {
    let Some(html) = body.get(block.clone()) else {
        return;
    };
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(rest) = lower.get(at..) {
        let comment = rest.find("<!--");
        let Some(tag) = rest.find("<img") else {
            return;
        };
        if let Some(comment) = comment.filter(|&comment| comment < tag) {
            let start = at + comment + 4;
            match lower.get(start..).and_then(|s| s.find("-->")) {
                Some(end) => at = start + end + 3,
                None => return,
            }
            continue;
        }
        let start = at + tag;
        let after = lower.as_bytes().get(start + 4).copied().unwrap_or(b'>');
        let end = lower
            .get(start..)
            .and_then(|s| s.find('>'))
            .map_or(lower.len(), |end| start + end + 1);
        if after.is_ascii_whitespace() || matches!(after, b'/' | b'>') {
            let tag_span = block.start + start..block.start + end;
            if let Some((src, src_span)) = src_attribute(html, start..end) {
                found.push(Image {
                    src,
                    span: tag_span,
                    url_span: block.start + src_span.start..block.start + src_span.end,
                });
            }
        }
        at = end.max(start + 1);
    }
}

/// The value of the `src` attribute of the tag at `tag` in `html`, and its span there.
fn src_attribute(html: &str, tag: Span) -> Option<(String, Span)> {
    let bytes = html.as_bytes();
    let mut i = tag.start + 4;
    while i < tag.end {
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            i += 1;
        }
        let name_start = i;
        while bytes
            .get(i)
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
        {
            i += 1;
        }
        let name = html.get(name_start..i)?;
        if name.is_empty() {
            return None;
        }
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let value = if bytes.get(i) == Some(&b'=') {
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let value = attribute_value(bytes, i, tag.end);
            i = value.end + usize::from(matches!(bytes.get(value.end), Some(b'"' | b'\'')));
            Some(value)
        } else {
            None
        };
        if name.eq_ignore_ascii_case("src") {
            let value = value?;
            return Some((html.get(value.clone())?.trim().to_owned(), value));
        }
    }
    None
}

/// The span of an attribute value starting at `i`: quoted, or up to a blank or `>`.
fn attribute_value(bytes: &[u8], i: usize, end: usize) -> Span {
    match bytes.get(i) {
        Some(&quote @ (b'"' | b'\'')) => {
            let close = (i + 1..end)
                .find(|&j| bytes.get(j) == Some(&quote))
                .unwrap_or(end);
            i + 1..close
        }
        _ => {
            let close = (i..end)
                .find(|&j| {
                    bytes
                        .get(j)
                        .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>')
                })
                .unwrap_or(end);
            i..close
        }
    }
}

/// The name of the file an image URL names, as Datadog looks it up in `images/`: the last
/// segment of the path, without a query or fragment, percent-decoded.
pub(crate) fn file_name(src: &str) -> Option<String> {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    let last = path.rsplit('/').next().unwrap_or_default();
    let name = percent_decode(last)?;
    (!name.is_empty() && name != "." && name != "..").then_some(name)
}

/// `%XX` sequences decoded; `None` when the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (byte, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn found(text: &str) -> Vec<(String, &str, &str)> {
        images(text)
            .into_iter()
            .map(|i| (i.src, &text[i.span], &text[i.url_span]))
            .collect()
    }

    #[test]
    fn inline_reference_and_html_images_with_their_url_spans() {
        let text = "## A\n![logo](images/a.png \"t\")\n\n![Shot][1] and ![again][1]\n\n\
            <p><IMG width=3 SRC='images/b.png'/></p>\n\n<img src=images/c.png>\n\n\
            [1]: https://raw.githubusercontent.com/x/images/d.png\n";
        assert_eq!(
            found(text),
            [
                (
                    "images/a.png".into(),
                    "![logo](images/a.png \"t\")",
                    "images/a.png"
                ),
                (
                    "https://raw.githubusercontent.com/x/images/d.png".into(),
                    "![Shot][1]",
                    "https://raw.githubusercontent.com/x/images/d.png"
                ),
                (
                    "https://raw.githubusercontent.com/x/images/d.png".into(),
                    "![again][1]",
                    "https://raw.githubusercontent.com/x/images/d.png"
                ),
                (
                    "images/b.png".into(),
                    "<IMG width=3 SRC='images/b.png'/>",
                    "images/b.png"
                ),
                (
                    "images/c.png".into(),
                    "<img src=images/c.png>",
                    "images/c.png"
                ),
            ]
        );
    }

    #[test]
    fn code_comments_and_other_tags_hold_no_image() {
        let text = "`![a](a.png)`\n\n    ![b](b.png)\n\n```\n![c](c.png)\n<img src=\"d.png\">\n```\n\n\
            <!--\n<img src=\"e.png\">\n-->\n\n<imgx src=\"f.png\"> <img alt=\"no source\">\n";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }

    #[test]
    fn a_bom_shifts_every_span() {
        let text = "\u{feff}![a](images/a.png)";
        let image = &images(text)[0];
        assert_eq!(&text[image.url_span.clone()], "images/a.png");
    }

    #[test]
    fn file_names_drop_queries_and_decode_escapes() {
        assert_eq!(
            file_name("https://h/x/images/a%20b.png?raw=true").unwrap(),
            "a b.png"
        );
        assert_eq!(file_name("images/c.png#x").unwrap(), "c.png");
        assert_eq!(file_name("images/"), None);
        assert_eq!(file_name("images/%FF"), None);
    }

    #[test]
    fn odd_html_does_not_panic() {
        for text in [
            "<img",
            "<img src",
            "<img src=",
            "<img src='x",
            "<!-- <img",
            "<img\n src=\"é\">",
        ] {
            let _ = images(text);
        }
    }
}
