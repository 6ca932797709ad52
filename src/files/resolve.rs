//! Resolving a path beneath a directory without ever touching anything outside it.
//!
//! A path from a checked tree is hostile: it may be absolute, climb with `..`, or pass through
//! symbolic links (`a -> .`, `b -> /etc`) that lead out after the text looked harmless. The path
//! is walked one component at a time from the directory's real path: each component is looked
//! at with `lstat`; a link is read (`readlink`) and its target spliced into the walk, and the
//! walk stops the moment it would leave the directory. What comes back names the real file,
//! with no link left in it, so that opening it cannot be redirected.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// How a path leaves the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escape {
    /// It is absolute (`/etc/passwd`, `C:\x`, `\\server\share`).
    Absolute,
    /// Its `..` climbs above the directory.
    ParentDirectory,
    /// A symbolic link on the way leads out.
    Symlink,
}

/// Why a path inside the directory leads to no regular file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unusable {
    /// Nothing there; `through_link` when a symbolic link pointed at the nothing.
    NotFound {
        through_link: bool,
    },
    Directory,
    /// A FIFO, a socket, a device.
    Special,
    /// Symbolic links that lead to each other.
    Loop,
    /// The system refused to look (permissions, a file where a directory was expected).
    Io(String),
}

impl Unusable {
    /// The words after "which", for a path the manifest names.
    pub(crate) fn for_reference(&self) -> String {
        match self {
            Unusable::NotFound { .. } => "does not exist".to_owned(),
            Unusable::Directory => "is a directory, not a file".to_owned(),
            Unusable::Special => "is not a regular file".to_owned(),
            Unusable::Loop => "cannot be reached: its symbolic links form a loop".to_owned(),
            Unusable::Io(error) => format!("cannot be reached: {error}"),
        }
    }
}

/// What a path leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A regular file inside the directory: its real path (no symbolic link in it) and size.
    File { real: PathBuf, len: u64 },
    /// Outside the directory: never opened, never looked at.
    Escapes(Escape),
    /// Inside, but no regular file.
    Unusable(Unusable),
}

/// More links than any real tree chains; the bound stops loops.
const MAX_LINKS: usize = 40;

/// Real directories (no link among their components) already walked through beneath a root:
/// many files of an integration share `assets/` and `images/`, which are then looked at once.
pub(crate) type KnownDirs = std::cell::RefCell<std::collections::HashSet<PathBuf>>;

/// Resolves `relative` beneath `root`, which must be the directory's real (canonical) path.
pub(crate) fn resolve_beneath(root: &Path, relative: &str) -> Resolved {
    resolve_beneath_known(root, relative, &KnownDirs::default())
}

/// As [`resolve_beneath`], skipping the `lstat` of directories in `known` and adding the ones
/// it walks through.
pub(crate) fn resolve_beneath_known(root: &Path, relative: &str, known: &KnownDirs) -> Resolved {
    if let Some(escape) = lexical_escape(relative) {
        return Resolved::Escapes(escape);
    }
    Walk {
        root,
        current: root.to_path_buf(),
        pending: components(Path::new(relative)),
        links: 0,
        last: None,
        known,
    }
    .run()
}

/// What the walk found at `current`.
enum Found {
    Directory,
    File(u64),
    Special,
}

struct Walk<'a> {
    root: &'a Path,
    current: PathBuf,
    pending: VecDeque<OsString>,
    links: usize,
    /// What `current` is, once a component was walked.
    last: Option<Found>,
    known: &'a KnownDirs,
}

/// The next component: `..` or a name (`.` and empty parts are dropped when splitting).
const PARENT: &str = "..";

impl Walk<'_> {
    fn run(mut self) -> Resolved {
        while let Some(part) = self.pending.pop_front() {
            let step = if part == PARENT {
                self.parent()
            } else {
                self.child(&part)
            };
            if let Err(resolved) = step {
                return resolved;
            }
        }
        match self.last {
            Some(Found::File(len)) => Resolved::File {
                len,
                real: self.current,
            },
            Some(Found::Special) => Resolved::Unusable(Unusable::Special),
            Some(Found::Directory) | None => Resolved::Unusable(Unusable::Directory),
        }
    }

    fn parent(&mut self) -> Result<(), Resolved> {
        if self.current == self.root {
            let how = if self.links > 0 {
                Escape::Symlink
            } else {
                Escape::ParentDirectory
            };
            return Err(Resolved::Escapes(how));
        }
        self.current.pop();
        // Every directory above `current` was walked through: a plain directory.
        self.last = Some(Found::Directory);
        Ok(())
    }

    fn child(&mut self, name: &OsString) -> Result<(), Resolved> {
        let next = self.current.join(name);
        if self.known.borrow().contains(&next) {
            self.current = next;
            self.last = Some(Found::Directory);
            return Ok(());
        }
        let meta = std::fs::symlink_metadata(&next).map_err(|error| self.unusable(&error))?;
        if !meta.file_type().is_symlink() {
            self.last = Some(if meta.is_dir() {
                self.known.borrow_mut().insert(next.clone());
                Found::Directory
            } else if meta.is_file() {
                Found::File(meta.len())
            } else {
                Found::Special
            });
            self.current = next;
            return Ok(());
        }
        self.links += 1;
        if self.links > MAX_LINKS {
            return Err(Resolved::Unusable(Unusable::Loop));
        }
        let target = std::fs::read_link(&next).map_err(|error| self.unusable(&error))?;
        self.splice(&target)
    }

    /// Continues the walk through a link's target, relative to the link's directory; an
    /// absolute target must name a place inside the directory.
    fn splice(&mut self, target: &Path) -> Result<(), Resolved> {
        let relative = if target.has_root() || target.is_absolute() {
            let inside = target
                .strip_prefix(self.root)
                .map_err(|_| Resolved::Escapes(Escape::Symlink))?;
            self.current = self.root.to_path_buf();
            inside
        } else {
            target
        };
        let mut parts = components(relative);
        parts.extend(self.pending.drain(..));
        self.pending = parts;
        Ok(())
    }

    fn unusable(&self, error: &std::io::Error) -> Resolved {
        Resolved::Unusable(match error.kind() {
            std::io::ErrorKind::NotFound => Unusable::NotFound {
                through_link: self.links > 0,
            },
            _ => Unusable::Io(error.to_string()),
        })
    }
}

