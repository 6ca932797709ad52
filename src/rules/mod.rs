//! The `Rule` trait, rule metadata, and the registry of every rule, ordered by code.
//!
//! Codes are stable and never reused: `DD0xx` reading and parsing files, `DD1xx` the manifest,
//! `DD2xx` the README, `DD3xx` the asset files (service checks, dashboards, saved views,
//! `metadata.csv`, images), `DD4xx` the repository's own files.

use crate::finding::Finding;
use crate::integration::Integration;
pub use crate::meta::RuleMeta;
use crate::repository::Repository;
use crate::settings::Settings;

mod base;
mod capped;
mod classifier_tags;
mod media;
mod metadata;
mod metadata_units;
mod owners;
mod readme_images;
mod required_h2;
mod required_sentence;
mod saved_views;
mod service_checks;

/// A check. Most rules look at one integration at a time; a few look at the repository: every
/// checked integration's summary and the repository's files.
pub(crate) trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Findings in one integration.
    fn check(&self, _integration: &Integration, _settings: &Settings, _out: &mut Vec<Finding>) {}

    /// Findings across the checked integrations, in the repository's files.
    fn check_repository(&self, _repo: &Repository, _settings: &Settings, _out: &mut Vec<Finding>) {}
}

/// Declares a rule's unit struct and its metadata from its doc comment.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub(crate) struct $ty:ident {
            code: $code:literal,
            name: $name:literal,
            level: $level:ident,
            summary: $summary:literal,
            reads: $reads:tt $(,)?
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
                reads: $crate::rules::reads!($reads),
            };
        }
    };
}
/// `[Manifest, Readme]` -> the kinds; `loaded` -> whatever was loaded.
macro_rules! reads {
    (loaded) => {
        $crate::meta::Reads::Loaded
    };
    ([$($kind:ident),* $(,)?]) => {
        $crate::meta::Reads::Kinds(&[$($crate::files::Kind::$kind),*])
    };
}
pub(crate) use reads;

/// The registry, written once: each line declares a rule's module and puts its rule in
/// [`RULES`], in this order (by code).
macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(pub(crate) mod $module;)*

        /// Every rule, ordered by code.
        pub(crate) static RULES: &[&dyn Rule] = &[$(&$module::$rule),*];
    };
}

registry! {
    file_unreadable::FileUnreadable,
    invalid_json::InvalidJson,
    duplicate_key::DuplicateKey,
    config_invalid::ConfigInvalid,
    ignore_unused::IgnoreUnused,
    invalid_csv::InvalidCsv,
    invalid_toml::InvalidToml,
    manifest_schema::ManifestSchema,
    uninstallation_field_missing::UninstallationFieldMissing,
    uninstallation_field_value::UninstallationFieldValue,
    uninstallation_field_order::UninstallationFieldOrder,
    anchor_unresolved::AnchorUnresolved,
    app_uuid_invalid::AppUuidInvalid,
    app_uuid_mismatch::AppUuidMismatch,
    app_uuid_duplicate::AppUuidDuplicate,
    app_uuid_changed::AppUuidChanged,
    app_uuid_is_client_id::AppUuidIsClientId,
    referenced_file_missing::ReferencedFileMissing,
    path_escapes_integration::PathEscapesIntegration,
    oauth_client_invalid::OauthClientInvalid,
    description_too_long::DescriptionTooLong,
    marketplace_field_missing::MarketplaceFieldMissing,
    pricing_invalid::PricingInvalid,
    pricing_includes_assets_false::PricingIncludesAssetsFalse,
    classifier_tag_unknown::ClassifierTagUnknown,
    media_too_many::MediaTooMany,
    media_videos_too_many::MediaVideosTooMany,
    media_image_type::MediaImageType,
    media_image_too_large::MediaImageTooLarge,
    media_caption_too_long::MediaCaptionTooLong,
    media_file_name::MediaFileName,
    display_on_public_website_false::DisplayOnPublicWebsiteFalse,
    immutable_attribute_changed::ImmutableAttributeChanged,
    asset_short_name_removed::AssetShortNameRemoved,
    readme_missing::ReadmeMissing,
    overview_section_missing::OverviewSectionMissing,
    setup_section_missing::SetupSectionMissing,
    uninstall_section_missing::UninstallSectionMissing,
    uninstall_section_misplaced::UninstallSectionMisplaced,
    support_section_missing::SupportSectionMissing,
    readme_section_empty::ReadmeSectionEmpty,
    uninstall_section_image::UninstallSectionImage,
    revocation_text_missing::RevocationTextMissing,
    revocation_text_reworded::RevocationTextReworded,
    api_keys_text_missing::ApiKeysTextMissing,
    api_keys_text_reworded::ApiKeysTextReworded,
    api_keys_link::ApiKeysLink,
    api_keys_link_site::ApiKeysLinkSite,
    readme_non_ascii::ReadmeNonAscii,
    readme_image_missing::ReadmeImageMissing,
    readme_image_url::ReadmeImageUrl,
    hugo_shortcode::HugoShortcode,
    service_check_invalid::ServiceCheckInvalid,
    service_check_duplicate::ServiceCheckDuplicate,
    service_check_integration::ServiceCheckIntegration,
    dashboard_invalid::DashboardInvalid,
    dashboard_format_old::DashboardFormatOld,
    dashboard_app_id::DashboardAppId,
    metadata_header::MetadataHeader,
    metadata_column_count::MetadataColumnCount,
    metadata_value::MetadataValue,
    metadata_integration::MetadataIntegration,
    metadata_description::MetadataDescription,
    metadata_non_ascii::MetadataNonAscii,
    metadata_duplicate::MetadataDuplicate,
    metadata_prefix::MetadataPrefix,
    metadata_unreferenced::MetadataUnreferenced,
    metadata_check_missing::MetadataCheckMissing,
    saved_view_invalid::SavedViewInvalid,
    eula_not_pdf::EulaNotPdf,
    media_image_dimensions::MediaImageDimensions,
    codeowners_entry_missing::CodeownersEntryMissing,
    codeowners_owner_invalid::CodeownersOwnerInvalid,
    codeowners_logs_owner::CodeownersLogsOwner,
}

/// Every rule's metadata, ordered by code.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|rule| rule.meta())
}

/// The rule with this name or code (codes match case-insensitively).
pub fn find(name_or_code: &str) -> Option<&'static RuleMeta> {
    all().find(|meta| meta.name == name_or_code || meta.code.eq_ignore_ascii_case(name_or_code))
}
