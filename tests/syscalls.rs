//! What ddlint touches, seen by the kernel: each case runs the real binary under `strace` and
//! reads every file system call it made. A hostile tree's links (`a -> .`, links to `/etc`,
//! chains, directories) never make ddlint open, stat or read anything outside the integration,
//! and a kind of file whose rules are off is never opened. Without `strace` the tests say so and
//! pass; CI installs it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(target_os = "linux")]

mod support;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::copy_tree;

/// A temporary directory holding `repo/acme` (a clean integration with a dashboard and service
/// checks) and, beside the repository, files that must never be touched.
struct Tree {
    tmp: tempfile::TempDir,
}

impl Tree {
    fn new() -> Self {
        Self::of("fixtures/valid-service-checks-and-dashboard")
    }

    /// The tree with the fixture `fixture` as `repo/acme`.
    fn of(fixture: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
        copy_tree(&from, &tmp.path().join("repo/acme"));
        std::fs::write(
            tmp.path().join("secret.json"),
            "{\"integration\": {\"id\": \"token\"}}",
        )
        .unwrap();
        std::fs::create_dir(tmp.path().join("outside")).unwrap();
        std::fs::write(tmp.path().join("outside/oauth_clients.json"), "{}").unwrap();
        Self { tmp }
    }

    fn acme(&self, name: &str) -> PathBuf {
        self.tmp.path().join("repo/acme").join(name)
    }

    fn root(&self) -> PathBuf {
        self.tmp.path().canonicalize().unwrap()
    }

    /// Sets `/assets/oauth` of the manifest to `path`.
    fn oauth(&self, path: &str) {
        let manifest = self.acme("manifest.json");
        let text = std::fs::read_to_string(&manifest).unwrap();
        let text = text.replacen(
            "\"assets\": {",
            &format!(
                "\"assets\": {{\n    \"oauth\": {},",
                serde_json::to_string(path).unwrap()
            ),
            1,
        );
        std::fs::write(manifest, text).unwrap();
    }
}

/// One file system call: its name and a path it named, made absolute.
type Call = (String, PathBuf);

/// Every file system call of `ddlint check --format json ARGS` run in `cwd`, and its JSON
/// report; `None` when strace is not installed.
fn traced(cwd: &Path, args: &[&str]) -> Option<(Vec<Call>, serde_json::Value)> {
    if Command::new("strace").arg("-V").output().is_err() {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("note: strace is not installed; the system-call tests were skipped");
        }
        return None;
    }
    let log = cwd.join("strace.log");
    let output = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=%file", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_ddlint"))
        .args(["check", "--format", "json"])
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}", String::from_utf8_lossy(&output.stderr)));
    let text = std::fs::read_to_string(&log).unwrap();
    std::fs::remove_file(&log).unwrap();
    let calls = text.lines().flat_map(|line| calls(line, cwd)).collect();
    Some((calls, report))
}

/// The call of one strace line `PID name(..., "path", ...) = result`: its first double-quoted
/// argument is the path it names (a second one, as of `readlink`, is what it returned).
/// `execve` names the program, not a file ddlint reads.
/// A call two threads interleave is split into `name(args <unfinished ...>` and `<... name
/// resumed>results`: the first names the path, the second only what came back.
fn calls(line: &str, cwd: &Path) -> Option<Call> {
    if line.contains(" resumed>") {
        return None;
    }
    let name = line
        .split_whitespace()
        .nth(1)?
        .split('(')
        .next()?
        .to_owned();
    let path = line.split('"').nth(1)?;
    (name != "execve").then(|| (name, cwd.join(path)))
}

/// Paths outside the repository that ddlint touched: the system's own, and the names looked up
/// in the directories above the checked path (the search for `ddlint.toml`, which stops at
/// `.git` and skips integrations, so it asks for `manifest.json` there), excepted.
fn outside(tree: &Tree, calls: &[Call]) -> Vec<Call> {
    let root = tree.root();
    let repo = root.join("repo");
    calls
        .iter()
        .filter(|(_, path)| {
            path.starts_with(&root) && !path.starts_with(&repo) && !repo.starts_with(path)
        })
        .filter(|(_, path)| !path.parent().is_some_and(|dir| repo.starts_with(dir)))
        .cloned()
        .collect()
}

fn names(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap().to_owned())
        .collect()
}

fn assert_escape_untouched(tree: &Tree, calls: &[Call], report: &serde_json::Value) {
    let touched = outside(tree, calls);
    assert!(
        touched.is_empty(),
        "touched outside the repository: {touched:?}"
    );
    assert!(
        !calls
            .iter()
            .any(|(_, path)| path.starts_with("/etc/passwd")),
        "/etc/passwd was touched"
    );
    assert!(
        names(report)
            .iter()
            .any(|name| name == "path-escapes-integration"),
        "{report:#}"
    );
    let text = report.to_string();
    assert!(
        !text.contains("token") && !text.contains("root:"),
        "content from outside leaked: {text}"
    );
}

