//! `api-keys-link-site`: the Uninstallation section links the API Keys page of one Datadog site.

use crate::files::FileId;
use crate::finding::{Finding, FixSpec, Place, quoted};
use crate::fix::Edit;
use crate::integration::Integration;
use crate::readme::definitions::destination_span;
use crate::rules::api_keys_link::{API_KEYS_PATH, api_keys_site};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// In an OAuth integration, reports a link in the Uninstallation section to the API Keys
    /// page of one Datadog site, such as
    /// `https://app.datadoghq.com/organization-settings/api-keys`, where the site-relative
    /// `/organization-settings/api-keys` serves every site. Inline and reference-style links
    /// both count. `api-keys-link` accepts such a link (it does open the API Keys page), so
    /// the two never report the same link.
    ///
    /// ## Why
    /// Datadog runs several sites (US1, US3, US5, EU, AP1, AP2, US1-FED), and the OAuth guide
    /// asks partners to make their integration work for users of every site. An absolute link
    /// sends a user of another site to a site where they have no account; a site-relative
    /// link opens the page on the user's own site, and most real integrations use one.
    ///
    /// ## Example
    /// ```markdown
    /// ... searching for the integration name on the
    /// [API Keys page](https://app.datadoghq.com/organization-settings/api-keys?filter=Acme).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ... searching for the integration name on the
    /// [API Keys page](/organization-settings/api-keys?filter=Acme).
    /// ```
    ///
    /// ## Fix
    /// `ddlint check --fix` drops the site from the link (in the reference definition, for a
    /// reference-style link) and keeps the path and its query.
    ///
    /// ## References
    /// - Datadog documentation, "OAuth for integrations", uninstallation requirements
    pub(crate) struct ApiKeysLinkSite {
        code: "DD215",
        name: "api-keys-link-site",
        level: Warning,
        summary: "the Uninstallation section links the API Keys page of one Datadog site",
        reads: [Manifest, Readme],
    }
}

impl Rule for ApiKeysLinkSite {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some((readme, section)) = integration
            .readme()
            .and_then(|readme| Some((readme, readme.uninstall_text()?)))
            .filter(|_| integration.uses_oauth())
        else {
            return;
        };
        let text = readme.source.text();
        let mut fixed = Vec::new();
        for link in &section.links {
            let Some(site) = api_keys_site(&link.dest) else {
                continue;
            };
            let relative = link
                .dest
                .get("https://".len() + site.len()..)
                .unwrap_or(API_KEYS_PATH);
            let dest = destination_span(text, &link.span, &link.dest);
            // A reference definition two links share is fixed once.
            let fix = dest.clone().filter(|span| !fixed.contains(span)).map(|span| {
                fixed.push(span.clone());
                let host = span.start..span.start + "https://".len() + site.len();
                FixSpec::safe(
                    FileId::README,
                    "make the API Keys link site-relative",
                    vec![Edit::delete(host)],
                )
            });
            let mut finding = Finding::new(
                format!(
                    "the API Keys link opens the page on one Datadog site, `{}`",
                    quoted(site)
                ),
                Place::span(FileId::README, link.span.clone()),
                "a single-site link",
            )
            .with_help(format!(
                "link `{}` instead: a site-relative link opens the API Keys page on the user's own Datadog site",
                shown(relative)
            ));
            if let Some(span) = dest.filter(|span| !link.span.contains(&span.start)) {
                finding = finding.with_label(Place::span(FileId::README, span), "its URL is defined here");
            }
            out.push(finding.with_fix(fix));
        }
    }
}

/// The path to paste, as written (quoted only when it is long or holds control characters).
fn shown(path: &str) -> String {
    if path.len() <= 200 && !path.chars().any(char::is_control) {
        path.to_owned()
    } else {
        quoted(path)
    }
}
