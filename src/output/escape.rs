//! Escaping for every output. A checked tree controls file names, manifest values and README
//! lines; none of it may reach a terminal, a CI log or a rendered page as a control character, a
//! terminal escape sequence (ESC, OSC 52 clipboard writes, screen clears), a lone carriage
//! return that rewrites a line, a bidirectional control that reorders what is read, a line that
//! the Actions runner takes for a [workflow command], or Markdown and HTML. One function per
//! target; every format goes through them.
//!
//! Hostile characters are shown as `\u{1b}`-style escapes, which keep them visible and distinct.
//!
//! [workflow command]: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands

use std::borrow::Cow;
use std::io;

/// Whether `c` must never reach output as it is: C0 controls (a target keeps line breaks and
/// tabs when its format has lines), DEL, C1 controls, the bidirectional controls (embeddings,
/// overrides, isolates, marks) and the Unicode line and paragraph separators.
pub(crate) fn hostile(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// How a target treats line structure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    /// One line: line breaks and tabs are escaped too.
    One,
    /// Several lines: `\n`, `\r\n` and tabs stay.
    Kept,
}

/// The characters of `text` to escape for a target that treats lines as `lines` does, with
/// their offsets.
fn escaped(text: &str, lines: Lines) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((at, c)) = chars.next() {
            let line_break = c == '\n'
                || c == '\t'
                || c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n');
            if hostile(c) && !(lines == Lines::Kept && line_break) {
                return Some((at, c));
            }
        }
        None
    })
}

