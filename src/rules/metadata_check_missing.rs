//! `metadata-check-missing`: a metric the manifest's `metrics.check` names is not in
//! `metadata.csv`.

use crate::files::Loaded;
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::json::Node;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports every metric named by `assets.integration.metrics.check` (a string, or an
    /// array of them) that no row of the integration's `metadata.csv` (or the file
    /// `metadata_path` names) lists, and that no `pricing` entry's `metric` names. When the
    /// manifest names a `metadata_path` that does not exist, `referenced-file-missing` says
    /// so and this rule stays silent.
    ///
    /// Datadog's validator looks in `metadata.csv` whatever `metadata_path` says (it reads the
    /// version 1 key); ddlint looks in the file the manifest names. Like Datadog's, it skips
    /// the checks `agent_metrics`, `moogsoft` and `snmp`, the metrics
    /// `openstack.controller` and `riakcs.bucket_list_pool.workers`, and an `snmp_*`
    /// integration without `metadata_path` (whose metrics are the `snmp` check's). A manifest
    /// with a `metadata_path` and no `check` is `manifest-schema`'s.
    ///
    /// ## Why
    /// Datadog uses the `check` metric to tell that the integration is reporting; a metric it
    /// has no metadata for is usually a typo or a renamed metric, and the pull request's
    /// check fails ("metric_to_check not in metadata.csv").
    ///
    /// ## Example
    /// ```json
    /// "metrics": {"prefix": "acme.", "check": "acme.request.count", "metadata_path": "metadata.csv"}
    /// ```
    /// where `metadata.csv` lists `acme.requests.count`.
    ///
    /// ## Use instead
    /// ```json
    /// "metrics": {"prefix": "acme.", "check": "acme.requests.count", "metadata_path": "metadata.csv"}
    /// ```
    ///
    /// ## Fix
    /// Name a metric that `metadata.csv` lists, or add the metric's row to `metadata.csv`.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/common/validator.py`
    ///   (`MetricToCheckValidator`; BSD 3-Clause)
    pub(crate) struct MetadataCheckMissing {
        code: "DD329",
        name: "metadata-check-missing",
        level: Error,
        summary: "a metric that metrics.check names is not in metadata.csv",
        reads: [Manifest, MetadataCsv],
    }
}

const CHECK: &str = "/assets/integration/metrics/check";
const METADATA_PATH: &str = "/assets/integration/metrics/metadata_path";
/// `MetricToCheckValidator.CHECKS_EXCLUDE_LIST`.
const EXCLUDED_CHECKS: [&str; 3] = ["agent_metrics", "moogsoft", "snmp"];
/// `MetricToCheckValidator.METRIC_TO_CHECK_EXCLUDE_LIST`.
const EXCLUDED_METRICS: [&str; 2] = ["openstack.controller", "riakcs.bucket_list_pool.workers"];

impl Rule for MetadataCheckMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(root) = integration.manifest_root() else {
            return;
        };
        let name = integration.name();
        let named_path = root.pointer(METADATA_PATH).is_some();
        if EXCLUDED_CHECKS.contains(&name.as_str()) || (name.starts_with("snmp_") && !named_path) {
            return;
        }
        let checks: Vec<(String, &str)> = match root.pointer(CHECK) {
            Some(node) => check_metrics(node),
            None => return,
        };
        if checks.is_empty() {
            return;
        }
        let Some(listed) = listed(integration, named_path) else {
            return;
        };
        let pricing = root
            .get("pricing")
            .and_then(Node::as_array)
            .unwrap_or_default();
        // A tag_count entry without its `metric` is pricing-invalid's finding; the check metric
        // of a listing is that billing metric, so it is not reported again here.
        let unbilled = pricing.iter().any(|entry| {
            entry.get("billing_type").and_then(Node::as_str) == Some("tag_count")
                && entry.get("metric").is_none()
        });
        if unbilled {
            return;
        }
        let priced: Vec<&str> = pricing
            .iter()
            .filter_map(|entry| entry.get("metric")?.as_str())
            .collect();
        for (pointer, metric) in checks {
            if listed.iter().any(|m| m == metric) || priced.contains(&metric) || EXCLUDED_METRICS.contains(&metric) {
                continue;
            }
            let close = similar::get_close_matches(metric, &listed.iter().map(String::as_str).collect::<Vec<_>>(), 1, 0.8)
                .first()
                .map(|close| format!("did you mean `{}`? ", quoted(close)))
                .unwrap_or_default();
            out.push(
                Finding::new(
                    format!("`metrics.check` names `{}`, which metadata.csv does not list", quoted(metric)),
                    Place::value(pointer),
                    "not in metadata.csv",
                )
                .with_help(format!("{close}name a metric that metadata.csv lists, or add the metric's row to metadata.csv")),
            );
        }
    }
}

/// (pointer, metric) of each string `metrics.check` holds.
fn check_metrics(node: &Node) -> Vec<(String, &str)> {
    if let Some(metric) = node.as_str() {
        return if metric.is_empty() { Vec::new() } else { vec![(CHECK.to_owned(), metric)] };
    }
    node.as_array()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(index, item)| Some((format!("{CHECK}/{index}"), item.as_str()?)))
        .collect()
}

/// The metric names the metrics file lists (none when it does not exist and the manifest
/// names no path); `None` when it cannot tell (a named file that is missing, or a file that
/// is not CSV: other rules report those).
fn listed(integration: &Integration, named_path: bool) -> Option<Vec<String>> {
    let Some((_, csv)) = integration.metadata_csv() else {
        let files = &integration.files;
        let ids = files.ids(crate::files::Kind::MetadataCsv);
        let absent = ids.iter().all(|id| matches!(files.loaded(*id), None | Some(Loaded::Missing)));
        return (!named_path && absent).then(Vec::new);
    };
    let table = csv.table()?;
    let header = table.records.first()?;
    let column = (0..header.cells.len())
        .rev()
        .find(|&c| header.cells.get(c).map(|cell| csv.value(cell).trim_start_matches('\u{feff}')) == Some("metric_name"))?;
    Some(
        table
            .records
            .iter()
            .skip(1)
            .filter_map(|record| record.cells.get(column).map(|cell| csv.value(cell).to_owned()))
            .collect(),
    )
}
