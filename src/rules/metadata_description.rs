//! `metadata-description`: a description in `metadata.csv` holds a `|` or is too long.

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::metadata::{MAX_DESCRIPTION, Metrics};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports every `description` cell of `metadata.csv` (or the file
    /// `assets.integration.metrics.metadata_path` names) that holds a `|`, or that is longer
    /// than 400 characters, as `ddev validate metadata` does. (Non-ASCII characters are
    /// `metadata-non-ascii`'s.)
    ///
    /// ## Why
    /// Datadog's pull-request check fails on both; the description is what the metric's
    /// summary shows in Datadog. Datadog's tool checks the length only of a description
    /// without `|` and without non-ASCII characters, and reports only the first bad row of
    /// most real files; ddlint reports each defect of every row.
    ///
    /// ## Example
    /// ```csv
    /// acme.requests,count,,request,,Requests served | per node,0,acme,requests,
    /// ```
    ///
    /// ## Use instead
    /// ```csv
    /// acme.requests,count,,request,,"Requests served, per node",0,acme,requests,
    /// ```
    ///
    /// ## Fix
    /// Write the description without `|`, in at most 400 characters: one sentence of what
    /// the metric measures, and in what unit when `unit_name` does not say.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/metadata.py` and `cli/validate/metadata_utils.py`
    ///   (`MAX_DESCRIPTION_LENGTH`; BSD 3-Clause)
    pub(crate) struct MetadataDescription {
        code: "DD324",
        name: "metadata-description",
        level: Error,
        summary: "a metadata.csv description holds a pipe character or is longer than 400 characters",
        reads: [Manifest, MetadataCsv, DdevConfig],
    }
}

impl Rule for MetadataDescription {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(metrics) = Metrics::of(integration) else {
            return;
        };
        let Some(column) = metrics.column("description") else {
            return;
        };
        let name_column = metrics.column("metric_name");
        for (row, record) in metrics.rows() {
            let description = metrics.value(record, Some(column));
            let name = || quoted(metrics.value(record, name_column));
            let place = || Place::cell(metrics.file, row, column);
            if description.contains('|') {
                out.push(
                    Finding::new(format!("the description of `{}` contains `|`, which Datadog rejects", name()), place(), "holds a `|`")
                        .with_help("write it without `|`: use `,`, `/` or words (a description with a comma is quoted: `\"a, b\"`)"),
                );
            }
            let length = description.chars().count();
            if length > MAX_DESCRIPTION {
                out.push(
                    Finding::new(
                        format!("the description of `{}` is {length} characters long; Datadog allows {MAX_DESCRIPTION}", name()),
                        place(),
                        format!("{} characters too many", length - MAX_DESCRIPTION),
                    )
                    .with_help(format!("shorten it to at most {MAX_DESCRIPTION} characters: one sentence of what the metric measures")),
                );
            }
        }
    }
}
