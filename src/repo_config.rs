//! A repository's `.ddev/config.toml`: the per-integration overrides Datadog's tooling reads
//! (ddev 20.1.0, `ddev/integration/core.py`, `ddev/cli/validate/metadata.py`).
//!
//! - `overrides.metrics-prefix.<dir>`: the metric prefix when the manifest has no
//!   `assets.integration.metrics.prefix`.
//! - `overrides.display-name.<dir>`: the display name, instead of the manifest's
//!   `assets.integration.source_type_name` (the `integration` column of `metadata.csv` is its
//!   normalised form).
//! - `overrides.is-integration.<dir>`: whether a directory WITHOUT `manifest.json` is an
//!   integration (ddev counts every such directory unless this says `false`); a directory with
//!   a manifest is one whatever it says, so it changes nothing for what ddlint checks.
//! - `overrides.validate.metadata.integration.<dir>`: the `integration` column's value itself.
//! - `overrides.validate.metrics.exclude`: directories whose `metadata.csv` is not validated.
//!
//! Only string (and, for `is-integration`, boolean) values are used; others are ignored. An
//! `imports` key (files the configuration pulls in) is not followed.

use std::collections::{BTreeMap, BTreeSet};

/// The overrides of one repository.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct RepoConfig {
    metrics_prefix: BTreeMap<String, String>,
    display_name: BTreeMap<String, String>,
    is_integration: BTreeMap<String, bool>,
    metadata_integration: BTreeMap<String, String>,
    metrics_exclude: BTreeSet<String>,
}

impl RepoConfig {
    /// The overrides in a parsed `.ddev/config.toml`.
    pub(crate) fn from_table(table: &toml::Table) -> Self {
        let overrides = table.get("overrides");
        let at = |path: &[&str]| {
            path.iter()
                .try_fold(overrides?, |value, key| value.as_table()?.get(*key))
        };
        let strings = |path: &[&str]| -> BTreeMap<String, String> {
            entries(at(path))
                .filter_map(|(key, value)| Some((key.clone(), value.as_str()?.to_owned())))
                .collect()
        };
        Self {
            metrics_prefix: strings(&["metrics-prefix"]),
            display_name: strings(&["display-name"]),
            is_integration: entries(at(&["is-integration"]))
                .filter_map(|(key, value)| Some((key.clone(), value.as_bool()?)))
                .collect(),
            metadata_integration: strings(&["validate", "metadata", "integration"]),
            metrics_exclude: at(&["validate", "metrics", "exclude"])
                .and_then(toml::Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|value| value.as_str().map(str::to_owned))
                .collect(),
        }
    }

    /// `overrides.metrics-prefix.<dir>`.
    pub(crate) fn metrics_prefix(&self, dir: &str) -> Option<&str> {
        self.metrics_prefix.get(dir).map(String::as_str)
    }

    /// `overrides.display-name.<dir>`.
    pub(crate) fn display_name(&self, dir: &str) -> Option<&str> {
        self.display_name.get(dir).map(String::as_str)
    }

    /// `overrides.is-integration.<dir>`. No rule needs it: ddlint checks directories with a
    /// `manifest.json`, which ddev counts as integrations whatever this says.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn is_integration(&self, dir: &str) -> Option<bool> {
        self.is_integration.get(dir).copied()
    }

    /// `overrides.validate.metadata.integration.<dir>`.
    pub(crate) fn metadata_integration(&self, dir: &str) -> Option<&str> {
        self.metadata_integration.get(dir).map(String::as_str)
    }

    /// Whether `overrides.validate.metrics.exclude` lists `dir`.
    pub(crate) fn metrics_excluded(&self, dir: &str) -> bool {
        self.metrics_exclude.contains(dir)
    }
}

/// The members of a TOML table value (none for anything else).
fn entries(value: Option<&toml::Value>) -> impl Iterator<Item = (&String, &toml::Value)> {
    value.and_then(toml::Value::as_table).into_iter().flatten()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_overrides_of_integrations_extras_are_read() {
        let text = r#"
[overrides.display-name]
contrastsecurity = "Contrast Security"
[overrides.metrics-prefix]
snmpwalk = "snmpwalk."
odd = 3
[overrides.is-integration]
fluxcd = false
[overrides.validate.metadata.integration]
acme = "acme_core"
[overrides.validate.metrics]
exclude = ["legacy"]
"#;
        let config = RepoConfig::from_table(&toml::from_str(text).unwrap());
        assert_eq!(
            config.display_name("contrastsecurity"),
            Some("Contrast Security")
        );
        assert_eq!(config.metrics_prefix("snmpwalk"), Some("snmpwalk."));
        assert_eq!(config.metrics_prefix("odd"), None);
        assert_eq!(config.is_integration("fluxcd"), Some(false));
        assert_eq!(config.metadata_integration("acme"), Some("acme_core"));
        assert!(config.metrics_excluded("legacy") && !config.metrics_excluded("acme"));
        let empty = RepoConfig::from_table(&toml::from_str("overrides = 1").unwrap());
        assert_eq!(empty, RepoConfig::default());
    }
}
