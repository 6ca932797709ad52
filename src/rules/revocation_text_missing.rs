//! `revocation-text-missing`: the Uninstallation section lacks the revocation sentence.

use crate::finding::Finding;
use crate::integration::Integration;
use crate::rules::required_sentence::{self, Outcome, REVOCATION};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// In an OAuth integration (`assets.oauth` is set), reports an Uninstallation section
    /// without the revocation sentence Datadog requires, or with nothing close to it:
    /// "Once this integration has been uninstalled, any previous authorizations are revoked."
    /// The sentence is looked for in the section's rendered text (Markdown stripped, line breaks
    /// and spaces collapsed, letter case ignored), in list items, wrapped lines and subsections
    /// alike. A close rewording is `revocation-text-reworded` instead.
    ///
    /// ## Why
    /// Datadog's "OAuth for integrations" requirements ask for this sentence in every OAuth
    /// integration's uninstall instructions, so users know that uninstalling revokes the
    /// integration's access. Reviewers send back pull requests without it.
    ///
    /// ## Example
    /// ```markdown
    /// ## Uninstallation
    ///
    /// 1. Click the trash icon next to the Datadog integration.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Uninstallation
    ///
    /// 1. Click the trash icon next to the Datadog integration.
    /// 2. Once this integration has been uninstalled, any previous authorizations are revoked.
    /// ```
    ///
    /// ## Fix
    /// Add the sentence, word for word, to the Uninstallation section.
    ///
    /// ## References
    /// - Datadog documentation, "OAuth for integrations", uninstallation requirements
    pub(crate) struct RevocationTextMissing {
        code: "DD210",
        name: "revocation-text-missing",
        level: Error,
        summary: "the Uninstallation section lacks the revocation sentence",
        reads: [Manifest, Readme],
    }
}

impl Rule for RevocationTextMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        required_sentence::check(integration, &REVOCATION, Outcome::Missing, out);
    }
}
