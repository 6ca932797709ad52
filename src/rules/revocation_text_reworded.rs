//! `revocation-text-reworded`: the revocation sentence is reworded.

use crate::finding::Finding;
use crate::integration::Integration;
use crate::rules::required_sentence::{self, Outcome, REVOCATION};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// In an OAuth integration, warns when the Uninstallation section holds a rewording of the
    /// required revocation sentence rather than the sentence itself, and shows a word diff.
    /// A sentence is a rewording when its content words overlap the canonical sentence's by at
    /// least 0.45 (the Dice coefficient); on the real corpus every rewording scores 0.6 or more
    /// and every unrelated sentence 0.29 or less (see `src/readme/sentence.rs`).
    ///
    /// ## Why
    /// Datadog asks for the exact sentence "Once this integration has been uninstalled, any
    /// previous authorizations are revoked." A rewording usually says the same thing, which is
    /// why this is a warning, but the review may still ask for the exact text.
    ///
    /// ## Example
    /// ```markdown
    /// - Once you uninstall this integration, any previous authorizations are revoked.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Once this integration has been uninstalled, any previous authorizations are revoked.
    /// ```
    ///
    /// ## Fix
    /// Replace the sentence with the canonical one shown in the help.
    pub(crate) struct RevocationTextReworded {
        code: "DD211",
        name: "revocation-text-reworded",
        level: Warning,
        summary: "the revocation sentence is reworded",
        reads: [Manifest, Readme],
    }
}

impl Rule for RevocationTextReworded {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        required_sentence::check(integration, &REVOCATION, Outcome::Reworded, out);
    }
}
