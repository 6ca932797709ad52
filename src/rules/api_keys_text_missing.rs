//! `api-keys-text-missing`: the Uninstallation section lacks the API keys sentence.

use crate::finding::Finding;
use crate::integration::Integration;
use crate::rules::required_sentence::{self, API_KEYS, Outcome};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// In an OAuth integration (`assets.oauth` is set), reports an Uninstallation section
    /// without the API keys sentence Datadog requires, or with nothing close to it:
    /// "Additionally, ensure that all API keys associated with this integration have been
    /// disabled by searching for the integration name on the [API Keys page](...)." It is looked
    /// for in the section's rendered text (the link's markup stripped, line breaks and spaces
    /// collapsed, letter case ignored). A close rewording is `api-keys-text-reworded` instead.
    ///
    /// ## Why
    /// OAuth integrations usually create API keys in the user's organization. Uninstalling does
    /// not delete them, so Datadog asks every OAuth integration to tell users to disable them.
    ///
    /// ## Example
    /// ```markdown
    /// ## Uninstallation
    ///
    /// Once this integration has been uninstalled, any previous authorizations are revoked.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Uninstallation
    ///
    /// Once this integration has been uninstalled, any previous authorizations are revoked.
    /// Additionally, ensure that all API keys associated with this integration have been
    /// disabled by searching for the integration name on the
    /// [API Keys page](/organization-settings/api-keys?filter=Acme).
    /// ```
    ///
    /// ## Fix
    /// Add the sentence, word for word, with the link to the API Keys page.
    ///
    /// ## References
    /// - Datadog documentation, "OAuth for integrations", uninstallation requirements
    pub(crate) struct ApiKeysTextMissing {
        code: "DD212",
        name: "api-keys-text-missing",
        level: Error,
        summary: "the Uninstallation section lacks the API keys sentence",
        reads: [Manifest, Readme],
    }
}

impl Rule for ApiKeysTextMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        required_sentence::check(integration, &API_KEYS, Outcome::Missing, out);
    }
}
