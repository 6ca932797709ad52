//! `uninstallation-field-value`: `tile.uninstallation` is not exactly `README.md#Uninstallation`.

use crate::finding::FixSpec;
use crate::files::FileId;
use crate::finding::{Finding, Place, quoted};
use crate::fix::json::{json_string, replace_value};
use crate::integration::Integration;
use crate::requirements::UNINSTALL_FIELD_VALUE;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a `tile.uninstallation` field whose value is anything but the exact string
    /// `README.md#Uninstallation`: another anchor, another letter case, a URL, or not a string.
    ///
    /// ## Why
    /// Datadog's OAuth requirements fix this value. The tile links it to the README's
    /// `## Uninstallation` section; a different value is rejected in review, and a URL or another
    /// anchor sends users to the wrong place.
    ///
    /// ## Example
    /// ```json
    /// "uninstallation": "README.md#uninstall"
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "uninstallation": "README.md#Uninstallation"
    /// ```
    ///
    /// ## Fix
    /// Replace the value with `"README.md#Uninstallation"` and name the README section
    /// `## Uninstallation`.
    ///
    /// ## References
    /// - Datadog documentation, "OAuth for integrations", uninstallation requirements
    pub(crate) struct UninstallationFieldValue {
        code: "DD102",
        name: "uninstallation-field-value",
        level: Error,
        summary: "tile.uninstallation is not exactly README.md#Uninstallation",
        reads: [Manifest],
    }
}

impl Rule for UninstallationFieldValue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(field) = integration.uninstallation_field() else {
            return;
        };
        let message = match field.as_str() {
            Some(UNINSTALL_FIELD_VALUE) => return,
            Some(value) if value.eq_ignore_ascii_case(UNINSTALL_FIELD_VALUE) => {
                format!(
                    "`tile.uninstallation` is `{value}`; the letter case must be exactly `{UNINSTALL_FIELD_VALUE}`"
                )
            }
            Some(value) => {
                format!(
                    "`tile.uninstallation` is `{}`, not `{UNINSTALL_FIELD_VALUE}`",
                    quoted(value)
                )
            }
            None => "`tile.uninstallation` is not a string".to_owned(),
        };
        out.push(
            Finding::new(
                message,
                Place::value("/tile/uninstallation"),
                "expected `\"README.md#Uninstallation\"`",
            )
            .with_help(format!(
                "replace the value with `\"{UNINSTALL_FIELD_VALUE}\"`"
            ))
            .with_fix(fix(integration)),
        );
    }
}

/// Replaces the value with the one it must have.
fn fix(integration: &Integration) -> Option<FixSpec> {
    let root = integration.manifest_root()?;
    let edit = replace_value(
        root,
        "/tile/uninstallation",
        &json_string(UNINSTALL_FIELD_VALUE),
    )?;
    let description = "set `tile.uninstallation` to `README.md#Uninstallation`";
    Some(FixSpec::safe(FileId::MANIFEST, description, vec![edit]))
}
