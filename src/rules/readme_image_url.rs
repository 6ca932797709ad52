//! `readme-image-url`: a README image's URL is not the repository's raw-content URL of a file
//! in the integration's `images/` folder.

use crate::files::FileId;
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::readme::images::file_name;
use crate::rules::readme_images::{by_url_place, raw_prefix, well_formed};
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// Reports an image of README.md (a Markdown image, inline or reference-style, or an HTML
    /// `<img>`) whose URL is not of the form
    /// `https://raw.githubusercontent.com/DataDog/integrations-extras/master/<integration>/images/<name>`
    /// (in the Marketplace `https://raw.githubusercontent.com/DataDog/marketplace/master/...`,
    /// or the relative `images/<name>`). A reference definition that several images use is
    /// reported once.
    ///
    /// Datadog's check accepts any URL that starts with
    /// `https://raw.githubusercontent.com/DataDog/integrations-extras`; ddlint also wants the
    /// `master` branch and the `images/` folder, which is what every real image URL uses.
    /// The `<integration>` part is not compared with the directory's name, since a checkout
    /// may name it otherwise; `readme-image-missing` looks the file up in this integration.
    ///
    /// ## Why
    /// Datadog's documentation site and the integration tile show the README from the
    /// repository's `master` branch: an image hosted elsewhere can change or disappear, and
    /// a branch other than `master` breaks once the branch is deleted. Datadog's
    /// `ddev validate readmes` reports such an image, but does not fail the pull request (its
    /// `readmes.py` prints the error without marking the file failed, and exits 0): a warning.
    ///
    /// ## Example
    /// ```markdown
    /// ![Dashboard](https://acme.example/img/dashboard.png)
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ![Dashboard](https://raw.githubusercontent.com/DataDog/integrations-extras/master/acme/images/dashboard.png)
    /// ```
    /// with the file checked in as `acme/images/dashboard.png`.
    ///
    /// ## Fix
    /// Check the image into the integration's `images/` folder and link it by its
    /// raw-content URL (in the Marketplace, `images/<name>` also works).
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/readmes.py` (BSD 3-Clause)
    pub(crate) struct ReadmeImageUrl {
        code: "DD222",
        name: "readme-image-url",
        level: Warning,
        summary: "a README image is not linked from the integration's images/ folder on master",
        reads: [Manifest, Readme],
    }
}

impl Rule for ReadmeImageUrl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let Some(readme) = integration.readme() else {
            return;
        };
        let kind = integration.repo_kind(settings);
        for image in by_url_place(readme.images()) {
            if well_formed(&image.src, kind) {
                continue;
            }
            let name = file_name(&image.src).map_or_else(|| "<name>".to_owned(), |n| quoted(&n));
            let url = format!(
                "{}master/{}/images/{name}",
                raw_prefix(kind),
                quoted(&integration.name()),
            );
            let relative = match kind {
                RepoKind::Marketplace => format!(" (or `images/{name}`)"),
                RepoKind::Extras => String::new(),
            };
            let (message, label) = if image.src.starts_with(raw_prefix(kind)) {
                (
                    "the image's URL is not on the `master` branch in the integration's `images/` folder",
                    "not `master/<integration>/images/<name>`",
                )
            } else if !image.src.contains("://") && !image.src.starts_with("//") {
                (
                    "the image is linked by a relative path, which Datadog's documentation site does not serve",
                    "a relative path",
                )
            } else {
                (
                    "the image is hosted outside the repository",
                    "not in the integration's `images/` folder",
                )
            };
            let mut finding = Finding::new(
                format!("{message}: `{}`", quoted(&image.src)),
                Place::span(FileId::README, image.url_span.clone()),
                label,
            )
            .with_help(format!(
                "check the image in as `images/{name}` and link it as `{url}`{relative}"
            ));
            if !image.span.contains(&image.url_span.start) {
                finding = finding.with_label(
                    Place::span(FileId::README, image.span.clone()),
                    "the image is shown here",
                );
            }
            out.push(finding);
        }
    }
}
