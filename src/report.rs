//! The outcome of a check: how many integrations were read and every diagnostic, sorted.

use crate::diagnostic::{Diagnostic, Level};

#[derive(Debug, Default)]
pub struct Report {
    /// How many integration directories were checked.
    pub integrations: usize,
    /// Every finding, sorted by file, position and rule code.
    pub diagnostics: Vec<Diagnostic>,
    /// Files given on the command line that lie in no integration.
    pub skipped: Vec<std::path::PathBuf>,
}

impl Report {
    /// (errors, warnings).
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .count();
        (errors, self.diagnostics.len() - errors)
    }

    /// Whether any finding is at the failing level.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.level == Level::Error)
    }
}

/// "1 error", "2 errors".
pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
