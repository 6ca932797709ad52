//! The kinds of file ddlint reads, one row each: where a file of the kind is found, how it is
//! read, and how large it may be. A new kind of file is a new row here (and a parser only when
//! its format is new).

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
    /// A file the manifest references that no rule reads yet: it is only looked at (exists,
    /// stays inside the integration), never opened.
    Referenced,
    /// `manifest.json` at the `--base` revision, from git.
    BaseManifest,
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
    /// `images/<name>` for the file name of every image of the README (Datadog looks an image
    /// up by its name in the integration's `images/` folder).
    ReadmeImages,
}

/// How a file of the kind is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// UTF-8 text parsed as strict JSON with spans.
    Json,
    /// UTF-8 text outlined as CommonMark.
    Markdown,
    /// Never opened: only whether it exists inside the integration.
    Stat,
}

/// One row of the table.
#[derive(Debug)]
pub(crate) struct KindSpec {
    pub(crate) kind: Kind,
    pub(crate) found: &'static [Found],
    pub(crate) format: Format,
    /// Larger files are reported, not read.
    pub(crate) max_bytes: u64,
}

const MIB: u64 = 1024 * 1024;

/// Every kind, in the order its files are listed.
pub(crate) static KINDS: &[KindSpec] = &[
    KindSpec {
        kind: Kind::Manifest,
        found: &[Found::Name("manifest.json")],
        format: Format::Json,
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
        format: Format::Json,
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::ServiceChecks,
        found: &[
            Found::Pointer("/assets/integration/service_checks/metadata_path"),
            Found::Name("assets/service_checks.json"),
        ],
        format: Format::Json,
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::Dashboard,
        found: &[Found::MapValues("/assets/dashboards")],
        format: Format::Json,
        max_bytes: 8 * MIB,
    },
    KindSpec {
        kind: Kind::Referenced,
        found: &[
            Found::ArrayField {
                array: "/tile/media",
                field: "image_url",
            },
            Found::Pointer("/tile/changelog"),
            Found::Pointer("/assets/integration/metrics/metadata_path"),
            Found::Pointer("/assets/integration/configuration/spec"),
            Found::MapValues("/assets/monitors"),
            Found::MapValues("/assets/saved_views"),
        ],
        format: Format::Stat,
        max_bytes: 0,
    },
    KindSpec {
        kind: Kind::BaseManifest,
        found: &[Found::Base("manifest.json")],
        format: Format::Json,
        max_bytes: 8 * MIB,
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
