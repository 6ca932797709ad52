//! `invalid-csv`: `metadata.csv` cannot be read as CSV.

use crate::csv::{Error, FIELD_LIMIT};
use crate::files::{CsvFile, FileId};
use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a `metadata.csv` (or the file `assets.integration.metrics.metadata_path` names)
    /// that cannot be read as CSV the way Datadog's validator reads it (Python's `csv` module):
    /// a quoted cell whose closing quote is missing, pointed at the opening quote, or a cell of
    /// more than 131,072 characters.
    ///
    /// ## Why
    /// Python does not stop at a quote that is never closed: it reads the rest of the file as
    /// one cell, so every metric after it silently disappears from the validation and from
    /// Datadog's metric metadata. A cell of more than 131,072 characters (usually the same
    /// stray quote, closed much later) makes `ddev validate metadata` stop with the traceback
    /// `field larger than field limit (131072)`. No other `metadata.csv` rule can check the
    /// file until it reads.
    ///
    /// ## Example
    /// ```csv
    /// acme.requests,count,,request,,"Number of requests,0,acme,requests,
    /// acme.errors,count,,error,,Number of errors,-1,acme,errors,
    /// ```
    ///
    /// ## Use instead
    /// ```csv
    /// acme.requests,count,,request,,"Number of requests",0,acme,requests,
    /// acme.errors,count,,error,,Number of errors,-1,acme,errors,
    /// ```
    ///
    /// ## Fix
    /// Close the quote after the cell's text. A `"` inside a quoted cell is written `""`; a
    /// cell without a comma or a line break needs no quotes at all.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/metadata.py` (`csv.DictReader`; BSD 3-Clause)
    /// - RFC 4180, Common Format and MIME Type for Comma-Separated Values (CSV) Files
    pub(crate) struct InvalidCsv {
        code: "DD006",
        name: "invalid-csv",
        level: Error,
        summary: "metadata.csv cannot be read as CSV: a quote is never closed, or a cell is too long",
        reads: loaded,
    }
}

impl Rule for InvalidCsv {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        for (id, row) in integration.files.known() {
            if let Some(csv) = row.csv() {
                out.extend(report(csv, id));
            }
        }
    }
}

fn report(csv: &CsvFile, file: FileId) -> Option<Finding> {
    let name = csv.source.path().file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let finding = match csv.parsed.as_ref().err()? {
        Error::UnclosedQuote(at) => {
            let end = csv.source.text().len();
            Finding::new(
                format!("`{name}` has a quote that is never closed: the rest of the file reads as one cell, and every row after it is lost"),
                Place::span(file, *at..at + 1),
                "this quote opens a cell that never ends",
            )
            .with_label(Place::span(file, end..end), "the file ends inside the quoted cell")
            .with_help("close the quote after the cell's text (`\"...\"`); inside a quoted cell, write a `\"` as `\"\"`")
        }
        Error::FieldTooLarge(span) => Finding::new(
            format!("a cell of `{name}` holds more than {FIELD_LIMIT} characters: Datadog's validator stops with `field larger than field limit`"),
            Place::span(file, span.start..span.start),
            "this cell is too long",
        )
        .with_help("a description is at most 400 characters; look for a quote that opens this cell by mistake"),
    };
    Some(finding)
}