/// `text` with every hostile character escaped, except the line structure `lines` keeps.
fn visible(text: &str, lines: Lines) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    for (at, c) in escaped(text, lines) {
        out.push_str(text.get(copied..at).unwrap_or_default());
        out.push_str(&escape(c));
        copied = at + c.len_utf8();
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// `\u{1b}` for ESC.
fn escape(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// One line of plain text (a path, a message, a label, a note) for a terminal, a CI log or a
/// viewer: every hostile character escaped, line breaks and tabs included, so that nothing can
/// start a line of output.
pub fn line(text: &str) -> Cow<'_, str> {
    visible(text, Lines::One)
}

/// Lines of plain text (help, a diff) for a terminal, a CI log or a viewer: line breaks and tabs
/// stay, every other hostile character is escaped, and a line that would begin, after its
/// indentation, with `::` (which the Actions runner reads as a workflow command) has that first
/// colon escaped.
pub fn text(text: &str) -> Cow<'_, str> {
    let shown = visible(text, Lines::Kept);
    if !shown.contains("::") {
        return shown;
    }
    let mut out = String::with_capacity(shown.len());
    for line in shown.split_inclusive('\n') {
        // The runner trims any Unicode white space before looking for `::`.
        let body = line.trim_start_matches(char::is_whitespace);
        match body.strip_prefix(':').filter(|rest| rest.starts_with(':')) {
            Some(rest) => {
                out.push_str(line.get(..line.len() - body.len()).unwrap_or_default());
                out.push_str(&escape(':'));
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    Cow::Owned(out)
}

/// Source text as a snippet shows it, with the way between original and shown offsets.
#[derive(Debug)]
pub(crate) struct Snippet {
    pub(crate) text: String,
    /// Each escaped character: where it starts and ends in the original, and where its escape
    /// ends in `text`; in order.
    escapes: Vec<(usize, usize, usize)>,
}

impl Snippet {
    /// The offset in `text` of offset `offset` (a char boundary) of the original.
    pub(crate) fn shown(&self, offset: usize) -> usize {
        let before = self.escapes.partition_point(|&(_, end, _)| end <= offset);
        offset + self.shift(before)
    }

    /// The offset in the original of offset `shown` of `text`: an offset inside an escape is
    /// the escaped character's.
    pub(crate) fn original(&self, shown: usize) -> usize {
        let before = self.escapes.partition_point(|&(_, _, end)| end <= shown);
        let next = self
            .escapes
            .get(before)
            .map_or(usize::MAX, |&(start, _, _)| start);
        (shown - self.shift(before)).min(next)
    }

    /// How much longer the shown text is than the original after the first `count` escapes.
    fn shift(&self, count: usize) -> usize {
        count
            .checked_sub(1)
            .and_then(|last| self.escapes.get(last))
            .map_or(0, |&(_, end, shown_end)| shown_end - end)
    }
}

/// Source lines for a terminal: line breaks (`\n`, `\r\n`) and tabs stay; every other hostile
/// character is escaped, and `Snippet` maps offsets so labels can be drawn under the escapes.
pub(crate) fn terminal_snippet(text: &str) -> Snippet {
    let mut shown = String::with_capacity(text.len());
    let mut escapes = Vec::new();
    let mut copied = 0;
    for (at, c) in escaped(text, Lines::Kept) {
        shown.push_str(text.get(copied..at).unwrap_or_default());
        shown.push_str(&escape(c));
        copied = at + c.len_utf8();
        escapes.push((at, copied, shown.len()));
    }
    shown.push_str(text.get(copied..).unwrap_or_default());
    Snippet {
        text: shown,
        escapes,
    }
}

/// The data of a GitHub workflow command (after `::`): hostile characters made visible, line
/// breaks kept, then escaped as `escapeData` in `@actions/core` escapes: `%` first, then CR, LF.
pub fn github_data(text: &str) -> String {
    toolkit_data(&visible(text, Lines::Kept))
}

/// A property value of a GitHub workflow command (`file=`, `title=`): as `github_data`, then `:`
/// and `,` as `escapeProperty` in `@actions/core` escapes them.
pub fn github_property(text: &str) -> String {
    toolkit_data(&visible(text, Lines::Kept))
        .replace(':', "%3A")
        .replace(',', "%2C")
}

fn toolkit_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Text in a Markdown table cell, read as plain text: hostile characters made visible, `&`, `<`
/// and `>` as entities, every other ASCII punctuation character backslash-escaped (so no
/// emphasis, link, image, autolink, HTML or cell break can start), on one line.
pub fn markdown_text(text: &str) -> String {
    let shown = visible(text, Lines::One);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A value in a Markdown table cell, as a code span whose backtick fence is longer than any run
/// of backticks inside it: nothing in it is Markdown or HTML. Hostile characters are made
/// visible and `|` escaped, which GitHub's tables unescape even inside code. A space pads the
/// value where CommonMark would otherwise misread its edge: a backtick there, or a space at both
/// ends (of which CommonMark strips one).
pub fn markdown_code(text: &str) -> String {
    let shown = visible(text, Lines::One).replace('|', "\\|");
    let longest = shown.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let padded = shown.is_empty()
        || shown.starts_with('`')
        || shown.ends_with('`')
        || shown.starts_with(' ') && shown.ends_with(' ');
    let pad = if padded { " " } else { "" };
    format!("{fence}{pad}{shown}{pad}{fence}")
}

/// A message in a Markdown table cell: the parts it quotes in backticks as code spans, the rest
/// as `markdown_text`. A stray backtick is text.
pub fn markdown_message(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('`') {
        let Some((quoted, next)) = after.split_once('`') else {
            break;
        };
        out.push_str(&markdown_text(before));
        out.push_str(&markdown_code(quoted));
        rest = next;
    }
    out.push_str(&markdown_text(rest));
    out
}

/// Writes `value` as pretty-printed JSON whose text holds no hostile character: serde_json
/// escapes C0 controls, and this escapes DEL, C1 and the bidirectional controls and separators
/// as `\uXXXX` too (the values are unchanged).
pub fn json_pretty<W: io::Write, T: serde::Serialize>(out: W, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(
        out,
        Escaping(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut serializer).map_err(io::Error::other)
}

/// serde_json's pretty formatter, escaping the hostile characters serde_json writes as they are.
struct Escaping<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for Escaping<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut copied = 0;
        for (at, c) in fragment.char_indices().filter(|&(_, c)| hostile(c)) {
            writer.write_all(fragment.get(copied..at).unwrap_or_default().as_bytes())?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            copied = at + c.len_utf8();
        }
        writer.write_all(fragment.get(copied..).unwrap_or_default().as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    /// One sample of each class of hostile text, by name.
    const CLASSES: [(&str, &str); 8] = [
        ("C0", "a\u{0}b\u{7}c"),
        ("ESC colour", "\u{1b}[31mred\u{1b}[0m"),
        ("OSC 52", "\u{1b}]52;c;ZXZpbA==\u{7}"),
        ("clear screen", "\u{1b}[2J\u{1b}[H"),
        ("lone CR", "ok\rFORGED"),
        ("C1 and DEL", "\u{9b}2J\u{85}\u{7f}"),
        ("bidi", "\u{202e}gnp.exe\u{2066}\u{200f}\u{61c}"),
        ("separators", "a\u{2028}b\u{2029}"),
    ];

    fn clean(text: &str) -> bool {
        !text.chars().any(hostile)
    }

    #[test]
    fn every_class_is_escaped_on_one_line() {
        for (class, sample) in CLASSES {
            let shown = line(sample);
            assert!(clean(&shown), "{class}: {shown:?}");
        }
        assert_eq!(line("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(line("\u{202e}x"), "\\u{202e}x");
        assert_eq!(line("a\nb\tc\r\n"), "a\\u{a}b\\u{9}c\\u{d}\\u{a}");
        assert!(matches!(line("plain é ✓"), Cow::Borrowed("plain é ✓")));
    }

    #[test]
    fn text_keeps_lines_and_tabs_but_not_a_lone_cr_nor_a_workflow_command() {
        for (class, sample) in CLASSES {
            let shown = text(sample);
            let rest: String = shown.chars().filter(|&c| c != '\n' && c != '\t').collect();
            assert!(clean(&rest), "{class}: {shown:?}");
        }
        assert_eq!(text("a\r\n\tb\n"), "a\r\n\tb\n");
        assert_eq!(text("ok\rFORGED"), "ok\\u{d}FORGED");
        assert_eq!(
            text("x\n  ::error file=a::Forged\n::notice::n\na::b"),
            "x\n  \\u{3a}:error file=a::Forged\n\\u{3a}:notice::n\na::b"
        );
        assert_eq!(text(":: \n::"), "\\u{3a}: \n\\u{3a}:");
        assert_eq!(text("x\n\u{a0}\u{3000}::w"), "x\n\u{a0}\u{3000}\\u{3a}:w");
    }

    #[test]
    fn a_snippet_maps_offsets_both_ways() {
        let original = "a\u{1b}[2J\u{202e}é\r\nb\rc";
        let snippet = terminal_snippet(original);
        assert_eq!(snippet.text, "a\\u{1b}[2J\\u{202e}é\r\nb\\u{d}c");
        for (at, _) in original.char_indices().chain([(original.len(), ' ')]) {
            let shown = snippet.shown(at);
            assert_eq!(snippet.original(shown), at, "offset {at}");
            assert_eq!(
                &snippet.text[shown..],
                &*text(&original[at..]),
                "offset {at}"
            );
        }
        // Inside an escape, the escaped character.
        assert_eq!(snippet.original(3), 1);
        let plain = terminal_snippet("abc");
        assert_eq!(
            (plain.text.as_str(), plain.shown(2), plain.original(2)),
            ("abc", 2, 2)
        );
    }

    #[test]
    fn github_escapes_like_the_toolkit_after_making_controls_visible() {
        assert_eq!(github_data("a%0A\r\n:,"), "a%250A%0D%0A:,");
        assert_eq!(github_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
        assert_eq!(github_property("x::y"), "x%3A%3Ay");
        assert_eq!(github_data("x\n::error file=a::F"), "x%0A::error file=a::F");
        for (class, sample) in CLASSES {
            for shown in [github_data(sample), github_property(sample)] {
                assert!(clean(&shown), "{class}: {shown:?}");
            }
        }
        assert_eq!(github_data("\u{1b}]52;c;x\u{7}"), "\\u{1b}]52;c;x\\u{7}");
    }

    #[test]
    fn markdown_text_escapes_html_and_punctuation() {
        assert_eq!(
            markdown_text("x <img src=https://example.invalid/p.png> & [a](b) | *c*"),
            "x &lt;img src\\=https\\:\\/\\/example\\.invalid\\/p\\.png&gt; &amp; \
             \\[a\\]\\(b\\) \\| \\*c\\*"
        );
        assert_eq!(markdown_text("a\nb"), "a\\\\u\\{a\\}b");
        // No GFM autolink can start: `www.` and `scheme:` lose their raw dot and colon.
        assert_eq!(markdown_text("www.x.invalid"), "www\\.x\\.invalid");
        assert_eq!(markdown_text("a@b.c"), "a\\@b\\.c");
        for (class, sample) in CLASSES {
            assert!(clean(&markdown_text(sample)), "{class}");
        }
    }

    #[test]
    fn markdown_code_fences_are_longer_than_any_backtick_run() {
        assert_eq!(markdown_code("a"), "`a`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("``x```"), "```` ``x``` ````");
        assert_eq!(markdown_code("`a"), "`` `a ``");
        assert_eq!(markdown_code(" a "), "`  a  `");
        assert_eq!(markdown_code(" a"), "` a`");
        assert_eq!(markdown_code(""), "`  `");
        assert_eq!(markdown_code("a|b"), "`a\\|b`");
        assert_eq!(markdown_code("<img src=x>"), "`<img src=x>`");
        assert_eq!(markdown_code("a\nb"), "`a\\u{a}b`");
        for (class, sample) in CLASSES {
            assert!(clean(&markdown_code(sample)), "{class}");
        }
    }

    #[test]
    fn markdown_messages_quote_in_code_and_escape_the_rest() {
        assert_eq!(
            markdown_message("unknown key `x <img>` in `tile` <b>"),
            "unknown key `x <img>` in `tile` &lt;b&gt;"
        );
        assert_eq!(markdown_message("a ` b"), "a \\` b");
    }

    #[test]
    fn json_text_escapes_every_hostile_character_and_keeps_the_values() {
        let value: Vec<&str> = CLASSES.iter().map(|(_, sample)| *sample).collect();
        let mut out = Vec::new();
        json_pretty(&mut out, &serde_json::json!({ "k\u{202e}": value })).unwrap();
        let written = String::from_utf8(out).unwrap();
        let rest: String = written.chars().filter(|&c| c != '\n').collect();
        assert!(clean(&rest), "{written}");
        assert!(
            written.contains("\\u202e") && written.contains("\\u009b"),
            "{written}"
        );
        assert!(
            written.starts_with("{\n  \"k\\u202e\": [\n    \"a\\u0000b"),
            "{written}"
        );
        let back: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(back["k\u{202e}"], serde_json::json!(value));
    }
}
