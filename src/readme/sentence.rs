//! Finding a required sentence in rendered text: exact, a close rewording, or missing.
//!
//! [`find`] splits the text into sentences and compares every sentence, and every run of two
//! adjacent sentences of one block (a rewording may split or merge), with the canonical one.
//! **Exact**: equal after [`normalize`], the final period optional. **Score**: the Dice
//! coefficient of the two multisets of content words (alphanumeric words, lowercase, without
//! [`STOP_WORDS`] and one-letter words): `2 * shared / (n + m)`. Word order does not count (a
//! reordered rewording keeps its score); every extra or missing word lowers it. A sentence
//! holding the whole canonical sentence word for word plus extra words ("...are revoked and
//! logs/metrics stop being emitted to Datadog.") scores at least [`THRESHOLD`]: it is a
//! rewording (the warning's diff shows the extra words), never missing, however long its tail.
//!
//! Measured on every Uninstallation section of the corpus (`integrations-extras`: 36
//! `Uninstallation` headings plus singlestoredb_cloud's `### Uninstall the Datadog integration`;
//! the text after the heading line, rendered), best candidate and score:
//!
//! | integration | S1 | S2 |
//! |---|---|---|
//! | ably fauna invary keep notion oceanbasecloud packetfabric sym | Exact | Exact |
//! | taskcall | Exact | Missing 0.000 |
//! | reflectiz | Missing 0.000 | Exact |
//! | inngest | Exact | Close 0.952 "Ensure that all API keys ... API Keys page." |
//! | webb_ai | Exact | Close 0.818 "To ensure that ... are disabled, search for ... on the Datadog API Keys page." |
//! | adaptive_shield | Close 0.600 "When you uninstall this integration, ..." | Close 0.957 "... API Keys management page." |
//! | doctordroid downdetector | Close 0.600 "After you uninstall this integration, ..." | Close 0.957 (same) |
//! | hawkeye_by_neubird vantage | Close 0.800 "Once you uninstall this integration, ..." | Close 0.957 (same) |
//! | cloudaeye | Close 0.800 (same) | Close 0.870 "Ensure that ... name (CloudAEye) on the API keys management page." |
//! | seagence | Close 0.800 "Once you uninstall the integration, ..." | Close 0.909 "Ensure that ... with the integration ... Management page." |
//! | modal | Close 0.667 "... are revoked and logs/metrics stop being emitted to Datadog." | Close 0.952 "Ensure that ..." |
//! | singlestoredb_cloud | Close 1.000 "Once this integration is uninstalled, all previous ..." | Close 0.500 "Additionally, remove all the API keys associated with this integration." |
//! | isdown | Missing 0.000 | Close 0.783 "... searching for IsDown on the API Keys management page in Datadog." |
//! | doppler | Missing 0.000 | Close 0.762 "Remove all API keys ... on the Datadog API Keys page." |
//! | aimon | Missing 0.000 | Close 0.609 "Search for the integration name on the API Keys page and disable any associated API keys ..." |
//! | appomni | Missing 0.000 | Missing 0.211 "Within Datadog, navigate to Organization settings, then click API Keys." |
//! | cloudquery-cloud pulse starburst_galaxy zilliz_cloud_zilliz_cloud | Missing 0.000 | Missing 0.087-0.118 |
//! | akamas chainguard contrast_security_adr gatling_enterprise gravitee perfectscale watchtower_ziris yugabytedb_managed | Missing 0.000 | Missing 0.000 |
//!
//! The gap: in these sections every rewording scores at least 0.600 (S1) and 0.500 (S2), every
//! unrelated sentence at most 0.000 (S1) and 0.211 (S2); candidates in between are pairs that
//! hold a rewording, which scores higher alone. Rendering whole READMEs (7,712 sentences in 199
//! files) as a stress test, the best unrelated sentences score 0.286 against S1 ("Once you have
//! configured the integration.") and 0.400 against S2 ("Navigate to the Organization Settings >
//! API Keys page and create an API key."). The narrowest gap is therefore S2's, 0.400 to 0.500.
//! The brief's unrelated examples ("Click the trash icon next to the Datadog integration.",
//! "Need help? Contact support.") score 0.000 against both.

