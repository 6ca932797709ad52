//! The rendered plain text of a README range, with a map from text bytes back to source bytes.
//!
//! Rendering follows what a reader sees on GitHub: Markdown markup is stripped; the text of
//! links, emphasis and inline code is kept; images are dropped (alt text included: it is not
//! shown in the text flow); inline HTML tags and comments are dropped (`<br>` counts as a
//! space); the text of an HTML block is kept without its tags and comments; Hugo shortcodes
//! (`{{< ... >}}`, `{{% ... %}}`, on one line) are dropped; code blocks are kept as blocks of
//! their own. Every whitespace run (NBSP and U+202F included) becomes one ASCII space, and each
//! block boundary (paragraph, list item, heading, table cell, block quote, rule, code or HTML
//! block) becomes one `"\n"`, never doubled and never at either end. Link reference
//! definitions render nothing; a reference with no definition renders as its literal text
//! `[text][id]` and is no link, as on GitHub. An HTML `<a href>` is not reported as a link.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::{Captures, Regex};

const BOM: &str = "\u{feff}";

/// The plain text of a source range and the map back to the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rendered {
    /// Blocks separated by `"\n"`; inside a block, words separated by one ASCII space.
    pub text: String,
    /// Consecutive slices of `text`, in order, each with the source bytes it came from.
    pieces: Vec<Piece>,
    /// The (clamped) range `render` was asked for.
    range: Range<usize>,
}

/// A link whose whole source lies inside the rendered range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// The rendered link text (empty for a link that holds only an image).
    pub text: String,
    /// The destination; reference links are resolved through the whole document.
    pub dest: String,
    /// Source span of the whole link, `[` through `)` or the closing `]`.
    pub span: Range<usize>,
    /// Where the link text sits in `Rendered::text`.
    pub text_range: Range<usize>,
}

/// A README section's rendered text and links, and the heading it belongs to.
#[derive(Debug)]
pub(crate) struct SectionText {
    pub(crate) heading: usize,
    pub(crate) rendered: Rendered,
    pub(crate) links: Vec<Link>,
    /// Where each required sentence looked for was found: the rule of its other outcome
    /// (missing, reworded) asks again and is answered without a second search.
    pub(crate) found: std::sync::Mutex<Vec<(&'static str, super::sentence::Found)>>,
}

impl SectionText {
    /// Where `canonical` is in the section's rendered text, searched once per sentence.
    pub(crate) fn find(&self, canonical: &'static str) -> super::sentence::Found {
        let search = || super::sentence::find(&self.rendered.text, canonical);
        let Ok(mut known) = self.found.lock() else {
            return search();
        };
        if let Some((_, found)) = known.iter().find(|(sentence, _)| *sentence == canonical) {
            return found.clone();
        }
        let found = search();
        known.push((canonical, found.clone()));
        found
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    text: Range<usize>,
    src: Range<usize>,
    /// `text` is a byte-for-byte copy of `src`; otherwise the piece maps to all of `src`.
    linear: bool,
}

/// Renders the part of `source` inside `range`.
///
/// The whole document is parsed (so reference links resolve through definitions anywhere);
/// only content whose source lies inside `range` is kept. A leading BOM is skipped.
pub(crate) fn render(source: &str, range: Range<usize>) -> (Rendered, Vec<Link>) {
    let range = clamp_range(source, range);
    let offset = BOM.len() * usize::from(source.starts_with(BOM));
    let doc = blank_shortcodes(source);
    let body = doc.get(offset..).unwrap_or_default();
    let mut builder = Builder::new(&doc, range.clone());
    for (event, r) in Parser::new_ext(body, options()).into_offset_iter() {
        let r = r.start + offset..r.end + offset;
        if r.start >= range.end {
            break;
        }
        builder.event(event, r);
    }
    builder.finish()
}

impl Rendered {
    /// The source bytes that `text_range` of `text` was rendered from: always inside the
    /// rendered range and on char boundaries of the source. An empty or out-of-bounds
    /// `text_range` gives an empty span.
    pub(crate) fn source_span(&self, text_range: Range<usize>) -> Range<usize> {
        let a = floor_boundary(&self.text, text_range.start);
        let b = ceil_boundary(&self.text, text_range.end).max(a);
        let start = self.map_start(a);
        let end = if b > a { self.map_end(b) } else { start };
        let start = start.clamp(self.range.start, self.range.end);
        start..end.clamp(start, self.range.end)
    }

