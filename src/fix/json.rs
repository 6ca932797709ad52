//! Edits of a JSON document that keep its own style: insert a member after another, remove a
//! member, replace a value. Offsets come from the spanned parse.

use crate::fix::Edit;
use crate::json::{Member, Node};

/// Inserts `"key": value` directly after the member at `after`, in the document's own style:
/// on a new line with that member's indentation and line ending, or inline after `, `.
pub(crate) fn insert_member_after(
    text: &str,
    root: &Node,
    after: &str,
    key: &str,
    value: &str,
) -> Option<Edit> {
    let member = root.member_at(after)?;
    let line_start = line_start(text, member.key_span.start);
    let indent = text.get(line_start..member.key_span.start)?;
    let separator = if indent.chars().all(|c| c == ' ' || c == '\t') {
        format!(",{}{indent}", line_ending(text))
    } else {
        ", ".to_owned()
    };
    let member_text = format!("{separator}{}: {value}", json_string(key));
    Some(Edit::insert(member.value.span.end, member_text))
}

/// Removes the member at `pointer` with its comma, and its line when it stands alone on it.
pub(crate) fn remove_member(text: &str, root: &Node, pointer: &str) -> Option<Edit> {
    let (parent, index) = parent_and_index(root, pointer)?;
    let members = parent.as_object()?;
    let member = members.get(index)?;
    if let Some(next) = members.get(index + 1) {
        // Up to the next member: the comma, the line ending and the next member's indentation.
        let start = own_line_start(text, member).unwrap_or(member.key_span.start);
        let end = own_line_start(text, next).unwrap_or(next.key_span.start);
        return Some(Edit::delete(start..end));
    }
    // The last member: from the end of the previous value (its comma) to this value's end.
    let previous = index.checked_sub(1).and_then(|i| members.get(i))?;
    Some(Edit::delete(previous.value.span.end..member.value.span.end))
}

/// Replaces the value at `pointer` with `value` (already JSON text).
pub(crate) fn replace_value(root: &Node, pointer: &str, value: &str) -> Option<Edit> {
    Some(Edit::replace(root.pointer(pointer)?.span.clone(), value))
}

/// A string as JSON text.
pub(crate) fn json_string(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

fn parent_and_index<'a>(root: &'a Node, pointer: &str) -> Option<(&'a Node, usize)> {
    let (parent, _) = pointer.rsplit_once('/')?;
    let parent = root.pointer(parent)?;
    let member = root.member_at(pointer)?;
    let index = parent
        .as_object()?
        .iter()
        .position(|m| std::ptr::eq(m, member))?;
    Some((parent, index))
}

/// The start of the member's line when only white space precedes it there.
fn own_line_start(text: &str, member: &Member) -> Option<usize> {
    let start = line_start(text, member.key_span.start);
    let before = text.get(start..member.key_span.start)?;
    before
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some(start)
}

fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|head| head.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// `\r\n` when the document's first line ends so, else `\n`.
pub(crate) fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::fix::apply::apply_edits;
    use crate::json::parse;

    fn edit(text: &str, f: impl Fn(&Node) -> Option<Edit>) -> String {
        let root = parse(text).unwrap();
        let result = apply_edits(text, &[f(&root).unwrap()]).unwrap();
        assert!(parse(&result).is_ok(), "{result}");
        result
    }

    #[test]
    fn inserts_after_a_middle_or_last_member_with_its_indentation() {
        let text = "{\n  \"tile\": {\n    \"support\": \"a\",\n    \"x\": 1\n  }\n}";
        let out = edit(text, |r| {
            insert_member_after(text, r, "/tile/support", "u", "\"v\"")
        });
        assert_eq!(
            out,
            "{\n  \"tile\": {\n    \"support\": \"a\",\n    \"u\": \"v\",\n    \"x\": 1\n  }\n}"
        );
        let text = "{\r\n\t\"support\": \"a\"\r\n}";
        let out = edit(text, |r| {
            insert_member_after(text, r, "/support", "u", "\"v\"")
        });
        assert_eq!(out, "{\r\n\t\"support\": \"a\",\r\n\t\"u\": \"v\"\r\n}");
        let text = "{\"a\": 1, \"support\": 2}";
        let out = edit(text, |r| insert_member_after(text, r, "/support", "u", "3"));
        assert_eq!(out, "{\"a\": 1, \"support\": 2, \"u\": 3}");
    }

    #[test]
    fn removes_a_member_on_its_own_line_or_the_last_one() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}";
        assert_eq!(
            edit(text, |r| remove_member(text, r, "/b")),
            "{\n  \"a\": 1,\n  \"c\": 3\n}"
        );
        assert_eq!(
            edit(text, |r| remove_member(text, r, "/c")),
            "{\n  \"a\": 1,\n  \"b\": 2\n}"
        );
        assert_eq!(
            edit(text, |r| remove_member(text, r, "/a")),
            "{\n  \"b\": 2,\n  \"c\": 3\n}"
        );
        let text = "{\"a\": 1, \"b\": 2}";
        assert_eq!(edit(text, |r| remove_member(text, r, "/a")), "{\"b\": 2}");
    }

    #[test]
    fn the_only_member_cannot_be_removed_this_way() {
        let text = "{\"a\": 1}";
        let root = parse(text).unwrap();
        assert_eq!(remove_member(text, &root, "/a"), None);
    }

    #[test]
    fn replaces_a_value_and_escapes_strings() {
        let text = "{\"a\": \"x\"}";
        assert_eq!(
            edit(text, |r| replace_value(r, "/a", &json_string("q\"\\"))),
            "{\"a\": \"q\\\"\\\\\"}"
        );
    }
}
