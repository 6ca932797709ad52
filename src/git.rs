//! The little ddlint asks of git, asked the one safe way: the repository is found once, from
//! where ddlint runs; every command then runs at its top level with an explicit git directory,
//! hooks, fsmonitor, external diff and textconv off, and never treats a directory of the
//! checked tree as a repository (`safe.bareRepository=explicit`). A checked tree is hostile:
//! a directory inside an integration that looks like a repository must neither run a command
//! nor change what git answers. Every failure is an error, never "nothing changed".

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why git could not answer.
#[derive(Debug)]
pub enum GitError {
    NotRunnable(String),
    UnknownRevision { revision: String, detail: String },
    Outside { path: PathBuf, top: PathBuf },
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotRunnable(why) => write!(f, "git could not answer: {why}"),
            Self::UnknownRevision { revision, detail } => {
                write!(f, "`{revision}` is not a commit git knows here: {detail}")
            }
            Self::Outside { path, top } => write!(
                f,
                "`{}` is not inside the git repository at `{}`, where ddlint runs",
                path.display(),
                top.display()
            ),
        }
    }
}

impl std::error::Error for GitError {}

/// Options on every git command: nothing configured in a checked tree runs.
const SAFE: [&str; 6] = [
    "-c",
    "safe.bareRepository=explicit",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
];

/// The git repository ddlint runs in.
#[derive(Debug, Clone)]
pub(crate) struct Repo {
    /// The work tree's top level, canonical.
    top: PathBuf,
    /// The repository's git directory, absolute.
    git_dir: PathBuf,
}

impl Repo {
    /// The repository holding the current directory.
    pub(crate) fn discover() -> Result<Self, GitError> {
        let output = run(Command::new("git").args(SAFE).args([
            "rev-parse",
            "--show-toplevel",
            "--absolute-git-dir",
        ]))?;
        let mut lines = output.lines();
        let (Some(top), Some(git_dir)) = (lines.next(), lines.next()) else {
            return Err(GitError::NotRunnable(
                "`git rev-parse` did not name the repository".to_owned(),
            ));
        };
        let top = PathBuf::from(top);
        Ok(Self {
            top: top.canonicalize().unwrap_or(top),
            git_dir: PathBuf::from(git_dir),
        })
    }

    /// The top level of the work tree.
    pub(crate) fn top(&self) -> &Path {
        &self.top
    }

    fn git(&self) -> Command {
        let mut command = Command::new("git");
        command
            .arg("--git-dir")
            .arg(&self.git_dir)
            .arg("--work-tree")
            .arg(&self.top)
            .args(SAFE)
            .current_dir(&self.top)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        command
    }

