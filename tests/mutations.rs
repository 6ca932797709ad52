//! Mutation tests on real manifests: each edit of a copy of a real integration produces exactly
//! the expected new finding, at the line of the edit.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::copy_tree;

const CORPUS: &str = support::corpus::BUNDLED;

/// Real integrations with media, dashboards and classifier tags.
const SUBJECTS: [&str; 4] = ["artie", "notion", "insightfinder", "downdetector"];

/// (rule name, file name, message, line) of every finding.
fn findings(paths: &[PathBuf]) -> BTreeSet<(String, String, String, u64)> {
    let output = Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .arg("check")
        .args(paths)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = Path::new(d["file"].as_str().unwrap());
            let parent = file
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy();
            let name = format!("{parent}/{}", file.file_name().unwrap().to_string_lossy());
            let message = d["message"].as_str().unwrap().to_owned();
            (
                d["name"].as_str().unwrap().to_owned(),
                name,
                message,
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The line (1-based) of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> u64 {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found"));
    text[..at].matches('\n').count() as u64 + 1
}

/// Applies `edit` to a copy of `subject`'s manifest and returns the findings it added.
fn added_by(
    subject: &str,
    edit: impl Fn(&str) -> String,
) -> (BTreeSet<(String, String, u64)>, String) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join(subject);
    copy_tree(&Path::new(CORPUS).join(subject), &target);
    let before = findings(std::slice::from_ref(&target));
    let manifest = target.join("manifest.json");
    let edited = edit(&std::fs::read_to_string(&manifest).unwrap());
    std::fs::write(&manifest, &edited).unwrap();
    let after = findings(std::slice::from_ref(&target));
    let old: BTreeSet<_> = before.iter().map(|(r, f, m, _)| (r, f, m)).collect();
    let added = after
        .iter()
        .filter(|(r, f, m, _)| !old.contains(&(r, f, m)))
        .map(|(r, f, _, line)| (r.clone(), f.clone(), *line))
        .collect();
    (added, edited)
}

fn expect_one(subject: &str, rule: &str, needle: &str, edit: impl Fn(&str) -> String) {
    let (added, edited) = added_by(subject, edit);
    let expected = (
        rule.to_owned(),
        format!("{subject}/manifest.json"),
        line_of(&edited, needle),
    );
    assert_eq!(added, BTreeSet::from([expected]), "{subject}: {rule}");
}

fn replace_first(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not in manifest");
    text.replacen(from, to, 1)
}

#[test]
fn a_misspelt_key_is_an_unknown_key_on_its_line() {
    for subject in SUBJECTS {
        expect_one(subject, "manifest-schema", "\"uninstalation\"", |text| {
            replace_first(
                text,
                "\"changelog\":",
                "\"uninstalation\": \"README.md#Uninstallation\",\n    \"changelog\":",
            )
        });
    }
}

#[test]
fn a_number_where_a_string_belongs() {
    for subject in SUBJECTS {
        expect_one(subject, "manifest-schema", "\"title\": 5", |text| {
            let start = text.find("\"title\": \"").unwrap();
            let end = start + text[start + 10..].find('"').unwrap() + 11;
            format!("{}\"title\": 5{}", &text[..start], &text[end..])
        });
    }
}

#[test]
fn a_missing_app_id_is_reported_on_the_top_level_object() {
    for subject in SUBJECTS {
        expect_one(subject, "manifest-schema", "{", |text| {
            let start = text.find("  \"app_id\"").unwrap();
            let end = start + text[start..].find('\n').unwrap() + 1;
            format!("{}{}", &text[..start], &text[end..])
        });
    }
}

#[test]
fn a_gif_media_type_a_bare_tag_and_an_old_manifest_version() {
    for subject in ["artie", "notion", "downdetector"] {
        expect_one(subject, "manifest-schema", "\"gif\"", |text| {
            replace_first(text, "\"media_type\": \"image\"", "\"media_type\": \"gif\"")
        });
    }
    for subject in SUBJECTS {
        expect_one(subject, "manifest-schema", "\"Bare tag\"", |text| {
            // The first tag `"Prefix::Value"` becomes `"Bare tag"`.
            let tags = text.find("\"classifier_tags\": [").unwrap();
            let colons = tags + text[tags..].find("::").unwrap();
            let open = text[..colons].rfind('"').unwrap() + 1;
            let close = colons + text[colons..].find('"').unwrap();
            format!("{}Bare tag{}", &text[..open], &text[close..])
        });
        expect_one(subject, "manifest-schema", "\"1.0.0\"", |text| {
            replace_first(
                text,
                "\"manifest_version\": \"2.0.0\"",
                "\"manifest_version\": \"1.0.0\"",
            )
        });
    }
}

#[test]
fn an_uppercase_app_uuid_is_app_uuid_invalid_only() {
    for subject in SUBJECTS {
        expect_one(subject, "app-uuid-invalid", "\"app_uuid\"", |text| {
            let start = text.find("\"app_uuid\": \"").unwrap() + 13;
            format!(
                "{}{}",
                &text[..start],
                text[start..].replacen(|c: char| c.is_ascii_lowercase(), "A", 1)
            )
        });
    }
}

#[test]
fn a_missing_media_file_and_an_escaping_dashboard_path() {
    for subject in ["artie", "notion", "downdetector"] {
        expect_one(
            subject,
            "referenced-file-missing",
            "images/nope.png",
            |text| {
                let start = text.find("\"image_url\": \"").unwrap() + 14;
                let end = start + text[start..].find('"').unwrap();
                format!("{}images/nope.png{}", &text[..start], &text[end..])
            },
        );
    }
    for subject in SUBJECTS {
        expect_one(
            subject,
            "path-escapes-integration",
            "../../etc/passwd",
            |text| {
                // The value of the first dashboard: the first `": "` after `"dashboards": {`.
                let dashboards = text.find("\"dashboards\": {").unwrap();
                let start = dashboards + text[dashboards..].find(": \"").unwrap() + 3;
                let end = start + text[start..].find('"').unwrap();
                format!("{}../../etc/passwd{}", &text[..start], &text[end..])
            },
        );
    }
}

#[test]
fn a_copied_app_uuid_is_reported_in_both_copies() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["notion", "notion_copy"] {
        copy_tree(&Path::new(CORPUS).join("notion"), &dir.path().join(name));
    }
    let found = findings(&[dir.path().to_owned()]);
    let duplicates: Vec<_> = found
        .iter()
        .filter(|(rule, ..)| rule == "app-uuid-duplicate")
        .map(|(_, file, _, line)| (file.as_str(), *line))
        .collect();
    let text = std::fs::read_to_string(Path::new(CORPUS).join("notion/manifest.json")).unwrap();
    let line = line_of(&text, "\"app_uuid\"");
    assert_eq!(
        duplicates,
        [
            ("notion/manifest.json", line),
            ("notion_copy/manifest.json", line)
        ]
    );
}

#[test]
fn a_misspelt_tag_value_and_a_long_caption_are_one_finding_each() {
    for subject in SUBJECTS {
        expect_one(
            subject,
            "classifier-tag-unknown",
            "Supported OS::MacOS",
            |text| {
                replace_first(
                    text,
                    "\"Supported OS::",
                    "\"Supported OS::MacOS\",\n      \"Supported OS::",
                )
            },
        );
        expect_one(
            subject,
            "classifier-tag-unknown",
            "Category::Kuberenetes",
            |text| {
                replace_first(
                    text,
                    "\"Category::",
                    "\"Category::Kuberenetes\",\n      \"Category::",
                )
            },
        );
    }
    for subject in ["artie", "notion", "downdetector"] {
        expect_one(subject, "media-caption-too-long", "\"caption\"", |text| {
            let start = text.find("\"caption\": \"").unwrap() + 12;
            format!("{}{}{}", &text[..start], "x".repeat(301), &text[start..])
        });
    }
}
