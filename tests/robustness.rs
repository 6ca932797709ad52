//! Hostile input never crashes or hangs ddlint (SPEC section 3): each case breaks one file of one
//! integration in a repository of two, runs the real binary, and checks that the broken file gets
//! a clear finding while the other integration is still checked.
//!
//! Every test builds its repository in a temporary directory: `repo/broken` (a copy of a clean
//! fixture, then broken) and `repo/other` (a second clean fixture, untouched). Nothing here
//! measures time: a guard only kills ddlint if it has not finished after a minute, so that a
//! hang fails the test instead of blocking the suite.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A clean integration without OAuth.
const CLEAN: &str = "fixtures/valid-no-oauth";
/// A clean integration with an OAuth client: a different app_uuid from `CLEAN`.
const CLEAN_OAUTH: &str = "fixtures/valid-oauth-after-setup";

/// After this long ddlint is considered hung and killed (a guard, not a measurement).
const HANG_GUARD: Duration = Duration::from_secs(60);

/// Copies a fixture directory, leaving out its expected outputs and making every copy writable
/// (fixture files are read-only).
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with("expected.") {
            continue;
        }
        let path = entry.path();
        let target = to.join(&name);
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            copy_tree(&path, &target);
        } else if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(fs::read_link(&path).unwrap(), &target).unwrap();
        } else {
            fs::copy(&path, &target).unwrap();
            let mut permissions = fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            fs::set_permissions(&target, permissions).unwrap();
        }
    }
}

/// A repository of two integrations, `broken` and `other`, in a temporary directory.
struct Repo {
    tmp: tempfile::TempDir,
}

impl Repo {
    /// `broken` is a copy of [`CLEAN`], `other` of [`CLEAN_OAUTH`].
    fn new() -> Self {
        Self::of(CLEAN, CLEAN_OAUTH)
    }

    fn of(broken: &str, other: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        copy_tree(Path::new(broken), &tmp.path().join("repo/broken"));
        copy_tree(Path::new(other), &tmp.path().join("repo/other"));
        Self { tmp }
    }

    /// A path inside the broken integration.
    fn broken(&self, name: &str) -> PathBuf {
        self.tmp.path().join("repo/broken").join(name)
    }

    /// A path in the temporary directory, outside the repository.
    fn outside(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Replaces `name` in the broken integration by nothing (so a test can put something else
    /// there).
    fn remove(&self, name: &str) -> PathBuf {
        let path = self.broken(name);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(&path).unwrap();
        } else {
            fs::remove_file(&path).unwrap();
        }
        path
    }

    fn edit_manifest(&self, edit: impl FnOnce(&str) -> String) {
        let path = self.broken("manifest.json");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, edit(&text)).unwrap();
    }

    /// Runs `ddlint check --format json repo` from the temporary directory.
    fn check(&self) -> Outcome {
        self.run(&["check", "--format", "json", "repo"])
    }

