//! `file-unreadable`: `manifest.json` or `README.md` exists but cannot be read as UTF-8 text.

use crate::files::{Files, Loaded};
use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::repository::Repository;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a file ddlint reads (`manifest.json`, `README.md`, and the asset files its rules
    /// read: the OAuth client file, service checks, dashboards, saved views, `metadata.csv`, the
    /// repository's CODEOWNERS and `.ddev/config.toml`) that exists but cannot be read as text:
    /// it is a directory or a special file, it cannot be opened, it is larger than its limit
    /// (8 MiB for most), it is past the run's read limit (`--read-limit`), or it is not valid
    /// UTF-8.
    ///
    /// ## Why
    /// Datadog reads both files as UTF-8 text. A file that cannot be read cannot be checked, and
    /// it will not render on the integration tile either.
    ///
    /// ## Example
    /// A `README.md` saved as Latin-1, whose `é` is the single byte `0xE9`.
    ///
    /// ## Use instead
    /// The same file saved as UTF-8, where `é` is the two bytes `0xC3 0xA9`.
    ///
    /// ## Fix
    /// Save the file as UTF-8 (your editor's "Save with encoding"), or replace the directory or
    /// special file with a regular file. The finding points at the first byte that is not UTF-8.
    pub(crate) struct FileUnreadable {
        code: "DD001",
        name: "file-unreadable",
        level: Error,
        summary: "a file ddlint reads cannot be read: not UTF-8, not a regular file, too large, or past the read limit",
        reads: loaded,
    }
}

impl Rule for FileUnreadable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        report(&integration.files, out);
    }

    /// The repository roots' files (`.github/CODEOWNERS`, `.ddev/config.toml`).
    fn check_repository(&self, repo: &Repository, _settings: &Settings, out: &mut Vec<Finding>) {
        report(&repo.files, out);
        for (id, row) in repo.files.known() {
            if let Some(Loaded::Escapes(_)) = row.loaded() {
                out.push(
                    Finding::new(
                        format!("`{}` leads outside the repository root through a symbolic link; ddlint does not read it", row.path),
                        Place::whole(id),
                        "links outside the repository",
                    )
                    .with_help(format!("replace the link with the file `{}` itself", row.path)),
                );
            }
        }
    }
}

/// Every file of a table that was loaded and cannot be used as text.
fn report(files: &Files, out: &mut Vec<Finding>) {
    for (id, row) in files.known() {
        if let Some(Loaded::Unreadable(unreadable)) = row.loaded() {
            let place = Place::span(id, unreadable.span.clone());
            out.push(
                Finding::new(unreadable.reason.clone(), place, "cannot be read from here")
                    .with_help(unreadable.help.clone()),
            );
        }
    }
}
