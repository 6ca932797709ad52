//! `app-uuid-duplicate`: two checked integrations share an `app_uuid`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Label};
use crate::finding::{Place, quoted};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta, Seen, declare_rule};

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
    }
}

/// Other integrations labelled on one finding; the message counts the rest.
const MAX_LABELS: usize = 5;

impl Rule for AppUuidDuplicate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_across(
        &self,
        seen: &[Seen],
        load: &dyn Fn(&Path) -> Integration,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut by_uuid: BTreeMap<String, Vec<&PathBuf>> = BTreeMap::new();
        for integration in seen {
            if let Some(uuid) = &integration.app_uuid {
                by_uuid
                    .entry(uuid.to_lowercase())
                    .or_default()
                    .push(&integration.dir);
            }
        }
        for dirs in by_uuid.values().filter(|dirs| dirs.len() > 1) {
            out.extend(group(dirs, load));
        }
    }
}

/// One finding per integration of a group that shares an app_uuid; the others are labelled
/// (up to `MAX_LABELS`) and named (up to `MAX_LABELS`, then counted).
fn group(dirs: &[&PathBuf], load: &dyn Fn(&Path) -> Integration) -> Vec<Diagnostic> {
    let labels: Vec<(String, PathBuf, Label)> = dirs
        .iter()
        .filter_map(|dir| {
            let integration = load(dir);
            let (file, span) = integration.locate(&Place::value("/app_uuid"))?;
            let message = format!("also the app_uuid of `{}`", integration.name());
            Some((
                integration.name(),
                integration.dir.clone(),
                Label {
                    file,
                    span,
                    message,
                },
            ))
        })
        .collect();
    labels
        .iter()
        .enumerate()
        .map(|(index, (name, dir, primary))| {
            let others: Vec<&(String, PathBuf, Label)> =
                labels.iter().enumerate().filter(|(i, _)| *i != index).map(|(_, l)| l).collect();
            Diagnostic {
                rule: &AppUuidDuplicate::META,
                level: AppUuidDuplicate::META.level,
                message: format!("`{name}` has the same `app_uuid` as {}", names(&others)),
                primary: Label { message: "shared with another integration".to_owned(), ..primary.clone() },
                secondary: others.iter().take(MAX_LABELS).map(|(_, _, label)| label.clone()).collect(),
                help: Some("give each integration the app_uuid the Developer Platform created for it; keep the published one's value".to_owned()),
                fix: None,
                integration: Some(dir.clone()),
                pointer: Some("/app_uuid".to_owned()),
            }
        })
        .collect()
}

/// "`a`, `b`" or "`a`, `b`, `c`, `d`, `e` and 7 more".
fn names(others: &[&(String, PathBuf, Label)]) -> String {
    let shown: Vec<String> = others
        .iter()
        .take(MAX_LABELS)
        .map(|(name, _, _)| format!("`{}`", quoted(name)))
        .collect();
    match others.len().saturating_sub(MAX_LABELS) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}
