//! The repository scope: what rules that compare integrations see. Each checked integration
//! leaves a small summary (its directory, its app_uuid, its manifest's text, already read);
//! the repository's own table holds those manifests, so findings name places in them like any
//! other, and nothing is read twice. Its first rows are the repository roots' files
//! (`.github/CODEOWNERS`, `.ddev/config.toml`), shared with the integration tables through
//! the run's context; after the manifests come, per integration, the paths the repository
//! rules look at in it (`assets/logs`), each looked at only when a rule asks.

use std::path::PathBuf;
use std::sync::Arc;

use crate::files::kinds::{Found, KINDS};
use crate::files::{Context, FileId, Files, Kind};
use crate::integration::Integration;
use crate::source::SourceFile;

/// What the repository rules know of one checked integration.
#[derive(Debug, Clone)]
pub(crate) struct Summary {
    pub(crate) dir: PathBuf,
    pub(crate) app_uuid: Option<String>,
    /// The manifest's text when it had an app_uuid, for the repository's table.
    manifest: Option<Arc<SourceFile>>,
}

impl Summary {
    /// The summary of an integration whose rules have run.
    pub(crate) fn of(integration: &Integration) -> Self {
        let app_uuid = integration.app_uuid().map(str::to_owned);
        let manifest = app_uuid
            .as_ref()
            .and_then(|_| integration.manifest())
            .map(|manifest| Arc::clone(&manifest.source));
        Self {
            dir: integration.dir.clone(),
            app_uuid,
            manifest,
        }
    }

    /// The integration's directory name, as used in messages.
    pub(crate) fn name(&self) -> String {
        self.dir.file_name().map_or_else(
            || self.dir.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        )
    }
}

/// Every checked integration's summary and the repository's table of files.
#[derive(Debug)]
pub(crate) struct Repository {
    pub(crate) files: Files,
    /// In the order of the checked directories; `manifests[i]` is the row of `integrations[i]`.
    pub(crate) integrations: Vec<Summary>,
    manifests: Vec<Option<FileId>>,
    /// The id of the first `EachIntegration` row.
    each_start: u32,
}

impl Repository {
    pub(crate) fn new(integrations: Vec<Summary>, context: Arc<Context>) -> Self {
        let mut rows = Vec::new();
        let mut manifests = Vec::with_capacity(integrations.len());
        for summary in &integrations {
            let row = summary.manifest.as_ref().map(|source| {
                rows.push((Kind::Manifest, summary.dir.clone(), Arc::clone(source)));
                rows.len() - 1
            });
            manifests.push(row.and_then(|index| u32::try_from(index).ok()));
        }
        let dirs: Vec<PathBuf> = integrations.iter().map(|s| s.dir.clone()).collect();
        let preloaded = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        let files = Files::repository(PathBuf::from("."), rows, &dirs, context);
        let first = files.first_own();
        Self {
            manifests: manifests
                .into_iter()
                .map(|row| row.map(|index| FileId::at(first.saturating_add(index))))
                .collect(),
            each_start: first.saturating_add(preloaded),
            files,
            integrations,
        }
    }

    /// The row of a root file (`Kind::Codeowners`, `Kind::DdevConfig`) at the repository root
    /// of `integrations[index]`, when it has a root.
    pub(crate) fn root_file(&self, index: usize, kind: Kind) -> Option<FileId> {
        let roots = self.files.roots();
        let root = roots.root_of(&self.integrations.get(index)?.dir)?;
        let row = roots.index(root, kind)?;
        u32::try_from(row).ok().map(FileId::at)
    }

    /// The row of an `EachIntegration` kind (`Kind::LogsAssets`) of `integrations[index]`.
    pub(crate) fn integration_file(&self, index: usize, kind: Kind) -> Option<FileId> {
        let each: Vec<Kind> = KINDS
            .iter()
            .flat_map(|spec| spec.found.iter().map(move |found| (spec.kind, found)))
            .filter(|(_, found)| matches!(found, Found::EachIntegration(_)))
            .map(|(kind, _)| kind)
            .collect();
        let offset = each.iter().position(|k| *k == kind)?;
        let row = index.checked_mul(each.len())?.checked_add(offset)?;
        let row = u32::try_from(row).ok()?;
        Some(FileId::at(self.each_start.checked_add(row)?))
    }

    /// The repository table's row of the manifest of `integrations[index]`.
    pub(crate) fn manifest(&self, index: usize) -> Option<FileId> {
        self.manifests.get(index).copied().flatten()
    }
}
