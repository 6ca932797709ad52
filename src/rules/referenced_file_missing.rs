//! `referenced-file-missing`: a file the manifest references does not exist.

use crate::finding::{Finding, Place, field_path, quoted};
use crate::integration::Integration;
use crate::files::resolve::Resolved;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks that every file the manifest references exists inside the integration: media
    /// images (`tile.media[].image_url`), `tile.changelog`, dashboards, monitors and saved views,
    /// `metrics.metadata_path`, `service_checks.metadata_path`, `configuration.spec`, and
    /// `assets.oauth`. Paths are decoded from JSON escapes first (`\u202f` is the character
    /// U+202F). Paths that leave the integration are left to `path-escapes-integration`.
    ///
    /// ## Why
    /// Datadog's build reads these files when it publishes the integration. A missing image or
    /// dashboard fails the release, or ships a tile with a broken picture.
    ///
    /// ## Example
    /// ```json
    /// "dashboards": { "Acme Overview": "assets/dashboards/overview.json" }
    /// ```
    /// with no file `assets/dashboards/overview.json`.
    ///
    /// ## Use instead
    /// A path to the file as it is named on disk, relative to the integration directory, with
    /// the same letter case: `assets/dashboards/acme_overview.json`.
    ///
    /// ## Fix
    /// Add the file, or correct the path (letter case matters on Datadog's build machines).
    pub(crate) struct ReferencedFileMissing {
        code: "DD120",
        name: "referenced-file-missing",
        level: Error,
        summary: "a file the manifest references does not exist",
        reads: [Manifest],
    }
}

impl Rule for ReferencedFileMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let files = &integration.files;
        for reference in files.references() {
            let Some(Resolved::Unusable(why)) = files.resolved(reference.file) else {
                continue;
            };
            let problem = why.for_reference();
            out.push(
                Finding::new(
                    format!(
                        "`{}` names `{}`, which {problem}",
                        quoted(&field_path(&reference.pointer)),
                        quoted(&reference.path)
                    ),
                    Place::value(reference.pointer.as_str()),
                    "no such file in the integration",
                )
                .with_help("add the file, or correct the path: it is relative to the integration directory, and letter case matters"),
            );
        }
    }
}
