//! `saved-view-invalid`: a saved view lacks a key, has an unknown one, or holds a type, page,
//! options, time range or facets Datadog rejects.

use crate::files::{FileId, Kind};
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::json::{Node, Value, escape_token};
use crate::rules::saved_views::{OPTIONAL, PAGES, REQUIRED, TYPES, options};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks every saved view `assets.saved_views` names as Datadog's
    /// `ddev validate saved-views` does: a JSON object with the keys `name`, `page`, `query`
    /// and `type`, and optionally `options`, `timerange` and `visible_facets`, nothing else.
    /// Every defect of every saved view is reported, each at its place.
    ///
    /// The values: `type` one of `logs`, `trace`, `process`, `container`; `page` one of Datadog's saved
    /// view pages (`stream`, `analytics`, `patterns`, `insights`, `traces`,
    /// `process_overview`, `container_overview` and the `container_orchestration_*` pages);
    /// `options` an object holding only the options its page allows (`stream`: `columns`,
    /// `message_display`, `show_date_column`, `show_message_column`, `show_timeline`, `sort`,
    /// `stream`; `analytics`: `aggregations`, `group_bys`, `limit`, `order`, `step_ms`,
    /// `widget`; `process_overview`: `sort`, `graph_options`, `view_options`, `filter`,
    /// `selected_top_graph`, `enabled_columns`; none on `insights`, `patterns` and `traces`);
    /// `timerange` an object with a number `interval_ms`; `visible_facets` an array.
    ///
    /// ## Why
    /// Datadog's pull-request check runs this validation and fails the pull request; the
    /// saved view is installed with the integration and opens its logs or processes page.
    /// Datadog's tool stops with a traceback on a saved view without `type` or `page`, or
    /// whose `options` is not an object, and names no line; ddlint reports each like any
    /// other defect. Datadog lets an empty `visible_facets` of another type (`""`, `{}`)
    /// through; ddlint asks for an array, as Datadog's check means.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Acme errors", "query": "source:acme status:error", "type": "log",
    ///   "page": "stream", "options": {"columns": ["host"], "display": "inline"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"name": "Acme errors", "query": "source:acme status:error", "type": "logs",
    ///   "page": "stream", "options": {"columns": ["host"], "message_display": "inline"}}
    /// ```
    ///
    /// ## Fix
    /// Correct the key or value shown; add a missing key or remove an unknown one.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/saved_views.py` (BSD 3-Clause)
    pub(crate) struct SavedViewInvalid {
        code: "DD340",
        name: "saved-view-invalid",
        level: Error,
        summary: "a saved view lacks a key, has an unknown one, or holds a value Datadog rejects",
        reads: [Manifest, SavedView],
    }
}

impl Rule for SavedViewInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let files = &integration.files;
        for file in files.ids(Kind::SavedView) {
            let Some(root) = files.json(file).and_then(|json| json.root()) else {
                continue;
            };
            if root.as_object().is_none() {
                out.push(
                    Finding::new("a saved view must be a JSON object", Place::key_in(file, ""), "not an object")
                        .with_help("write `{\"name\": ..., \"page\": ..., \"query\": ..., \"type\": ...}`"),
                );
                continue;
            }
            keys(file, root, out);
            choice(file, root, "type", &TYPES, out);
            choice(file, root, "page", &PAGES, out);
            view_options(file, root, out);
            timerange(file, root, out);
            facets(file, root, out);
        }
    }
}

/// Missing required keys (on the saved view's object) and unknown keys.
fn keys(file: FileId, root: &Node, out: &mut Vec<Finding>) {
    for key in REQUIRED {
        if root.get(key).is_none() {
            out.push(
                Finding::new(
                    format!("the saved view has no `{key}`, which is required"),
                    Place::key_in(file, format!("/{key}")),
                    format!("`{key}` is missing from this saved view"),
                )
                .with_help(format!("add `\"{key}\"`: {}", wanted(key))),
            );
        }
    }
    let known: Vec<&str> = REQUIRED.iter().chain(&OPTIONAL).copied().collect();
    for member in root.as_object().unwrap_or_default() {
        if known.contains(&member.key.as_str()) {
            continue;
        }
        let help = match close_to(&member.key, &known, 0.7) {
            Some(meant) => format!("did you mean `{meant}`?"),
            None => format!("remove it; a saved view has {}", known.join(", ")),
        };
        out.push(
            Finding::new(
                format!("saved view key `{}` is unknown", quoted(&member.key)),
                Place::key_in(file, format!("/{}", escape_token(&member.key))),
                "unknown key",
            )
            .with_help(help),
        );
    }
}

