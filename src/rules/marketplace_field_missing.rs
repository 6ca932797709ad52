//! `marketplace-field-missing`: a Marketplace manifest lacks `pricing`, `legal_terms.eula` or
//! `author.vendor_id`.

use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// With `--repo-kind marketplace`, reports a manifest without `pricing`,
    /// `legal_terms.eula` or `author.vendor_id`, on the object that should hold the field.
    ///
    /// ## Why
    /// Datadog's manifest attribute table marks these fields mandatory for Marketplace
    /// listings: the listing shows the price and the end-user license agreement, and the vendor
    /// ID ties the listing to the partner's account.
    ///
    /// ## Example
    /// ```json
    /// "author": { "name": "Acme", "support_email": "support@acme.example" }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "author": { "name": "Acme", "support_email": "support@acme.example", "vendor_id": "acme" },
    /// "legal_terms": { "eula": "assets/EULA.pdf" },
    /// "pricing": [ ... ]
    /// ```
    ///
    /// ## Fix
    /// Add the field with the values from your Marketplace partner account.
    pub(crate) struct MarketplaceFieldMissing {
        code: "DD141",
        name: "marketplace-field-missing",
        level: Error,
        summary: "a Marketplace manifest lacks pricing, legal_terms.eula or author.vendor_id",
        reads: [Manifest],
    }
}

const REQUIRED: [(&str, &str); 3] = [
    ("/pricing", "pricing"),
    ("/legal_terms/eula", "legal_terms.eula"),
    ("/author/vendor_id", "author.vendor_id"),
];

impl Rule for MarketplaceFieldMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let Some(root) = integration.manifest_root() else {
            return;
        };
        if integration.repo_kind(settings) != RepoKind::Marketplace {
            return;
        }
        for (pointer, field) in REQUIRED {
            if root.pointer(pointer).is_some() {
                continue;
            }
            out.push(
                Finding::new(
                    format!("a Marketplace manifest needs `{field}`"),
                    Place::key(pointer),
                    format!("`{field}` is missing"),
                )
                .with_help(format!(
                    "add `{field}` with the values from your Marketplace partner account"
                )),
            );
        }
    }
}
