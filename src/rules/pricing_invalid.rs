//! `pricing-invalid`: a Marketplace listing's `pricing` is empty, or an entry is in neither of
//! the two accepted forms.

use crate::finding::{Finding, Place, field_path};
use crate::integration::Integration;
use crate::json::{Node, Value};
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// In a Marketplace listing, reports a `pricing` list that is empty, and each pricing entry
    /// that is in neither of the two forms the Marketplace accepts:
    ///
    /// - a priced plan: `billing_type` (`one_time`, `flat_fee` or `tag_count`), a number
    ///   `unit_price`, `product_id`, `includes_assets` and `short_description`; a `tag_count`
    ///   plan also needs `metric`, `tag` and `unit_label`, and a `one_time` or `flat_fee` plan
    ///   has no `unit_label`;
    /// - a private offer: `"private_offer_only": true` with `"unit_price": null`, no
    ///   `billing_type`, and `product_id`, `includes_assets` and `short_description`.
    ///
    /// The missing fields of an entry are one finding, on the entry. Wrong types, unknown or
    /// misspelt keys and an unknown `billing_type` are `manifest-schema`'s findings. Not
    /// checked, because real published listings break them: the documented metric name form
    /// `datadog.marketplace.<partner>.<name>` (11 of 50 real tag_count plans differ) and a
    /// `product_id` equal to the end of `app_id` (12 of 78 differ).
    ///
    /// ## Why
    /// The Marketplace builds the listing's price and its billing from these fields: a
    /// `tag_count` plan without its metric and tag cannot be metered, and a `unit_label` on a
    /// flat fee shows a per-unit price that is not charged (Datadog fixed one such listing as a
    /// bug). Datadog made an empty `pricing` list an error.
    ///
    /// ## Example
    /// ```json
    /// "pricing": [
    ///   { "billing_type": "flat_fee", "unit_price": 500, "unit_label": "Host",
    ///     "product_id": "widgets", "includes_assets": true, "short_description": "Monthly fee" }
    /// ]
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "pricing": [
    ///   { "billing_type": "flat_fee", "unit_price": 500,
    ///     "product_id": "widgets", "includes_assets": true, "short_description": "Monthly fee" }
    /// ]
    /// ```
    ///
    /// ## Fix
    /// Add the fields the finding names, or remove the one that does not belong to the form.
    ///
    /// ## References
    /// - The Marketplace repository's README: the pricing table (billing types, required
    ///   fields, "Only Required for tag_count billing type")
    /// - Datadog documentation, "Integration assets reference" (Marketplace-only fields)
    pub(crate) struct PricingInvalid {
        code: "DD142",
        name: "pricing-invalid",
        level: Error,
        summary: "a Marketplace listing's pricing is empty, or an entry lacks a field of its form",
        reads: [Manifest],
    }
}

/// The fields every entry needs, and what to paste for each.
const COMMON: [(&str, &str); 3] = [
    ("product_id", "\"product_id\": \"<product>\""),
    ("includes_assets", "\"includes_assets\": true"),
    ("short_description", "\"short_description\": \"<the plan>\""),
];

/// What a `tag_count` plan needs besides.
const TAG_COUNT: [(&str, &str); 3] = [
    ("metric", "\"metric\": \"datadog.marketplace.<partner>.<product>\""),
    ("tag", "\"tag\": \"<the tag counted, such as host>\""),
    ("unit_label", "\"unit_label\": \"<one unit, such as Host>\""),
];

impl Rule for PricingInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        if integration.repo_kind(settings) != RepoKind::Marketplace {
            return;
        }
        let Some(entries) = integration
            .manifest_root()
            .and_then(|root| root.get("pricing"))
            .and_then(Node::as_array)
        else {
            return;
        };
        if entries.is_empty() {
            out.push(empty());
        }
        for (index, entry) in entries.iter().enumerate() {
            if let Some(members) = entry.as_object() {
                check_entry(&format!("/pricing/{index}"), entry, members, out);
            }
        }
    }
}

fn empty() -> Finding {
    Finding::new(
        "`pricing` is empty: a Marketplace listing needs at least one pricing plan",
        Place::value("/pricing"),
        "no pricing plan",
    )
    .with_help("add your plan, for example `{\"billing_type\": \"flat_fee\", \"unit_price\": 100, \"product_id\": \"<product>\", \"includes_assets\": true, \"short_description\": \"<the plan>\"}`")
}

