//! `uninstall-section-image`: a Marketplace listing's Uninstallation section shows an image.

use crate::files::FileId;
use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// In a Marketplace listing (a manifest with a non-empty `pricing` or a `legal_terms`, or
    /// `--repo-kind marketplace`), reports every image (Markdown or HTML `<img>`) inside the
    /// Uninstallation section, its subsections included.
    ///
    /// Datadog's check looks only under an H2 titled exactly `Uninstallation`; ddlint looks
    /// in the section `README.md#Uninstallation` names, whatever its level (an H3 there is
    /// `uninstall-section-misplaced`'s error).
    ///
    /// ## Why
    /// Datadog's `ddev validate readmes` fails a Marketplace listing with an image in its
    /// Uninstallation section: the section is meant as a few plain steps, and no real listing
    /// has an image there.
    ///
    /// ## Example
    /// ```markdown
    /// ## Uninstallation
    ///
    /// 1. Open the tile and click **Uninstall**:
    ///
    ///   ![Uninstall button](images/uninstall.png)
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Uninstallation
    ///
    /// 1. Open the Acme tile in Datadog and click **Uninstall Integration**.
    /// ```
    ///
    /// ## Fix
    /// Remove the image, and say in words what it showed.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/readmes.py` (BSD 3-Clause)
    pub(crate) struct UninstallSectionImage {
        code: "DD208",
        name: "uninstall-section-image",
        level: Error,
        summary: "a Marketplace listing's Uninstallation section shows an image",
        reads: [Manifest, Readme],
    }
}

impl Rule for UninstallSectionImage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        if integration.repo_kind(settings) != RepoKind::Marketplace {
            return;
        }
        let Some(readme) = integration.readme() else {
            return;
        };
        let Some(index) = readme.uninstall_index() else {
            return;
        };
        let Some(section) = readme.outline.headings.get(index).map(|h| h.section.clone()) else {
            return;
        };
        for image in readme.images() {
            if !section.contains(&image.span.start) {
                continue;
            }
            out.push(
                Finding::new(
                    "the Uninstallation section shows an image",
                    Place::span(FileId::README, image.span.clone()),
                    "an image in the Uninstallation section",
                )
                .with_label(Place::heading(index), "the section starts here")
                .with_help("remove the image and describe the step in words: Marketplace listings have no image in this section"),
            );
        }
    }
}
