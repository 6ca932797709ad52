//! `path-escapes-integration`: a referenced path leaves the integration directory.

use crate::finding::{Finding, Place, field_path, quoted};
use crate::integration::Integration;
use crate::files::FileId;
use crate::files::resolve::{Escape, Resolved};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a path in the manifest that is absolute, climbs out of the integration with
    /// `..`, or resolves through a symbolic link to a place outside the integration directory.
    /// ddlint never opens such a path.
    ///
    /// ## Why
    /// Datadog packages each integration directory on its own: a file outside it is not
    /// published, and a manifest that reaches outside its directory (`../../etc/passwd`) is at
    /// best a mistake and at worst an attempt to read files from the build machine.
    ///
    /// ## Example
    /// ```json
    /// "dashboards": { "Acme": "../shared/dashboards/acme.json" }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "dashboards": { "Acme": "assets/dashboards/acme.json" }
    /// ```
    ///
    /// ## Fix
    /// Copy the file into the integration directory and reference it with a relative path.
    pub(crate) struct PathEscapesIntegration {
        code: "DD121",
        name: "path-escapes-integration",
        level: Error,
        summary: "a referenced path leaves the integration directory",
        reads: [Manifest, Readme],
    }
}

impl Rule for PathEscapesIntegration {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let files = &integration.files;
        for file in [FileId::MANIFEST, FileId::README] {
            if let Some(Resolved::Escapes(_)) = files.resolved(file)
                && let Some(row) = files.row(file)
            {
                out.push(fixed_name(file, &row.path));
            }
        }
        for reference in files.references() {
            let Some(Resolved::Escapes(how)) = files.resolved(reference.file) else {
                continue;
            };
            out.push(referenced(&reference.pointer, &reference.path, *how));
        }
    }
}

/// `manifest.json` or `README.md` itself is a link that leads out.
fn fixed_name(file: FileId, name: &str) -> Finding {
    Finding::new(
        format!(
            "`{name}` is a symbolic link to a place outside the integration directory; ddlint does not read it"
        ),
        Place::whole(file),
        "links outside the integration directory",
    )
    .with_help(format!("replace the link with the file `{name}` itself"))
}

fn referenced(pointer: &str, path: &str, how: Escape) -> Finding {
    let why = match how {
        Escape::Absolute => "is an absolute path",
        Escape::ParentDirectory => "climbs out of the integration with `..`",
        Escape::Symlink => "resolves through a symbolic link to outside the integration",
    };
    Finding::new(
        format!(
            "`{}` names `{}`, which {why}",
            quoted(&field_path(pointer)),
            quoted(path)
        ),
        Place::value(pointer),
        "outside the integration directory",
    )
    .with_help("keep the file inside the integration directory and use a path relative to it")
}
