//! `uninstallation-field-order`: in an integration with an OAuth client, `tile.uninstallation`
//! is not the member right after `tile.support`.

use crate::finding::FixSpec;
use crate::files::FileId;
use crate::finding::{Finding, Place};
use crate::fix::json::{insert_member_after, remove_member};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// In an integration with an OAuth client (`assets.oauth`), warns when `tile.uninstallation`
    /// is present but is not the member directly after `tile.support`. Other integrations and
    /// Marketplace listings without OAuth may keep the field where they like.
    ///
    /// ## Why
    /// Datadog's "OAuth for integrations" requirements show the field "directly beneath
    /// `support`", and reviewers of OAuth integrations ask for that order. JSON does not care
    /// about key order, so this is a warning: the tile works either way, but the review may send
    /// the pull request back. The convention is the OAuth guide's only: Datadog's own change that
    /// added the field to 17 Marketplace listings put it after `configuration`, and 47 of 73 real
    /// listings keep it there, so moving it in a listing without OAuth would rewrite what Datadog
    /// wrote.
    ///
    /// ## Example
    /// ```json
    /// "configuration": "README.md#Setup",
    /// "uninstallation": "README.md#Uninstallation",
    /// "support": "README.md#Support",
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "configuration": "README.md#Setup",
    /// "support": "README.md#Support",
    /// "uninstallation": "README.md#Uninstallation",
    /// ```
    ///
    /// ## Fix
    /// Move the `"uninstallation"` line to directly after the `"support"` line (a safe fix, in
    /// OAuth integrations only).
    ///
    /// ## References
    /// - Datadog documentation, "OAuth for integrations", uninstallation requirements
    pub(crate) struct UninstallationFieldOrder {
        code: "DD103",
        name: "uninstallation-field-order",
        level: Warning,
        summary: "with OAuth, tile.uninstallation is not directly beneath tile.support",
        reads: [Manifest],
    }
}

impl Rule for UninstallationFieldOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        if !integration.uses_oauth() {
            return;
        }
        let Some(tile) = integration
            .manifest_root()
            .and_then(|root| root.get("tile"))
            .and_then(|tile| tile.as_object())
        else {
            return;
        };
        let position = |key: &str| tile.iter().rposition(|member| member.key == key);
        let (Some(support), Some(uninstallation)) =
            (position("support"), position("uninstallation"))
        else {
            return;
        };
        if uninstallation == support + 1 {
            return;
        }
        out.push(
            Finding::new(
                "`tile.uninstallation` is not directly beneath `tile.support`",
                Place::key("/tile/uninstallation"),
                "move this line",
            )
            .with_label(Place::key("/tile/support"), "to directly after this one")
            .with_help(
                "move the `\"uninstallation\"` line to directly after the `\"support\"` line",
            )
            .with_fix(fix(integration)),
        );
    }
}

/// Removes the member where it is and inserts it, with its value as written, beneath `support`.
fn fix(integration: &Integration) -> Option<FixSpec> {
    let manifest = integration.manifest()?;
    let (text, root) = (manifest.source.text(), manifest.root()?);
    let value = text.get(root.pointer("/tile/uninstallation")?.span.clone())?;
    let remove = remove_member(text, root, "/tile/uninstallation")?;
    let insert = insert_member_after(text, root, "/tile/support", "uninstallation", value)?;
    let description = "move `tile.uninstallation` beneath `support`";
    Some(FixSpec::safe(
        FileId::MANIFEST,
        description,
        vec![remove, insert],
    ))
}
