//! `setup-section-missing`: README.md has no `## Setup` heading.

use crate::finding::Finding;
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta, required_h2};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a README.md without a level-2 `## Setup` heading. When a `Setup` heading of
    /// another level exists, the finding points at it.
    ///
    /// ## Why
    /// The tile links the Setup section (`tile.configuration` is always `README.md#Setup`),
    /// Datadog's `ddev validate readmes` requires the H2, and an OAuth integration's
    /// `## Uninstallation` section must sit under it or directly after it.
    ///
    /// Datadog reads the README with Python-Markdown without its fenced-code extension
    /// (`markdown.markdown(readme_contents)` in `readmes.py`), so for it a `## Setup` line inside
    /// a fenced code block is the heading, and a README whose only `## Setup` is in a code block
    /// passes; ddlint, like GitHub, does not count a heading in a code block.
    ///
    /// ## Example
    /// ```markdown
    /// ## Overview
    ///
    /// ## Installation
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Overview
    ///
    /// ## Setup
    ///
    /// ### Installation
    /// ```
    ///
    /// ## Fix
    /// Add `## Setup` (exactly two `#`) and put installation and configuration under it.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/readmes.py` (BSD 3-Clause)
    pub(crate) struct SetupSectionMissing {
        code: "DD203",
        name: "setup-section-missing",
        level: Error,
        summary: "README.md has no ## Setup heading",
        reads: [Readme],
    }
}

impl Rule for SetupSectionMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        required_h2::check(integration, "Setup", out);
    }
}
