//! The file table of one scope (an integration, or the repository): one row per file, each
//! resolved, read and parsed at most once, on first use, and shared by every rule that asks.
//! Nothing is read that no rule asks for; nothing outside the scope's directory is opened.
//! (The shape of cargo-deny's `Files`: rules and labels name files by [`FileId`].)

pub(crate) mod formats;
pub(crate) mod kinds;
mod read;
mod references;
pub(crate) mod resolve;
mod roots;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub(crate) use formats::{CodeownersFile, CsvFile, JsonFile, Readme, TomlFile};
pub use kinds::Kind;
use kinds::{Format, Found, KINDS, spec};
pub(crate) use read::{Budget, Loaded, Overlay};
pub(crate) use references::Reference;
use resolve::Resolved;
pub(crate) use roots::Roots;

use crate::source::SourceFile;

/// A file of a scope's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct FileId(u32);

impl FileId {
    /// `manifest.json`, the first row of every integration's table.
    pub(crate) const MANIFEST: FileId = FileId(0);
    /// `README.md`, the second.
    pub(crate) const README: FileId = FileId(1);

    /// The row at `index` of a table.
    pub(crate) fn at(index: u32) -> Self {
        FileId(index)
    }
}

/// What every table of a run shares: fixes held in memory, the byte budget, the files git
/// gave for `--base`, the repository roots' files.
#[derive(Debug)]
pub(crate) struct Context {
    pub(crate) overlay: Overlay,
    pub(crate) budget: Budget,
    /// Integration directory (as shown) -> its manifest's text at `--base` (`None`: new there).
    pub(crate) base: Option<Arc<crate::git::BaseFiles>>,
    /// The repository roots of the checked integrations and their rows (`.github/CODEOWNERS`,
    /// `.ddev/config.toml`), each loaded once for the run by whichever table asks first.
    pub(crate) roots: Roots,
    /// The real paths of the directories holding the checked integrations, found once each.
    pub(crate) parents: RealDirs,
}

/// Real (canonical) paths of directories, worked out once per run and shared by its threads:
/// the integrations of a repository share their parent, so each integration's own real path is
/// its parent's joined with its name, after one `lstat` shows it is no link.
#[derive(Debug, Default)]
pub(crate) struct RealDirs(std::sync::Mutex<std::collections::HashMap<PathBuf, Option<PathBuf>>>);

impl RealDirs {
    /// The real path of `dir`.
    fn of(&self, dir: &Path) -> Option<PathBuf> {
        let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
            return dir.canonicalize().ok();
        };
        let is_plain_dir = std::fs::symlink_metadata(dir).is_ok_and(|meta| meta.is_dir());
        if !is_plain_dir || name == ".." {
            return dir.canonicalize().ok();
        }
        let parent = crate::discovery::or_here(parent);
        let parent_real = {
            let mut known = self.0.lock().ok()?;
            known
                .entry(parent.to_path_buf())
                .or_insert_with(|| parent.canonicalize().ok())
                .clone()
        };
        Some(parent_real?.join(name))
    }
}

/// One file: its kind, its path, and what was learnt of it so far.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) kind: Kind,
    /// Relative to the scope's directory, as the manifest or the kinds table writes it.
    pub(crate) path: String,
    /// The integration the file belongs to, in a repository table.
    owner: Option<PathBuf>,
    /// The directory `path` is relative to and resolved beneath, when not the table's: a
    /// repository root, or an integration's directory in the repository table.
    base: Option<PathBuf>,
    resolved: OnceLock<Resolved>,
    loaded: OnceLock<Loaded>,
    parsed: OnceLock<Option<formats::Parsed>>,
}

impl Row {
    fn new(kind: Kind, path: impl Into<String>) -> Self {
        Self {
            kind,
            path: path.into(),
            owner: None,
            base: None,
            resolved: OnceLock::new(),
            loaded: OnceLock::new(),
            parsed: OnceLock::new(),
        }
    }

    /// What loading gave, when the file was loaded (never loads).
    pub(crate) fn loaded(&self) -> Option<&Loaded> {
        self.loaded.get()
    }

    /// The JSON parse, when the file was parsed (never parses).
    pub(crate) fn json(&self) -> Option<&JsonFile> {
        match self.parsed.get()? {
            Some(formats::Parsed::Json(json)) => Some(json),
            _ => None,
        }
    }

    /// The TOML parse, when the file was parsed (never parses).
    pub(crate) fn toml(&self) -> Option<&TomlFile> {
        match self.parsed.get()? {
            Some(formats::Parsed::Toml(toml)) => Some(toml),
            _ => None,
        }
    }

