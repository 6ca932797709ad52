//! Places named by meaning, `{file, at}`, and the one function that turns them into spans.
//! Rules never compute offsets: they name a JSON member, a heading, a sentence, a CSV cell, a
//! line.

use std::ops::Range;
use std::sync::Arc;

use crate::files::{FileId, Files};
use crate::json::{Node, Value};
use crate::source::{SourceFile, Span};

/// Where in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum At {
    /// A JSON member's key, by RFC 6901 pointer (for an array element or the root: the value's
    /// first character). A pointer that names nothing resolves to the key of its nearest
    /// existing ancestor: a missing field is shown on the object that should hold it.
    Key(String),
    /// A JSON member's value, by pointer (missing: as for `Key`).
    Value(String),
    /// A README heading, by its index in the outline.
    Heading(usize),
    /// A range of the rendered text of the README section under `heading` (see
    /// `readme::rendered`): a sentence as a reader sees it, mapped back to its source.
    Sentence { heading: usize, range: Range<usize> },
    /// A CSV cell: `row` counts the file's records from 0 (the header), blank lines not
    /// counted; `column` from 0. A cell the row lacks resolves to the end of its row.
    Cell { row: usize, column: usize },
    /// A line, 1-based.
    Line(usize),
    /// An exact span a parser reported.
    Span(Span),
    /// The file as a whole: its first character (a file that was not read has no other).
    Whole,
}

/// A place in a scope's files, named by meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) file: FileId,
    pub(crate) at: At,
}

/// Which part of a JSON member a place names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Key,
    Value,
}

impl Place {
    /// The key or value of the member at `pointer` of a JSON file.
    pub(crate) fn json(file: FileId, pointer: impl Into<String>, part: Part) -> Self {
        let pointer = pointer.into();
        let at = match part {
            Part::Key => At::Key(pointer),
            Part::Value => At::Value(pointer),
        };
        Self { file, at }
    }

    /// The key of a manifest member.
    pub(crate) fn key(pointer: impl Into<String>) -> Self {
        Self::key_in(FileId::MANIFEST, pointer)
    }

    /// The value of a manifest member.
    pub(crate) fn value(pointer: impl Into<String>) -> Self {
        Self::value_in(FileId::MANIFEST, pointer)
    }

    pub(crate) fn key_in(file: FileId, pointer: impl Into<String>) -> Self {
        Self {
            file,
            at: At::Key(pointer.into()),
        }
    }

    pub(crate) fn value_in(file: FileId, pointer: impl Into<String>) -> Self {
        Self {
            file,
            at: At::Value(pointer.into()),
        }
    }

    /// A heading of the README.
    pub(crate) fn heading(index: usize) -> Self {
        Self {
            file: FileId::README,
            at: At::Heading(index),
        }
    }

    /// A sentence of a README section's rendered text.
    pub(crate) fn sentence(heading: usize, range: Range<usize>) -> Self {
        Self {
            file: FileId::README,
            at: At::Sentence { heading, range },
        }
    }

    /// A cell of a CSV file.
    pub(crate) fn cell(file: FileId, row: usize, column: usize) -> Self {
        Self {
            file,
            at: At::Cell { row, column },
        }
    }

    pub(crate) fn line(file: FileId, line: usize) -> Self {
        Self {
            file,
            at: At::Line(line),
        }
    }

    pub(crate) fn span(file: FileId, span: Span) -> Self {
        Self {
            file,
            at: At::Span(span),
        }
    }

    pub(crate) fn whole(file: FileId) -> Self {
        Self {
            file,
            at: At::Whole,
        }
    }

    /// The JSON pointer this place names, if it names a JSON member.
    pub(crate) fn pointer(&self) -> Option<&str> {
        match &self.at {
            At::Key(pointer) | At::Value(pointer) => Some(pointer),
            _ => None,
        }
    }
}

impl Files {
    /// The file and span a place names, or `None` when that file has no text to point in.
    pub(crate) fn locate(&self, place: &Place) -> Option<(Arc<SourceFile>, Span)> {
        let span = match &place.at {
            At::Key(pointer) => json_span(self.json(place.file)?.root()?, pointer, true),
            At::Value(pointer) => json_span(self.json(place.file)?.root()?, pointer, false),
            At::Heading(index) => {
                let readme = self.markdown(place.file)?;
                readme.outline.headings.get(*index)?.span.clone()
            }
            At::Sentence { heading, range } => {
                let readme = self.markdown(place.file)?;
                match readme.uninstall_text().filter(|s| s.heading == *heading) {
                    Some(section) => section.rendered.source_span(range.clone()),
                    None => readme
                        .section_text(*heading)?
                        .rendered
                        .source_span(range.clone()),
                }
            }
            At::Cell { row, column } => self.csv(place.file)?.cell_span(*row, *column)?,
            At::Line(line) => self.source(place.file)?.line_span(*line),
            At::Span(span) => span.clone(),
            At::Whole => 0..0,
        };
        Some((self.source(place.file)?, span))
    }
}

/// The span of the key (or value) of the member at `pointer`, or of the key of its nearest
/// existing ancestor.
fn json_span(root: &Node, pointer: &str, key: bool) -> Span {
    let mut pointer = pointer;
    let mut key = key;
    loop {
        if root.pointer(pointer).is_some() {
            return member_span(root, pointer, key);
        }
        match pointer.rfind('/') {
            Some(cut) => pointer = pointer.get(..cut).unwrap_or(""),
            None => pointer = "",
        }
        key = true;
    }
}

fn member_span(root: &Node, pointer: &str, key: bool) -> Span {
    if let (true, Some(member)) = (key, root.member_at(pointer)) {
        return member.key_span.clone();
    }
    let node = root.pointer(pointer).unwrap_or(root);
    match (key, &node.value) {
        (true, Value::Object(_) | Value::Array(_)) => node.span.start..node.span.start + 1,
        _ => node.span.clone(),
    }
}
