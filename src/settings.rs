//! What a run is asked to do beyond the paths: repository kind, expected app_uuid, git base.

use std::sync::Arc;

use crate::source::{SourceFile, Span};

/// Which repository the integrations live in; Marketplace is stricter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum RepoKind {
    /// DataDog/integrations-extras.
    #[default]
    Extras,
    /// The partner-only Marketplace repository.
    Marketplace,
}

/// One `[[ignore]]` entry.
#[derive(Debug, Clone)]
pub struct Ignore {
    pub(crate) rule: &'static str,
    pub(crate) integration: Option<String>,
    pub(crate) path: Option<String>,
    pub(crate) pointer: Option<String>,
    /// Where the entry is, to report it when it matches nothing.
    pub(crate) file: Arc<SourceFile>,
    pub(crate) span: Span,
}

/// Where the Uninstallation section may sit relative to `## Setup`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Placement {
    /// No policy asked for: the H2 directly after the Setup section; a section nested in Setup
    /// is a warning in integrations-extras and an error in the Marketplace.
    #[default]
    #[value(skip)]
    Default,
    /// Nested in the Setup section, or the H2 directly after it.
    Either,
    /// Nested in the Setup section (an H3 or deeper under `## Setup`).
    Nested,
    /// The H2 directly after the Setup section.
    AfterSetup,
}

/// Settings for one run, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The repository kind every integration is judged as; `None`: each by its manifest (a
    /// non-empty `pricing` or a `legal_terms` makes a Marketplace listing).
    pub repo_kind: Option<RepoKind>,
    /// The published OAuth client's app_uuid, when one integration is checked.
    pub app_uuid: Option<String>,
    /// Where the Uninstallation section may sit.
    pub placement: Placement,
    /// A git revision to compare `app_uuid` and `app_id` with (`--base`).
    pub base: Option<String>,
    /// Check only the integrations with files changed since this git revision.
    pub changed_since: Option<String>,
    /// Show every branch of an `anyOf` schema failure, not only the most relevant.
    pub verbose: bool,
    /// Rule name -> level from the configuration; `None` turns the rule off.
    pub levels: std::collections::BTreeMap<&'static str, Option<crate::diagnostic::Level>>,
    /// Integration directory name -> the published OAuth client's app_uuid (configuration).
    pub app_uuids: std::collections::BTreeMap<String, String>,
    /// The configuration's ignores.
    pub ignores: Vec<Ignore>,
    /// The bytes of files one run may read in all (`None`: [`DEFAULT_READ_LIMIT`]).
    pub read_limit: Option<u64>,
}

/// What one run reads at most by default: about ten times a whole real repository's manifests,
/// READMEs and assets, and little enough that a tree of huge files costs megabytes, not gigabytes.
pub const DEFAULT_READ_LIMIT: u64 = 128 * 1024 * 1024;

impl Settings {
    /// Whether the configuration turns this rule off.
    pub(crate) fn is_off(&self, rule: &str) -> bool {
        matches!(self.levels.get(rule), Some(None))
    }

    /// Whether the rule will run.
    pub(crate) fn is_on(&self, rule: &str) -> bool {
        !self.is_off(rule)
    }
}
