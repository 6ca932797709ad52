//! How ddlint is installed and identifies itself: `--version` with the commit, shell completions,
//! the build script outside a checkout, and the packaging files that must agree with Cargo.toml
//! (the pre-commit shim's pinned wheel, the repository URL the README shows, the toolchain the
//! Action and the release build with).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[allow(dead_code)]
#[path = "../build.rs"]
mod build_script;

use std::path::Path;
use std::process::Command;

fn ddlint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args(args)
        .output()
        .unwrap()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The value of `key = "..."` on its own line in a TOML or YAML-ish text, the first one.
fn quoted_value(text: &str, key: &str) -> String {
    let line = text
        .lines()
        .find(|line| line.trim_start().starts_with(&format!("{key} = \"")))
        .unwrap_or_else(|| panic!("no {key} = \"...\""));
    line.split('"').nth(1).unwrap().to_owned()
}

#[test]
fn version_names_the_package_version_and_in_a_checkout_the_commit() {
    let output = ddlint(&["--version"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let prefix = format!("ddlint {}", env!("CARGO_PKG_VERSION"));
    assert!(text.starts_with(&prefix), "{text}");
    let rest = text[prefix.len()..].trim_end();
    if !Path::new(env!("CARGO_MANIFEST_DIR")).join(".git").exists() {
        return; // a crates.io tarball or an sdist: the version alone, tested below
    }
    let (hash, date) = rest
        .strip_prefix(" (")
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|inner| inner.split_once(' '))
        .unwrap_or_else(|| panic!("no `(hash date)` after the version: {text:?}"));
    assert_eq!(hash.len(), 9, "{text}");
    assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()), "{text}");
    assert!(
        date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-',
        "{text}"
    );
}

#[test]
fn the_build_script_gives_no_commit_outside_a_checkout() {
    let dir = tempfile::tempdir().unwrap();
    let mut emitted = Vec::new();
    assert_eq!(build_script::from_git(dir.path(), &mut emitted), None);
    assert!(emitted.is_empty(), "nothing to watch outside git");
}

#[test]
fn the_build_script_watches_only_files_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(".git").exists() {
        return;
    }
    let watched = build_script::watched_files(root);
    assert!(!watched.is_empty(), "HEAD at least");
    assert!(watched.iter().all(|path| path.is_file()), "{watched:?}");
}

#[test]
fn the_build_script_accepts_only_a_hex_hash_and_a_date() {
    assert_eq!(
        build_script::commit("ABCDEF0123456789", "2026-12-01"),
        Some(("abcdef012".to_owned(), "2026-12-01".to_owned()))
    );
    assert_eq!(build_script::commit("abc123 x", "2026-12-01"), None);
    assert_eq!(build_script::commit("abc123", "today"), None);
    assert_eq!(build_script::commit("", "2026-12-01"), None);
}

