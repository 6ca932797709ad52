//! Edits of a README that keep its own style: a section inserted before a heading, moved, or
//! given another heading level; a heading renamed; a sentence replaced. Offsets come from the
//! outline and the rendered text's source map.

use crate::fix::Edit;
use crate::fix::json::line_ending;
use crate::readme::{Heading, Outline};

/// Inserts `section` (Markdown with `\n` line endings, ending in one `\n`) at `at`, the start of
/// a heading's line or the end of the text, with one blank line before and after it.
pub(crate) fn insert_section(text: &str, at: usize, section: &str) -> Edit {
    let head = text.get(..at).unwrap_or(text);
    let before = if head.is_empty() || head.ends_with("\n\n") || head.ends_with("\n\r\n") {
        ""
    } else if head.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let after = if at < text.len() { "\n" } else { "" };
    let block = format!("{before}{section}{after}");
    let newline = line_ending(text);
    Edit::insert(at, block.replace('\n', newline))
}

/// The headings of the section of `outline.headings[index]`: that heading and its
/// subsections.
fn section_headings(outline: &Outline, index: usize) -> Option<&[Heading]> {
    let heading = outline.headings.get(index)?;
    let inside = outline
        .headings
        .get(index..)?
        .iter()
        .take_while(|h| h.span.start < heading.section.end)
        .count();
    outline.headings.get(index..index + inside)
}

/// How many `#` each heading of the section gets or loses to make its heading level `level`;
/// `None` when a heading is not written with `#` or would leave levels 1 to 6.
fn shift(headings: &[Heading], level: u8) -> Option<i16> {
    let first = headings.first()?;
    let by = i16::from(level) - i16::from(first.level);
    let fits = headings
        .iter()
        .all(|h| (1..=6).contains(&(i16::from(h.level) + by)));
    fits.then_some(by)
}

/// One heading's `#` run made `by` longer (or shorter), at `at`, the heading's first `#`.
fn relevel_edit(at: usize, by: i16) -> Edit {
    let count = usize::from(by.unsigned_abs());
    if by < 0 {
        Edit::delete(at..at + count)
    } else {
        Edit::insert(at, "#".repeat(count))
    }
}

/// Edits that make the section of `outline.headings[index]` a section of level `level`, its
/// subsections shifted by as much; `None` when a heading is not an ATX heading (`### X`) or
/// a level would leave 1 to 6, or when nothing would change.
pub(crate) fn relevel_section(
    text: &str,
    outline: &Outline,
    index: usize,
    level: u8,
) -> Option<Vec<Edit>> {
    let headings = section_headings(outline, index)?;
    let by = shift(headings, level).filter(|&by| by != 0)?;
    let atx = headings
        .iter()
        .all(|h| text.get(h.span.start..).is_some_and(|s| s.starts_with('#')));
    atx.then(|| {
        headings
            .iter()
            .map(|h| relevel_edit(h.span.start, by))
            .collect()
    })
}

/// Edits that move the section of `outline.headings[index]` (heading, text, subsections) to the
/// end of the section of `outline.headings[after]`, as a section of level 2; `None` when the
/// section holds that place or a heading cannot be re-levelled.
pub(crate) fn move_section(
    text: &str,
    outline: &Outline,
    index: usize,
    after: usize,
) -> Option<Vec<Edit>> {
    let headings = section_headings(outline, index)?;
    let (first, target) = (headings.first()?, outline.headings.get(after)?);
    let by = shift(headings, 2)?;
    let cut = line_start(text, first.span.start)..first.section.end;
    let at = target.section.end;
    if cut.start < at && at < cut.end || cut.contains(&target.span.start) {
        return None;
    }
    let mut moved = text.get(cut.clone())?.to_owned();
    for heading in headings.iter().rev() {
        let start = heading.span.start - cut.start;
        if !moved.get(start..).is_some_and(|s| s.starts_with('#')) {
            return None;
        }
        let edit = relevel_edit(start, by);
        moved.replace_range(edit.span, &edit.replacement);
    }
    let moved = format!("{}\n", moved.replace("\r\n", "\n").trim_end());
    let cut = if cut.end == text.len() {
        trailing_cut(text, cut)
    } else {
        cut
    };
    Some(vec![Edit::delete(cut), insert_section(text, at, &moved)])
}

/// A cut that reaches the end of the file, widened back over the blank lines before it, so
/// that the file still ends with its last line and one line break.
fn trailing_cut(text: &str, cut: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let kept = text.get(..cut.start).unwrap_or_default().trim_end();
    let newline = line_ending(text).len();
    let start = (kept.len() + newline).min(cut.start);
    start..cut.end
}

