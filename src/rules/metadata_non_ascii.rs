//! `metadata-non-ascii`: a cell of `metadata.csv` holds a character outside ASCII.

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::metadata::Metrics;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports every cell of a row of `metadata.csv` (or the file
    /// `assets.integration.metrics.metadata_path` names) that holds a character outside
    /// ASCII, naming the first one. A `metric_name` is left to `metadata-value`, which
    /// reports the name Datadog would normalise it to.
    ///
    /// ## Why
    /// `ddev validate metadata` fails a row with any non-ASCII value ("description contains
    /// unicode characters"), whichever cell holds it. Typographic quotes, dashes and
    /// non-breaking spaces pasted from a document are the usual cause. Datadog's tool looks
    /// only at rows whose description is not empty and holds no `|` (the check is an `elif`
    /// after those two in `cli/validate/metadata.py`), so a non-ASCII `short_name` or unit in a
    /// row without a description passes it, and it stops at the first bad row of most real
    /// files; ddlint reports every such cell.
    ///
    /// ## Example
    /// ```csv
    /// acme.requests,count,,request,,Requests served – per node,0,acme,requests,
    /// ```
    ///
    /// ## Use instead
    /// ```csv
    /// acme.requests,count,,request,,Requests served - per node,0,acme,requests,
    /// ```
    ///
    /// ## Fix
    /// Replace the character with its ASCII counterpart (`'`, `"`, `-`, a space, `...`), or
    /// spell it out (`degrees Celsius` for `°C`).
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/metadata.py` (BSD 3-Clause)
    pub(crate) struct MetadataNonAscii {
        code: "DD325",
        name: "metadata-non-ascii",
        level: Error,
        summary: "a cell of metadata.csv holds a character outside ASCII",
        reads: [Manifest, MetadataCsv, DdevConfig],
    }
}

impl Rule for MetadataNonAscii {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(metrics) = Metrics::of(integration) else {
            return;
        };
        let name_column = metrics.column("metric_name");
        for (row, record) in metrics.rows() {
            for (column, cell) in record.cells.iter().enumerate() {
                if Some(column) == name_column {
                    continue;
                }
                let value = metrics.csv.value(cell);
                let Some(c) = value.chars().find(|c| !c.is_ascii()) else {
                    continue;
                };
                let header = metrics.header_name(column).unwrap_or_default();
                let name = quoted(metrics.value(record, name_column));
                out.push(
                    Finding::new(
                        format!("the {} of `{name}` contains `{}` (U+{:04X}), which is not ASCII", quoted(header), c.escape_debug(), u32::from(c)),
                        Place::cell(metrics.file, row, column),
                        "not ASCII",
                    )
                    .with_help(match ascii(c) {
                        Some(plain) => format!("replace `{c}` with `{plain}`"),
                        None => "replace it with ASCII text".to_owned(),
                    }),
                );
            }
        }
    }
}

/// The ASCII counterpart of a typographic character.
fn ascii(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{00a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' => " ",
        '\u{2026}' => "...",
        '\u{00b5}' | '\u{03bc}' => "u",
        _ => return None,
    })
}
