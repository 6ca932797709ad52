//! `app-uuid-duplicate`: two checked integrations share an `app_uuid`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Label};
use crate::finding::Place;
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

    fn check_across(&self, seen: &[Seen], out: &mut Vec<Diagnostic>) {
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
            out.extend(group(dirs));
        }
    }
}

/// One finding per integration of a group that shares an app_uuid.
fn group(dirs: &[&PathBuf]) -> Vec<Diagnostic> {
    let labels: Vec<(String, Label)> = dirs
        .iter()
        .filter_map(|dir| {
            let integration = Integration::load((*dir).clone(), &Default::default());
            let (file, span) = integration.locate(&Place::value("/app_uuid"))?;
            let label = Label {
                file,
                span,
                message: format!("also the app_uuid of `{}`", integration.name()),
            };
            Some((integration.name(), label))
        })
        .collect();
    let mut diagnostics = Vec::new();
    for (index, (name, primary)) in labels.iter().enumerate() {
        let others: Vec<&(String, Label)> = labels
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, l)| l)
            .collect();
        let names: Vec<String> = others.iter().map(|(name, _)| format!("`{name}`")).collect();
        diagnostics.push(Diagnostic {
            rule: &AppUuidDuplicate::META,
            level: AppUuidDuplicate::META.level,
            message: format!("`{name}` has the same `app_uuid` as {}", names.join(", ")),
            primary: Label { message: "shared with another integration".to_owned(), ..primary.clone() },
            secondary: others.iter().take(MAX_LABELS).map(|(_, label)| label.clone()).collect(),
            help: Some("give each integration the app_uuid the Developer Platform created for it; keep the published one's value".to_owned()),
            fix: None,
            integration: primary.file.path().parent().map(std::path::Path::to_path_buf),
            pointer: Some("/app_uuid".to_owned()),
        });
    }
    diagnostics
}
