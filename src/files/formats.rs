//! What a file becomes once parsed, one type per format: JSON with spans, a README outline,
//! CSV cells with spans, TOML, CODEOWNERS rules with spans.

use std::sync::{Arc, OnceLock};

use crate::codeowners::Codeowners;
use crate::csv;
use crate::json;
use crate::readme::images::Image;
use crate::readme::rendered::{SectionText, render};
use crate::readme::{self, Outline};
use crate::repo_config::RepoConfig;
use crate::requirements::UNINSTALL_SLUG;
use crate::source::{SourceFile, Span};

/// A file's parse, made once on first use.
#[derive(Debug)]
pub(crate) enum Parsed {
    Json(JsonFile),
    Markdown(Readme),
    Csv(CsvFile),
    Toml(TomlFile),
    Codeowners(CodeownersFile),
}

impl Parsed {
    pub(crate) fn new(format: super::kinds::Format, source: &Arc<SourceFile>) -> Option<Self> {
        match format {
            super::kinds::Format::Json(shape) => {
                Some(Parsed::Json(JsonFile::parse(Arc::clone(source), shape)))
            }
            super::kinds::Format::Markdown => {
                Some(Parsed::Markdown(Readme::parse(Arc::clone(source))))
            }
            super::kinds::Format::Csv => Some(Parsed::Csv(CsvFile::parse(Arc::clone(source)))),
            super::kinds::Format::Toml => Some(Parsed::Toml(TomlFile::parse(source))),
            super::kinds::Format::Codeowners => Some(Parsed::Codeowners(CodeownersFile {
                owners: Codeowners::parse(source.text()),
                source: Arc::clone(source),
            })),
            super::kinds::Format::Stat | super::kinds::Format::Header => None,
        }
    }
}

/// A JSON file and its parse.
#[derive(Debug)]
pub(crate) struct JsonFile {
    pub(crate) source: Arc<SourceFile>,
    pub(crate) parsed: Result<json::Document, json::ParseError>,
}

impl JsonFile {
    /// Parses the file, building the values of `shape` (its kind's).
    pub(crate) fn parse(source: Arc<SourceFile>, shape: &'static json::Shape) -> Self {
        Self {
            parsed: json::parse_shaped(source.text(), shape),
            source,
        }
    }

    /// The parsed document, when it parsed.
    pub(crate) fn root(&self) -> Option<&json::Node> {
        self.parsed.as_ref().ok().map(|document| &document.root)
    }

    /// Every repeated key of the document, in document order; none when it did not parse.
    pub(crate) fn duplicates(&self) -> &[json::Duplicate] {
        self.parsed
            .as_ref()
            .map_or(&[], |document| document.duplicates.as_slice())
    }
}

/// A CSV file and its parse.
#[derive(Debug)]
pub(crate) struct CsvFile {
    pub(crate) source: Arc<SourceFile>,
    pub(crate) parsed: Result<csv::Table, csv::Error>,
}

impl CsvFile {
    pub(crate) fn parse(source: Arc<SourceFile>) -> Self {
        Self {
            parsed: csv::parse(source.text()),
            source,
        }
    }

    /// The records, when the file could be read as CSV.
    pub(crate) fn table(&self) -> Option<&csv::Table> {
        self.parsed.as_ref().ok()
    }

    /// A cell's value.
    pub(crate) fn value<'a>(&'a self, cell: &'a csv::Cell) -> &'a str {
        cell.value(self.source.text())
    }

    /// The span of a cell; a cell the row lacks is shown at the end of its row, a row the
    /// file lacks at its start.
    pub(crate) fn cell_span(&self, row: usize, column: usize) -> Option<Span> {
        let record = self.table()?.records.get(row)?;
        Some(match record.cells.get(column) {
            Some(cell) => cell.span.clone(),
            None => record.span.end..record.span.end,
        })
    }
}

/// A TOML file, its parse (or where and why it failed), and the overrides it holds when it
/// is a `.ddev/config.toml`.
#[derive(Debug)]
pub(crate) struct TomlFile {
    pub(crate) parsed: Result<toml::Table, TomlError>,
    config: OnceLock<RepoConfig>,
}

/// Why a TOML file did not parse.
#[derive(Debug)]
pub(crate) struct TomlError {
    pub(crate) message: String,
    pub(crate) span: Option<Span>,
}

impl TomlFile {
    pub(crate) fn parse(source: &SourceFile) -> Self {
        let parsed = toml::from_str::<toml::Table>(source.text()).map_err(|error| TomlError {
            message: error.message().to_owned(),
            span: error.span(),
        });
        Self {
            parsed,
            config: OnceLock::new(),
        }
    }

    /// The repository overrides it holds (none when it did not parse), worked out once.
    pub(crate) fn repo_config(&self) -> Option<&RepoConfig> {
        let table = self.parsed.as_ref().ok()?;
        Some(self.config.get_or_init(|| RepoConfig::from_table(table)))
    }
}

/// A CODEOWNERS file and its rules.
#[derive(Debug)]
pub(crate) struct CodeownersFile {
    pub(crate) source: Arc<SourceFile>,
    pub(crate) owners: Codeowners,
}

/// A README and its heading outline.
#[derive(Debug)]
pub(crate) struct Readme {
    pub(crate) source: Arc<SourceFile>,
    pub(crate) outline: Outline,
    /// The Uninstallation section's rendered text, made once for the rules that read it.
    uninstall: OnceLock<Option<SectionText>>,
    /// The images, found in the same pass as the outline.
    images: Vec<Image>,
    /// Where something shown starts, found in the same pass.
    shown: readme::content::Shown,
}

impl Readme {
    pub(crate) fn parse(source: Arc<SourceFile>) -> Self {
        let scan = readme::scan(source.text());
        Self {
            outline: scan.outline,
            images: scan.images,
            shown: scan.shown,
            source,
            uninstall: OnceLock::new(),
        }
    }

    /// Every image of the README (Markdown and HTML `<img>`), in document order.
    pub(crate) fn images(&self) -> &[Image] {
        &self.images
    }

    /// For each of `ranges`, whether anything a reader sees starts inside it (blank lines, HTML
    /// comments and link reference definitions are nothing).
    pub(crate) fn shows_within(&self, ranges: &[std::ops::Range<usize>]) -> Vec<bool> {
        self.shown.within(ranges)
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
            found: Default::default(),
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
