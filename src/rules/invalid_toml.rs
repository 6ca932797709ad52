//! `invalid-toml`: a repository root's `.ddev/config.toml` is not valid TOML.

use crate::finding::{Finding, Place};
use crate::repository::Repository;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a `.ddev/config.toml` at the repository root of the checked integrations that
    /// does not parse as TOML, at the position where parsing stopped. It is reported once,
    /// however many integrations read it.
    ///
    /// ## Why
    /// Datadog's tooling reads its per-integration overrides from this file (`metrics-prefix`,
    /// `display-name`, `is-integration`); `ddev` stops at start-up when it does not parse, so
    /// every validation of the pull request fails. Until it parses, ddlint checks the
    /// integrations without the overrides, so `metadata-prefix` and `metadata-integration`
    /// may report what an override would have allowed.
    ///
    /// ## Example
    /// ```toml
    /// [overrides.metrics-prefix]
    /// acme = acme.
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [overrides.metrics-prefix]
    /// acme = "acme."
    /// ```
    ///
    /// ## Fix
    /// Correct the TOML at the position shown: quote strings, close tables and arrays, and
    /// name each key once per table.
    ///
    /// ## References
    /// - ddev 20.1.0, `repo/config.py` (BSD 3-Clause)
    /// - TOML v1.0.0, <https://toml.io/en/v1.0.0>
    pub(crate) struct InvalidToml {
        code: "DD007",
        name: "invalid-toml",
        level: Error,
        summary: "the repository's .ddev/config.toml is not valid TOML",
        reads: loaded,
    }
}

impl Rule for InvalidToml {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_repository(&self, repo: &Repository, _settings: &Settings, out: &mut Vec<Finding>) {
        for (id, row) in repo.files.known() {
            let Some(toml) = row.toml() else {
                continue;
            };
            let Err(error) = &toml.parsed else {
                continue;
            };
            let place = match &error.span {
                Some(span) => Place::span(id, span.clone()),
                None => Place::whole(id),
            };
            out.push(
                Finding::new(
                    format!("`.ddev/config.toml` is not valid TOML: {}", error.message.trim_end()),
                    place,
                    "parsing stopped here",
                )
                .with_help("correct the TOML here; until it parses, its overrides are not applied"),
            );
        }
    }
}
