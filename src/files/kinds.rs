//! The kinds of file ddlint reads, one row each: where a file of the kind is found, how it is
//! read, and how large it may be. A new kind of file is a new row here (and a parser only when
//! its format is new).

use crate::json::Shape;

/// A kind of file of an integration or of the repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `manifest.json`.
    Manifest,
    /// `README.md`.
    Readme,
    /// The OAuth client file `assets.oauth` names.
    OauthClients,
    /// `assets/service_checks.json`, or the file `service_checks.metadata_path` names.
    ServiceChecks,
    /// A dashboard `assets.dashboards` names.
    Dashboard,
    /// A saved view `assets.saved_views` names.
    SavedView,
    /// The end-user license agreement `legal_terms.eula` names: only its first bytes are read.
    Eula,
    /// A media image `tile.media[].image_url` names (for a video, its thumbnail): only its
    /// first bytes are read, and its size is looked at.
    MediaImage,
    /// The file `assets.integration.metrics.metadata_path` names, and `metadata.csv`.
    MetadataCsv,
    /// A file the manifest references that no rule reads yet: it is only looked at (exists,
    /// stays inside the integration), never opened.
    Referenced,
    /// `manifest.json` at the `--base` revision, from git.
    BaseManifest,
    /// `.github/CODEOWNERS` at a repository root.
    Codeowners,
    /// `.ddev/config.toml` at a repository root: Datadog's per-integration overrides.
    DdevConfig,
    /// An integration's `assets/logs` directory, looked at from the repository scope.
    LogsAssets,
    /// `images/<name>` for an image the README shows: only looked at, never opened.
    ReadmeImage,
}