    /// The CSV parse, when the file was parsed (never parses).
    pub(crate) fn csv(&self) -> Option<&CsvFile> {
        match self.parsed.get()? {
            Some(formats::Parsed::Csv(csv)) => Some(csv),
            _ => None,
        }
    }
}

/// The path `images/<name>` of an image of the README, and its row.
type ImageFile = (String, FileId);

/// The files of one scope.
#[derive(Debug)]
pub(crate) struct Files {
    /// The scope's directory, as shown to the user.
    dir: PathBuf,
    /// Its real path, the root every path is resolved beneath.
    real: OnceLock<Option<PathBuf>>,
    /// Files known without reading anything: fixed names, the base revision's files.
    fixed: Vec<Row>,
    /// Files the manifest names, worked out once from the parsed manifest.
    referenced: OnceLock<(Vec<Row>, Vec<Reference>)>,
    /// Files the README's images name, worked out once (after `referenced`) when a rule asks.
    from_readme: OnceLock<(Vec<Row>, Vec<ImageFile>)>,
    context: Arc<Context>,
    /// The kinds the running rule declared it reads: asking for another is a bug in the rule.
    allowed: Cell<Option<&'static [Kind]>>,
    /// Directories beneath the table's directory already walked through (looked at once).
    known_dirs: resolve::KnownDirs,
    /// The repository table: the context's root rows come first.
    shares_roots: bool,
}

impl Files {
    /// The table of the integration in `dir`: nothing is read yet.
    pub(crate) fn integration(dir: PathBuf, context: Arc<Context>) -> Self {
        let mut fixed = Vec::new();
        for spec in KINDS {
            for found in spec.found {
                match found {
                    Found::Name(name) => fixed.push(Row::new(spec.kind, *name)),
                    Found::Base(name) if context.base.is_some() => {
                        fixed.push(Row::new(spec.kind, *name));
                    }
                    _ => {}
                }
            }
        }
        debug_assert_eq!(fixed.first().map(|r| r.kind), Some(Kind::Manifest));
        debug_assert_eq!(fixed.get(1).map(|r| r.kind), Some(Kind::Readme));
        Self::new(dir, fixed, context)
    }

    /// The repository table: the roots' rows of the context, then files already read (each
    /// owned by an integration), then, for each integration, a row per `EachIntegration` kind.
    pub(crate) fn repository(
        dir: PathBuf,
        files: Vec<(Kind, PathBuf, Arc<SourceFile>)>,
        integrations: &[PathBuf],
        context: Arc<Context>,
    ) -> Self {
        let mut fixed: Vec<Row> = files
            .into_iter()
            .map(|(kind, owner, source)| {
                let mut row = Row::new(kind, source.path().display().to_string());
                row.owner = Some(owner);
                let _ = row.loaded.set(Loaded::Text(source));
                row
            })
            .collect();
        for dir in integrations {
            for spec in KINDS {
                for found in spec.found {
                    if let Found::EachIntegration(name) = found {
                        let mut row = Row::new(spec.kind, *name);
                        row.owner = Some(dir.clone());
                        row.base = Some(dir.clone());
                        fixed.push(row);
                    }
                }
            }
        }
        let mut files = Self::new(dir, fixed, context);
        files.shares_roots = true;
        files
    }

    /// The id of the first row after the context's root rows (the repository table's own).
    pub(crate) fn first_own(&self) -> u32 {
        u32::try_from(self.shared().len()).unwrap_or(u32::MAX)
    }

    /// The run's repository roots.
    pub(crate) fn roots(&self) -> &Roots {
        &self.context.roots
    }

    /// The context's root rows, in the repository table (none in an integration's).
    fn shared(&self) -> &[Row] {
        match self.shares_roots {
            true => self.context.roots.rows(),
            false => &[],
        }
    }

    fn new(dir: PathBuf, fixed: Vec<Row>, context: Arc<Context>) -> Self {
        Self {
            dir,
            real: OnceLock::new(),
            fixed,
            referenced: OnceLock::new(),
            from_readme: OnceLock::new(),
            context,
            allowed: Cell::new(None),
            known_dirs: resolve::KnownDirs::default(),
            shares_roots: false,
        }
    }

