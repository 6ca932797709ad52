//! `api-keys-link`: the Uninstallation section's "API Keys page" is not a link to the API Keys page.

use crate::finding::FixSpec;
use crate::files::FileId;
use crate::finding::{Finding, Place};
use crate::fix::Edit;
use crate::integration::Integration;
use crate::readme::rendered::SectionText;
use crate::requirements::encode_query;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// In an OAuth integration, checks the link of the API Keys page mentioned in the
    /// Uninstallation section. It must link the API Keys page: site-relative
    /// `/organization-settings/api-keys` (optionally with `?filter=...`, which most real
    /// integrations use), or that path on a Datadog site (`app.datadoghq.com`,
    /// `us3.datadoghq.com`, `us5.datadoghq.com`, `app.datadoghq.eu`, `ap1.datadoghq.com`,
    /// `ap2.datadoghq.com`, `app.ddog-gov.com`). Inline and reference-style links both count;
    /// only links inside the Uninstallation section count (Setup sections link the same page to
    /// create keys). Reports a mention that is not a link, and a link that goes elsewhere.
    ///
    /// ## Why
    /// Users follow this link to find and disable the integration's API keys. A GitHub blob URL
    /// or a documentation page leaves them searching; a site-relative link opens the page on
    /// the user's own Datadog site.
    ///
    /// ## Example
    /// ```markdown
    /// ... searching for the integration name on the API Keys page.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ... searching for the integration name on the
    /// [API Keys page](/organization-settings/api-keys?filter=Acme).
    /// ```
    ///
    /// ## Fix
    /// Link the words "API Keys page" to `/organization-settings/api-keys?filter=<integration name>`.
    pub(crate) struct ApiKeysLink {
        code: "DD214",
        name: "api-keys-link",
        level: Error,
        summary: "the API Keys page in the Uninstallation section is not linked to it",
        reads: [Manifest, Readme],
    }
}

/// Datadog sites whose `/organization-settings/api-keys` is the API Keys page.
const SITES: [&str; 8] = [
    "app.datadoghq.com",
    "us3.datadoghq.com",
    "us5.datadoghq.com",
    "app.datadoghq.eu",
    "datadoghq.eu",
    "ap1.datadoghq.com",
    "ap2.datadoghq.com",
    "app.ddog-gov.com",
];

pub(crate) const API_KEYS_PATH: &str = "/organization-settings/api-keys";

impl Rule for ApiKeysLink {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(section) = integration
            .readme()
            .and_then(|readme| readme.uninstall_text())
            .filter(|_| integration.uses_oauth())
        else {
            return;
        };
        let destination = format!(
            "{API_KEYS_PATH}?filter={}",
            encode_query(&integration.title())
        );
        let help = format!("link the words \"API Keys page\" to `{destination}`");
        let candidates: Vec<_> = section
            .links
            .iter()
            .filter(|link| link.text.to_ascii_lowercase().contains("api key"))
            .collect();
        if candidates.iter().any(|link| accepted(&link.dest)) {
            return;
        }
        if let Some(link) = candidates.first() {
            out.push(
                Finding::new(
                    format!(
                        "the API Keys page link goes to `{}`, not to the API Keys page",
                        link.dest
                    ),
                    Place::span(FileId::README, link.span.clone()),
                    "links elsewhere",
                )
                .with_help(help),
            );
        } else if let Some(range) = unlinked_mention(section) {
            let span = section.rendered.source_span(range.clone());
            let fix = link_fix(integration, span, &destination);
            out.push(
                Finding::new(
                    "the API Keys page is mentioned but not linked",
                    Place::sentence(section.heading, range),
                    "not a link",
                )
                .with_help(help)
                .with_fix(fix),
            );
        }
    }
}

/// Turns the mention into a link to the API Keys page.
fn link_fix(
    integration: &Integration,
    span: std::ops::Range<usize>,
    destination: &str,
) -> Option<FixSpec> {
    let words = integration.readme()?.source.text().get(span.clone())?;
    let edit = Edit::replace(span, format!("[{words}]({destination})"));
    Some(FixSpec::unsafe_(
        FileId::README,
        "link the API Keys page",
        vec![edit],
    ))
}

/// Where "API Keys page" (or "API Keys management page") is in the section's rendered text.
fn unlinked_mention(section: &SectionText) -> Option<std::ops::Range<usize>> {
    // ASCII lowercase keeps every byte offset: `İ` does not grow as it would in `to_lowercase`.
    let lower = section.rendered.text.to_ascii_lowercase();
    ["api keys management page", "api keys page"]
        .iter()
        .find_map(|needle| lower.find(needle).map(|at| at..at + needle.len()))
        .filter(|range| {
            section.rendered.text.is_char_boundary(range.start)
                && section.rendered.text.is_char_boundary(range.end)
        })
}

/// `/organization-settings/api-keys`, with an optional query, on no host or a Datadog site.
fn accepted(dest: &str) -> bool {
    dest.strip_prefix('/').is_some_and(is_api_keys_path) || api_keys_site(dest).is_some()
}

/// The Datadog site whose API Keys page an absolute link opens (`https://<site>/...`), as
/// written in `dest`; `None` for a site-relative link or any other page.
pub(crate) fn api_keys_site(dest: &str) -> Option<&str> {
    let rest = dest.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    (SITES.contains(&host.to_ascii_lowercase().as_str()) && is_api_keys_path(path)).then_some(host)
}

/// `organization-settings/api-keys` (the path after its first `/`), with an optional
/// trailing `/`, query or fragment.
fn is_api_keys_path(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    format!("/{}", path.trim_end_matches('/')) == API_KEYS_PATH
}

#[cfg(test)]
mod tests {
    use super::accepted;

    #[test]
    fn site_relative_and_datadog_site_links_are_accepted() {
        for dest in [
            "/organization-settings/api-keys",
            "/organization-settings/api-keys?filter=Acme%20Cloud",
            "https://app.datadoghq.com/organization-settings/api-keys",
            "https://app.datadoghq.eu/organization-settings/api-keys/?filter=x",
            "https://app.ddog-gov.com/organization-settings/api-keys",
        ] {
            assert!(accepted(dest), "{dest}");
        }
    }

    #[test]
    fn blob_urls_docs_pages_and_other_hosts_are_not() {
        for dest in [
            "https://github.com/DataDog/integrations-extras/blob/master/acme/README.md",
            "https://docs.datadoghq.com/account_management/api-app-keys/",
            "https://example.com/organization-settings/api-keys",
            "/organization-settings/application-keys",
            "organization-settings/api-keys",
            "http://app.datadoghq.com/organization-settings/api-keys",
        ] {
            assert!(!accepted(dest), "{dest}");
        }
    }
}
