//! `invalid-json`: `manifest.json` is not strict RFC 8259 JSON.

use crate::finding::{FileRef, Finding, Place};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a `manifest.json` that is not valid JSON, at the exact character where parsing
    /// stopped. JSON is read strictly, as RFC 8259 defines it: no comments, no trailing commas,
    /// no single quotes, no unescaped control characters in strings.
    ///
    /// ## Why
    /// Datadog's tooling parses the manifest with a strict JSON parser. A manifest that does not
    /// parse cannot be validated, and the integration cannot be published. No other rule can
    /// check a manifest that does not parse.
    ///
    /// ## Example
    /// ```json
    /// "tile": {
    ///   "support": "README.md#Support",
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "tile": {
    ///   "support": "README.md#Support"
    /// }
    /// ```
    ///
    /// ## Fix
    /// Correct the JSON at the position shown: remove the trailing comma or comment, add the
    /// missing `,` or `:`, close the open string, object or array.
    ///
    /// ## References
    /// - RFC 8259, The JavaScript Object Notation (JSON) Data Interchange Format
    pub(crate) struct InvalidJson {
        code: "DD002",
        name: "invalid-json",
        level: Error,
        summary: "manifest.json is not valid JSON",
    }
}

impl Rule for InvalidJson {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, out: &mut Vec<Finding>) {
        let Some(manifest) = integration.manifest.ok() else {
            return;
        };
        let Err(error) = &manifest.parsed else {
            return;
        };
        let place = Place::Span(FileRef::Manifest, error.span.clone());
        let message = if manifest.source.text().trim().is_empty() {
            "`manifest.json` is empty: it must hold the manifest's JSON object".to_owned()
        } else {
            format!("`manifest.json` is not valid JSON: {}", error.message)
        };
        let mut finding = Finding::new(message, place, "parsing stopped here").with_help(
            "correct the JSON here; no other rule can check the manifest until it parses",
        );
        if let Some((span, note)) = &error.note {
            finding =
                finding.with_label(Place::Span(FileRef::Manifest, span.clone()), note.clone());
        }
        out.push(finding);
    }
}
