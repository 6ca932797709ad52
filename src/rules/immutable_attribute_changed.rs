//! `immutable-attribute-changed`: with `--base REF`, `assets.integration.id`,
//! `assets.integration.source_type_name` or `author.vendor_id` differs from its value at REF.

use crate::finding::{Finding, Place, field_path, quoted};
use crate::integration::Integration;
use crate::json::{Node, Value};
use crate::rules::base;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

/// The attributes Datadog never lets change once published, but `app_uuid` and `app_id`,
/// which `app-uuid-changed` judges (`ImmutableAttributesValidator.IMMUTABLE_FIELD_PATHS`, and
/// the Marketplace's `author.vendor_id`).
const ATTRIBUTES: [&str; 3] = [
    "/assets/integration/id",
    "/assets/integration/source_type_name",
    "/author/vendor_id",
];

declare_rule! {
    /// ## What it does
    /// With `--base REF`, reads each integration's `manifest.json` at the git revision `REF`
    /// and reports `assets.integration.id`, `assets.integration.source_type_name` or
    /// `author.vendor_id` when it was set at `REF` and differs or is gone now. An integration
    /// that does not exist at `REF` is new, and is not reported; nor is a manifest upgraded
    /// from version 1.0.0 since `REF`, as Datadog's validator skips it. (`app_uuid` and
    /// `app_id` are `app-uuid-changed`'s.)
    ///
    /// ## Why
    /// Datadog keys an integration's data and its Marketplace vendor by these values: a new
    /// `source_type_name` detaches the integration from the events, logs and service checks
    /// already sent under the old one. Datadog's `ImmutableAttributesValidator` fails such a
    /// change (`Attribute ... is not allowed to be modified`). It also fails adding an
    /// attribute that was absent at `REF`; ddlint does not, since giving an integration its
    /// first `source_type_name` changes nothing already published.
    ///
    /// ## Example
    /// At `origin/master`: `"source_type_name": "Acme"`; in the pull request:
    /// `"source_type_name": "Acme Cloud"`.
    ///
    /// ## Use instead
    /// Keep `"source_type_name": "Acme"`; the tile's title can change freely.
    ///
    /// ## Fix
    /// Restore the value the integration has at the base revision.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/common/validator.py`,
    ///   `ImmutableAttributesValidator` (BSD 3-Clause)
    pub(crate) struct ImmutableAttributeChanged {
        code: "DD158",
        name: "immutable-attribute-changed",
        level: Error,
        summary: "an immutable manifest attribute differs from its value at the --base revision",
        reads: [Manifest, BaseManifest],
    }
}

impl Rule for ImmutableAttributeChanged {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let Some((revision, root, old)) = base::revision_and_manifests(integration, settings) else {
            return;
        };
        for pointer in ATTRIBUTES {
            let Some(then) = old.pointer(pointer).filter(|node| node.value != Value::Null) else {
                continue;
            };
            let now = root.pointer(pointer);
            if now.is_some_and(|now| now.to_serde() == then.to_serde()) {
                continue;
            }
            out.push(finding(pointer, revision, then, now));
        }
    }
}

fn finding(pointer: &str, revision: &str, then: &Node, now: Option<&Node>) -> Finding {
    let field = field_path(pointer);
    let was = shown(then);
    let key = pointer.rsplit('/').next().unwrap_or(pointer);
    let (message, place) = match now {
        Some(now) => (
            format!("`{field}` changed from {was} at `{revision}` to {}", shown(now)),
            Place::value(pointer),
        ),
        None => (
            format!("`{field}` was removed: it is {was} at `{revision}`"),
            Place::key(pointer),
        ),
    };
    Finding::new(message, place, format!("was {was} at `{revision}`"))
        .with_help(format!(
            "restore `\"{key}\": {}`: a published integration keeps its {key}",
            quoted(&then.to_serde().to_string())
        ))
}

/// A value as a message shows it: a string in backticks, anything else as JSON.
fn shown(node: &Node) -> String {
    match node.as_str() {
        Some(text) => format!("`{}`", quoted(text)),
        None => format!("`{}`", quoted(&node.to_serde().to_string())),
    }
}
