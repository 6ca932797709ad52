//! `service-check-duplicate`: two service checks share a `check` or a `name`.

use std::collections::HashMap;

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::service_checks::{checks, files};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a service check whose `check` or `name` an earlier service check of the same
    /// file already has, and labels the earlier one.
    ///
    /// ## Why
    /// A service check is identified by `check`, and shown by `name`: two with the same value
    /// overwrite each other on the tile. Datadog's `ddev validate service-checks` fails on both.
    ///
    /// ## Example
    /// Two service checks with `"check": "acme.can_connect"`.
    ///
    /// ## Use instead
    /// One `acme.can_connect` and, for the other, a name of its own (`acme.api.can_connect`).
    ///
    /// ## Fix
    /// Remove the copy, or rename one of the two.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/service_checks.py` (BSD 3-Clause)
    pub(crate) struct ServiceCheckDuplicate {
        code: "DD301",
        name: "service-check-duplicate",
        level: Error,
        summary: "two service checks share a check or a name",
        reads: [Manifest, ServiceChecks],
    }
}

impl Rule for ServiceCheckDuplicate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        for (file, root) in files(integration) {
            for attribute in ["check", "name"] {
                let mut first: HashMap<&str, String> = HashMap::new();
                for (pointer, check) in checks(root) {
                    let Some(value) = check.get(attribute).and_then(|v| v.as_str()) else {
                        continue;
                    };
                    let here = format!("{pointer}/{attribute}");
                    let Some(earlier) = first.get(value) else {
                        first.insert(value, here);
                        continue;
                    };
                    out.push(
                        Finding::new(
                            format!("two service checks have the {attribute} `{}`", quoted(value)),
                            Place::value_in(file, here),
                            "repeated here",
                        )
                        .with_label(Place::value_in(file, earlier.clone()), "first given here")
                        .with_help(format!("give each service check its own `{attribute}`, or remove the copy")),
                    );
                }
            }
        }
    }
}
