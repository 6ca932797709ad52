//! `app-uuid-invalid`: `app_uuid` is not a canonical lowercase RFC 4122 UUID.

use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;
use crate::uuid::uuid_problem;

declare_rule! {
    /// ## What it does
    /// Reports an `app_uuid` that is not a UUID in canonical form: 32 lowercase hexadecimal
    /// digits grouped 8-4-4-4-12, with an RFC 4122 variant and a version from 1 to 8 (real
    /// manifests hold versions 4 and 7). The nil UUID is rejected.
    ///
    /// ## Why
    /// `app_uuid` identifies the integration's app on the Datadog Developer Platform, and for an
    /// OAuth integration it must equal the `app_uuid` of the published OAuth client. A value
    /// that is not canonical cannot match it, and Datadog's validation rejects it.
    ///
    /// ## Example
    /// ```json
    /// "app_uuid": "3CCC5034-0902-4E00-8A69-04D007D31310"
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "app_uuid": "3ccc5034-0902-4e00-8a69-04d007d31310"
    /// ```
    ///
    /// ## Fix
    /// Copy the `app_uuid` the Developer Platform shows for your app. ddlint never changes an
    /// `app_uuid` for you: a published integration's value must not change.
    ///
    /// ## References
    /// - RFC 9562 (which obsoletes RFC 4122), Universally Unique IDentifiers
    pub(crate) struct AppUuidInvalid {
        code: "DD110",
        name: "app-uuid-invalid",
        level: Error,
        summary: "app_uuid is not a canonical lowercase UUID",
        reads: [Manifest],
    }
}

impl Rule for AppUuidInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(uuid) = integration.app_uuid() else {
            return;
        };
        let Some(problem) = uuid_problem(uuid) else {
            return;
        };
        let help = if uuid_problem(&uuid.to_lowercase()).is_none() {
            format!("write it in lowercase: `\"{}\"`", uuid.to_lowercase())
        } else {
            "copy the app_uuid the Datadog Developer Platform shows for your app".to_owned()
        };
        out.push(
            Finding::new(
                format!(
                    "`app_uuid` `{}` is not a canonical UUID: {problem}",
                    quoted(uuid)
                ),
                Place::value("/app_uuid"),
                "not a canonical lowercase UUID",
            )
            .with_help(help),
        );
    }
}
