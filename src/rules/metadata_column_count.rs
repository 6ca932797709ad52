//! `metadata-column-count`: a row of `metadata.csv` has more or fewer cells than the header.

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::metadata::Metrics;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports every row of `metadata.csv` (or the file
    /// `assets.integration.metrics.metadata_path` names) whose number of cells is not the
    /// header's number of columns: a row with too few is shown where its cells end, a row
    /// with too many at its first extra cell; a quoted cell that runs over several lines (a
    /// quote opened by mistake, closed rows later) is labelled. Such a row is checked by no other
    /// `metadata.csv` rule, since its values are not under the columns they were meant for.
    ///
    /// ## Why
    /// `ddev validate metadata` fails the row (`has the wrong number of columns`, or
    /// `Invalid column {None}` for a long one). The usual cause is a description with a comma
    /// and no quotes: every value after it shifts one column to the right.
    ///
    /// ## Example
    /// ```csv
    /// metric_name,metric_type,interval,unit_name,per_unit_name,description,orientation,integration,short_name,curated_metric
    /// acme.requests,count,,request,,Requests served, per second,0,acme,requests,
    /// ```
    ///
    /// ## Use instead
    /// ```csv
    /// metric_name,metric_type,interval,unit_name,per_unit_name,description,orientation,integration,short_name,curated_metric
    /// acme.requests,count,,request,,"Requests served, per second",0,acme,requests,
    /// ```
    ///
    /// ## Fix
    /// Quote the cell that holds a comma, or add or remove cells (empty ones are `,,`) until
    /// the row has as many as the header.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/metadata.py` (BSD 3-Clause)
    pub(crate) struct MetadataColumnCount {
        code: "DD321",
        name: "metadata-column-count",
        level: Error,
        summary: "a row of metadata.csv has more or fewer cells than the header has columns",
        reads: [Manifest, MetadataCsv, DdevConfig],
    }
}

impl Rule for MetadataColumnCount {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(metrics) = Metrics::of(integration) else {
            return;
        };
        let width = metrics.header().map_or(0, |header| header.cells.len());
        for (row, record) in metrics.table.records.iter().enumerate().skip(1) {
            let cells = record.cells.len();
            if cells == width {
                continue;
            }
            let name = record.cells.first().map_or("", |cell| metrics.csv.value(cell));
            let (label, column) = if cells < width {
                (format!("{} cell(s) missing here", width - cells), cells)
            } else {
                (format!("beyond the header's {width} columns"), width)
            };
            let mut finding = Finding::new(
                format!("the row of `{}` has {cells} cells, but the header has {width} columns", quoted(name)),
                Place::cell(metrics.file, row, column),
                label,
            )
            .with_help("quote a cell that holds a comma (`\"a, b\"`), or add or remove cells (`,,` is an empty one) so that the row matches the header");
            // A quote opened by mistake and closed rows later makes one cell of several lines.
            if let Some(long) = record.cells.iter().position(|cell| metrics.csv.value(cell).contains('\n')) {
                finding = finding.with_label(Place::cell(metrics.file, row, long), "this quoted cell runs over several lines");
            }
            out.push(finding);
        }
    }
}
