//! `metadata-value`: a cell of `metadata.csv` holds a value Datadog's validator rejects.

use std::sync::LazyLock;

use regex::Regex;

use crate::csv::Record;
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::metadata::{CURATED_METRIC_TYPES, METRIC_TYPES, Metrics, ORIENTATIONS};
use crate::rules::metadata_units::{TIME_UNIT_NAMES, UNIT_NAMES, is_unit};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks every row of `metadata.csv` (or the file
    /// `assets.integration.metrics.metadata_path` names) as `ddev validate metadata` does,
    /// and points at each bad cell:
    /// - `metric_name`, `metric_type` and `orientation` are not empty;
    /// - `metric_name` is already in the form Datadog's backend normalises names to (letters,
    ///   digits, `_` and `.`; starting with a letter; no `_` next to a `.`; no `_` at either
    ///   end);
    /// - `metric_type` is `count`, `gauge` or `rate`;
    /// - `unit_name` and `per_unit_name` are empty or one of Datadog's units (the table in
    ///   `metadata_units.rs`), and are not both time units (`millisecond` per `second` is the
    ///   unit `fraction`);
    /// - `orientation` is `-1`, `0` or `1`;
    /// - `interval` is empty or a whole number of seconds;
    /// - `curated_metric` is empty or `cpu`, `memory` or `cpu|memory`, without repeats.
    ///
    /// ## Why
    /// Datadog's pull-request check fails on each of these; the values feed the metric's
    /// unit, graphs' orientation and the curated metrics of the integration tile. Datadog's
    /// tool reports only the first bad row of a file without the optional `sample_tags`
    /// column (174 of the 193 files of integrations-extras lack it: after a first error it
    /// skips every later row);
    /// ddlint reports every bad cell of every row, with its line and column. `interval`
    /// accepts ASCII digits only, where Python's `isdigit` also takes other scripts' digits.
    ///
    /// ## Example
    /// ```csv
    /// metric_name,metric_type,interval,unit_name,per_unit_name,description,orientation,integration,short_name,curated_metric
    /// acme.latency,histogram,10s,milliseconds,,Request latency,2,acme,latency,cpu|cpu
    /// ```
    ///
    /// ## Use instead
    /// ```csv
    /// metric_name,metric_type,interval,unit_name,per_unit_name,description,orientation,integration,short_name,curated_metric
    /// acme.latency,gauge,10,millisecond,,Request latency,-1,acme,latency,cpu
    /// ```
    ///
    /// ## Fix
    /// Write the value the help names; for a unit, the closest of Datadog's units is
    /// suggested.
    ///
    /// ## References
    /// - ddev 20.1.0, `cli/validate/metadata.py` and `cli/validate/metadata_utils.py`
    ///   (`VALID_METRIC_TYPE`, `VALID_UNIT_NAMES`, `VALID_TIME_UNIT_NAMES`,
    ///   `VALID_ORIENTATION`, `VALID_CURATED_METRIC_TYPES`, `METRIC_REPLACEMENT`; BSD 3-Clause)
    pub(crate) struct MetadataValue {
        code: "DD322",
        name: "metadata-value",
        level: Error,
        summary: "a cell of metadata.csv holds a value Datadog rejects (type, unit, orientation, interval, name)",
        reads: [Manifest, MetadataCsv, DdevConfig],
    }
}

impl Rule for MetadataValue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(metrics) = Metrics::of(integration) else {
            return;
        };
        let columns = Columns::of(&metrics);
        for (row, record) in metrics.rows() {
            Row { metrics: &metrics, columns: &columns, row, record, out }.check();
        }
    }
}

/// The columns this rule reads.
struct Columns {
    name: Option<usize>,
    kind: Option<usize>,
    interval: Option<usize>,
    unit: Option<usize>,
    per_unit: Option<usize>,
    orientation: Option<usize>,
    curated: Option<usize>,
}

impl Columns {
    fn of(metrics: &Metrics) -> Self {
        Self {
            name: metrics.column("metric_name"),
            kind: metrics.column("metric_type"),
            interval: metrics.column("interval"),
            unit: metrics.column("unit_name"),
            per_unit: metrics.column("per_unit_name"),
            orientation: metrics.column("orientation"),
            curated: metrics.column("curated_metric"),
        }
    }
}

