//! What a run is asked to do beyond the paths: repository kind, expected app_uuid, git base.

use std::path::PathBuf;
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
    /// Nested in the Setup section, or the H2 directly after it.
    #[default]
    Either,
    /// Nested in the Setup section (an H3 or deeper under `## Setup`).
    Nested,
    /// The H2 directly after the Setup section.
    AfterSetup,
}

/// Settings for one run, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub repo_kind: RepoKind,
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
}

impl Settings {
    /// Whether the configuration turns this rule off.
    pub(crate) fn is_off(&self, rule: &str) -> bool {
        matches!(self.levels.get(rule), Some(None))
    }
}

/// Why the settings cannot be used with the selected integrations.
#[derive(Debug)]
pub enum UsageError {
    AppUuidNeedsOneIntegration(usize),
    AppUuidMalformed(String),
    Git(&'static str, crate::git::GitError),
    Discovery(crate::discovery::DiscoveryError),
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::AppUuidNeedsOneIntegration(count) => write!(
                f,
                "--app-uuid names the app_uuid of one integration, but {count} integrations were selected"
            ),
            Self::AppUuidMalformed(value) => write!(
                f,
                "--app-uuid `{value}` is not a UUID (expected 8-4-4-4-12 lowercase hexadecimal digits)"
            ),
            Self::Git(flag, error) => write!(f, "{flag}: {error}"),
            Self::Discovery(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for UsageError {}

/// Keeps the integrations with a file changed since `--changed-since`, when it is given.
pub(crate) fn select_changed(
    settings: &Settings,
    dirs: Vec<PathBuf>,
) -> Result<Vec<PathBuf>, UsageError> {
    let (Some(revision), Some(first)) = (&settings.changed_since, dirs.first()) else {
        return Ok(dirs);
    };
    let changed: Vec<PathBuf> = crate::git::changed_files(first, revision)
        .map_err(|error| UsageError::Git("--changed-since", error))?
        .iter()
        .map(|path| canonical_or_self(path))
        .collect();
    Ok(dirs
        .into_iter()
        .filter(|dir| {
            let dir = canonical_or_self(dir);
            changed.iter().any(|file| file.starts_with(&dir))
        })
        .collect())
}

/// The canonical path; for a deleted file, its canonical directory joined with its name.
fn canonical_or_self(path: &std::path::Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| {
        let parent = path.parent().and_then(|p| p.canonicalize().ok());
        match (parent, path.file_name()) {
            (Some(parent), Some(name)) => parent.join(name),
            _ => path.to_owned(),
        }
    })
}

/// The integration directories a run selected, checked against the settings.
pub(crate) fn validate(settings: &Settings, dirs: &[PathBuf]) -> Result<(), UsageError> {
    if let Some(uuid) = &settings.app_uuid {
        if dirs.len() > 1 {
            return Err(UsageError::AppUuidNeedsOneIntegration(dirs.len()));
        }
        if crate::uuid::uuid_problem(uuid).is_some() {
            return Err(UsageError::AppUuidMalformed(uuid.clone()));
        }
    }
    if let (Some(base), Some(dir)) = (&settings.base, dirs.first()) {
        crate::git::verify_revision(dir, base).map_err(|error| UsageError::Git("--base", error))?;
    }
    Ok(())
}