    /// The row of `id`.
    pub(crate) fn row(&self, id: FileId) -> Option<&Row> {
        let index = usize::try_from(id.0).ok()?;
        let shared = self.shared();
        let Some(index) = index.checked_sub(shared.len()) else {
            return shared.get(index);
        };
        let Some(index) = index.checked_sub(self.fixed.len()) else {
            return self.fixed.get(index);
        };
        let referenced = self.referenced_rows();
        match index.checked_sub(referenced.len()) {
            None => referenced.get(index),
            Some(index) => self.from_readme.get()?.0.get(index),
        }
    }

    /// Every file id of `kind`, the manifest's references included.
    pub(crate) fn ids(&self, kind: Kind) -> Vec<FileId> {
        self.check_allowed(kind);
        if spec(kind).found.contains(&Found::ReadmeImages) {
            self.readme_files();
        }
        self.all_rows()
            .filter(|(_, row)| row.kind == kind)
            .map(|(id, _)| id)
            .collect()
    }

    /// Every row known so far, without working out the manifest's references.
    pub(crate) fn known(&self) -> impl Iterator<Item = (FileId, &Row)> {
        let referenced = self
            .referenced
            .get()
            .map(|(rows, _)| rows.as_slice())
            .unwrap_or_default();
        let from_readme = self.readme_rows();
        self.shared()
            .iter()
            .chain(&self.fixed)
            .chain(referenced)
            .chain(from_readme)
            .zip(0..)
            .map(|(row, i)| (FileId(i), row))
    }

    fn all_rows(&self) -> impl Iterator<Item = (FileId, &Row)> {
        self.shared()
            .iter()
            .chain(&self.fixed)
            .chain(self.referenced_rows())
            .chain(self.readme_rows())
            .zip(0..)
            .map(|(row, i)| (FileId(i), row))
    }

    /// The README's rows, when they were worked out (never works them out).
    fn readme_rows(&self) -> &[Row] {
        self.from_readme
            .get()
            .map(|(rows, _)| rows.as_slice())
            .unwrap_or_default()
    }

    /// `images/<name>` for each image of the README, with its row, worked out once.
    fn readme_files(&self) -> &[ImageFile] {
        let (_, files) = self.from_readme.get_or_init(|| {
            let first = self.shared().len() + self.fixed.len() + self.referenced_rows().len();
            let images = self.markdown(FileId::README).map(Readme::images);
            let known = (self.shared().iter())
                .chain(&self.fixed)
                .chain(self.referenced_rows())
                .zip(0..);
            let known = known.map(|(row, i)| (FileId(i), row));
            references::readme_image_rows(images.unwrap_or_default(), known, first)
        });
        files
    }

    /// The row of the file `images/<name>` for an image of the README (see
    /// [`crate::readme::images::file_name`]), when the README shows such an image.
    pub(crate) fn readme_image(&self, path: &str) -> Option<FileId> {
        self.check_allowed(Kind::ReadmeImage);
        self.readme_files()
            .iter()
            .find(|(known, _)| known == path)
            .map(|(_, id)| *id)
    }

    fn referenced_rows(&self) -> &[Row] {
        &self.referenced().0
    }

    /// The paths the manifest names, each with the file it leads to.
    pub(crate) fn references(&self) -> &[Reference] {
        &self.referenced().1
    }

    fn referenced(&self) -> &(Vec<Row>, Vec<Reference>) {
        self.referenced.get_or_init(|| {
            let root = self.json(FileId::MANIFEST).and_then(JsonFile::root);
            references::collect(root, &self.fixed)
        })
    }

    /// The file as the user sees its path.
    pub(crate) fn shown(&self, row: &Row) -> PathBuf {
        match &row.base {
            Some(base) if base.as_os_str() == "." => PathBuf::from(&row.path),
            Some(base) => base.join(&row.path),
            None => self.dir.join(&row.path),
        }
    }

    /// The integration a file belongs to: its row's owner, else the scope's directory.
    pub(crate) fn owner(&self, id: FileId) -> PathBuf {
        self.row(id)
            .and_then(|row| row.owner.clone())
            .unwrap_or_else(|| self.dir.clone())
    }

    /// Where the path leads, looked at once; never opened.
    pub(crate) fn resolved(&self, id: FileId) -> Option<&Resolved> {
        Some(self.resolve_row(self.row(id)?))
    }

    /// Where a row's path leads, beneath its base (or the table's directory).
    fn resolve_row<'a>(&'a self, row: &'a Row) -> &'a Resolved {
        row.resolved.get_or_init(|| {
            let missing = Resolved::Unusable(resolve::Unusable::NotFound {
                through_link: false,
            });
            match &row.base {
                Some(base) => match self.context.parents.of(base) {
                    Some(root) => resolve::resolve_beneath(&root, &row.path),
                    None => missing,
                },
                None => match self.real_dir() {
                    Some(root) => resolve::resolve_beneath_known(root, &row.path, &self.known_dirs),
                    None => missing,
                },
            }
        })
    }