use std::collections::HashMap;
use std::ops::Range;

use similar::{Algorithm, DiffTag, capture_diff_slices};

/// The lowest score of a rewording (`Close`). It sits in the middle of the narrowest gap
/// measured (see the module documentation): above every unrelated sentence of the corpus
/// (at most 0.400, and 0.211 inside Uninstallation sections) and below every real rewording
/// (at least 0.500: "Additionally, remove all the API keys associated with this integration.").
/// Counting "integration" as a content word would shrink the whole-corpus S1 gap to
/// 0.444-0.667. A `Close` may score 1.000: same content words, other function words
/// ("Once this integration is uninstalled, all previous authorizations are revoked.").
pub(crate) const THRESHOLD: f64 = 0.45;

/// Below this score the best candidate shares too little with the canonical sentence to be
/// worth pointing at (`Missing { closest: None }`, report on the heading). No unrelated
/// sentence of a real Uninstallation section reaches it (at most 0.211).
pub(crate) const MIN_CLOSEST: f64 = 0.3;

/// A sentence of more words than this is neither normalized nor compared (nor paired): no
/// rewording is that long, and the cap bounds the work on hostile input.
const MAX_WORDS: usize = 1_000;

/// Tokens beyond this are left out of a word diff (a diff is for one sentence).
const MAX_DIFF_TOKENS: usize = 2_000;

/// Words ignored when scoring, so that the score compares what a sentence says: English
/// function words, and "integration", which nearly every sentence of an integration's README
/// holds (counted, it lifts "Once you have configured the integration." to 0.444 against S1).
const STOP_WORDS: &str = "a all an and any are as at be been being by can do for from had has \
    have if in integration into is it its may must of on or our should so that the then these \
    this those to was we were will with you your";

/// Abbreviations whose final dot does not end a sentence (compared in lowercase).
const ABBREVIATIONS: [&str; 4] = ["e.g.", "i.e.", "vs.", "cf."];

/// Where a required sentence was found; ranges are byte ranges of the searched text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Found {
    /// Equal to the canonical sentence after [`normalize`]; a missing final period counts.
    Exact { range: Range<usize> },
    /// A rewording: word similarity at or above [`THRESHOLD`].
    Close { range: Range<usize>, score: f64 },
    /// Nothing close enough; the best candidate if it scores at least [`MIN_CLOSEST`].
    Missing { closest: Option<Range<usize>> },
}

/// The comparison form: lowercase, curly quotes and apostrophes made straight, every
/// whitespace run (NBSP and line breaks included) one space, trimmed.
pub(crate) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .map(straight_quote)
                .flat_map(char::to_lowercase),
        );
    }
    out
}

fn straight_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        _ => c,
    }
}

/// Finds `canonical` in `text` (rendered text whose blocks are separated by `"\n"`).
///
/// Candidates are every sentence and every run of two adjacent sentences of one block.
/// The first sentence equal to the canonical one (see [`Found::Exact`]) wins; otherwise the
/// best-scoring candidate (the earliest on a tie, a sentence before the pair it starts) is
/// `Close` or the `closest` of `Missing`. Cost: linear in the length of `text`.
pub(crate) fn find(text: &str, canonical: &str) -> Found {
    let canon = Canon::new(canonical);
    let mut best = Best::default();
    let mut prev: Option<(Sentence, Option<Vec<String>>)> = None;
    for s in split_sentences(text) {
        let raw = text.get(s.range.clone()).unwrap_or_default();
        if raw.split_whitespace().nth(MAX_WORDS).is_some() {
            prev = None; // too long to be the sentence or half of a pair: not even normalized
            continue;
        }
        let normalized = normalize(raw);
        if canon.is_exact(&normalized) {
            return Found::Exact { range: s.range };
        }
        let words = content_words(&normalized);
        if let Some(w) = &words {
            let contains = !canon.bare().is_empty() && normalized.contains(canon.bare());
            best.consider(canon.score(w, contains), s.range.clone());
        }
        let before = prev.as_ref().filter(|(p, _)| p.block == s.block);
        if let (Some((p, Some(pw))), Some(w)) = (before, &words) {
            let pair = [pw.as_slice(), w].concat();
            best.consider(canon.score(&pair, false), p.range.start..s.range.end);
        }
        prev = Some((s, words));
    }
    match best.0 {
        Some((score, range)) if score >= THRESHOLD => Found::Close { range, score },
        Some((score, range)) if score >= MIN_CLOSEST => Found::Missing {
            closest: Some(range),
        },
        _ => Found::Missing { closest: None },
    }
}

