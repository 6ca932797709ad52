//! `app-uuid-duplicate`: two checked integrations share an `app_uuid`.

use std::collections::BTreeMap;

use crate::finding::{Finding, Place, quoted};
use crate::repository::Repository;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports every integration whose `app_uuid` another checked integration also has (letter
    /// case ignored), and labels the others. Run ddlint on the whole repository to compare all
    /// of them.
    ///
    /// ## Why
    /// `app_uuid` identifies one app on the Datadog Developer Platform. Two integrations with the
    /// same value, usually one copied from the other as a template, would claim the same app:
    /// the second cannot be published.
    ///
    /// ## Example
    /// `acme/manifest.json` and `acme_logs/manifest.json` both hold
    /// ```json
    /// "app_uuid": "3ccc5034-0902-4e00-8a69-04d007d31310"
    /// ```
    ///
    /// ## Use instead
    /// Each integration has the app_uuid the Developer Platform created for it.
    ///
    /// ## Fix
    /// Create an app for the new integration on the Developer Platform and copy its app_uuid
    /// into the new manifest. Leave the published integration's app_uuid as it is.
    pub(crate) struct AppUuidDuplicate {
        code: "DD112",
        name: "app-uuid-duplicate",
        level: Error,
        summary: "two integrations share an app_uuid",
        reads: [Manifest],
    }
}

/// Other integrations labelled on one finding; the message counts the rest.
const MAX_LABELS: usize = 5;

impl Rule for AppUuidDuplicate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_repository(&self, repo: &Repository, _settings: &Settings, out: &mut Vec<Finding>) {
        let mut by_uuid: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, integration) in repo.integrations.iter().enumerate() {
            if let Some(uuid) = &integration.app_uuid {
                by_uuid.entry(uuid.to_lowercase()).or_default().push(index);
            }
        }
        for group in by_uuid.values().filter(|group| group.len() > 1) {
            out.extend(findings(repo, group));
        }
    }
}

/// One finding per integration of a group that shares an app_uuid; the others are labelled
/// (up to `MAX_LABELS`) and named (up to `MAX_LABELS`, then counted).
fn findings(repo: &Repository, group: &[usize]) -> Vec<Finding> {
    let members: Vec<(String, Place)> = group
        .iter()
        .filter_map(|&index| {
            let name = repo.integrations.get(index)?.name();
            Some((name, Place::value_in(repo.manifest(index)?, "/app_uuid")))
        })
        .collect();
    members
        .iter()
        .enumerate()
        .map(|(index, (name, place))| {
            let others: Vec<&(String, Place)> = members
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(_, member)| member)
                .collect();
            let mut finding = Finding::new(
                format!("`{}` has the same `app_uuid` as {}", quoted(name), names(&others)),
                place.clone(),
                "shared with another integration",
            )
            .with_help("give each integration the app_uuid the Developer Platform created for it; keep the published one's value");
            for (other, at) in others.iter().take(MAX_LABELS) {
                finding = finding.with_label(at.clone(), format!("also the app_uuid of `{other}`"));
            }
            finding
        })
        .collect()
}

/// "`a`, `b`" or "`a`, `b`, `c`, `d`, `e` and 7 more".
fn names(others: &[&(String, Place)]) -> String {
    let shown: Vec<String> = others
        .iter()
        .take(MAX_LABELS)
        .map(|(name, _)| format!("`{}`", quoted(name)))
        .collect();
    match others.len().saturating_sub(MAX_LABELS) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}
