//! `duplicate-key`: a JSON object in `manifest.json` repeats a key.

use crate::files::FileId;
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::json;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a key that appears twice in the same JSON object of a JSON file ddlint reads
    /// (`manifest.json`, the OAuth client file, service checks, dashboards, saved views), and
    /// labels both occurrences.
    ///
    /// ## Why
    /// JSON parsers disagree on duplicate keys: most keep the last value silently, some keep the
    /// first, some refuse the file. Whatever you meant by the first value is lost without a word.
    /// A real manifest carries two different `support_email` values this way.
    ///
    /// ## Example
    /// ```json
    /// "author": {
    ///   "support_email": "help@example.com",
    ///   "name": "Example",
    ///   "support_email": "support@example.com"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "author": {
    ///   "support_email": "support@example.com",
    ///   "name": "Example"
    /// }
    /// ```
    ///
    /// ## Fix
    /// Keep the one value you mean and delete the other line.
    ///
    /// ## References
    /// - RFC 8259, section 4: "The names within an object SHOULD be unique."
    pub(crate) struct DuplicateKey {
        code: "DD003",
        name: "duplicate-key",
        level: Error,
        summary: "a JSON object in a file ddlint reads repeats a key",
        reads: loaded,
    }
}

impl Rule for DuplicateKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        for (id, row) in integration.files.known() {
            if let Some(json) = row.json() {
                report(json.duplicates(), id, out);
            }
        }
    }
}

fn report(duplicates: &[json::Duplicate], file: FileId, out: &mut Vec<Finding>) {
    for duplicate in duplicates {
        let object = if duplicate.object.is_empty() {
            "the top-level object".to_owned()
        } else {
            format!(
                "`{}`",
                quoted(&crate::finding::field_path(&duplicate.object))
            )
        };
        out.push(
            Finding::new(
                format!("key `{}` appears twice in {object}", quoted(&duplicate.key)),
                Place::span(file, duplicate.second.clone()),
                "repeated here; this value is the one most parsers keep",
            )
            .with_label(Place::span(file, duplicate.first.clone()), "first given here")
            .with_help("keep the value you mean and delete the other member"),
        );
    }
}