/// The canonical sentence prepared for comparison.
struct Canon {
    normalized: String,
    bag: Bag,
    len: usize,
}

impl Canon {
    fn new(canonical: &str) -> Self {
        let normalized = normalize(canonical);
        let words = content_words(&normalized).unwrap_or_default();
        let len = words.len();
        Canon {
            bag: Bag::new(&words),
            normalized,
            len,
        }
    }

    /// The normalized sentence without its final period.
    fn bare(&self) -> &str {
        let s = self.normalized.as_str();
        s.strip_suffix('.').unwrap_or(s)
    }

    /// Equal after normalization, the final period optional on either side.
    fn is_exact(&self, normalized: &str) -> bool {
        normalized.strip_suffix('.').unwrap_or(normalized) == self.bare()
    }

    /// Dice coefficient of the content words as multisets; at least [`THRESHOLD`] for a
    /// sentence that holds the whole canonical sentence word for word (`contains`).
    fn score(&self, words: &[String], contains: bool) -> f64 {
        let score = dice(self.bag.common(words), words.len(), self.len);
        if contains {
            score.max(THRESHOLD)
        } else {
            score
        }
    }
}

/// The best candidate so far: highest score, then earliest start.
#[derive(Default)]
struct Best(Option<(f64, Range<usize>)>);

impl Best {
    fn consider(&mut self, score: f64, range: Range<usize>) {
        let better = match &self.0 {
            None => true,
            Some((b, r)) => score > *b || (score == *b && range.start < r.start),
        };
        if better {
            self.0 = Some((score, range));
        }
    }
}

/// The content words of a normalized sentence, or `None` past [`MAX_WORDS`] words.
fn content_words(normalized: &str) -> Option<Vec<String>> {
    let all = words(normalized);
    (all.len() <= MAX_WORDS).then(|| {
        let content = all.into_iter().filter(|w| is_content(w));
        content.map(str::to_string).collect()
    })
}

/// Dice coefficient `2 * common / (n + m)`; 0 when both are empty.
fn dice(common: usize, n: usize, m: usize) -> f64 {
    if n + m == 0 {
        return 0.0;
    }
    (2 * common) as f64 / (n + m) as f64
}

/// The alphanumeric words of a normalized string, punctuation dropped, at most
/// `MAX_WORDS + 1` of them.
fn words(normalized: &str) -> Vec<&str> {
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS + 1)
        .collect()
}

/// Not a stop word and longer than one character (drops the `s` of `integration's`).
fn is_content(word: &str) -> bool {
    word.chars().nth(1).is_some() && !STOP_WORDS.split_whitespace().any(|w| w == word)
}

/// The canonical words as a multiset, to count what a candidate shares with it.
struct Bag(HashMap<String, usize>);

impl Bag {
    fn new(words: &[String]) -> Self {
        let mut counts = HashMap::new();
        for w in words {
            *counts.entry(w.clone()).or_insert(0) += 1;
        }
        Bag(counts)
    }

    /// Size of the multiset intersection with `words`.
    fn common(&self, words: &[String]) -> usize {
        let mut left = self.0.clone();
        words
            .iter()
            .filter(|w| match left.get_mut(w.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            })
            .count()
    }
}

/// One sentence: its trimmed byte range in the text and the block (line) it sits in.
#[derive(Debug, Clone, PartialEq)]
struct Sentence {
    range: Range<usize>,
    block: usize,
}

