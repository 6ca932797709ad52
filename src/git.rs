//! The little ddlint asks of git: whether a revision exists, and a file's text at a revision.

use std::path::Path;
use std::process::Command;

/// Why git could not answer.
#[derive(Debug)]
pub enum GitError {
    NotRunnable(String),
    UnknownRevision { revision: String, detail: String },
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotRunnable(why) => write!(f, "git could not answer: {why}"),
            Self::UnknownRevision { revision, detail } => {
                write!(f, "`{revision}` is not a commit git knows here: {detail}")
            }
        }
    }
}

impl std::error::Error for GitError {}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, GitError> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|error| GitError::NotRunnable(error.to_string()))
}

/// Checks that `revision` names a commit in the repository holding `dir`.
pub(crate) fn verify_revision(dir: &Path, revision: &str) -> Result<(), GitError> {
    let spec = format!("{revision}^{{commit}}");
    let output = git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    Err(GitError::UnknownRevision {
        revision: revision.to_owned(),
        detail: if stderr.is_empty() {
            "no such commit".to_owned()
        } else {
            stderr
        },
    })
}

/// The text of `dir/name` at `revision`, or `None` when the file did not exist there.
pub(crate) fn show(dir: &Path, revision: &str, name: &str) -> Result<Option<String>, GitError> {
    let object = format!("{revision}:./{name}");
    let output = git(dir, &["show", "--end-of-options", &object])?;
    if !output.status.success() {
        return Ok(None);
    }
    Ok(Some(String::from_utf8_lossy(&output.stdout).into_owned()))
}

/// Every file changed since `revision` (its merge base with HEAD) in the repository holding
/// `dir`: committed, staged, unstaged and untracked; absolute paths.
pub(crate) fn changed_files(
    dir: &Path,
    revision: &str,
) -> Result<Vec<std::path::PathBuf>, GitError> {
    verify_revision(dir, revision)?;
    let top = stdout(dir, &["rev-parse", "--show-toplevel"])?;
    let top = Path::new(top.trim_end_matches(['\n', '\r']));
    let base = stdout(dir, &["merge-base", "--end-of-options", revision, "HEAD"])
        .map(|base| base.trim().to_owned())
        .unwrap_or_else(|_| revision.to_owned());
    let changed = stdout(
        top,
        &["diff", "--name-only", "-z", "--end-of-options", &base],
    )?;
    let untracked = stdout(top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    Ok(changed
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|name| !name.is_empty())
        .map(|name| top.join(name))
        .collect())
}

fn stdout(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let output = git(dir, args)?;
    if !output.status.success() {
        let detail = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(GitError::NotRunnable(format!(
            "`git {}` failed: {detail}",
            args.join(" ")
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
