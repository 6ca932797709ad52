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
