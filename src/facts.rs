//! Facts several rules share: whether an integration uses OAuth, where its README sections are.

use crate::integration::{Integration, Readme};
use crate::json::{Node, Value};
use crate::readme::rendered::{SectionText, render};

/// The slug of the heading `tile.uninstallation` must name.
pub(crate) const UNINSTALL_SLUG: &str = "uninstallation";

/// The one value `tile.uninstallation` may have.
pub(crate) const UNINSTALL_FIELD_VALUE: &str = "README.md#Uninstallation";

impl Integration {
    /// The parsed manifest, when there is one.
    pub(crate) fn manifest_root(&self) -> Option<&Node> {
        self.manifest.ok()?.root()
    }

    /// `assets.oauth` is present and not null: the integration has an OAuth client.
    pub(crate) fn uses_oauth(&self) -> bool {
        self.manifest_root()
            .and_then(|root| root.pointer("/assets/oauth"))
            .is_some_and(|node| node.value != Value::Null)
    }

    /// `app_uuid` when it is a string.
    pub(crate) fn app_uuid(&self) -> Option<&str> {
        self.manifest_root()?.get("app_uuid")?.as_str()
    }

    /// `tile.uninstallation`, when present.
    pub(crate) fn uninstallation_field(&self) -> Option<&Node> {
        self.manifest_root()?.pointer("/tile/uninstallation")
    }

    /// The readable README, when there is one.
    pub(crate) fn readme_ok(&self) -> Option<&Readme> {
        self.readme.ok()
    }
}

impl Readme {
    /// Index of the first H2 whose text is `text` (ASCII case-insensitive).
    pub(crate) fn h2_index(&self, text: &str) -> Option<usize> {
        self.outline
            .headings
            .iter()
            .position(|h| h.level == 2 && h.text.eq_ignore_ascii_case(text))
    }

    /// Index of the first heading of any level whose text is `text` (ASCII case-insensitive).
    pub(crate) fn heading_index(&self, text: &str) -> Option<usize> {
        self.outline
            .headings
            .iter()
            .position(|h| h.text.eq_ignore_ascii_case(text))
    }

    /// Index of the heading that `README.md#Uninstallation` resolves to.
    pub(crate) fn uninstall_index(&self) -> Option<usize> {
        self.outline
            .headings
            .iter()
            .position(|h| h.slug == UNINSTALL_SLUG)
    }

    /// The Uninstallation section's text after its heading line, subsections included.
    pub(crate) fn uninstall_text(&self) -> Option<&SectionText> {
        let make = || {
            let heading = self.uninstall_index()?;
            let found = self.outline.headings.get(heading)?;
            let (rendered, links) = render(self.source.text(), found.span.end..found.section.end);
            Some(SectionText {
                heading,
                rendered,
                links,
            })
        };
        self.uninstall.get_or_init(make).as_ref()
    }

    /// Index of a heading that looks meant as the uninstall section ("Uninstall the integration").
    pub(crate) fn uninstall_lookalike(&self) -> Option<usize> {
        self.outline
            .headings
            .iter()
            .position(|h| h.text.to_lowercase().contains("uninstall"))
    }
}

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

impl Integration {
    /// The tile title, or the directory name when the manifest has none.
    pub(crate) fn title(&self) -> String {
        self.manifest_root()
            .and_then(|root| root.pointer("/tile/title"))
            .and_then(|title| title.as_str())
            .map_or_else(|| self.name(), str::to_owned)
    }
}

/// Why `value` is not a canonical lowercase RFC 4122 UUID of version 1 to 8, if it is not.
pub(crate) fn uuid_problem(value: &str) -> Option<&'static str> {
    let groups: Vec<&str> = value.split('-').collect();
    let shape = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]);
    if !shape
        || !groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Some("it is not 32 hexadecimal digits grouped 8-4-4-4-12");
    }
    if value.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some("it has uppercase letters; the canonical form is lowercase");
    }
    if value.bytes().all(|b| b == b'0' || b == b'-') {
        return Some("it is the nil UUID");
    }
    let version = value.as_bytes().get(14).copied();
    if !matches!(version, Some(b'1'..=b'8')) {
        return Some("its version digit (the first of the third group) is not 1 to 8");
    }
    let variant = value.as_bytes().get(19).copied();
    if !matches!(variant, Some(b'8' | b'9' | b'a' | b'b')) {
        return Some("its variant digit (the first of the fourth group) is not 8, 9, a or b");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_uuids_of_versions_1_to_8_pass() {
        for uuid in [
            "3ccc5034-0902-4e00-8a69-04d007d31310",
            "0198a5c2-7b1e-7c3a-9f00-1234567890ab",
            "ee94ce1a-8b30-11ef-be9a-da7ad0900002",
            "1b4e28ba-2fa1-8d2c-a0d4-fbeec7e3c4a9",
        ] {
            assert_eq!(uuid_problem(uuid), None, "{uuid}");
        }
    }

    #[test]
    fn malformed_uppercase_nil_and_odd_versions_fail() {
        let cases = [
            ("3CCC5034-0902-4E00-8A69-04D007D31310", "uppercase"),
            ("00000000-0000-0000-0000-000000000000", "nil"),
            ("3ccc5034-0902-9e00-8a69-04d007d31310", "version"),
            ("3ccc5034-0902-4e00-ca69-04d007d31310", "variant"),
            ("3ccc50340902-4e00-8a69-04d007d31310", "8-4-4-4-12"),
            ("3ccc5034-0902-4e00-8a69-04d007d3131g", "8-4-4-4-12"),
            ("", "8-4-4-4-12"),
        ];
        for (uuid, why) in cases {
            let problem = uuid_problem(uuid).unwrap_or_default();
            assert!(problem.contains(why), "{uuid}: {problem}");
        }
    }

    #[test]
    fn the_section_template_links_the_api_keys_page_filtered_on_the_title() {
        let section = uninstall_section_template("Acme & Co");
        assert!(section.starts_with("## Uninstallation\n\n- Once this integration"));
        assert!(section.contains("(/organization-settings/api-keys?filter=Acme%20%26%20Co)."));
    }
}