    /// Runs ddlint with `args` from the temporary directory and checks what every run must be:
    /// exit 0 or 1, never 2, never a signal, nothing left running.
    fn run(&self, args: &[&str]) -> Outcome {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ddlint"))
            .args(args)
            .current_dir(self.tmp.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ddlint starts");
        let drain = |mut pipe: Box<dyn Read + Send>| {
            thread::spawn(move || {
                let mut bytes = Vec::new();
                pipe.read_to_end(&mut bytes).unwrap();
                bytes
            })
        };
        let stdout = drain(Box::new(child.stdout.take().unwrap()));
        let stderr = drain(Box::new(child.stderr.take().unwrap()));
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > HANG_GUARD {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!("ddlint {args:?} hung: killed after {HANG_GUARD:?}");
            }
            thread::sleep(Duration::from_millis(5));
        };
        let stdout = String::from_utf8_lossy(&stdout.join().unwrap()).into_owned();
        let stderr = String::from_utf8_lossy(&stderr.join().unwrap()).into_owned();
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                None,
                "ddlint was killed by a signal\nstderr: {stderr}"
            );
        }
        let code = status.code().unwrap();
        assert!(
            code == 0 || code == 1,
            "ddlint exited with {code} (0 or 1 expected)\nstderr: {stderr}\nstdout: {stdout}"
        );
        assert!(
            !stderr.contains("panicked"),
            "ddlint panicked\nstderr: {stderr}"
        );
        Outcome {
            code,
            stdout,
            stderr,
        }
    }
}

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Outcome {
    /// The JSON document, after checking that both integrations were checked and that the
    /// clean one has no finding.
    fn json(&self) -> Value {
        let document: Value = serde_json::from_str(&self.stdout).unwrap_or_else(|error| {
            panic!(
                "stdout is not JSON ({error})\nstderr: {}\nstdout: {}",
                self.stderr,
                self.stdout.chars().take(2000).collect::<String>()
            )
        });
        assert_eq!(document["version"], 1, "{document:#}");
        assert_eq!(
            document["summary"]["integrations"], 2,
            "both integrations are checked: {document:#}"
        );
        let other: Vec<&Value> = diagnostics(&document)
            .iter()
            .filter(|d| file_of(d).starts_with("repo/other"))
            .collect();
        assert!(
            other.is_empty(),
            "the clean integration has findings: {other:#?}"
        );
        let errors = document["summary"]["errors"].as_u64().unwrap();
        assert_eq!(
            self.code,
            i32::from(errors > 0),
            "exit code and errors agree"
        );
        document
    }

    /// The one finding of `rule` on `repo/broken/<file>`; fails with the whole report otherwise.
    fn finding(&self, rule: &str, file: &str) -> Value {
        let document = self.json();
        let wanted = Path::new("repo/broken").join(file);
        let found: Vec<&Value> = diagnostics(&document)
            .iter()
            .filter(|d| d["name"] == rule && file_of(d) == wanted)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "expected one `{rule}` on {}: {document:#}",
            wanted.display()
        );
        assert_eq!(self.code, 1, "an error-level finding fails the run");
        found[0].clone()
    }
}

fn diagnostics(document: &Value) -> &[Value] {
    document["diagnostics"].as_array().unwrap()
}

fn file_of(diagnostic: &Value) -> PathBuf {
    PathBuf::from(diagnostic["file"].as_str().unwrap())
}

fn message(diagnostic: &Value) -> &str {
    diagnostic["message"].as_str().unwrap()
}

fn assert_says(diagnostic: &Value, words: &[&str]) {
    let message = message(diagnostic);
    for word in words {
        assert!(
            message.contains(word),
            "the message should say `{word}`: {message}"
        );
    }
}

fn position(diagnostic: &Value) -> (u64, u64) {
    (
        diagnostic["line"].as_u64().unwrap(),
        diagnostic["column"].as_u64().unwrap(),
    )
}

