//! `display-on-public-website-false`: `display_on_public_website` is `false`: the tile is not
//! published (an error when it was `true` at the `--base` revision).

use crate::diagnostic::Level;
use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::json::Value;
use crate::rules::base;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports `"display_on_public_website": false` (a warning). With `--base REF`, when the
    /// manifest had `true` at `REF`, the finding is an error: a published integration's page
    /// was switched off.
    ///
    /// ## Why
    /// With `false`, Datadog does not publish the integration's documentation page and tile on
    /// its public website; Datadog's manifest validator warns about it (`display_on_public_website
    /// is disabled, set to True if you want the integration documentation to be published`).
    /// That can be meant for an integration in private beta, so it is a warning. Turning a
    /// published page back off is not: Datadog's manifest attribute reference says that once
    /// it is `true` it cannot be changed, and the links to the page break.
    ///
    /// ## Example
    /// ```json
    /// "display_on_public_website": false
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "display_on_public_website": true
    /// ```
    ///
    /// ## Fix
    /// Set it to `true` when the integration is ready to be published; keep `true` once it is.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/v2/validator.py`,
    ///   `DisplayOnPublicValidator` (BSD 3-Clause)
    pub(crate) struct DisplayOnPublicWebsiteFalse {
        code: "DD157",
        name: "display-on-public-website-false",
        level: Warning,
        summary: "display_on_public_website is false: the tile is not published",
        reads: [Manifest, BaseManifest],
    }
}

impl Rule for DisplayOnPublicWebsiteFalse {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let is_false = |root: &crate::json::Node| {
            root.get("display_on_public_website")
                .is_some_and(|node| node.value == Value::Bool(false))
        };
        if !integration.manifest_root().is_some_and(is_false) {
            return;
        }
        let was_true = base::manifest(integration).is_some_and(|old| {
            old.get("display_on_public_website")
                .is_some_and(|node| node.value == Value::Bool(true))
        });
        let place = Place::value("/display_on_public_website");
        let finding = match (was_true, settings.base.as_deref()) {
            (true, Some(base)) => Finding::new(
                format!("`display_on_public_website` was turned off: it is `true` at `{base}`"),
                place,
                format!("was `true` at `{base}`"),
            )
            .with_help("restore `\"display_on_public_website\": true`: a published integration stays published")
            .with_level(Level::Error),
            _ => Finding::new(
                "`display_on_public_website` is `false`: Datadog will not publish this integration's tile and documentation",
                place,
                "not published",
            )
            .with_help("set `\"display_on_public_website\": true` when the integration is ready to be published"),
        };
        out.push(finding);
    }
}
