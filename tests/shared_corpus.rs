//! The tests over the full shared sample, `../shared/corpus` beside the project: the 199
//! integrations of integrations-extras (the reviewed findings, `--fix` over all of them, the
//! same output twice) and the 53 Marketplace listings (ddlint completes on every one, the same
//! output twice; their findings are not pinned here).
//!
//! A fresh clone has no such directory: then this target prints one line saying the tests were
//! skipped and passes, unless `DDLINT_REQUIRE_SHARED_CORPUS` is set (CI sets it), which makes the
//! absence a failure. It has its own small harness (`harness = false` in Cargo.toml) so that
//! the line reaches the `cargo test` output, once. Arguments: a substring filter, `--list`,
//! `--exact`; other flags are accepted and ignored.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

mod support;

use std::path::Path;
use std::process::ExitCode;

use support::corpus::{self, SHARED, SHARED_EXTRAS, SHARED_MARKETPLACE, SHARED_REVIEWED};

fn extras() -> &'static Path {
    Path::new(SHARED_EXTRAS)
}

fn extras_are_checked_completely_and_deterministically() {
    let first = corpus::check(extras());
    assert_eq!(first.integrations, 199);
    assert_eq!(corpus::json(&first), corpus::json(&corpus::check(extras())));
}

fn extras_known_oauth_gaps_are_reported() {
    corpus::assert_known_oauth_gaps(&corpus::check(extras()), extras());
}

fn extras_schema_accepts_every_real_manifest() {
    corpus::assert_schema_accepts_all(&corpus::check(extras()));
}

fn extras_findings_match_the_reviewed_list() {
    let report = corpus::check(extras());
    corpus::assert_reviewed(&corpus::finding_lines(&report, extras()), SHARED_REVIEWED);
}

fn extras_binary_output_is_identical_twice() {
    let document = corpus::same_twice(Path::new("."), SHARED_EXTRAS, &[]);
    assert_eq!(document["summary"]["integrations"], 199);
}

fn extras_fix_changes_only_what_the_fixes_name_and_is_idempotent() {
    let changed_files = corpus::fix_everything(extras());
    assert!(changed_files > 50, "only {changed_files} files changed");
}

/// Every listing is checked, as detected and as `--repo-kind marketplace`, the same twice.
fn marketplace_every_listing_is_checked_deterministically() {
    let listings = corpus::integrations(Path::new(SHARED_MARKETPLACE)).len();
    assert_eq!(listings, 53);
    for extra in [&[][..], &["--repo-kind", "marketplace"][..]] {
        let document = corpus::same_twice(Path::new("."), SHARED_MARKETPLACE, extra);
        assert_eq!(document["summary"]["integrations"], listings, "{extra:?}");
    }
}