/// The parts of a relative path: names and `..`; `.` dropped.
fn components(path: &Path) -> VecDeque<OsString> {
    path.components()
        .filter_map(|component| match component {
            Component::Normal(name) => Some(name.to_owned()),
            Component::ParentDir => Some(OsString::from(PARENT)),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
        })
        .collect()
}

/// Absolute, or climbing above its start with `..`, judged on the text alone.
fn lexical_escape(path: &str) -> Option<Escape> {
    let relative = Path::new(path);
    if relative.has_root() || path.starts_with('\\') || looks_like_drive(path) {
        return Some(Escape::Absolute);
    }
    let mut depth: usize = 0;
    for component in relative.components() {
        match component {
            Component::ParentDir if depth == 0 => return Some(Escape::ParentDirectory),
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    None
}

/// `C:` and the like: absolute on Windows, where partners also run ddlint.
fn looks_like_drive(path: &str) -> bool {
    let mut chars = path.chars();
    matches!((chars.next(), chars.next()), (Some(letter), Some(':')) if letter.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn root() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("integration");
        std::fs::create_dir_all(root.join("assets/dashboards")).unwrap();
        std::fs::write(root.join("assets/dashboards/d.json"), "{}").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "token").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    fn file(root: &Path, path: &str) -> Resolved {
        Resolved::File {
            real: root.join(path),
            len: 2,
        }
    }

    #[test]
    fn relative_paths_inside_resolve_to_their_real_file() {
        let (_dir, root) = root();
        let found = resolve_beneath(&root, "./assets/../assets/dashboards/d.json");
        assert_eq!(found, file(&root, "assets/dashboards/d.json"));
        assert_eq!(
            resolve_beneath(&root, "assets"),
            Resolved::Unusable(Unusable::Directory)
        );
        assert_eq!(
            resolve_beneath(&root, "nope/x.json"),
            Resolved::Unusable(Unusable::NotFound {
                through_link: false
            })
        );
    }

    #[test]
    fn absolute_and_climbing_paths_escape_on_their_text() {
        let (_dir, root) = root();
        let escapes = |path| resolve_beneath(&root, path);
        assert_eq!(escapes("/etc/passwd"), Resolved::Escapes(Escape::Absolute));
        assert_eq!(escapes("C:/Windows"), Resolved::Escapes(Escape::Absolute));
        assert_eq!(
            escapes("\\\\server\\share"),
            Resolved::Escapes(Escape::Absolute)
        );
        assert_eq!(
            escapes("../secret.txt"),
            Resolved::Escapes(Escape::ParentDirectory)
        );
        assert_eq!(
            escapes("assets/../../secret.txt"),
            Resolved::Escapes(Escape::ParentDirectory)
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_the_directory_itself_cannot_hide_a_climb() {
        // `a -> .` makes `a/a/a/a/b` the same as `b`: five `..` then climb out of the directory.
        let (_dir, root) = root();
        std::os::unix::fs::symlink(".", root.join("a")).unwrap();
        std::fs::create_dir(root.join("b")).unwrap();
        assert_eq!(
            resolve_beneath(&root, "a/a/a/a/b/../../../../../secret.txt"),
            Resolved::Escapes(Escape::Symlink)
        );
        assert_eq!(
            resolve_beneath(&root, "a/a/assets/dashboards/d.json"),
            file(&root, "assets/dashboards/d.json")
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_out_escape_and_links_in_resolve() {
        let (dir, root) = root();
        let link = |target: &Path, name: &str| {
            std::os::unix::fs::symlink(target, root.join(name)).unwrap();
        };
        link(&dir.path().join("secret.txt"), "absolute_out");
        link(Path::new("../secret.txt"), "relative_out");
        link(Path::new("/etc"), "etc");
        link(&root.join("assets"), "absolute_in");
        link(Path::new("assets/dashboards/d.json"), "relative_in");
        for name in ["absolute_out", "relative_out", "etc/passwd"] {
            assert_eq!(
                resolve_beneath(&root, name),
                Resolved::Escapes(Escape::Symlink),
                "{name}"
            );
        }
        assert_eq!(
            resolve_beneath(&root, "absolute_in/dashboards/d.json"),
            file(&root, "assets/dashboards/d.json")
        );
        assert_eq!(
            resolve_beneath(&root, "relative_in"),
            file(&root, "assets/dashboards/d.json")
        );
    }

    #[cfg(unix)]
    #[test]
    fn loops_and_dangling_links_are_unusable() {
        let (_dir, root) = root();
        std::os::unix::fs::symlink("b", root.join("a")).unwrap();
        std::os::unix::fs::symlink("a", root.join("b")).unwrap();
        std::os::unix::fs::symlink("nowhere", root.join("dangling")).unwrap();
        assert_eq!(
            resolve_beneath(&root, "a"),
            Resolved::Unusable(Unusable::Loop)
        );
        assert_eq!(
            resolve_beneath(&root, "dangling"),
            Resolved::Unusable(Unusable::NotFound { through_link: true })
        );
    }
}
