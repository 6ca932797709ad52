//! `uninstallation-field-missing`: an OAuth integration's manifest lacks `tile.uninstallation`.

use crate::finding::FixSpec;
use crate::files::FileId;
use crate::finding::{Finding, Place};
use crate::fix::json::{insert_member_after, json_string};
use crate::integration::Integration;
use crate::requirements::UNINSTALL_FIELD_VALUE;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a manifest whose `tile` object has no `uninstallation` field although the
    /// integration uses OAuth (`assets.oauth` is set) or its README has an `Uninstallation`
    /// section. A key that is a misspelling of `uninstallation` is left to `manifest-schema`,
    /// which suggests the right name.
    ///
    /// ## Why
    /// Datadog's "OAuth for integrations" requirements ask every integration with an OAuth client
    /// to link its uninstall instructions from the tile, with
    /// `"uninstallation": "README.md#Uninstallation"` directly beneath `"support"`. Without the
    /// field the tile shows no uninstall instructions, and the pull request is sent back.
    ///
    /// ## Example
    /// ```json
    /// "tile": {
    ///   "support": "README.md#Support",
    ///   "changelog": "CHANGELOG.md"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "tile": {
    ///   "support": "README.md#Support",
    ///   "uninstallation": "README.md#Uninstallation",
    ///   "changelog": "CHANGELOG.md"
    /// }
    /// ```
    ///
    /// ## Fix
    /// Add `"uninstallation": "README.md#Uninstallation",` on the line after `"support"` in
    /// `tile`, and make sure the README has an `## Uninstallation` section.
    ///
    /// ## References
    /// - Datadog documentation, "OAuth for integrations", uninstallation requirements
    pub(crate) struct UninstallationFieldMissing {
        code: "DD101",
        name: "uninstallation-field-missing",
        level: Error,
        summary: "an OAuth integration's manifest has no tile.uninstallation",
        reads: [Manifest, Readme],
    }
}

impl Rule for UninstallationFieldMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(root) = integration.manifest_root() else {
            return;
        };
        let tile_is_object = root
            .get("tile")
            .is_some_and(|tile| tile.as_object().is_some());
        if !tile_is_object || integration.uninstallation_field().is_some() {
            return;
        }
        let section = integration.readme().and_then(|r| r.uninstall_index());
        // The close-match search last: it is the costly test, and most tiles never reach it.
        if (!integration.uses_oauth() && section.is_none()) || misspelt_in_tile(root) {
            return;
        }
        let mut finding = Finding::new(
            "`tile` has no `uninstallation` field",
            Place::key("/tile/uninstallation"),
            "`uninstallation` is missing from this object",
        );
        if root.pointer("/tile/support").is_some() {
            finding = finding.with_label(
                Place::key("/tile/support"),
                "add it directly beneath `support`",
            );
        }
        if integration.uses_oauth() {
            finding = finding.with_label(
                Place::value("/assets/oauth"),
                "this integration has an OAuth client",
            );
        }
        if let Some(index) = section {
            finding =
                finding.with_label(Place::heading(index), "the field should link this section");
        }
        let fix = integration.manifest().and_then(|manifest| {
            let value = json_string(UNINSTALL_FIELD_VALUE);
            let edit = insert_member_after(
                manifest.source.text(),
                root,
                "/tile/support",
                "uninstallation",
                &value,
            )?;
            Some(FixSpec::safe(
                FileId::MANIFEST,
                "insert `tile.uninstallation` beneath `support`",
                vec![edit],
            ))
        });
        out.push(
            finding
                .with_help(format!(
                    "add `\"uninstallation\": \"{UNINSTALL_FIELD_VALUE}\",` on the line after `\"support\"` in `tile`"
                ))
                .with_fix(fix),
        );
    }
}

/// A key close to `uninstallation` (`uninstalation`): `manifest-schema` reports that misspelling.
fn misspelt_in_tile(root: &crate::json::Node) -> bool {
    let keys: Vec<&str> = root
        .get("tile")
        .and_then(|tile| tile.as_object())
        .unwrap_or_default()
        .iter()
        .map(|member| member.key.as_str())
        .collect();
    !similar::get_close_matches("uninstallation", &keys, 1, 0.7).is_empty()
}