/// Splits at `.`, `!` or `?` (plus closing quotes or brackets) followed by whitespace or the
/// end of a block, except after "e.g." and friends; and at every `"\n"`.
fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (block, line) in text.split('\n').enumerate() {
        let mut start = 0;
        for (i, c) in line.char_indices() {
            if !matches!(c, '.' | '!' | '?') || i < start {
                continue;
            }
            let rest = line.get(i + 1..).unwrap_or_default();
            let end = i + 1 + rest.len() - rest.trim_start_matches(is_closer).len();
            let at_end = line
                .get(end..)
                .is_none_or(|r| r.starts_with(char::is_whitespace) || r.is_empty());
            let head = line.get(start..end).unwrap_or_default();
            if at_end && !(c == '.' && ends_with_abbreviation(head)) {
                push_trimmed(&mut out, line, start..end, offset, block);
                start = end;
            }
        }
        push_trimmed(&mut out, line, start..line.len(), offset, block);
        offset += line.len() + 1;
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '\u{2019}' | '\u{201d}')
}

fn ends_with_abbreviation(head: &str) -> bool {
    let last = head.rsplit(char::is_whitespace).next().unwrap_or_default();
    let last = last
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    ABBREVIATIONS.contains(&last.as_str())
}

fn push_trimmed(out: &mut Vec<Sentence>, line: &str, r: Range<usize>, offset: usize, block: usize) {
    let Some(s) = line.get(r.clone()) else {
        return;
    };
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    if start < end {
        out.push(Sentence {
            range: offset + start..offset + end,
            block,
        });
    }
}

/// A word-level diff of `found` against `canonical`, in git's `--word-diff=plain` notation:
/// `[-words only in found-]` and `{+words only in canonical+}`; the rest is `found` as written.
/// Words are compared as [`normalize`] compares them (case and curly quotes ignored), and
/// punctuation marks are tokens of their own, so "integration," vs "integration" shows only
/// the comma.
pub(crate) fn word_diff(found: &str, canonical: &str) -> String {
    let old = tokens(found);
    let new = tokens(canonical);
    let key = |t: &Token<'_>| normalize(t.text);
    let old_keys: Vec<String> = old.iter().map(key).collect();
    let new_keys: Vec<String> = new.iter().map(key).collect();
    let mut out = String::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let removed = old.get(old_range).unwrap_or_default();
        let added = new.get(new_range).unwrap_or_default();
        match tag {
            DiffTag::Equal => push_tokens(&mut out, removed),
            DiffTag::Delete => push_group(&mut out, "[-", removed, "-]"),
            DiffTag::Insert => push_group(&mut out, "{+", added, "+}"),
            DiffTag::Replace => {
                push_group(&mut out, "[-", removed, "-]");
                push_group(&mut out, "{+", added, "+}");
            }
        }
    }
    out
}