/// The findings of one entry (an object) at `pointer`.
fn check_entry(pointer: &str, entry: &Node, members: &[crate::json::Member], out: &mut Vec<Finding>) {
    let private = entry
        .get("private_offer_only")
        .is_some_and(|flag| flag.value == Value::Bool(true));
    let billing = entry.get("billing_type").and_then(Node::as_str);
    let mut needed: Vec<(&str, &str)> = Vec::new();
    if private {
        needed.push(("unit_price", "\"unit_price\": null"));
    } else {
        needed.push((
            "billing_type",
            "\"billing_type\": \"flat_fee\" (or \"one_time\", \"tag_count\"; or \"private_offer_only\": true for a private offer)",
        ));
        needed.push(("unit_price", "\"unit_price\": 100"));
    }
    needed.extend(COMMON);
    if !private && billing == Some("tag_count") {
        needed.extend(TAG_COUNT);
    }
    let missing: Vec<(&str, &str)> = needed
        .into_iter()
        .filter(|(key, _)| entry.get(key).is_none() && !misspelt(members, key))
        .collect();
    if !missing.is_empty() {
        out.push(lacks(pointer, form(private, billing), &missing));
    }
    if private {
        private_offer(pointer, entry, out);
    } else {
        priced_plan(pointer, entry, billing, out);
    }
}

/// How a message names the entry's form.
fn form(private: bool, billing: Option<&str>) -> String {
    match (private, billing) {
        (true, _) => "this private offer".to_owned(),
        (false, Some(kind @ ("one_time" | "flat_fee" | "tag_count"))) => {
            format!("this `{kind}` pricing plan")
        }
        _ => "this pricing plan".to_owned(),
    }
}

fn lacks(pointer: &str, form: String, missing: &[(&str, &str)]) -> Finding {
    let names: Vec<String> = missing.iter().map(|(key, _)| format!("`{key}`")).collect();
    let pastes: Vec<String> = missing.iter().map(|(_, paste)| format!("`{paste}`")).collect();
    Finding::new(
        format!("{form} lacks {}", and_list(&names)),
        Place::key(pointer),
        format!("`{}` needs {}", field_path(pointer), and_list(&names)),
    )
    .with_help(format!("add {}", and_list(&pastes)))
}

/// A private offer has a null price and no billing type.
fn private_offer(pointer: &str, entry: &Node, out: &mut Vec<Finding>) {
    if entry.get("billing_type").is_some() {
        out.push(
            Finding::new(
                "a private offer must not have a `billing_type`",
                Place::key(format!("{pointer}/billing_type")),
                "not part of a private offer",
            )
            .with_label(Place::key(format!("{pointer}/private_offer_only")), "a private offer")
            .with_help("remove the `billing_type` line (a private offer is billed by its contract), or remove `private_offer_only` to list a public price"),
        );
    }
    if entry
        .get("unit_price")
        .is_some_and(|price| price.value != Value::Null)
    {
        out.push(
            Finding::new(
                "a private offer's `unit_price` must be null",
                Place::value(format!("{pointer}/unit_price")),
                "expected `null`",
            )
            .with_label(Place::key(format!("{pointer}/private_offer_only")), "a private offer")
            .with_help("write `\"unit_price\": null`; the price is in the private offer's contract"),
        );
    }
}

/// A priced plan has a number price, and a per-unit label only when it is billed per unit.
fn priced_plan(pointer: &str, entry: &Node, billing: Option<&str>, out: &mut Vec<Finding>) {
    if entry.get("unit_price").is_some_and(|price| price.value == Value::Null) {
        out.push(
            Finding::new(
                "`unit_price` is null, which only a private offer may be",
                Place::value(format!("{pointer}/unit_price")),
                "expected the price in US dollars",
            )
            .with_help("write the price, such as `\"unit_price\": 100`, or add `\"private_offer_only\": true` (and remove `billing_type`) for a private offer"),
        );
    }
    if let Some(kind @ ("one_time" | "flat_fee")) = billing
        && entry.get("unit_label").is_some()
    {
        out.push(
            Finding::new(
                format!("a `{kind}` pricing plan must not have a `unit_label`"),
                Place::key(format!("{pointer}/unit_label")),
                "only a tag_count plan is priced per unit",
            )
            .with_label(Place::value(format!("{pointer}/billing_type")), "billed as this")
            .with_help("remove the `unit_label` line: the tile would show a price per unit that is not charged"),
        );
    }
}

/// A key of `members` close to `key` but not it: `manifest-schema` reports the misspelling.
fn misspelt(members: &[crate::json::Member], key: &str) -> bool {
    let keys: Vec<&str> = members.iter().map(|member| member.key.as_str()).collect();
    !similar::get_close_matches(key, &keys, 1, 0.7).is_empty()
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
