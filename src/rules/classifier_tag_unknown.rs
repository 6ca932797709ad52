//! `classifier-tag-unknown`: a `tile.classifier_tags` value is not one Datadog accepts.

use crate::files::FileId;
use crate::finding::{Finding, FixSpec, Place, quoted};
use crate::fix::json::{json_string, replace_value};
use crate::integration::Integration;
use crate::json::Node;
use crate::rules::classifier_tags::{Closeness, closest, values};
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports a `tile.classifier_tags` entry whose prefix is known (`Category`,
    /// `Supported OS`, `Offering`, `Submitted Data Type`, `Queried Data Type`) but whose value
    /// is not one Datadog accepts, with the accepted value it most likely meant. The accepted
    /// values are a table in ddlint (`src/rules/classifier_tags.rs`): Datadog's categories and
    /// operating systems from its own tooling, and every value of the real published
    /// integrations and Marketplace listings. A tag without a known prefix is
    /// `manifest-schema`'s.
    ///
    /// ## Why
    /// The tags file the integration under the Integrations page's filters; Datadog's
    /// manifest validation rejects a value it does not know, in a check partners cannot run
    /// themselves. Real pull requests were rejected for `Category::Kuberenetes`,
    /// `Supported OS::MacOS`, `Category::Issue Tracking,` and `Offering::UI-Extension`.
    ///
    /// ## Example
    /// ```json
    /// "classifier_tags": ["Category::Kuberenetes", "Supported OS::MacOS", "Offering::UI-Extension"]
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "classifier_tags": ["Category::Kubernetes", "Supported OS::macOS", "Offering::UI Extension"]
    /// ```
    ///
    /// ## Fix
    /// `ddlint check --fix` corrects a value that differs from an accepted one only in letter
    /// case, spaces or punctuation (`MacOS`, `Issue Tracking,`); `--unsafe-fixes` also
    /// replaces a likely misspelling (`Kuberenetes`) with the closest accepted value.
    ///
    /// ## References
    /// - datadog_checks_dev 40.0.1, `tooling/manifest_validator/v2/migration.py`
    ///   (`CATEGORIES_TO_CLASSIFIER_TAGS`, `OS_TO_CLASSIFIER_TAGS`) (BSD 3-Clause)
    /// - Datadog documentation, "Integration assets reference", classifier tags
    pub(crate) struct ClassifierTagUnknown {
        code: "DD150",
        name: "classifier-tag-unknown",
        level: Error,
        summary: "a classifier tag's value is not one Datadog accepts",
        reads: [Manifest],
    }
}

impl Rule for ClassifierTagUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let Some(root) = integration.manifest_root() else {
            return;
        };
        let tags = root
            .pointer("/tile/classifier_tags")
            .and_then(Node::as_array)
            .unwrap_or_default();
        for (index, tag) in tags.iter().enumerate() {
            let Some((prefix, value)) = tag.as_str().and_then(|tag| tag.split_once("::")) else {
                continue;
            };
            let Some(accepted) = values(prefix) else {
                continue;
            };
            if accepted.contains(&value) {
                continue;
            }
            let pointer = format!("/tile/classifier_tags/{index}");
            out.push(finding(root, &pointer, prefix, value, accepted));
        }
    }
}

fn finding(root: &Node, pointer: &str, prefix: &str, value: &str, accepted: &[&str]) -> Finding {
    let tag = format!("{prefix}::{value}");
    let message = format!(
        "classifier tag `{}` is not one Datadog accepts: `{}` is not a known {}",
        quoted(&tag),
        quoted(value),
        noun(prefix)
    );
    let finding = Finding::new(message, Place::value(pointer), format!("unknown {}", noun(prefix)));
    let Some((meant, closeness)) = closest(prefix, value) else {
        let listed: Vec<String> = accepted.iter().map(|v| format!("`{prefix}::{v}`")).collect();
        return finding.with_help(format!("use one of {}", listed.join(", ")));
    };
    let fixed = format!("{prefix}::{meant}");
    let description = format!("write `{fixed}`");
    let fix = replace_value(root, pointer, &json_string(&fixed)).map(|edit| match closeness {
        Closeness::Spelling => FixSpec::safe(FileId::MANIFEST, description, vec![edit]),
        Closeness::Similar => FixSpec::unsafe_(FileId::MANIFEST, description, vec![edit]),
    });
    finding
        .with_help(format!("did you mean `{fixed}`? write `{}`", json_string(&fixed)))
        .with_fix(fix)
}

/// What a prefix's values are called in a message.
fn noun(prefix: &str) -> &'static str {
    match prefix {
        "Category" => "category",
        "Supported OS" => "operating system",
        "Offering" => "offering",
        _ => "data type",
    }
}
