//! Strict RFC 8259 JSON with a byte span on every key and value; RFC 6901 pointers.

mod parse;
mod pointer;

pub(crate) use parse::parse;
pub(crate) use pointer::escape_token;

use std::collections::HashMap;

/// Byte offsets into the original text, end exclusive.
pub(crate) type Span = std::ops::Range<usize>;

/// Deepest allowed nesting of objects and arrays.
pub(crate) const MAX_DEPTH: usize = 128;

/// A JSON value together with the span of its source text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// The raw source text of the number.
    Number(String),
    /// The decoded string.
    String(String),
    Array(Vec<Node>),
    /// Members in document order; duplicate keys are kept.
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    /// The decoded key.
    pub key: String,
    /// Span of the key, quotes included.
    pub key_span: Span,
    pub value: Node,
}

/// Why the text is not valid JSON, with the offending position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParseError {
    pub span: Span,
    pub message: String,
    /// A second position worth showing, e.g. where an unclosed string began.
    pub note: Option<(Span, String)>,
}

impl Node {
    /// The value of the object member `key`; the last one if the key repeats.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The object member `key`; the last one if the key repeats.
    pub(crate) fn member(&self, key: &str) -> Option<&Member> {
        self.as_object()?.iter().rev().find(|m| m.key == key)
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Converts to a `serde_json::Value`; the last duplicate key wins.
    pub(crate) fn to_serde(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(raw) => raw
                .parse::<serde_json::Number>()
                .map_or_else(|_| J::String(raw.clone()), J::Number),
            Value::String(s) => J::String(s.clone()),
            Value::Array(items) => J::Array(items.iter().map(Node::to_serde).collect()),
            Value::Object(members) => J::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.to_serde()))
                    .collect(),
            ),
        }
    }
}

/// A key that occurs more than once in the same object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Duplicate {
    /// JSON pointer of the object holding the key.
    pub object: String,
    pub key: String,
    /// Key span of the earlier occurrence.
    pub first: Span,
    /// Key span of the later occurrence.
    pub second: Span,
}

/// Every repeated key, in document order, each paired with its previous occurrence.
pub(crate) fn duplicate_keys(root: &Node) -> Vec<Duplicate> {
    let mut out = Vec::new();
    walk_duplicates(root, &mut Vec::new(), &mut out);
    out
}

/// One step of the path from the root to a node.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Objects up to this size are searched for repeats pair by pair, without hashing.
const SMALL_OBJECT: usize = 16;

