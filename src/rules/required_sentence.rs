//! What the four sentence rules share: finding S1 or S2 in the Uninstallation section.

use crate::files::FileId;
use crate::files::Readme;
use crate::finding::FixSpec;
use crate::finding::{Finding, Place};
use crate::fix::Edit;
use crate::fix::markdown::insert_section;
use crate::integration::Integration;
use crate::readme::rendered::SectionText;
use crate::readme::sentence::{Found, word_diff};

/// A sentence Datadog requires in the Uninstallation section.
pub(crate) struct Required {
    /// How messages name it: "revocation sentence".
    pub(crate) name: &'static str,
    /// The sentence as rendered text, the form it is matched in.
    pub(crate) canonical: &'static str,
    /// The sentence as Markdown to paste, for an integration with this tile title.
    pub(crate) markdown: fn(&str) -> String,
}

/// Which outcome a rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Missing,
    Reworded,
}

/// Reports `required` as missing or reworded in an OAuth integration's Uninstallation section.
pub(crate) fn check(
    integration: &Integration,
    required: &Required,
    want: Outcome,
    out: &mut Vec<Finding>,
) {
    let Some(readme) = integration.readme() else {
        return;
    };
    let Some(section) = readme.uninstall_text().filter(|_| integration.uses_oauth()) else {
        return;
    };
    let paste = (required.markdown)(&integration.title());
    match (section.find(required.canonical), want) {
        (Found::Missing { closest }, Outcome::Missing) => {
            let fix = append_fix(readme, section, &paste);
            out.push(missing(section, closest, required, &paste).with_fix(fix));
        }
        (Found::Close { range, .. }, Outcome::Reworded) => {
            let span = section.rendered.source_span(range.clone());
            let fix = FixSpec::unsafe_(
                FileId::README,
                format!(
                    "replace the reworded {} with the canonical one",
                    required.name
                ),
                vec![Edit::replace(span, paste.clone())],
            );
            out.push(reworded(section, range, required, &paste).with_fix(Some(fix)));
        }
        _ => {}
    }
}

/// Appends the sentence as a paragraph at the end of the section.
fn append_fix(readme: &Readme, section: &SectionText, paste: &str) -> Option<FixSpec> {
    let end = readme.outline.headings.get(section.heading)?.section.end;
    let edit = insert_section(readme.source.text(), end, &format!("{paste}\n"));
    let description = "add the sentence at the end of the Uninstallation section";
    Some(FixSpec::unsafe_(FileId::README, description, vec![edit]))
}

fn missing(
    section: &SectionText,
    closest: Option<std::ops::Range<usize>>,
    required: &Required,
    paste: &str,
) -> Finding {
    let message = format!(
        "the Uninstallation section lacks the required {}",
        required.name
    );
    let help = format!("add this sentence to the section:\n\n{paste}");
    let finding = match closest {
        Some(range) => Finding::new(
            message,
            Place::sentence(section.heading, range),
            "the closest sentence, not close enough",
        )
        .with_label(Place::heading(section.heading), "in this section"),
        None => Finding::new(
            message,
            Place::heading(section.heading),
            format!("no {} in this section", required.name),
        ),
    };
    finding.with_help(help)
}

fn reworded(
    section: &SectionText,
    range: std::ops::Range<usize>,
    required: &Required,
    paste: &str,
) -> Finding {
    let found = section.rendered.text.get(range.clone()).unwrap_or_default();
    Finding::new(
        format!(
            "the {} is reworded; Datadog asks for the exact sentence",
            required.name
        ),
        Place::sentence(section.heading, range),
        "reworded",
    )
    .with_help(format!(
        "replace it with:\n\n{paste}\n\nchanges, [-remove-] {{+add+}}: {}",
        word_diff(found, required.canonical)
    ))
}

/// S1: "Once this integration has been uninstalled, any previous authorizations are revoked."
pub(crate) const REVOCATION: Required = Required {
    name: "revocation sentence",
    canonical: crate::requirements::REVOCATION_SENTENCE,
    markdown: |_title| crate::requirements::REVOCATION_SENTENCE.to_owned(),
};

/// S2: "Additionally, ensure that all API keys ... on the [API Keys page](...)."
pub(crate) const API_KEYS: Required = Required {
    name: "API keys sentence",
    canonical: crate::requirements::API_KEYS_SENTENCE,
    markdown: crate::requirements::api_keys_markdown,
};