    /// Checks that `revision` names a commit.
    pub(crate) fn verify(&self, revision: &str) -> Result<(), GitError> {
        let spec = format!("{revision}^{{commit}}");
        let output = self
            .git()
            .args([
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &spec,
            ])
            .output()
            .map_err(|error| GitError::NotRunnable(error.to_string()))?;
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

    /// Every file changed since `revision` (its merge base with HEAD): committed, staged,
    /// unstaged and untracked; absolute paths under the top level.
    pub(crate) fn changed_files(&self, revision: &str) -> Result<Vec<PathBuf>, GitError> {
        self.verify(revision)?;
        let base = run(self
            .git()
            .args(["merge-base", "--end-of-options", revision, "HEAD"]))
        .map(|base| base.trim().to_owned())
        .unwrap_or_else(|_| revision.to_owned());
        let changed = run(self.git().args([
            "diff",
            "--name-only",
            "--no-renames",
            "--no-ext-diff",
            "--no-textconv",
            "-z",
            "--end-of-options",
            &base,
        ]))?;
        let untracked = run(self
            .git()
            .args(["ls-files", "--others", "--exclude-standard", "-z"]))?;
        Ok(changed
            .split('\0')
            .chain(untracked.split('\0'))
            .filter(|name| !name.is_empty())
            .map(|name| self.top.join(name))
            .collect())
    }

    /// `path` relative to the top level, with `/` separators, as git names files.
    fn relative(&self, path: &Path) -> Result<String, GitError> {
        let real = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        let outside = || GitError::Outside {
            path: path.to_owned(),
            top: self.top.clone(),
        };
        let relative = real.strip_prefix(&self.top).map_err(|_| outside())?;
        let parts: Vec<String> = relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        Ok(parts.join("/"))
    }

    /// The text of `name` in each of `dirs` at `revision`, in one git process.
    pub(crate) fn base_files(
        &self,
        revision: &str,
        dirs: &[PathBuf],
        name: &str,
    ) -> Result<BaseFiles, GitError> {
        self.verify(revision)?;
        let mut objects = Vec::with_capacity(dirs.len());
        for dir in dirs {
            let relative = self.relative(dir)?;
            let path = if relative.is_empty() {
                name.to_owned()
            } else {
                format!("{relative}/{name}")
            };
            if path.contains(['\n', '\r']) {
                return Err(GitError::NotRunnable(format!(
                    "cannot ask git for `{}`: the path holds a line break",
                    path.escape_default()
                )));
            }
            objects.push(format!("{revision}:{path}"));
        }
        let texts = self.cat_files(&objects)?;
        let files = dirs
            .iter()
            .zip(texts)
            .filter_map(|(dir, text)| Some((dir.clone(), text?)))
            .collect();
        Ok(BaseFiles {
            revision: revision.to_owned(),
            name: name.to_owned(),
            files,
        })
    }

    /// The text of each object (`None` when it does not exist or is not a file), through one
    /// `git cat-file --batch`.
    fn cat_files(&self, objects: &[String]) -> Result<Vec<Option<String>>, GitError> {
        let failed = |error: std::io::Error| GitError::NotRunnable(error.to_string());
        let mut child = self
            .git()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(failed)?;
        let mut stdin = child.stdin.take().ok_or_else(|| failed(broken_pipe()))?;
        let input: String = objects.iter().map(|o| format!("{o}\n")).collect();
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let stdout = child.stdout.take().ok_or_else(|| failed(broken_pipe()))?;
        let mut reader = BufReader::new(stdout);
        let texts: Result<Vec<Option<String>>, std::io::Error> =
            objects.iter().map(|_| read_object(&mut reader)).collect();
        let written = writer.join().map_err(|_| failed(broken_pipe()))?;
        let status = child.wait().map_err(failed)?;
        let texts = texts.map_err(failed)?;
        written.map_err(failed)?;
        if !status.success() {
            return Err(GitError::NotRunnable(
                "`git cat-file --batch` failed".to_owned(),
            ));
        }
        Ok(texts)
    }
}

fn broken_pipe() -> std::io::Error {
    std::io::Error::from(std::io::ErrorKind::BrokenPipe)
}

/// Larger files at the base revision are not kept (no manifest comes near this).
const MAX_BASE_BYTES: u64 = 8 * 1024 * 1024;

/// One answer of `git cat-file --batch`: `<id> blob <size>\n<content>\n`, or `<name> missing\n`.
fn read_object(reader: &mut impl BufRead) -> std::io::Result<Option<String>> {
    let mut header = String::new();
    if reader.read_line(&mut header)? == 0 {
        return Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof));
    }
    let fields: Vec<&str> = header.split_whitespace().collect();
    let (Some(&kind), Some(size)) = (fields.get(1), fields.get(2)) else {
        return Ok(None);
    };
    let size: u64 = size
        .parse()
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidData))?;
    let mut content = Vec::new();
    reader.take(size + 1).read_to_end(&mut content)?;
    content.truncate(usize::try_from(size).unwrap_or(usize::MAX));
    if kind != "blob" || size > MAX_BASE_BYTES {
        return Ok(None);
    }
    Ok(Some(String::from_utf8_lossy(&content).into_owned()))
}

/// Runs a git command; its standard output, or why it failed.
fn run(command: &mut Command) -> Result<String, GitError> {
    let output = command
        .output()
        .map_err(|error| GitError::NotRunnable(error.to_string()))?;
    if !output.status.success() {
        let detail = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(GitError::NotRunnable(format!("`git` failed: {detail}")));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A file of each integration at the `--base` revision, as git gave it for the run.
#[derive(Debug, Default)]
pub(crate) struct BaseFiles {
    revision: String,
    name: String,
    /// Integration directory (as shown) -> the file's text; absent: new at the revision.
    files: HashMap<PathBuf, String>,
}

impl BaseFiles {
    /// The file of the integration in `dir` at the revision, with the path it is shown under.
    pub(crate) fn manifest(&self, dir: &Path) -> Option<(PathBuf, &str)> {
        let text = self.files.get(dir)?;
        let shown = PathBuf::from(format!(
            "{}:{}",
            self.revision,
            dir.join(&self.name).display()
        ));
        Some((shown, text))
    }
}
