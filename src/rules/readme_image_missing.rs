//! `readme-image-missing`: README.md shows an image whose file is not in the integration's
//! `images/` folder.

use crate::files::FileId;
use crate::files::resolve::Resolved;
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::readme::images::file_name;
use crate::rules::readme_images::{by_url_place, looked_up};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports an image of README.md (a Markdown image, inline or reference-style, or an HTML
    /// `<img>`) whose URL has the repository's raw-content form,
    /// `https://raw.githubusercontent.com/DataDog/integrations-extras/...` (in the Marketplace
    /// `https://raw.githubusercontent.com/DataDog/marketplace/...` or a relative
    /// `images/...`), when the integration's `images/` folder has no file of that name. As
    /// Datadog's check does, the file is looked up by the last part of the URL, so letter case
    /// matters. An image found through a symbolic link that leads outside the integration is
    /// not there either. A reference definition that several images use is reported once.
    ///
    /// Datadog's check takes the last part of the URL as it is; ddlint drops a query or
    /// fragment (`?raw=true`) and decodes `%20`, which Datadog reports as a missing file
    /// although the raw-content server serves the file. Datadog reads Markdown with
    /// Python-Markdown, which misses some images GitHub shows (one indented in a list that
    /// follows a paragraph without a blank line reads as code there); ddlint finds the images
    /// GitHub shows. Images of other URLs are `readme-image-url`'s: Datadog does not look them
    /// up.
    ///
    /// ## Why
    /// Datadog publishes the README on its documentation site and in the integration tile
    /// from the repository: an image missing from `images/` shows as a broken image there.
    /// Datadog's `ddev validate readmes` fails the pull request on it.
    ///
    /// ## Example
    /// ```markdown
    /// ![Dashboard][1]
    ///
    /// [1]: https://raw.githubusercontent.com/DataDog/integrations-extras/master/acme/images/Dashboard.png
    /// ```
    /// with `acme/images/dashboard.png` on disk.
    ///
    /// ## Use instead
    /// ```markdown
    /// [1]: https://raw.githubusercontent.com/DataDog/integrations-extras/master/acme/images/dashboard.png
    /// ```
    ///
    /// ## Fix
    /// Add the image to the integration's `images/` folder, or correct its name in the URL.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/readmes.py` (BSD 3-Clause)
    pub(crate) struct ReadmeImageMissing {
        code: "DD221",
        name: "readme-image-missing",
        level: Error,
        summary: "a README image is not in the integration's images/ folder",
        reads: [Manifest, Readme, ReadmeImage],
    }
}

impl Rule for ReadmeImageMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let Some(readme) = integration.readme() else {
            return;
        };
        let kind = integration.repo_kind(settings);
        let files = &integration.files;
        for image in by_url_place(readme.images()) {
            if !looked_up(&image.src, kind) {
                continue;
            }
            let Some(name) = file_name(&image.src) else {
                continue;
            };
            let path = format!("images/{name}");
            let resolved = files.readme_image(&path).and_then(|id| files.resolved(id));
            let why = match resolved {
                Some(Resolved::File { .. }) => continue,
                Some(Resolved::Escapes(_)) => "leads outside the integration".to_owned(),
                Some(Resolved::Unusable(why)) => why.for_reference(),
                None => "does not exist".to_owned(),
            };
            let mut finding = Finding::new(
                format!("the README's image `{}` {why}", quoted(&path)),
                Place::span(FileId::README, image.url_span.clone()),
                format!("no `{}` in the integration", quoted(&path)),
            )
            .with_help(format!(
                "add `{}` to the integration, or correct the file name in the URL (letter case matters)",
                quoted(&path)
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
