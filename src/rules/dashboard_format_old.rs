//! `dashboard-format-old`: a dashboard is in the old screenboard or timeboard shape, not the
//! `/dashboard` API's.

use crate::files::Kind;
use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a dashboard that is not in the payload format of Datadog's `/api/v1/dashboard`
    /// endpoint: it has none of `layout_type`, `title` and `created_at` at the top level, and no
    /// widget with a `definition` or a `layout` (the old screenboard and timeboard exports had
    /// neither). This is the test of Datadog's `ddev validate dashboards`.
    ///
    /// ## Why
    /// Datadog installs integration dashboards through the `/dashboard` API; an old
    /// screenboard export is refused by the pull-request check.
    ///
    /// ## Example
    /// ```json
    /// {"board_title": "Acme", "description": "", "template_variables": [],
    ///   "widgets": [{"type": "timeseries", "tile_def": {}}]}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"title": "Acme", "layout_type": "ordered", "description": "", "template_variables": [],
    ///   "widgets": [{"definition": {"type": "timeseries", "requests": []}}]}
    /// ```
    ///
    /// ## Fix
    /// Recreate the dashboard in Datadog and export it again (Share > Export dashboard JSON).
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/dashboards.py` (BSD 3-Clause)
    pub(crate) struct DashboardFormatOld {
        code: "DD311",
        name: "dashboard-format-old",
        level: Error,
        summary: "a dashboard is not in the /dashboard API's payload format",
        reads: [Manifest, Dashboard],
    }
}

/// Fields only the `/dashboard` format has at the top level, and in a widget.
const DASHBOARD_FIELDS: [&str; 3] = ["layout_type", "title", "created_at"];
const WIDGET_FIELDS: [&str; 2] = ["definition", "layout"];

impl Rule for DashboardFormatOld {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let files = &integration.files;
        for file in files.ids(Kind::Dashboard) {
            let Some(root) = files.json(file).and_then(|json| json.root()) else {
                continue;
            };
            let Some(widgets) = root.get("widgets").and_then(|w| w.as_array()) else {
                continue;
            };
            let top = DASHBOARD_FIELDS.iter().any(|field| root.get(field).is_some());
            let widget = widgets
                .iter()
                .any(|w| WIDGET_FIELDS.iter().any(|field| w.get(field).is_some()));
            if top || widget {
                continue;
            }
            out.push(
                Finding::new(
                    "the dashboard is in the old screenboard format, not the `/dashboard` API's",
                    Place::key_in(file, ""),
                    "no `layout_type`, `title` or `created_at`, and no widget with a `definition`",
                )
                .with_help("recreate the dashboard in Datadog and export its JSON again (Share > Export dashboard JSON)"),
            );
        }
    }
}