    fn real_dir(&self) -> Option<&Path> {
        self.real
            .get_or_init(|| self.context.parents.of(&self.dir))
            .as_deref()
    }

    /// The file read as text, once (a kind that is only looked at is never read).
    pub(crate) fn loaded(&self, id: FileId) -> Option<&Loaded> {
        let row = self.row(id)?;
        let own = self.shared().len() + self.fixed.len();
        let referenced = usize::try_from(id.0).map_or(true, |i| i >= own);
        self.check_allowed_file(id, row.kind);
        self.load_row(row, referenced)
    }

    /// A row read as text, once; `referenced`: the manifest names it.
    fn load_row<'a>(&'a self, row: &'a Row, referenced: bool) -> Option<&'a Loaded> {
        let spec = spec(row.kind);
        if spec.format == Format::Stat {
            return None;
        }
        Some(row.loaded.get_or_init(|| {
            if row.kind == Kind::BaseManifest {
                return self.base_text();
            }
            let reader = read::Reader {
                overlay: &self.context.overlay,
                budget: &self.context.budget,
                max_bytes: spec.max_bytes,
            };
            let resolved = self.resolve_row(row);
            if spec.format == Format::Header {
                return reader.header(&self.shown(row), &row.path, resolved);
            }
            reader.text(&self.shown(row), &row.path, resolved, referenced)
        }))
    }

    /// The manifest at `--base`, from what git gave for the run.
    fn base_text(&self) -> Loaded {
        let base = self.context.base.as_ref();
        match base.and_then(|base| base.manifest(&self.dir)) {
            Some((shown, text)) => Loaded::Text(Arc::new(SourceFile::new(shown, text.to_owned()))),
            None => Loaded::Missing,
        }
    }

    /// The text of a file that was read as text.
    pub(crate) fn text(&self, id: FileId) -> Option<&Arc<SourceFile>> {
        match self.loaded(id)? {
            Loaded::Text(source) => Some(source),
            _ => None,
        }
    }