#[test]
fn a_climb_through_a_link_to_the_directory_itself_touches_nothing_outside() {
    let tree = Tree::new();
    symlink(".", tree.acme("a")).unwrap();
    std::fs::create_dir(tree.acme("b")).unwrap();
    // Four links to `.` and `b` count five levels on paper; the kernel climbs from `acme/b`.
    tree.oauth("a/a/a/a/b/../../../secret.json");
    let Some((paths, report)) = traced(tree.tmp.path(), &["repo"]) else {
        return;
    };
    assert_escape_untouched(&tree, &paths, &report);
}

#[test]
fn fixed_names_linked_out_are_not_read() {
    let tree = Tree::new();
    std::fs::remove_file(tree.acme("README.md")).unwrap();
    symlink("/etc/passwd", tree.acme("README.md")).unwrap();
    let Some((paths, report)) = traced(tree.tmp.path(), &["repo"]) else {
        return;
    };
    assert_escape_untouched(&tree, &paths, &report);

    let tree = Tree::new();
    std::fs::remove_file(tree.acme("manifest.json")).unwrap();
    symlink("../../secret.json", tree.acme("manifest.json")).unwrap();
    let Some((paths, report)) = traced(tree.tmp.path(), &["repo"]) else {
        return;
    };
    assert_escape_untouched(&tree, &paths, &report);
}

#[test]
fn links_out_by_directory_chain_or_absolute_path_are_not_followed() {
    for shape in ["directory", "chain", "absolute"] {
        let tree = Tree::new();
        match shape {
            "directory" => {
                symlink(tree.root().join("outside"), tree.acme("linked")).unwrap();
                tree.oauth("linked/oauth_clients.json");
            }
            "chain" => {
                symlink("second", tree.acme("first")).unwrap();
                symlink("../../secret.json", tree.acme("second")).unwrap();
                tree.oauth("first");
            }
            _ => tree.oauth(&tree.root().join("secret.json").display().to_string()),
        }
        let Some((paths, report)) = traced(tree.tmp.path(), &["repo"]) else {
            return;
        };
        assert_escape_untouched(&tree, &paths, &report);
    }
}

/// How the fixture's dashboard was touched: (opened, looked at without opening).
fn dashboard_calls(tree: &Tree, calls: &[Call]) -> (usize, usize) {
    let dashboard = tree.acme("assets/dashboards/purefb_overview.json");
    let real = dashboard.canonicalize().unwrap();
    let on_it: Vec<&String> = calls
        .iter()
        .filter(|(_, path)| *path == dashboard || *path == real)
        .map(|(name, _)| name)
        .collect();
    let opened = on_it.iter().filter(|name| name.starts_with("open")).count();
    (opened, on_it.len() - opened)
}

#[test]
fn a_kind_whose_rules_are_off_is_never_opened_and_is_read_once_otherwise() {
    let tree = Tree::new();
    let Some((calls, report)) = traced(tree.tmp.path(), &["repo"]) else {
        return;
    };
    assert!(names(&report).is_empty(), "{report:#}");
    let (opened, _) = dashboard_calls(&tree, &calls);
    assert_eq!(
        opened, 1,
        "three rules read the dashboard; it is opened once"
    );

    let rules = [
        "dashboard-invalid",
        "dashboard-format-old",
        "dashboard-app-id",
    ];
    let table: String = rules
        .iter()
        .map(|rule| format!("{rule} = {{ level = \"off\", reason = \"a test\" }}\n"))
        .collect();
    std::fs::write(
        tree.tmp.path().join("ddlint.toml"),
        format!("[rules]\n{table}"),
    )
    .unwrap();
    let Some((calls, _)) = traced(tree.tmp.path(), &["--config", "ddlint.toml", "repo"]) else {
        return;
    };
    let (opened, looked_at) = dashboard_calls(&tree, &calls);
    assert_eq!(opened, 0, "with its rules off the dashboard is not opened");
    assert!(looked_at >= 1, "referenced-file-missing still looks at it");
}