/// Writes a sparse file of `len` bytes (no disk space, no time).
fn sparse(path: &Path, len: u64) {
    File::create(path).unwrap().set_len(len).unwrap();
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

// --- the baseline ------------------------------------------------------------------------------

#[test]
fn the_two_clean_integrations_have_no_finding() {
    let outcome = Repo::new().check();
    let document = outcome.json();
    assert_eq!(outcome.code, 0);
    assert!(diagnostics(&document).is_empty(), "{document:#}");
}

// --- not UTF-8 ---------------------------------------------------------------------------------

#[test]
fn a_latin1_readme_is_unreadable_at_its_first_bad_byte() {
    let repo = Repo::new();
    fs::write(
        repo.broken("README.md"),
        b"# InsightFinder\n\n## Overview\n\nCaf\xe9 au lait\n\n## Setup\n\n## Support\n",
    )
    .unwrap();
    let finding = repo.check().finding("file-unreadable", "README.md");
    assert_says(&finding, &["README.md", "not valid UTF-8", "0xE9"]);
    assert_eq!(position(&finding), (5, 4));
}

#[test]
fn a_manifest_with_an_invalid_byte_is_unreadable_at_that_byte() {
    let repo = Repo::new();
    let path = repo.broken("manifest.json");
    let text = fs::read(&path).unwrap();
    let at = text.windows(7).position(|w| w == b"Insight").unwrap();
    let mut broken = text.clone();
    broken.insert(at + 7, 0xFF);
    fs::write(&path, &broken).unwrap();
    let line = 1 + text[..at].iter().filter(|&&b| b == b'\n').count() as u64;
    let finding = repo.check().finding("file-unreadable", "manifest.json");
    assert_says(&finding, &["manifest.json", "not valid UTF-8", "0xFF"]);
    assert_eq!(finding["line"].as_u64().unwrap(), line);
}

#[test]
fn utf16_is_not_utf8() {
    let repo = Repo::new();
    let utf16: Vec<u8> = "\u{feff}# Title\n## Overview\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    fs::write(repo.broken("README.md"), utf16).unwrap();
    let finding = repo.check().finding("file-unreadable", "README.md");
    assert_says(&finding, &["not valid UTF-8"]);
}

// --- empty files -------------------------------------------------------------------------------

#[test]
fn an_empty_manifest_is_invalid_json() {
    let repo = Repo::new();
    fs::write(repo.broken("manifest.json"), "").unwrap();
    let finding = repo.check().finding("invalid-json", "manifest.json");
    assert_says(&finding, &["manifest.json", "empty"]);
    assert_eq!(position(&finding), (1, 1));
}

#[test]
fn an_empty_readme_has_no_overview_and_no_setup() {
    let repo = Repo::new();
    fs::write(repo.broken("README.md"), "").unwrap();
    let outcome = repo.check();
    let overview = outcome.finding("overview-section-missing", "README.md");
    assert_says(&overview, &["Overview"]);
    let setup = outcome.finding("setup-section-missing", "README.md");
    assert_says(&setup, &["Setup"]);
}

#[test]
fn a_manifest_of_whitespace_is_invalid_json() {
    let repo = Repo::new();
    fs::write(repo.broken("manifest.json"), " \r\n\t\n").unwrap();
    repo.check().finding("invalid-json", "manifest.json");
}

// --- huge files: a size limit, not a read -------------------------------------------------------

#[test]
fn a_100_mb_readme_is_refused_by_its_size() {
    let repo = Repo::new();
    sparse(&repo.broken("README.md"), 100 * 1024 * 1024);
    let finding = repo.check().finding("file-unreadable", "README.md");
    assert_says(&finding, &["README.md", "104857600 bytes", "at most"]);
}

#[test]
fn a_100_mb_manifest_is_refused_by_its_size() {
    let repo = Repo::new();
    sparse(&repo.broken("manifest.json"), 100 * 1024 * 1024);
    let finding = repo.check().finding("file-unreadable", "manifest.json");
    assert_says(&finding, &["manifest.json", "104857600 bytes", "at most"]);
}

#[test]
fn a_manifest_with_a_10_mb_string_is_refused_by_its_size() {
    let repo = Repo::new();
    let long = "x".repeat(10 * 1024 * 1024);
    repo.edit_manifest(|text| {
        text.replacen(
            "Integrate data from DataDog for analysis by InsightFinder",
            &long,
            1,
        )
    });
    let finding = repo.check().finding("file-unreadable", "manifest.json");
    assert_says(&finding, &["manifest.json", "bytes", "at most"]);
}

#[test]
fn a_manifest_with_a_4_mb_description_is_read_and_reported_briefly() {
    let repo = Repo::new();
    let long = "x".repeat(4 * 1024 * 1024);
    repo.edit_manifest(|text| {
        text.replacen(
            "Integrate data from DataDog for analysis by InsightFinder",
            &long,
            1,
        )
    });
    let outcome = repo.check();
    let finding = outcome.finding_at_level("description-too-long", "manifest.json");
    assert_says(&finding, &["4194304 characters"]);
    assert!(message(&finding).len() < 1000, "{}", message(&finding));
}

impl Outcome {
    /// Like [`Outcome::finding`], for a warning (the run may still exit 0).
    fn finding_at_level(&self, rule: &str, file: &str) -> Value {
        let document = self.json();
        let wanted = Path::new("repo/broken").join(file);
        diagnostics(&document)
            .iter()
            .find(|d| d["name"] == rule && file_of(d) == wanted)
            .cloned()
            .unwrap_or_else(|| panic!("expected `{rule}` on {}: {document:#}", wanted.display()))
    }
}

/// Every message quotes user text; a hostile value must not make a megabyte-long message.
#[test]
fn messages_quote_long_values_shortened() {
    let repo = Repo::new();
    let long = "a".repeat(1024 * 1024);
    repo.edit_manifest(|text| {
        text.replacen("144b8c72-b842-4257-9815-93aa63ad2da1", &long, 1)
            .replacen("README.md#Support", &format!("README.md#{long}"), 1)
            .replacen("assets/dashboards/ifdashboard.json", &long, 1)
            .replacen("\"owner\"", &format!("\"{long}\": 1, \"owner\""), 1)
    });
    let outcome = repo.check();
    let document = outcome.json();
    assert!(
        diagnostics(&document).len() >= 4,
        "{}",
        outcome.stdout.len()
    );
    for d in diagnostics(&document) {
        let text = format!("{} {}", message(d), d["help"].as_str().unwrap_or(""));
        assert!(
            text.len() < 2000,
            "{}: a message of {} bytes",
            d["name"],
            text.len()
        );
    }
}

// --- deep nesting ------------------------------------------------------------------------------

#[test]
fn json_arrays_nested_100_000_deep_are_invalid_json_not_a_stack_overflow() {
    let repo = Repo::new();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    fs::write(repo.broken("manifest.json"), deep).unwrap();
    let finding = repo.check().finding("invalid-json", "manifest.json");
    assert_says(&finding, &["nested", "deep"]);
}

#[test]
fn json_objects_nested_100_000_deep_are_invalid_json_not_a_stack_overflow() {
    let repo = Repo::new();
    let deep = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    fs::write(repo.broken("manifest.json"), deep).unwrap();
    let finding = repo.check().finding("invalid-json", "manifest.json");
    assert_says(&finding, &["nested", "deep"]);
}

#[test]
fn unclosed_json_nested_100_000_deep_is_invalid_json() {
    let repo = Repo::new();
    fs::write(repo.broken("manifest.json"), "[{\"a\":".repeat(50_000)).unwrap();
    repo.check().finding("invalid-json", "manifest.json");
}

#[test]
fn markdown_nested_100_000_deep_is_read() {
    let repo = Repo::new();
    let mut readme = fs::read_to_string(repo.broken("README.md")).unwrap();
    readme.push_str(&format!("\n{} quoted\n\n", ">".repeat(100_000)));
    readme.push_str(&format!("{}item\n\n", "- ".repeat(100_000)));
    readme.push_str(&format!("{}\n\n", "[".repeat(100_000)));
    readme.push_str(&"*a".repeat(100_000));
    fs::write(repo.broken("README.md"), readme).unwrap();
    let outcome = repo.check();
    let document = outcome.json();
    assert!(diagnostics(&document).is_empty(), "{document:#}");
}

// --- a directory or a special file where a file was expected -----------------------------------

#[test]
fn a_directory_named_manifest_json_is_not_a_regular_file() {
    let repo = Repo::new();
    let path = repo.remove("manifest.json");
    fs::create_dir(&path).unwrap();
    let finding = repo.check().finding("file-unreadable", "manifest.json");
    assert_says(&finding, &["manifest.json", "not a regular file"]);
}

#[test]
fn a_directory_named_readme_md_is_not_a_regular_file() {
    let repo = Repo::new();
    let path = repo.remove("README.md");
    fs::create_dir(&path).unwrap();
    let finding = repo.check().finding("file-unreadable", "README.md");
    assert_says(&finding, &["README.md", "not a regular file"]);
}

#[test]
#[cfg(unix)]
fn a_fifo_named_readme_md_is_not_opened() {
    let repo = Repo::new();
    mkfifo(&repo.remove("README.md"));
    let finding = repo.check().finding("file-unreadable", "README.md");
    assert_says(
        &finding,
        &["README.md", "special file", "not a regular file"],
    );
}

#[test]
#[cfg(unix)]
fn a_fifo_named_manifest_json_is_not_opened() {
    let repo = Repo::new();
    mkfifo(&repo.remove("manifest.json"));
    let finding = repo.check().finding("file-unreadable", "manifest.json");
    assert_says(&finding, &["manifest.json", "not a regular file"]);
}

#[test]
#[cfg(unix)]
fn a_fifo_as_the_oauth_client_file_is_not_opened() {
    let repo = Repo::of(CLEAN_OAUTH, CLEAN);
    mkfifo(&repo.remove("assets/oauth_clients.json"));
    let finding = repo
        .check()
        .finding("referenced-file-missing", "manifest.json");
    assert_says(
        &finding,
        &["assets/oauth_clients.json", "is not a regular file"],
    );
}

#[test]
#[cfg(unix)]
fn a_fifo_as_a_referenced_dashboard_is_not_opened() {
    let repo = Repo::new();
    mkfifo(&repo.remove("assets/dashboards/ifdashboard.json"));
    let finding = repo
        .check()
        .finding("referenced-file-missing", "manifest.json");
    assert_says(
        &finding,
        &[
            "assets/dashboards/ifdashboard.json",
            "is not a regular file",
        ],
    );
}

#[test]
#[cfg(unix)]
fn a_readme_linked_to_dev_zero_is_not_read() {
    let repo = Repo::new();
    symlink("/dev/zero", &repo.remove("README.md"));
    let finding = repo
        .check()
        .finding("path-escapes-integration", "README.md");
    assert_says(&finding, &["README.md", "symbolic link", "outside"]);
}

// --- files read for their first bytes only: the EULA, media images -----------------------------

/// A clean Marketplace listing with a PDF EULA and two media images.
const LISTING: &str = "fixtures/valid-marketplace-listing";

#[test]
#[cfg(unix)]
fn a_fifo_as_the_eula_is_not_opened() {
    let repo = Repo::of(LISTING, CLEAN);
    mkfifo(&repo.remove("assets/eula.pdf"));
    let finding = repo
        .check()
        .finding("referenced-file-missing", "manifest.json");
    assert_says(&finding, &["assets/eula.pdf", "is not a regular file"]);
}

#[test]
fn a_100_mb_eula_or_image_is_read_for_its_header_only() {
    let repo = Repo::of(LISTING, CLEAN);
    // Each keeps its header (`%PDF`, a 16:9 PNG's IHDR) and grows to 100 MB.
    for name in ["assets/eula.pdf", "images/dashboard.png"] {
        let file = fs::OpenOptions::new()
            .write(true)
            .open(repo.broken(name))
            .unwrap();
        file.set_len(100 * 1024 * 1024).unwrap();
    }
    // Within a 1 MiB budget, and nothing said by the rules that read them or by file-unreadable.
    let rules = "eula-not-pdf,media-image-dimensions,file-unreadable";
    let args = [
        "check",
        "--format",
        "json",
        "--read-limit",
        "1",
        "--select",
        rules,
        "repo",
    ];
    let document = repo.run(&args).json();
    assert!(diagnostics(&document).is_empty(), "{document:#}");
}

#[test]
fn an_eula_that_is_not_a_pdf_is_reported_and_an_empty_one_is_not_judged() {
    let repo = Repo::of(LISTING, CLEAN);
    fs::write(repo.broken("assets/eula.pdf"), "<html>terms</html>").unwrap();
    let finding = repo.check().finding("eula-not-pdf", "manifest.json");
    assert_says(&finding, &["assets/eula.pdf", "not a PDF"]);
    fs::write(repo.broken("assets/eula.pdf"), "").unwrap();
    let document = repo.check().json();
    assert!(diagnostics(&document).is_empty(), "{document:#}");
}

// --- symbolic links ----------------------------------------------------------------------------

#[test]
#[cfg(unix)]
fn a_symlink_loop_as_a_dashboard_path_cannot_be_reached() {
    let repo = Repo::new();
    symlink("b", &repo.broken("assets/dashboards/a"));
    symlink("a", &repo.broken("assets/dashboards/b"));
    repo.edit_manifest(|text| {
        text.replacen(
            "assets/dashboards/ifdashboard.json",
            "assets/dashboards/a",
            1,
        )
    });
    let finding = repo
        .check()
        .finding("referenced-file-missing", "manifest.json");
    assert_says(&finding, &["assets/dashboards/a", "cannot be reached"]);
}

#[test]
#[cfg(unix)]
fn a_symlink_loop_named_readme_md_cannot_be_read() {
    // Covers "cannot be read" even as root, where permissions do not stop reads.
    let repo = Repo::new();
    symlink("README.md", &repo.remove("README.md"));
    let finding = repo.check().finding("file-unreadable", "README.md");
    assert_says(&finding, &["README.md", "cannot be read"]);
}

#[test]
#[cfg(unix)]
fn a_symlink_loop_named_manifest_json_cannot_be_read() {
    let repo = Repo::new();
    symlink("manifest.json", &repo.remove("manifest.json"));
    let finding = repo.check().finding("file-unreadable", "manifest.json");
    assert_says(&finding, &["manifest.json", "cannot be read"]);
}

#[test]
#[cfg(unix)]
fn a_dangling_readme_symlink_is_reported_as_such() {
    let repo = Repo::new();
    symlink("nowhere.md", &repo.remove("README.md"));
    let finding = repo.check().finding("file-unreadable", "README.md");
    assert_says(&finding, &["README.md", "symbolic link", "does not exist"]);
}

/// discovery.rs counts `manifest.json` "in any form (a broken link ... is reported later)":
/// the dangling link is reported on the file.
#[test]
#[cfg(unix)]
fn a_dangling_manifest_symlink_is_reported() {
    let repo = Repo::new();
    symlink("nowhere.json", &repo.remove("manifest.json"));
    let finding = repo.check().finding("file-unreadable", "manifest.json");
    assert_says(&finding, &["manifest.json"]);
}

#[test]
#[cfg(unix)]
fn a_referenced_file_linked_outside_the_repository_escapes() {
    let repo = Repo::new();
    let outside = repo.outside("secret.json");
    fs::write(&outside, "{}").unwrap();
    symlink(&outside, &repo.remove("assets/dashboards/ifdashboard.json"));
    let finding = repo
        .check()
        .finding("path-escapes-integration", "manifest.json");
    assert_says(
        &finding,
        &[
            "assets/dashboards/ifdashboard.json",
            "symbolic link",
            "outside",
        ],
    );
}

#[test]
#[cfg(unix)]
fn a_referenced_directory_linked_outside_the_repository_escapes() {
    let repo = Repo::new();
    let outside = repo.outside("dashboards");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("ifdashboard.json"), "{}").unwrap();
    symlink(&outside, &repo.remove("assets/dashboards"));
    let finding = repo
        .check()
        .finding("path-escapes-integration", "manifest.json");
    assert_says(&finding, &["symbolic link", "outside"]);
}

