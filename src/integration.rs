//! One integration directory: its file table, and the facts several rules share (whether it
//! uses OAuth, its app_uuid, its title), each read from the table on first use.

use std::path::PathBuf;
use std::sync::Arc;

use crate::files::{Context, CsvFile, FileId, Files, JsonFile, Kind, Readme};
use crate::json::{Node, Value};
use crate::repo_config::RepoConfig;
use crate::settings::{RepoKind, Settings};

/// An integration directory and its files.
#[derive(Debug)]
pub(crate) struct Integration {
    /// The directory as shown to the user.
    pub(crate) dir: PathBuf,
    pub(crate) files: Files,
}

impl Integration {
    /// The integration in `dir` (a path as the user should see it); nothing is read yet.
    pub(crate) fn new(dir: PathBuf, context: Arc<Context>) -> Self {
        Self {
            files: Files::integration(dir.clone(), context),
            dir,
        }
    }

    /// `manifest.json`, read and parsed (also when it did not parse).
    pub(crate) fn manifest(&self) -> Option<&JsonFile> {
        self.files.json(FileId::MANIFEST)
    }

    /// The parsed manifest, when there is one.
    pub(crate) fn manifest_root(&self) -> Option<&Node> {
        self.manifest()?.root()
    }

    /// The readable README, outlined.
    pub(crate) fn readme(&self) -> Option<&Readme> {
        self.files.markdown(FileId::README)
    }

    /// The OAuth client file `assets.oauth` names, and its parse, when it was read.
    pub(crate) fn oauth_clients(&self) -> Option<(FileId, &JsonFile)> {
        let id = self.files.ids(Kind::OauthClients).into_iter().next()?;
        Some((id, self.files.json(id)?))
    }

    /// The metrics metadata file Datadog validates (ddev's `metrics_file`): the file
    /// `assets.integration.metrics.metadata_path` names, else `metadata.csv`; when it was read.
    pub(crate) fn metadata_csv(&self) -> Option<(FileId, &CsvFile)> {
        let files = &self.files;
        let named = files
            .references()
            .iter()
            .find(|reference| reference.kind == Kind::MetadataCsv)
            .map(|reference| reference.file);
        let id = named.or_else(|| files.ids(Kind::MetadataCsv).into_iter().next())?;
        Some((id, files.csv(id)?))
    }

    /// The overrides of the integration's repository root (its `.ddev/config.toml`), read once
    /// for the run; `None` without a root, a config file, or a config that parses.
    pub(crate) fn repo_config(&self) -> Option<&RepoConfig> {
        self.files.root_toml(Kind::DdevConfig)?.repo_config()
    }

    /// The integration's root has a `.ddev/config.toml` that does not parse (`invalid-toml`):
    /// its overrides are unknown, so the rules they would change stay silent.
    pub(crate) fn repo_config_broken(&self) -> bool {
        self.files
            .root_toml(Kind::DdevConfig)
            .is_some_and(|toml| toml.parsed.is_err())
    }

    /// The display name Datadog uses (ddev's `display_name`): the `.ddev/config.toml`
    /// `display-name` override, else `assets.integration.source_type_name`, else the
    /// directory name.
    pub(crate) fn display_name(&self) -> String {
        let name = self.name();
        let config = self.repo_config();
        if let Some(shown) = config
            .and_then(|c| c.display_name(&name))
            .filter(|s| !s.is_empty())
        {
            return shown.to_owned();
        }
        self.manifest_root()
            .and_then(|root| root.pointer("/assets/integration/source_type_name"))
            .and_then(Node::as_str)
            .map_or(name, str::to_owned)
    }

    /// `assets.oauth` is present and not null: the integration has an OAuth client.
    pub(crate) fn uses_oauth(&self) -> bool {
        self.manifest_root()
            .and_then(|root| root.pointer("/assets/oauth"))
            .is_some_and(|node| node.value != Value::Null)
    }

    /// `app_uuid` when it is a string.
    pub(crate) fn app_uuid(&self) -> Option<&str> {
        self.manifest_root()?.get("app_uuid")?.as_str()
    }

    /// `tile.uninstallation`, when present.
    pub(crate) fn uninstallation_field(&self) -> Option<&Node> {
        self.manifest_root()?.pointer("/tile/uninstallation")
    }

    /// The repository the integration is judged as: the one the flags or the configuration
    /// name, else a Marketplace listing when the manifest has a non-empty `pricing` or a
    /// `legal_terms` (two real extras manifests carry `"pricing": []`), else extras.
    pub(crate) fn repo_kind(&self, settings: &Settings) -> RepoKind {
        settings
            .repo_kind
            .unwrap_or_else(|| detect_kind(self.manifest_root()))
    }

    /// The integration's directory name, as used in messages.
    pub(crate) fn name(&self) -> String {
        self.dir.file_name().map_or_else(
            || self.dir.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        )
    }

    /// The tile title, or the directory name when the manifest has none.
    pub(crate) fn title(&self) -> String {
        self.manifest_root()
            .and_then(|root| root.pointer("/tile/title"))
            .and_then(|title| title.as_str())
            .map_or_else(|| self.name(), str::to_owned)
    }
}

/// The repository a manifest belongs to by its own content: a Marketplace listing when it has
/// a non-empty `pricing` or a `legal_terms`, else extras (also when it did not parse). The
/// bundled schema's root `if` says the same (a test checks that they agree).
pub(crate) fn detect_kind(root: Option<&Node>) -> RepoKind {
    let priced = root
        .and_then(|root| root.get("pricing"))
        .and_then(Node::as_array)
        .is_some_and(|entries| !entries.is_empty());
    let legal = root.and_then(|root| root.get("legal_terms")).is_some();
    if priced || legal {
        RepoKind::Marketplace
    } else {
        RepoKind::Extras
    }
}
