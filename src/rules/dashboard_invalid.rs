//! `dashboard-invalid`: a dashboard is not an object with `description`, `template_variables`
//! and an array of `widgets`.

use crate::files::Kind;
use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::json::Value;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks that every dashboard `assets.dashboards` names is a JSON object holding
    /// `description`, `template_variables` and `widgets`, and that `widgets` is an array, as
    /// Datadog's `ddev validate dashboards` does.
    ///
    /// ## Why
    /// Datadog installs these files as dashboards through its dashboard API, which needs these
    /// fields; the pull-request check fails without them. Datadog's tool stops with a traceback
    /// when `widgets` is a string or a non-empty object, and accepts an empty object `{}` (its
    /// `check_widgets` in `dashboards.py` iterates the object as if it were an empty array);
    /// ddlint reports every `widgets` that is not an array.
    ///
    /// ## Example
    /// ```json
    /// {"title": "Acme Overview", "layout_type": "ordered", "widgets": []}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"title": "Acme Overview", "description": "What Acme does, at a glance.",
    ///   "layout_type": "ordered", "template_variables": [], "widgets": []}
    /// ```
    ///
    /// ## Fix
    /// Export the dashboard again from Datadog (Share > Export dashboard JSON), or add the
    /// missing fields.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/dashboards.py` (BSD 3-Clause)
    pub(crate) struct DashboardInvalid {
        code: "DD310",
        name: "dashboard-invalid",
        level: Error,
        summary: "a dashboard lacks description, template_variables or an array of widgets",
        reads: [Manifest, Dashboard],
    }
}

/// The fields every dashboard has (`REQUIRED_ATTRIBUTES`).
const REQUIRED: [&str; 3] = ["description", "template_variables", "widgets"];

impl Rule for DashboardInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let files = &integration.files;
        for file in files.ids(Kind::Dashboard) {
            let Some(root) = files.json(file).and_then(|json| json.root()) else {
                continue;
            };
            if root.as_object().is_none() {
                out.push(Finding::new(
                    "a dashboard must be a JSON object",
                    Place::key_in(file, ""),
                    "not an object",
                ));
                continue;
            }
            for field in REQUIRED {
                if root.get(field).is_none() {
                    out.push(
                        Finding::new(
                            format!("the dashboard has no `{field}`"),
                            Place::key_in(file, format!("/{field}")),
                            format!("`{field}` is missing from this object"),
                        )
                        .with_help(format!("add `\"{field}\"` at the top level of the dashboard, as Datadog's dashboard export writes it")),
                    );
                }
            }
            if let Some(widgets) = root.get("widgets")
                && !matches!(widgets.value, Value::Array(_))
            {
                out.push(Finding::new(
                    "the dashboard's `widgets` must be an array",
                    Place::value_in(file, "/widgets"),
                    "not an array",
                ));
            }
        }
    }
}
