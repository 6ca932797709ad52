//! Builds the heading outline of a README with pulldown-cmark (CommonMark + GFM blocks).

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Heading, Outline, Slugger, Span};

/// Parses `text` and returns its headings in document order.
///
/// A leading UTF-8 BOM is skipped; all spans still refer to `text`.
#[cfg(test)]
pub(crate) fn outline(text: &str) -> Outline {
    super::scan(text).outline
}

/// The headings of one pass over a README's body, fed event by event (code blocks and HTML
/// blocks yield none).
#[derive(Default)]
pub(super) struct Headings {
    done: Vec<Raw>,
    current: Option<Raw>,
}

impl Headings {
    pub(super) fn event(&mut self, event: &Event<'_>, range: &Span) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.current = Some(Raw::new(*level as u8, range.clone()));
            }
            Event::End(TagEnd::Heading(_)) => self.done.extend(self.current.take()),
            other => {
                if let Some(raw) = self.current.as_mut() {
                    raw.content_end = raw.content_end.max(range.end);
                    raw.add(other);
                }
            }
        }
    }

    /// The outline of `body`, its spans shifted by `offset` (a skipped BOM) into the text.
    pub(super) fn finish(self, body: &str, offset: usize) -> Outline {
        let mut slugger = Slugger::default();
        let mut headings: Vec<Heading> = (self.done.into_iter())
            .filter_map(|raw| finish(body, raw, &mut slugger))
            .collect();
        set_section_ends(body, &mut headings);
        for h in &mut headings {
            h.span = shift(&h.span, offset);
            h.section = shift(&h.section, offset);
        }
        Outline { headings }
    }
}

/// A heading as the parser reports it, before spans and slugs are worked out.
struct Raw {
    level: u8,
    /// The parser's range in the body: the heading through its line ending.
    range: Span,
    /// Rendered text shown to the reader (image alt text included).
    display: String,
    /// Text GitHub slugs: the DOM text content, where images contribute nothing.
    anchor: String,
    image_depth: usize,
    /// End of the last inline event seen inside the heading.
    content_end: usize,
}

impl Raw {
    fn new(level: u8, range: Span) -> Self {
        let (display, anchor) = (String::new(), String::new());
        let content_end = range.start;
        Raw {
            level,
            range,
            display,
            anchor,
            image_depth: 0,
            content_end,
        }
    }

    fn add(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(t) | Event::Code(t) => self.push(t),
            Event::SoftBreak | Event::HardBreak => self.push("\n"),
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) => self.image_depth = self.image_depth.saturating_sub(1),
            // Inline HTML tags and comments, footnote references, markup: no text.
            _ => {}
        }
    }

    fn push(&mut self, s: &str) {
        self.display.push_str(s);
        if self.image_depth == 0 {
            self.anchor.push_str(s);
        }
    }
}

/// Turns a parsed heading into a `Heading` in body coordinates.
/// Its section runs to the end of the body until `set_section_ends` says otherwise.
fn finish(body: &str, mut raw: Raw, slugger: &mut Slugger) -> Option<Heading> {
    let source = body.get(raw.range.clone())?;
    let trimmed = source.trim_end_matches(is_blank_or_eol);
    let start = raw.range.start;
    let len = if trimmed.contains(is_eol) {
        trimmed.len() // setext: text line(s) through the underline
    } else {
        let len = atx_len(trimmed);
        drop_closing_tail(body, &mut raw, start + len);
        len
    };
    Some(Heading {
        level: raw.level,
        text: collapse_whitespace(&raw.display),
        span: start..start + len,
        section: start..body.len(),
        slug: slugger.slug(&raw.anchor),
    })
}

