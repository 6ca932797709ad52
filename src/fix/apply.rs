//! Applying fixes: choose non-overlapping edits, apply them back to front, check the result.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit};

/// Applies sorted, non-overlapping edits to `text`; `None` if they overlap or fall outside.
pub(crate) fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    if sorted
        .windows(2)
        .any(|pair| matches!(pair, [a, b] if a.span.end > b.span.start))
    {
        return None;
    }
    let mut out = text.to_owned();
    for edit in sorted.iter().rev() {
        if !out.is_char_boundary(edit.span.start)
            || !out.is_char_boundary(edit.span.end)
            || edit.span.end > out.len()
        {
            return None;
        }
        out.replace_range(edit.span.clone(), &edit.replacement);
    }
    Some(out)
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
        if fixed != text && (!is_json || crate::json::parse(&fixed).is_ok()) {
            applied += count;
            texts.insert(path, fixed);
        }
    }
    (texts, applied)
}

/// Two edits touch: overlapping ranges, or two insertions at the same place.
fn overlap(a: &Edit, b: &Edit) -> bool {
    a.span.start < b.span.end && b.span.start < a.span.end || a.span.start == b.span.start
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn edits_apply_back_to_front() {
        let edits = [
            Edit::replace(0..1, "A"),
            Edit::insert(3, "!"),
            Edit::delete(1..2),
        ];
        assert_eq!(apply_edits("abc", &edits).unwrap(), "Ac!");
    }

    #[test]
    fn overlapping_or_outside_edits_are_refused() {
        assert_eq!(
            apply_edits("abc", &[Edit::delete(0..2), Edit::delete(1..3)]),
            None
        );
        assert_eq!(apply_edits("abc", &[Edit::delete(2..9)]), None);
        assert_eq!(apply_edits("é", &[Edit::delete(0..1)]), None);
    }
}
