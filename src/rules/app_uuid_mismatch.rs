//! `app-uuid-mismatch`: `app_uuid` differs from the published OAuth client's app_uuid.

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Compares the manifest's `app_uuid` with the `app_uuid` of the published OAuth client,
    /// given with `--app-uuid` (when one integration is checked) or per integration in
    /// `ddlint.toml` (`[app-uuids]`), and reports a difference with both values. Letter case is ignored here; `app-uuid-invalid` reports it.
    ///
    /// ## Why
    /// Datadog's "OAuth for integrations" requirements ask that a new OAuth integration's
    /// manifest carry the `app_uuid` the Developer Platform gives its published OAuth client.
    /// A different value links the tile to another app, and the review rejects it.
    ///
    /// ## Example
    /// `ddlint check --app-uuid 0a709534-658c-4d8f-99a3-566dd7cd809b my_integration` with
    /// ```json
    /// "app_uuid": "144b8c72-b842-4257-9815-93aa63ad2da1"
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "app_uuid": "0a709534-658c-4d8f-99a3-566dd7cd809b"
    /// ```
    ///
    /// ## Fix
    /// Copy the app_uuid of the published OAuth client from the Developer Platform into the
    /// manifest, unless the integration is already published: a published `app_uuid` must never
    /// change. ddlint never edits `app_uuid` for you.
    ///
    /// ## References
    /// - Datadog documentation, "OAuth for integrations", publishing the OAuth client
    pub(crate) struct AppUuidMismatch {
        code: "DD111",
        name: "app-uuid-mismatch",
        level: Error,
        summary: "app_uuid differs from the published OAuth client's app_uuid",
        reads: [Manifest],
    }
}

impl Rule for AppUuidMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let expected = settings
            .app_uuid
            .as_ref()
            .or_else(|| settings.app_uuids.get(&integration.name()));
        let (Some(expected), Some(actual)) = (expected, integration.app_uuid()) else {
            return;
        };
        if actual.eq_ignore_ascii_case(expected) {
            return;
        }
        out.push(
            Finding::new(
                format!("`app_uuid` is `{}`, but the published OAuth client's app_uuid is `{expected}`", quoted(actual)),
                Place::value("/app_uuid"),
                format!("expected `{expected}`"),
            )
            .with_help(format!(
                "set `\"app_uuid\": \"{expected}\"` if this integration is not published yet; a published app_uuid must not change"
            )),
        );
    }
}
