//! Applying edits to a text, back to front.

use crate::fix::Edit;

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
