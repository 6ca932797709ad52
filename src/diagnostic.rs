//! The finished diagnostic: a rule, a level, a message, exactly one primary label, help.

use std::sync::Arc;

pub use crate::meta::Level;
use crate::meta::RuleMeta;
use crate::source::{SourceFile, Span};

/// A span in a file with what it shows.
#[derive(Debug, Clone)]
pub struct Label {
    pub file: Arc<SourceFile>,
    pub span: Span,
    pub message: String,
}

/// One finding of one rule, with its places concretised.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub level: Level,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<crate::fix::Fix>,
    /// The integration directory the finding is in (none for configuration findings).
    pub integration: Option<std::path::PathBuf>,
    /// The JSON pointer of the primary place, when it is one (for ignores).
    pub pointer: Option<String>,
}

impl Diagnostic {
    /// The order every output uses: file, position, then rule code.
    pub fn sort_key(&self) -> (&std::path::Path, usize, usize, &'static str) {
        (
            self.primary.file.path(),
            self.primary.span.start,
            self.primary.span.end,
            self.rule.code,
        )
    }

    /// Every label, the primary first.
    pub fn labels(&self) -> impl Iterator<Item = (&Label, bool)> {
        std::iter::once((&self.primary, true)).chain(self.secondary.iter().map(|l| (l, false)))
    }
}