/// A word (alphanumeric run, apostrophes inside kept) or one other non-space character.
struct Token<'a> {
    text: &'a str,
    space_before: bool,
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    // The first token counts as spaced: after a group it must not stick to the marker.
    let mut space_before = true;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            space_before = true;
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek().filter(|_| c.is_alphanumeric()) {
            if !(d.is_alphanumeric() || is_apostrophe(d)) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        let text = s.get(i..end).unwrap_or_default();
        out.push(Token { text, space_before });
        space_before = false;
        if out.len() >= MAX_DIFF_TOKENS {
            break;
        }
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn push_tokens(out: &mut String, tokens: &[Token<'_>]) {
    for t in tokens {
        if t.space_before && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t.text);
    }
}

fn push_group(out: &mut String, open: &str, tokens: &[Token<'_>], close: &str) {
    let Some(first) = tokens.first() else {
        return;
    };
    if first.space_before && !out.is_empty() {
        out.push(' ');
    }
    out.push_str(open);
    let mut inner = String::new();
    push_tokens(&mut inner, tokens);
    out.push_str(&inner);
    out.push_str(close);
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
    use crate::readme::outline;
    use crate::readme::rendered::render;

    const S1: &str =
        "Once this integration has been uninstalled, any previous authorizations are revoked.";
    const S2: &str = "Additionally, ensure that all API keys associated with this integration \
        have been disabled by searching for the integration name on the API Keys page.";

    fn close(text: &str, canonical: &str) -> (String, f64) {
        match find(text, canonical) {
            Found::Close { range, score } => (text[range].to_string(), score),
            other => panic!("expected Close for {text:?}, got {other:?}"),
        }
    }

    fn exact(text: &str, canonical: &str) -> String {
        match find(text, canonical) {
            Found::Exact { range } => text[range].to_string(),
            other => panic!("expected Exact for {text:?}, got {other:?}"),
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|s| &text[s.range])
            .collect()
    }

    #[test]
    fn real_rewordings_are_close() {
        for (found, canonical) in [
            (
                "Once you uninstall this integration, any previous authorizations are revoked.",
                S1,
            ),
            (
                "When you uninstall this integration, any previous authorizations are revoked.",
                S1,
            ),
            (
                "Additionally, ensure that all API keys associated with this integration have been \
                 disabled by searching for the integration name on the API Keys management page.",
                S2,
            ),
        ] {
            let text = format!("Click Uninstall.\nFirst step. {found} Need help? Contact support.");
            let (sentence, score) = close(&text, canonical);
            assert_eq!(sentence, found);
            assert!((THRESHOLD..1.0).contains(&score), "{score}");
        }
    }

    #[test]
    fn exact_ignores_case_whitespace_quotes_and_final_period() {
        let text = "Step one.\n  ONCE this  integration\u{a0}has been uninstalled, any previous \
            authorizations are REVOKED  \nNext.";
        assert!(exact(text, S1).starts_with("ONCE"));
        let curly = "Don\u{2019}t stop. It\u{2019}s \u{201c}done\u{201d}.";
        assert_eq!(
            exact(curly, "It's \"done\""),
            "It\u{2019}s \u{201c}done\u{201d}."
        );
        assert_eq!(normalize("  A\u{a0}\u{202f}B\r\n\tC\u{2019}  "), "a b c'");
        assert!(!matches!(
            find(
                "Once this integration has been uninstalled, any previous authorizations are revoked..",
                S1
            ),
            Found::Exact { .. }
        ));
    }

    #[test]
    fn exact_through_rendered_markdown() {
        let md = "## Uninstallation\n\n- Once this integration has been\n  uninstalled, any *previous*\n  authorizations are revoked\n- Additionally, ensure that all API keys associated with this integration have been disabled by searching for the integration name on the [API Keys page][1].\n\n## Support\n\n[1]: /organization-settings/api-keys\n";
        let o = outline(md);
        let h = o.h2("Uninstallation").unwrap();
        let (r, links) = render(md, h.span.end..h.section.end);
        let Found::Exact { range } = find(&r.text, S1) else {
            panic!()
        };
        let src = &md[r.source_span(range)];
        assert!(
            src.starts_with("Once") && src.ends_with("are revoked"),
            "{src:?}"
        );
        let Found::Exact { range } = find(&r.text, S2) else {
            panic!()
        };
        assert!(links[0].text_range.start >= range.start && links[0].text_range.end <= range.end);
    }

    #[test]
    fn unrelated_sentences_are_missing() {
        for text in [
            "Click the trash icon next to the Datadog integration.",
            "Need help? Contact support.",
            "Click the trash icon next to the Datadog integration. Need help? Contact support.",
            "",
            "\n\n",
        ] {
            for canonical in [S1, S2] {
                assert_eq!(
                    find(text, canonical),
                    Found::Missing { closest: None },
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn empty_canonical_finds_nothing() {
        assert_eq!(
            find("Some text. More.", ""),
            Found::Missing { closest: None }
        );
        assert_eq!(find("", ""), Found::Missing { closest: None });
    }

    #[test]
    fn missing_points_at_a_related_sentence() {
        let text = "Go to Settings.\nDisable the API keys associated with this integration.";
        let Found::Missing {
            closest: Some(range),
        } = find(text, S2)
        else {
            panic!()
        };
        assert_eq!(
            &text[range],
            "Disable the API keys associated with this integration."
        );
    }

    #[test]
    fn canonical_plus_extra_words_is_close() {
        let modal = "Once this integration has been uninstalled, any previous authorizations are \
            revoked and logs/metrics stop being emitted to Datadog.";
        assert!(close(modal, S1).1 >= 0.6);
        let long = format!(
            "{} and {}.",
            S1.trim_end_matches('.'),
            "more words here ".repeat(40)
        );
        let (sentence, score) = close(&long, S1);
        assert_eq!(sentence, long);
        assert_eq!(score, THRESHOLD);
    }

    #[test]
    fn merged_and_split_variants() {
        let merged = "Once this integration is uninstalled, previous authorizations are revoked, so \
            make sure all API keys associated with this integration have been disabled by searching \
            for the integration name on the API Keys page.";
        assert_eq!(close(merged, S1).0, merged);
        assert_eq!(close(merged, S2).0, merged);
        let split = "Intro.\nOnce the integration has been uninstalled. Previous authorizations are then \
            revoked. Unrelated tail here.";
        let (sentence, _) = close(split, S1);
        assert_eq!(
            sentence,
            "Once the integration has been uninstalled. Previous authorizations are then revoked."
        );
    }

    #[test]
    fn pairs_stay_inside_a_block() {
        let text =
            "Once this integration has been uninstalled.\nPrevious authorizations are revoked.";
        let (sentence, _) = close(text, S1);
        assert!(!sentence.contains('\n'));
    }

    #[test]
    fn ties_go_to_the_earliest() {
        let text = "When you uninstall this integration, any previous authorizations are revoked. \
            Intro.\nWhen you uninstall this integration, any previous authorizations are revoked.";
        let Found::Close { range, .. } = find(text, S1) else {
            panic!()
        };
        assert_eq!(range.start, 0);
        let twice = "x. Once this integration has been uninstalled, any previous authorizations are revoked. Once this integration has been uninstalled, any previous authorizations are revoked.";
        assert_eq!(
            find(twice, S1),
            Found::Exact {
                range: 3..3 + S1.len()
            }
        );
    }

    #[test]
    fn sentence_splitting() {
        assert_eq!(
            sentences("Need help? Contact support."),
            ["Need help?", "Contact support."]
        );
        assert_eq!(
            sentences("Use a key, e.g. the admin key. Go to app.datadoghq.com/x and v1.2 now!"),
            [
                "Use a key, e.g. the admin key.",
                "Go to app.datadoghq.com/x and v1.2 now!"
            ]
        );
        assert_eq!(
            sentences("He said \"stop.\" Then (left.) Done"),
            ["He said \"stop.\"", "Then (left.)", "Done"]
        );
        assert_eq!(
            sentences("one\ntwo. three\n\n  \nfour"),
            ["one", "two.", "three", "four"]
        );
        assert!(sentences("").is_empty());
    }

    #[test]
    fn word_diff_marks_removed_and_added_words() {
        let found = "Once you uninstall this integration, any previous authorizations are revoked.";
        assert_eq!(
            word_diff(found, S1),
            "Once [-you uninstall-] this integration {+has been uninstalled+}, any previous \
             authorizations are revoked."
        );
        assert_eq!(
            word_diff(
                "Ensure ALL api keys are disabled",
                "Additionally, ensure all API keys are disabled."
            ),
            "{+Additionally,+} Ensure ALL api keys are disabled{+.+}"
        );
        assert_eq!(
            word_diff("When you uninstall it", "Once it"),
            "[-When you uninstall-] {+Once+} it"
        );
        assert_eq!(word_diff(S1, S1), S1);
        assert_eq!(word_diff("", "a b"), "{+a b+}");
        assert_eq!(word_diff("a b", ""), "[-a b-]");
        assert_eq!(word_diff("don\u{2019}t go", "don't go"), "don\u{2019}t go");
    }

    #[test]
    fn hostile_input_is_handled_without_panic() {
        let mut text = "word ".repeat(1_500_000); // one 7.5 MB sentence, over MAX_WORDS
        text.push_str(".\n");
        text.push_str(&"Once integration. ".repeat(100_000));
        text.push_str(&"e.g. ".repeat(100_000));
        text.push_str(&"?)".repeat(100_000));
        text.push_str(&"\n".repeat(100_000));
        let found = find(&text, S2);
        assert!(matches!(found, Found::Missing { .. }));
        let _ = find(&text, S1);
        let _ = word_diff(&text[..200_000], S2);
    }

    /// The full sample when it sits beside the project, else the bundled integrations.
    fn corpus() -> std::path::PathBuf {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let beside = root.join("../shared/corpus/integrations-extras");
        let bundled = root.join("tests/corpus/integrations-extras");
        if beside.is_dir() { beside } else { bundled }
    }

    /// (integration, S1 verdict, S2 verdict) as measured; E exact, C close, M missing.
    const VERDICTS: &[(&str, char, char)] = &[
        ("ably", 'E', 'E'),
        ("adaptive_shield", 'C', 'C'),
        ("aimon", 'M', 'C'),
        ("akamas", 'M', 'M'),
        ("appomni", 'M', 'M'),
        ("chainguard", 'M', 'M'),
        ("cloudaeye", 'C', 'C'),
        ("cloudquery-cloud", 'M', 'M'),
        ("contrast_security_adr", 'M', 'M'),
        ("doctordroid", 'C', 'C'),
        ("doppler", 'M', 'C'),
        ("downdetector", 'C', 'C'),
        ("fauna", 'E', 'E'),
        ("gatling_enterprise", 'M', 'M'),
        ("gravitee", 'M', 'M'),
        ("hawkeye_by_neubird", 'C', 'C'),
        ("inngest", 'E', 'C'),
        ("invary", 'E', 'E'),
        ("isdown", 'M', 'C'),
        ("keep", 'E', 'E'),
        ("modal", 'C', 'C'),
        ("notion", 'E', 'E'),
        ("oceanbasecloud", 'E', 'E'),
        ("packetfabric", 'E', 'E'),
        ("perfectscale", 'M', 'M'),
        ("pulse", 'M', 'M'),
        ("reflectiz", 'M', 'E'),
        ("seagence", 'C', 'C'),
        ("singlestoredb_cloud", 'C', 'C'),
        ("starburst_galaxy", 'M', 'M'),
        ("sym", 'E', 'E'),
        ("taskcall", 'E', 'M'),
        ("vantage", 'C', 'C'),
        ("watchtower_ziris", 'M', 'M'),
        ("webb_ai", 'E', 'C'),
        ("yugabytedb_managed", 'M', 'M'),
        ("zilliz_cloud_zilliz_cloud", 'M', 'M'),
    ];

    fn verdict(found: &Found, text: &str) -> char {
        let inside = |r: &Range<usize>| {
            r.start < r.end && text.get(r.clone()).is_some_and(|s| !s.contains('\n'))
        };
        match found {
            Found::Exact { range } => {
                assert!(inside(range));
                'E'
            }
            Found::Close { range, score } => {
                assert!(inside(range) && (THRESHOLD..=1.0).contains(score));
                'C'
            }
            Found::Missing { closest } => {
                assert!(closest.as_ref().is_none_or(inside));
                'M'
            }
        }
    }

    #[test]
    fn real_corpus_uninstallation_sections() {
        let dir = corpus();
        let mut seen = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(md) = std::fs::read_to_string(path.join("README.md")) else {
                continue;
            };
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let o = outline(&md);
            for h in o
                .headings
                .iter()
                .filter(|h| h.text.to_lowercase().contains("uninstall"))
            {
                let (r, _) = render(&md, h.span.end..h.section.end);
                let got = (
                    verdict(&find(&r.text, S1), &r.text),
                    verdict(&find(&r.text, S2), &r.text),
                );
                // The whole README as one range must not panic either.
                let (whole, _) = render(&md, 0..md.len());
                verdict(&find(&whole.text, S1), &whole.text);
                let expected = VERDICTS.iter().find(|v| v.0 == name).map(|v| (v.1, v.2));
                assert_eq!(Some(got), expected, "{name}");
                seen.push(name.clone());
            }
        }
        seen.sort();
        let present = VERDICTS.iter().filter(|v| dir.join(v.0).is_dir());
        assert_eq!(seen, present.map(|v| v.0.to_string()).collect::<Vec<_>>());
    }
}
