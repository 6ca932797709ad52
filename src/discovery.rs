//! Paths given on the command line -> the sorted, de-duplicated integration directories.
//!
//! A path is an integration directory (it holds `manifest.json`), a repository root (its
//! top-level, non-hidden directories that hold `manifest.json`), or a file inside an integration
//! (which selects that integration).
//!
//! Each integration also gets its repository root, whose `.github/CODEOWNERS` and
//! `.ddev/config.toml` apply to it: the root it was found in, or, for an integration given by
//! itself (or by a file inside it), its parent directory when that holds `.ddev/config.toml`
//! or `.github/CODEOWNERS` (as in a clone of integrations-extras, where pre-commit passes the
//! changed files). An integration whose parent holds neither has no root.

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
    /// Integration directory -> its repository root, for those that have one.
    pub roots: BTreeMap<PathBuf, PathBuf>,
    /// Entries of a repository root that are symbolic links: never followed (a link may lead
    /// out of the repository; one inside names a directory that is checked as itself).
    pub links: Vec<PathBuf>,
}

/// The files whose presence makes an integration's parent directory its repository root.
const ROOT_MARKERS: [&str; 2] = [".ddev/config.toml", ".github/CODEOWNERS"];

/// The integration directories `paths` select; a path that does not exist, or a directory that
/// holds no integration, is an error.
pub fn discover(paths: &[PathBuf]) -> Result<Discovered, DiscoveryError> {
    // Canonical path -> (the directory as shown, its root).
    let mut found: BTreeMap<PathBuf, (PathBuf, Option<PathBuf>)> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut links = Vec::new();
    let mut parents = BTreeMap::new();
    for path in paths {
        match integrations_of(path, &mut links) {
            Ok((dirs, root)) => {
                // The directories of a repository root come from its listing, which said
                // they are directories and not links.
                let listed = root.is_some();
                for dir in dirs {
                    let key = real_path(&dir, listed, &mut parents);
                    let root = root.clone().or_else(|| parent_root(&dir));
                    let entry = found.entry(key).or_insert((dir, None));
                    entry.1 = entry.1.take().or(root);
                }
            }
            Err(DiscoveryError::NotInIntegration(file)) => skipped.push(file),
            Err(error) => return Err(error),
        }
    }
    let mut roots = BTreeMap::new();
    let mut dirs = Vec::with_capacity(found.len());
    for (dir, root) in found.into_values() {
        if let Some(root) = root {
            roots.insert(dir.clone(), root);
        }
        dirs.push(dir);
    }
    dirs.sort();
    links.sort();
    Ok(Discovered {
        dirs,
        skipped,
        roots,
        links,
    })
}

/// The integrations a path selects, and the repository root it is when it is one.
fn integrations_of(
    path: &Path,
    links: &mut Vec<PathBuf>,
) -> Result<(Vec<PathBuf>, Option<PathBuf>), DiscoveryError> {
    let metadata =
        std::fs::metadata(path).map_err(|_| DiscoveryError::NotFound(path.to_owned()))?;
    if !metadata.is_dir() {
        return enclosing_integration(path).map(|dir| (vec![dir], None));
    }
    if holds_manifest(path) {
        return Ok((vec![path.to_owned()], None));
    }
    let dirs = top_level_integrations(path, links)?;
    if dirs.is_empty() {
        return Err(DiscoveryError::NoIntegration(path.to_owned()));
    }
    Ok((dirs, Some(path.to_owned())))
}

/// The real path of `dir`, the key that makes two spellings of one integration one: its
/// parent's real path (found once for all its siblings) joined with its name, when `dir` is a
/// plain directory (`listed`: known to be one); else the system's answer.
fn real_path(
    dir: &Path,
    listed: bool,
    parents: &mut BTreeMap<PathBuf, Option<PathBuf>>,
) -> PathBuf {
    let plain = listed || std::fs::symlink_metadata(dir).is_ok_and(|meta| meta.is_dir());
    let parent_and_name = dir.parent().map(or_here).zip(dir.file_name());
    if let (true, Some((parent, name))) = (plain, parent_and_name) {
        let real = parents
            .entry(parent.to_path_buf())
            .or_insert_with(|| parent.canonicalize().ok());
        if let Some(real) = real {
            return real.join(name);
        }
    }
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// A directory as the system names it: the empty path, the parent of `acme` (an integration of
/// the working directory), is `.`.
pub(crate) fn or_here(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

/// The parent of an integration given by itself, when it holds a root's files.
fn parent_root(dir: &Path) -> Option<PathBuf> {
    // `.` and `..` name no child of their parent: climb with `..`.
    let parent = match (dir.file_name(), dir.parent()) {
        (Some(_), Some(parent)) => or_here(parent).to_owned(),
        _ => dir.join(".."),
    };
    let marked = ROOT_MARKERS
        .iter()
        .any(|marker| std::fs::symlink_metadata(parent.join(marker)).is_ok());
    marked.then_some(parent)
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
        // The entry's type comes with the directory listing: no system call per entry.
        let kind = entry.file_type();
        if kind.as_ref().is_ok_and(|kind| kind.is_symlink()) {
            links.push(path);
        } else if kind.is_ok_and(|kind| kind.is_dir()) && holds_manifest(&path) {
            dirs.push(path);
        }
    }
    Ok(dirs)
}

/// The nearest directory above `file` that holds a manifest.
fn enclosing_integration(file: &Path) -> Result<PathBuf, DiscoveryError> {
    file.ancestors()
        .skip(1)
        .map(or_here)
        .find(|dir| holds_manifest(dir))
        .map(Path::to_owned)
        .ok_or_else(|| DiscoveryError::NotInIntegration(file.to_owned()))
}
