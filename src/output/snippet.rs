//! The source miette draws for one diagnostic: the lines around its labels in one file, escaped
//! for a terminal (`escape::terminal_snippet`), with the labels moved onto the escaped text so
//! that they stay under the characters they mark.
//!
//! miette asks for spans of its source and scans from the start of what it is given; handing it
//! only these few lines also keeps many findings in one large file linear.

use std::ops::Range;
use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::escape::{self, Snippet};
use crate::source::{SourceFile, Span};

/// Lines kept around each label: more than the one line of context miette shows.
const MARGIN: usize = 2;
/// Label line ranges closer than this many bytes are one block, so that miette joins their
/// snippets as it would over the whole file; farther ones stay apart, so that two labels at
/// the ends of a huge file do not escape (or draw) everything between them.
const JOIN_BYTES: usize = 64 * 1024;

/// The blocks of escaped lines miette reads, laid end to end (one byte apart) in the offsets
/// miette sees.
pub(super) struct ShownSource {
    file: Arc<SourceFile>,
    name: String,
    blocks: Vec<Block>,
}

struct Block {
    /// Where the block starts in the offsets miette sees.
    shown_start: usize,
    /// Where it starts in the file, and that line's 0-based index.
    start: usize,
    first_line: usize,
    snippet: Snippet,
}

impl ShownSource {
    /// The lines around `spans` of `file`, shown under the file's path.
    pub(super) fn new(file: &Arc<SourceFile>, spans: &[Span]) -> Self {
        let mut blocks = Vec::new();
        let mut shown_start = 0;
        for lines in line_ranges(file, spans) {
            let start = line_offset(file, lines.start);
            let end = line_offset(file, lines.end);
            let snippet = escape::terminal_snippet(file.text().get(start..end).unwrap_or_default());
            let length = snippet.text.len();
            blocks.push(Block {
                shown_start,
                start,
                first_line: lines.start,
                snippet,
            });
            shown_start += length + 1;
        }
        Self {
            file: Arc::clone(file),
            name: escape::line(&file.path().display().to_string()).into_owned(),
            blocks,
        }
    }

    /// Where `span` of the file (clamped to its text) is in the offsets miette sees.
    pub(super) fn span(&self, span: &Span) -> SourceSpan {
        let length = self.file.text().len();
        let span = span.start.min(length)..span.end.clamp(span.start.min(length), length);
        let block = self
            .blocks
            .iter()
            .rev()
            .find(|block| block.start <= span.start)
            .or(self.blocks.first());
        let Some(block) = block else {
            return SourceSpan::from(0..0);
        };
        let shown = |offset: usize| {
            block.shown_start + block.snippet.shown(offset.saturating_sub(block.start))
        };
        SourceSpan::from(shown(span.start)..shown(span.end))
    }
}

/// The 0-based line ranges (end exclusive) to show for `spans`, each with its margin, sorted
/// and joined where they touch or lie close.
fn line_ranges(file: &SourceFile, spans: &[Span]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = spans
        .iter()
        .map(|span| {
            let (first, _) = file.line_start(span.start);
            let (last, _) = file.line_start(span.end.max(span.start));
            first.saturating_sub(MARGIN)..last + MARGIN + 1
        })
        .collect();
    ranges.sort_by_key(|range| range.start);
    let mut joined: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match joined.last_mut() {
            Some(last)
                if range.start <= last.end
                    || line_offset(file, range.end) - line_offset(file, last.start)
                        <= JOIN_BYTES =>
            {
                last.end = last.end.max(range.end);
            }
            _ => joined.push(range),
        }
    }
    joined
}

/// Where the line with 0-based `index` starts (the end of the text past the last line).
fn line_offset(file: &SourceFile, index: usize) -> usize {
    if index == 0 {
        0
    } else {
        file.line_span(index + 1).start
    }
}

impl SourceCode for ShownSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let end = span.offset() + span.len();
        let block = self
            .blocks
            .iter()
            .find(|b| b.shown_start <= span.offset() && end <= b.shown_start + b.snippet.text.len())
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::from((span.offset() - block.shown_start, span.len()));
        let text = block.snippet.text.as_str();
        let contents = text.read_span(&local, context_lines_before, context_lines_after)?;
        // miette puts the primary label's column in the header: the file's, in code points, as
        // every other format counts it (miette would count bytes of the escaped line).
        let column = if context_lines_before == 0 {
            let offset = block.start + block.snippet.original(local.offset());
            self.file.line_col(offset).column - 1
        } else {
            contents.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::from((
                contents.span().offset() + block.shown_start,
                contents.span().len(),
            )),
            contents.line() + block.first_line,
            column,
            contents.line_count() + block.first_line,
        )))
    }
}
