//! A file's text with a line index: byte offset -> 1-based line and column, for every output.
//!
//! The index is sparse and built on first use: a checkpoint every `CHECKPOINT` bytes holds the
//! line breaks and code points before it and where the line around it starts, so that a file
//! nobody asks about costs nothing and an 8 MiB file costs 2,048 checkpoints (48 KiB), whatever
//! its lines. A query scans at most one checkpoint's stretch of text (and `line_span` the line).

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A byte range in a file's text, end exclusive.
pub type Span = Range<usize>;

/// A position as people count it: 1-based line, 1-based column in Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The text of one file, the path it is shown under, and its line index (built when needed).
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    text: String,
    index: OnceLock<Index>,
}

/// Bytes between two checkpoints.
const CHECKPOINT: usize = 4096;

/// What is known at byte `i * CHECKPOINT` of the text, for checkpoint `i`.
#[derive(Debug, Clone, Copy, Default)]
struct Checkpoint {
    /// Line breaks (`\n`) before it.
    lines: usize,
    /// Code points before it (UTF-8 bytes that do not continue a character).
    chars: usize,
    /// Where the line holding it starts.
    line_start: usize,
}

/// One checkpoint at the start of every `CHECKPOINT` bytes of the text (none for an empty text).
#[derive(Debug)]
struct Index {
    checkpoints: Vec<Checkpoint>,
}

impl Index {
    fn new(bytes: &[u8]) -> Self {
        let mut checkpoints = Vec::with_capacity(bytes.len().div_ceil(CHECKPOINT));
        let mut here = Checkpoint::default();
        for (number, chunk) in bytes.chunks(CHECKPOINT).enumerate() {
            checkpoints.push(here);
            here.lines += newlines(chunk);
            here.chars += code_points(chunk);
            if let Some(last) = chunk.iter().rposition(|&b| b == b'\n') {
                here.line_start = number * CHECKPOINT + last + 1;
            }
        }
        Self { checkpoints }
    }

    /// The last checkpoint at or before `offset` (at most the text's length) and its offset.
    fn before(&self, offset: usize) -> (usize, Checkpoint) {
        let number = (offset / CHECKPOINT).min(self.checkpoints.len().saturating_sub(1));
        let checkpoint = self.checkpoints.get(number).copied().unwrap_or_default();
        (number * CHECKPOINT, checkpoint)
    }
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Code points that start in `bytes`: every byte that is not a UTF-8 continuation byte.
fn code_points(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        Self {
            path,
            text,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(self.text.as_bytes()))
    }

    /// Everything from a checkpoint at or before `offset` (clamped to the text) up to `offset`.
    fn stretch(&self, offset: usize) -> (usize, Checkpoint, &[u8]) {
        let offset = offset.min(self.text.len());
        let (at, checkpoint) = self.index().before(offset);
        let bytes = self.text.as_bytes().get(at..offset).unwrap_or_default();
        (at, checkpoint, bytes)
    }

    /// How many code points precede byte `offset` (a char boundary).
    pub fn chars_before(&self, offset: usize) -> usize {
        let (_, checkpoint, bytes) = self.stretch(offset);
        checkpoint.chars + code_points(bytes)
    }

    /// The 0-based index of the line holding `offset`, and the offset where that line starts.
    pub fn line_start(&self, offset: usize) -> (usize, usize) {
        let (at, checkpoint, bytes) = self.stretch(offset);
        let index = checkpoint.lines + newlines(bytes);
        let start = bytes
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(checkpoint.line_start, |last| at + last + 1);
        (index, start)
    }

    /// The path as shown to the user (relative to where ddlint was pointed).
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the line with 0-based `index` starts, if the text has that many lines.
    fn start_of_line(&self, index: usize) -> Option<usize> {
        if index == 0 {
            return Some(0);
        }
        let checkpoints = &self.index().checkpoints;
        // The last checkpoint with fewer than `index` line breaks before it: the break that ends
        // line `index - 1` comes after it, and before the next checkpoint.
        let number = checkpoints
            .partition_point(|c| c.lines < index)
            .checked_sub(1)?;
        let checkpoint = checkpoints.get(number)?;
        let at = number * CHECKPOINT;
        let rest = self.text.as_bytes().get(at..)?;
        let wanted = index - checkpoint.lines;
        rest.iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .nth(wanted - 1)
            .map(|(position, _)| at + position + 1)
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
        let Some(start) = self.start_of_line(index) else {
            return end_of_text;
        };
        let rest = self.text.get(start..).unwrap_or_default();
        let mut end = rest.find('\n').map_or(self.text.len(), |at| start + at);
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

    #[test]
    fn the_sparse_index_agrees_with_a_full_table_across_checkpoints() {
        // Lines of every length around a checkpoint, some empty, CRLF and non-ASCII among them.
        let mut text = String::new();
        for length in [0, 1, 4094, 4095, 4096, 4097, 0, 0, 9000, 3, 8191, 1] {
            text.push_str(&"\u{e9}a\u{20ac}".repeat(length / 6));
            text.push_str(&"b".repeat(length % 6));
            text.push_str(if length % 2 == 0 { "\r\n" } else { "\n" });
        }
        text.push_str("tail");
        let f = file(&text);
        // The answers of a full table of line starts, counted character by character, compared
        // around every checkpoint and line break and at a sample of the offsets between.
        let (mut line, mut start, mut chars) = (0, 0, 0);
        for (offset, c) in text.char_indices().chain([(text.len(), ' ')]) {
            let near = |at: usize| offset.abs_diff(at) < 8;
            let checkpoint = (offset + 8) % CHECKPOINT < 16;
            if checkpoint || near(start) || c == '\n' || offset % 61 == 0 {
                assert_eq!(f.line_start(offset), (line, start), "at {offset}");
                assert_eq!(f.chars_before(offset), chars, "at {offset}");
            }
            chars += 1;
            if c == '\n' {
                line += 1;
                start = offset + 1;
            }
        }
        let lines: Vec<&str> = text.split('\n').collect();
        for (index, expected) in lines.iter().enumerate() {
            let expected = expected.strip_suffix('\r').unwrap_or(expected);
            assert_eq!(
                &text[f.line_span(index + 1)],
                expected,
                "line {}",
                index + 1
            );
        }
        assert_eq!(f.line_span(lines.len() + 1), text.len()..text.len());
    }

    #[test]
    fn the_index_is_built_on_first_use_and_stays_small() {
        let text = "\n".repeat(8 * 1024 * 1024);
        let f = file(&text);
        assert!(f.index.get().is_none(), "built before any question");
        assert_eq!(f.path(), Path::new("f"));
        assert_eq!(f.text().len(), text.len());
        assert!(f.index.get().is_none(), "built for the path or the text");
        assert_eq!(f.line_col(text.len()).line, text.len() + 1);
        assert_eq!(f.line_span(5_000_000), 4_999_999..4_999_999);
        let checkpoints = f.index.get().unwrap().checkpoints.len();
        assert_eq!(checkpoints, text.len() / CHECKPOINT);
    }
}
