//! `service-check-integration`: a service check's `integration` is not the manifest's
//! `assets.integration.source_type_name`.

use crate::finding::{Finding, FixSpec, Place, quoted};
use crate::fix::json::{json_string, replace_value};
use crate::integration::Integration;
use crate::rules::service_checks::{checks, files};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a service check whose `integration` differs from the manifest's
    /// `assets.integration.source_type_name`, the integration's display name.
    ///
    /// ## Why
    /// Datadog files each service check under the integration its `integration` names;
    /// `ddev validate service-checks` requires it to equal the display name. Real files went
    /// wrong when the display name changed (`"Scalr"` beside `"Scalr (Community Version)"`).
    ///
    /// ## Example
    /// With `"source_type_name": "Acme Cloud"` in the manifest:
    /// ```json
    /// [{"integration": "Acme", "check": "acme.can_connect", ...}]
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// [{"integration": "Acme Cloud", "check": "acme.can_connect", ...}]
    /// ```
    ///
    /// ## Fix
    /// `ddlint check --fix` sets `integration` to the display name; nothing else in the file
    /// changes.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/service_checks.py` (BSD 3-Clause)
    pub(crate) struct ServiceCheckIntegration {
        code: "DD302",
        name: "service-check-integration",
        level: Error,
        summary: "a service check's integration is not the manifest's source_type_name",
        reads: [Manifest, ServiceChecks],
    }
}

const DISPLAY_NAME: &str = "/assets/integration/source_type_name";

impl Rule for ServiceCheckIntegration {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(expected) = integration
            .manifest_root()
            .and_then(|root| root.pointer(DISPLAY_NAME))
            .and_then(|name| name.as_str())
        else {
            return;
        };
        for (file, root) in files(integration) {
            for (pointer, check) in checks(root) {
                let Some(actual) = check.get("integration").and_then(|v| v.as_str()) else {
                    continue;
                };
                if actual == expected {
                    continue;
                }
                let at = format!("{pointer}/integration");
                let fix = replace_value(root, &at, &json_string(expected)).map(|edit| {
                    FixSpec::safe(file, format!("set `integration` to `{}`", quoted(expected)), vec![edit])
                });
                out.push(
                    Finding::new(
                        format!(
                            "service check integration `{}` is not the display name `{}`",
                            quoted(actual),
                            quoted(expected)
                        ),
                        Place::value_in(file, at),
                        format!("expected `{}`", quoted(expected)),
                    )
                    .with_label(Place::value(DISPLAY_NAME), "the display name")
                    .with_help(format!("set `\"integration\": {}`", json_string(expected)))
                    .with_fix(fix),
                );
            }
        }
    }
}
