//! The README outline: headings with spans and section extents, and GitHub anchor slugs.

pub(crate) mod content;
pub(crate) mod definitions;
pub(crate) mod images;
mod outline;
pub(crate) mod rendered;
pub(crate) mod sentence;
mod slug;

#[cfg(test)]
pub(crate) use outline::outline;
pub(crate) use slug::{Slugger, slug};

use pulldown_cmark::Parser;

/// What one pass of pulldown-cmark over a README gives: its outline, its images, and where
/// something shown starts. Every event-driven reading of a README is a sink fed here, so a
/// README is parsed once however many rules read it.
#[derive(Debug)]
pub(crate) struct Scan {
    pub(crate) outline: Outline,
    pub(crate) images: Vec<images::Image>,
    pub(crate) shown: content::Shown,
}

/// Scans `text`; a leading UTF-8 BOM is skipped and every span still refers to `text`.
pub(crate) fn scan(text: &str) -> Scan {
    let (offset, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (text.len() - rest.len(), rest),
        None => (0, text),
    };
    let parser = Parser::new_ext(body, options()).into_offset_iter();
    let mut headings = outline::Headings::default();
    let mut images = images::Images::new(body, parser.reference_definitions());
    let mut shown = content::Shown::default();
    for (event, range) in parser {
        headings.event(&event, &range);
        images.event(&event, &range);
        shown.event(&event, &range);
    }
    Scan {
        outline: headings.finish(body, offset),
        images: images.finish(offset),
        shown: shown.finish(offset),
    }
}

/// The Markdown dialect GitHub renders, as every README parse here reads it.
pub(crate) fn options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// Byte offsets into the original text, end exclusive.
pub(crate) type Span = std::ops::Range<usize>;

/// One Markdown heading (ATX `## Foo` or setext `Foo\n---`) as GitHub renders it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heading {
    /// 1..=6.
    pub level: u8,
    /// Rendered plain text: markup stripped, whitespace runs (NBSP included)
    /// collapsed to one space, trimmed.
    pub text: String,
    /// The heading in the source: from the first `#` to the end of its content
    /// (no trailing blanks, closing `#`s or line ending); for setext headings the
    /// text line(s) through the underline.
    pub span: Span,
    /// From `span.start` to the line start of the next heading of the same or a
    /// higher rank (level <= this level), or to the end of the text.
    pub section: Span,
    /// The unique GitHub anchor (without `#`), numbered `-1`, `-2`, ... for duplicates.
    pub slug: String,
}

/// All headings of a README in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Outline {
    pub headings: Vec<Heading>,
}

impl Outline {
    /// The heading whose unique anchor equals `slug` exactly.
    pub(crate) fn by_slug(&self, slug: &str) -> Option<&Heading> {
        self.headings.iter().find(|h| h.slug == slug)
    }

    /// The first level-2 heading whose text equals `text`, ignoring ASCII case.
    pub(crate) fn h2(&self, text: &str) -> Option<&Heading> {
        self.headings
            .iter()
            .find(|h| h.level == 2 && h.text.eq_ignore_ascii_case(text))
    }

    /// Index of the nearest previous heading with a smaller level.
    pub(crate) fn parent(&self, index: usize) -> Option<usize> {
        let level = self.headings.get(index)?.level;
        let before = self.headings.get(..index)?;
        before.iter().rposition(|h| h.level < level)
    }

    /// Index of the next heading whose level is <= the level of `headings[index]`.
    pub(crate) fn next_sibling_or_higher(&self, index: usize) -> Option<usize> {
        let level = self.headings.get(index)?.level;
        let after = self.headings.get(index + 1..)?;
        let offset = after.iter().position(|h| h.level <= level)?;
        Some(index + 1 + offset)
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

    const DOC: &str = "# Agent Check: Foo\n\
        ## Overview\n\
        Text.\n\
        ## Setup\n\
        ### Installation\n\
        #### Details\n\
        ### Configuration\n\
        ## Uninstallation\n\
        Remove it.\n\
        ## Support\n";

    fn levels(o: &Outline) -> Vec<u8> {
        o.headings.iter().map(|h| h.level).collect()
    }

    #[test]
    fn lookups_by_slug_and_h2() {
        let o = outline(DOC);
        assert_eq!(levels(&o), [1, 2, 2, 3, 4, 3, 2, 2]);
        let un = o.by_slug("uninstallation").unwrap();
        assert_eq!(un.text, "Uninstallation");
        assert_eq!(&DOC[un.span.clone()], "## Uninstallation");
        assert_eq!(o.by_slug("agent-check-foo").unwrap().level, 1);
        assert!(o.by_slug("Uninstallation").is_none());
        assert!(o.by_slug("missing").is_none());
        assert_eq!(o.h2("setup").unwrap().text, "Setup");
        assert_eq!(o.h2("OVERVIEW").unwrap().slug, "overview");
        assert!(o.h2("Installation").is_none(), "H3 is not an H2");
    }

    #[test]
    fn h2_returns_first_match() {
        let o = outline("## Setup\n\n## setup\n");
        let h = o.h2("SETUP").unwrap();
        assert_eq!(h.slug, "setup");
        assert_eq!(o.headings[1].slug, "setup-1");
    }

    #[test]
    fn parent_links() {
        let o = outline(DOC);
        let parents: Vec<Option<usize>> = (0..o.headings.len()).map(|i| o.parent(i)).collect();
        assert_eq!(
            parents,
            [
                None,
                Some(0),
                Some(0),
                Some(2),
                Some(3),
                Some(2),
                Some(0),
                Some(0)
            ]
        );
        assert_eq!(o.parent(99), None);
    }

    #[test]
    fn next_sibling_or_higher_links() {
        let o = outline(DOC);
        let next: Vec<Option<usize>> = (0..o.headings.len())
            .map(|i| o.next_sibling_or_higher(i))
            .collect();
        assert_eq!(
            next,
            [
                None,
                Some(2),
                Some(6),
                Some(5),
                Some(5),
                Some(6),
                Some(7),
                None
            ]
        );
        assert_eq!(o.next_sibling_or_higher(99), None);
        assert_eq!(Outline::default().next_sibling_or_higher(0), None);
    }

    #[test]
    fn sections_agree_with_next_sibling_or_higher() {
        let o = outline(DOC);
        for (i, h) in o.headings.iter().enumerate() {
            let end = match o.next_sibling_or_higher(i) {
                Some(j) => o.headings[j].span.start,
                None => DOC.len(),
            };
            assert_eq!(h.section, h.span.start..end, "heading {i}");
        }
    }

    #[test]
    fn uninstallation_sits_inside_or_after_setup() {
        let nested = outline("## Setup\n### Uninstallation\n## Support\n");
        let setup = nested.h2("Setup").unwrap();
        let un = nested.by_slug("uninstallation").unwrap();
        assert_eq!(un.level, 3);
        assert!(setup.section.contains(&un.span.start));

        let after = outline("## Setup\n## Uninstallation\n");
        let setup = after.h2("Setup").unwrap();
        let un = after.h2("Uninstallation").unwrap();
        assert_eq!(setup.section.end, un.span.start);
    }
}
