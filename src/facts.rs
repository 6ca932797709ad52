//! Facts several rules share: whether an integration uses OAuth, where its README sections are.

use crate::integration::{Integration, Readme};
use crate::json::{Node, Value};

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

/// The Uninstallation section as Datadog asks for it, with an API Keys link filtered on `title`.
pub(crate) fn uninstall_section_template(title: &str) -> String {
    format!(
        "## Uninstallation\n\n\
         - {REVOCATION_SENTENCE}\n\
         - Additionally, ensure that all API keys associated with this integration have been \
         disabled by searching for the integration name on the \
         [API Keys page](/organization-settings/api-keys?filter={}).\n",
        encode_query(title)
    )
}

/// Percent-encodes a query value: everything but unreserved characters.
fn encode_query(value: &str) -> String {
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