/// `--diff --unsafe-fixes` completes on every listing (exit 0 or 1, nothing on stderr).
fn marketplace_diff_completes() {
    let args = ["check", "--diff", "--unsafe-fixes", SHARED_MARKETPLACE];
    let output = corpus::ddlint_in(Path::new("."), &args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// The README rules of the Marketplace (`support-section-missing`, `readme-section-empty`,
/// `uninstall-section-misplaced` for an H3, `uninstall-section-image`, `readme-image-missing`,
/// `readme-image-url`) each fire on a real listing whose README was mutated, once, on the line
/// of the mutation, and the listing as it is gets none of them. The listing is copied into a
/// temporary directory at test time, never into the project.
fn marketplace_readme_rules_fire_on_mutated_real_listings() {
    let original = Path::new(SHARED_MARKETPLACE).join("agentil_software_services_5_days");
    let readme = std::fs::read_to_string(original.join("README.md")).unwrap();
    let findings = |text: &str| -> Vec<(String, usize)> {
        let dir = tempfile::tempdir().unwrap();
        let listing = dir.path().join("agentil_software_services_5_days");
        support::copy_tree(&original, &listing);
        std::fs::write(listing.join("README.md"), text).unwrap();
        let report = corpus::check(&listing);
        report
            .diagnostics
            .iter()
            .filter(|d| d.rule.code.starts_with("DD2"))
            .map(|d| {
                let line = d.primary.file.line_col(d.primary.span.start).line;
                (d.rule.name.to_owned(), line)
            })
            .collect()
    };
    assert_eq!(findings(&readme), [], "the real listing passes");
    let line_of = |text: &str, needle: &str| {
        let at = text.find(needle).unwrap();
        text[..at].matches('\n').count() + 1
    };
    let cases = [
        ("## Support\n", "## Help\n", "support-section-missing", None),
        (
            "Agentil will reach out to confirm.\n",
            "<!-- to do -->\n",
            "readme-section-empty",
            Some("## Uninstallation"),
        ),
        (
            "## Uninstallation",
            "### Uninstallation",
            "uninstall-section-misplaced",
            Some("### Uninstallation"),
        ),
        (
            "Agentil will reach out to confirm.\n",
            "Agentil will reach out to confirm.\n\n![Steps](images/consultant.jpg)\n",
            "uninstall-section-image",
            Some("![Steps]"),
        ),
        (
            "## Setup\n",
            "## Setup\n![Plan](images/plan.png)\n",
            "readme-image-missing",
            Some("![Plan]"),
        ),
        (
            "## Setup\n",
            "## Setup\n![Plan](./images/consultant.jpg)\n",
            "readme-image-url",
            Some("![Plan]"),
        ),
    ];
    for (from, to, rule, at) in cases {
        assert!(readme.contains(from), "{rule}: the listing changed");
        let mutated = readme.replacen(from, to, 1);
        let line = at.map_or(1, |needle| line_of(&mutated, needle));
        assert_eq!(findings(&mutated), [(rule.to_owned(), line)], "{rule}");
    }
}

const TESTS: &[(&str, fn())] = &[
    (
        "extras_are_checked_completely_and_deterministically",
        extras_are_checked_completely_and_deterministically,
    ),
    (
        "extras_known_oauth_gaps_are_reported",
        extras_known_oauth_gaps_are_reported,
    ),
    (
        "extras_schema_accepts_every_real_manifest",
        extras_schema_accepts_every_real_manifest,
    ),
    (
        "extras_findings_match_the_reviewed_list",
        extras_findings_match_the_reviewed_list,
    ),
    (
        "extras_binary_output_is_identical_twice",
        extras_binary_output_is_identical_twice,
    ),
    (
        "extras_fix_changes_only_what_the_fixes_name_and_is_idempotent",
        extras_fix_changes_only_what_the_fixes_name_and_is_idempotent,
    ),
    (
        "marketplace_every_listing_is_checked_deterministically",
        marketplace_every_listing_is_checked_deterministically,
    ),
    ("marketplace_diff_completes", marketplace_diff_completes),
    (
        "marketplace_readme_rules_fire_on_mutated_real_listings",
        marketplace_readme_rules_fire_on_mutated_real_listings,
    ),
];

/// libtest's flags that take a value (`--test-threads 2`): the value is no filter.
const WITH_VALUE: &[&str] = &[
    "--test-threads",
    "--format",
    "--color",
    "--logfile",
    "--shuffle-seed",
    "-Z",
];

/// The tests the command line selects: libtest's filters (substrings, or whole names with
/// `--exact`) and `--skip`; `--ignored` selects none, as there are no ignored tests.
fn selected(args: &[String]) -> Vec<(&'static str, fn())> {
    let (mut filters, mut skips) = (Vec::new(), Vec::new());
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--skip" {
            skips.extend(args.next());
        } else if WITH_VALUE.contains(&arg.as_str()) {
            args.next();
        } else if !arg.starts_with('-') {
            filters.push(arg);
        }
    }
    let flag = |name: &str| std::env::args().any(|arg| arg == name);
    let (exact, ignored) = (flag("--exact"), flag("--ignored"));
    let matches = |name: &str, pattern: &String| {
        if exact {
            name == pattern
        } else {
            name.contains(pattern.as_str())
        }
    };
    TESTS
        .iter()
        .filter(|_| !ignored)
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| matches(name, f)))
        .filter(|(name, _)| !skips.iter().any(|s| matches(name, s)))
        .copied()
        .collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tests = selected(&args);
    if args.iter().any(|arg| arg == "--list") {
        for (name, _) in &tests {
            println!("{name}: test");
        }
        return ExitCode::SUCCESS;
    }
    if !Path::new(SHARED_EXTRAS).is_dir() || !Path::new(SHARED_MARKETPLACE).is_dir() {
        if std::env::var_os("DDLINT_REQUIRE_SHARED_CORPUS").is_some() {
            eprintln!("error: {SHARED} not found, and DDLINT_REQUIRE_SHARED_CORPUS is set");
            return ExitCode::FAILURE;
        }
        println!("note: {SHARED} not found: the full-sample tests were skipped");
        return ExitCode::SUCCESS;
    }
    println!("\nrunning {} tests", tests.len());
    let started = std::time::Instant::now();
    let mut failed = Vec::new();
    for (name, test) in &tests {
        let outcome = std::panic::catch_unwind(test);
        println!(
            "test {name} ... {}",
            if outcome.is_ok() { "ok" } else { "FAILED" }
        );
        if outcome.is_err() {
            failed.push(*name);
        }
    }
    let filtered = TESTS.len() - tests.len();
    let (passed, result) = (
        tests.len() - failed.len(),
        if failed.is_empty() { "ok" } else { "FAILED" },
    );
    if !failed.is_empty() {
        println!("\nfailures:\n    {}", failed.join("\n    "));
    }
    println!(
        "\ntest result: {result}. {passed} passed; {} failed; 0 ignored; 0 measured; {filtered} filtered out; finished in {:.2}s\n",
        failed.len(),
        started.elapsed().as_secs_f64()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
