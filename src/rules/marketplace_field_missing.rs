//! `marketplace-field-missing`: a Marketplace listing lacks `pricing`, `legal_terms.eula`,
//! `author.vendor_id` or `author.sales_email`.

use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::json::Node;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// In a Marketplace listing, reports a manifest without `pricing`, `legal_terms.eula`,
    /// `author.vendor_id` or `author.sales_email`, on the object that should hold the field.
    /// A manifest with a non-empty `pricing` or a `legal_terms` is a listing; `--repo-kind
    /// marketplace` makes every integration one.
    ///
    /// A field whose object is missing or not an object (`author`), or that is misspelt in it
    /// (`sales_mail`), is `manifest-schema`'s finding, not a second one here.
    ///
    /// ## Why
    /// Datadog's manifest attribute table marks these fields mandatory for Marketplace
    /// listings, and every real listing has them: the listing shows the price and the end-user
    /// license agreement, the vendor ID ties the listing to the partner's account, and the
    /// Marketplace sends its trial, purchase and cancellation notifications to `sales_email`.
    ///
    /// ## Example
    /// ```json
    /// "author": { "name": "Acme", "homepage": "https://acme.example", "support_email": "support@acme.example" }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "author": {
    ///   "name": "Acme",
    ///   "homepage": "https://acme.example",
    ///   "support_email": "support@acme.example",
    ///   "sales_email": "sales@acme.example",
    ///   "vendor_id": "acme"
    /// },
    /// "pricing": [ ... ],
    /// "legal_terms": { "eula": "assets/eula.pdf" }
    /// ```
    ///
    /// ## Fix
    /// Add the field with the values from your Marketplace partner account.
    ///
    /// ## References
    /// - Datadog documentation, "Integration assets reference" (manifest attributes,
    ///   Marketplace-only fields)
    /// - The Marketplace repository's README: pricing, and `sales_email` notifications
    pub(crate) struct MarketplaceFieldMissing {
        code: "DD141",
        name: "marketplace-field-missing",
        level: Error,
        summary: "a Marketplace listing lacks pricing, legal_terms.eula, author.vendor_id or author.sales_email",
        reads: [Manifest],
    }
}

/// (object, field, help): each field the Marketplace requires.
const REQUIRED: [(&str, &str, &str); 4] = [
    (
        "",
        "pricing",
        "add your plan, for example `\"pricing\": [{\"billing_type\": \"flat_fee\", \"unit_price\": 100, \"product_id\": \"<product>\", \"includes_assets\": true, \"short_description\": \"<the plan>\"}]`",
    ),
    (
        "/legal_terms",
        "eula",
        "add `\"legal_terms\": {\"eula\": \"assets/eula.pdf\"}` and put your end-user license agreement there, as a PDF",
    ),
    (
        "/author",
        "vendor_id",
        "add `\"vendor_id\": \"<your vendor ID>\"` to `author`: Datadog gives it to you with your Marketplace partner account",
    ),
    (
        "/author",
        "sales_email",
        "add `\"sales_email\": \"<address>\"` to `author`: the Marketplace sends trial, purchase and cancellation notifications there",
    ),
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
        for (object, field, help) in REQUIRED {
            let pointer = format!("{object}/{field}");
            if root.pointer(&pointer).is_some() || !missing_here(root, object, field) {
                continue;
            }
            let name = pointer.trim_start_matches('/').replace('/', ".");
            out.push(
                Finding::new(
                    format!("a Marketplace listing needs `{name}`"),
                    Place::key(pointer),
                    format!("`{name}` is missing"),
                )
                .with_help(help),
            );
        }
    }
}

/// Whether `field` is this rule's to report: its object is an object without a key close to
/// `field` (a misspelling is `manifest-schema`'s "did you mean"), or is absent but optional
/// (`legal_terms`, unless misspelt itself). A missing `author` is the schema's.
fn missing_here(root: &Node, object: &str, field: &str) -> bool {
    match root.pointer(object) {
        Some(node) => node.as_object().is_some_and(|members| !misspelt(members, field)),
        None => object == "/legal_terms" && root.as_object().is_some_and(|members| !misspelt(members, "legal_terms")),
    }
}

/// A key of `members` close to `key` but not it.
fn misspelt(members: &[crate::json::Member], key: &str) -> bool {
    let keys: Vec<&str> = members.iter().map(|member| member.key.as_str()).collect();
    !similar::get_close_matches(key, &keys, 1, 0.7).is_empty()
}
