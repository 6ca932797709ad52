//! `metadata-integration`: the `integration` column of `metadata.csv` is not the integration's
//! normalised display name.

use crate::finding::{Finding, FixSpec, Place, quoted};
use crate::fix::Edit;
use crate::integration::Integration;
use crate::rules::metadata::Metrics;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks that the `integration` cell of every row of `metadata.csv` (or the file
    /// `assets.integration.metrics.metadata_path` names) is the integration's normalised
    /// display name, as `ddev validate metadata` requires: the display name is the
    /// manifest's `assets.integration.source_type_name` (or the `.ddev/config.toml` override
    /// `overrides.display-name.<dir>`, or the directory name when neither exists), with every
    /// run of characters other than letters, digits and `-` made one `_`, `_` trimmed at both
    /// ends, and lowercased: `Acme Cloud` gives `acme_cloud`. An override
    /// `overrides.validate.metadata.integration.<dir>` names the value directly. While the
    /// root's `.ddev/config.toml` does not parse (`invalid-toml`), the column is not judged.
    ///
    /// ## Why
    /// Datadog files each metric's metadata under this integration name; a row under another
    /// name fails the pull request's check. Datadog's tool reports only the first bad row of
    /// most real files; ddlint reports every one, with a fix.
    ///
    /// ## Example
    /// With `"source_type_name": "Acme Cloud"` in the manifest:
    /// ```csv
    /// acme.requests,count,,request,,Requests served,0,Acme Cloud,requests,
    /// ```
    ///
    /// ## Use instead
    /// ```csv
    /// acme.requests,count,,request,,Requests served,0,acme_cloud,requests,
    /// ```
    ///
    /// ## Fix
    /// The safe fix writes the normalised display name into the cell.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/metadata.py`, and `integration/core.py`
    ///   (`display_name`, `normalized_display_name`, `metadata_integration_name`; BSD 3-Clause)
    pub(crate) struct MetadataIntegration {
        code: "DD323",
        name: "metadata-integration",
        level: Error,
        summary: "the integration column of metadata.csv is not the normalised display name",
        reads: [Manifest, MetadataCsv, DdevConfig],
    }
}

const SOURCE_TYPE_NAME: &str = "/assets/integration/source_type_name";

impl Rule for MetadataIntegration {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(metrics) = Metrics::of(integration) else {
            return;
        };
        let Some(column) = metrics.column("integration") else {
            return;
        };
        if integration.repo_config_broken() {
            return;
        }
        let (expected, source) = expected(integration);
        let config = integration.repo_config();
        if config.is_some_and(|config| config.metrics_excluded(&expected)) {
            return;
        }
        let from_manifest = source == Source::Manifest;
        for (row, record) in metrics.rows() {
            let actual = metrics.value(record, Some(column));
            if actual == expected {
                continue;
            }
            let Some(cell) = record.cells.get(column) else {
                continue;
            };
            let fix = FixSpec::safe(
                metrics.file,
                format!("set `integration` to `{}`", quoted(&expected)),
                vec![Edit::replace(cell.span.clone(), csv_cell(&expected))],
            );
            let shown = if actual.is_empty() { "is empty".to_owned() } else { format!("is `{}`", quoted(actual)) };
            let mut finding = Finding::new(
                format!("the integration column {shown}, not `{}`, {}", quoted(&expected), source.says()),
                Place::cell(metrics.file, row, column),
                format!("expected `{}`", quoted(&expected)),
            )
            .with_help(format!("write `{}`; the fix does it in every row", quoted(&expected)))
            .with_fix(Some(fix));
            if from_manifest {
                finding = finding.with_label(Place::value(SOURCE_TYPE_NAME), "the display name");
            }
            out.push(finding);
        }
    }
}

/// Where the expected value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Manifest,
    DisplayOverride,
    IntegrationOverride,
    Directory,
}

impl Source {
    fn says(self) -> &'static str {
        match self {
            Source::Manifest => "the normalised `assets.integration.source_type_name`",
            Source::DisplayOverride => "the normalised `overrides.display-name` of `.ddev/config.toml`",
            Source::IntegrationOverride => "the `overrides.validate.metadata.integration` of `.ddev/config.toml`",
            Source::Directory => "the normalised directory name",
        }
    }
}

/// ddev's `metadata_integration_name`, and where it comes from.
fn expected(integration: &Integration) -> (String, Source) {
    let name = integration.name();
    let config = integration.repo_config();
    if let Some(value) = config.and_then(|config| config.metadata_integration(&name)).filter(|v| !v.is_empty()) {
        return (value.to_owned(), Source::IntegrationOverride);
    }
    let source = if config.and_then(|config| config.display_name(&name)).is_some_and(|v| !v.is_empty()) {
        Source::DisplayOverride
    } else if integration.manifest_root().and_then(|root| root.pointer(SOURCE_TYPE_NAME)).is_some() {
        Source::Manifest
    } else {
        Source::Directory
    };
    (normalize(&integration.display_name()), source)
}

/// ddev's `normalized_display_name`.
pub(crate) fn normalize(display: &str) -> String {
    let mut out = String::new();
    for c in display.chars() {
        let keep = c.is_ascii_alphanumeric() || c == '-';
        if keep {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

/// A value as a CSV cell: quoted when it holds a comma, a quote or a line break.
fn csv_cell(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_normalise_as_ddev_does() {
        assert_eq!(normalize("Acme Cloud"), "acme_cloud");
        assert_eq!(normalize("  Contrast  Security!"), "contrast_security");
        assert_eq!(normalize("F5-Distributed_Cloud"), "f5-distributed_cloud");
        assert_eq!(normalize("Caf\u{e9} Bar"), "caf_bar");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
    }
}
