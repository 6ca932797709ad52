//! Edits of a README that keep its own style: a section inserted before a heading, a sentence
//! replaced. Offsets come from the outline and the rendered text's source map.

use crate::fix::Edit;
use crate::fix::json::line_ending;

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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::fix::apply::apply_edits;

    #[test]
    fn a_section_goes_before_the_next_heading_with_blank_lines() {
        let text = "## Setup\n\nDo it.\n\n## Support\n";
        let at = text.find("## Support").unwrap();
        let out = apply_edits(text, &[insert_section(text, at, "## U\n\nx\n")]).unwrap();
        assert_eq!(out, "## Setup\n\nDo it.\n\n## U\n\nx\n\n## Support\n");
    }

    #[test]
    fn at_the_end_of_a_file_without_a_final_newline_and_with_crlf() {
        let text = "## Setup\r\n\r\nDo it.";
        let out = apply_edits(text, &[insert_section(text, text.len(), "## U\n\nx\n")]).unwrap();
        assert_eq!(out, "## Setup\r\n\r\nDo it.\r\n\r\n## U\r\n\r\nx\r\n");
    }
}
