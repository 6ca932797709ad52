//! `app-uuid-is-client-id`: `app_uuid` equals the OAuth client's `id`.

use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a manifest whose `app_uuid` equals the `id` of the OAuth client in the file
    /// `assets.oauth` names (letter case ignored).
    ///
    /// ## Why
    /// The OAuth client's `id` is the client ID, not the published app's `app_uuid`: the two
    /// are different UUIDs, and in every real integration they differ. Copying the client ID
    /// into `app_uuid` is an easy mix-up that the review rejects.
    ///
    /// ## Example
    /// `manifest.json`: `"app_uuid": "6d8d4f8c-6f4e-11ee-9b5e-da7ad0900002"`, and
    /// `assets/oauth_clients.json`: `"id": "6d8d4f8c-6f4e-11ee-9b5e-da7ad0900002"`.
    ///
    /// ## Use instead
    /// `manifest.json`: `"app_uuid": "3ccc5034-0902-4e00-8a69-04d007d31310"`, the app_uuid the
    /// Developer Platform shows for the published app.
    ///
    /// ## Fix
    /// Copy the app's `app_uuid` (not the client ID) from the Developer Platform.
    pub(crate) struct AppUuidIsClientId {
        code: "DD114",
        name: "app-uuid-is-client-id",
        level: Error,
        summary: "app_uuid equals the OAuth client's id",
        reads: [Manifest, OauthClients],
    }
}

impl Rule for AppUuidIsClientId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(uuid) = integration.app_uuid() else {
            return;
        };
        let Some((file, clients)) = integration.oauth_clients() else {
            return;
        };
        let client_id = clients
            .root()
            .and_then(|root| root.pointer("/integration/id"))
            .and_then(|id| id.as_str());
        if !client_id.is_some_and(|id| id.eq_ignore_ascii_case(uuid)) {
            return;
        }
        out.push(
            Finding::new(
                "`app_uuid` is the OAuth client's ID, not the published app's app_uuid",
                Place::value("/app_uuid"),
                "this is the client ID",
            )
            .with_label(Place::value_in(file, "/integration/id"), "the OAuth client's ID")
            .with_help("copy the app's app_uuid from the Datadog Developer Platform; it differs from the client ID"),
        );
    }
}
