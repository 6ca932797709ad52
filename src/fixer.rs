//! Fixing to a fixed point: lint, apply one round of fixes in memory, lint again, until nothing
//! changes (or a bound is hit); the caller writes or diffs the result.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::engine::check_integrations;
use crate::files::Overlay;
use crate::fix::apply::apply_edits;
use crate::fix::{Applicability, Edit};
use crate::report::Report;
use crate::run::Plan;
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
pub(crate) fn fix(plan: &Plan, settings: &Settings, unsafe_fixes: bool) -> FixOutcome {
    let mut overlay = Overlay::new();
    let mut originals = Overlay::new();
    let mut applied = 0;
    let mut report = check_integrations(&plan.dirs, settings, &plan.context(overlay.clone()));
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
        report = check_integrations(&plan.dirs, settings, &plan.context(overlay.clone()));
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

/// One round of fixing: the new text of every file some fix of `diagnostics` changes, and how
/// many fixes that applies. A fix is taken when its applicability is allowed and its edits
/// touch no fix taken before it (in report order); the rest wait for the next round. A JSON
/// file whose result would not parse is left alone: that would be a bug in a fixer.
pub(crate) fn fixed_texts(
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
) -> (BTreeMap<PathBuf, String>, usize) {
    let mut chosen: BTreeMap<PathBuf, (&str, Vec<Edit>, usize)> = BTreeMap::new();
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if fix.applicability == Applicability::Unsafe && !unsafe_fixes {
            continue;
        }
        let entry =
            chosen
                .entry(fix.file.path().to_owned())
                .or_insert((fix.file.text(), Vec::new(), 0));
        if !fix
            .edits
            .iter()
            .any(|new| entry.1.iter().any(|old| overlap(old, new)))
        {
            entry.1.extend(fix.edits.iter().cloned());
            entry.2 += 1;
        }
    }
    let mut applied = 0;
    let mut texts = BTreeMap::new();
    for (path, (text, edits, count)) in chosen {
        let Some(fixed) = apply_edits(text, &edits) else {
            continue;
        };
        let is_json = path.extension().is_some_and(|e| e == "json");
        let valid = || crate::json::parse_shaped(&fixed, &crate::json::Shape::Skip).is_ok();
        if fixed != text && (!is_json || valid()) {
            applied += count;
            texts.insert(path, fixed);
        }
    }
    (texts, applied)
}

/// Two edits touch: overlapping ranges, two insertions at the same place, or an insertion at
/// either end of a replaced range (once the range is replaced or moved away, which side of it
/// the insertion meant is unknown: a sentence added at the end of a section that another fix
/// moves would stay behind).
fn overlap(a: &Edit, b: &Edit) -> bool {
    let at_an_end = |insert: &Edit, other: &Edit| {
        insert.span.is_empty()
            && (insert.span.start == other.span.start || insert.span.start == other.span.end)
    };
    a.span.start < b.span.end && b.span.start < a.span.end
        || a.span.start == b.span.start
        || at_an_end(a, b)
        || at_an_end(b, a)
}
