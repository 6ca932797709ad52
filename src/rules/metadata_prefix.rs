//! `metadata-prefix`: a metric of `metadata.csv` is not under the integration's metric prefix,
//! or the integration has no prefix.

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::metadata::{ALLOWED_PREFIXES, Metrics, PROVIDER_INTEGRATIONS};
use crate::rules::metadata_value::normalize;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks that every `metric_name` of `metadata.csv` (or the file
    /// `assets.integration.metrics.metadata_path` names) starts with the integration's metric
    /// prefix, as `ddev validate metadata` does: the manifest's
    /// `assets.integration.metrics.prefix`, or, when that is absent or empty, the
    /// `.ddev/config.toml` override `overrides.metrics-prefix.<dir>` of the repository root.
    /// Names under Datadog's shared prefixes (`system.`, `jvm.`, `http.`, `datadog.`, `sftp.`,
    /// `process.`, `runtime.`, `otelcol_`) are accepted. An integration with a `metadata.csv`
    /// and no prefix at all is reported on the manifest (except `openmetrics` and
    /// `prometheus`); a `metrics` object without `prefix` is `manifest-schema`'s. A name that
    /// is not in Datadog's normalised form is left to `metadata-value` (Datadog reports it
    /// twice). While the root's `.ddev/config.toml` does not parse (`invalid-toml`), an
    /// integration without a prefix in its manifest is not judged.
    ///
    /// ## Why
    /// The prefix is how Datadog tells an integration's metrics from every other's; a metric
    /// outside it fails the pull request's check. Datadog's tool counts the bad names per
    /// first segment and names no row; ddlint points at each name.
    ///
    /// ## Example
    /// With `"prefix": "acme."` in the manifest:
    /// ```csv
    /// acme_requests.count,count,,request,,Requests served,0,acme,requests,
    /// ```
    ///
    /// ## Use instead
    /// ```csv
    /// acme.requests.count,count,,request,,Requests served,0,acme,requests,
    /// ```
    ///
    /// ## Fix
    /// Rename the metric under the prefix (the name the integration really submits), or
    /// correct the prefix in the manifest when it is the one that is wrong.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/metadata.py` and `cli/validate/metadata_utils.py`
    ///   (`ALLOWED_PREFIXES`, `PROVIDER_INTEGRATIONS`; BSD 3-Clause)
    pub(crate) struct MetadataPrefix {
        code: "DD327",
        name: "metadata-prefix",
        level: Error,
        summary: "a metric of metadata.csv is not under the integration's metric prefix",
        reads: [Manifest, MetadataCsv, DdevConfig],
    }
}

const PREFIX: &str = "/assets/integration/metrics/prefix";
const METRICS: &str = "/assets/integration/metrics";

impl Rule for MetadataPrefix {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(metrics) = Metrics::of(integration) else {
            return;
        };
        let name = integration.name();
        let root = integration.manifest_root();
        let manifest = root.and_then(|root| root.pointer(PREFIX)).and_then(|node| node.as_str()).filter(|p| !p.is_empty());
        let config = integration.repo_config().and_then(|config| config.metrics_prefix(&name)).filter(|p| !p.is_empty());
        let Some(prefix) = manifest.or(config) else {
            if integration.repo_config_broken() {
                return;
            }
            let has_metrics = root.is_some_and(|root| root.pointer(METRICS).is_some());
            let schema_reports = has_metrics && root.and_then(|root| root.pointer(PREFIX)).is_none();
            if root.is_some() && !schema_reports && !PROVIDER_INTEGRATIONS.contains(&name.as_str()) {
                let empty = root.and_then(|root| root.pointer(PREFIX)).is_some();
                out.push(missing(&name, empty));
            }
            return;
        };
        let Some(column) = metrics.column("metric_name") else {
            return;
        };
        let source = match manifest {
            Some(_) => "the manifest's `assets.integration.metrics.prefix`".to_owned(),
            None => format!("`overrides.metrics-prefix.{name}` of `.ddev/config.toml`"),
        };
        for (row, record) in metrics.rows() {
            let metric = metrics.value(record, Some(column));
            let allowed = metric.starts_with(prefix) || ALLOWED_PREFIXES.iter().any(|p| metric.starts_with(p));
            // A name Datadog would normalise is `metadata-value`'s until it is corrected.
            if metric.is_empty() || allowed || normalize(metric) != metric {
                continue;
            }
            let mut finding = Finding::new(
                format!("metric `{}` does not start with the metric prefix `{}` ({source})", quoted(metric), quoted(prefix)),
                Place::cell(metrics.file, row, column),
                format!("not under `{}`", quoted(prefix)),
            )
            .with_help(format!("start the name with `{}`, as the integration submits it, or correct the prefix if it is the one that is wrong", quoted(prefix)));
            if manifest.is_some() {
                finding = finding.with_label(Place::value(PREFIX), "the prefix");
            }
            out.push(finding);
        }
    }
}

/// The integration has metric metadata and no prefix anywhere (`empty`: the manifest's is "").
fn missing(name: &str, empty: bool) -> Finding {
    let (place, label) = match empty {
        true => (Place::value(PREFIX), "empty"),
        false => (Place::key(PREFIX), "no `assets.integration.metrics.prefix`"),
    };
    Finding::new(
        format!("`{}` has a metadata.csv but no metric prefix, in the manifest or in `.ddev/config.toml`", quoted(name)),
        place,
        label,
    )
    .with_help("set `assets.integration.metrics.prefix` to the prefix of the integration's metrics, such as `\"acme.\"`")
}