/// What a key holds, for a help.
fn wanted(key: &str) -> &'static str {
    match key {
        "name" => "the name shown in the saved views list, such as \"Acme errors\"",
        "query" => "the search query, such as \"source:acme\"",
        "type" => "one of \"logs\", \"trace\", \"process\", \"container\"",
        _ => "the page the view opens, such as \"stream\" for the Log Explorer",
    }
}

/// `type` or `page`, when present, is one of `allowed`.
fn choice(file: FileId, root: &Node, key: &str, allowed: &[&str], out: &mut Vec<Finding>) {
    let Some(node) = root.get(key) else {
        return;
    };
    let text = node.as_str();
    if text.is_some_and(|text| allowed.contains(&text)) {
        return;
    }
    let (message, close) = match text {
        Some(text) => (
            format!("saved view {key} `{}` is not one Datadog knows", quoted(text)),
            close_to(text, allowed, 0.6),
        ),
        None => (format!("the saved view's `{key}` must be a string"), None),
    };
    let help = match close {
        Some(meant) => format!("did you mean `\"{meant}\"`?"),
        None if allowed.len() <= 8 => format!("use one of {}", listed(allowed)),
        None => format!("use a saved view page such as `\"stream\"` (logs) or `\"process_overview\"`; Datadog knows {}", allowed.len()),
    };
    out.push(Finding::new(message, Place::value_in(file, format!("/{key}")), format!("not a saved view {key}")).with_help(help));
}

/// `options` is an object, with only the options its page allows.
fn view_options(file: FileId, root: &Node, out: &mut Vec<Finding>) {
    let Some(node) = root.get("options") else {
        return;
    };
    let Some(members) = node.as_object() else {
        out.push(
            Finding::new("the saved view's `options` must be an object", Place::value_in(file, "/options"), "not an object")
                .with_help("write `\"options\": { ... }`, or remove it"),
        );
        return;
    };
    let Some(page) = root.get("page").and_then(Node::as_str) else {
        return;
    };
    let Some(allowed) = options(page) else {
        return;
    };
    if allowed.is_empty() {
        if !members.is_empty() {
            out.push(
                Finding::new(
                    format!("a saved view of page `{}` takes no options", quoted(page)),
                    Place::key_in(file, "/options"),
                    "not allowed on this page",
                )
                .with_label(Place::value_in(file, "/page"), "the page")
                .with_help("remove `options`"),
            );
        }
        return;
    }
    for member in members.iter().filter(|m| !allowed.contains(&m.key.as_str())) {
        out.push(
            Finding::new(
                format!("`{}` is not an option of saved view page `{}`", quoted(&member.key), quoted(page)),
                Place::key_in(file, format!("/options/{}", escape_token(&member.key))),
                "not an option of this page",
            )
            .with_label(Place::value_in(file, "/page"), "the page")
            .with_help(format!("page `{}` takes {}", quoted(page), listed(allowed))),
        );
    }
}

/// `timerange`, unless null or empty, is an object with a number `interval_ms`.
fn timerange(file: FileId, root: &Node, out: &mut Vec<Finding>) {
    let Some(node) = root.get("timerange") else {
        return;
    };
    let place = match &node.value {
        Value::Null => return,
        Value::Object(members) if members.is_empty() => return,
        Value::Object(_) => match node.get("interval_ms") {
            Some(Node { value: Value::Number(_), .. }) => return,
            Some(_) => Place::value_in(file, "/timerange/interval_ms"),
            None => Place::key_in(file, "/timerange/interval_ms"),
        },
        _ => Place::value_in(file, "/timerange"),
    };
    out.push(
        Finding::new("the saved view's `timerange` needs a number `interval_ms`", place, "no number `interval_ms`")
            .with_help("write `\"timerange\": {\"interval_ms\": 86400000}` (the last day, in milliseconds)"),
    );
}

/// `visible_facets`, unless null, is an array.
fn facets(file: FileId, root: &Node, out: &mut Vec<Finding>) {
    match root.get("visible_facets").map(|node| &node.value) {
        None | Some(Value::Null | Value::Array(_)) => {}
        Some(_) => out.push(
            Finding::new(
                "the saved view's `visible_facets` must be an array",
                Place::value_in(file, "/visible_facets"),
                "not an array",
            )
            .with_help("write `\"visible_facets\": [\"@http.status_code\", \"service\"]`"),
        ),
    }
}

/// The closest of `candidates` to a short `text` (a long one is compared with nothing).
fn close_to<'a>(text: &str, candidates: &[&'a str], cutoff: f32) -> Option<&'a str> {
    if text.len() > 80 {
        return None;
    }
    similar::get_close_matches(text, candidates, 1, cutoff).first().copied()
}

fn listed(values: &[&str]) -> String {
    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}
