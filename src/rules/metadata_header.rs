//! `metadata-header`: the header of `metadata.csv` is not the one Datadog reads.

use crate::finding::{Finding, FixSpec, Place, quoted};
use crate::fix::Edit;
use crate::integration::Integration;
use crate::rules::metadata::{ALL, EXPECTED, HEADER_LINE, Metrics};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks the header row of the integration's `metadata.csv` (or the file
    /// `assets.integration.metrics.metadata_path` names) as `ddev validate metadata` reads it:
    /// the file has a header; it has the columns `metric_name`, `metric_type`, `interval`,
    /// `unit_name`, `per_unit_name`, `description`, `orientation`, `integration` and
    /// `short_name`, in any order, and no column but those, `curated_metric` and
    /// `sample_tags`; no column is named twice; the file does not start with a byte-order mark
    /// (Datadog then reads the first column as `\u{feff}metric_name`). A misspelt column is
    /// one finding, with the name it was meant to be.
    ///
    /// ## Why
    /// Datadog's validator reads every row by these names: a missing or unknown column fails
    /// every row of the pull request's check, and the metrics' units and descriptions are not
    /// imported. A column named twice silently loses the first one's values. Datadog reports
    /// the header's problem once per row and names no line; ddlint reports it once, on the
    /// header.
    ///
    /// Two differences from Datadog's tool. It accepts a header-only file whatever its header
    /// (it checks the columns row by row); ddlint checks the header of every file, which breaks
    /// at its first metric otherwise. And `curated_metric` is optional, but the tool stops with
    /// the traceback `KeyError: 'curated_metric'` on a file that has rows and no such column:
    /// ddlint reports that as a warning.
    ///
    /// ## Example
    /// ```csv
    /// metric_name,metric_type,interval,unit,per_unit_name,description,orientation,integration,short_name
    /// ```
    ///
    /// ## Use instead
    /// ```csv
    /// metric_name,metric_type,interval,unit_name,per_unit_name,description,orientation,integration,short_name,curated_metric,sample_tags
    /// ```
    ///
    /// ## Fix
    /// Rename or remove the column shown, or add the missing ones (with an empty cell in every
    /// row). The header `ddev create` writes is the one above. The fix removes a byte-order
    /// mark.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/metadata.py` and `cli/validate/metadata_utils.py`
    ///   (`ALL_HEADERS`, `HEADERS_TO_CHECK`; BSD 3-Clause)
    pub(crate) struct MetadataHeader {
        code: "DD320",
        name: "metadata-header",
        level: Error,
        summary: "metadata.csv lacks its header, a column, or has an unknown or repeated column",
        reads: [Manifest, MetadataCsv, DdevConfig],
    }
}

impl Rule for MetadataHeader {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(metrics) = Metrics::of(integration) else {
            return;
        };
        let Some(header) = metrics.header() else {
            out.push(
                Finding::new(
                    format!("`{}` is empty: it needs the header row at least", file_name(&metrics)),
                    Place::whole(metrics.file),
                    "no header row",
                )
                .with_help(format!("write the header `{HEADER_LINE}`")),
            );
            return;
        };
        if metrics.table.bom {
            out.push(bom(&metrics));
        }
        let names: Vec<&str> = (0..header.cells.len())
            .map(|column| metrics.header_name(column).unwrap_or_default())
            .collect();
        repeated(&metrics, &names, out);
        let missing: Vec<&str> = EXPECTED
            .iter()
            .copied()
            .filter(|name| !names.contains(name))
            .collect();
        let meant = unknown(&metrics, &names, &missing, out);
        let missing: Vec<&str> = missing.into_iter().filter(|name| !meant.contains(name)).collect();
        if !missing.is_empty() {
            let list = missing.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
            out.push(
                Finding::new(
                    format!("the header of `{}` lacks the column(s) {list}", file_name(&metrics)),
                    Place::span(metrics.file, header.span.clone()),
                    "Datadog reads every row by these names",
                )
                .with_help(format!("add {list}, with a cell (empty when unknown) in every row; the full header is `{HEADER_LINE}`")),
            );
        }
        if !names.contains(&"curated_metric") && metrics.rows().next().is_some() {
            out.push(curated_metric(&metrics, header.span.clone()));
        }
    }
}

fn file_name(metrics: &Metrics) -> String {
    let path = metrics.csv.source.path();
    path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The byte-order mark: Datadog reads it into the first column's name.
fn bom(metrics: &Metrics) -> Finding {
    let mark = 0..'\u{feff}'.len_utf8();
    let fix = FixSpec::safe(metrics.file, "remove the byte-order mark", vec![Edit::delete(mark.clone())]);
    Finding::new(
        format!("`{}` starts with a byte-order mark: Datadog reads its first column as `\\u{{feff}}{}`", file_name(metrics), quoted(metrics.header_name(0).unwrap_or_default())),
        Place::cell(metrics.file, 0, 0),
        "a byte-order mark precedes this name",
    )
    .with_help("save the file as UTF-8 without a byte-order mark (the fix removes it)")
    .with_fix(Some(fix))
}

/// Each column named again: its second name, with the first labelled.
fn repeated(metrics: &Metrics, names: &[&str], out: &mut Vec<Finding>) {
    for (column, name) in names.iter().enumerate() {
        let Some(first) = names.iter().position(|other| other == name).filter(|&f| f < column) else {
            continue;
        };
        out.push(
            Finding::new(
                format!("column `{}` is named twice: Datadog keeps only this one's values", quoted(name)),
                Place::cell(metrics.file, 0, column),
                "named again here",
            )
            .with_label(Place::cell(metrics.file, 0, first), "first named here")
            .with_help("remove one of the two columns (and its cell in every row)"),
        );
    }
}

/// Each column Datadog does not know; returns the missing columns some of them were meant as.
fn unknown<'a>(metrics: &Metrics, names: &[&str], missing: &[&'a str], out: &mut Vec<Finding>) -> Vec<&'a str> {
    let mut meant = Vec::new();
    for (column, name) in names.iter().enumerate() {
        if ALL.contains(name) {
            continue;
        }
        let close = similar::get_close_matches(*name, missing, 1, 0.6).into_iter().next();
        let shown = if name.is_empty() { "an empty name".to_owned() } else { format!("`{}`", quoted(name)) };
        let help = match close {
            Some(close) => {
                meant.push(close);
                format!("rename it to `{close}`")
            }
            None => format!("remove the column and its cell in every row; `metadata.csv` may have the columns {}", ALL.join(", ")),
        };
        let message = match close {
            Some(close) => format!("column {shown} is not one Datadog reads; did you mean `{close}`?"),
            None => format!("column {shown} is not one Datadog reads"),
        };
        out.push(Finding::new(message, Place::cell(metrics.file, 0, column), "unknown column").with_help(help));
    }
    meant
}

/// A file with rows and no `curated_metric` column: ddev stops with a `KeyError`.
fn curated_metric(metrics: &Metrics, header: crate::source::Span) -> Finding {
    Finding::new(
        format!("`{}` has rows but no `curated_metric` column: `ddev validate metadata` stops with `KeyError: 'curated_metric'`", file_name(metrics)),
        Place::span(metrics.file, header),
        "no `curated_metric` column",
    )
    .with_help("add the column `curated_metric` (its cells may stay empty)")
    .with_level(crate::diagnostic::Level::Warning)
}
