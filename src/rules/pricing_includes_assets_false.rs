//! `pricing-includes-assets-false`: a Marketplace pricing entry says `"includes_assets": false`.

use crate::files::FileId;
use crate::finding::{Finding, FixSpec, Place, field_path};
use crate::fix::json::replace_value;
use crate::integration::Integration;
use crate::json::{Node, Value};
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// In a Marketplace listing, warns about each pricing entry with
    /// `"includes_assets": false`.
    ///
    /// ## Why
    /// The Marketplace repository's README documents `includes_assets` with one instruction:
    /// "Always set to true." 76 of 78 real listings do; the two that say `false` were published
    /// anyway, so this is a warning, not an error.
    ///
    /// ## Example
    /// ```json
    /// { "billing_type": "flat_fee", "unit_price": 500, "product_id": "widgets",
    ///   "includes_assets": false, "short_description": "Monthly fee" }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// { "billing_type": "flat_fee", "unit_price": 500, "product_id": "widgets",
    ///   "includes_assets": true, "short_description": "Monthly fee" }
    /// ```
    ///
    /// ## Fix
    /// Write `true` (an unsafe fix: `--fix --unsafe-fixes`, as it changes what the listing
    /// declares).
    ///
    /// ## References
    /// - The Marketplace repository's README: the pricing table, `includes_assets`
    pub(crate) struct PricingIncludesAssetsFalse {
        code: "DD143",
        name: "pricing-includes-assets-false",
        level: Warning,
        summary: "a Marketplace pricing entry sets includes_assets to false (always true)",
        reads: [Manifest],
    }
}

impl Rule for PricingIncludesAssetsFalse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        if integration.repo_kind(settings) != RepoKind::Marketplace {
            return;
        }
        let Some(root) = integration.manifest_root() else {
            return;
        };
        let entries = root
            .get("pricing")
            .and_then(Node::as_array)
            .unwrap_or_default();
        for (index, entry) in entries.iter().enumerate() {
            let pointer = format!("/pricing/{index}/includes_assets");
            let Some(flag) = entry.get("includes_assets") else {
                continue;
            };
            if flag.value != Value::Bool(false) {
                continue;
            }
            let fix = replace_value(root, &pointer, "true").map(|edit| {
                FixSpec::unsafe_(FileId::MANIFEST, "set `includes_assets` to true", vec![edit])
            });
            out.push(
                Finding::new(
                    format!("`{}` is false; the Marketplace asks for true", field_path(&pointer)),
                    Place::value(pointer),
                    "expected `true`",
                )
                .with_help("write `\"includes_assets\": true`: the Marketplace documentation says to always set it to true")
                .with_fix(fix),
            );
        }
    }
}
