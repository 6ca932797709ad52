//! `dashboard-app-id`: a dashboard widget's `definition.app_id` is not the manifest's
//! `app_uuid`.

use crate::files::{FileId, Kind};
use crate::finding::{Finding, FixSpec, Place, quoted};
use crate::fix::json::{json_string, replace_value};
use crate::integration::Integration;
use crate::json::Node;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports every dashboard widget, widgets inside group widgets included, whose
    /// `definition.app_id` is set and differs from the manifest's `app_uuid`.
    ///
    /// ## Why
    /// A widget's `app_id` ties it to the integration's app; a dashboard copied from another
    /// integration, or exported before the app was created, carries another app's id and
    /// shows that app's data. Datadog's `ddev validate dashboards` fails on it: it is the only
    /// `app_uuid` consistency check in Datadog's public tooling.
    ///
    /// ## Example
    /// With `"app_uuid": "3ccc5034-0902-4e00-8a69-04d007d31310"` in the manifest:
    /// ```json
    /// {"definition": {"type": "timeseries", "app_id": "0b8a1a3f-1e0f-4b9c-9a53-5a2d7e1c2f60"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"definition": {"type": "timeseries", "app_id": "3ccc5034-0902-4e00-8a69-04d007d31310"}}
    /// ```
    ///
    /// ## Fix
    /// `ddlint check --fix` sets each such `app_id` to the manifest's `app_uuid`, and changes
    /// nothing else in the file (Datadog's `--fix` rewrites the whole file).
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/dashboards.py` (BSD 3-Clause)
    pub(crate) struct DashboardAppId {
        code: "DD312",
        name: "dashboard-app-id",
        level: Error,
        summary: "a dashboard widget's app_id is not the manifest's app_uuid",
        reads: [Manifest, Dashboard],
    }
}

impl Rule for DashboardAppId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(app_uuid) = integration.app_uuid() else {
            return;
        };
        let files = &integration.files;
        for file in files.ids(Kind::Dashboard) {
            let Some(root) = files.json(file).and_then(|json| json.root()) else {
                continue;
            };
            let mut wrong = Vec::new();
            widgets(root, "", &mut wrong);
            for (pointer, app_id) in wrong {
                if app_id != app_uuid {
                    out.push(finding(file, root, &pointer, app_id, app_uuid));
                }
            }
        }
    }
}

/// Every widget's `definition.app_id` under `node` (at `pointer`), group widgets included.
fn widgets<'a>(node: &'a Node, pointer: &str, found: &mut Vec<(String, &'a str)>) {
    for (index, widget) in node
        .get("widgets")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let here = format!("{pointer}/widgets/{index}/definition");
        let Some(definition) = widget.get("definition") else {
            continue;
        };
        widgets(definition, &here, found);
        if let Some(app_id) = definition.get("app_id").and_then(Node::as_str)
            && !app_id.is_empty()
        {
            found.push((format!("{here}/app_id"), app_id));
        }
    }
}

fn finding(file: FileId, root: &Node, pointer: &str, app_id: &str, app_uuid: &str) -> Finding {
    let fix = replace_value(root, pointer, &json_string(app_uuid))
        .map(|edit| FixSpec::safe(file, "set the widget's `app_id` to the manifest's `app_uuid`", vec![edit]));
    Finding::new(
        format!(
            "a widget's `app_id` `{}` is not the manifest's `app_uuid` `{}`",
            quoted(app_id),
            quoted(app_uuid)
        ),
        Place::value_in(file, pointer),
        "another app's id",
    )
    .with_label(Place::value("/app_uuid"), "the integration's app_uuid")
    .with_help(format!("set `\"app_id\": {}`", json_string(app_uuid)))
    .with_fix(fix)
}
