//! What the `metadata.csv` rules share: the file Datadog validates, its columns by name, the
//! rows it reads, and the fixed lists of Datadog's metadata validator.
//!
//! Source of the lists: ddev 20.1.0, `ddev/cli/validate/metadata_utils.py` (BSD 3-Clause).

use crate::csv::{Record, Table};
use crate::files::{CsvFile, FileId};
use crate::integration::Integration;

/// Every column a file may have (`ALL_HEADERS`): the expected ones, `curated_metric`
/// (optional) and `sample_tags` (experimental).
pub(crate) const ALL: [&str; 11] = [
    "metric_name",
    "metric_type",
    "interval",
    "unit_name",
    "per_unit_name",
    "description",
    "orientation",
    "integration",
    "short_name",
    "curated_metric",
    "sample_tags",
];

/// Columns every file has, in the order `ddev create` writes them (`HEADERS_TO_CHECK`, in the
/// order of `ORDERED_HEADERS`): all but the last two of [`ALL`].
pub(crate) const EXPECTED: &[&str] = ALL.split_at(ALL.len() - 2).0;

/// The header `ddev create` writes (`ORDERED_HEADERS`).
pub(crate) const HEADER_LINE: &str = "metric_name,metric_type,interval,unit_name,per_unit_name,description,orientation,integration,short_name,curated_metric,sample_tags";

/// `VALID_METRIC_TYPE`.
pub(crate) const METRIC_TYPES: [&str; 3] = ["count", "gauge", "rate"];
/// `VALID_ORIENTATION`.
pub(crate) const ORIENTATIONS: [&str; 3] = ["0", "1", "-1"];
/// `VALID_CURATED_METRIC_TYPES`.
pub(crate) const CURATED_METRIC_TYPES: [&str; 2] = ["cpu", "memory"];
/// `MAX_DESCRIPTION_LENGTH`, in characters.
pub(crate) const MAX_DESCRIPTION: usize = 400;
/// Metric names any integration may submit, whatever its prefix (`ALLOWED_PREFIXES`).
pub(crate) const ALLOWED_PREFIXES: [&str; 8] = [
    "system.", "jvm.", "http.", "datadog.", "sftp.", "process.", "runtime.", "otelcol_",
];
/// Integrations that need no metric prefix (`PROVIDER_INTEGRATIONS`).
pub(crate) const PROVIDER_INTEGRATIONS: [&str; 2] = ["openmetrics", "prometheus"];

/// The metrics file of an integration, read as CSV, with its header's columns by name.
pub(crate) struct Metrics<'a> {
    pub(crate) file: FileId,
    pub(crate) csv: &'a CsvFile,
    pub(crate) table: &'a Table,
}

impl<'a> Metrics<'a> {
    /// The integration's metrics file, when it exists and reads as CSV (see
    /// `Integration::metadata_csv`). Datadog skips integrations whose directory name starts
    /// with `datadog_checks_`, and those `.ddev/config.toml` excludes
    /// (`overrides.validate.metrics.exclude`): so does this.
    pub(crate) fn of(integration: &'a Integration) -> Option<Self> {
        let name = integration.name();
        let excluded = integration
            .repo_config()
            .is_some_and(|config| config.metrics_excluded(&name));
        if name.starts_with("datadog_checks_") || excluded {
            return None;
        }
        let (file, csv) = integration.metadata_csv()?;
        Some(Self {
            file,
            csv,
            table: csv.table()?,
        })
    }

    /// The header record, when the file has one.
    pub(crate) fn header(&self) -> Option<&'a Record> {
        self.table.records.first()
    }

    /// A header cell's name, without the byte-order mark Datadog would read into the first.
    pub(crate) fn header_name(&self, column: usize) -> Option<&'a str> {
        let cell = self.header()?.cells.get(column)?;
        let name = self.csv.value(cell);
        Some(if column == 0 {
            name.trim_start_matches('\u{feff}')
        } else {
            name
        })
    }

    /// The index of the column `name` (the last of that name: Datadog's `DictReader` keeps
    /// the last).
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        let count = self.header()?.cells.len();
        (0..count)
            .rev()
            .find(|&column| self.header_name(column) == Some(name))
    }

    /// The data rows Datadog reads: (record index, record), for the rows with as many cells
    /// as the header (a row of another length is `metadata-column-count`'s alone).
    pub(crate) fn rows(&self) -> impl Iterator<Item = (usize, &'a Record)> + '_ {
        let width = self.header().map_or(0, |header| header.cells.len());
        self.table
            .records
            .iter()
            .enumerate()
            .skip(1)
            .filter(move |(_, record)| record.cells.len() == width)
    }

    /// The value of `column` in a row (empty when the column does not exist).
    pub(crate) fn value(&self, record: &'a Record, column: Option<usize>) -> &'a str {
        column
            .and_then(|column| record.cells.get(column))
            .map_or("", |cell| self.csv.value(cell))
    }
}
