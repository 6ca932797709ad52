//! `invalid-json`: `manifest.json` is not strict RFC 8259 JSON.

use crate::files::FileId;
use crate::finding::{Finding, Place};
use crate::files::JsonFile;
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a JSON file ddlint reads (`manifest.json`, the OAuth client file, the service
    /// checks, dashboards and saved views) that is not valid JSON, at the exact character where
    /// parsing stopped. JSON is read strictly, as RFC 8259 defines it: no comments, no trailing
    /// commas, no single quotes, no unescaped control characters in strings.
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
        summary: "a JSON file ddlint reads (manifest, OAuth client, service checks, dashboards, saved views) is not valid JSON",
        reads: loaded,
    }
}

impl Rule for InvalidJson {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        for (id, row) in integration.files.known() {
            if let Some(json) = row.json() {
                report(json, id, out);
            }
        }
    }
}

fn report(json: &JsonFile, file: FileId, out: &mut Vec<Finding>) {
    let Err(error) = &json.parsed else {
        return;
    };
    let name = json
        .source
        .path()
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let message = if json
        .source
        .text()
        .trim_start_matches('\u{feff}')
        .trim()
        .is_empty()
    {
        format!("`{name}` is empty: it must hold a JSON object")
    } else {
        format!("`{name}` is not valid JSON: {}", error.message)
    };
    let mut finding = Finding::new(
        message,
        Place::span(file, error.span.clone()),
        "parsing stopped here",
    )
    .with_help("correct the JSON here; no other rule can check this file until it parses");
    if let Some((span, note)) = &error.note {
        finding = finding.with_label(Place::span(file, span.clone()), note.clone());
    }
    out.push(finding);
}
