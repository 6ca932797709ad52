//! `readme-non-ascii`: an integrations-extras README.md holds a character above U+0100.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::files::{FileId, Readme};
use crate::finding::{Finding, FixSpec, Place};
use crate::fix::Edit;
use crate::integration::Integration;
use crate::rules::capped::Capped;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// In an integrations-extras README.md (not in the Marketplace), reports every character
    /// above U+0100, code blocks included, each at its place: typographic quotes and dashes,
    /// ellipses, special spaces, emoji, letters of other scripts. Typographic quotes
    /// (`‘ ’ ‚ ‛ “ ” „ ‟`), dashes (`‐ ‑ ‒ – — ―` and the minus sign `−`), the ellipsis `…`
    /// and special spaces (the narrow and figure no-break spaces, the en, em, thin and hair
    /// spaces) get a fix to their ASCII form (`'`, `"`, `-`, `...`, a space).
    ///
    /// Datadog's check reads the file with Python's `splitlines`, so it never sees U+2028 and
    /// U+2029 (line and paragraph separators); ddlint reports them. A UTF-8 byte order mark
    /// at the start of the file is not a character of the text and is not reported (Datadog's
    /// check fails on it: remove it if Datadog complains).
    ///
    /// ## Why
    /// Text pasted from a word processor or a chat carries curly quotes and long dashes; in a
    /// command or a configuration sample they break what the user copies
    /// (`--namespace` becomes `–namespace`). Datadog's `ddev validate readmes` fails an
    /// integrations-extras pull request on every character above U+0100.
    ///
    /// ## Example
    /// ```markdown
    /// Run `kubectl get pods –n acme` and check the pod’s “Ready” column.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Run `kubectl get pods -n acme` and check the pod's "Ready" column.
    /// ```
    ///
    /// ## Fix
    /// `ddlint check --fix` writes the quotes, dashes, ellipses and spaces above in ASCII,
    /// in text and code alike (not inside a link's URL, which it leaves alone). In a heading
    /// the fix is unsafe (`--unsafe-fixes`), since it may change the heading's anchor. Other
    /// characters must be rewritten by hand.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/readmes.py`,
    ///   `get_ascii_enforcement_error_lines` (BSD 3-Clause)
    pub(crate) struct ReadmeNonAscii {
        code: "DD220",
        name: "readme-non-ascii",
        level: Error,
        summary: "an integrations-extras README.md has a character above U+0100",
        reads: [Manifest, Readme],
    }
}

/// The highest code point Datadog's check lets through (`ord(c) > 256` fails).
const THRESHOLD: u32 = 0x100;

/// The characters with an ASCII form, their names, and that form.
const ASCII_FORMS: &[(char, &str, &str)] = &[
    ('\u{2018}', "LEFT SINGLE QUOTATION MARK", "'"),
    ('\u{2019}', "RIGHT SINGLE QUOTATION MARK", "'"),
    ('\u{201A}', "SINGLE LOW-9 QUOTATION MARK", "'"),
    ('\u{201B}', "SINGLE HIGH-REVERSED-9 QUOTATION MARK", "'"),
    ('\u{201C}', "LEFT DOUBLE QUOTATION MARK", "\""),
    ('\u{201D}', "RIGHT DOUBLE QUOTATION MARK", "\""),
    ('\u{201E}', "DOUBLE LOW-9 QUOTATION MARK", "\""),
    ('\u{201F}', "DOUBLE HIGH-REVERSED-9 QUOTATION MARK", "\""),
    ('\u{2010}', "HYPHEN", "-"),
    ('\u{2011}', "NON-BREAKING HYPHEN", "-"),
    ('\u{2012}', "FIGURE DASH", "-"),
    ('\u{2013}', "EN DASH", "-"),
    ('\u{2014}', "EM DASH", "-"),
    ('\u{2015}', "HORIZONTAL BAR", "-"),
    ('\u{2212}', "MINUS SIGN", "-"),
    ('\u{2026}', "HORIZONTAL ELLIPSIS", "..."),
    ('\u{202F}', "NARROW NO-BREAK SPACE", " "),
    ('\u{2007}', "FIGURE SPACE", " "),
    ('\u{2002}', "EN SPACE", " "),
    ('\u{2003}', "EM SPACE", " "),
    ('\u{2009}', "THIN SPACE", " "),
    ('\u{200A}', "HAIR SPACE", " "),
];

