//! What the CODEOWNERS rules share: each checked integration with its repository root's
//! `.github/CODEOWNERS`, and its entry there (ddev 20.1.0, `cli/validate/codeowners.py`).

use crate::codeowners::OwnerRule;
use crate::files::{CodeownersFile, FileId, Kind};
use crate::repository::{Repository, Summary};

/// One checked integration whose repository root has a CODEOWNERS file.
pub(crate) struct Owned<'a> {
    pub(crate) index: usize,
    pub(crate) summary: &'a Summary,
    pub(crate) file: FileId,
    pub(crate) owners: &'a CodeownersFile,
}

impl<'a> Owned<'a> {
    /// The integration's entry: the last rule whose pattern is `/<dir>/` (ddev keeps the
    /// last; GitHub applies the last match).
    pub(crate) fn entry(&self) -> Option<&'a OwnerRule> {
        let pattern = format!("/{}/", self.summary.name());
        self.owners
            .owners
            .rules
            .iter()
            .rev()
            .find(|rule| rule.pattern.text == pattern)
    }
}

/// Every checked integration whose root has a readable `.github/CODEOWNERS`.
pub(crate) fn owned(repo: &Repository) -> impl Iterator<Item = Owned<'_>> {
    repo.integrations
        .iter()
        .enumerate()
        .filter_map(|(index, summary)| {
            let file = repo.root_file(index, Kind::Codeowners)?;
            Some(Owned {
                index,
                summary,
                file,
                owners: repo.files.codeowners(file)?,
            })
        })
}
