//! Whether a part of a README holds anything a reader sees: text, a heading, a list, a code
//! block, an image, a rule, an HTML element. Blank lines, HTML comments and link reference
//! definitions are nothing. The starts of what is shown are collected in the README's one
//! pass ([`super::scan`]); a section is then looked up, not parsed again.

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

/// Whether anything shown starts inside `range` of `text`.
#[cfg(test)]
pub(crate) fn has_content(text: &str, range: Range<usize>) -> bool {
    super::scan(text).shown.within(std::slice::from_ref(&range)) == [true]
}

/// Where something shown starts, from one pass over a README's body, fed event by event.
#[derive(Debug, Default)]
pub(crate) struct Shown {
    /// The start of each shown event, sorted, in the text's coordinates once finished.
    starts: Vec<usize>,
    /// An HTML comment left open by one line of an HTML block, closed by a later one.
    in_comment: bool,
}

impl Shown {
    pub(super) fn event(&mut self, event: &Event<'_>, range: &Range<usize>) {
        let visible = match event {
            Event::Start(Tag::HtmlBlock) | Event::End(_) | Event::SoftBreak | Event::HardBreak => {
                false
            }
            Event::Text(text) => !text.trim().is_empty(),
            Event::Html(html) | Event::InlineHtml(html) => html_shows(html, &mut self.in_comment),
            _ => true,
        };
        if visible && self.starts.last() != Some(&range.start) {
            self.starts.push(range.start);
        }
    }

    /// The starts shifted by `offset` (a skipped BOM) into the text, sorted for lookups.
    pub(super) fn finish(mut self, offset: usize) -> Self {
        for start in &mut self.starts {
            *start += offset;
        }
        self.starts.sort_unstable();
        self.starts.dedup();
        self
    }

    /// For each of `ranges`, whether anything shown starts inside it.
    pub(crate) fn within(&self, ranges: &[Range<usize>]) -> Vec<bool> {
        (ranges.iter())
            .map(|range| {
                let first = self.starts.partition_point(|&start| start < range.start);
                self.starts
                    .get(first)
                    .is_some_and(|&start| start < range.end)
            })
            .collect()
    }
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