// --- permissions -------------------------------------------------------------------------------

/// Whether this process reads files whatever their mode (root, or CAP_DAC_OVERRIDE).
#[cfg(unix)]
fn permissions_are_ignored(probe: &Path) -> bool {
    File::open(probe).is_ok()
}

#[test]
#[cfg(unix)]
fn an_unreadable_readme_cannot_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    let path = repo.broken("README.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if permissions_are_ignored(&path) {
        // Running as root: mode 000 does not stop reads, so there is nothing to observe here.
        // "cannot be read" is covered by the symlink-loop and special-file cases above.
        eprintln!("skipped: this process reads files whatever their permissions (root)");
        return;
    }
    let finding = repo.check().finding("file-unreadable", "README.md");
    assert_says(&finding, &["README.md", "cannot be read"]);
}

#[test]
#[cfg(unix)]
fn an_unreadable_manifest_cannot_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    let path = repo.broken("manifest.json");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if permissions_are_ignored(&path) {
        // As above: root reads mode-000 files.
        eprintln!("skipped: this process reads files whatever their permissions (root)");
        return;
    }
    let finding = repo.check().finding("file-unreadable", "manifest.json");
    assert_says(&finding, &["manifest.json", "cannot be read"]);
}

// --- long lines in the human format ------------------------------------------------------------

