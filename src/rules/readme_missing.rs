//! `readme-missing`: the integration has no `README.md`.

use crate::finding::{Finding, Place};
use crate::files::{FileId, Loaded};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports an integration directory that has a `manifest.json` but no `README.md`. The
    /// finding points at the manifest's `tile.overview`, which links the README.
    ///
    /// ## Why
    /// The README is the integration's documentation: the tile shows its Overview and Setup
    /// sections, and Datadog's `ddev validate readmes` requires it. OAuth integrations must also
    /// document uninstallation there.
    ///
    /// `ddev validate readmes` (`readmes.py`) means to skip a missing README in
    /// integrations-extras and the Marketplace, which are moving READMEs to Datadog's Publishing
    /// Platform, but compares the repository's name (`integrations-extras`) with `extras`, so in
    /// integrations-extras it stops with a traceback (`FileNotFoundError`) instead: the pull
    /// request fails either way.
    ///
    /// ## Example
    /// ```text
    /// my_integration/
    ///   manifest.json
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// my_integration/
    ///   manifest.json
    ///   README.md      # with ## Overview and ## Setup
    /// ```
    ///
    /// ## Fix
    /// Add a `README.md` beside `manifest.json` with `## Overview` and `## Setup` sections.
    pub(crate) struct ReadmeMissing {
        code: "DD201",
        name: "readme-missing",
        level: Error,
        summary: "the integration has no README.md",
        reads: [Manifest, Readme],
    }
}

impl Rule for ReadmeMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let readme = integration.files.loaded(FileId::README);
        if !matches!(readme, Some(Loaded::Missing)) || integration.manifest_root().is_none() {
            return;
        }
        out.push(
            Finding::new(
                format!("`{}` has no README.md", integration.dir.display()),
                Place::value("/tile/overview"),
                "this links a README that does not exist",
            )
            .with_help(
                "add a README.md beside manifest.json with `## Overview` and `## Setup` sections",
            ),
        );
    }
}