    fn piece_at(&self, pos: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.text.start <= pos);
        self.pieces.get(i.checked_sub(1)?)
    }

    fn map_start(&self, pos: usize) -> usize {
        match self.piece_at(pos) {
            Some(p) if p.linear => (p.src.start + (pos - p.text.start)).min(p.src.end),
            Some(p) => p.src.start,
            None => self.range.start,
        }
    }

    fn map_end(&self, pos: usize) -> usize {
        match self.piece_at(pos.saturating_sub(1)) {
            Some(p) if p.linear => (p.src.start + (pos - p.text.start)).min(p.src.end),
            Some(p) => p.src.end,
            None => self.range.start,
        }
    }
}

/// The same options as the outline.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// `r` shrunk to char boundaries of `s` (never reversed, never past the end).
fn clamp_range(s: &str, r: Range<usize>) -> Range<usize> {
    let start = ceil_boundary(s, r.start);
    start..floor_boundary(s, r.end).max(start)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Hugo shortcodes as they occur in READMEs: on one line, at most 400 bytes between the braces.
static SHORTCODE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\{\{[<%][^\n]{0,400}?[%>]\}\}").ok());

/// `source` with every Hugo shortcode replaced by as many spaces, so offsets are unchanged and
/// a shortcode alone on its line parses as a blank line, as Hugo renders it.
fn blank_shortcodes(source: &str) -> Cow<'_, str> {
    let Some(re) = SHORTCODE.as_ref() else {
        return Cow::Borrowed(source);
    };
    re.replace_all(source, |c: &Captures<'_>| {
        " ".repeat(c.get(0).map_or(0, |m| m.len()))
    })
}

/// A link being rendered; `None` on the stack when its source is not inside the range.
struct OpenLink {
    dest: String,
    span: Range<usize>,
    text_start: Option<usize>,
}

/// Walks the parser events and builds the text, the pieces and the links.
#[derive(Default)]
struct Builder<'d> {
    /// The document with shortcodes blanked: same length and offsets as the source.
    doc: &'d str,
    range: Range<usize>,
    text: String,
    pieces: Vec<Piece>,
    links: Vec<Link>,
    open: Vec<Option<OpenLink>>,
    /// Source of the whitespace seen since the last word of the current block.
    pending_space: Option<Range<usize>>,
    /// A block boundary was crossed since the last word.
    pending_break: bool,
    last_end: usize,
    image_depth: usize,
    in_html_comment: bool,
    in_html_tag: bool,
}

impl<'d> Builder<'d> {
    fn new(doc: &'d str, range: Range<usize>) -> Self {
        let last_end = range.start;
        Builder {
            doc,
            range,
            last_end,
            ..Builder::default()
        }
    }

    fn finish(self) -> (Rendered, Vec<Link>) {
        let (text, pieces, range) = (self.text, self.pieces, self.range);
        (
            Rendered {
                text,
                pieces,
                range,
            },
            self.links,
        )
    }