/// The start of the line that holds `at`.
fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|head| head.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// Replaces the text of the heading `heading` (not its `#` run or underline) with `title`.
pub(crate) fn rename_heading(text: &str, heading: &Heading, title: &str) -> Option<Edit> {
    let source = text.get(heading.span.clone())?;
    let content = if source.starts_with('#') {
        let hashes = source.len() - source.trim_start_matches('#').len();
        let rest = source.get(hashes..)?;
        let blank = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        heading.span.start + hashes + blank..heading.span.end
    } else {
        // Setext: the text lines, without the underline.
        let underline = source
            .trim_end_matches(['=', '-', ' ', '\t'])
            .trim_end()
            .len();
        heading.span.start..heading.span.start + underline
    };
    Some(Edit::replace(content, title))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::fix::apply::apply_edits;

    #[test]
    fn a_section_goes_before_the_next_heading_with_blank_lines() {
        let text = "## Setup\n\nDo it.\n\n## Support\n";
        let at = text.find("## Support").unwrap();
        let out = apply_edits(text, &[insert_section(text, at, "## U\n\nx\n")]).unwrap();
        assert_eq!(out, "## Setup\n\nDo it.\n\n## U\n\nx\n\n## Support\n");
    }

    fn outline(text: &str) -> Outline {
        crate::readme::outline(text)
    }

    fn index(outline: &Outline, text: &str) -> usize {
        outline
            .headings
            .iter()
            .position(|h| h.text == text)
            .unwrap()
    }

    #[test]
    fn a_last_subsection_is_promoted_with_its_own_subsections() {
        let text = "## Setup\n### Install\nx\n### Uninstallation\ny\n#### In Datadog\nz\n## Data\n";
        let o = outline(text);
        let edits = relevel_section(text, &o, index(&o, "Uninstallation"), 2).unwrap();
        let out = apply_edits(text, &edits).unwrap();
        assert_eq!(
            out,
            "## Setup\n### Install\nx\n## Uninstallation\ny\n### In Datadog\nz\n## Data\n"
        );
        assert_eq!(relevel_section(text, &o, index(&o, "Data"), 2), None);
    }

    #[test]
    fn a_section_moves_to_after_setup_as_an_h2() {
        let text = "## Setup\r\nx\r\n\r\n## Data\r\n### Uninstallation\r\ny\r\n#### Sub\r\nz\r\n\r\n### Metrics\r\nm\r\n";
        let o = outline(text);
        let edits =
            move_section(text, &o, index(&o, "Uninstallation"), index(&o, "Setup")).unwrap();
        let out = apply_edits(text, &edits).unwrap();
        assert_eq!(
            out,
            "## Setup\r\nx\r\n\r\n## Uninstallation\r\ny\r\n### Sub\r\nz\r\n\r\n## Data\r\n### Metrics\r\nm\r\n"
        );
    }

    #[test]
    fn the_last_section_of_a_file_moves_and_the_file_still_ends_once() {
        let text = "## Setup\nx\n\n## Support\ns\n\n## Uninstallation\ny";
        let o = outline(text);
        let edits =
            move_section(text, &o, index(&o, "Uninstallation"), index(&o, "Setup")).unwrap();
        let out = apply_edits(text, &edits).unwrap();
        assert_eq!(
            out,
            "## Setup\nx\n\n## Uninstallation\ny\n\n## Support\ns\n"
        );
    }

    #[test]
    fn headings_are_renamed_keeping_their_level() {
        for (text, renamed) in [
            (
                "### Uninstall the integration ###\n",
                "### Uninstallation ###\n",
            ),
            ("Uninstall it\n---\n", "Uninstallation\n---\n"),
        ] {
            let o = outline(text);
            let edit = rename_heading(text, &o.headings[0], "Uninstallation").unwrap();
            assert_eq!(apply_edits(text, &[edit]).unwrap(), renamed);
        }
    }

    #[test]
    fn at_the_end_of_a_file_without_a_final_newline_and_with_crlf() {
        let text = "## Setup\r\n\r\nDo it.";
        let out = apply_edits(text, &[insert_section(text, text.len(), "## U\n\nx\n")]).unwrap();
        assert_eq!(out, "## Setup\r\n\r\nDo it.\r\n\r\n## U\r\n\r\nx\r\n");
    }
}
