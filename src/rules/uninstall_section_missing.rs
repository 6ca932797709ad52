//! `uninstall-section-missing`: an OAuth integration's README has no `Uninstallation` heading.

use crate::finding::FixSpec;
use crate::files::FileId;
use crate::finding::{Finding, Place};
use crate::fix::markdown::{insert_section, rename_heading};
use crate::files::Readme;
use crate::integration::Integration;
use crate::requirements::uninstall_section_template;
use crate::rules::{Rule, RuleMeta};
use crate::settings::{RepoKind, Settings};

declare_rule! {
    /// ## What it does
    /// Reports a README.md without an `Uninstallation` heading when the integration uses OAuth
    /// (`assets.oauth` is set) or its manifest has `tile.uninstallation`, and always in the
    /// Marketplace repository (`--repo-kind marketplace`). An OAuth integration is shown the
    /// section to paste, with Datadog's two required sentences, and an unsafe fix inserts it. The finding points at
    /// `## Setup`, under or after which the section belongs; when a heading such as
    /// `## Uninstall the integration` exists, it points there instead.
    ///
    /// ## Why
    /// Datadog's "OAuth for integrations" requirements ask for a `## Uninstallation` section
    /// under Setup that tells users their authorizations are revoked on uninstall and that they
    /// must disable the integration's API keys. `tile.uninstallation` links it as
    /// `README.md#Uninstallation`, so its heading text must be exactly `Uninstallation`.
    ///
    /// ## Example
    /// ```markdown
    /// ## Setup
    /// ...
    /// ## Support
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Setup
    /// ...
    /// ## Uninstallation
    ///
    /// - Once this integration has been uninstalled, any previous authorizations are revoked.
    /// - Additionally, ensure that all API keys associated with this integration have been
    ///   disabled by searching for the integration name on the
    ///   [API Keys page](/organization-settings/api-keys?filter=Acme).
    ///
    /// ## Support
    /// ```
    ///
    /// ## Fix
    /// Add the section above as the H2 directly after the Setup section, with the integration's
    /// name in the `filter` of the API Keys link: `ddlint check --fix --unsafe-fixes` inserts
    /// it in an OAuth integration. A heading that looks meant as the section
    /// (`### Uninstall the Datadog integration`) is renamed `Uninstallation`, keeping its level,
    /// with `--unsafe-fixes`: its text is for a person to check.
    ///
    /// ## References
    /// - Datadog documentation, "OAuth for integrations", uninstallation requirements
    pub(crate) struct UninstallSectionMissing {
        code: "DD204",
        name: "uninstall-section-missing",
        level: Error,
        summary: "an OAuth integration's README has no Uninstallation section",
        reads: [Manifest, Readme],
    }
}

impl Rule for UninstallSectionMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, settings: &Settings, out: &mut Vec<Finding>) {
        let Some(readme) = integration.readme() else {
            return;
        };
        let field = integration.uninstallation_field().is_some();
        let marketplace = integration.repo_kind(settings) == RepoKind::Marketplace;
        if readme.uninstall_index().is_some() || !(integration.uses_oauth() || field || marketplace)
        {
            return;
        }
        let oauth = integration.uses_oauth();
        let mut finding = primary(readme, &integration.title(), oauth);
        if field {
            finding = finding.with_label(
                Place::value("/tile/uninstallation"),
                "links the missing section",
            );
        } else if oauth {
            finding = finding.with_label(
                Place::value("/assets/oauth"),
                "this integration has an OAuth client",
            );
        }
        if let Some(lookalike) = readme.uninstall_lookalike() {
            finding = finding.with_fix(rename(readme, lookalike));
        } else if oauth {
            finding = finding.with_fix(fix(readme, &integration.title()));
        }
        out.push(finding);
    }
}

/// Inserts the section template as the H2 right after the Setup section.
fn fix(readme: &Readme, title: &str) -> Option<FixSpec> {
    let setup = readme.outline.headings.get(readme.h2_index("Setup")?)?;
    let edit = insert_section(
        readme.source.text(),
        setup.section.end,
        &uninstall_section_template(title),
    );
    let description = "insert the Uninstallation section after the Setup section";
    Some(FixSpec::unsafe_(FileId::README, description, vec![edit]))
}

/// Renames the heading that looks meant as the section to `Uninstallation`, keeping its level.
fn rename(readme: &Readme, index: usize) -> Option<FixSpec> {
    let heading = readme.outline.headings.get(index)?;
    let edit = rename_heading(readme.source.text(), heading, "Uninstallation")?;
    let description = "rename the heading to `Uninstallation`";
    Some(FixSpec::unsafe_(FileId::README, description, vec![edit]))
}

/// On a heading that looks meant as the section, else on `## Setup`, else on line 1.
/// An OAuth integration gets the section to paste; a Marketplace listing without OAuth is told
/// what the section is for.
fn primary(readme: &Readme, title: &str, oauth: bool) -> Finding {
    let message = "README.md has no `Uninstallation` section";
    if let Some(index) = readme.uninstall_lookalike() {
        return Finding::new(
            message,
            Place::heading(index),
            "this heading must be titled `Uninstallation`",
        )
        .with_help(
            "rename the heading to `Uninstallation` so that `README.md#Uninstallation` links it",
        );
    }
    let help = if oauth {
        format!(
            "add this section as the H2 directly after the Setup section:\n\n{}",
            uninstall_section_template(title)
        )
    } else {
        "add an `## Uninstallation` section directly after the Setup section, telling users how to remove the integration (Marketplace listings need one)".to_owned()
    };
    match readme.h2_index("Setup") {
        Some(setup) => Finding::new(
            message,
            Place::heading(setup),
            "add `## Uninstallation` after this section",
        )
        .with_help(help),
        None => Finding::new(
            message,
            Place::line(FileId::README, 1),
            "no `## Uninstallation` in this file",
        )
        .with_help(help),
    }
}
