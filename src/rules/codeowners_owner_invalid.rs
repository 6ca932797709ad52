//! `codeowners-owner-invalid`: an integration's CODEOWNERS entry names no owner, or its first
//! owner is not a GitHub user or team.

use crate::codeowners::{OwnerKind, owner_kind};
use crate::finding::{Finding, Place, quoted};
use crate::repository::Repository;
use crate::rules::owners::owned;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks the `/<dir>/` line of every checked integration in the repository root's
    /// `.github/CODEOWNERS` (the last one, when there are several): it names at least one
    /// owner, and its first owner is a GitHub `@user` or `@org/team`, as
    /// `ddev validate codeowners` requires. Like Datadog's tool, it accepts an e-mail address
    /// first for the sixteen older tiles Datadog lists (`1e`, `auth0`, `bluematador`,
    /// `bonsai`, `buddy`, `concourse_ci`, `f5-distributed-cloud`, `launchdarkly`,
    /// `lacework`, `gremlin`, `perimeterx`, `rigor`, `rookout`, `rundeck`, `sqreen`,
    /// `squadcast`). Datadog's tool accepts any first word that starts with `@`; ddlint also
    /// rejects a lone `@`.
    ///
    /// ## Why
    /// GitHub requests reviews from users and teams only: an e-mail address first usually
    /// means the partner's GitHub account is missing, and the pull request's check fails
    /// ("the codeowner is not a username or team", or "the codeowner is empty").
    ///
    /// ## Example
    /// ```text
    /// /acme/                                   support@acme.io
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// /acme/                                   @acme-dev support@acme.io
    /// ```
    ///
    /// ## Fix
    /// Put the GitHub user or team that maintains the integration first on the line.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/codeowners.py` (`IGNORE_TILES`; BSD 3-Clause)
    pub(crate) struct CodeownersOwnerInvalid {
        code: "DD401",
        name: "codeowners-owner-invalid",
        level: Error,
        summary: "an integration's CODEOWNERS entry has no owner, or its first owner is not a @user or @org/team",
        reads: [Codeowners],
    }
}

/// Tiles Datadog lets keep an e-mail address first (ddev 20.1.0, `IGNORE_TILES`).
const IGNORE_TILES: [&str; 16] = [
    "1e",
    "auth0",
    "bluematador",
    "bonsai",
    "buddy",
    "concourse_ci",
    "f5-distributed-cloud",
    "launchdarkly",
    "lacework",
    "gremlin",
    "perimeterx",
    "rigor",
    "rookout",
    "rundeck",
    "sqreen",
    "squadcast",
];

impl Rule for CodeownersOwnerInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_repository(&self, repo: &Repository, _settings: &Settings, out: &mut Vec<Finding>) {
        for integration in owned(repo) {
            let Some(entry) = integration.entry() else {
                continue;
            };
            let name = integration.summary.name();
            let dir = integration.summary.dir.clone();
            let Some(first) = entry.owners.first() else {
                out.push(
                    Finding::new(
                        format!("the CODEOWNERS entry of `{}` names no owner", quoted(&name)),
                        Place::span(integration.file, entry.pattern.span.clone()),
                        "no owner after the path",
                    )
                    .with_help(format!("add the GitHub user or team that maintains the integration: `/{}/ @<github-user-or-team>`", quoted(&name)))
                    .about(dir),
                );
                continue;
            };
            let kind = owner_kind(&first.text);
            if matches!(kind, OwnerKind::Team | OwnerKind::User) || (kind == OwnerKind::Email && IGNORE_TILES.contains(&name.as_str())) {
                continue;
            }
            let what = match kind {
                OwnerKind::Email => "an e-mail address",
                _ => "not a GitHub user or team",
            };
            out.push(
                Finding::new(
                    format!("the first owner of `{}` in CODEOWNERS, `{}`, is {what}; Datadog wants a GitHub `@user` or `@org/team` first", quoted(&name), quoted(&first.text)),
                    Place::span(integration.file, first.span.clone()),
                    "not a @user or @org/team",
                )
                .with_help("put the GitHub user or team that maintains the integration first on the line, such as `@acme-dev`")
                .about(dir),
            );
        }
    }
}