    fn event(&mut self, event: Event<'_>, r: Range<usize>) {
        match event {
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) => self.image_depth = self.image_depth.saturating_sub(1),
            _ if self.image_depth > 0 => {}
            Event::Start(Tag::Link { dest_url, .. }) => self.open_link(&dest_url, r),
            Event::End(TagEnd::Link) => self.close_link(),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::Start(Tag::Superscript | Tag::Subscript)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
            | Event::End(TagEnd::Superscript | TagEnd::Subscript) => {}
            Event::Start(_) | Event::End(_) | Event::Rule => {
                (self.in_html_comment, self.in_html_tag) = (false, false);
                self.boundary();
            }
            Event::Text(t) => self.feed(&t, self.verbatim(&t, &r), r),
            Event::Code(t) => {
                let base = self.doc.get(r.clone()).and_then(|s| s.find(&*t));
                self.feed(&t, base.map(|i| r.start + i), r);
            }
            Event::Html(t) => self.html(&t, r),
            Event::InlineHtml(t) if t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("<br")) => {
                self.space(r);
            }
            Event::SoftBreak | Event::HardBreak => self.space(r),
            _ => {}
        }
    }

    fn verbatim(&self, t: &str, r: &Range<usize>) -> Option<usize> {
        (self.doc.get(r.clone()) == Some(t)).then_some(r.start)
    }

    fn open_link(&mut self, dest: &str, span: Range<usize>) {
        let inside = self.range.start <= span.start && span.end <= self.range.end;
        let link = inside.then(|| OpenLink {
            dest: dest.to_string(),
            span,
            text_start: None,
        });
        self.open.push(link);
    }

    fn close_link(&mut self) {
        let Some(Some(link)) = self.open.pop() else {
            return;
        };
        let end = self.text.len();
        let start = link.text_start.unwrap_or(end);
        self.links.push(Link {
            text: self.text.get(start..end).unwrap_or_default().to_string(),
            dest: link.dest,
            span: link.span,
            text_range: start..end,
        });
    }

    fn boundary(&mut self) {
        self.pending_break = true;
        self.pending_space = None;
    }

    fn space(&mut self, src: Range<usize>) {
        self.pending_space = Some(match self.pending_space.take() {
            Some(p) => p.start.min(src.start)..p.end.max(src.end),
            None => src,
        });
    }

    /// Feeds event text: `base` is where `t` sits verbatim in the source, if it does;
    /// otherwise every word of `t` maps to all of `r`.
    fn feed(&mut self, t: &str, base: Option<usize>, r: Range<usize>) {
        let mut start = 0;
        let mut run_is_space = None;
        let ends = t
            .char_indices()
            .map(|(i, c)| (i, Some(c)))
            .chain([(t.len(), None)]);
        for (i, c) in ends {
            let is_space = c.map(char::is_whitespace);
            if is_space == run_is_space {
                continue;
            }
            let src = base.map_or(r.clone(), |b| b + start..b + i);
            match run_is_space {
                Some(true) => self.space(src),
                Some(false) => self.word(t.get(start..i).unwrap_or_default(), src, base.is_some()),
                None => {}
            }
            (start, run_is_space) = (i, is_space);
        }
    }

    /// Appends one word (no whitespace), clipped to the range.
    fn word(&mut self, w: &str, src: Range<usize>, linear: bool) {
        let Some((w, src)) = self.clip(w, src, linear) else {
            return;
        };
        self.separate(src.start);
        for link in self.open.iter_mut().flatten() {
            link.text_start.get_or_insert(self.text.len());
        }
        let text = self.text.len()..self.text.len() + w.len();
        self.text.push_str(w);
        self.last_end = src.end;
        match self.pieces.last_mut() {
            Some(p) if linear && p.linear && p.src.end == src.start && p.text.end == text.start => {
                p.text.end = text.end;
                p.src.end = src.end;
            }
            _ => self.pieces.push(Piece { text, src, linear }),
        }
    }

    /// The part of a word inside the range: a linear word is cut at the range's ends, any
    /// other word is kept only when all of its source is inside.
    fn clip<'w>(
        &self,
        w: &'w str,
        src: Range<usize>,
        linear: bool,
    ) -> Option<(&'w str, Range<usize>)> {
        if !linear {
            let inside = self.range.start <= src.start && src.end <= self.range.end;
            return inside.then_some((w, src));
        }
        let lo = ceil_boundary(w, self.range.start.saturating_sub(src.start));
        let hi = floor_boundary(w, self.range.end.saturating_sub(src.start));
        let w = w.get(lo..hi).filter(|w| !w.is_empty())?;
        Some((w, src.start + lo..src.start + hi))
    }

    /// Emits the block separator or the space owed before a word starting at `at`.
    fn separate(&mut self, at: usize) {
        let space = self.pending_space.take();
        let owed = if std::mem::take(&mut self.pending_break) {
            Some(("\n", self.last_end.min(at)..at))
        } else {
            space.map(|s| (" ", s))
        };
        let Some((sep, src)) = owed.filter(|_| !self.text.is_empty()) else {
            return;
        };
        let start = self.text.len();
        self.text.push_str(sep);
        let text = start..self.text.len();
        self.pieces.push(Piece {
            text,
            src,
            linear: false,
        });
    }

    /// Feeds one line of an HTML block: tags become spaces, comments vanish, text is kept.
    fn html(&mut self, t: &str, r: Range<usize>) {
        let base = self.verbatim(t, &r);
        let at = |i: usize| base.map_or(r.clone(), |b| b + i..b + i);
        let mut i = 0;
        while let Some(rest) = t.get(i..).filter(|s| !s.is_empty()) {
            let (closer, skip) = match (self.in_html_comment, self.in_html_tag) {
                (true, _) => ("-->", 3),
                (_, true) => (">", 1),
                _ => {
                    let markup = markup_start(rest);
                    let j = markup.unwrap_or(rest.len());
                    self.feed(
                        rest.get(..j).unwrap_or_default(),
                        base.map(|b| b + i),
                        r.clone(),
                    );
                    let comment = rest.get(j..).is_some_and(|m| m.starts_with("<!--"));
                    self.in_html_comment = comment;
                    self.in_html_tag = markup.is_some() && !comment;
                    i += j + if comment { 4 } else { 1 };
                    continue;
                }
            };
            let Some(j) = rest.find(closer) else { break };
            if self.in_html_tag {
                self.space(at(i));
            }
            (self.in_html_comment, self.in_html_tag) = (false, false);
            i += j + skip;
        }
    }
}

