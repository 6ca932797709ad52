//! What Datadog's saved-view validator knows (datadog_checks_dev 40.0.1,
//! `tooling/commands/validate/saved_views.py`): the keys, types and pages of a saved view, and
//! the options each page allows.

/// Every saved view has these keys (`REQUIRED_HEADERS`).
pub(crate) const REQUIRED: [&str; 4] = ["name", "page", "query", "type"];

/// And may have these (`OPTIONAL_HEADERS`).
pub(crate) const OPTIONAL: [&str; 3] = ["options", "timerange", "visible_facets"];

/// `VALID_TYPES`.
pub(crate) const TYPES: [&str; 4] = ["logs", "trace", "process", "container"];

/// `VALID_PAGES`.
pub(crate) const PAGES: [&str; 27] = [
    "analytics",
    "insights",
    "patterns",
    "stream",
    "traces",
    "process_overview",
    "container_overview",
    "container_orchestration_summary",
    "container_orchestration_map",
    "container_orchestration_resource_utilization",
    "container_orchestration_pods",
    "container_orchestration_deployments",
    "container_orchestration_replica_sets",
    "container_orchestration_services",
    "container_orchestration_nodes",
    "container_orchestration_clusters",
    "container_orchestration_jobs",
    "container_orchestration_cron_jobs",
    "container_orchestration_daemon_sets",
    "container_orchestration_stateful_sets",
    "container_orchestration_persistent_volumes",
    "container_orchestration_persistent_volume_claims",
    "container_orchestration_roles",
    "container_orchestration_role_bindings",
    "container_orchestration_cluster_roles",
    "container_orchestration_cluster_role_bindings",
    "container_orchestration_service_accounts",
];

/// The options a page allows: `None` for any, an empty list for none (`NO_OPTIONS_PAGES`,
/// `STREAM_OPTIONS`, `ANALYTICS_OPTIONS`, `PROCESS_OPTIONS`).
pub(crate) fn options(page: &str) -> Option<&'static [&'static str]> {
    match page {
        "stream" => Some(&[
            "columns",
            "message_display",
            "show_date_column",
            "show_message_column",
            "show_timeline",
            "sort",
            "stream",
        ]),
        "analytics" => Some(&[
            "aggregations",
            "group_bys",
            "limit",
            "order",
            "step_ms",
            "widget",
        ]),
        "process_overview" => Some(&[
            "sort",
            "graph_options",
            "view_options",
            "filter",
            "selected_top_graph",
            "enabled_columns",
        ]),
        "insights" | "patterns" | "traces" => Some(&[]),
        _ => None,
    }
}
