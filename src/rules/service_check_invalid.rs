//! `service-check-invalid`: a service check in `service_checks.json` lacks an attribute, has an
//! unknown one, or holds a value Datadog rejects.

use regex::Regex;
use std::sync::LazyLock;

use crate::files::FileId;
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::json::{Node, Value, escape_token};
use crate::rules::service_checks::{ATTRIBUTES, STATUSES, checks, files};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks every service check in the integration's `assets/service_checks.json` (or the file
    /// `assets.integration.service_checks.metadata_path` names) as Datadog's
    /// `ddev validate service-checks` does: the file is an array of objects with exactly the
    /// attributes `agent_version`, `check`, `description`, `groups`, `integration`, `name` and
    /// `statuses`; `agent_version` is a version `X.Y.Z`; `check` is made of letters, digits,
    /// `_` and `.`, without `__`, `..`, `_.` or `._`, and neither starts nor ends with `_`;
    /// `description` and `name` are non-empty strings; `groups` is an array; `statuses` is a
    /// non-empty array of `ok`, `warning`, `critical` and `unknown`. Every bad attribute of
    /// every service check is reported, each at its place. An empty object `{}` is accepted
    /// as "no service checks", as Datadog's validator accepts it (a real file holds it).
    ///
    /// ## Why
    /// Datadog's pull-request check runs this validation and fails the pull request; the file
    /// also feeds the service checks shown on the integration's tile. Datadog's tool stops
    /// with a traceback on a service check without `check` or with a non-string `check`, and
    /// names no line; ddlint reports it like any other defect.
    ///
    /// ## Example
    /// ```json
    /// [{"agent_version": "7.40", "check": "acme.can__connect", "statuses": ["ok", "down"],
    ///   "integration": "Acme", "name": "Can connect", "description": "", "groups": ["host"]}]
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// [{"agent_version": "7.40.0", "check": "acme.can_connect", "statuses": ["ok", "critical"],
    ///   "integration": "Acme", "name": "Can connect",
    ///   "description": "Returns CRITICAL if the Agent cannot reach Acme.", "groups": ["host"]}]
    /// ```
    ///
    /// ## Fix
    /// Correct the attribute shown; add a missing one or remove an unknown one.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/service_checks.py` (BSD 3-Clause)
    pub(crate) struct ServiceCheckInvalid {
        code: "DD300",
        name: "service-check-invalid",
        level: Error,
        summary: "a service check lacks an attribute, has an unknown one, or holds a bad value",
        reads: [Manifest, ServiceChecks],
    }
}

impl Rule for ServiceCheckInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        for (file, root) in files(integration) {
            // Datadog's validator iterates the file: an empty object lists no service checks.
            let empty_object = root.as_object().is_some_and(<[_]>::is_empty);
            if root.as_array().is_none() && !empty_object {
                out.push(
                    Finding::new(
                        "the service checks file must hold a JSON array of service checks",
                        Place::key_in(file, ""),
                        "not an array",
                    )
                    .with_help("write `[ { \"check\": ..., ... } ]`; an integration without service checks has `[]`"),
                );
                continue;
            }
            for (pointer, check) in checks(root) {
                one(file, &pointer, check, out);
            }
        }
    }
}

/// Every problem of one service check.
fn one(file: FileId, pointer: &str, check: &Node, out: &mut Vec<Finding>) {
    let Some(members) = check.as_object() else {
        out.push(Finding::new(
            "a service check must be a JSON object",
            Place::value_in(file, pointer),
            "not an object",
        ));
        return;
    };
    for member in members {
        if !ATTRIBUTES.contains(&member.key.as_str()) {
            let place = Place::key_in(file, format!("{pointer}/{}", escape_token(&member.key)));
            out.push(
                Finding::new(
                    format!("service check attribute `{}` is unknown", quoted(&member.key)),
                    place,
                    "unknown attribute",
                )
                .with_help(format!("remove it; a service check has {}", ATTRIBUTES.join(", "))),
            );
        }
    }
    for attribute in ATTRIBUTES {
        let at = format!("{pointer}/{attribute}");
        match check.get(attribute) {
            None => out.push(
                Finding::new(
                    format!("the service check has no `{attribute}`"),
                    Place::key_in(file, at),
                    format!("`{attribute}` is missing from this service check"),
                )
                .with_help(format!("add `{attribute}`: {}", wanted(attribute))),
            ),
            Some(value) => {
                if let Some(problem) = problem(attribute, value) {
                    out.push(
                        Finding::new(problem, Place::value_in(file, at), "not accepted")
                            .with_help(format!("`{attribute}` is {}", wanted(attribute))),
                    );
                }
                statuses(file, &format!("{pointer}/{attribute}"), attribute, value, out);
            }
        }
    }
}

