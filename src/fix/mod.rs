//! Fixes: text edits at byte ranges from the spanned parse, never a re-serialisation. Outside an
//! edit a file stays byte-identical (indentation, key order, escapes, line endings, final newline).

pub(crate) mod apply;
pub(crate) mod json;
pub(crate) mod markdown;

use serde::Serialize;

use crate::source::Span;

/// How far a fix can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning of the file; applied by `--fix`.
    Safe,
    /// Adds or replaces prose a partner should read; applied with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace `span` of a file with `replacement` (an insertion when the span is empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub(crate) fn insert(at: usize, text: impl Into<String>) -> Self {
        Self {
            span: at..at,
            replacement: text.into(),
        }
    }

    pub(crate) fn replace(span: Span, text: impl Into<String>) -> Self {
        Self {
            span,
            replacement: text.into(),
        }
    }

    pub(crate) fn delete(span: Span) -> Self {
        Self::replace(span, "")
    }
}

/// A fix attached to a diagnostic, its file resolved.
#[derive(Debug, Clone)]
pub struct Fix {
    pub applicability: Applicability,
    pub description: String,
    pub file: std::sync::Arc<crate::source::SourceFile>,
    /// Non-overlapping, sorted by position.
    pub edits: Vec<Edit>,
}