/// Length of an ATX heading line without its closing `#` sequence.
/// `line` starts at the opening `#`s and has no trailing blanks or line ending.
/// A closing sequence is a run of `#` preceded by a space or tab (or by the
/// opening sequence itself); `## Foo#` and `## Foo \#` keep their `#`.
fn atx_len(line: &str) -> usize {
    let content = line.trim_start_matches('#');
    let opening = line.len() - content.len();
    let without = content.trim_end_matches('#');
    let has_closing =
        without.len() < content.len() && (without.is_empty() || without.ends_with([' ', '\t']));
    if has_closing {
        opening + without.trim_end_matches([' ', '\t']).len()
    } else {
        line.len()
    }
}

/// pulldown-cmark 0.13 keeps a closing sequence next to a tab (`## Foo\t#`)
/// as heading text; CommonMark and GitHub drop it. Cut that tail off.
fn drop_closing_tail(body: &str, raw: &mut Raw, span_end: usize) {
    if raw.content_end <= span_end {
        return;
    }
    let Some(tail) = body.get(span_end..raw.content_end) else {
        return;
    };
    for rendered in [&mut raw.display, &mut raw.anchor] {
        if let Some(kept) = rendered.strip_suffix(tail) {
            let keep = kept.len();
            rendered.truncate(keep);
        }
    }
}

/// Ends each section at the line start of the next heading of the same or a
/// higher rank, using a stack of still-open headings (linear time).
fn set_section_ends(body: &str, headings: &mut [Heading]) {
    let mut open: Vec<usize> = Vec::new();
    for index in 0..headings.len() {
        let Some((level, start)) = headings.get(index).map(|h| (h.level, h.span.start)) else {
            continue;
        };
        let boundary = line_start(body, start);
        while let Some(h) = open.last().and_then(|&j| headings.get_mut(j)) {
            if h.level < level {
                break;
            }
            h.section.end = boundary.max(h.span.end);
            open.pop();
        }
        open.push(index);
    }
}

