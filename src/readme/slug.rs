//! GitHub heading anchors, computed the way the `github-slugger` npm package does.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Characters github-slugger removes: everything except letters, marks,
/// decimal and letter numbers, connector punctuation, alphabetic symbols
/// (such as circled letters), the ASCII space and the ASCII hyphen.
/// Note that other numbers (`²`, `½`, `①`) are removed, as github-slugger does.
static REMOVED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\p{Alphabetic} \-]").ok());

/// GitHub's base anchor for a heading text: lowercased (Unicode-aware),
/// punctuation, symbols and other whitespace removed, each space turned into `-`.
/// No trimming and no collapsing of repeated `-`.
pub(crate) fn slug(text: &str) -> String {
    let lower = text.to_lowercase();
    if lower.is_ascii() {
        // What the classes keep of ASCII, without the regex: most headings are ASCII.
        return lower
            .chars()
            .filter(|&c| c.is_ascii_alphanumeric() || matches!(c, '_' | ' ' | '-'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
    }
    let kept = match REMOVED.as_ref() {
        Some(re) => re.replace_all(&lower, "").into_owned(),
        None => lower.chars().filter(|&c| fallback_keep(c)).collect(),
    };
    kept.replace(' ', "-")
}

/// Approximation used only if the regex failed to compile (it cannot).
fn fallback_keep(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == ' ' || c == '-'
}

/// Hands out unique anchors in document order: the first `foo` stays `foo`,
/// later ones become `foo-1`, `foo-2`, ..., skipping anchors already taken
/// (for instance by an earlier heading literally named `foo-1`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Slugger {
    occurrences: HashMap<String, usize>,
}

impl Slugger {
    /// The unique anchor for the next heading whose text is `text`.
    pub(crate) fn slug(&mut self, text: &str) -> String {
        let base = slug(text);
        let mut result = base.clone();
        while self.occurrences.contains_key(&result) {
            let count = self.occurrences.entry(base.clone()).or_insert(0);
            *count += 1;
            result = format!("{base}-{count}");
        }
        self.occurrences.insert(result.clone(), 0);
        result
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]
    use super::*;

    #[test]
    fn ascii_headings_slug_as_the_classes_say() {
        let every: String = (0u8..128).map(char::from).collect();
        for text in [
            every.as_str(),
            "Setup & Uninstallation (v2.1)",
            "a_b-c d\te",
        ] {
            let lower = text.to_lowercase();
            let by_regex = REMOVED
                .as_ref()
                .unwrap()
                .replace_all(&lower, "")
                .replace(' ', "-");
            assert_eq!(slug(text), by_regex, "{text:?}");
        }
    }

    #[test]
    fn base_slugs_match_github_slugger() {
        let cases = [
            ("Overview", "overview"),
            ("Überblick", "überblick"),
            ("日本語", "日本語"),
            ("Ça va?", "ça-va"),
            ("C++ & Rust", "c--rust"),
            ("1.2.3 Release", "123-release"),
            ("`code` span", "code-span"),
            ("emoji 🎉 here", "emoji--here"),
            ("a  b", "a--b"),
            ("Foo_Bar-baz", "foo_bar-baz"),
            ("heading with a - dash", "heading-with-a---dash"),
            (
                "exchange.bind_headers(exchange, routing [, bindCallback])",
                "exchangebind_headersexchange-routing--bindcallback",
            ),
            (
                "apostrophe’s should be trimmed",
                "apostrophes-should-be-trimmed",
            ),
            ("I ♥ unicode", "i--unicode"),
            ("en–dash", "endash"),
            ("😄 unicode emoji", "-unicode-emoji"),
            (":ok_hand: Single", "ok_hand-single"),
            ("Привет non-latin 你好", "привет-non-latin-你好"),
            (" a ", "-a-"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(slug(input), want, "input {input:?}");
        }
    }

    #[test]
    fn whitespace_other_than_ascii_space_is_removed() {
        assert_eq!(slug("a\u{a0}b"), "ab");
        assert_eq!(slug("a\tb"), "ab");
        assert_eq!(slug("a\nb"), "ab");
        assert_eq!(slug("a\u{3000}b"), "ab");
    }

    #[test]
    fn numbers_marks_and_alphabetic_symbols() {
        // Other_Number is removed, letter numbers and decimal digits are kept.
        assert_eq!(slug("x² ½ ① Ⅻ ٣"), "x---ⅻ-٣");
        // Combining marks are kept; circled letters are alphabetic and kept.
        assert_eq!(slug("e\u{301} Ⓔ"), "e\u{301}-ⓔ");
        // Final sigma is lowercased in context, as JavaScript's toLowerCase does.
        assert_eq!(slug("ΟΔΟΣ"), "οδος");
    }

    #[test]
    fn slugger_numbers_duplicates_like_github_slugger() {
        let mut s = Slugger::default();
        let got: Vec<String> = ["echo", "echo", "echo 1", "echo-1", "echo"]
            .iter()
            .map(|t| s.slug(t))
            .collect();
        assert_eq!(got, ["echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2"]);

        let mut s = Slugger::default();
        let got: Vec<String> = ["foxtrot-1", "foxtrot", "foxtrot"]
            .iter()
            .map(|t| s.slug(t))
            .collect();
        assert_eq!(got, ["foxtrot-1", "foxtrot", "foxtrot-2"]);
    }

    #[test]
    fn slugger_handles_dashes_and_prototype_names() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("-a-"), "-a-");
        assert_eq!(s.slug("-a-"), "-a--1");
        assert_eq!(s.slug("__proto__"), "__proto__");
        assert_eq!(s.slug("__proto__"), "__proto__-1");
        assert_eq!(s.slug(""), "");
        assert_eq!(s.slug(""), "-1");
    }
}
