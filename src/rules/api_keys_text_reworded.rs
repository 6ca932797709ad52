//! `api-keys-text-reworded`: the API keys sentence is reworded.

use crate::finding::Finding;
use crate::integration::Integration;
use crate::rules::required_sentence::{self, API_KEYS, Outcome};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// In an OAuth integration, warns when the Uninstallation section holds a rewording of the
    /// required API keys sentence rather than the sentence itself (for example "API Keys
    /// management page" for "API Keys page"), and shows a word diff. The threshold is the one of
    /// `revocation-text-reworded`: on the real corpus every rewording scores 0.5 or more and
    /// every unrelated sentence 0.4 or less.
    ///
    /// ## Why
    /// Datadog asks for the exact sentence; a rewording usually says the same thing, which is
    /// why this is a warning, but the review may still ask for the exact text.
    ///
    /// ## Example
    /// ```markdown
    /// Additionally, ensure that all API keys associated with this integration have been
    /// disabled by searching for the integration name on the [API Keys management page][3].
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Additionally, ensure that all API keys associated with this integration have been
    /// disabled by searching for the integration name on the [API Keys page][3].
    /// ```
    ///
    /// ## Fix
    /// Replace the sentence with the canonical one shown in the help.
    pub(crate) struct ApiKeysTextReworded {
        code: "DD213",
        name: "api-keys-text-reworded",
        level: Warning,
        summary: "the API keys sentence is reworded",
        reads: [Manifest, Readme],
    }
}

impl Rule for ApiKeysTextReworded {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        required_sentence::check(integration, &API_KEYS, Outcome::Reworded, out);
    }
}