/// Byte index of the first `<` that opens a tag, a comment or a declaration.
fn markup_start(s: &str) -> Option<usize> {
    s.match_indices('<').map(|(i, _)| i).find(|&i| {
        let next = s.as_bytes().get(i + 1).copied().unwrap_or(b' ');
        next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')
    })
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

    fn text(md: &str) -> String {
        render(md, 0..md.len()).0.text
    }

    #[test]
    fn list_items_are_blocks() {
        assert_eq!(
            text("- one\n- two\n\n1. three\n2. four\n"),
            "one\ntwo\nthree\nfour"
        );
        assert_eq!(text("- a\n  - nested\n- b\n"), "a\nnested\nb");
    }

    #[test]
    fn wrapped_lines_join_with_one_space() {
        let md = "Once this integration has been\nuninstalled,   any previous\n  authorizations are revoked.\n";
        assert_eq!(
            text(md),
            "Once this integration has been uninstalled, any previous authorizations are revoked."
        );
        assert_eq!(text("a  \nb\\\nc\n"), "a b c", "hard breaks are spaces");
    }

    #[test]
    fn inline_markup_is_stripped() {
        let md = "**Once** _this_ `integration` [has](http://x) ~~been~~ <b>un</b>installed.";
        assert_eq!(text(md), "Once this integration has been uninstalled.");
        assert_eq!(text("a&amp;b \\* c"), "a&b * c");
        assert_eq!(text("x<br>y <br/> z"), "x y z");
    }

    #[test]
    fn every_whitespace_run_is_one_space() {
        let md = "a\u{a0}b\u{202f}c \t d\u{a0} \u{a0}e\n";
        assert_eq!(text(md), "a b c d e");
        assert_eq!(text("`a \u{a0} b`"), "a b");
    }

    #[test]
    fn blocks_are_separated_by_newlines() {
        let md = "# Title\n\nPara one\nstill one.\n\n### Sub\n\n| h1 | h2 |\n|---|---|\n| c1 | c2 |\n\n> quote\n\n---\n\n```\ncode  here\n```\n";
        assert_eq!(
            text(md),
            "Title\nPara one still one.\nSub\nh1\nh2\nc1\nc2\nquote\ncode here"
        );
        assert!(!text(md).contains("\n\n"));
    }

    #[test]
    fn comments_shortcodes_and_images_are_dropped() {
        let md = "<!-- xxx tab xxx -->\n{{< tabs >}}\n{{% tab \"Host\" %}}\n\nText <!-- inline --> here ![alt text](i.png) {{< region-param key=\"x\" >}} end.\n\n{{% /tab %}}\n{{< /tabs >}}\n<!--\nmulti\nline\n-->\n";
        assert_eq!(text(md), "Text here end.");
    }

    #[test]
    fn html_blocks_keep_their_text() {
        let md =
            "<div align=\"center\">\n  <p>Once <i>this</i>\n  integration.</p>\n</div>\n\nAfter.\n";
        assert_eq!(text(md), "Once this integration.\nAfter.");
    }

    #[test]
    fn crlf_and_bom_render_like_lf() {
        let lf = "Once this\nintegration.\n\n- a\n- b\n";
        let crlf = lf.replace('\n', "\r\n");
        assert_eq!(text(&crlf), text(lf));
        assert_eq!(text(&crlf), "Once this integration.\na\nb");
        let bom = format!("\u{feff}{crlf}");
        let (r, _) = render(&bom, 0..bom.len());
        assert_eq!(r.text, text(lf));
        let i = r.text.find("integration").unwrap();
        let span = r.source_span(i..i + "integration".len());
        assert_eq!(&bom[span], "integration");
    }

    #[test]
    fn reference_links_resolve_through_definitions_outside_the_range() {
        let md = "## Uninstallation\n\nSee the [API Keys page][3] and [docs][].\n\n## Support\n\n[3]: /organization-settings/api-keys?filter=X\n[docs]: https://docs.example.com\n";
        let start = md.find("See").unwrap();
        let end = md.find("## Support").unwrap();
        let (r, links) = render(md, start..end);
        assert_eq!(r.text, "See the API Keys page and docs.");
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].text, "API Keys page");
        assert_eq!(links[0].dest, "/organization-settings/api-keys?filter=X");
        assert_eq!(&md[links[0].span.clone()], "[API Keys page][3]");
        assert_eq!(&r.text[links[0].text_range.clone()], "API Keys page");
        assert_eq!(links[1].dest, "https://docs.example.com");
    }

    #[test]
    fn inline_links_and_undefined_references() {
        let md = "Go to the [API **Keys** page](https://app.datadoghq.com/organization-settings/api-keys \"t\") or [x][9].";
        let (r, links) = render(md, 0..md.len());
        assert_eq!(r.text, "Go to the API Keys page or [x][9].");
        assert_eq!(links.len(), 1, "an undefined reference is plain text");
        let link = &links[0];
        assert_eq!(link.text, "API Keys page");
        assert_eq!(
            link.dest,
            "https://app.datadoghq.com/organization-settings/api-keys"
        );
        assert!(md[link.span.clone()].starts_with("[API **Keys** page]("));
        assert!(md[link.span.clone()].ends_with("\"t\")"));
        assert_eq!(&r.text[link.text_range.clone()], "API Keys page");
        let (_, img) = render("[![logo](a.png)](https://b)", 0..27);
        assert_eq!(img[0].text, "");
        assert_eq!(img[0].text_range, 0..0);
    }

    #[test]
    fn only_links_inside_the_range_count() {
        let md = "[a](/x) middle [b](/y)";
        let (r, links) = render(md, 8..md.len());
        assert_eq!(r.text, "middle b");
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].dest, "/y");
    }

    #[test]
    fn source_span_round_trip() {
        let md = "## Uninstallation\n\n- Once this integration has been\n  uninstalled, any *previous* authorizations are revoked.\n- Additionally, ensure that all API keys are disabled on the [API Keys page][1].\n\n[1]: /organization-settings/api-keys\n";
        let start = md.find("- Once").unwrap();
        let (r, _) = render(md, start..md.len());
        let sentence =
            "Once this integration has been uninstalled, any previous authorizations are revoked.";
        let i = r.text.find(sentence).unwrap();
        let span = r.source_span(i..i + sentence.len());
        let src = &md[span.clone()];
        assert!(src.starts_with("Once this"), "{src:?}");
        assert!(src.ends_with("are revoked."), "{src:?}");
        for word in sentence.split(' ') {
            assert!(src.contains(word.trim_end_matches([',', '.'])), "{word}");
        }
        let j = r.text.find("API Keys page").unwrap();
        let span = r.source_span(j..j + "API Keys page".len());
        assert_eq!(&md[span], "API Keys page");
        let k = r.text.find("previous").unwrap();
        assert_eq!(&md[r.source_span(k..k + 8)], "previous");
    }

    #[test]
    fn source_span_maps_entities_and_separators_coarsely() {
        let md = "A &amp; B\n\nNext";
        let (r, _) = render(md, 0..md.len());
        assert_eq!(r.text, "A & B\nNext");
        assert_eq!(&md[r.source_span(2..3)], "&amp;");
        assert_eq!(&md[r.source_span(0..r.text.len())], md);
        let nl = r.text.find('\n').unwrap();
        let span = r.source_span(nl..nl + 1);
        assert!(md[span].trim().is_empty());
    }

    #[test]
    fn source_span_is_always_inside_the_range_and_on_char_boundaries() {
        let md = "é ü\u{a0}ö [lien](/x) «ç» {{< x >}} ok.\n\n- ñ\n";
        for start in 0..=md.len() {
            for end in start..=md.len() {
                let (r, links) = render(md, start..end);
                let lo = start;
                let hi = end;
                let n = r.text.len();
                for a in 0..=n {
                    for b in [a, (a + 1).min(n), n, n + 5] {
                        let span = r.source_span(a..b);
                        assert!(span.start <= span.end);
                        assert!(md.is_char_boundary(span.start) && md.is_char_boundary(span.end));
                        let inner = clamp_range(md, lo..hi);
                        assert!(
                            inner.start <= span.start && span.end <= inner.end,
                            "{start}..{end}: {span:?}"
                        );
                    }
                }
                for l in links {
                    assert!(r.text.get(l.text_range.clone()).is_some());
                }
            }
        }
    }

    #[test]
    fn odd_ranges_and_inputs_do_not_panic() {
        let md = "héllo wörld";
        let (r, l) = render(md, 2..1000);
        assert_eq!(r.text, "llo wörld");
        assert!(l.is_empty());
        assert_eq!(render(md, 50..60).0.text, "");
        assert_eq!(render("", 0..0).0.text, "");
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 5..2;
        assert_eq!(render(md, reversed).0.text, "");
        assert_eq!(r.source_span(100..200), r.source_span(100..200));
        for md in [
            "{{<",
            "{{< a",
            "<!--",
            "<div>\n<!-- x",
            "[a]: <",
            "`",
            "\u{feff}",
            "\u{feff}# h",
        ] {
            let _ = render(md, 0..md.len());
        }
    }

    #[test]
    fn hostile_input_is_linear() {
        let mut md = String::new();
        for i in 0..40_000 {
            md.push_str(&format!(
                "{{{{< x\n[a{i}][b] *c* `d` <i>e</i> &amp; \u{a0}f.\n\n"
            ));
        }
        md.push_str(&"{{<".repeat(100_000));
        md.push_str(&"<!--".repeat(100_000));
        let (r, _) = render(&md, 0..md.len());
        assert!(r.text.len() > 100_000);
    }
}