#[test]
fn completions_are_generated_for_every_shell() {
    let marks = [
        ("bash", "complete -F _ddlint"),
        ("zsh", "#compdef ddlint"),
        ("fish", "complete -c ddlint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[ddlint]"),
    ];
    for (shell, mark) in marks {
        let output = ddlint(&["completions", shell]);
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(script.contains(mark), "{shell}: no {mark:?}");
        for word in ["check", "explain", "changed-since", "completions"] {
            assert!(script.contains(word), "{shell} does not complete {word}");
        }
    }
    let output = ddlint(&["completions", "tcsh"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn the_pre_commit_shim_pins_the_wheel_of_this_version() {
    let version = env!("CARGO_PKG_VERSION");
    let shim = read("pyproject.toml");
    assert_eq!(quoted_value(&shim, "name"), "ddlint-pre-commit");
    assert_eq!(quoted_value(&shim, "version"), version, "pyproject.toml");
    let pin = format!("\"ddlint=={version}\"");
    assert!(shim.contains(&pin), "pyproject.toml must depend on {pin}");
    let wheel = read("pypi/pyproject.toml");
    assert_eq!(quoted_value(&wheel, "name"), "ddlint");
    assert!(
        wheel.contains("dynamic = [\"version\"]"),
        "the wheel takes its version from Cargo.toml"
    );
    assert!(wheel.contains("bindings = \"bin\""));
}

/// Every `https://github.com/OWNER/NAME`, `uses: OWNER/NAME@` and `--repo OWNER/NAME` in the
/// text, but the actions and repositories of others the text names.
fn own_repository_mentions(text: &str) -> Vec<String> {
    const OTHERS: [&str; 5] = ["actions/", "DataDog/", "github/", "pypa/", "PyO3/"];
    let mut found = Vec::new();
    for (marker, prefix) in [
        ("https://github.com/", "https://github.com/"),
        ("uses: ", ""),
    ] {
        for (at, _) in text.match_indices(marker) {
            let rest = &text[at + marker.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || "-_./".contains(c)))
                .unwrap_or(rest.len());
            let path: Vec<&str> = rest[..end].split('/').take(2).collect();
            if path.len() < 2 || path[0].is_empty() || path[0] == "." {
                continue;
            }
            let repo = format!("{}/{}", path[0], path[1].trim_end_matches(".git"));
            if !OTHERS.iter().any(|other| repo.starts_with(other)) {
                found.push(format!("{prefix}{repo}"));
            }
        }
    }
    found
}

#[test]
fn the_readme_names_the_repository_that_cargo_toml_names() {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let path = repository.strip_prefix("https://github.com/").unwrap();
    for file in [
        "README.md",
        "examples/workflows/ddlint.yml",
        "pypi/pyproject.toml",
    ] {
        let mentions = own_repository_mentions(&read(file));
        assert!(!mentions.is_empty(), "{file} names no repository");
        for mention in mentions {
            assert!(
                mention == repository || mention == path,
                "{file} names {mention}, Cargo.toml's repository is {repository}"
            );
        }
    }
}

#[test]
fn the_action_and_the_release_build_with_one_pinned_toolchain() {
    let build = read("action/build.sh");
    let pinned = build
        .lines()
        .find_map(|line| line.strip_prefix("toolchain="))
        .unwrap()
        .trim_matches('"');
    assert!(pinned.split('.').count() == 3, "a full version: {pinned}");
    let release = read(".github/workflows/release.yml");
    assert!(
        release.contains(&format!("RUST_TOOLCHAIN: \"{pinned}\"")),
        "release.yml builds with another toolchain than the Action's {pinned}"
    );
}

#[test]
fn the_hooks_cover_every_file_ddlint_reads() {
    let hooks = read(".pre-commit-hooks.yaml");
    let patterns: Vec<&str> = hooks
        .lines()
        .filter_map(|line| line.trim().strip_prefix("files: "))
        .collect();
    assert_eq!(patterns.len(), 2, "two hooks: {hooks}");
    assert!(patterns.iter().all(|pattern| *pattern == patterns[0]));
    let pattern = regex::Regex::new(patterns[0].trim_matches('\'')).unwrap();
    for read in [
        "acme/manifest.json",
        "acme/README.md",
        "acme/CHANGELOG.md",
        "acme/metadata.csv",
        "acme/assets/oauth_clients.json",
        "acme/assets/service_checks.json",
        "acme/assets/dashboards/overview.json",
        "acme/assets/monitors/high_latency.json",
        "acme/assets/saved_views/errors.json",
        "acme/assets/configuration/spec.yaml",
        "acme/assets/eula.pdf",
        "acme/images/screenshot.png",
        "manifest.json",
    ] {
        assert!(pattern.is_match(read), "the hooks miss {read}");
    }
    for unread in [
        "acme/datadog_checks/acme/check.py",
        "acme/hatch.toml",
        ".github/CODEOWNERS",
    ] {
        assert!(!pattern.is_match(unread), "the hooks run for {unread}");
    }
}