/// One row being checked.
struct Row<'a, 'b> {
    metrics: &'a Metrics<'a>,
    columns: &'a Columns,
    row: usize,
    record: &'a Record,
    out: &'b mut Vec<Finding>,
}

impl<'a> Row<'a, '_> {
    fn check(mut self) {
        self.required();
        self.name();
        let columns = self.columns;
        let kind = self.value(columns.kind);
        if !kind.is_empty() && !METRIC_TYPES.contains(&kind) {
            let help = format!("use {}{}", list(&METRIC_TYPES), did_you_mean(kind, &METRIC_TYPES));
            self.report(columns.kind, format!("`{}` is not a metric type", quoted(kind)), "not a metric type", help);
        }
        self.units();
        let orientation = self.value(columns.orientation);
        if !orientation.is_empty() && !ORIENTATIONS.contains(&orientation) {
            let help = "use 1 (higher is better), -1 (lower is better) or 0 (neither)".to_owned();
            self.report(columns.orientation, format!("`{}` is not an orientation", quoted(orientation)), "not -1, 0 or 1", help);
        }
        let interval = self.value(columns.interval);
        if !interval.is_empty() && !interval.bytes().all(|b| b.is_ascii_digit()) {
            let help = "write the collection interval as a whole number of seconds, such as `10`, or leave it empty".to_owned();
            self.report(columns.interval, format!("interval `{}` is not a whole number", quoted(interval)), "not an integer", help);
        }
        self.curated();
    }

    fn value(&self, column: Option<usize>) -> &'a str {
        self.metrics.value(self.record, column)
    }

    fn report(&mut self, column: Option<usize>, message: String, label: &str, help: String) {
        let Some(column) = column else { return };
        self.out.push(Finding::new(message, Place::cell(self.metrics.file, self.row, column), label).with_help(help));
    }

    /// `metric_name`, `metric_type` and `orientation` are filled (an empty `integration` is
    /// `metadata-integration`'s).
    fn required(&mut self) {
        let columns = self.columns;
        for (name, column, help) in [
            ("metric_name", columns.name, "write the metric's full name, such as `acme.requests.count`"),
            ("metric_type", columns.kind, "write `count`, `gauge` or `rate`"),
            ("orientation", columns.orientation, "write 1 (higher is better), -1 (lower is better) or 0 (neither)"),
        ] {
            if column.is_some() && self.value(column).is_empty() {
                let metric = quoted(self.value(columns.name));
                let message = match metric.is_empty() {
                    true => format!("`{name}` is empty"),
                    false => format!("`{name}` of `{metric}` is empty"),
                };
                self.report(column, message, "required", help.to_owned());
            }
        }
    }

    /// The name as Datadog's backend normalises it.
    fn name(&mut self) {
        let name = self.value(self.columns.name);
        if name.is_empty() {
            return;
        }
        let normal = normalize(name);
        if normal != name {
            let message = format!("metric name `{}` is not valid: Datadog normalises it to `{}`", quoted(name), quoted(&normal));
            let help = format!("rename the metric `{}` (letters, digits, `_` and `.`, starting with a letter)", quoted(&normal));
            self.report(self.columns.name, message, "not a normalised metric name", help);
        }
    }

    fn units(&mut self) {
        let columns = self.columns;
        for (header, column) in [("unit_name", columns.unit), ("per_unit_name", columns.per_unit)] {
            let unit = self.value(column);
            if !unit.is_empty() && !is_unit(unit) {
                let close = similar::get_close_matches(unit, UNIT_NAMES, 1, 0.6);
                let help = match close.first() {
                    Some(close) => format!("did you mean `{close}`? Units are singular and lowercase"),
                    None => "use one of Datadog's units (https://docs.datadoghq.com/metrics/units/), or leave it empty".to_owned(),
                };
                self.report(column, format!("`{}` is not one of Datadog's units ({header})", quoted(unit)), "unknown unit", help);
            }
        }
        let (unit, per) = (self.value(columns.unit), self.value(columns.per_unit));
        if TIME_UNIT_NAMES.contains(&unit) && TIME_UNIT_NAMES.contains(&per) {
            let message = format!("`{unit}` per `{per}` is a ratio of two times, which Datadog rejects");
            let Some(column) = columns.per_unit else { return };
            let finding = Finding::new(message, Place::cell(self.metrics.file, self.row, column), "a time per a time")
                .with_label(Place::cell(self.metrics.file, self.row, columns.unit.unwrap_or(column)), "also a time")
                .with_help("set `unit_name` to `fraction` (or `percent`) and leave `per_unit_name` empty");
            self.out.push(finding);
        }
    }

    fn curated(&mut self) {
        let curated = self.value(self.columns.curated);
        if curated.is_empty() {
            return;
        }
        let types: Vec<&str> = curated.split('|').collect();
        let help = || "use `cpu`, `memory` or `cpu|memory`, or leave it empty".to_owned();
        for (index, kind) in types.iter().enumerate() {
            if !CURATED_METRIC_TYPES.contains(kind) {
                self.report(self.columns.curated, format!("`{}` is not a curated metric type", quoted(kind)), "not `cpu` or `memory`", help());
            } else if types.get(..index).is_some_and(|before| before.contains(kind)) {
                self.report(self.columns.curated, format!("curated metric type `{kind}` is listed twice"), "repeated", help());
            }
        }
    }
}