/// The `{` of the manifest followed by `pad` spaces: every label of the root's members starts
/// past column `pad`.
fn pad_first_line(repo: &Repo, pad: usize) {
    repo.edit_manifest(|text| {
        let member = "\"app_uuid\": \"144b8c72-b842-4257-9815-93aa63ad2da1\",";
        assert!(text.starts_with('{') && text.contains(member));
        let rest = text.replacen(member, "", 1);
        let long_line = format!("{{{}\"app_uuid\": \"X\",", " ".repeat(pad));
        rest.replacen('{', &long_line, 1)
    });
}

#[test]
fn a_label_past_column_65535_is_reported_in_json() {
    let repo = Repo::new();
    pad_first_line(&repo, 70_000);
    let finding = repo.check().finding("app-uuid-invalid", "manifest.json");
    assert_eq!(position(&finding), (1, 70_014));
}

/// Minimal input: `manifest.json` = `{` + 65,523 spaces + `"app_uuid": "X"}`. miette pads the
/// underline with `{:width$}`, and a format width over 65,535 panics ("Formatting argument out
/// of range"): exit 101 from `ddlint check` in the default format.
#[test]
fn a_label_past_column_65535_is_rendered_in_the_human_format() {
    let repo = Repo::new();
    pad_first_line(&repo, 70_000);
    let outcome = repo.run(&["check", "repo"]);
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stdout.contains("app-uuid-invalid"),
        "{}",
        outcome.stdout
    );
}