    /// The first bytes of a file of a header kind (empty for an empty file), once.
    pub(crate) fn header(&self, id: FileId) -> Option<&[u8]> {
        match self.loaded(id)? {
            Loaded::Header(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// The source to show for a file: its text, or what it holds when it could not be used.
    pub(crate) fn source(&self, id: FileId) -> Option<Arc<SourceFile>> {
        match self.loaded(id)? {
            Loaded::Missing | Loaded::Header(_) => None,
            Loaded::Escapes(source) | Loaded::Text(source) => Some(Arc::clone(source)),
            Loaded::Unreadable(unreadable) => Some(Arc::clone(&unreadable.source)),
        }
    }

    fn parsed(&self, id: FileId) -> Option<&formats::Parsed> {
        let row = self.row(id)?;
        let source = self.text(id)?;
        row.parsed
            .get_or_init(|| formats::Parsed::new(spec(row.kind).format, source))
            .as_ref()
    }

    /// The row of `kind` at this integration's repository root, read and parsed once for the
    /// whole run (the same row serves every integration of that root and the repository
    /// table); `None` when the integration has no root or the root no such file.
    pub(crate) fn root_parsed(&self, kind: Kind) -> Option<&formats::Parsed> {
        let row = self.context.roots.row_of(&self.dir, kind)?;
        self.check_allowed(row.kind);
        let Loaded::Text(source) = self.load_row(row, false)? else {
            return None;
        };
        row.parsed
            .get_or_init(|| formats::Parsed::new(spec(row.kind).format, source))
            .as_ref()
    }

    /// This integration's root's `.ddev/config.toml`, parsed.
    pub(crate) fn root_toml(&self, kind: Kind) -> Option<&TomlFile> {
        match self.root_parsed(kind)? {
            formats::Parsed::Toml(toml) => Some(toml),
            _ => None,
        }
    }

    /// The file parsed as JSON, once.
    pub(crate) fn json(&self, id: FileId) -> Option<&JsonFile> {
        match self.parsed(id)? {
            formats::Parsed::Json(json) => Some(json),
            _ => None,
        }
    }

    /// The file read as CODEOWNERS, once.
    pub(crate) fn codeowners(&self, id: FileId) -> Option<&CodeownersFile> {
        match self.parsed(id)? {
            formats::Parsed::Codeowners(owners) => Some(owners),
            _ => None,
        }
    }

    /// The file outlined as Markdown, once.
    pub(crate) fn markdown(&self, id: FileId) -> Option<&Readme> {
        match self.parsed(id)? {
            formats::Parsed::Markdown(readme) => Some(readme),
            _ => None,
        }
    }

    /// The file read as CSV, once.
    pub(crate) fn csv(&self, id: FileId) -> Option<&CsvFile> {
        match self.parsed(id)? {
            formats::Parsed::Csv(csv) => Some(csv),
            _ => None,
        }
    }

    /// Declares the kinds the next rule may read (`None`: any).
    pub(crate) fn allow(&self, kinds: Option<&'static [Kind]>) {
        self.allowed.set(kinds);
    }

    fn check_allowed(&self, kind: Kind) {
        if let Some(allowed) = self.allowed.get() {
            debug_assert!(
                allowed.contains(&kind),
                "a rule read {kind:?}, which its `reads` does not declare"
            );
        }
    }

    /// As [`check_allowed`](Self::check_allowed) for the file `id` of `kind`, which a rule may
    /// also reach through a reference of a kind it declares: a path that two kinds name is one
    /// row, of the first kind (a `metadata_path` naming the service checks file).
    fn check_allowed_file(&self, id: FileId, kind: Kind) {
        if let Some(allowed) = self.allowed.get() {
            debug_assert!(
                allowed.contains(&kind)
                    || self.referenced.get().is_some_and(|(_, references)| {
                        (references.iter()).any(|r| r.file == id && allowed.contains(&r.kind))
                    }),
                "a rule read {kind:?}, which its `reads` does not declare"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    /// A table over `dir` with a fresh context: no overlay, a large budget, no roots.
    fn table(dir: &Path) -> Files {
        let context = Context {
            overlay: Overlay::new(),
            budget: Budget::new(1 << 20),
            base: None,
            roots: Roots::default(),
            parents: RealDirs::default(),
        };
        Files::integration(dir.to_path_buf(), Arc::new(context))
    }

    #[test]
    fn a_file_is_parsed_once_however_many_times_it_is_asked_for() {
        let tmp = tempfile::tempdir().unwrap();
        let dashboard = "assets/dashboards/overview.json";
        let manifest = format!(r#"{{"assets": {{"dashboards": {{"Overview": "{dashboard}"}}}}}}"#);
        std::fs::write(tmp.path().join("manifest.json"), manifest).unwrap();
        std::fs::create_dir_all(tmp.path().join("assets/dashboards")).unwrap();
        std::fs::write(tmp.path().join(dashboard), r#"{"widgets": []}"#).unwrap();
        let files = table(tmp.path());
        let ids = files.ids(Kind::Dashboard);
        let [id] = ids.as_slice() else {
            panic!("one dashboard row, got {ids:?}")
        };
        let first: *const JsonFile = files.json(*id).expect("the dashboard parses");
        // Three rules read the dashboard; each asks the table, which hands out the one parse.
        for _ in 0..3 {
            assert!(std::ptr::eq(first, files.json(*id).unwrap()));
        }
        let row = files.row(*id).unwrap();
        assert!(row.json().is_some_and(|json| std::ptr::eq(first, json)));
    }

    #[test]
    fn a_file_two_kinds_name_is_read_as_the_first_by_a_rule_of_either() {
        let tmp = tempfile::tempdir().unwrap();
        let checks = "assets/service_checks.json";
        let manifest = format!(
            r#"{{"assets": {{"integration": {{"metrics": {{"metadata_path": "{checks}"}}}}}}}}"#
        );
        std::fs::write(tmp.path().join("manifest.json"), manifest).unwrap();
        std::fs::create_dir_all(tmp.path().join("assets")).unwrap();
        std::fs::write(tmp.path().join(checks), "[]").unwrap();
        let files = table(tmp.path());
        files.allow(Some(&[Kind::Manifest, Kind::MetadataCsv]));
        let named = files
            .references()
            .iter()
            .find(|r| r.kind == Kind::MetadataCsv);
        let file = named.expect("metadata_path is a reference").file;
        assert_eq!(
            files.row(file).map(|row| row.kind),
            Some(Kind::ServiceChecks)
        );
        // Read as what it is, JSON, not as CSV; and no assertion about undeclared kinds.
        assert!(files.csv(file).is_none());
        assert!(files.json(file).is_some());
    }
}
