//! What Datadog's "OAuth for integrations" requirements fix word for word: the value of
//! `tile.uninstallation`, the heading it names, the two sentences, and the section to paste.

/// The slug of the heading `tile.uninstallation` must name.
pub(crate) const UNINSTALL_SLUG: &str = "uninstallation";

/// The one value `tile.uninstallation` may have.
pub(crate) const UNINSTALL_FIELD_VALUE: &str = "README.md#Uninstallation";

/// S1, the revocation sentence Datadog requires in the Uninstallation section.
pub(crate) const REVOCATION_SENTENCE: &str =
    "Once this integration has been uninstalled, any previous authorizations are revoked.";

/// S2 as rendered text (the link's markup stripped), the form it is matched in.
pub(crate) const API_KEYS_SENTENCE: &str = "Additionally, ensure that all API keys associated with \
     this integration have been disabled by searching for the integration name on the API Keys page.";

/// S2 as Markdown, with a site-relative API Keys link filtered on `title`.
pub(crate) fn api_keys_markdown(title: &str) -> String {
    format!(
        "Additionally, ensure that all API keys associated with this integration have been \
         disabled by searching for the integration name on the \
         [API Keys page](/organization-settings/api-keys?filter={}).",
        encode_query(title)
    )
}

/// The Uninstallation section as Datadog asks for it, with an API Keys link filtered on `title`.
pub(crate) fn uninstall_section_template(title: &str) -> String {
    format!(
        "## Uninstallation\n\n- {REVOCATION_SENTENCE}\n- {}\n",
        api_keys_markdown(title)
    )
}

/// Percent-encodes a query value: everything but unreserved characters.
pub(crate) fn encode_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_template_links_the_api_keys_page_filtered_on_the_title() {
        let section = uninstall_section_template("Acme & Co");
        assert!(section.starts_with("## Uninstallation\n\n- Once this integration"));
        assert!(section.contains("(/organization-settings/api-keys?filter=Acme%20%26%20Co)."));
    }
}
