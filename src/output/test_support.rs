//! Helpers the output formats' unit tests share: labels, diagnostics, files in a temporary root.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Label};
use crate::rules;
use crate::source::{SourceFile, Span};

pub(crate) fn label(file: &Arc<SourceFile>, span: Span, message: &str) -> Label {
    Label {
        file: Arc::clone(file),
        span,
        message: message.to_owned(),
    }
}

/// A diagnostic of `rule` at its default level, without fix.
pub(crate) fn diagnostic(
    rule: &str,
    message: &str,
    primary: Label,
    secondary: Vec<Label>,
    help: Option<&str>,
) -> Diagnostic {
    let rule = rules::find(rule).unwrap();
    Diagnostic {
        rule,
        level: rule.level,
        message: message.to_owned(),
        primary,
        secondary,
        help: help.map(str::to_owned),
        fix: None,
        integration: None,
        pointer: None,
    }
}

/// A temporary repository root holding `name` with `text`.
pub(crate) fn repo_with(name: &str, text: &str) -> (tempfile::TempDir, Arc<SourceFile>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    (dir, Arc::new(SourceFile::new(path, text.to_owned())))
}
