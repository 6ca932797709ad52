//! Facts several rules share: whether an integration uses OAuth, its app_uuid and title, where
//! its README sections are.

use crate::integration::{Integration, Readme};
use crate::json::{Node, Value};
use crate::readme::rendered::{SectionText, render};
use crate::requirements::UNINSTALL_SLUG;

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

impl Integration {
    /// The tile title, or the directory name when the manifest has none.
    pub(crate) fn title(&self) -> String {
        self.manifest_root()
            .and_then(|root| root.pointer("/tile/title"))
            .and_then(|title| title.as_str())
            .map_or_else(|| self.name(), str::to_owned)
    }
}
