//! `ddlint.toml`: found from the checked path up to the repository root, or given by
//! `--config`. Every error in it is a diagnostic with a span in the TOML.

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
        settings.repo_kind = repo_kind.or(self.repo_kind).unwrap_or_default();
        settings.placement = placement.or(self.placement).unwrap_or_default();
        settings.levels = self.levels;
        settings.app_uuids = self.app_uuids;
        settings.ignores = self.ignores;
        settings
    }
}

/// Finds `ddlint.toml` in `start` (a directory or a file's directory) or above it, stopping at
/// the repository root (a directory holding `.git`).
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    let start = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(shown(candidate));
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// The path relative to the working directory when it lies below it: diagnostics show it.
fn shown(path: PathBuf) -> PathBuf {
    let cwd = std::env::current_dir().ok();
    match cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()) {
        Some(relative) => relative.to_path_buf(),
        None => path,
    }
}

/// Reads and validates a configuration file; its errors come back as diagnostics.
pub fn load(path: &Path) -> Result<Config, Vec<Diagnostic>> {
    let text = match std::fs::read_to_string(path) {
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
