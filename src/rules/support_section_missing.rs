//! `support-section-missing`: a Marketplace listing's README.md has no `## Support` heading.

use crate::finding::Finding;
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta, required_h2};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// In a Marketplace listing (a manifest with a non-empty `pricing` or a `legal_terms`, or
    /// `--repo-kind marketplace`), reports a README.md without a level-2 `## Support` heading.
    /// When a `Support` heading of another level exists, the finding points at it.
    /// `anchor-unresolved` then leaves `tile.support`'s `README.md#Support` alone: one defect,
    /// one finding.
    ///
    /// ## Why
    /// A Marketplace listing is sold by its partner, who supports it: the listing's tile links
    /// the Support section (`tile.support` is `README.md#Support`), and Datadog's
    /// `ddev validate readmes` requires the H2 in the Marketplace repository. Every real
    /// listing has one.
    ///
    /// ## Example
    /// ```markdown
    /// ## Setup
    /// ...
    /// ## Uninstallation
    /// ...
    /// For help, write to support@acme.example.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Uninstallation
    /// ...
    /// ## Support
    ///
    /// For support or feature requests, contact Acme through support@acme.example.
    /// ```
    ///
    /// ## Fix
    /// Add `## Support` (exactly two `#`) telling users how to reach the partner's support.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/commands/validate/readmes.py` (BSD 3-Clause)
    pub(crate) struct SupportSectionMissing {
        code: "DD206",
        name: "support-section-missing",
        level: Error,
        summary: "a Marketplace listing's README.md has no ## Support heading",
        reads: [Manifest, Readme],
    }
}

impl Rule for SupportSectionMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        if integration.repo_kind(settings) == RepoKind::Marketplace {
            required_h2::check(integration, "Support", out);
        }
    }
}
