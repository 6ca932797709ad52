//! `ddlint.toml`: found from the checked paths up to the repository root (never inside another
//! integration than the one checked), or given by `--config`. Every error in it is a diagnostic
//! with a span in the TOML.

mod apply;
mod parse;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) use apply::apply;

use crate::diagnostic::{Diagnostic, Level};
use crate::report::Configuration;
use crate::settings::{Ignore, Placement, RepoKind, Settings};
use crate::source::SourceFile;

/// The file name ddlint looks for.
pub const FILE_NAME: &str = "ddlint.toml";

/// A parsed, validated configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub(crate) repo_kind: Option<RepoKind>,
    pub(crate) placement: Option<Placement>,
    /// Rule name -> level, `None` for `off`.
    pub(crate) levels: BTreeMap<&'static str, Option<Level>>,
    /// Integration directory name -> the published OAuth client's app_uuid.
    pub(crate) app_uuids: BTreeMap<String, String>,
    pub(crate) ignores: Vec<Ignore>,
}

impl Config {
    /// What this configuration, read from `file`, sets: the report's summary shows it, with the
    /// findings it downgraded and ignored counted by the run.
    pub fn summary(&self, file: PathBuf) -> Configuration {
        Configuration {
            file: Some(file),
            rules_off: crate::rules::all()
                .map(|meta| meta.name)
                .filter(|name| matches!(self.levels.get(name), Some(None)))
                .collect(),
            app_uuids: self.app_uuids.len(),
            ..Configuration::default()
        }
    }

    /// The settings of a run: these values under the flags (a flag given on the command line
    /// wins over the file).
    pub fn apply_to(
        self,
        mut settings: Settings,
        repo_kind: Option<RepoKind>,
        placement: Option<Placement>,
    ) -> Settings {
        settings.repo_kind = repo_kind.or(self.repo_kind);
        settings.placement = placement.or(self.placement).unwrap_or_default();
        settings.levels = self.levels;
        settings.app_uuids = self.app_uuids;
        settings.ignores = self.ignores;
        settings
    }
}

/// Finds the `ddlint.toml` of a run over `paths`: in the deepest directory holding every path (a
/// file stands for its directory) or the nearest one above it, stopping at the repository root
/// (the directory holding `.git`). A directory that is or lies inside an integration is passed
/// over, so that a pull request cannot rule the other checked integrations from one of its own,
/// unless that one integration (or files in it) is all that is checked.
pub fn find(paths: &[PathBuf]) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = paths.iter().map(|path| directory_of(path)).collect();
    let start = common_ancestor(&dirs)?;
    let only = only_integration(paths);
    for dir in start.ancestors() {
        let own = only.as_ref().is_some_and(|only| dir.starts_with(only));
        if own || !inside_integration(dir) {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Some(shown(candidate));
            }
        }
        if is_repository_root(dir) {
            return None;
        }
    }
    None
}

/// The absolute, resolved form of `path` (lexical when it does not exist).
fn resolved(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned())
}

/// A directory as itself, a file (or anything else) as its directory; resolved.
fn directory_of(path: &Path) -> PathBuf {
    let path = resolved(path);
    if path.is_dir() {
        return path;
    }
    path.parent().map_or(path.clone(), Path::to_path_buf)
}

/// The deepest directory that holds all of `dirs`.
fn common_ancestor(dirs: &[PathBuf]) -> Option<PathBuf> {
    let (first, rest) = dirs.split_first()?;
    let mut common = first.clone();
    for dir in rest {
        while !dir.starts_with(&common) {
            common = common.parent()?.to_path_buf();
        }
    }
    Some(common)
}

/// The integration directory holding every path, when they all lie in one.
fn only_integration(paths: &[PathBuf]) -> Option<PathBuf> {
    let mut integrations = paths.iter().map(|path| {
        let path = resolved(path);
        path.ancestors()
            .find(|dir| holds_manifest(dir))
            .map(Path::to_path_buf)
    });
    let first = integrations.next()??;
    integrations
        .all(|other| other.as_ref() == Some(&first))
        .then_some(first)
}

/// Whether `dir` is an integration directory or lies inside one of its repository.
fn inside_integration(dir: &Path) -> bool {
    for ancestor in dir.ancestors() {
        if holds_manifest(ancestor) {
            return true;
        }
        if is_repository_root(ancestor) {
            return false;
        }
    }
    false
}

fn holds_manifest(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join("manifest.json")).is_ok()
}

fn is_repository_root(dir: &Path) -> bool {
    dir.join(".git").exists()
}

/// The path relative to the working directory when it lies below it: diagnostics show it.
fn shown(path: PathBuf) -> PathBuf {
    let cwd = std::env::current_dir().ok();
    match cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()) {
        Some(relative) => relative.to_path_buf(),
        None => path,
    }
}

/// Larger configuration files are not read: a real one is a few hundred bytes.
const MAX_BYTES: u64 = 1024 * 1024;

/// Reads and validates a configuration file; its errors come back as diagnostics.
pub fn load(path: &Path) -> Result<Config, Vec<Diagnostic>> {
    let text = match read(path) {
        Ok(text) => text,
        Err(error) => {
            let file = Arc::new(SourceFile::new(path.to_owned(), String::new()));
            return Err(vec![parse::error(
                &file,
                0..0,
                format!("`{}` cannot be read: {error}", path.display()),
                None,
            )]);
        }
    };
    parse::parse(Arc::new(SourceFile::new(path.to_owned(), text)))
}

/// The file's text, at most `MAX_BYTES` of UTF-8. A symbolic link is not followed: a checked
/// tree's `ddlint.toml` linked to a file outside it would show that file in a snippet.
fn read(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        let why = "it is a symbolic link, which ddlint does not follow";
        return Err(std::io::Error::other(why));
    }
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(MAX_BYTES + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > MAX_BYTES {
        let why = format!("it is larger than {MAX_BYTES} bytes");
        return Err(std::io::Error::other(why));
    }
    Ok(text)
}
