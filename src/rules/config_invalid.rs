//! `config-invalid`: `ddlint.toml` cannot be used.

use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a `ddlint.toml` that is not valid TOML, has an unknown key, names a rule that
    /// does not exist, gives a level other than `error`, `warning` or `off`, an app_uuid that is
    /// not a canonical UUID, or an ignore without a `reason` or without an `integration` or
    /// `path`. ddlint stops with exit code 2: it does not check with a configuration it cannot
    /// read.
    ///
    /// ## Why
    /// A misspelt rule name would silently keep a rule on (or off). Every ignore must say why,
    /// so that a reviewer can judge it.
    ///
    /// ## Example
    /// ```toml
    /// [rules]
    /// anchor-unresolve = "off"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [rules]
    /// anchor-unresolved = "off"
    /// ```
    ///
    /// ## Fix
    /// Correct the key or value at the position shown; `ddlint rules` lists the rule names.
    pub(crate) struct ConfigInvalid {
        code: "DD004",
        name: "config-invalid",
        level: Error,
        summary: "ddlint.toml cannot be used",
        reads: [],
    }
}

impl Rule for ConfigInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
}
