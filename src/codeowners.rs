//! A `.github/CODEOWNERS` file with spans: its rules (a path pattern and its owners) and which
//! rule owns a path, as GitHub reads the file and as Datadog's `ddev validate codeowners`
//! matches it (ddev 20.1.0, `ddev/utils/codeowners.py`, adapted from sbdchd/codeowners).
//!
//! - A line is trimmed; a blank line, a `#` comment and a GitLab `[section]` line are no rule.
//!   The rest splits on whitespace (`\ ` is an escaped space): a pattern, then its owners.
//! - The last rule whose pattern matches a path owns it.
//! - Patterns follow gitignore: a `/` other than a trailing one anchors the pattern at the root,
//!   `*` and `?` stay within one path segment, `**` between slashes spans segments, a trailing
//!   `/` matches a directory and what it holds, `[...]` is a character class.
//!
//! Matching is a set-of-states walk over the path: linear in the path times the pattern, with
//! no backtracking.

use crate::source::Span;

/// The rules of a CODEOWNERS file, in file order.
#[derive(Debug, Default)]
pub(crate) struct Codeowners {
    pub(crate) rules: Vec<OwnerRule>,
}

/// One line that assigns owners.
#[derive(Debug)]
pub(crate) struct OwnerRule {
    /// 1-based line number.
    pub(crate) line: usize,
    pub(crate) pattern: Word,
    pub(crate) owners: Vec<Word>,
    matcher: Matcher,
}

/// A whitespace-separated word of a line and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) text: String,
    pub(crate) span: Span,
}

/// What an owner names, by ddev's patterns (`TEAM`, `USERNAME`, `EMAIL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OwnerKind {
    /// `@org/team`.
    Team,
    /// `@user`.
    User,
    /// `name@example.com`.
    Email,
    /// Anything else (GitHub ignores it; so does ddev).
    Other,
}

/// The kind of an owner word.
pub(crate) fn owner_kind(owner: &str) -> OwnerKind {
    // `owner` holds no whitespace: `^@\S+/\S+` is a `/` after `@` and one character, with one
    // after it; `^\S+@\S+` an `@` with a character on each side.
    let inner = |c: char, from: usize| {
        owner
            .char_indices()
            .any(|(at, found)| found == c && at >= from && at + 1 < owner.len())
    };
    if owner.starts_with('@') && inner('/', 2) {
        OwnerKind::Team
    } else if owner.starts_with('@') && owner.len() > 1 {
        OwnerKind::User
    } else if inner('@', 1) {
        OwnerKind::Email
    } else {
        OwnerKind::Other
    }
}

impl Codeowners {
    /// Reads the rules of a CODEOWNERS text.
    pub(crate) fn parse(text: &str) -> Self {
        let mut rules = Vec::new();
        let mut start = 0;
        for (index, raw) in text.split_inclusive('\n').enumerate() {
            let offset = start;
            start += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if let Some(rule) = rule(line, offset, index + 1) {
                rules.push(rule);
            }
        }
        Self { rules }
    }

    /// The rule that owns `path` (`/acme/assets/logs/`): the last one that matches.
    pub(crate) fn owner_of(&self, path: &str) -> Option<&OwnerRule> {
        self.rules
            .iter()
            .rev()
            .find(|rule| rule.matcher.matches(path))
    }
}

/// The rule on one line, when the line holds one.
fn rule(line: &str, offset: usize, number: usize) -> Option<OwnerRule> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    let section = trimmed.ends_with(']') && (trimmed.starts_with('[') || trimmed.starts_with("^["));
    if section {
        return None;
    }
    let mut words = words(line, offset).into_iter();
    let pattern = words.next()?;
    Some(OwnerRule {
        line: number,
        matcher: Matcher::new(&pattern.text),
        pattern,
        owners: words.collect(),
    })
}

/// The whitespace-separated words of a line (`\ ` does not separate), with their spans.
fn words(line: &str, offset: usize) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<usize> = None;
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        if c.is_whitespace() && !escaped {
            if let Some(begin) = current.take() {
                words.push(word(line, offset, begin..at));
            }
        } else if current.is_none() {
            current = Some(at);
        }
        escaped = c == '\\' && !escaped;
    }
    if let Some(begin) = current {
        words.push(word(line, offset, begin..line.len()));
    }
    words
}