impl Rule for ReadmeNonAscii {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        if integration.repo_kind(settings) == RepoKind::Marketplace {
            return;
        }
        let Some(readme) = integration.readme() else {
            return;
        };
        let text = readme.source.text();
        if text.is_ascii() {
            return;
        }
        let prose = prose_ranges(text);
        let mut out = Capped::new(out);
        for (at, c) in text.char_indices() {
            if u32::from(c) <= THRESHOLD || at == 0 && c == '\u{feff}' {
                continue;
            }
            out.push(|| finding(readme, &prose, at, c));
        }
    }
}

fn finding(readme: &Readme, prose: &[Range<usize>], at: usize, c: char) -> Finding {
    let span = at..at + c.len_utf8();
    let code = format!("U+{:04X}", u32::from(c));
    let form = ASCII_FORMS.iter().find(|(known, _, _)| *known == c);
    let Some((_, name, ascii)) = form else {
        let shown = if c.is_alphanumeric() { format!("`{c}` ({code})") } else { code };
        return Finding::new(
            format!("README.md has the non-ASCII character {shown}"),
            Place::span(FileId::README, span),
            "not ASCII",
        )
        .with_help("write it in ASCII or remove it: integrations-extras READMEs may hold no character above U+0100");
    };
    let shown_ascii = if *ascii == " " { "a space".to_owned() } else { format!("`{ascii}`") };
    let in_heading = readme.outline.headings.iter().any(|h| h.span.contains(&at));
    let fix = contains(prose, at).then(|| {
        let edit = vec![Edit::replace(span.clone(), *ascii)];
        let description = format!("replace {code} with {shown_ascii}");
        if in_heading {
            FixSpec::unsafe_(FileId::README, description, edit)
        } else {
            FixSpec::safe(FileId::README, description, edit)
        }
    });
    let label = if matches!(ascii.chars().next(), Some(' ')) { "a special space" } else { "not ASCII" };
    let shown = if *ascii == " " {
        format!("{code} {name}")
    } else {
        format!("`{c}` ({code} {name})")
    };
    let by_hand = if fix.is_none() { " by hand (it is in a URL or HTML, which the fix leaves alone)" } else { "" };
    Finding::new(
        format!("README.md has the non-ASCII character {shown}"),
        Place::span(FileId::README, span),
        label,
    )
    .with_help(format!("replace it with {shown_ascii}{by_hand}"))
    .with_fix(fix)
}

/// Where the text and code of the README are: what a character can be replaced in without
/// touching a URL (an autolink's included), an HTML tag or a reference definition.
fn prose_ranges(text: &str) -> Vec<Range<usize>> {
    let offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = text.get(offset..).unwrap_or_default();
    let mut ranges = Vec::new();
    let mut in_autolink = false;
    for (event, r) in Parser::new_ext(body, crate::readme::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => in_autolink = true,
            Event::End(TagEnd::Link) => in_autolink = false,
            Event::Text(_) | Event::Code(_) if !in_autolink => {
                ranges.push(r.start + offset..r.end + offset);
            }
            _ => {}
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// Whether `at` lies in one of the sorted `ranges`.
fn contains(ranges: &[Range<usize>], at: usize) -> bool {
    let after = ranges.partition_point(|r| r.start <= at);
    after
        .checked_sub(1)
        .and_then(|i| ranges.get(i))
        .is_some_and(|r| r.contains(&at))
}