// --- CRLF and a BOM are valid input: the same findings at the same places -----------------------

/// The fixture with findings in both files.
const BOTH_FILES: &str = "fixtures/uninstallation-field-missing-oauth";

/// (rule, file, line, column, end line, end column) of every finding and label.
fn places(outcome: &Outcome) -> Vec<(String, String, Vec<[u64; 4]>)> {
    let document = outcome.json();
    diagnostics(&document)
        .iter()
        .map(|d| {
            let labels = d["labels"]
                .as_array()
                .unwrap()
                .iter()
                .chain(std::iter::once(d))
                .map(|l| {
                    ["line", "column", "end_line", "end_column"].map(|k| l[k].as_u64().unwrap())
                })
                .collect();
            (
                d["name"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
                labels,
            )
        })
        .collect()
}

fn rewrite(repo: &Repo, edit: impl Fn(&[u8]) -> Vec<u8>) {
    for name in ["manifest.json", "README.md"] {
        let path = repo.broken(name);
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, edit(&bytes)).unwrap();
    }
}

fn to_crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        if b == b'\n' && out.last() != Some(&b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

fn with_bom(bytes: &[u8]) -> Vec<u8> {
    [b"\xEF\xBB\xBF".as_slice(), bytes].concat()
}

/// Edits both files of the fixture and compares every place with the original's. With
/// `bom`, a warning about the BOM itself is allowed (SPEC: RFC 8259 forbids emitting one).
fn same_findings_after(edit: impl Fn(&[u8]) -> Vec<u8>, bom: bool) {
    let original = Repo::of(BOTH_FILES, CLEAN);
    let expected = places(&original.check());
    let files: Vec<&str> = expected.iter().map(|(_, f, _)| f.as_str()).collect();
    assert!(
        files.contains(&"repo/broken/manifest.json") && files.contains(&"repo/broken/README.md"),
        "the fixture should have findings in both files: {expected:?}"
    );
    let edited = Repo::of(BOTH_FILES, CLEAN);
    rewrite(&edited, &edit);
    let outcome = edited.check();
    let document = outcome.json();
    let about_the_bom = |d: &Value| {
        let text = message(d).to_lowercase();
        bom && d["level"] == "warning" && (text.contains("bom") || text.contains("byte order"))
    };
    let kept: Vec<_> = places(&outcome)
        .into_iter()
        .zip(diagnostics(&document))
        .filter(|(_, d)| !about_the_bom(d))
        .map(|(place, _)| place)
        .collect();
    assert_eq!(kept, expected);
}

#[test]
fn crlf_line_endings_give_the_same_findings() {
    same_findings_after(to_crlf, false);
}

#[test]
fn a_utf8_bom_gives_the_same_findings() {
    same_findings_after(with_bom, true);
}

#[test]
fn a_bom_and_crlf_give_the_same_findings() {
    same_findings_after(|bytes| with_bom(&to_crlf(bytes)), true);
}

#[test]
fn a_lone_cr_or_a_bom_alone_does_not_crash() {
    let repo = Repo::new();
    fs::write(repo.broken("README.md"), "\u{feff}").unwrap();
    fs::write(repo.broken("manifest.json"), "\u{feff}\r").unwrap();
    let outcome = repo.check();
    outcome.finding("invalid-json", "manifest.json");
    outcome.finding("overview-section-missing", "README.md");
}
