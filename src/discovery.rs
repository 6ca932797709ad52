//! Paths given on the command line -> the sorted, de-duplicated integration directories.
//!
//! A path is an integration directory (it holds `manifest.json`), a repository root (its
//! top-level, non-hidden directories that hold `manifest.json`), or a file inside an integration
//! (which selects that integration).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a path given by the user selects no integration.
#[derive(Debug, PartialEq, Eq)]
pub enum DiscoveryError {
    NotFound(PathBuf),
    NoIntegration(PathBuf),
    NotInIntegration(PathBuf),
    Unreadable(PathBuf, String),
}

impl fmt::Display for DiscoveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound(path) => write!(f, "`{}` does not exist", path.display()),
            Self::NoIntegration(path) => write!(
                f,
                "`{}` is not an integration: it has no manifest.json, and none of its top-level directories has one",
                path.display()
            ),
            Self::NotInIntegration(path) => write!(
                f,
                "`{}` is not inside an integration: no directory above it has a manifest.json",
                path.display()
            ),
            Self::Unreadable(path, why) => write!(f, "`{}` cannot be read: {why}", path.display()),
        }
    }
}

impl std::error::Error for DiscoveryError {}

/// What the paths select: integration directories (each once, sorted), and the files that lie
/// in no integration, which are skipped (pre-commit passes the repository's own README.md too).
#[derive(Debug, Default)]
pub struct Discovered {
    pub dirs: Vec<PathBuf>,
    pub skipped: Vec<PathBuf>,
    /// Entries of a repository root that are symbolic links: never followed (a link may lead
    /// out of the repository; one inside names a directory that is checked as itself).
    pub links: Vec<PathBuf>,
}

/// The integration directories `paths` select; a path that does not exist, or a directory that
/// holds no integration, is an error.
pub fn discover(paths: &[PathBuf]) -> Result<Discovered, DiscoveryError> {
    let mut found: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut links = Vec::new();
    for path in paths {
        match integrations_of(path, &mut links) {
            Ok(dirs) => {
                for dir in dirs {
                    let key = dir.canonicalize().unwrap_or_else(|_| dir.clone());
                    found.entry(key).or_insert(dir);
                }
            }
            Err(DiscoveryError::NotInIntegration(file)) => skipped.push(file),
            Err(error) => return Err(error),
        }
    }
    let mut dirs: Vec<PathBuf> = found.into_values().collect();
    dirs.sort();
    links.sort();
    Ok(Discovered {
        dirs,
        skipped,
        links,
    })
}

fn integrations_of(path: &Path, links: &mut Vec<PathBuf>) -> Result<Vec<PathBuf>, DiscoveryError> {
    let metadata =
        std::fs::metadata(path).map_err(|_| DiscoveryError::NotFound(path.to_owned()))?;
    if !metadata.is_dir() {
        return enclosing_integration(path).map(|dir| vec![dir]);
    }
    if holds_manifest(path) {
        return Ok(vec![path.to_owned()]);
    }
    let dirs = top_level_integrations(path, links)?;
    if dirs.is_empty() {
        return Err(DiscoveryError::NoIntegration(path.to_owned()));
    }
    Ok(dirs)
}

/// Whether `dir/manifest.json` exists in any form (a broken link or a directory is reported later).
fn holds_manifest(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join("manifest.json")).is_ok()
}

/// The non-hidden directories directly under `root` that hold a manifest; its non-hidden
/// symbolic links go to `links`, unfollowed.
fn top_level_integrations(
    root: &Path,
    links: &mut Vec<PathBuf>,
) -> Result<Vec<PathBuf>, DiscoveryError> {
    let unreadable = |e: std::io::Error| DiscoveryError::Unreadable(root.to_owned(), e.to_string());
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(root).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        // `./acme` is shown as `acme`.
        let path = entry.path();
        let path = path
            .strip_prefix(".")
            .map_or_else(|_| path.clone(), Path::to_path_buf);
        if hidden {
            continue;
        }
        if entry.file_type().is_ok_and(|kind| kind.is_symlink()) {
            links.push(path);
        } else if path.is_dir() && holds_manifest(&path) {
            dirs.push(path);
        }
    }
    Ok(dirs)
}

/// The nearest directory above `file` that holds a manifest.
fn enclosing_integration(file: &Path) -> Result<PathBuf, DiscoveryError> {
    file.ancestors()
        .skip(1)
        .map(|dir| {
            if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            }
        })
        .find(|dir| holds_manifest(dir))
        .map(Path::to_owned)
        .ok_or_else(|| DiscoveryError::NotInIntegration(file.to_owned()))
}
