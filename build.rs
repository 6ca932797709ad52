//! Build script: the commit that `ddlint --version` prints (`ddlint 0.1.0 (abc123def 2026-12-01)`).
//!
//! The commit comes from `DDLINT_COMMIT_HASH` and `DDLINT_COMMIT_DATE` when the release build
//! sets them, else from `git` when the crate is built in a checkout of its repository. Outside
//! one (a crates.io tarball, a wheel's sdist, an Action downloaded as an archive) the version is
//! printed alone: this script never fails for want of git.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() -> io::Result<()> {
    let mut out = io::stdout().lock();
    // Naming any file replaces cargo's default (rerun on every change in the package).
    writeln!(out, "cargo:rerun-if-changed=build.rs")?;
    writeln!(out, "cargo:rerun-if-env-changed=DDLINT_COMMIT_HASH")?;
    writeln!(out, "cargo:rerun-if-env-changed=DDLINT_COMMIT_DATE")?;
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = from_env().or_else(|| from_git(&dir, &mut out));
    let long = match commit {
        Some((hash, date)) => format!("{version} ({hash} {date})"),
        None => version,
    };
    writeln!(out, "cargo:rustc-env=DDLINT_VERSION={long}")
}

/// The commit the release build names, when both variables hold a plausible value.
fn from_env() -> Option<(String, String)> {
    let hash = std::env::var("DDLINT_COMMIT_HASH").ok()?;
    let date = std::env::var("DDLINT_COMMIT_DATE").ok()?;
    commit(hash.trim(), date.trim())
}

/// `HEAD` of the checkout the crate is built in; `None` when this is not one, or git fails.
pub fn from_git(dir: &Path, out: &mut dyn Write) -> Option<(String, String)> {
    // Only the crate's own repository: a crate unpacked inside some other repository (a home
    // directory under git) must not take that repository's commit.
    if !dir.join(".git").exists() {
        return None;
    }
    for watched in watched_files(dir) {
        writeln!(out, "cargo:rerun-if-changed={}", watched.display()).ok()?;
    }
    let line = git(
        dir,
        &["log", "-1", "--abbrev=9", "--date=short", "--format=%h %cd"],
    )?;
    let (hash, date) = line.split_once(' ')?;
    commit(hash, date)
}

/// `HEAD`, the branch it names and `packed-refs`: a commit or a checkout changes one of them.
/// Only existing files: cargo reruns the script on every build for a path that is missing.
pub fn watched_files(dir: &Path) -> Vec<PathBuf> {
    let mut names = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        names.push(branch);
    }
    names
        .iter()
        .filter_map(|name| git(dir, &["rev-parse", "--git-path", name]))
        .map(|path| dir.join(path))
        .filter(|path| path.is_file())
        .collect()
}

/// One line of git's output, trimmed; `None` when git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.fsmonitor=false"])
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let line = text.trim();
    (output.status.success() && !line.is_empty()).then(|| line.to_owned())
}

/// A short hexadecimal hash and a `YYYY-MM-DD` date, or nothing.
pub fn commit(hash: &str, date: &str) -> Option<(String, String)> {
    let hex = !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit());
    let dated = date.len() == 10 && date.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    let short: String = hash.chars().take(9).collect();
    (hex && dated).then(|| (short.to_ascii_lowercase(), date.to_owned()))
}
