//! `ignore-unused`: an `[[ignore]]` of `ddlint.toml` matches no finding.

use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Warns about an `[[ignore]]` entry of `ddlint.toml` that matched no finding in this run.
    ///
    /// ## Why
    /// An ignore outlives the problem it silenced: once the README or manifest is fixed, the
    /// entry only hides the next real finding of that rule in that place.
    ///
    /// ## Example
    /// ```toml
    /// [[ignore]]
    /// rule = "description-too-long"
    /// integration = "acme"
    /// reason = "long name"
    /// ```
    /// when `acme`'s description is now short.
    ///
    /// ## Use instead
    /// No entry.
    ///
    /// ## Fix
    /// Remove the entry.
    pub(crate) struct IgnoreUnused {
        code: "DD005",
        name: "ignore-unused",
        level: Warning,
        summary: "an ignore in ddlint.toml matches no finding",
        reads: [],
    }
}

impl Rule for IgnoreUnused {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
}