fn word(line: &str, offset: usize, span: Span) -> Word {
    Word {
        text: line.get(span.clone()).unwrap_or_default().to_owned(),
        span: offset + span.start..offset + span.end,
    }
}

/// One step of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(char),
    /// `?`: one character other than `/`.
    One,
    /// `*`: any run of characters other than `/`.
    Segment,
    /// `**`: any run of characters.
    Any,
    /// `[...]`: one character of the class (or, negated, not of it).
    Class {
        negated: bool,
        items: Vec<(char, char)>,
    },
}

impl Token {
    fn star(&self) -> bool {
        matches!(self, Token::Segment | Token::Any)
    }

    fn accepts(&self, c: char) -> bool {
        match self {
            Token::Literal(literal) => *literal == c,
            Token::One | Token::Segment => c != '/',
            Token::Any => true,
            Token::Class { negated, items } => {
                items.iter().any(|(low, high)| (*low..=*high).contains(&c)) != *negated
            }
        }
    }
}

/// What must follow the pattern's last token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    /// A trailing `/`: a directory, and so a `/` next.
    Slash,
    /// A trailing `/*`: the end of the path.
    End,
    /// Otherwise: the end of the path or a `/`.
    EndOrSlash,
}

/// A compiled pattern.
#[derive(Debug)]
struct Matcher {
    anchored: bool,
    tokens: Vec<Token>,
    tail: Tail,
}

impl Matcher {
    fn new(pattern: &str) -> Self {
        let slash = pattern.find('/');
        let anchored = slash.is_some_and(|at| at + 1 != pattern.len());
        let tail = if pattern.ends_with('/') {
            Tail::Slash
        } else if pattern.ends_with("/*") {
            Tail::End
        } else {
            Tail::EndOrSlash
        };
        Self {
            anchored,
            tokens: tokens(pattern.trim_matches('/')),
            tail,
        }
    }

    /// Whether the pattern matches somewhere in `path`, as Python's `re.search` would.
    fn matches(&self, path: &str) -> bool {
        let chars: Vec<char> = path.chars().collect();
        let mut states = vec![false; self.tokens.len() + 1];
        for at in 0..=chars.len() {
            let previous = at.checked_sub(1).and_then(|i| chars.get(i));
            let start = if self.anchored {
                at == 1 && previous == Some(&'/')
            } else {
                at == 0 || previous == Some(&'/')
            };
            if start && let Some(first) = states.first_mut() {
                *first = true;
            }
            self.close(&mut states);
            if states.last() == Some(&true) && self.tail_holds(chars.get(at)) {
                return true;
            }
            let Some(&c) = chars.get(at) else { break };
            states = self.step(&states, c);
        }
        false
    }

    /// Adds the states reachable by letting stars match nothing.
    fn close(&self, states: &mut [bool]) {
        for index in 0..self.tokens.len() {
            let star = self.tokens.get(index).is_some_and(Token::star);
            if states.get(index) == Some(&true)
                && star
                && let Some(next) = states.get_mut(index + 1)
            {
                *next = true;
            }
        }
    }

    fn step(&self, states: &[bool], c: char) -> Vec<bool> {
        let mut next = vec![false; states.len()];
        for (index, token) in self.tokens.iter().enumerate() {
            if states.get(index) != Some(&true) || !token.accepts(c) {
                continue;
            }
            let target = if token.star() { index } else { index + 1 };
            if let Some(state) = next.get_mut(target) {
                *state = true;
            }
        }
        next
    }

    fn tail_holds(&self, next: Option<&char>) -> bool {
        match self.tail {
            Tail::Slash => next == Some(&'/'),
            Tail::End => next.is_none(),
            Tail::EndOrSlash => next.is_none() || next == Some(&'/'),
        }
    }
}

/// The tokens of a pattern stripped of its leading and trailing slashes (ddev's
/// `path_to_regex`: `**` spans segments only between slashes, where it also takes the `/`
/// after it; `\x` is a literal `x`).
fn tokens(pattern: &str) -> Vec<Token> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while let Some(&c) = chars.get(index) {
        index += 1;
        match c {
            '\\' => {
                if let Some(&escaped) = chars.get(index) {
                    tokens.push(Token::Literal(escaped));
                    index += 1;
                }
            }
            '*' if chars.get(index) == Some(&'*') => {
                let left = index == 1 || chars.get(index - 2) == Some(&'/');
                let right = matches!(chars.get(index + 1), None | Some('/'));
                if left && right {
                    tokens.push(Token::Any);
                    index += 2;
                } else {
                    tokens.push(Token::Segment);
                }
            }
            '*' => tokens.push(Token::Segment),
            '?' => tokens.push(Token::One),
            '[' => match class(&chars, index) {
                Some((token, end)) => {
                    tokens.push(token);
                    index = end;
                }
                None => tokens.push(Token::Literal('[')),
            },
            c => tokens.push(Token::Literal(c)),
        }
    }
    tokens
}

