//! `metadata-unreferenced`: an integration has a `metadata.csv` with metrics that the manifest
//! does not name as its `metrics.metadata_path`.

use crate::files::{FileId, Kind};
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a `metadata.csv` in the integration directory that lists metrics while the
    /// manifest's `assets.integration.metrics.metadata_path` names another file, or while the
    /// manifest has no `assets.integration.metrics` at all. (A `metrics` object without
    /// `metadata_path` is `manifest-schema`'s.) A `metadata.csv` with only its header is not
    /// reported: `snmpwalk` in integrations-extras keeps one on purpose, with a prefix in
    /// `.ddev/config.toml`.
    ///
    /// ## Why
    /// Datadog imports the metric metadata from the file `metadata_path` names: the metrics of
    /// another file get no unit, description or type in Datadog. Datadog's manifest validator
    /// failed this case ("metadata.csv exists but not defined in the manifest.json").
    ///
    /// ## Example
    /// A `metadata.csv` with metrics, and a manifest whose `assets` has no `integration`.
    ///
    /// ## Use instead
    /// ```json
    /// "metrics": {"prefix": "acme.", "check": "acme.requests", "metadata_path": "metadata.csv"}
    /// ```
    ///
    /// ## Fix
    /// Point `assets.integration.metrics.metadata_path` at `metadata.csv`, or remove the file
    /// if the integration submits no metrics.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/common/validator.py`
    ///   (`MetricsMetadataValidator`; BSD 3-Clause)
    pub(crate) struct MetadataUnreferenced {
        code: "DD328",
        name: "metadata-unreferenced",
        level: Error,
        summary: "metadata.csv lists metrics but the manifest's metadata_path names another file or none",
        reads: [Manifest, MetadataCsv],
    }
}

const METADATA_PATH: &str = "/assets/integration/metrics/metadata_path";
const METRICS: &str = "/assets/integration/metrics";

impl Rule for MetadataUnreferenced {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(root) = integration.manifest_root() else {
            return;
        };
        let files = &integration.files;
        let named = files.references().iter().find(|r| r.kind == Kind::MetadataCsv);
        let fixed = files.ids(Kind::MetadataCsv).into_iter().next();
        let Some(file) = fixed.filter(|id| named.is_none_or(|r| r.file != *id)) else {
            return;
        };
        if named.is_none() && root.pointer(METRICS).is_some() {
            return;
        }
        if !lists_metrics(integration, file) {
            return;
        }
        let finding = match named {
            Some(reference) => Finding::new(
                format!("`metadata.csv` lists metrics, but `metadata_path` names `{}`", quoted(&reference.path)),
                Place::value(METADATA_PATH),
                "names another file",
            ),
            None => Finding::new(
                "`metadata.csv` lists metrics, but the manifest names no `metadata_path`",
                Place::key(METADATA_PATH),
                "no `assets.integration.metrics`",
            ),
        };
        out.push(
            finding
                .with_label(Place::whole(file), "not read by Datadog")
                .with_help("set `assets.integration.metrics.metadata_path` to `\"metadata.csv\"`, or remove the file if the integration submits no metrics"),
        );
    }
}

/// Whether the file reads as CSV with a row after its header.
fn lists_metrics(integration: &Integration, file: FileId) -> bool {
    let csv = integration.files.csv(file);
    csv.and_then(|csv| csv.table()).is_some_and(|table| table.records.len() > 1)
}