/// `a`, `b` or `c`.
fn list(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

fn did_you_mean(value: &str, known: &[&str]) -> String {
    similar::get_close_matches(value, known, 1, 0.6)
        .first()
        .map_or_else(String::new, |close| format!("; did you mean `{close}`?"))
}

static REPLACEMENT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"([^a-zA-Z0-9_.]+)|(^[^a-zA-Z]+)").ok());
static DOT_UNDERSCORE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"_*\._*").ok());

/// Datadog's backend normalisation of a metric name (ddev's `normalize_metric_name`).
pub(crate) fn normalize(name: &str) -> String {
    if is_normal(name) {
        return name.to_owned();
    }
    let (Some(replacement), Some(dots)) = (REPLACEMENT.as_ref(), DOT_UNDERSCORE.as_ref()) else {
        return name.to_owned();
    };
    let replaced = replacement.replace_all(name, "_");
    dots.replace_all(&replaced, ".").trim_matches('_').to_owned()
}

/// The common case without a regex: letters, digits, `_` and `.`, a letter first, no `_`
/// beside a `.`, no `_` last.
fn is_normal(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.last() != Some(&b'_')
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
        && !name.contains("_.")
        && !name.contains("._")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn normalize_slowly(name: &str) -> String {
        let replaced = REPLACEMENT.as_ref().unwrap().replace_all(name, "_");
        let dots = DOT_UNDERSCORE.as_ref().unwrap();
        dots.replace_all(&replaced, ".").trim_matches('_').to_owned()
    }

    #[test]
    fn names_normalise_as_datadogs_backend_does() {
        assert_eq!(normalize("acme.requests_total"), "acme.requests_total");
        assert_eq!(normalize("acme.requests-total"), "acme.requests_total");
        assert_eq!(normalize("acme._x_.y"), "acme.x.y");
        assert_eq!(normalize("1acme.x"), "acme.x");
        assert_eq!(normalize("acme.caf\u{e9}"), "acme.caf");
        assert_eq!(normalize("acme x"), "acme_x");
        // Python 3.13 with ddev's two patterns gives these.
        for (name, normal) in [("..a", "a"), ("a..b", "a..b"), ("_a._b_", "a.b"), ("9.a", "a")] {
            assert_eq!(normalize(name), normal, "{name}");
        }
        for (name, normal) in [("a-_.b", "a.b"), ("a__b", "a__b"), (".a", "a"), ("a.", "a.")] {
            assert_eq!(normalize(name), normal, "{name}");
        }
        for name in ["a.b_c", "a_", "a._b", "_a", "a.b.", "A1.b2"] {
            assert_eq!(is_normal(name), normalize_slowly(name) == name, "{name}");
        }
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(list(&METRIC_TYPES), "`count`, `gauge` or `rate`");
    }
}
