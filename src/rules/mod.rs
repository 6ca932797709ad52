//! The `Rule` trait, rule metadata, and the registry of every rule, ordered by code.
//!
//! Codes are stable and never reused: `DD0xx` reading and parsing files, `DD1xx` the manifest,
//! `DD2xx` the README.

use crate::diagnostic::Diagnostic;
use crate::finding::Finding;
use crate::integration::Integration;
pub use crate::meta::RuleMeta;
use crate::settings::Settings;

mod anchor_unresolved;
mod api_keys_link;
mod api_keys_text_missing;
mod api_keys_text_reworded;
mod app_uuid_changed;
mod app_uuid_duplicate;
mod app_uuid_invalid;
mod app_uuid_is_client_id;
mod app_uuid_mismatch;
pub(crate) mod config_invalid;
mod description_too_long;
mod duplicate_key;
mod file_unreadable;
pub(crate) mod ignore_unused;
mod invalid_json;
mod manifest_schema;
mod marketplace_field_missing;
mod oauth_client_invalid;
mod overview_section_missing;
mod path_escapes_integration;
mod readme_missing;
mod referenced_file_missing;
mod required_h2;
mod required_sentence;
mod revocation_text_missing;
mod revocation_text_reworded;
mod setup_section_missing;
mod uninstall_section_misplaced;
mod uninstall_section_missing;
mod uninstallation_field_missing;
mod uninstallation_field_order;
mod uninstallation_field_value;

/// A check. Most rules look at one integration at a time; a few compare integrations.
pub(crate) trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Findings in one integration.
    fn check(&self, _integration: &Integration, _settings: &Settings, _out: &mut Vec<Finding>) {}

    /// Findings across every checked integration, from what each one left in `seen`; `load`
    /// reads an integration again (through the fixes applied so far) when a finding needs it.
    fn check_across(
        &self,
        _seen: &[Seen],
        _load: &dyn Fn(&std::path::Path) -> Integration,
        _out: &mut Vec<Diagnostic>,
    ) {
    }
}

/// What the cross-integration rules need to know of each integration, kept small so that memory
/// does not grow with the repository.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub(crate) dir: std::path::PathBuf,
    pub(crate) app_uuid: Option<String>,
}

/// Declares a rule's unit struct and its metadata from its doc comment.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub(crate) struct $ty:ident {
            code: $code:literal,
            name: $name:literal,
            level: $level:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub(crate) struct $ty;

        impl $ty {
            pub(crate) const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $name,
                level: $crate::diagnostic::Level::$level,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}
pub(crate) use declare_rule;

/// Every rule, ordered by code.
pub(crate) static RULES: &[&dyn Rule] = &[
    &file_unreadable::FileUnreadable,
    &invalid_json::InvalidJson,
    &duplicate_key::DuplicateKey,
    &config_invalid::ConfigInvalid,
    &ignore_unused::IgnoreUnused,
    &manifest_schema::ManifestSchema,
    &uninstallation_field_missing::UninstallationFieldMissing,
    &uninstallation_field_value::UninstallationFieldValue,
    &uninstallation_field_order::UninstallationFieldOrder,
    &anchor_unresolved::AnchorUnresolved,
    &app_uuid_invalid::AppUuidInvalid,
    &app_uuid_mismatch::AppUuidMismatch,
    &app_uuid_duplicate::AppUuidDuplicate,
    &app_uuid_changed::AppUuidChanged,
    &app_uuid_is_client_id::AppUuidIsClientId,
    &referenced_file_missing::ReferencedFileMissing,
    &path_escapes_integration::PathEscapesIntegration,
    &oauth_client_invalid::OauthClientInvalid,
    &description_too_long::DescriptionTooLong,
    &marketplace_field_missing::MarketplaceFieldMissing,
    &readme_missing::ReadmeMissing,
    &overview_section_missing::OverviewSectionMissing,
    &setup_section_missing::SetupSectionMissing,
    &uninstall_section_missing::UninstallSectionMissing,
    &uninstall_section_misplaced::UninstallSectionMisplaced,
    &revocation_text_missing::RevocationTextMissing,
    &revocation_text_reworded::RevocationTextReworded,
    &api_keys_text_missing::ApiKeysTextMissing,
    &api_keys_text_reworded::ApiKeysTextReworded,
    &api_keys_link::ApiKeysLink,
];

/// Every rule's metadata, ordered by code.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|rule| rule.meta())
}

/// The rule with this name or code (codes match case-insensitively).
pub fn find(name_or_code: &str) -> Option<&'static RuleMeta> {
    all().find(|meta| meta.name == name_or_code || meta.code.eq_ignore_ascii_case(name_or_code))
}
