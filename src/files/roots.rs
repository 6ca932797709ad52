//! The repository roots of a run and their files: one row per `Found::Root` kind and root,
//! each resolved beneath its root (never outside), read and parsed at most once, on first use.
//!
//! The rows live in the run's [`Context`](super::Context), so that one load serves every table:
//! an integration's table reads its own root's `.ddev/config.toml` through
//! [`Files::root_parsed`](super::Files::root_parsed), and the repository table holds the same
//! rows as its first rows, for the repository rules and for the places their findings name.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::Row;
use super::kinds::{Found, KINDS, Kind};

/// The roots and their rows.
#[derive(Debug, Default)]
pub(crate) struct Roots {
    dirs: Vec<PathBuf>,
    rows: Vec<Row>,
    /// The root of each row, an index into `dirs`.
    row_root: Vec<usize>,
    /// Integration directory (as shown) -> its root, an index into `dirs`. Hashed: every
    /// integration asks for its root's rows, and ordered paths compare component by component.
    of: HashMap<PathBuf, usize>,
}

impl Roots {
    /// The roots of `integrations` (integration directory -> its root); nothing is read yet.
    pub(crate) fn new(integrations: &BTreeMap<PathBuf, PathBuf>) -> Self {
        let mut roots = Self::default();
        for (dir, root) in integrations {
            let index = match roots.dirs.iter().position(|known| known == root) {
                Some(index) => index,
                None => roots.add(root.clone()),
            };
            roots.of.insert(dir.clone(), index);
        }
        roots
    }

    fn add(&mut self, root: PathBuf) -> usize {
        let index = self.dirs.len();
        for spec in KINDS {
            for found in spec.found {
                if let Found::Root(name) = found {
                    let mut row = Row::new(spec.kind, *name);
                    row.base = Some(root.clone());
                    self.rows.push(row);
                    self.row_root.push(index);
                }
            }
        }
        self.dirs.push(root);
        index
    }

    /// Every root's rows, in the order of the roots.
    pub(crate) fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The root of an integration directory.
    pub(crate) fn root_of(&self, dir: &std::path::Path) -> Option<usize> {
        self.of.get(dir).copied()
    }

    /// The index, among [`rows`](Self::rows), of the row of `kind` at root `root`.
    pub(crate) fn index(&self, root: usize, kind: Kind) -> Option<usize> {
        self.rows
            .iter()
            .zip(&self.row_root)
            .position(|(row, &at)| at == root && row.kind == kind)
    }

    /// The row of `kind` at the root of the integration in `dir`.
    pub(crate) fn row_of(&self, dir: &std::path::Path, kind: Kind) -> Option<&Row> {
        let index = self.index(self.root_of(dir)?, kind)?;
        self.rows.get(index)
    }
}
