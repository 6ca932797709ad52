//! The package's metadata is true: `rust-version` is at least what every locked dependency
//! needs, the licence is declared and shipped, and every install command builds from the lock.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

/// `1.88` or `1.88.0` as (1, 88, 0).
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|part| part.parse::<u64>().unwrap());
    let mut next = || parts.next().unwrap_or(0);
    (next(), next(), next())
}

fn metadata() -> serde_json::Value {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo metadata --locked: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn rust_version_is_what_the_locked_dependencies_need() {
    let ours = version(env!("CARGO_PKG_RUST_VERSION"));
    let metadata = metadata();
    let packages = metadata["packages"].as_array().unwrap();
    assert!(
        packages.len() > 100,
        "every locked package, for every platform"
    );
    let newer: Vec<String> = packages
        .iter()
        .filter_map(|package| {
            let needs = package["rust_version"].as_str()?;
            let name = package["name"].as_str()?;
            let found = format!("{name} {} needs Rust {needs}", package["version"]);
            (version(needs) > ours).then_some(found)
        })
        .collect();
    assert!(
        newer.is_empty(),
        "Cargo.toml says rust-version {}, but:\n{}",
        env!("CARGO_PKG_RUST_VERSION"),
        newer.join("\n")
    );
}

#[test]
fn the_licence_is_declared_and_shipped() {
    assert_eq!(env!("CARGO_PKG_LICENSE"), "MIT");
    let licence = std::fs::read_to_string("LICENSE").unwrap();
    assert!(licence.starts_with("MIT License\n"), "{licence}");
    assert!(env!("CARGO_PKG_REPOSITORY").starts_with("https://"));
    assert!(env!("CARGO_PKG_HOMEPAGE").starts_with("https://"));
}

/// Every `cargo install` or `cargo build` that the README, the Action or CI runs uses the
/// committed lock file.
#[test]
fn every_install_command_is_locked() {
    let files = [
        "README.md",
        "action.yml",
        ".ci/run",
        ".ci/integration.sh",
        ".ci/validate-sarif.sh",
    ];
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        for line in text.lines() {
            let installs = ["cargo install", "cargo build"]
                .iter()
                .any(|command| line.contains(command));
            if installs && !line.trim_start().starts_with('#') {
                assert!(line.contains("--locked"), "{file}: {line}");
            }
        }
    }
}
