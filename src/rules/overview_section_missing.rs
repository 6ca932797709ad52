//! `overview-section-missing`: README.md has no `## Overview` heading.

use crate::finding::Finding;
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta, required_h2};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a README.md without a level-2 `## Overview` heading. When an `Overview` heading of
    /// another level exists, the finding points at it.
    ///
    /// ## Why
    /// The integration tile shows the Overview section (`tile.overview` is always
    /// `README.md#Overview`), and Datadog's `ddev validate readmes` requires the H2.
    ///
    /// Datadog reads the README with Python-Markdown without its fenced-code extension
    /// (`markdown.markdown(readme_contents)` in `readmes.py`), so for it a `## Overview` line inside
    /// a fenced code block is the heading, and a README whose only `## Overview` is in a code block
    /// passes; ddlint, like GitHub, does not count a heading in a code block.
    ///
    /// ## Example
    /// ```markdown
    /// # Acme
    ///
    /// Acme monitors your widgets.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Acme
    ///
    /// ## Overview
    ///
    /// Acme monitors your widgets.
    /// ```
    ///
    /// ## Fix
    /// Add `## Overview` (exactly two `#`) above the description of the integration.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/readmes.py` (BSD 3-Clause)
    pub(crate) struct OverviewSectionMissing {
        code: "DD202",
        name: "overview-section-missing",
        level: Error,
        summary: "README.md has no ## Overview heading",
        reads: [Readme],
    }
}

impl Rule for OverviewSectionMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        required_h2::check(integration, "Overview", out);
    }
}