/// The class whose `[` is just before `start`, and the index after its `]`.
fn class(chars: &[char], start: usize) -> Option<(Token, usize)> {
    let close = start + chars.get(start..)?.iter().position(|&c| c == ']')?;
    let mut body = chars.get(start..close)?;
    let negated = body.first() == Some(&'^');
    if negated {
        body = body.get(1..)?;
    }
    let mut items = Vec::new();
    let mut index = 0;
    while let Some(&low) = body.get(index) {
        match (body.get(index + 1), body.get(index + 2)) {
            (Some('-'), Some(&high)) => {
                items.push((low, high));
                index += 3;
            }
            _ => {
                items.push((low, low));
                index += 1;
            }
        }
    }
    Some((Token::Class { negated, items }, close + 1))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        Matcher::new(pattern).matches(path)
    }

    #[test]
    fn rules_skip_comments_blank_lines_and_sections_and_keep_spans() {
        let text = "# Owners\n\n[Docs]\n/acme/   @acme/team  support@acme.io\r\n*.md @docs\n";
        let owners = Codeowners::parse(text);
        assert_eq!(owners.rules.len(), 2);
        let acme = &owners.rules[0];
        assert_eq!(acme.line, 4);
        assert_eq!(&text[acme.pattern.span.clone()], "/acme/");
        let words: Vec<&str> = acme.owners.iter().map(|w| &text[w.span.clone()]).collect();
        assert_eq!(words, ["@acme/team", "support@acme.io"]);
        assert_eq!(owners.rules[1].line, 5);
    }

    #[test]
    fn the_last_matching_rule_owns_a_path() {
        let owners = Codeowners::parse(
            "/acme/ @a\n/acme/assets/logs/ @b\n**/assets/logs/ @DataDog/logs-integrations-reviewers\n",
        );
        assert_eq!(owners.owner_of("/acme/assets/logs/").unwrap().line, 3);
        assert_eq!(owners.owner_of("/acme/README.md").unwrap().line, 1);
        assert!(owners.owner_of("/other/README.md").is_none());
    }

    #[test]
    fn patterns_match_as_ddev_compiles_them() {
        assert!(matches("/acme/", "/acme/assets/logs/"));
        assert!(!matches("/acme/", "/acme_two/assets/logs/"));
        assert!(matches("**/assets/logs/", "/acme/assets/logs/"));
        assert!(matches("**/README.md", "/acme/README.md"));
        assert!(
            matches("*.md", "/acme/README.md"),
            "unanchored: any segment"
        );
        assert!(
            !matches("/acme/*", "/acme/assets/logs/"),
            "`/*` holds no subdirectory"
        );
        assert!(matches("/acme/*", "/acme/README.md"));
        assert!(
            matches("acme/", "/x/acme/y"),
            "a trailing slash alone does not anchor"
        );
        assert!(matches("/a?me/", "/acme/x"));
        assert!(matches("/[a-c]cme/", "/acme/x") && !matches("/[^a-c]cme/", "/acme/x"));
        assert!(matches("/a/**/b", "/a/b") && matches("/a/**/b", "/a/x/y/b"));
        assert!(matches("/a*/", "/ab/c/"));
        assert!(!matches("/a*c/", "/ab/c/"), "`*` stays in its segment");
    }

    #[test]
    fn owner_kinds_follow_ddevs_patterns() {
        assert_eq!(
            owner_kind("@DataDog/logs-integrations-reviewers"),
            OwnerKind::Team
        );
        assert_eq!(owner_kind("@acme"), OwnerKind::User);
        assert_eq!(owner_kind("support@acme.io"), OwnerKind::Email);
        assert_eq!(owner_kind("@acme/"), OwnerKind::User);
        assert_eq!(owner_kind("@"), OwnerKind::Other);
        assert_eq!(owner_kind("acme"), OwnerKind::Other);
    }
}
