//! The `Rule` trait, rule metadata, and the registry of every rule, ordered by code.
//!
//! Codes are stable and never reused: `DD0xx` reading and parsing files, `DD1xx` the manifest,
//! `DD2xx` the README.

use crate::diagnostic::Level;
use crate::finding::Finding;
use crate::integration::Integration;

mod anchor_unresolved;
mod duplicate_key;
mod file_unreadable;
mod invalid_json;
mod overview_section_missing;
mod readme_missing;
mod required_h2;
mod setup_section_missing;
mod uninstall_section_missing;
mod uninstallation_field_missing;
mod uninstallation_field_value;

/// What identifies and documents a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, `DD` and three digits.
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    pub level: Level,
    /// One line, shown by `ddlint rules`.
    pub summary: &'static str,
    /// The rule's doc comment: Markdown with fixed sections.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The documentation without the one space each doc-comment line starts with.
    pub fn docs(&self) -> String {
        let mut text = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            text.push_str(line.strip_prefix(' ').unwrap_or(line));
            text.push('\n');
        }
        text
    }
}

/// A check over one integration.
pub(crate) trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, integration: &Integration, out: &mut Vec<Finding>);
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
    &uninstallation_field_missing::UninstallationFieldMissing,
    &uninstallation_field_value::UninstallationFieldValue,
    &anchor_unresolved::AnchorUnresolved,
    &readme_missing::ReadmeMissing,
    &overview_section_missing::OverviewSectionMissing,
    &setup_section_missing::SetupSectionMissing,
    &uninstall_section_missing::UninstallSectionMissing,
];

/// Every rule's metadata, ordered by code.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|rule| rule.meta())
}

/// The rule with this name or code (codes match case-insensitively).
pub fn find(name_or_code: &str) -> Option<&'static RuleMeta> {
    all().find(|meta| meta.name == name_or_code || meta.code.eq_ignore_ascii_case(name_or_code))
}
