//! `manifest-schema`: the manifest violates the bundled manifest v2 JSON Schema.

use crate::files::FileId;
use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::schema;
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Validates `manifest.json` against the manifest v2 JSON Schema that ships inside ddlint
    /// (`ddlint schema` prints it; `schemas/README.md` says where each constraint comes from)
    /// and reports each violation on the exact key or value: a missing required key on the
    /// object that lacks it, an unknown key (with "did you mean" when a known key is close), a
    /// wrong type, a value outside an enumeration (with the allowed values), a value of the
    /// wrong form. When a value may take several shapes, the most relevant failure is shown;
    /// `--verbose` shows every alternative.
    ///
    /// Values that other rules judge (`app_uuid`, `tile.uninstallation`, `tile.description`'s
    /// length, referenced file paths, the fields each pricing entry needs) are only
    /// type-checked here, so that one defect gives one finding.
    ///
    /// The two repositories differ: integrations-extras requires `owner` and
    /// `assets.integration.auto_install` and `source_type_id`; a Marketplace listing needs none
    /// of them (no real listing has `owner`). The integration is judged as the repository it
    /// belongs to: a manifest with a non-empty `pricing` or a `legal_terms` is a listing, unless
    /// `--repo-kind` or the configuration says otherwise.
    ///
    /// ## Why
    /// Datadog validates manifests only in a private pull-request check that gives no line
    /// numbers. A typo such as `uninstalation` is silently ignored by JSON but breaks the tile.
    ///
    /// ## Example
    /// ```json
    /// "tile": { "uninstalation": "README.md#Uninstallation", "media": [{ "media_type": "gif" }] }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "tile": { "uninstallation": "README.md#Uninstallation",
    ///           "media": [{ "media_type": "image", "caption": "Overview", "image_url": "images/overview.png" }] }
    /// ```
    ///
    /// ## Fix
    /// Follow the finding's help: rename the key, add the missing one, or use an allowed value.
    ///
    /// ## References
    /// - Datadog documentation, "Integration assets reference" (manifest v2 attributes)
    pub(crate) struct ManifestSchema {
        code: "DD100",
        name: "manifest-schema",
        level: Error,
        summary: "manifest.json violates the manifest v2 schema",
        reads: [Manifest],
    }
}

impl Rule for ManifestSchema {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let Some(root) = integration.manifest_root() else {
            return;
        };
        let kind = integration.repo_kind(settings);
        for violation in schema::violations(&root.to_serde(), kind, settings.verbose) {
            let place = Place::json(FileId::MANIFEST, violation.pointer, violation.part);
            let finding = Finding::new(violation.message, place, violation.label);
            out.push(match violation.help {
                Some(help) => finding.with_help(help),
                None => finding,
            });
        }
    }
}
