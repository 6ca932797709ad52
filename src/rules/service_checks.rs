//! What the service-check rules share: the integration's `service_checks.json` files that
//! parsed, and the attributes Datadog's validator knows (`ddev validate service-checks`).

use crate::files::{FileId, Kind};
use crate::integration::Integration;
use crate::json::Node;

/// The attributes every service check has, and no other (datadog_checks_dev 40.0.1,
/// `tooling/commands/validate/service_checks.py`, `REQUIRED_ATTRIBUTES`).
pub(crate) const ATTRIBUTES: [&str; 7] = [
    "agent_version",
    "check",
    "description",
    "groups",
    "integration",
    "name",
    "statuses",
];

/// The statuses a service check may report (`SERVICE_CHECK_NAMES`).
pub(crate) const STATUSES: [&str; 4] = ["ok", "warning", "critical", "unknown"];

/// Every service-checks file that parsed, with its root.
pub(crate) fn files(integration: &Integration) -> Vec<(FileId, &Node)> {
    let files = &integration.files;
    files
        .ids(Kind::ServiceChecks)
        .into_iter()
        .filter_map(|id| Some((id, files.json(id)?.root()?)))
        .collect()
}

/// The elements of a service-checks array, with their pointers.
pub(crate) fn checks(root: &Node) -> impl Iterator<Item = (String, &Node)> {
    root.as_array()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(index, node)| (format!("/{index}"), node))
}
