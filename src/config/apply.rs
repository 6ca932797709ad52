//! Applying a configuration's ignores to a report, and reporting the ignores that match nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Label, Level};
use crate::report::Report;
use crate::rules::ignore_unused::IgnoreUnused;
use crate::settings::Ignore;

/// Drops every diagnostic an ignore matches and returns how many; adds an `ignore-unused`
/// warning for each ignore that matched nothing and is about a checked integration or names an
/// integration that does not exist. An ignore of an integration that exists but was not checked
/// in this run (as with `--changed-since` or pre-commit) is not judged.
pub(crate) fn apply(ignores: &[Ignore], dirs: &[PathBuf], report: &mut Report) -> usize {
    if ignores.is_empty() {
        return 0;
    }
    let before = report.diagnostics.len();
    let mut used = vec![false; ignores.len()];
    report.diagnostics.retain(|diagnostic| {
        let hit = ignores
            .iter()
            .position(|ignore| matches(ignore, diagnostic));
        if let Some(flag) = hit.and_then(|index| used.get_mut(index)) {
            *flag = true;
        }
        hit.is_none()
    });
    let ignored = before - report.diagnostics.len();
    for (ignore, _) in ignores.iter().zip(&used).filter(|(_, used)| !**used) {
        if missing(ignore, dirs) {
            report.diagnostics.push(unused(ignore, true));
        } else if in_scope(ignore, dirs) {
            report.diagnostics.push(unused(ignore, false));
        }
    }
    ignored
}

/// Whether the ignore's `integration` names no integration of the repository: no directory of
/// that name holding `manifest.json` stands beside the checked integrations (a name that is not
/// one directory name can name none). With no integration checked (or only a repository root
/// that is itself an integration) there is nowhere to look.
fn missing(ignore: &Ignore, dirs: &[PathBuf]) -> bool {
    let Some(name) = ignore.integration.as_deref() else {
        return false;
    };
    let mut parts = Path::new(name).components();
    let one_name = matches!(
        (parts.next(), parts.next()),
        (Some(std::path::Component::Normal(_)), None)
    );
    if !one_name {
        return !dirs.is_empty();
    }
    // Beside a checked integration, within its repository: not above a repository root.
    let parents: BTreeSet<PathBuf> = dirs
        .iter()
        .filter_map(|dir| {
            let dir = dir
                .canonicalize()
                .or_else(|_| std::path::absolute(dir))
                .ok()?;
            let inside = !dir.join(".git").exists();
            inside.then(|| dir.parent().map(Path::to_path_buf))?
        })
        .collect();
    !parents.is_empty()
        && parents.iter().all(|parent| {
            std::fs::symlink_metadata(parent.join(name).join("manifest.json")).is_err()
        })
}

/// Whether the ignore is about one of the checked integrations: its `integration` is one of
/// their directory names, or its `path` passes through one of them.
fn in_scope(ignore: &Ignore, dirs: &[PathBuf]) -> bool {
    let names: Vec<&std::ffi::OsStr> = dirs.iter().filter_map(|dir| dir.file_name()).collect();
    let by_name = ignore
        .integration
        .as_deref()
        .map(|name| names.iter().any(|dir| *dir == name));
    let by_path = ignore.path.as_deref().map(|path| {
        Path::new(path)
            .components()
            .any(|part| names.contains(&part.as_os_str()))
    });
    by_name.or(by_path).unwrap_or(false)
}

fn matches(ignore: &Ignore, diagnostic: &Diagnostic) -> bool {
    let integration = diagnostic.integration.as_deref().and_then(Path::file_name);
    ignore.rule == diagnostic.rule.name
        && ignore
            .integration
            .as_deref()
            .is_none_or(|name| integration.is_some_and(|dir| dir == name))
        && ignore
            .path
            .as_deref()
            .is_none_or(|path| diagnostic.primary.file.path().ends_with(path))
        && ignore
            .pointer
            .as_deref()
            .is_none_or(|pointer| under(diagnostic.pointer.as_deref(), pointer))
}

/// `pointer` is `prefix` or lies below it.
fn under(pointer: Option<&str>, prefix: &str) -> bool {
    pointer.is_some_and(|pointer| {
        pointer == prefix
            || pointer
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// The `ignore-unused` warning on an ignore; `missing` when its integration does not exist.
fn unused(ignore: &Ignore, missing: bool) -> Diagnostic {
    let (message, help) = match ignore.integration.as_deref().filter(|_| missing) {
        Some(name) => (
            format!(
                "this ignore of `{}` names the integration `{}`, which does not exist",
                ignore.rule,
                crate::finding::quoted(name)
            ),
            "remove it, or write the integration's directory name".to_owned(),
        ),
        None => (
            format!("this ignore of `{}` matches no finding", ignore.rule),
            "remove it: the finding it silenced is gone (or check its rule, integration, path and pointer)".to_owned(),
        ),
    };
    Diagnostic {
        rule: &IgnoreUnused::META,
        level: Level::Warning,
        message,
        primary: Label {
            file: std::sync::Arc::clone(&ignore.file),
            span: ignore.span.clone(),
            message: "matches nothing".to_owned(),
        },
        secondary: Vec::new(),
        help: Some(help),
        fix: None,
        integration: None,
        pointer: None,
    }
}