/// What an attribute holds.
fn wanted(attribute: &str) -> &'static str {
    match attribute {
        "agent_version" => "the Agent version the check first shipped in, `X.Y.Z`",
        "check" => "the service check's name, such as `acme.can_connect`: letters, digits, `_` and `.`",
        "groups" => "an array of tag names the check is grouped by, such as `[\"host\"]`",
        "statuses" => "a non-empty array of `ok`, `warning`, `critical`, `unknown`",
        "integration" => "the manifest's `assets.integration.source_type_name`",
        _ => "a non-empty string",
    }
}

static INVALID_CHARS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[^a-zA-Z0-9_.]+").ok());
static INVALID_SEQUENCE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"_+\.+_*|_*\.+_+|_{2,}|\.{2,}").ok());

/// Why a present attribute's value is rejected (statuses' items are judged one by one).
fn problem(attribute: &str, value: &Node) -> Option<String> {
    let text = value.as_str();
    match attribute {
        "agent_version" => match text {
            Some(version) if is_version(version) => None,
            Some(version) => Some(format!("`agent_version` `{}` is not a version `X.Y.Z`", quoted(version))),
            None => Some("`agent_version` must be a string".to_owned()),
        },
        "check" => match text {
            Some(check) if !check.is_empty() => check_name(check),
            _ => Some("`check` must be a non-empty string".to_owned()),
        },
        "groups" => (!matches!(value.value, Value::Array(_)))
            .then(|| "`groups` must be an array".to_owned()),
        "statuses" => match &value.value {
            Value::Array(items) if !items.is_empty() => None,
            _ => Some("`statuses` must be a non-empty array".to_owned()),
        },
        "integration" => text.is_none().then(|| "`integration` must be a string".to_owned()),
        _ => match text {
            Some(text) if !text.is_empty() => None,
            _ => Some(format!("`{attribute}` must be a non-empty string")),
        },
    }
}

/// `X.Y.Z`, three runs of digits.
fn is_version(version: &str) -> bool {
    let parts: Vec<&str> = version.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// Why a service check name is rejected, with Datadog's three patterns.
fn check_name(check: &str) -> Option<String> {
    let found = |regex: &LazyLock<Option<Regex>>| {
        regex.as_ref().and_then(|regex| regex.find(check)).map(|m| m.as_str().to_owned())
    };
    let name = quoted(check);
    if let Some(bad) = found(&INVALID_CHARS) {
        return Some(format!("service check `{name}` has characters that are not allowed: `{}`", quoted(&bad)));
    }
    if let Some(bad) = found(&INVALID_SEQUENCE) {
        return Some(format!("service check `{name}` has `{}`, which is not allowed", quoted(&bad)));
    }
    (check.starts_with('_') || check.ends_with('_'))
        .then(|| format!("service check `{name}` starts or ends with `_`"))
}

/// Each status that is not one of the four.
fn statuses(file: FileId, pointer: &str, attribute: &str, value: &Node, out: &mut Vec<Finding>) {
    if attribute != "statuses" {
        return;
    }
    for (index, status) in value.as_array().unwrap_or_default().iter().enumerate() {
        if status.as_str().is_some_and(|s| STATUSES.contains(&s)) {
            continue;
        }
        let shown = status.as_str().map_or_else(|| "a non-string".to_owned(), |s| format!("`{}`", quoted(s)));
        out.push(
            Finding::new(
                format!("{shown} is not a service check status"),
                Place::value_in(file, format!("{pointer}/{index}")),
                "not a status",
            )
            .with_help(format!("use one of {}", STATUSES.map(|s| format!("`{s}`")).join(", "))),
        );
    }
}
