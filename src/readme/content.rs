//! Whether a part of a README holds anything a reader sees: text, a heading, a list, a code
//! block, an image, a rule, an HTML element. Blank lines, HTML comments and link reference
//! definitions are nothing.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

const BOM: &str = "\u{feff}";

/// Whether anything shown starts inside `range` of `text`.
#[cfg(test)]
pub(crate) fn has_content(text: &str, range: Range<usize>) -> bool {
    with_content(text, std::slice::from_ref(&range)) == [true]
}

/// For each of `ranges` (sorted, disjoint), whether anything shown starts inside it: one
/// parse of `text` for all of them.
pub(crate) fn with_content(text: &str, ranges: &[Range<usize>]) -> Vec<bool> {
    let mut shown = vec![false; ranges.len()];
    let offset = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let body = text.get(offset..).unwrap_or_default();
    let end = ranges.iter().map(|r| r.end).max().unwrap_or(0);
    let mut in_comment = false;
    for (event, at) in Parser::new_ext(body, super::options()).into_offset_iter() {
        let start = at.start + offset;
        if start >= end {
            break;
        }
        let visible = match event {
            Event::Start(Tag::HtmlBlock) | Event::End(_) | Event::SoftBreak | Event::HardBreak => {
                false
            }
            Event::Text(text) => !text.trim().is_empty(),
            Event::Html(html) | Event::InlineHtml(html) => html_shows(&html, &mut in_comment),
            _ => true,
        };
        if visible
            && let Some(i) = ranges.iter().position(|r| r.contains(&start))
            && let Some(slot) = shown.get_mut(i)
        {
            *slot = true;
        }
    }
    shown
}

/// Whether a piece of HTML holds anything outside comments (`in_comment` carries a comment
/// over from one line of an HTML block to the next).
fn html_shows(html: &str, in_comment: &mut bool) -> bool {
    let mut rest = html;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = rest.get(end + 3..).unwrap_or_default();
                    *in_comment = false;
                }
                None => return false,
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    if !rest.get(..start).unwrap_or_default().trim().is_empty() {
                        return true;
                    }
                    rest = rest.get(start + 4..).unwrap_or_default();
                    *in_comment = true;
                }
                None => return !rest.trim().is_empty(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after_heading(text: &str) -> bool {
        let start = text.find('\n').map_or(text.len(), |i| i + 1);
        let end = text.find("\n## Next").map_or(text.len(), |i| i + 1);
        has_content(text, start..end)
    }

    #[test]
    fn blanks_comments_and_definitions_are_nothing() {
        for text in [
            "## A\n## Next\n",
            "## A\n\n\n## Next\n",
            "## A\n<!-- a comment -->\n## Next\n",
            "## A\n<!--\nmany\nlines\n-->\n\n## Next\n",
            "## A\n\n[1]: https://example.com\n\n## Next\n",
            "## A\n",
        ] {
            assert!(!after_heading(text), "{text:?}");
        }
    }

    #[test]
    fn text_subsections_code_images_and_elements_are_something() {
        for text in [
            "## A\nSome text.\n## Next\n",
            "## A\n### Sub\n## Next\n",
            "## A\n```\ncode\n```\n## Next\n",
            "## A\n![x](images/x.png)\n## Next\n",
            "## A\n---\n## Next\n",
            "## A\n<!-- c --> <br>\n## Next\n",
            "## A\n- item\n## Next\n",
            "## A\n{{< partial name=\"x\" >}}\n## Next\n",
        ] {
            assert!(after_heading(text), "{text:?}");
        }
    }
}
