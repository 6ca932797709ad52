//! The bundled real integrations (`tests/corpus/integrations-extras`) as a regression net:
//! ddlint completes on every one, deterministically, with the reviewed findings, and the bundle
//! still holds what it was chosen for. The same checks over the full shared sample are in
//! `tests/shared_corpus.rs`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use support::corpus::{self, BUNDLED, BUNDLED_REVIEWED, SHARED_REVIEWED};

fn root() -> &'static Path {
    Path::new(BUNDLED)
}

fn read(path: &str) -> String {
    let path = root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_bundled_integration_is_checked_deterministically() {
    let first = corpus::check(root());
    let second = corpus::check(root());
    assert_eq!(first.integrations, 41);
    assert_eq!(first.integrations, corpus::integrations(root()).len());
    let first_json = corpus::json(&first);
    assert_eq!(first_json, corpus::json(&second), "two runs differ");
    let document: serde_json::Value = serde_json::from_str(&first_json).unwrap();
    assert_eq!(document["version"], 1);
    assert!(document["summary"]["errors"].as_u64().unwrap() > 0);
}

#[test]
fn the_known_oauth_gaps_are_reported_and_clean_integrations_get_nothing() {
    let report = corpus::check(root());
    corpus::assert_known_oauth_gaps(&report, root());
    // harness_cloud_cost_management is not published yet (`display_on_public_website: false`,
    // a warning): clean otherwise.
    let found: BTreeSet<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.name != "display-on-public-website-false")
        .map(|d| corpus::integration_of(d, root()))
        .collect();
    for clean in ["emnify", "harness_cloud_cost_management", "insightfinder"] {
        assert!(!found.contains(clean), "{clean} has findings");
    }
}

#[test]
fn the_bundled_schema_accepts_every_bundled_manifest() {
    corpus::assert_schema_accepts_all(&corpus::check(root()));
}

#[test]
fn bundled_findings_match_the_reviewed_list() {
    let report = corpus::check(root());
    corpus::assert_reviewed(&corpus::finding_lines(&report, root()), BUNDLED_REVIEWED);
}

/// The two reviewed lists agree: the full sample's lines about the bundled integrations are the
/// bundle's list, and every rule that fires on the full sample fires on the bundle.
#[test]
fn the_bundled_list_is_the_full_lists_part_for_these_integrations() {
    let bundled = std::fs::read_to_string(BUNDLED_REVIEWED).unwrap();
    let full = std::fs::read_to_string(SHARED_REVIEWED).unwrap();
    let names: BTreeSet<String> = corpus::integrations(root())
        .iter()
        .map(|dir| dir.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let part: Vec<&str> = full
        .lines()
        .filter(|line| names.contains(line.split(' ').next().unwrap()))
        .collect();
    assert_eq!(bundled.lines().collect::<Vec<_>>(), part);
    let rules = |text: &str| -> BTreeSet<String> {
        let rule = |line: &str| line.split(' ').nth(1).unwrap().to_owned();
        text.lines().map(rule).collect()
    };
    assert_eq!(rules(&bundled), rules(&full));
}

/// Whether some line inside a fenced code block is `#`s and a space (a false heading for a line
/// scanner).
fn heading_like_line_in_fence(text: &str) -> bool {
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        if in_fence && (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            return true;
        }
    }
    false
}

/// The traps of ../shared/corpus/README.md that the bundle was chosen for are still in it.
#[test]
fn the_bundle_still_holds_the_traps() {
    let manifest = |dir: &str| read(&format!("{dir}/manifest.json"));
    let readme = |dir: &str| read(&format!("{dir}/README.md"));
    let emails = manifest("redis_enterprise_prometheus")
        .matches("\"support_email\"")
        .count();
    assert_eq!(emails, 2, "the duplicate key");
    for dir in ["chainguard", "starburst_galaxy"] {
        assert!(
            manifest(dir).contains("\\u202f"),
            "{dir}: `\\u202f` escapes"
        );
        let images = std::fs::read_dir(root().join(dir).join("images")).unwrap();
        let names: Vec<String> = images
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().any(|name| name.contains('\u{202f}')), "{dir}");
    }
    assert_eq!(readme("vercel").matches("\r\n").count(), 3, "vercel's CRLF");
    assert!(readme("bind9").contains("<h4"));
    assert!(
        readme("starburst_galaxy")
            .lines()
            .any(|l| l.starts_with(" ### "))
    );
    for dir in ["apache-apisix", "qdrant"] {
        assert!(
            heading_like_line_in_fence(&readme(dir)),
            "{dir}: `#` lines in a fence"
        );
    }
    for dir in ["bind9", "logstash", "qdrant"] {
        let fence_in_list_item = readme(dir).lines().any(|line| line.starts_with("   ```"));
        assert!(fence_in_list_item, "{dir}");
    }
    assert!(manifest("oceanbasecloud").starts_with("{\n    \""));
    let tabs = manifest("zenoh_router")
        .lines()
        .any(|line| line.starts_with('\t'));
    assert!(tabs, "zenoh_router: tab-indented lines");
    assert!(!manifest("census").ends_with('\n'), "no final newline");
    assert!(readme("logstash").contains("{{<"), "Hugo shortcodes");
    for dir in ["sqreen", "f5-distributed-cloud", "grafana"] {
        assert!(manifest(dir).contains("\"saved_views\""), "{dir}");
    }
    for dir in ["fauna", "invary", "isdown"] {
        assert!(
            readme(dir).contains("\n### Uninstallation"),
            "{dir}: nested"
        );
    }
    for dir in ["ably", "modal"] {
        assert!(readme(dir).contains("\n## Uninstallation"), "{dir}");
    }
}

/// The repository files the CODEOWNERS and metadata rules read: every bundled integration has
/// its CODEOWNERS entry, and `.ddev/config.toml` parses and names only bundled integrations.
#[test]
fn the_repository_files_are_trimmed_to_the_bundle() {
    let names: Vec<String> = corpus::integrations(root())
        .iter()
        .map(|dir| dir.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let owners = read(".github/CODEOWNERS");
    for name in &names {
        let entry = format!("/{name}/ ");
        assert!(
            owners.lines().any(|line| line.starts_with(&entry)),
            "{name}"
        );
    }
    for line in owners.lines().filter(|line| line.starts_with('/')) {
        let dir = line[1..].split('/').next().unwrap();
        assert!(names.iter().any(|name| name == dir), "{line}");
    }
    let config: toml::Table = toml::from_str(&read(".ddev/config.toml")).unwrap();
    let overrides = config["overrides"].as_table().unwrap();
    assert_eq!(overrides.len(), 3);
    for (_, table) in overrides {
        for (name, _) in table.as_table().unwrap() {
            assert!(names.contains(name), "{name}");
        }
    }
}
