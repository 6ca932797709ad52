//! The tests over the full shared sample, `../shared/corpus` beside the project: the 199
//! integrations of integrations-extras (the reviewed findings, `--fix` over all of them, the
//! same output twice) and the 53 Marketplace listings (ddlint completes on every one, the same
//! output twice, the schema accepts every one, the reviewed findings, and each Marketplace rule
//! fires on a mutated copy of a real listing).
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

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

use support::listings::{self, Mutated};

use support::corpus::{
    self, SHARED, SHARED_EXTRAS, SHARED_MARKETPLACE, SHARED_MARKETPLACE_REVIEWED, SHARED_REVIEWED,
};

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
    // 40 at the sample's commit: the field inserted or corrected, the field moved in OAuth
    // integrations, dashboards' app_id.
    assert!(changed_files > 30, "only {changed_files} files changed");
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

/// The bundled schema accepts every real listing, each judged as the listing it is.
fn marketplace_schema_accepts_every_listing() {
    let report = corpus::check(Path::new(SHARED_MARKETPLACE));
    corpus::assert_schema_accepts_all(&report);
}

fn marketplace() -> &'static Path {
    Path::new(SHARED_MARKETPLACE)
}

/// Every finding on the listings is one a reviewer agrees with (each was read in its file).
fn marketplace_findings_match_the_reviewed_list() {
    // The sample kept each listing's manifest, README and the files the manifest references:
    // an image only the README shows was left out, so `readme-image-missing` would report the
    // sample's trimming, not the listings (the real repository has those images).
    let mut settings = ddlint::Settings::default();
    settings.levels.insert("readme-image-missing", None);
    let report = ddlint::check(&[marketplace().to_owned()], &settings).unwrap();
    let lines = corpus::finding_lines(&report, marketplace());
    corpus::assert_reviewed(&lines, SHARED_MARKETPLACE_REVIEWED);
}

/// What real listings need and lack is reported, and what they need not have is not: each
/// listing whose README has no Uninstallation heading gets `uninstall-section-missing`; no
/// finding asks for `owner`, `auto_install` or `source_type_id`, or moves `tile.uninstallation`.
fn marketplace_gaps_are_reported_and_extras_conventions_are_not() {
    let report = corpus::check(marketplace());
    let found: Vec<(String, &str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                corpus::integration_of(d, marketplace()),
                d.rule.name,
                d.message.as_str(),
            )
        })
        .collect();
    let mut without_section = 0;
    for dir in corpus::integrations(marketplace()) {
        let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
        let heading = readme.lines().any(|line| {
            let text = line.trim_start_matches('#');
            text.len() < line.len() && text.trim().eq_ignore_ascii_case("uninstallation")
        });
        if heading {
            continue;
        }
        without_section += 1;
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            found
                .iter()
                .any(|(d, rule, _)| *d == name && *rule == "uninstall-section-missing"),
            "{name}: no Uninstallation section, not reported"
        );
    }
    assert!(
        without_section > 0,
        "the sample has listings without the section"
    );
    for (dir, rule, message) in &found {
        assert_ne!(*rule, "uninstallation-field-order", "{dir}: {message}");
        for field in ["`owner`", "`auto_install`", "`source_type_id`"] {
            assert!(!message.contains(field), "{dir}: {rule}: {message}");
        }
    }
}

/// A mutation adds exactly one finding: `rule`, in the manifest, on the line of `needle`.
fn assert_adds(mutated: &Mutated, rule: &str, needle: &str) {
    let line = listings::line_of(&mutated.manifest, needle);
    assert_adds_at(mutated, rule, line);
}

fn assert_adds_at(mutated: &Mutated, rule: &str, line: usize) {
    let expected = BTreeSet::from([(rule.to_owned(), "manifest.json".to_owned(), line)]);
    assert_eq!(mutated.added, expected, "{rule}");
}

