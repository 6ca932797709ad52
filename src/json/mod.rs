//! Strict RFC 8259 JSON with a byte span on every key and value; RFC 6901 pointers.

mod parse;
mod pointer;
mod shape;

#[cfg(test)]
pub(crate) use parse::parse;
pub(crate) use parse::parse_shaped;
pub(crate) use pointer::escape_token;
pub(crate) use shape::Shape;

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
    /// A value the parse's [`Shape`] did not build: checked, and only its span kept. No rule
    /// reads one; in debug builds, asking a skipped node for its contents is a bug.
    Skipped,
}

/// A parsed document: its tree, and every key that repeats in it, in skipped parts too.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    pub root: Node,
    /// In document order, each paired with its latest earlier occurrence.
    pub duplicates: Vec<Duplicate>,
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
        self.built();
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_object(&self) -> Option<&[Member]> {
        self.built();
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&[Node]> {
        self.built();
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Debug builds: a rule asked a skipped node for its contents; the kind's shape must build
    /// what the rule reads.
    fn built(&self) {
        debug_assert!(
            !matches!(self.value, Value::Skipped),
            "a skipped JSON value was read: add its path to the shape of its kind of file"
        );
    }

    /// Converts to a `serde_json::Value`; the last duplicate key wins. Only whole trees are
    /// converted; a skipped value would be `null`.
    pub(crate) fn to_serde(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null | Value::Skipped => J::Null,
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
        let dups = duplicate_keys(text);
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
        let dups = duplicate_keys(text);
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
        let dups = duplicate_keys(text);
        assert_eq!(dups.len(), 1);
        assert_eq!(&text[dups[0].second.clone()], r#""\u0061""#);
    }

    #[test]
    fn no_duplicates_in_clean_document() {
        assert!(duplicate_keys(r#"{"a": {"a": {"a": [{"a": 1}, {"a": 2}]}}}"#).is_empty());
    }

    #[test]
    fn large_objects_pair_each_repeat_with_its_latest_occurrence() {
        let mut members: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        members.extend(["\"k3\": 0".into(), "\"k39\": 0".into(), "\"k3\": 1".into()]);
        let text = format!("{{{}}}", members.join(", "));
        let dups = duplicate_keys(&text);
        let got: Vec<&str> = dups.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(got, ["k3", "k39", "k3"]);
        let at = |n: usize| text.match_indices("\"k3\"").nth(n).unwrap().0;
        assert_eq!(dups[2].first.start, at(1));
        assert_eq!(dups[2].second.start, at(2));
    }

    /// A dashboard-like shape: the widgets and, in each, the definition's `app_id`.
    static WIDGETS: Shape = Shape::Array(&WIDGET);
    static WIDGET: Shape = Shape::Object(&[("definition", &DEFINITION)]);
    static DEFINITION: Shape = Shape::Object(&[("app_id", &Shape::All), ("widgets", &WIDGETS)]);
    static TOP: Shape = Shape::Object(&[("widgets", &WIDGETS)]);

    const SHAPED: &str = r#"{"title": "t", "widgets": [
        {"definition": {"app_id": "a", "requests": [{"q": "x", "q": "y"}], "widgets": [
            {"definition": {"app_id": "b", "type": "note"}, "layout": {"x": 1}}]}},
        "not an object", [{"deep": 1, "deep": 2}]],
        "template_variables": {"v": [1, {"w": "\u0077", "w": 0}]}}"#;

    #[test]
    fn a_shape_builds_only_what_it_names_and_keeps_every_key_and_span() {
        let root = parse_shaped(SHAPED, &TOP).unwrap().root;
        let keys: Vec<&str> = root
            .as_object()
            .unwrap()
            .iter()
            .map(|m| m.key.as_str())
            .collect();
        assert_eq!(keys, ["title", "widgets", "template_variables"]);
        assert_eq!(root.get("title").unwrap().value, Value::Skipped);
        let variables = root.get("template_variables").unwrap();
        assert_eq!(variables.value, Value::Skipped);
        assert!(
            SHAPED[variables.span.clone()].starts_with("{\"v\"")
                && SHAPED[variables.span.clone()].ends_with("0}]}")
        );
        let inner = root
            .pointer("/widgets/0/definition/widgets/0/definition/app_id")
            .unwrap();
        assert_eq!(inner.as_str(), Some("b"));
        assert_eq!(
            root.pointer("/widgets/0/definition/app_id")
                .unwrap()
                .as_str(),
            Some("a")
        );
        let requests = root.pointer("/widgets/0/definition/requests").unwrap();
        assert_eq!(
            (&SHAPED[requests.span.clone()], &requests.value),
            (r#"[{"q": "x", "q": "y"}]"#, &Value::Skipped)
        );
        let layout = root
            .pointer("/widgets/0/definition/widgets/0/layout")
            .unwrap();
        assert_eq!(layout.value, Value::Skipped);
        // Not what the shape expects: built as it is, what it holds skipped.
        assert_eq!(
            root.pointer("/widgets/1").unwrap().as_str(),
            Some("not an object")
        );
        let wrong = root.pointer("/widgets/2").unwrap().as_array().unwrap();
        assert_eq!(wrong[0].value, Value::Skipped);
    }

    #[test]
    fn a_shape_finds_the_same_duplicates_as_a_whole_parse() {
        let whole = parse_shaped(SHAPED, &Shape::All).unwrap();
        let shaped = parse_shaped(SHAPED, &TOP).unwrap();
        let objects: Vec<(&str, &str)> = whole
            .duplicates
            .iter()
            .map(|d| (d.object.as_str(), d.key.as_str()))
            .collect();
        assert_eq!(
            objects,
            [
                ("/widgets/0/definition/requests/0", "q"),
                ("/widgets/2/0", "deep"),
                ("/template_variables/v/1", "w"),
            ]
        );
        assert_eq!(shaped.duplicates, whole.duplicates);
        assert_eq!(whole.root, parse(SHAPED).unwrap());
    }

    #[test]
    fn a_skipped_value_is_still_checked() {
        for bad in [
            r#"{"title": [1, 2,]}"#,
            r#"{"title": {"a" 1}}"#,
            r#"{"title": "\x"}"#,
            r#"{"title": 01}"#,
            r#"{"title": nul}"#,
            r#"{"title": {"a": [}}"#,
        ] {
            let whole = parse_shaped(bad, &Shape::All).unwrap_err();
            assert_eq!(parse_shaped(bad, &TOP).unwrap_err(), whole, "{bad}");
            assert_eq!(parse_shaped(bad, &Shape::Skip).unwrap_err(), whole, "{bad}");
        }
        let deep = format!("{{\"title\": {}{}}}", "[".repeat(200), "]".repeat(200));
        let whole = parse_shaped(&deep, &Shape::All).unwrap_err();
        assert_eq!(parse_shaped(&deep, &Shape::Skip).unwrap_err(), whole);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "add its path to the shape")]
    fn reading_a_skipped_value_is_a_bug_caught_in_debug_builds() {
        let root = parse_shaped(SHAPED, &TOP).unwrap().root;
        let _ = root.get("template_variables").unwrap().get("v");
    }

    fn duplicate_keys(text: &str) -> Vec<Duplicate> {
        parse_shaped(text, &Shape::All).unwrap().duplicates
    }
}
