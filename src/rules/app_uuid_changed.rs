//! `app-uuid-changed`: with `--base REF`, `app_uuid` or `app_id` differs from the value at REF.

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::json;
use crate::rules::{Rule, RuleMeta, base};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// With `--base REF`, reads each integration's `manifest.json` at the git revision `REF`
    /// and reports an `app_uuid` or `app_id` that differs now. An integration that does not
    /// exist at `REF` is new, and is not reported; nor is a manifest upgraded from version
    /// 1.0.0 since `REF`, as Datadog's `ImmutableAttributesValidator` skips it.
    ///
    /// ## Why
    /// Datadog identifies a published integration by its `app_uuid` and `app_id`. Changing
    /// either detaches the tile from its app, its OAuth client and its installations. In a pull
    /// request, `--base origin/master` catches an accidental change.
    ///
    /// ## Example
    /// At `origin/master`: `"app_id": "acme"`; in the pull request: `"app_id": "acme-cloud"`.
    ///
    /// ## Use instead
    /// Keep `"app_id": "acme"`.
    ///
    /// ## Fix
    /// Restore the value the integration has at the base revision. To publish a different app,
    /// create a new integration instead.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/common/validator.py`,
    ///   `ImmutableAttributesValidator` (BSD 3-Clause)
    pub(crate) struct AppUuidChanged {
        code: "DD113",
        name: "app-uuid-changed",
        level: Error,
        summary: "app_uuid or app_id differs from the value at the --base revision",
        reads: [Manifest, BaseManifest],
    }
}

impl Rule for AppUuidChanged {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let (Some(base), Some(root)) = (&settings.base, integration.manifest_root()) else {
            return;
        };
        let Some(old) = base::manifest(integration) else {
            return;
        };
        for key in ["app_uuid", "app_id"] {
            let then = old.get(key).and_then(json::Node::as_str);
            let now = root.get(key).and_then(json::Node::as_str);
            if let (Some(then), Some(now)) = (then, now)
                && then != now
            {
                let (then, now) = (quoted(then), quoted(now));
                out.push(
                    Finding::new(
                        format!("`{key}` changed from `{then}` at `{base}` to `{now}`"),
                        Place::value(format!("/{key}")),
                        format!("was `{then}` at `{base}`"),
                    )
                    .with_help(format!(
                        "restore `\"{key}\": \"{then}\"`: a published integration keeps its {key}"
                    )),
                );
            }
        }
    }
}