/// Pre-order walk: a key is checked before its value is entered, so the output is in document
/// order without sorting. The pointer of an object is only written when it repeats a key.
fn walk_duplicates<'a>(node: &'a Node, path: &mut Vec<Step<'a>>, out: &mut Vec<Duplicate>) {
    match &node.value {
        Value::Object(members) => {
            let mut seen: HashMap<&str, &Span> = HashMap::new();
            for (index, m) in members.iter().enumerate() {
                let first = if members.len() <= SMALL_OBJECT {
                    members
                        .get(..index)
                        .and_then(|before| before.iter().rfind(|b| b.key == m.key))
                        .map(|b| &b.key_span)
                } else {
                    seen.insert(&m.key, &m.key_span)
                };
                if let Some(first) = first {
                    out.push(Duplicate {
                        object: pointer_of(path),
                        key: m.key.clone(),
                        first: first.clone(),
                        second: m.key_span.clone(),
                    });
                }
                path.push(Step::Key(&m.key));
                walk_duplicates(&m.value, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk_duplicates(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The RFC 6901 pointer of a path.
fn pointer_of(path: &[Step<'_>]) -> String {
    let mut pointer = String::new();
    for step in path {
        pointer.push('/');
        match step {
            Step::Key(key) => pointer.push_str(&escape_token(key)),
            Step::Index(index) => pointer.push_str(&index.to_string()),
        }
    }
    pointer
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn get_and_member_take_the_last_duplicate() {
        let text = r#"{"a": 1, "b": 2, "a": 3}"#;
        let root = parse(text).unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.span.clone()], "3");
        let m = root.member("a").unwrap();
        assert_eq!(m.key_span, 17..20);
        assert!(root.get("c").is_none());
        assert!(root.get("b").unwrap().get("x").is_none());
    }

    #[test]
    fn accessors_match_only_their_kind() {
        let root = parse(r#"{"s": "x", "a": [1], "o": {}}"#).unwrap();
        assert_eq!(root.get("s").unwrap().as_str(), Some("x"));
        assert_eq!(root.get("a").unwrap().as_array().unwrap().len(), 1);
        assert_eq!(root.get("o").unwrap().as_object().unwrap().len(), 0);
        assert!(root.get("s").unwrap().as_array().is_none());
        assert!(root.get("a").unwrap().as_object().is_none());
        assert!(root.get("o").unwrap().as_str().is_none());
        assert_eq!(root.as_object().unwrap().len(), 3);
    }

    #[test]
    fn to_serde_matches_serde_json_and_last_wins() {
        let text = r#"{"a": 1, "b": [true, false, null, 2.5e3, -0, "x\n"], "a": {"c": "d"}}"#;
        let ours = parse(text).unwrap().to_serde();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs);
        assert_eq!(ours["a"]["c"], "d");
    }

    #[test]
    fn to_serde_keeps_out_of_range_numbers_as_text() {
        let root = parse("[1e400, 18446744073709551616, 7]").unwrap();
        let v = root.to_serde();
        assert_eq!(v[0], serde_json::Value::String("1e400".into()));
        assert!(v[1].is_number());
        assert_eq!(v[2], 7);
    }

    #[test]
    fn duplicates_two_and_three_occurrences() {
        let text = r#"{"k": 1, "x": 0, "k": 2, "k": 3}"#;
        let dups = duplicate_keys(&parse(text).unwrap());
        assert_eq!(dups.len(), 2);
        assert_eq!(dups[0].object, "");
        assert_eq!(dups[0].key, "k");
        assert_eq!(
            (dups[0].first.clone(), dups[0].second.clone()),
            (1..4, 17..20)
        );
        assert_eq!(
            (dups[1].first.clone(), dups[1].second.clone()),
            (17..20, 25..28)
        );
        assert_eq!(&text[dups[1].second.clone()], "\"k\"");
    }

    #[test]
    fn duplicates_nested_in_arrays_in_document_order() {
        let text = r#"{"a/b": [{"x": 1, "x": 2}, {"y": {"z": 0, "z": 1}}], "q": 0, "q": 1}"#;
        let dups = duplicate_keys(&parse(text).unwrap());
        let got: Vec<(&str, &str)> = dups
            .iter()
            .map(|d| (d.object.as_str(), d.key.as_str()))
            .collect();
        assert_eq!(got, [("/a~1b/0", "x"), ("/a~1b/1/y", "z"), ("", "q")]);
        for d in &dups {
            assert!(d.first.end <= d.second.start);
            assert_eq!(text[d.first.clone()], text[d.second.clone()]);
        }
        let root = parse(text).unwrap();
        assert!(root.pointer(&dups[1].object).unwrap().as_object().is_some());
    }

    #[test]
    fn duplicates_compare_decoded_keys() {
        let text = r#"{"a": 1, "\u0061": 2}"#;
        let dups = duplicate_keys(&parse(text).unwrap());
        assert_eq!(dups.len(), 1);
        assert_eq!(&text[dups[0].second.clone()], r#""\u0061""#);
    }

    #[test]
    fn no_duplicates_in_clean_document() {
        let root = parse(r#"{"a": {"a": {"a": [{"a": 1}, {"a": 2}]}}}"#).unwrap();
        assert!(duplicate_keys(&root).is_empty());
    }
}