/// The report of `ddlint check --format FORMAT repo` run in `cwd`, with its standard error.
fn report_in(cwd: &Path, format: &str) -> (String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ddlint"))
        .args(["check", "--format", format, "repo"])
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_format_names_a_link_never_its_target() {
    let tree = Tree::new();
    std::fs::remove_file(tree.acme("README.md")).unwrap();
    symlink("/etc/passwd", tree.acme("README.md")).unwrap();
    for format in ["human", "json", "sarif", "github", "markdown"] {
        let (stdout, _) = report_in(tree.tmp.path(), format);
        assert!(stdout.contains("README.md"), "{format}: {stdout}");
        // The rule's documentation (embedded in SARIF) quotes `../../etc/passwd` as an example.
        let stdout = stdout.replace("../../etc/passwd", "");
        assert!(
            !stdout.contains("/etc/passwd") && !stdout.contains("root:"),
            "{format} shows the link's target or its text: {stdout}"
        );
    }
}

#[test]
fn a_linked_directory_at_the_repository_root_is_not_followed() {
    let tree = Tree::new();
    let outside = tree.root().join("outside_integration");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid-no-oauth");
    copy_tree(&from, &outside);
    symlink(&outside, tree.tmp.path().join("repo/linked")).unwrap();
    let (stdout, stderr) = report_in(tree.tmp.path(), "json");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["summary"]["integrations"], 1,
        "only acme: {report:#}"
    );
    assert!(
        stderr.contains("`repo/linked` is a symbolic link; not followed"),
        "{stderr}"
    );
    let Some((calls, _)) = traced(tree.tmp.path(), &["repo"]) else {
        return;
    };
    let touched: Vec<&Call> = calls
        .iter()
        .filter(|(_, path)| path.starts_with(&outside))
        .collect();
    assert!(touched.is_empty(), "{touched:?}");
}

/// How often each of `names` (paths in `acme`) was opened.
fn opened(tree: &Tree, calls: &[Call], names: &[&str]) -> Vec<usize> {
    names
        .iter()
        .map(|name| {
            let path = tree.acme(name);
            let real = path.canonicalize().unwrap_or_else(|_| path.clone());
            calls
                .iter()
                .filter(|(call, on)| call.starts_with("open") && (*on == path || *on == real))
                .count()
        })
        .collect()
}

#[test]
fn a_listings_eula_and_images_are_opened_once_and_only_for_the_rules_that_read_them() {
    let files = [
        "assets/eula.pdf",
        "images/dashboard.png",
        "images/alerts.jpg",
    ];
    let tree = Tree::of("fixtures/valid-marketplace-listing");
    let Some((calls, report)) = traced(tree.tmp.path(), &["repo"]) else {
        return;
    };
    assert!(names(&report).is_empty(), "{report:#}");
    assert_eq!(opened(&tree, &calls, &files), [1, 1, 1]);

    // Judged as extras, no rule reads the images' sizes; the EULA is checked in any repository.
    let Some((calls, _)) = traced(tree.tmp.path(), &["--repo-kind", "extras", "repo"]) else {
        return;
    };
    assert_eq!(opened(&tree, &calls, &files), [1, 0, 0]);
    let off = ["--ignore", "eula-not-pdf,media-image-dimensions", "repo"];
    let Some((calls, _)) = traced(tree.tmp.path(), &off) else {
        return;
    };
    assert_eq!(opened(&tree, &calls, &files), [0, 0, 0]);
}

#[test]
fn a_eula_or_an_image_linked_outside_is_never_opened() {
    for name in ["assets/eula.pdf", "images/dashboard.png"] {
        let tree = Tree::of("fixtures/valid-marketplace-listing");
        std::fs::remove_file(tree.acme(name)).unwrap();
        symlink("../../../secret.json", tree.acme(name)).unwrap();
        let Some((calls, report)) = traced(tree.tmp.path(), &["repo"]) else {
            return;
        };
        assert_escape_untouched(&tree, &calls, &report);
    }
}

/// How often the fixture's metadata.csv was opened.
fn metadata_opens(tree: &Tree, calls: &[Call]) -> usize {
    let csv = tree.acme("metadata.csv");
    let real = csv.canonicalize().unwrap();
    calls
        .iter()
        .filter(|(name, path)| name.starts_with("open") && (*path == csv || *path == real))
        .count()
}

#[test]
fn metadata_csv_is_opened_once_and_never_with_its_rules_off() {
    let tree = Tree::new();
    let Some((calls, report)) = traced(tree.tmp.path(), &["repo"]) else {
        return;
    };
    assert!(names(&report).is_empty(), "{report:#}");
    assert_eq!(metadata_opens(&tree, &calls), 1, "ten rules read it, once");
    let Some((calls, _)) = traced(tree.tmp.path(), &["--ignore", "DD32", "repo"]) else {
        return;
    };
    assert_eq!(
        metadata_opens(&tree, &calls),
        0,
        "with its rules off it is not opened"
    );
}
