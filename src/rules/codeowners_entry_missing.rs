//! `codeowners-entry-missing`: a checked integration has no `/<dir>/` line in the repository's
//! `.github/CODEOWNERS`.

use crate::codeowners::OwnerRule;
use crate::finding::{Finding, Place, quoted};
use crate::repository::Repository;
use crate::rules::owners::{Owned, owned};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// When the checked integrations have a repository root with a `.github/CODEOWNERS` (a
    /// repository root was checked, or the integration's parent directory holds
    /// `.github/CODEOWNERS` or `.ddev/config.toml`), reports every checked integration
    /// without a line for its directory, `/<dir>/` followed by its owners. The finding is on
    /// the line after which the entry sorts among the file's other `/<dir>/` lines, where it
    /// belongs.
    ///
    /// ## Why
    /// GitHub asks the owners named there to review every change to the integration: without
    /// an entry, no partner is asked, and `ddev validate codeowners` fails the pull request
    /// ("does not have a valid `CODEOWNERS` entry"). Datadog's tool checks every directory of
    /// the repository; ddlint checks the integrations it was given (directories with a
    /// `manifest.json`), so that a pull request's new integration is checked with the rest.
    /// Datadog's tool only reads lines whose words are separated by spaces: an entry whose
    /// path is followed by a tab is one GitHub reads and Datadog's tool does not find, which
    /// ddlint reports as a warning.
    ///
    /// ## Example
    /// A new integration `acme/`, and a `.github/CODEOWNERS` without `/acme/`.
    ///
    /// ## Use instead
    /// ```text
    /// /acme/                                   @acme-dev @DataDog/ecosystems-review
    /// ```
    ///
    /// ## Fix
    /// Add the line, with the GitHub user or team that maintains the integration first.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/codeowners.py` (BSD 3-Clause)
    /// - GitHub Docs, "About code owners"
    pub(crate) struct CodeownersEntryMissing {
        code: "DD400",
        name: "codeowners-entry-missing",
        level: Error,
        summary: "an integration has no entry for its directory in the repository's .github/CODEOWNERS",
        reads: [Codeowners],
    }
}

impl Rule for CodeownersEntryMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_repository(&self, repo: &Repository, _settings: &Settings, out: &mut Vec<Finding>) {
        for integration in owned(repo) {
            match integration.entry() {
                Some(entry) => out.extend(tabbed(&integration, entry)),
                None => out.push(finding(&integration)),
            }
        }
    }
}

fn finding(integration: &Owned) -> Finding {
    let name = integration.summary.name();
    let entry = format!("/{name}/");
    let after = integration
        .owners
        .owners
        .rules
        .iter()
        .filter(|rule| directory(&rule.pattern.text).is_some_and(|dir| dir < name.as_str()))
        .max_by(|a, b| directory(&a.pattern.text).cmp(&directory(&b.pattern.text)));
    let (place, label, help) = match after {
        Some(rule) => (
            Place::line(integration.file, rule.line),
            format!("`{}` would go after this line", quoted(&entry)),
            format!("add the line `{} @<github-user-or-team>` after line {}, the integration's maintainers first", quoted(&entry), rule.line),
        ),
        None => (
            Place::line(integration.file, 1),
            "no entry for the integration".to_owned(),
            format!("add the line `{} @<github-user-or-team>`, the integration's maintainers first", quoted(&entry)),
        ),
    };
    Finding::new(
        format!("integration `{}` has no `{}` entry in .github/CODEOWNERS", quoted(&name), quoted(&entry)),
        place,
        label,
    )
    .with_help(help)
    .about(integration.summary.dir.clone())
}

/// An entry whose path and first owner a tab separates: ddev splits lines on spaces only.
fn tabbed(integration: &Owned, entry: &OwnerRule) -> Option<Finding> {
    let text = integration.owners.source.text();
    let end = entry.owners.first().map_or(entry.pattern.span.end, |owner| owner.span.start);
    let gap = entry.pattern.span.end..end;
    if !text.get(gap.clone())?.contains('\t') {
        return None;
    }
    let name = integration.summary.name();
    Some(
        Finding::new(
            format!("the CODEOWNERS entry of `{}` separates its path from its owners with a tab, which `ddev validate codeowners` does not read as a separator (it fails the entry)", quoted(&name)),
            Place::span(integration.file, gap),
            "a tab",
        )
        .with_help("separate the path and the owners with spaces")
        .with_level(crate::diagnostic::Level::Warning)
        .about(integration.summary.dir.clone()),
    )
}

/// The directory of a `/<dir>/` pattern.
fn directory(pattern: &str) -> Option<&str> {
    let dir = pattern.strip_prefix('/')?.strip_suffix('/')?;
    (!dir.is_empty() && !dir.contains('/')).then_some(dir)
}