/// Byte offset of the start of the line holding `pos`.
fn line_start(body: &str, pos: usize) -> usize {
    body.get(..pos)
        .and_then(|before| before.rfind(is_eol))
        .map_or(0, |i| i + 1)
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shift(span: &Span, offset: usize) -> Span {
    span.start + offset..span.end + offset
}

fn is_eol(c: char) -> bool {
    c == '\n' || c == '\r'
}

fn is_blank_or_eol(c: char) -> bool {
    c == ' ' || c == '\t' || is_eol(c)
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
    use crate::readme::options;
    use pulldown_cmark::Parser;

    const BOM: &str = "\u{feff}";

    fn spans(text: &str) -> Vec<&str> {
        let o = outline(text);
        o.headings.iter().map(|h| &text[h.span.clone()]).collect()
    }

    fn texts(text: &str) -> Vec<String> {
        outline(text).headings.into_iter().map(|h| h.text).collect()
    }

    fn slugs(text: &str) -> Vec<String> {
        outline(text).headings.into_iter().map(|h| h.slug).collect()
    }

    /// Invariants every outline must satisfy, whatever the input.
    fn check_invariants(text: &str) -> Outline {
        let o = outline(text);
        for h in &o.headings {
            assert!((1..=6).contains(&h.level), "{h:?}");
            assert!(
                h.span.start <= h.span.end && h.span.end <= text.len(),
                "{h:?}"
            );
            assert_eq!(h.section.start, h.span.start, "{h:?}");
            assert!(
                h.span.end <= h.section.end && h.section.end <= text.len(),
                "{h:?}"
            );
            for pos in [h.span.start, h.span.end, h.section.end] {
                assert!(text.is_char_boundary(pos), "{h:?} at {pos}");
            }
            let source = &text[h.span.clone()];
            assert!(source.starts_with('#') || source.contains(is_eol), "{h:?}");
            assert!(!source.ends_with(is_blank_or_eol), "{h:?}");
        }
        o
    }

    #[test]
    fn backtick_and_tilde_fences_hide_hash_lines() {
        let text = "# Title\n\n```yaml\n## not a heading\n# comment\n```\n\n\
            ~~~shell\n# also not\n~~~~\n\n````md\n```\n## nested\n```\n````\n\n## Real\n";
        assert_eq!(texts(text), ["Title", "Real"]);
    }

    #[test]
    fn long_fence_of_yaml_comments_yields_no_headings() {
        let mut text = String::from("## Setup\n\n```yaml\n");
        for i in 0..63 {
            text.push_str(&format!(
                "## @param key_{i} - string - optional\nkey_{i}: value\n"
            ));
        }
        text.push_str("```\n\n## Support\n");
        assert_eq!(texts(&text), ["Setup", "Support"]);
        let unclosed = "## Setup\n```\n## inside an unclosed fence\n";
        assert_eq!(texts(unclosed), ["Setup"]);
    }

    #[test]
    fn fence_in_list_item_with_closing_fence_indented_differently() {
        // Opened inside the item at its content column, closed 3 spaces deeper.
        let deeper = "## Setup\n\n1. Install:\n   ```shell\n   # install it\n   pip install x\n      ```\n\
            2. Configure.\n\n## Next\n";
        assert_eq!(texts(deeper), ["Setup", "Next"]);
        // Opened less indented than the item content, closed at column 0 (gravitee).
        let shallower = "## Setup\n\n3. Or add this entry:\n  ```yaml\ngateway:\n  # plugins\n\
            ## not a heading\n```\n4. Create a key.\n\n### Configuration\n";
        assert_eq!(texts(shallower), ["Setup", "Configuration"]);
    }

    #[test]
    fn headings_in_list_items_and_block_quotes() {
        let text = "- ## Foo\n* ### Bar\n1. # Baz\n> ## Quote\n";
        assert_eq!(spans(text), ["## Foo", "### Bar", "# Baz", "## Quote"]);
        let o = outline(text);
        assert_eq!(o.headings[0].span.start, 2);
        // Foo's section ends where the line of `# Baz` starts, list marker included.
        assert_eq!(o.headings[0].section.end, text.find("1. # Baz").unwrap());
    }

    #[test]
    fn indentation_of_one_to_three_spaces_but_not_four() {
        let text = " # One\n  ## Two\n   ### Three\n    #### Code\n\n\t## Tab code\n";
        assert_eq!(spans(text), ["# One", "## Two", "### Three"]);
        assert_eq!(outline(text).headings[1].span.start, 9);
    }

    #[test]
    fn crlf_line_endings_are_not_part_of_spans() {
        let text = "# Title\r\n\r\n## Setup \r\nText\r\n## Usage ##\r\nSetext\r\n---\r\n";
        assert_eq!(
            spans(text),
            ["# Title", "## Setup", "## Usage", "Setext\r\n---"]
        );
        let o = outline(text);
        assert_eq!(o.headings[1].section.end, text.find("## Usage").unwrap());
        assert_eq!(o.headings[1].text, "Setup");
        // Mixed endings, as in real READMEs with a few CRLF lines.
        let mixed = "## A\r\ntext\n## B\n";
        assert_eq!(spans(mixed), ["## A", "## B"]);
    }

    #[test]
    fn trailing_blanks_and_closing_sequences() {
        let text =
            "## Foo ##   \n## Foo#\n## Foo \\#\n### ###\n#\n## Foo ## bar\n## Foo  \n## Foo # #\n";
        assert_eq!(
            spans(text),
            [
                "## Foo",
                "## Foo#",
                "## Foo \\#",
                "###",
                "#",
                "## Foo ## bar",
                "## Foo",
                "## Foo #"
            ]
        );
        assert_eq!(
            texts(text),
            ["Foo", "Foo#", "Foo #", "", "", "Foo ## bar", "Foo", "Foo #"]
        );
        // Tabs around the closing sequence (pulldown-cmark keeps it as text; GitHub does not).
        let tabs = "## Foo\t#\t\n## Bar #\t\n## Baz\t##  \n";
        assert_eq!(spans(tabs), ["## Foo", "## Bar", "## Baz"]);
        assert_eq!(texts(tabs), ["Foo", "Bar", "Baz"]);
        assert_eq!(slugs(tabs), ["foo", "bar", "baz"]);
        assert_eq!(texts("####### seven\n"), Vec::<String>::new());
    }

    #[test]
    fn inline_code_and_links_in_headings() {
        let text = "## Configure `datadog.yaml` with [the Agent](https://x.io) and <https://ex.com>\n\
            ## See [Docs][1] or [missing][9]\n\n[1]: https://docs\n";
        assert_eq!(
            texts(text),
            [
                "Configure datadog.yaml with the Agent and https://ex.com",
                "See Docs or [missing][9]"
            ]
        );
        assert_eq!(
            slugs(text),
            [
                "configure-datadogyaml-with-the-agent-and-httpsexcom",
                "see-docs-or-missing9"
            ]
        );
    }

    #[test]
    fn emphasis_and_strikethrough_are_stripped() {
        let text = "## *Very* **important** ~~old~~ _x_ ***both***\n";
        assert_eq!(texts(text), ["Very important old x both"]);
        assert_eq!(slugs(text), ["very-important-old-x-both"]);
    }

    #[test]
    fn nbsp_is_collapsed_in_text_and_dropped_from_slug() {
        let text = "## Data\u{a0}\u{a0}Collected\n## Tab\u{a0} here\n";
        assert_eq!(texts(text), ["Data Collected", "Tab here"]);
        // GitHub slugs the raw text, where NBSP is not a space.
        assert_eq!(slugs(text), ["datacollected", "tab-here"]);
    }

    #[test]
    fn html_blocks_and_comments_are_not_headings() {
        let text = "## Setup\n\n<h4 id=\"tz\"> Specify a time zone</h4>\n\n\
            <!-- xxx tab \"Host\" xxx -->\n## Host\n<!-- xxz tab xxx -->\n\n\
            <div>\n## Inside an HTML block\n</div>\n\n<!--\n## commented out\n-->\n## After\n";
        assert_eq!(texts(text), ["Setup", "Host", "After"]);
    }

    #[test]
    fn inline_html_and_images_in_headings() {
        let text = "## <a name=\"setup\"></a>Setup\n## Beta <sup>new</sup>\n\
            ## ![logo](logo.png) Overview\n## <a name=\"x\"></a> Spaced\n";
        assert_eq!(
            texts(text),
            ["Setup", "Beta new", "logo Overview", "Spaced"]
        );
        // GitHub slugs the DOM text: images add nothing, a leading space stays.
        assert_eq!(slugs(text), ["setup", "beta-new", "-overview", "-spaced"]);
    }

    #[test]
    fn hugo_shortcode_lines_around_headings() {
        let text = "## Setup\n\n{{< tabs >}}\n{{% tab \"Host\" %}}\n#### Metric collection\n\
            Edit the file.\n{{% /tab %}}\n{{< /tabs >}}\n\n## Data Collected\n";
        assert_eq!(
            texts(text),
            ["Setup", "Metric collection", "Data Collected"]
        );
        assert_eq!(spans(text)[1], "#### Metric collection");
    }

    #[test]
    fn setext_headings() {
        let text = "Title\n=====\n\nSub title\non two lines\n---  \n\nNot a heading\n\n---\n";
        let o = outline(text);
        assert_eq!(
            spans(text),
            ["Title\n=====", "Sub title\non two lines\n---"]
        );
        assert_eq!(o.headings[0].level, 1);
        assert_eq!(o.headings[1].level, 2);
        assert_eq!(o.headings[1].text, "Sub title on two lines");
        // The line break is not a space for GitHub's slug.
        assert_eq!(o.headings[1].slug, "sub-titleon-two-lines");
        assert_eq!(o.headings[0].section, 0..text.len());
    }

    #[test]
    fn bom_is_skipped_and_spans_shifted() {
        let text = "\u{feff}# Title\r\n## Setup\r\n";
        let o = check_invariants(text);
        assert_eq!(spans(text), ["# Title", "## Setup"]);
        assert_eq!(o.headings[0].span, 3..10);
        assert_eq!(o.headings[0].section, 3..text.len());
        assert_eq!(o.headings[1].section.end, text.len());
        assert_eq!(o.headings[0].slug, "title");
        assert!(outline("\u{feff}").headings.is_empty());
    }

    #[test]
    fn section_extents() {
        let text = "# T\nintro\n## A\n### A1\ntext\n## B\n### B1\nlast";
        let o = outline(text);
        let a = text.find("## A").unwrap();
        let b = text.find("## B").unwrap();
        let sections: Vec<Span> = o.headings.iter().map(|h| h.section.clone()).collect();
        let a1 = text.find("### A1").unwrap();
        let b1 = text.find("### B1").unwrap();
        assert_eq!(
            sections,
            [0..text.len(), a..b, a1..b, b..text.len(), b1..text.len()]
        );
    }

    #[test]
    fn duplicate_slugs_are_numbered() {
        let text =
            "## Setup\n### Configuration\n## Setup\n### Configuration\n## Setup-1\n## Setup\n";
        assert_eq!(
            slugs(text),
            [
                "setup",
                "configuration",
                "setup-1",
                "configuration-1",
                "setup-1-1",
                "setup-2"
            ]
        );
    }

    #[test]
    fn heading_attributes_and_front_matter_are_text() {
        assert_eq!(texts("## Setup {#custom}\n"), ["Setup {#custom}"]);
        assert_eq!(slugs("## Setup {#custom}\n"), ["setup-custom"]);
        let front = "---\ntitle: x\n# comment\n---\n# Real\n";
        assert_eq!(texts(front), ["Real"]);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let inputs = [
            "",
            "#",
            "\r",
            "\n\n",
            "#\r",
            "# A\r## B\rtext",
            "\u{feff}#",
            "a\n=",
            "> # q\n> ===",
            "- - # deep",
            "``` \n# x",
            "<!--\n# x",
            "# é\u{a0}",
            "#\t\u{a0}",
            "é\n===\n",
            "[^1]\n\n[^1]: # note\n",
            "| a |\n|---|\n| # b |\n",
            "- [ ] # task\n",
            "##\u{2028}x",
        ];
        for text in inputs {
            check_invariants(text);
        }
        assert_eq!(spans("# A\r## B\rtext"), ["# A", "## B"]);
    }

    #[test]
    fn token_soup_keeps_invariants() {
        let tokens = [
            "#",
            "## ",
            "\t",
            " ",
            "\n",
            "\r\n",
            "\r",
            "```",
            "~~~",
            "- ",
            "> ",
            "1. ",
            "===",
            "---",
            "<!--",
            "-->",
            "<div>",
            "`",
            "*",
            "[a](b)",
            "![i](j)",
            "\\",
            "\u{a0}",
            "é",
            "日本",
            "🎉",
            "{{< x >}}",
            "<a name=\"y\">",
            "|",
            "[^1]",
            "\u{feff}",
            "    ",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 40) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(tokens[(state % tokens.len() as u64) as usize]);
            }
            check_invariants(&text);
        }
    }

    #[test]
    fn large_document_is_linear() {
        let mut text = String::new();
        for i in 0..40_000 {
            text.push_str(&format!(
                "## Section {i}\n### Sub\nSome text with `code`.\n\n"
            ));
        }
        let o = outline(&text);
        assert_eq!(o.headings.len(), 80_000);
        assert_eq!(o.headings[79_999].slug, "sub-39999");
        assert_eq!(o.headings[79_998].section.end, text.len());
    }

    /// The bundled real READMEs, and the full sample's when it sits beside the project.
    #[test]
    fn real_corpus_readmes() {
        let bundled = std::path::Path::new("tests/corpus/integrations-extras");
        let shared = std::path::Path::new("../shared/corpus/integrations-extras");
        real_readmes_in(bundled);
        if shared.is_dir() {
            real_readmes_in(shared);
        }
    }

    fn real_readmes_in(dir: &std::path::Path) {
        let entries = std::fs::read_dir(dir).unwrap();
        let mut files = 0;
        for entry in entries {
            let path = entry.unwrap().path().join("README.md");
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            files += 1;
            check_corpus_file(&path, &text);
            // Every prefix cut at a line start must parse cleanly too.
            for (cut, _) in text.match_indices('\n').step_by(7) {
                check_invariants(&text[..cut]);
            }
        }
        assert!(files > 0);
        check_known_corpus_cases(dir);
    }

    /// Specific files of the corpus with known quirks (skipped when absent).
    fn check_known_corpus_cases(dir: &std::path::Path) {
        let read = |name: &str| std::fs::read_to_string(dir.join(name).join("README.md")).ok();
        if let Some(text) = read("starburst_galaxy") {
            let o = outline(&text);
            let h = o
                .headings
                .iter()
                .find(|h| h.text == "Update Configuration")
                .unwrap();
            assert_eq!(
                &text[h.span.start - 1..h.span.end],
                " ### Update Configuration"
            );
        }
        if let Some(text) = read("bind9") {
            let o = outline(&text);
            assert!(o.headings.iter().all(|h| !h.text.contains("time zone")));
            assert_eq!(o.by_slug("log-collection-1").unwrap().level, 4);
        }
        if let Some(text) = read("vercel") {
            assert!(text.contains('\r'));
            assert!(spans(&text).iter().all(|s| !s.contains('\r')));
        }
        if let Some(text) = read("gravitee") {
            let o = outline(&text);
            assert_eq!(o.h2("setup").unwrap().level, 2);
            assert!(o.headings.iter().all(|h| !h.text.contains("gateway")));
            assert!(o.by_slug("uninstallation").is_some());
        }
    }

    fn check_corpus_file(path: &std::path::Path, text: &str) {
        let o = check_invariants(text);
        let code = code_block_ranges(text);
        let fenced = naive_fence_lines(text);
        for h in &o.headings {
            let source = &text[h.span.clone()];
            let setext = source.contains('\n');
            assert!(source.starts_with('#') || setext, "{path:?}: {source:?}");
            let inside = code
                .iter()
                .any(|c| c.start < h.span.end && h.span.start < c.end);
            assert!(!inside, "{path:?}: heading in a code block: {source:?}");
            assert!(!looks_like_code(&h.text), "{path:?}: {:?}", h.text);
            if !setext {
                assert!(!fenced.contains(&line_of(text, h.span.start)));
            }
        }
    }

    fn code_block_ranges(text: &str) -> Vec<Span> {
        let body = text.strip_prefix(BOM).unwrap_or(text);
        let offset = text.len() - body.len();
        Parser::new_ext(body, options())
            .into_offset_iter()
            .filter(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_))))
            .map(|(_, r)| shift(&r, offset))
            .collect()
    }

    /// YAML keys, YAML/shell comment markers and command lines from code samples.
    fn looks_like_code(text: &str) -> bool {
        let yaml_key = text.split_once(": ").is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        });
        yaml_key
            || text.contains("@param")
            || text.starts_with(['#', '$', '-'])
            || text.contains(" --")
    }

    fn line_of(text: &str, pos: usize) -> usize {
        text[..pos].matches('\n').count()
    }

    /// Lines inside fences according to a naive scanner that ignores indentation.
    fn naive_fence_lines(text: &str) -> Vec<usize> {
        let mut inside = Vec::new();
        let mut open: Option<String> = None;
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start();
            let run: String = t.chars().take_while(|&c| c == '`' || c == '~').collect();
            match &open {
                Some(f) if run.starts_with(f.as_str()) && t.trim() == run => open = None,
                Some(_) => inside.push(n),
                None if run.len() >= 3 => open = Some(run),
                None => {}
            }
        }
        inside
    }
}
