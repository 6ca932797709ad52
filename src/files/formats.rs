//! What a file becomes once parsed, one type per format: JSON with spans, a README outline.

use std::sync::{Arc, OnceLock};

use crate::json;
use crate::readme::images::Image;
use crate::readme::rendered::{SectionText, render};
use crate::readme::{self, Outline};
use crate::requirements::UNINSTALL_SLUG;
use crate::source::SourceFile;

/// A file's parse, made once on first use.
#[derive(Debug)]
pub(crate) enum Parsed {
    Json(JsonFile),
    Markdown(Readme),
}

impl Parsed {
    pub(crate) fn new(format: super::kinds::Format, source: &Arc<SourceFile>) -> Option<Self> {
        match format {
            super::kinds::Format::Json => Some(Parsed::Json(JsonFile::parse(Arc::clone(source)))),
            super::kinds::Format::Markdown => {
                Some(Parsed::Markdown(Readme::parse(Arc::clone(source))))
            }
            super::kinds::Format::Stat => None,
        }
    }
}

/// A JSON file and its parse.
#[derive(Debug)]
pub(crate) struct JsonFile {
    pub(crate) source: Arc<SourceFile>,
    pub(crate) parsed: Result<json::Node, json::ParseError>,
}

impl JsonFile {
    pub(crate) fn parse(source: Arc<SourceFile>) -> Self {
        Self {
            parsed: json::parse(source.text()),
            source,
        }
    }

    /// The parsed document, when it parsed.
    pub(crate) fn root(&self) -> Option<&json::Node> {
        self.parsed.as_ref().ok()
    }
}

/// A README and its heading outline.
#[derive(Debug)]
pub(crate) struct Readme {
    pub(crate) source: Arc<SourceFile>,
    pub(crate) outline: Outline,
    /// The Uninstallation section's rendered text, made once for the rules that read it.
    uninstall: OnceLock<Option<SectionText>>,
    /// The images, found once for the rules (and the file table) that look at them.
    images: OnceLock<Vec<Image>>,
}

impl Readme {
    pub(crate) fn parse(source: Arc<SourceFile>) -> Self {
        Self {
            outline: readme::outline(source.text()),
            source,
            uninstall: OnceLock::new(),
            images: OnceLock::new(),
        }
    }

    /// Every image of the README (Markdown and HTML `<img>`), in document order.
    pub(crate) fn images(&self) -> &[Image] {
        self.images
            .get_or_init(|| readme::images::images(self.source.text()))
    }

    /// Index of the first H2 whose text is `text` (ASCII case-insensitive).
    pub(crate) fn h2_index(&self, text: &str) -> Option<usize> {
        self.outline
            .headings
            .iter()
            .position(|h| h.level == 2 && h.text.eq_ignore_ascii_case(text))
    }

    /// Index of the first heading of any level whose text is `text` (ASCII case-insensitive).
    pub(crate) fn heading_index(&self, text: &str) -> Option<usize> {
        self.outline
            .headings
            .iter()
            .position(|h| h.text.eq_ignore_ascii_case(text))
    }

    /// Index of the heading that `README.md#Uninstallation` resolves to.
    pub(crate) fn uninstall_index(&self) -> Option<usize> {
        self.outline
            .headings
            .iter()
            .position(|h| h.slug == UNINSTALL_SLUG)
    }

    /// The Uninstallation section's text after its heading line, subsections included.
    pub(crate) fn uninstall_text(&self) -> Option<&SectionText> {
        let make = || self.section_text(self.uninstall_index()?);
        self.uninstall.get_or_init(make).as_ref()
    }

    /// A section's rendered text after its heading line, subsections included (the
    /// Uninstallation section's is kept; others are rendered on each call).
    pub(crate) fn section_text(&self, heading: usize) -> Option<SectionText> {
        let found = self.outline.headings.get(heading)?;
        let (rendered, links) = render(self.source.text(), found.span.end..found.section.end);
        Some(SectionText {
            heading,
            rendered,
            links,
        })
    }

    /// Index of a heading that looks meant as the uninstall section ("Uninstall the integration").
    pub(crate) fn uninstall_lookalike(&self) -> Option<usize> {
        self.outline
            .headings
            .iter()
            .position(|h| h.text.to_lowercase().contains("uninstall"))
    }
}
