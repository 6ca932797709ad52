//! `eula-not-pdf`: the file `legal_terms.eula` names is not a PDF: its name does not end in
//! `.pdf`, or it does not start with `%PDF`.

use crate::files::Kind;
use crate::files::resolve::Resolved;
use crate::finding::{Finding, Place, quoted};
use crate::integration::Integration;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks the end-user license agreement that `legal_terms.eula` names: the path ends in
    /// `.pdf`, and the file starts with `%PDF`, the signature of every PDF file. Only the
    /// file's first kilobyte is read. An empty file (0 bytes) is not judged for its content,
    /// only for its name. A path that names no file, or leads outside the listing, is
    /// `referenced-file-missing`'s or `path-escapes-integration`'s finding; such a file is
    /// never opened.
    ///
    /// Datadog's `ddev validate eula` makes the same checks, but prints a wrong extension
    /// without failing the run (and then skips the `%PDF` check), and accepts `%PDF` anywhere in
    /// the first line. ddlint reports the extension as the error Datadog meant, and also accepts
    /// `%PDF` anywhere in the first line.
    ///
    /// ## Why
    /// The Marketplace shows the agreement to every buyer before they can start a trial, as a
    /// PDF. A Word document or an HTML page saved under that name cannot be shown.
    ///
    /// ## Example
    /// ```json
    /// "legal_terms": { "eula": "assets/EULA.docx" }
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "legal_terms": { "eula": "assets/EULA.pdf" }
    /// ```
    /// with the agreement exported as a PDF.
    ///
    /// ## Fix
    /// Export the agreement as a PDF, name it with `.pdf`, and write that path.
    ///
    /// ## References
    /// - Datadog's `ddev validate eula`
    ///   (`datadog_checks_dev/datadog_checks/dev/tooling/commands/validate/eula.py`)
    /// - Datadog documentation, "Integration assets reference" (`legal_terms.eula`)
    pub(crate) struct EulaNotPdf {
        code: "DD350",
        name: "eula-not-pdf",
        level: Error,
        summary: "the file legal_terms.eula names is not a PDF (.pdf, starting with %PDF)",
        reads: [Manifest, Eula],
    }
}

/// What the file's first bytes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    Pdf,
    NotPdf,
    /// Empty, or not read: not judged.
    Unknown,
}

impl Rule for EulaNotPdf {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let files = &integration.files;
        for reference in files.references().iter().filter(|r| r.kind == Kind::Eula) {
            if !matches!(files.resolved(reference.file), Some(Resolved::File { .. })) {
                continue;
            }
            let own_row = files
                .row(reference.file)
                .is_some_and(|row| row.kind == Kind::Eula);
            let content = match files.header(reference.file).filter(|_| own_row) {
                Some([]) | None => Content::Unknown,
                Some(bytes) if signed(bytes) => Content::Pdf,
                Some(_) => Content::NotPdf,
            };
            let path = quoted(&reference.path);
            let named = reference.path.ends_with(".pdf");
            let (message, label, help) = match (named, content) {
                (true, Content::Pdf | Content::Unknown) => continue,
                (false, Content::Pdf | Content::Unknown) => (
                    format!("`legal_terms.eula` names `{path}`, whose name does not end in `.pdf`"),
                    "expected a `.pdf` file",
                    "name the agreement's file with `.pdf`, such as `assets/eula.pdf`, and write that path here".to_owned(),
                ),
                (_, Content::NotPdf) => (
                    format!("`legal_terms.eula` names `{path}`, which is not a PDF file: it does not start with `%PDF`"),
                    "not a PDF",
                    "export the agreement as a PDF, save it as `assets/eula.pdf` and write that path here".to_owned(),
                ),
            };
            out.push(
                Finding::new(message, Place::value(reference.pointer.as_str()), label)
                    .with_help(help),
            );
        }
    }
}

/// `%PDF` on the first line, as Datadog's check reads it (a PDF starts with `%PDF-`).
fn signed(header: &[u8]) -> bool {
    let first_line = header.split(|byte| *byte == b'\n').next().unwrap_or_default();
    first_line.windows(4).any(|window| window == b"%PDF")
}
