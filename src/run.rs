//! What a run checks, worked out once before any rule runs: the integration directories the
//! paths select, narrowed by `--changed-since`, and the manifests git gives for `--base`. The
//! git repository is found once, from where ddlint runs (see `git`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::discovery::{self, DiscoveryError};
use crate::files::{Budget, Context, Overlay, Roots};
use crate::git::{BaseFiles, GitError, Repo};
use crate::settings::{DEFAULT_READ_LIMIT, Settings};

/// Why the settings cannot be used with the selected integrations.
#[derive(Debug)]
pub enum UsageError {
    AppUuidNeedsOneIntegration(usize),
    AppUuidMalformed(String),
    Git(&'static str, GitError),
    Discovery(DiscoveryError),
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

/// The integrations of a run and what git said about them.
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) dirs: Vec<PathBuf>,
    /// Files given that lie in no integration.
    pub(crate) skipped: Vec<PathBuf>,
    /// Links at a repository root, not followed.
    pub(crate) links: Vec<PathBuf>,
    /// Integration directory -> its repository root (see `discovery`).
    roots: std::collections::BTreeMap<PathBuf, PathBuf>,
    base: Option<Arc<BaseFiles>>,
    read_limit: u64,
}

impl Plan {
    /// Discovers the integrations `paths` select and asks git what the flags need.
    pub(crate) fn new(paths: &[PathBuf], settings: &Settings) -> Result<Self, UsageError> {
        let found = discovery::discover(paths).map_err(UsageError::Discovery)?;
        let git = |flag| move |error| UsageError::Git(flag, error);
        let flag = if settings.changed_since.is_some() {
            "--changed-since"
        } else {
            "--base"
        };
        let repo = match needs_git(settings) {
            true => Some(Repo::discover().map_err(git(flag))?),
            false => None,
        };
        let dirs = match (&settings.changed_since, &repo) {
            (Some(revision), Some(repo)) => {
                changed(repo, revision, found.dirs).map_err(git("--changed-since"))?
            }
            _ => found.dirs,
        };
        validate(settings, &dirs)?;
        let base = match (&settings.base, &repo) {
            (Some(revision), Some(repo)) => {
                let files = repo.base_files(revision, &dirs, "manifest.json");
                Some(Arc::new(files.map_err(git("--base"))?))
            }
            _ => None,
        };
        let mut roots = found.roots;
        let checked: std::collections::HashSet<&PathBuf> = dirs.iter().collect();
        roots.retain(|dir, _| checked.contains(dir));
        Ok(Self {
            dirs,
            skipped: found.skipped,
            links: found.links,
            roots,
            base,
            read_limit: settings.read_limit.unwrap_or(DEFAULT_READ_LIMIT),
        })
    }

    /// A fresh context for one pass over the integrations: files read through `overlay`, a
    /// full byte budget, the base revision's files, the roots' files not read yet.
    pub(crate) fn context(&self, overlay: Overlay) -> Arc<Context> {
        Arc::new(Context {
            overlay,
            budget: Budget::new(self.read_limit),
            base: self.base.clone(),
            parents: Default::default(),
            roots: Roots::new(&self.roots),
        })
    }
}

/// Whether the flags ask anything of git (only then is it run).
fn needs_git(settings: &Settings) -> bool {
    settings.changed_since.is_some()
        || (settings.base.is_some() && settings.is_on("app-uuid-changed"))
}

/// The integrations with a file changed since `revision`.
fn changed(repo: &Repo, revision: &str, dirs: Vec<PathBuf>) -> Result<Vec<PathBuf>, GitError> {
    let changed: Vec<PathBuf> = repo
        .changed_files(revision)?
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
fn canonical_or_self(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| {
        let parent = path.parent().and_then(|p| p.canonicalize().ok());
        match (parent, path.file_name()) {
            (Some(parent), Some(name)) => parent.join(name),
            _ => path.to_owned(),
        }
    })
}

/// The integration directories a run selected, checked against the settings.
fn validate(settings: &Settings, dirs: &[PathBuf]) -> Result<(), UsageError> {
    if let Some(uuid) = &settings.app_uuid {
        if dirs.len() > 1 {
            return Err(UsageError::AppUuidNeedsOneIntegration(dirs.len()));
        }
        if crate::uuid::uuid_problem(uuid).is_some() {
            return Err(UsageError::AppUuidMalformed(uuid.clone()));
        }
    }
    Ok(())
}
