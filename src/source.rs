//! A file's text with a line index: byte offset -> 1-based line and column, for every output.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A byte range in a file's text, end exclusive.
pub type Span = Range<usize>;

/// A position as people count it: 1-based line, 1-based column in Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The text of one file, the path it is shown under, and where each line starts.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    text: String,
    line_starts: Vec<usize>,
    /// Code points before every `CHECKPOINT`-th byte (rounded down to a char boundary), so that
    /// counting columns costs a few kilobytes of scanning at most, even on one huge line.
    /// Empty when the text is ASCII, where code points are bytes.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two code-point checkpoints.
const CHECKPOINT: usize = 4096;

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            checkpoints(&text)
        };
        Self {
            path,
            text,
            line_starts,
            checkpoints,
        }
    }

    /// How many code points precede byte `offset` (a char boundary).
    pub fn chars_before(&self, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset.min(self.text.len());
        }
        let index = self
            .checkpoints
            .partition_point(|&(at, _)| at <= offset)
            .saturating_sub(1);
        let (at, count) = self.checkpoints.get(index).copied().unwrap_or((0, 0));
        count + self.text.get(at..offset).map_or(0, |s| s.chars().count())
    }

    /// The 0-based index of the line holding `offset`, and the offset where that line starts.
    pub fn line_start(&self, offset: usize) -> (usize, usize) {
        let index = self.line_index(offset);
        (index, self.line_starts.get(index).copied().unwrap_or(0))
    }

    /// The path as shown to the user (relative to where ddlint was pointed).
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 0-based index of the line holding `offset` (clamped to the text).
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// 1-based line and column (in code points) of a byte offset. A leading BOM is not a column.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let (index, start) = self.line_start(offset);
        let start = if start == 0 && self.text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8().min(offset)
        } else {
            start
        };
        LineCol {
            line: index + 1,
            column: self.chars_before(offset) - self.chars_before(start) + 1,
        }
    }

    /// The span of line `line` (1-based) without its line ending or a leading BOM.
    pub fn line_span(&self, line: usize) -> Span {
        let end_of_text = self.text.len()..self.text.len();
        let Some(index) = line.checked_sub(1) else {
            return end_of_text;
        };
        let Some(&start) = self.line_starts.get(index) else {
            return end_of_text;
        };
        let next = self.line_starts.get(index + 1).copied();
        let mut end = next.map_or(self.text.len(), |next| next.saturating_sub(1));
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        let bom = if start == 0 && self.text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8().min(end)
        } else {
            0
        };
        start + bom..end
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// (byte offset, code points before it) every `CHECKPOINT` bytes, on char boundaries.
fn checkpoints(text: &str) -> Vec<(usize, usize)> {
    let mut points = vec![(0, 0)];
    let mut next = CHECKPOINT;
    for (count, (at, _)) in text.char_indices().enumerate() {
        if at >= next {
            points.push((at, count));
            next = at + CHECKPOINT;
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(PathBuf::from("f"), text.to_owned())
    }

    #[test]
    fn columns_count_code_points_and_lines_start_at_one() {
        let f = file("ab\n\u{e9}t\u{e9} x\n");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        let x = f.text().find('x').unwrap();
        assert_eq!(f.line_col(x), LineCol { line: 2, column: 5 });
        assert_eq!(f.line_col(f.text().len()), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn a_bom_is_not_a_column_and_crlf_ends_lines() {
        let f = file("\u{feff}{\r\n  \"a\": 1\r\n}");
        assert_eq!(f.line_col(3), LineCol { line: 1, column: 1 });
        let a = f.text().find('"').unwrap();
        assert_eq!(f.line_col(a), LineCol { line: 2, column: 3 });
        assert_eq!(&f.text()[f.line_span(1)], "{");
        assert_eq!(&f.text()[f.line_span(2)], "  \"a\": 1");
    }

    #[test]
    fn columns_on_a_long_non_ascii_line_cross_checkpoints() {
        let text = "\u{e9}".repeat(10_000) + "x";
        let f = file(&text);
        let x = text.len() - 1;
        assert_eq!(
            f.line_col(x),
            LineCol {
                line: 1,
                column: 10_001
            }
        );
        assert_eq!(f.chars_before(x), 10_000);
        assert_eq!(f.chars_before(CHECKPOINT + 2), CHECKPOINT / 2 + 1);
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let f = file("\u{e9}\u{e9}");
        assert_eq!(f.line_col(1), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(99), LineCol { line: 1, column: 3 });
        assert_eq!(f.line_span(7), 4..4);
        assert_eq!(f.line_span(0), 4..4);
    }
}