/// Each pricing rule fires on a real listing whose pricing entry was broken, once, on the line.
fn marketplace_pricing_rules_fire_on_mutated_real_listings() {
    let tag_count = listings::clean_listing("tag_count");
    let flat_fee = listings::clean_listing("flat_fee");
    let mutated = listings::mutate(&tag_count, |dir| {
        listings::edit_manifest(dir, |text| listings::remove_member_line(text, "metric"));
    });
    // On the entry's `{`, the first after `"pricing"`.
    let text = &mutated.manifest;
    let entry = text.find("\"pricing\"").unwrap();
    let brace = entry + text[entry..].find('{').unwrap();
    assert_adds_at(
        &mutated,
        "pricing-invalid",
        text[..brace].matches('\n').count() + 1,
    );
    let mutated = listings::mutate(&flat_fee, |dir| {
        listings::edit_manifest(dir, |text| {
            text.replacen(
                "\"billing_type\": \"flat_fee\",",
                "\"billing_type\": \"flat_fee\", \"unit_label\": \"Host\",",
                1,
            )
        });
    });
    assert_adds(&mutated, "pricing-invalid", "\"unit_label\"");
    let mutated = listings::mutate(&flat_fee, |dir| {
        listings::edit_manifest(dir, |text| {
            let pricing = regex::Regex::new(r#""pricing":\s*\[[^\]]*\]"#).unwrap();
            pricing.replace(text, "\"pricing\": []").into_owned()
        });
    });
    assert_adds(&mutated, "pricing-invalid", "\"pricing\"");
    let mutated = listings::mutate(&tag_count, |dir| {
        listings::edit_manifest(dir, |text| {
            let flag = regex::Regex::new(r#""includes_assets":\s*true"#).unwrap();
            flag.replace(text, "\"includes_assets\": false")
                .into_owned()
        });
    });
    assert_adds(
        &mutated,
        "pricing-includes-assets-false",
        "\"includes_assets\"",
    );
}

/// `marketplace-field-missing`, `eula-not-pdf` and `media-image-dimensions` fire on a real
/// listing without its sales e-mail, with a non-PDF EULA, with a 1280x720 image.
fn marketplace_listing_rules_fire_on_mutated_real_listings() {
    let listing = listings::clean_listing("tag_count");
    let mutated = listings::mutate(&listing, |dir| {
        listings::edit_manifest(dir, |text| {
            listings::remove_member_line(text, "sales_email")
        });
    });
    assert_adds(&mutated, "marketplace-field-missing", "\"author\"");
    let (image, eula) = listings::first_image_and_eula(&listing);
    let mutated = listings::mutate(&listing, |dir| {
        std::fs::write(dir.join(&eula), "<html><body>Terms</body></html>").unwrap();
    });
    assert_adds(&mutated, "eula-not-pdf", "\"eula\"");
    let mutated = listings::mutate(&listing, |dir| {
        let docx = eula.replace(".pdf", ".docx");
        std::fs::rename(dir.join(&eula), dir.join(&docx)).unwrap();
        std::fs::write(dir.join(&docx), "%PDF-1.7\n").unwrap();
        listings::edit_manifest(dir, |text| text.replacen(&eula, &docx, 1));
    });
    assert_adds(&mutated, "eula-not-pdf", "\"eula\"");
    let mutated = listings::mutate(&listing, |dir| {
        std::fs::write(dir.join(&image), listings::png_header(1280, 720)).unwrap();
    });
    assert_adds(&mutated, "media-image-dimensions", "\"image_url\"");
    let mutated = listings::mutate(&listing, |dir| {
        std::fs::write(dir.join(&image), listings::png_header(1920, 1080)).unwrap();
    });
    assert!(mutated.added.is_empty(), "{:?}", mutated.added);
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
    (
        "marketplace_schema_accepts_every_listing",
        marketplace_schema_accepts_every_listing,
    ),
    (
        "marketplace_findings_match_the_reviewed_list",
        marketplace_findings_match_the_reviewed_list,
    ),
    (
        "marketplace_gaps_are_reported_and_extras_conventions_are_not",
        marketplace_gaps_are_reported_and_extras_conventions_are_not,
    ),
    (
        "marketplace_pricing_rules_fire_on_mutated_real_listings",
        marketplace_pricing_rules_fire_on_mutated_real_listings,
    ),
    (
        "marketplace_listing_rules_fire_on_mutated_real_listings",
        marketplace_listing_rules_fire_on_mutated_real_listings,
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
