//! `codeowners-logs-owner`: an integration's `assets/logs/` is not owned by Datadog's logs
//! reviewers in CODEOWNERS.

use crate::files::Kind;
use crate::files::resolve::{Resolved, Unusable};
use crate::finding::{Finding, Place, quoted};
use crate::repository::Repository;
use crate::rules::owners::owned;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// For every checked integration with an `assets/logs` directory, looks up who owns
    /// `/<dir>/assets/logs/` in the repository root's `.github/CODEOWNERS` (the last line
    /// whose pattern matches, as GitHub does) and reports it when that line does not name
    /// `@DataDog/logs-integrations-reviewers`, as `ddev validate codeowners` requires. The
    /// finding is on the line that owns the path, or on the integration's `/<dir>/` line, or
    /// on line 1 when nothing matches.
    ///
    /// ## Why
    /// Log pipelines and their tests are reviewed by Datadog's logs team: CODEOWNERS is how
    /// GitHub asks them. integrations-extras ends with a line `**/assets/logs/
    /// @DataDog/logs-integrations-reviewers` that covers every integration; a later or more
    /// specific line without the team takes the directory away from them. The team's name is
    /// compared exactly, as Datadog's tool compares it.
    ///
    /// ## Example
    /// ```text
    /// /acme/assets/logs/                       @acme-dev
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// /acme/assets/logs/                       @acme-dev @DataDog/logs-integrations-reviewers
    /// ```
    ///
    /// ## Fix
    /// Add `@DataDog/logs-integrations-reviewers` to the owners of the line shown, or add a
    /// line `/<dir>/assets/logs/ ... @DataDog/logs-integrations-reviewers` after it.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/codeowners.py` and `utils/codeowners.py` (BSD 3-Clause)
    pub(crate) struct CodeownersLogsOwner {
        code: "DD402",
        name: "codeowners-logs-owner",
        level: Error,
        summary: "an integration's assets/logs/ is not owned by @DataDog/logs-integrations-reviewers",
        reads: [Codeowners, LogsAssets],
    }
}

const LOGS_TEAM: &str = "@DataDog/logs-integrations-reviewers";

impl Rule for CodeownersLogsOwner {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_repository(&self, repo: &Repository, _settings: &Settings, out: &mut Vec<Finding>) {
        for integration in owned(repo) {
            let logs = repo.integration_file(integration.index, Kind::LogsAssets);
            let exists = logs.and_then(|id| repo.files.resolved(id)).is_some_and(|resolved| {
                !matches!(resolved, Resolved::Unusable(Unusable::NotFound { .. }) | Resolved::Escapes(_))
            });
            if !exists {
                continue;
            }
            let name = integration.summary.name();
            let path = format!("/{name}/assets/logs/");
            let owner = integration.owners.owners.owner_of(&path);
            if owner.is_some_and(|rule| rule.owners.iter().any(|o| o.text == LOGS_TEAM)) {
                continue;
            }
            let (place, label) = match owner.or_else(|| integration.entry()) {
                Some(rule) if owner.is_some() => (Place::line(integration.file, rule.line), "the line that owns it"),
                Some(rule) => (Place::line(integration.file, rule.line), "the integration's entry"),
                None => (Place::line(integration.file, 1), "no line owns it"),
            };
            let by = match owner {
                Some(rule) if rule.owners.is_empty() => format!(" (line {} names no owner)", rule.line),
                Some(rule) => format!(" (line {}: {})", rule.line, rule.owners.iter().map(|o| quoted(&o.text)).collect::<Vec<_>>().join(" ")),
                None => String::new(),
            };
            out.push(
                Finding::new(format!("`{}` is not owned by `{LOGS_TEAM}`{by}", quoted(&path)), place, label)
                    .with_help(format!("add `{LOGS_TEAM}` to the owners of this line, or add the line `{} ... {LOGS_TEAM}` after it", quoted(&path)))
                    .about(integration.summary.dir.clone()),
            );
        }
    }
}