/// Where the files of a kind are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// A fixed path in the integration directory, whether the manifest names it or not.
    Name(&'static str),
    /// The string value of this manifest member.
    Pointer(&'static str),
    /// Every string value of the object at this pointer (`name -> path`).
    MapValues(&'static str),
    /// The string member `field` of every element of the array at `array`.
    ArrayField {
        array: &'static str,
        field: &'static str,
    },
    /// A fixed path at the `--base` git revision.
    Base(&'static str),
    /// A fixed path at the repository root of the checked integrations (a row of the
    /// repository's table, shared with the integrations of that root).
    Root(&'static str),
    /// A fixed path in each checked integration, as a row of the repository's table.
    EachIntegration(&'static str),
    /// `images/<name>` for the file name of every image of the README (Datadog looks an image
    /// up by its name in the integration's `images/` folder).
    ReadmeImages,
}

/// How a file of the kind is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// UTF-8 text parsed as strict JSON with spans, the values of the shape built.
    Json(&'static Shape),
    /// UTF-8 text outlined as CommonMark.
    Markdown,
    /// UTF-8 text read as CSV with spans (`crate::csv`).
    Csv,
    /// UTF-8 text parsed as TOML.
    Toml,
    /// UTF-8 text read as a CODEOWNERS file (`crate::codeowners`).
    Codeowners,
    /// Never opened: only whether it exists inside the integration.
    Stat,
    /// Only its first `max_bytes` bytes, never decoded: a header (a PDF's signature, an
    /// image's pixel size). The file itself may be larger.
    Header,
}

/// One row of the table.
#[derive(Debug)]
pub(crate) struct KindSpec {
    pub(crate) kind: Kind,
    pub(crate) found: &'static [Found],
    pub(crate) format: Format,
    /// Larger files are reported, not read; for [`Format::Header`], how many first bytes are
    /// read.
    pub(crate) max_bytes: u64,
}

const MIB: u64 = 1024 * 1024;

/// What the dashboard rules read of a dashboard: its top-level keys, its `widgets`, each
/// widget's keys, and in each widget's `definition` its keys, its `app_id` and the `widgets` of
/// a group. The rest (queries, layouts: most of a dashboard's bytes) is checked, not built. A
/// rule that reads more of a dashboard adds its path here.
static DASHBOARD: Shape = Shape::Object(&[("widgets", &WIDGETS)]);
static WIDGETS: Shape = Shape::Array(&WIDGET);
static WIDGET: Shape = Shape::Object(&[("definition", &DEFINITION)]);
static DEFINITION: Shape = Shape::Object(&[("app_id", &Shape::All), ("widgets", &WIDGETS)]);

/// Every kind, in the order its files are listed.
pub(crate) static KINDS: &[KindSpec] = &[
    KindSpec {
        kind: Kind::Manifest,
        found: &[Found::Name("manifest.json")],
        format: Format::Json(&Shape::All),
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::Readme,
        found: &[Found::Name("README.md")],
        format: Format::Markdown,
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::OauthClients,
        found: &[Found::Pointer("/assets/oauth")],
        format: Format::Json(&Shape::All),
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::ServiceChecks,
        found: &[
            Found::Pointer("/assets/integration/service_checks/metadata_path"),
            Found::Name("assets/service_checks.json"),
        ],
        format: Format::Json(&Shape::All),
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::Dashboard,
        found: &[Found::MapValues("/assets/dashboards")],
        format: Format::Json(&DASHBOARD),
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::SavedView,
        found: &[Found::MapValues("/assets/saved_views")],
        format: Format::Json(&Shape::All),
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::Eula,
        found: &[Found::Pointer("/legal_terms/eula")],
        format: Format::Header,
        // `%PDF` starts the first line; PDF readers look for it in the first kilobyte.
        max_bytes: 1024,
    },
    KindSpec {
        kind: Kind::MediaImage,
        found: &[Found::ArrayField {
            array: "/tile/media",
            field: "image_url",
        }],
        format: Format::Header,
        // A PNG's size is in its first 24 bytes; a JPEG's frame header follows its metadata
        // segments (at most 30 KB into real media images).
        max_bytes: 64 * 1024,
    },
    KindSpec {
        kind: Kind::MetadataCsv,
        found: &[
            Found::Pointer("/assets/integration/metrics/metadata_path"),
            Found::Name("metadata.csv"),
        ],
        format: Format::Csv,
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::Referenced,
        found: &[
            Found::Pointer("/tile/changelog"),
            Found::Pointer("/assets/integration/configuration/spec"),
            Found::MapValues("/assets/monitors"),
        ],
        format: Format::Stat,
        max_bytes: 0,
    },
    KindSpec {
        kind: Kind::BaseManifest,
        found: &[Found::Base("manifest.json")],
        format: Format::Json(&Shape::All),
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::Codeowners,
        found: &[Found::Root(".github/CODEOWNERS")],
        format: Format::Codeowners,
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::DdevConfig,
        found: &[Found::Root(".ddev/config.toml")],
        format: Format::Toml,
        max_bytes: MIB,
    },
    KindSpec {
        kind: Kind::LogsAssets,
        found: &[Found::EachIntegration("assets/logs")],
        format: Format::Stat,
        max_bytes: 0,
    },
    KindSpec {
        kind: Kind::ReadmeImage,
        found: &[Found::ReadmeImages],
        format: Format::Stat,
        max_bytes: 0,
    },
];

/// The row of `kind` (rows are in the order of the enum; a test checks it).
pub(crate) fn spec(kind: Kind) -> &'static KindSpec {
    KINDS.get(kind as usize).unwrap_or(&FALLBACK)
}

/// Never used while every kind has its row at its index; keeps `spec` total.
static FALLBACK: KindSpec = KindSpec {
    kind: Kind::Referenced,
    found: &[],
    format: Format::Stat,
    max_bytes: 0,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_sits_at_the_index_of_its_kind() {
        for (index, row) in KINDS.iter().enumerate() {
            assert_eq!(row.kind as usize, index, "{:?}", row.kind);
            assert!(std::ptr::eq(spec(row.kind), row));
        }
    }
}
