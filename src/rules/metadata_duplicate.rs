//! `metadata-duplicate`: two rows of `metadata.csv` describe the same metric.

use std::collections::HashMap;

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::metadata::Metrics;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports every row of `metadata.csv` (or the file
    /// `assets.integration.metrics.metadata_path` names) whose `metric_name` an earlier row
    /// already has, and labels that first row.
    ///
    /// ## Why
    /// Each metric has one description, one unit and one type; `ddev validate metadata` fails
    /// a repeated name (`is a duplicate metric_name`), since only one of the two rows can be
    /// imported. It names only the later row, and only the first bad row of most real files.
    ///
    /// ## Example
    /// ```csv
    /// acme.requests,count,,request,,Requests served,0,acme,requests,
    /// acme.requests,gauge,,request,,Requests in flight,0,acme,requests in flight,
    /// ```
    ///
    /// ## Use instead
    /// ```csv
    /// acme.requests,count,,request,,Requests served,0,acme,requests,
    /// acme.requests.in_flight,gauge,,request,,Requests in flight,0,acme,requests in flight,
    /// ```
    ///
    /// ## Fix
    /// Remove the repeated row, or give it the name of the metric it was meant for.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/metadata.py` (`check_duplicate_values`; BSD 3-Clause)
    pub(crate) struct MetadataDuplicate {
        code: "DD326",
        name: "metadata-duplicate",
        level: Error,
        summary: "two rows of metadata.csv have the same metric_name",
        reads: [Manifest, MetadataCsv, DdevConfig],
    }
}

impl Rule for MetadataDuplicate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(metrics) = Metrics::of(integration) else {
            return;
        };
        let Some(column) = metrics.column("metric_name") else {
            return;
        };
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (row, record) in metrics.rows() {
            let name = metrics.value(record, Some(column));
            if name.is_empty() {
                continue;
            }
            let Some(&earlier) = first.get(name) else {
                first.insert(name, row);
                continue;
            };
            out.push(
                Finding::new(
                    format!("metric `{}` is listed twice", quoted(name)),
                    Place::cell(metrics.file, row, column),
                    "listed again here",
                )
                .with_label(Place::cell(metrics.file, earlier, column), "first listed here")
                .with_help("remove one of the two rows, or rename it to the metric it was meant for"),
            );
        }
    }
}
