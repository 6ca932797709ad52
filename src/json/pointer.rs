//! RFC 6901 JSON pointers: lookup on `Node` and escaping of reference tokens.

use super::{Member, Node, Value};

/// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1`.
pub(crate) fn escape_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Decodes one reference token (`~1` -> `/`, `~0` -> `~`, as if `~1` were
/// replaced first). A `~` followed by anything else makes the pointer invalid.
fn unescape_token(token: &str) -> Option<String> {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('0') => out.push('~'),
            Some('1') => out.push('/'),
            _ => return None,
        }
    }
    Some(out)
}

/// A canonical array index: `0`, or digits without a leading zero.
fn array_index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    let canonical = token == "0" || (digits && !token.starts_with('0'));
    if canonical { token.parse().ok() } else { None }
}

impl Node {
    /// The node named by an RFC 6901 pointer; `""` is this node.
    pub(crate) fn pointer(&self, ptr: &str) -> Option<&Node> {
        if ptr.is_empty() {
            return Some(self);
        }
        let rest = ptr.strip_prefix('/')?;
        rest.split('/')
            .try_fold(self, |node, token| node.child(token))
    }

    /// The object member whose value `ptr` names (not for `""` or array elements).
    pub(crate) fn member_at(&self, ptr: &str) -> Option<&Member> {
        let (parent, last) = ptr.rsplit_once('/')?;
        self.pointer(parent)?.member(&unescape_token(last)?)
    }

    fn child(&self, token: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(_) => self.get(&unescape_token(token)?),
            Value::Array(items) => items.get(array_index(token)?),
            _ => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::super::parse;
    use super::*;

    const DOC: &str = r#"{
  "a/b": 1,
  "m~n": 2,
  "~1": 3,
  "": {"": 4},
  "list": [10, {"k": "v"}, [30]],
  "dup": "first",
  "dup": "second"
}"#;

    fn text_at(ptr: &str) -> Option<&'static str> {
        let root = parse(DOC).unwrap();
        let span = root.pointer(ptr)?.span.clone();
        Some(&DOC[span])
    }

    #[test]
    fn root_and_plain_keys() {
        assert_eq!(text_at(""), Some(DOC));
        assert_eq!(text_at("/list/1/k"), Some("\"v\""));
        assert_eq!(text_at("/list/2/0"), Some("30"));
        assert_eq!(text_at("/dup"), Some("\"second\""));
        assert_eq!(text_at("/missing"), None);
        assert_eq!(text_at("list"), None);
    }

    #[test]
    fn escaped_tokens() {
        assert_eq!(text_at("/a~1b"), Some("1"));
        assert_eq!(text_at("/m~0n"), Some("2"));
        assert_eq!(text_at("/~01"), Some("3"));
        assert_eq!(text_at("/a/b"), None);
        assert_eq!(text_at("//"), Some("4"));
        assert_eq!(text_at("/~2"), None);
        assert_eq!(text_at("/m~"), None);
    }

    #[test]
    fn array_indices_must_be_canonical() {
        assert_eq!(text_at("/list/0"), Some("10"));
        assert_eq!(text_at("/list/00"), None);
        assert_eq!(text_at("/list/01"), None);
        assert_eq!(text_at("/list/-"), None);
        assert_eq!(text_at("/list/+1"), None);
        assert_eq!(text_at("/list/-1"), None);
        assert_eq!(text_at("/list/3"), None);
        assert_eq!(text_at("/list/"), None);
        assert_eq!(text_at("/list/1 "), None);
        assert_eq!(text_at("/list/99999999999999999999999"), None);
        assert_eq!(text_at("/list/0/x"), None);
    }

    #[test]
    fn member_at_finds_the_member() {
        let root = parse(DOC).unwrap();
        let m = root.member_at("/list/1/k").unwrap();
        assert_eq!(m.key, "k");
        assert_eq!(&DOC[m.key_span.clone()], "\"k\"");
        assert_eq!(
            &DOC[root.member_at("/a~1b").unwrap().key_span.clone()],
            "\"a/b\""
        );
        assert_eq!(
            root.member_at("/dup").unwrap().value.as_str(),
            Some("second")
        );
        assert!(root.member_at("").is_none());
        assert!(root.member_at("/list/0").is_none());
        assert!(root.member_at("/nope").is_none());
        assert!(root.member_at("nope").is_none());
    }

    #[test]
    fn escape_round_trips() {
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
        assert_eq!(escape_token("~1"), "~01");
        for key in ["a/b", "m~n", "~1", "/~0/", "", "plain"] {
            assert_eq!(unescape_token(&escape_token(key)).as_deref(), Some(key));
        }
        let root = parse(DOC).unwrap();
        for m in root.as_object().unwrap() {
            let ptr = format!("/{}", escape_token(&m.key));
            assert_eq!(root.member_at(&ptr).unwrap().key, m.key);
        }
    }
}
