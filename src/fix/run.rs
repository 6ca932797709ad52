//! The fixed-point loop: lint, apply one round of fixes in memory, lint again, until nothing
//! changes (or a bound is hit); the caller writes or diffs the result.

use std::path::PathBuf;

use crate::engine::check_integrations;
use crate::fix::apply::fixed_texts;
use crate::integration::Overlay;
use crate::report::Report;
use crate::settings::Settings;

/// More rounds than any chain of fixes needs (one fix can make room for another, e.g. a moved
/// field whose value is then corrected); the bound keeps a fixer bug from looping forever.
const MAX_ROUNDS: usize = 10;

/// A file the fixes change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: PathBuf,
    pub before: String,
    pub after: String,
}

/// What fixing did, and the findings that remain.
#[derive(Debug)]
pub struct FixOutcome {
    /// The report on the fixed files.
    pub report: Report,
    pub changes: Vec<Change>,
    /// How many fixes were applied.
    pub applied: usize,
}

/// Fixes the integrations in memory until no fix applies, and lints the result.
pub(crate) fn fix(dirs: &[PathBuf], settings: &Settings, unsafe_fixes: bool) -> FixOutcome {
    let mut overlay = Overlay::new();
    let mut originals = Overlay::new();
    let mut applied = 0;
    let mut report = check_integrations(dirs, settings, &overlay);
    for _ in 0..MAX_ROUNDS {
        let (texts, count) = fixed_texts(&report.diagnostics, unsafe_fixes);
        if texts.is_empty() {
            break;
        }
        for diagnostic in &report.diagnostics {
            if let Some(fix) = &diagnostic.fix {
                let path = fix.file.path();
                if texts.contains_key(path) && !originals.contains_key(path) {
                    originals.insert(path.to_owned(), fix.file.text().to_owned());
                }
            }
        }
        applied += count;
        overlay.extend(texts);
        report = check_integrations(dirs, settings, &overlay);
    }
    let changes = originals
        .into_iter()
        .filter_map(|(path, before)| {
            let after = overlay.remove(&path)?;
            (after != before).then_some(Change {
                path,
                before,
                after,
            })
        })
        .collect();
    FixOutcome {
        report,
        changes,
        applied,
    }
}
