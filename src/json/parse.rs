//! Strict RFC 8259 parser: depth-bounded recursive descent that records byte spans, finds
//! every repeated key as it goes, and builds only the values its [`Shape`] asks for.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{Document, Duplicate, MAX_DEPTH, Member, Node, ParseError, Shape, Span, Value};

const SINGLE_QUOTE: &str = "strings must use double quotes (`\"`), not single quotes (`'`)";
const BAD_ESCAPE: &str = "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; \
                          write `\\\\` for a backslash";
const LINE_BREAK_NOTE: &str =
    "the string starts here; if it should end before the line break, add its closing `\"`";
/// The one-character escapes: the byte after `\` in `ESCAPE_FROM` stands for
/// the char at the same index in `ESCAPE_TO`.
const ESCAPE_FROM: &[u8] = b"\"\\/bfnrt";
const ESCAPE_TO: &str = "\"\\/\u{8}\u{c}\n\r\t";
const MEMBER: &str = "an object member";
const ELEMENT: &str = "an array element";

/// Objects up to this many keys are searched for a repeat key by key; larger ones are hashed.
const SMALL_OBJECT: usize = 16;

/// Parses a whole JSON document, every value built. A leading UTF-8 BOM is skipped; spans are
/// offsets into `text` itself.
#[cfg(test)]
pub(crate) fn parse(text: &str) -> Result<Node, ParseError> {
    parse_shaped(text, &Shape::All).map(|document| document.root)
}

/// Parses a whole JSON document, building the values `shape` asks for; every repeated key of
/// the document is listed, in document order.
pub(crate) fn parse_shaped(text: &str, shape: &'static Shape) -> Result<Document, ParseError> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut p = Parser {
        text,
        pos: bom,
        members: Vec::new(),
        items: Vec::new(),
        skipped: Vec::new(),
        keys: Vec::new(),
        objects: Vec::new(),
        path: Vec::new(),
        duplicates: Vec::new(),
    };
    p.skip_ws();
    let root = p.value(0, shape)?;
    p.skip_ws();
    if p.pos < text.len() {
        let found = p.found();
        return Err(p.comment_error().unwrap_or_else(|| {
            p.error_here(format!(
                "unexpected content after the end of the JSON document: found {found}"
            ))
        }));
    }
    Ok(Document {
        root,
        duplicates: p.duplicates,
    })
}

struct Parser<'a> {
    text: &'a str,
    /// Always on a char boundary, never past the end.
    pos: usize,
    /// The members of the objects being parsed, innermost last: each object takes its own off
    /// the top when it closes, so that it is allocated once at its final size.
    members: Vec<Member>,
    /// The same for the elements of arrays.
    items: Vec<Node>,
    /// The same for containers that are skipped: zero-sized, never allocated.
    skipped: Vec<()>,
    /// The keys of the objects being parsed so far, innermost object last.
    keys: Vec<Key<'a>>,
    /// The objects being parsed, innermost last: where their keys start in `keys`.
    objects: Vec<Keys<'a>>,
    /// The steps from the root to the container being parsed.
    path: Vec<Step>,
    duplicates: Vec<Duplicate>,
}

/// A key of an object being parsed.
struct Key<'a> {
    text: Cow<'a, str>,
    span: Span,
}

/// The keys of one object being parsed.
struct Keys<'a> {
    /// Where its keys start in `Parser::keys`.
    start: usize,
    /// Key -> the span of its latest occurrence, once the object has more than
    /// `SMALL_OBJECT` keys.
    index: Option<HashMap<Cow<'a, str>, Span>>,
}

/// One step of the path from the root to a container.
enum Step {
    /// The member whose key is at this index of `Parser::keys`.
    Key(usize),
    Index(usize),
}

/// What a container holds, with the parser's stack where it collects them.
trait Element: Sized {
    fn stack<'p>(parser: &'p mut Parser<'_>) -> &'p mut Vec<Self>;
}

impl Element for Member {
    fn stack<'p>(parser: &'p mut Parser<'_>) -> &'p mut Vec<Self> {
        &mut parser.members
    }
}

impl Element for Node {
    fn stack<'p>(parser: &'p mut Parser<'_>) -> &'p mut Vec<Self> {
        &mut parser.items
    }
}

impl Element for () {
    fn stack<'p>(parser: &'p mut Parser<'_>) -> &'p mut Vec<Self> {
        &mut parser.skipped
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.byte(self.pos)
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.text.as_bytes().get(at).copied()
    }

    /// `text[range]`, or `""` if the range is not valid.
    fn slice(&self, range: Span) -> &'a str {
        self.text.get(range).unwrap_or_default()
    }

    fn peek_char(&self) -> Option<char> {
        self.text.get(self.pos..)?.chars().next()
    }

    fn skip_ws(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            match b {
                // Indentation, most of a pretty-printed file: eight spaces at a time.
                b' ' if bytes.get(self.pos..self.pos + 8) == Some(b"        ") => self.pos += 8,
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                _ => break,
            }
        }
    }

    /// The span of the character at `pos`, or an empty span at the end.
    fn here(&self) -> Span {
        match self.peek_char() {
            Some(c) => self.pos..self.pos + c.len_utf8(),
            None => self.text.len()..self.text.len(),
        }
    }

    fn found(&self) -> String {
        self.peek_char()
            .map_or_else(|| "the end of the file".to_string(), describe)
    }

    fn error_here(&self, message: impl Into<String>) -> ParseError {
        error(self.here(), message)
    }

    /// "expected X, found Y" at `pos`, or the comment error if a comment starts here.
    fn unexpected(&self, expected: &str) -> ParseError {
        let message = format!("expected {expected}, found {}", self.found());
        self.comment_error()
            .unwrap_or_else(|| self.error_here(message))
    }

    fn comment_error(&self) -> Option<ParseError> {
        let next = self.byte(self.pos + 1);
        let comment = self.peek() == Some(b'/') && matches!(next, Some(b'/' | b'*'));
        comment.then(|| self.error_here("comments are not allowed in JSON"))
    }

    /// Parses the value at `pos`, built as `shape` says; `depth` counts the enclosing objects
    /// and arrays.
    fn value(&mut self, depth: usize, shape: &'static Shape) -> Result<Node, ParseError> {
        if shape.skips() {
            let start = self.pos;
            self.skip(depth)?;
            let span = start..self.pos;
            return Ok(Node {
                span,
                value: Value::Skipped,
            });
        }
        match self.peek() {
            Some(b'{' | b'[') => self.container(depth + 1, shape),
            _ => self.scalar(),
        }
    }

    /// Checks the value at `pos` without building it.
    fn skip(&mut self, depth: usize) -> Result<(), ParseError> {
        match self.peek() {
            Some(b'{' | b'[') => self.skipped_container(depth + 1),
            Some(b'"') => self.string().map(drop),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            Some(b) if b.is_ascii_alphabetic() => self.literal().map(drop),
            _ => Err(self.bad_value()),
        }
    }

    /// Parses a string, number or literal (kept apart from `value` so the
    /// recursive path has small stack frames).
    fn scalar(&mut self) -> Result<Node, ParseError> {
        let start = self.pos;
        let value = match self.peek() {
            Some(b'"') => Value::String(self.string()?.into_owned()),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?.to_owned()),
            Some(b) if b.is_ascii_alphabetic() => self.literal()?,
            _ => return Err(self.bad_value()),
        };
        let span = start..self.pos;
        Ok(Node { span, value })
    }

    /// The error for a character that cannot start a value. Error paths are
    /// kept out of the recursive functions to keep their stack frames small.
    fn bad_value(&self) -> ParseError {
        match self.peek() {
            Some(b'\'') => self.error_here(SINGLE_QUOTE),
            Some(b'+') => self.error_here("a number cannot start with `+`: remove the `+`"),
            Some(b'.') => self.error_here("a number cannot start with `.`: write `0.5`, not `.5`"),
            _ => self.unexpected("a JSON value"),
        }
    }

    /// `true`, `false` or `null`; any other bare word is an error.
    fn literal(&mut self) -> Result<Value, ParseError> {
        let word = self.word();
        let value = match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => return Err(self.error_here(bad_word(word))),
        };
        self.pos += word.len();
        Ok(value)
    }

    /// The run of ASCII letters, digits, `_` and `$` at `pos`.
    fn word(&self) -> &str {
        let rest = self.slice(self.pos..self.text.len());
        let is_word = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$');
        let len = rest.bytes().take_while(is_word).count();
        self.slice(self.pos..self.pos + len)
    }

    /// The source text of the number at `pos`.
    fn number(&mut self) -> Result<&'a str, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') if self.byte(self.pos + 1).is_some_and(|b| b.is_ascii_digit()) => {
                return Err(self.error_here(leading_zeros(self.word())));
            }
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            Some(b'I') if self.word() == "Infinity" => {
                return Err(self.error_here(bad_word("-Infinity")));
            }
            _ => return Err(self.unexpected("a digit after `-`")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.required_digits("a digit after the decimal point")?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.required_digits("a digit in the exponent")?;
        }
        Ok(self.slice(start..self.pos))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn required_digits(&mut self, expected: &str) -> Result<(), ParseError> {
        if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return Err(self.unexpected(expected));
        }
        self.digits();
        Ok(())
    }

    /// Parses the string whose opening `"` is at `pos`; returns it decoded, borrowed from the
    /// text when it has no escape. Runs without escapes are copied as whole slices.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        let open = self.pos;
        self.pos += 1;
        let mut out: Option<String> = None;
        loop {
            let chunk = self.pos;
            let rest = self.slice(chunk..self.text.len()).as_bytes();
            self.pos += special_offset(rest);
            let run = self.slice(chunk..self.pos);
            // Most strings have no escape: nothing to copy.
            if out.is_none() && self.peek() == Some(b'"') {
                self.pos += 1;
                return Ok(Cow::Borrowed(run));
            }
            let decoded = out.get_or_insert_with(|| String::with_capacity(run.len() + 8));
            decoded.push_str(run);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out.unwrap_or_default()));
                }
                Some(b'\\') => self.escape(decoded, open)?,
                Some(b) => return Err(self.control_char(b, open)),
                None => return Err(self.unterminated_string(open)),
            }
        }
    }

    fn unterminated_string(&self, open: usize) -> ParseError {
        let found = self.found();
        let message = format!("unterminated string: expected a closing `\"`, found {found}");
        noted(
            self.error_here(message),
            open,
            "the string opened here is never closed",
        )
    }

    fn control_char(&self, b: u8, open: usize) -> ParseError {
        let (name, escape) = match b {
            b'\n' => ("newline".to_string(), "\\n".to_string()),
            b'\r' => ("carriage return".to_string(), "\\r".to_string()),
            b'\t' => ("tab".to_string(), "\\t".to_string()),
            _ => (
                format!("control character (U+{b:04X})"),
                format!("\\u{b:04x}"),
            ),
        };
        let message = format!("a raw {name} must be escaped inside a string: write `{escape}`");
        let e = self.error_here(message);
        if matches!(b, b'\n' | b'\r') {
            noted(e, open, LINE_BREAK_NOTE)
        } else {
            e
        }
    }

    /// Decodes the escape whose `\` is at `pos`.
    fn escape(&mut self, out: &mut String, open: usize) -> Result<(), ParseError> {
        let backslash = self.pos;
        self.pos += 1;
        let Some(b) = self.peek() else {
            return Err(self.unterminated_string(open));
        };
        if b == b'u' {
            return self.unicode_escape(out, backslash, open);
        }
        let index = ESCAPE_FROM.iter().position(|&e| e == b);
        let Some(c) = index.and_then(|i| ESCAPE_TO.chars().nth(i)) else {
            let found = self.found();
            let message = format!("invalid escape: `\\` followed by {found} ({BAD_ESCAPE})");
            return Err(self.error_here(message));
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    /// Decodes `\uXXXX` (with `pos` on the `u`), pairing UTF-16 surrogates.
    fn unicode_escape(
        &mut self,
        out: &mut String,
        bs: usize,
        open: usize,
    ) -> Result<(), ParseError> {
        let unit = self.hex4(open)?;
        let raw = self.slice(bs..self.pos).to_string();
        let code = match unit {
            0xD800..=0xDBFF => self.low_surrogate(unit, &raw, bs, open)?,
            0xDC00..=0xDFFF => {
                return Err(error(
                    bs..bs + 1,
                    format!(
                        "lone UTF-16 surrogate `{raw}`: a low surrogate (`\\uDC00`-`\\uDFFF`) \
                     must directly follow a high surrogate (`\\uD800`-`\\uDBFF`)"
                    ),
                ));
            }
            _ => unit,
        };
        let message = || error(bs..bs + 1, format!("`{raw}` is not a valid character"));
        out.push(char::from_u32(code).ok_or_else(message)?);
        Ok(())
    }

    /// Reads the `\uXXXX` low surrogate that must follow the high surrogate `high`.
    fn low_surrogate(
        &mut self,
        high: u32,
        raw: &str,
        bs: usize,
        open: usize,
    ) -> Result<u32, ParseError> {
        if self.peek().is_none() {
            return Err(self.unterminated_string(open));
        }
        if !self.slice(self.pos..self.text.len()).starts_with("\\u") {
            return Err(error(
                bs..bs + 1,
                format!(
                    "lone UTF-16 surrogate `{raw}`: a high surrogate must be directly followed \
                 by a low surrogate escape (`\\uDC00`-`\\uDFFF`)"
                ),
            ));
        }
        let second = self.pos;
        self.pos += 1;
        let low = self.hex4(open)?;
        if !(0xDC00..=0xDFFF).contains(&low) {
            let found = self.slice(second..self.pos);
            return Err(error(
                bs..bs + 1,
                format!(
                    "mismatched UTF-16 surrogate `{raw}`: it must be followed by a low surrogate \
                 (`\\uDC00`-`\\uDFFF`), found `{found}`"
                ),
            ));
        }
        Ok(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    /// Reads four hex digits after the `u` at `pos`.
    fn hex4(&mut self, open: usize) -> Result<u32, ParseError> {
        self.pos += 1;
        let mut unit = 0;
        for _ in 0..4 {
            let Some(b) = self.peek() else {
                return Err(self.unterminated_string(open));
            };
            let Some(digit) = char::from(b).to_digit(16) else {
                return Err(self.unexpected("4 hex digits after `\\u`"));
            };
            unit = unit * 16 + digit;
            self.pos += 1;
        }
        Ok(unit)
    }

    /// Parses the object or array whose opening bracket is at `pos`, built as `shape` says.
    fn container(&mut self, depth: usize, shape: &'static Shape) -> Result<Node, ParseError> {
        let open = self.pos;
        let value = self.enter(depth, |p, object| {
            if object {
                let member = |p: &mut Self, index| p.member(depth, index, shape);
                p.sequence(b'}', MEMBER, member).map(Value::Object)
            } else {
                let element = |p: &mut Self, index| {
                    p.path.push(Step::Index(index));
                    let item = p.value(depth, shape.element());
                    p.path.pop();
                    item
                };
                p.sequence(b']', ELEMENT, element).map(Value::Array)
            }
        })?;
        let span = open..self.pos;
        Ok(Node { span, value })
    }

    /// Checks the object or array whose opening bracket is at `pos` without building it.
    fn skipped_container(&mut self, depth: usize) -> Result<(), ParseError> {
        self.enter(depth, |p, object| {
            if object {
                let member = |p: &mut Self, index| p.skipped_member(depth, index);
                p.sequence(b'}', MEMBER, member).map(drop)
            } else {
                let element = |p: &mut Self, index| {
                    p.path.push(Step::Index(index));
                    let item = p.skip(depth);
                    p.path.pop();
                    item
                };
                p.sequence(b']', ELEMENT, element).map(drop)
            }
        })
    }

    /// Enters the object or array whose opening bracket is at `pos`; `body` (told whether it
    /// is an object) parses what it holds up to and including its closing bracket.
    fn enter<T>(
        &mut self,
        depth: usize,
        body: impl FnOnce(&mut Self, bool) -> Result<T, ParseError>,
    ) -> Result<T, ParseError> {
        let open = self.pos;
        let object = self.peek() == Some(b'{');
        let kind = if object { "object" } else { "array" };
        if depth > MAX_DEPTH {
            return Err(self.too_deep(kind));
        }
        self.pos += 1;
        if object {
            let start = self.keys.len();
            self.objects.push(Keys { start, index: None });
        }
        let result = body(self, object).map_err(|e| self.unclosed(e, open, kind));
        if object && let Some(keys) = self.objects.pop() {
            self.keys.truncate(keys.start);
        }
        result
    }

    /// Parses `element`s separated by commas up to `close`, with `pos` just
    /// after the opening bracket. `element` is told its index.
    fn sequence<T: Element>(
        &mut self,
        close: u8,
        what: &str,
        mut element: impl FnMut(&mut Self, usize) -> Result<T, ParseError>,
    ) -> Result<Vec<T>, ParseError> {
        self.skip_ws();
        if self.peek() == Some(close) {
            self.pos += 1;
            return Ok(Vec::new());
        }
        let start = T::stack(self).len();
        loop {
            let index = T::stack(self).len().saturating_sub(start);
            let next = element(self, index)?;
            T::stack(self).push(next);
            self.skip_ws();
            match self.peek() {
                Some(b) if b == close => {
                    self.pos += 1;
                    return Ok(T::stack(self).split_off(start));
                }
                Some(b',') => self.comma(close)?,
                _ => return Err(self.missing_separator(close, what)),
            }
        }
    }

    fn too_deep(&self, kind: &str) -> ParseError {
        self.error_here(format!(
            "this {kind} is nested more than {MAX_DEPTH} levels deep"
        ))
    }

    fn missing_separator(&self, close: u8, what: &str) -> ParseError {
        let close = char::from(close);
        self.unexpected(&format!("`,` or `{close}` after {what}"))
    }

    /// Consumes the `,` at `pos` and rejects a trailing comma before `close`.
    fn comma(&mut self, close: u8) -> Result<(), ParseError> {
        let comma = self.pos;
        self.pos += 1;
        self.skip_ws();
        if self.peek() != Some(close) {
            return Ok(());
        }
        let message = format!(
            "trailing comma: JSON does not allow a comma before `{}`",
            char::from(close)
        );
        Err(error(comma..comma + 1, message))
    }

    /// Parses the member at `pos` of an object of shape `shape`.
    fn member(
        &mut self,
        depth: usize,
        index: usize,
        shape: &'static Shape,
    ) -> Result<Member, ParseError> {
        let (key, key_span) = self.key(index)?;
        let value = self.member_value(depth, shape.member(&key))?;
        Ok(Member {
            key: key.into_owned(),
            key_span,
            value,
        })
    }

    /// Checks the member at `pos` of a skipped object.
    fn skipped_member(&mut self, depth: usize, index: usize) -> Result<(), ParseError> {
        self.key(index)?;
        self.path.push(Step::Key(self.keys.len().saturating_sub(1)));
        let checked = self.skip(depth);
        self.path.pop();
        checked
    }

    /// The value of the member whose key was the last one read.
    fn member_value(&mut self, depth: usize, shape: &'static Shape) -> Result<Node, ParseError> {
        self.path.push(Step::Key(self.keys.len().saturating_sub(1)));
        let value = self.value(depth, shape);
        self.path.pop();
        value
    }

    /// Reads the key of the `index`th member of the object being parsed, up to and past its
    /// `:`, and notes it among the object's keys (a repeat is recorded as a duplicate).
    fn key(&mut self, index: usize) -> Result<(Cow<'a, str>, Span), ParseError> {
        let key_start = self.pos;
        if self.peek() != Some(b'"') {
            return Err(self.bad_key(index == 0));
        }
        let key = self.string()?;
        let key_span = key_start..self.pos;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(self.unexpected("`:` after the object key"));
        }
        self.pos += 1;
        self.skip_ws();
        self.note_key(key.clone(), key_span.clone());
        Ok((key, key_span))
    }

    /// Adds `key` to the keys of the innermost object, recording a duplicate when the object
    /// already has it (paired with its latest earlier occurrence).
    fn note_key(&mut self, key: Cow<'a, str>, span: Span) {
        let earlier = match self.objects.last_mut() {
            Some(Keys {
                index: Some(index), ..
            }) => index.insert(key.clone(), span.clone()),
            Some(object) => {
                let siblings = self.keys.get(object.start..).unwrap_or_default();
                let earlier = siblings.iter().rfind(|k| k.text == key);
                let earlier = earlier.map(|k| k.span.clone());
                if siblings.len() >= SMALL_OBJECT {
                    let mut index: HashMap<Cow<'a, str>, Span> = siblings
                        .iter()
                        .map(|k| (k.text.clone(), k.span.clone()))
                        .collect();
                    index.insert(key.clone(), span.clone());
                    object.index = Some(index);
                }
                earlier
            }
            None => None,
        };
        if let Some(first) = earlier {
            self.duplicates.push(Duplicate {
                object: self.pointer(),
                key: key.clone().into_owned(),
                first,
                second: span.clone(),
            });
        }
        self.keys.push(Key { text: key, span });
    }

    /// The RFC 6901 pointer of the container being parsed.
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for step in &self.path {
            pointer.push('/');
            match step {
                Step::Key(at) => {
                    let key = self.keys.get(*at).map_or("", |k| &k.text);
                    pointer.push_str(&super::escape_token(key));
                }
                Step::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer
    }

    fn bad_key(&self, first: bool) -> ParseError {
        match self.peek() {
            Some(b'\'') => self.error_here(SINGLE_QUOTE),
            Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$') => {
                let word = shorten(self.word());
                let message = format!(
                    "object keys must be strings in double quotes, found the unquoted key `{word}`"
                );
                self.error_here(message)
            }
            _ if first => self.unexpected("a key in double quotes or `}`"),
            _ => self.unexpected("a key in double quotes"),
        }
    }

    /// An error at the very end of the input inside a container means the
    /// container was never closed: point at its opening bracket.
    fn unclosed(&self, e: ParseError, open: usize, kind: &str) -> ParseError {
        let end = self.text.len();
        if e.note.is_some() || e.span != (end..end) {
            return e;
        }
        noted(e, open, &format!("the {kind} opened here is never closed"))
    }
}

/// The offset of the first `"`, `\` or control character (below U+0020) in `bytes`, or its
/// length: the end of a run a string copies as it is. Eight bytes at a time: in each word, a
/// byte equal to `"` or `\` is a zero byte of the word xor-ed with that byte repeated, and the
/// classic test for a zero byte (for a byte below 0x20: below `n`) sets the high bit of the
/// first such byte exactly (bits above it may be set too, so only the lowest counts).
fn special_offset(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |word: u64, n: u64| word.wrapping_sub(ONES * n) & !word & HIGH;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk).map(u64::from_le_bytes) else {
            break;
        };
        let found = below(word ^ (ONES * u64::from(b'"')), 1)
            | below(word ^ (ONES * u64::from(b'\\')), 1)
            | below(word, 0x20);
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let tail = bytes.get(at..).unwrap_or_default();
    let special = |&b: &u8| b == b'"' || b == b'\\' || b < 0x20;
    at + tail.iter().position(special).unwrap_or(tail.len())
}

/// Adds a note on the one-byte token at `at` (an opening quote or bracket).
fn noted(e: ParseError, at: usize, note: &str) -> ParseError {
    let note = Some((at..at + 1, note.to_string()));
    ParseError { note, ..e }
}

fn error(span: Span, message: impl Into<String>) -> ParseError {
    let message = message.into();
    ParseError {
        span,
        message,
        note: None,
    }
}

/// The message for a bare word that is not `true`, `false` or `null`.
fn bad_word(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "nan" | "infinity" | "-infinity" => {
            format!(
                "`{word}` is not allowed in JSON: numbers must be finite (use `null` for no value)"
            )
        }
        "true" | "false" | "null" => {
            format!("JSON literals are lowercase: write `{lower}` instead of `{word}`")
        }
        "none" | "nil" | "undefined" => {
            format!("`{word}` is not a JSON value: write `null` instead")
        }
        _ => format!(
            "expected a JSON value, found `{}` (text values must be strings in double quotes)",
            shorten(word)
        ),
    }
}

/// The message for a number whose integer part `word` starts with `0`.
fn leading_zeros(word: &str) -> String {
    let digits = word.split(|c: char| !c.is_ascii_digit()).next();
    let digits = digits.unwrap_or_default();
    let fixed = digits.trim_start_matches('0');
    let fixed = if fixed.is_empty() { "0" } else { fixed };
    format!("leading zeros are not allowed in JSON numbers: write `{fixed}`, not `{digits}`")
}

/// How a found character is named in messages.
fn describe(c: char) -> String {
    let code = u32::from(c);
    match c {
        '\n' => "a newline".into(),
        '\r' => "a carriage return".into(),
        '\t' => "a tab".into(),
        ' ' => "a space".into(),
        '`' => "a backtick (`)".into(),
        '\u{feff}' => "a byte order mark (U+FEFF)".into(),
        '\u{a0}' => "a non-breaking space (U+00A0), which JSON does not allow here".into(),
        '\u{200b}'..='\u{200d}' | '\u{2060}' => format!("an invisible character (U+{code:04X})"),
        _ if c.is_control() => format!("a control character (U+{code:04X})"),
        _ if c.is_whitespace() => format!("a non-JSON space character (U+{code:04X})"),
        _ => format!("`{c}`"),
    }
}

/// Shortens a bare word (ASCII) for display.
fn shorten(word: &str) -> String {
    match word.get(..40) {
        Some(head) if word.len() > 40 => format!("{head}..."),
        _ => word.to_string(),
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Parses `text`, expecting an error at `span` whose message contains `fragment`.
    #[track_caller]
    fn check(text: &str, span: Span, fragment: &str) -> ParseError {
        let shown: String = text.chars().take(80).collect();
        let e = parse(text).expect_err(&shown);
        assert_eq!(e.span, span, "{shown:?}: {}", e.message);
        assert!(
            e.message.contains(fragment),
            "{shown:?}: {:?} lacks {fragment:?}",
            e.message
        );
        e
    }

    #[track_caller]
    fn text_of<'t>(text: &'t str, node: &Node) -> &'t str {
        &text[node.span.clone()]
    }

    #[test]
    fn spans_of_nested_keys_and_values() {
        let text = r#"{"name": "x", "nested": {"inner": [1, true, null, {"deep": -2.5e+3}]}}"#;
        let root = parse(text).unwrap();
        assert_eq!(root.span, 0..text.len());
        let nested = root.member("nested").unwrap();
        assert_eq!(&text[nested.key_span.clone()], "\"nested\"");
        assert_eq!(
            text_of(text, &nested.value),
            r#"{"inner": [1, true, null, {"deep": -2.5e+3}]}"#
        );
        let inner = nested.value.get("inner").unwrap();
        assert_eq!(
            text_of(text, inner),
            r#"[1, true, null, {"deep": -2.5e+3}]"#
        );
        let items = inner.as_array().unwrap();
        let texts: Vec<&str> = items.iter().map(|n| text_of(text, n)).collect();
        assert_eq!(texts, ["1", "true", "null", r#"{"deep": -2.5e+3}"#]);
        assert_eq!(items[0].value, Value::Number("1".into()));
        assert_eq!(items[1].value, Value::Bool(true));
        assert_eq!(items[2].value, Value::Null);
        let deep = items[3].member("deep").unwrap();
        assert_eq!(&text[deep.key_span.clone()], "\"deep\"");
        assert_eq!(deep.value.value, Value::Number("-2.5e+3".into()));
        assert_eq!(text_of(text, root.get("name").unwrap()), "\"x\"");
    }

    #[test]
    fn arrays_and_scalars_at_the_root() {
        let text = " [ [] , {} ,\"\", 0, -0.0, 1E5, 12e-1 ] ";
        let root = parse(text).unwrap();
        assert_eq!(
            text_of(text, &root),
            "[ [] , {} ,\"\", 0, -0.0, 1E5, 12e-1 ]"
        );
        let items = root.as_array().unwrap();
        let texts: Vec<&str> = items.iter().map(|n| text_of(text, n)).collect();
        assert_eq!(texts, ["[]", "{}", "\"\"", "0", "-0.0", "1E5", "12e-1"]);
        assert_eq!(items[2].as_str(), Some(""));
        for (text, value) in [("false", Value::Bool(false)), (" null", Value::Null)] {
            assert_eq!(parse(text).unwrap().value, value);
        }
        assert_eq!(parse("\"s\"").unwrap().span, 0..3);
        assert_eq!(parse("\n42\n").unwrap().span, 1..3);
    }

    #[test]
    fn decodes_escapes() {
        let root = parse(r#""q\"b\\s\/b\bf\fn\nr\rt\t""#).unwrap();
        assert_eq!(root.as_str(), Some("q\"b\\s/b\u{8}f\u{c}n\nr\rt\t"));
        let root =
            parse(r#"["\u202f", "\u00E9\u00e9", "\ud83d\ude00", "\uD834\uDD1E!", "\u0000"]"#);
        let got: Vec<&str> = root
            .as_ref()
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert_eq!(got, ["\u{202f}", "éé", "😀", "𝄞!", "\0"]);
        let text = "{\"héllo 😀\": \"naïve\u{202f}text\"}";
        let root = parse(text).unwrap();
        let m = root.member("héllo 😀").unwrap();
        assert_eq!(&text[m.key_span.clone()], "\"héllo 😀\"");
        assert_eq!(m.value.as_str(), Some("naïve\u{202f}text"));
    }

    #[test]
    fn bom_is_skipped_but_offsets_stay_in_the_original() {
        let text = "\u{feff}{\"a\": 1}";
        let root = parse(text).unwrap();
        assert_eq!(root.span, 3..text.len());
        assert_eq!(root.member("a").unwrap().key_span, 4..7);
        check(
            "\u{feff}",
            3..3,
            "expected a JSON value, found the end of the file",
        );
        check("{\"a\": \u{feff}1}", 6..9, "found a byte order mark");
        check("\u{feff}\u{feff}{}", 3..6, "byte order mark");
    }

    #[test]
    fn crlf_line_endings() {
        let text = "{\r\n  \"a\": [\r\n    1\r\n  ]\r\n}\r\n";
        let root = parse(text).unwrap();
        assert_eq!(root.span, 0..text.len() - 2);
        let a = root.member("a").unwrap();
        assert_eq!(a.key_span, 5..8);
        assert_eq!(text_of(text, &a.value), "[\r\n    1\r\n  ]");
    }

    #[test]
    fn empty_input() {
        check("", 0..0, "expected a JSON value, found the end of the file");
        check(" \t\r\n", 4..4, "found the end of the file");
    }

    #[test]
    fn trailing_commas() {
        check(
            r#"{"a": 1,}"#,
            7..8,
            "trailing comma: JSON does not allow a comma before `}`",
        );
        check(
            "[1, 2 ,\n]",
            6..7,
            "trailing comma: JSON does not allow a comma before `]`",
        );
        check("[,]", 1..2, "expected a JSON value, found `,`");
        check("[1,,2]", 3..4, "found `,`");
        check(
            "{,}",
            1..2,
            "expected a key in double quotes or `}`, found `,`",
        );
    }

    #[test]
    fn comments() {
        check(
            "{\"a\": 1 // note\n}",
            8..9,
            "comments are not allowed in JSON",
        );
        check("/* c */ {}", 0..1, "comments are not allowed");
        check("{} // end", 3..4, "comments are not allowed");
        check("[1, /* x */ 2]", 4..5, "comments are not allowed");
        check(
            "{\"a\": 1, // c\n\"b\": 2}",
            9..10,
            "comments are not allowed",
        );
        check("{\"a\" /* */ : 1}", 5..6, "comments are not allowed");
        check(
            "[1 / 2]",
            3..4,
            "expected `,` or `]` after an array element, found `/`",
        );
    }

    #[test]
    fn quoting_mistakes() {
        check("{'a': 1}", 1..2, "double quotes");
        check(r#"{"a": 'b'}"#, 6..7, "not single quotes");
        check("{a: 1}", 1..2, "unquoted key `a`");
        check(r#"{"a": 1, name: 2}"#, 9..10, "unquoted key `name`");
        check("{1: 2}", 1..2, "unquoted key `1`");
        check("[hello]", 1..2, "found `hello`");
        check(&format!("[{}]", "a".repeat(100)), 1..2, "...`");
    }

    #[test]
    fn bad_numbers() {
        check(
            "01",
            0..1,
            "leading zeros are not allowed in JSON numbers: write `1`, not `01`",
        );
        check("[-012]", 2..3, "write `12`, not `012`");
        check("00.5", 0..1, "write `0`, not `00`");
        check("+1", 0..1, "cannot start with `+`");
        check(".5", 0..1, "cannot start with `.`");
        check(
            "1.",
            2..2,
            "expected a digit after the decimal point, found the end of the file",
        );
        check(
            "[1.]",
            3..4,
            "expected a digit after the decimal point, found `]`",
        );
        check("1e", 2..2, "expected a digit in the exponent");
        check("1E+", 3..3, "expected a digit in the exponent");
        check("[1e-x]", 4..5, "found `x`");
        check(
            "-",
            1..1,
            "expected a digit after `-`, found the end of the file",
        );
        check("[- 1]", 2..3, "expected a digit after `-`, found a space");
        check(
            "0x1F",
            1..2,
            "unexpected content after the end of the JSON document: found `x`",
        );
        check("1.5.3", 3..4, "unexpected content");
    }

    #[test]
    fn non_finite_and_wrong_literals() {
        check("NaN", 0..1, "`NaN` is not allowed in JSON");
        check("[Infinity]", 1..2, "`Infinity` is not allowed");
        check("-Infinity", 1..2, "`-Infinity` is not allowed");
        check("True", 0..1, "write `true` instead of `True`");
        check("{\"a\": None}", 6..7, "write `null`");
        check("[tru]", 1..2, "found `tru`");
        check("[truex]", 1..2, "found `truex`");
        check("nul", 0..1, "found `nul`");
    }

    #[test]
    fn bad_escapes() {
        check(r#""a\x""#, 3..4, "invalid escape: `\\` followed by `x`");
        check(r#"["\'"]"#, 3..4, "invalid escape");
        check("\"\\\n\"", 2..3, "followed by a newline");
        check(
            r#""\u12G4""#,
            5..6,
            "expected 4 hex digits after `\\u`, found `G`",
        );
        check(r#""\u12""#, 5..6, "found `\"`");
        check(r#""\U0041""#, 2..3, "invalid escape");
    }

    #[test]
    fn raw_control_characters_in_strings() {
        let e = check(
            "\"a\tb\"",
            2..3,
            "a raw tab must be escaped inside a string: write `\\t`",
        );
        assert!(e.note.is_none());
        let e = check("{\"a\": \"b\n}", 8..9, "a raw newline must be escaped");
        assert_eq!(e.note.unwrap().0, 6..7);
        check("\"\r\"", 1..2, "raw carriage return");
        check("\"\u{0}\"", 1..2, "raw control character (U+0000)");
        check("\"\u{1f}\"", 1..2, "write `\\u001f`");
        assert_eq!(parse("\"\u{7f}\"").unwrap().as_str(), Some("\u{7f}"));
    }

    #[test]
    fn surrogates() {
        check(r#""\ud800""#, 1..2, "lone UTF-16 surrogate `\\ud800`");
        check(r#""\uD800x""#, 1..2, "lone UTF-16 surrogate");
        check(
            r#"["a", "\uDC00\uD800"]"#,
            7..8,
            "lone UTF-16 surrogate `\\uDC00`",
        );
        check(
            r#""\uD800\u0041""#,
            1..2,
            "mismatched UTF-16 surrogate `\\uD800`",
        );
        check(r#""\uD800\uD800""#, 1..2, "found `\\uD800`");
        check(r#""\uD800\n""#, 1..2, "lone UTF-16 surrogate");
    }

    #[test]
    fn missing_colon_and_comma() {
        check(
            r#"{"a" 1}"#,
            5..6,
            "expected `:` after the object key, found `1`",
        );
        check(r#"{"a"}"#, 4..5, "expected `:`");
        check(
            r#"{"a": 1 "b": 2}"#,
            8..9,
            "expected `,` or `}` after an object member, found `\"`",
        );
        check(
            r#"{"a": 1]"#,
            7..8,
            "expected `,` or `}` after an object member, found `]`",
        );
        check(
            "[1 2]",
            3..4,
            "expected `,` or `]` after an array element, found `2`",
        );
        check("[1}", 2..3, "found `}`");
        check(r#"{"a": }"#, 6..7, "expected a JSON value, found `}`");
        check("]", 0..1, "expected a JSON value, found `]`");
    }

    #[test]
    fn content_after_the_document() {
        check(
            "{} {}",
            3..4,
            "unexpected content after the end of the JSON document: found `{`",
        );
        check(
            "1 2",
            2..3,
            "unexpected content after the end of the JSON document",
        );
        check("{}}", 2..3, "found `}`");
        check("{}\u{a0}", 2..4, "found a non-breaking space (U+00A0)");
    }

    #[test]
    fn non_json_whitespace() {
        check("{\u{c}}", 1..2, "found a control character (U+000C)");
        check("[1,\u{2003}2]", 3..6, "non-JSON space character (U+2003)");
        check("[\u{200b}]", 1..4, "invisible character (U+200B)");
        check("{\"a\":\u{b}1}", 5..6, "control character (U+000B)");
        check("[`]", 1..2, "found a backtick");
    }

    #[test]
    fn unterminated_at_end_of_input() {
        let e = check("\"abc", 4..4, "unterminated string");
        assert_eq!(
            e.note,
            Some((0..1, "the string opened here is never closed".into()))
        );
        let e = check(
            "{\"a\": 1",
            7..7,
            "expected `,` or `}` after an object member, found the end of the file",
        );
        assert_eq!(
            e.note,
            Some((0..1, "the object opened here is never closed".into()))
        );
        let e = check("[1, 2", 5..5, "found the end of the file");
        assert_eq!(e.note.unwrap().1, "the array opened here is never closed");
        let e = check(
            "{\"a\": [1, ",
            10..10,
            "expected a JSON value, found the end of the file",
        );
        assert_eq!(e.note.unwrap().0, 6..7);
        let e = check("[{\"key", 6..6, "unterminated string");
        assert_eq!(e.note.unwrap().0, 2..3);
        let e = check("{\"a\": \"x\\u00", 12..12, "unterminated string");
        assert_eq!(e.note.unwrap().0, 6..7);
        let e = check("[\"\\", 3..3, "unterminated string");
        assert_eq!(e.note.unwrap().0, 1..2);
        let e = check("[1.", 3..3, "decimal point");
        assert_eq!(e.note.unwrap().0, 0..1);
        check(
            "{",
            1..1,
            "expected a key in double quotes or `}`, found the end of the file",
        );
        check("{\"a\"", 4..4, "expected `:`");
    }

    #[test]
    fn depth_limit() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        check(&too_deep, 128..129, "nested more than 128 levels deep");
        let objects = format!(
            "{}1{}",
            "{\"a\":".repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        );
        check(
            &objects,
            640..641,
            "this object is nested more than 128 levels deep",
        );
    }

    #[test]
    fn very_deep_input_fails_fast() {
        let start = Instant::now();
        check(
            &"[".repeat(100_000),
            128..129,
            "nested more than 128 levels deep",
        );
        check(
            &"{\"a\":".repeat(100_000),
            640..641,
            "nested more than 128 levels deep",
        );
        check(
            &"[{\"k\":".repeat(50_000),
            384..385,
            "nested more than 128 levels deep",
        );
        let balanced = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        check(&balanced, 128..129, "nested more than 128 levels deep");
        assert!(start.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn max_depth_fits_in_a_small_stack() {
        let run = || {
            let half = MAX_DEPTH / 2;
            let text = format!("{}1{}", "[{\"a\":".repeat(half), "}]".repeat(half));
            let root = parse(&text).unwrap();
            let ptr = "/0/a".repeat(half);
            assert_eq!(root.pointer(&ptr).unwrap().value, Value::Number("1".into()));
            assert!(root.to_serde().is_array());
            assert!(
                super::parse_shaped(&text, &Shape::All)
                    .unwrap()
                    .duplicates
                    .is_empty()
            );
            assert!(super::parse_shaped(&text, &Shape::Skip).is_ok());
            let deeper = format!("[{text}]");
            parse(&deeper).is_err() && super::parse_shaped(&deeper, &Shape::Skip).is_err()
        };
        // Half of the default 2 MiB thread stack; debug builds need about 400 KiB.
        let thread = std::thread::Builder::new().stack_size(1 << 20).spawn(run);
        assert!(thread.unwrap().join().unwrap());
    }

    #[test]
    fn ten_megabyte_strings_parse_quickly() {
        let start = Instant::now();
        let body = "abcdefghé".repeat(1_000_000);
        let text = format!("{{\"big\": \"{body}\"}}");
        let root = parse(&text).unwrap();
        assert_eq!(root.get("big").unwrap().as_str(), Some(body.as_str()));
        let escaped = format!("\"{}\"", "\\n\\u00e9x".repeat(1_000_000));
        let root = parse(&escaped).unwrap();
        assert_eq!(root.as_str().unwrap().len(), 4_000_000);
        let unterminated = format!("[\"{body}");
        check(
            &unterminated,
            unterminated.len()..unterminated.len(),
            "unterminated",
        );
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{:?}",
            start.elapsed()
        );
    }

    const MANIFESTS: [&str; 3] = [
        r#"{
  "manifest_version": "2.0.0",
  "app_uuid": "b8f0c2a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c",
  "app_id": "acme-widget",
  "display_on_public_website": true,
  "tile": {
    "overview": "README.md#Overview",
    "configuration": "README.md#Setup",
    "support": "README.md#Support",
    "changelog": "CHANGELOG.md",
    "description": "Monitor Acme widgets\u202fand gadgets — naïve “quotes” 😀",
    "title": "Acme Widget",
    "media": [],
    "classifier_tags": [
      "Supported OS::Linux",
      "Category::Metrics",
      "Offering::Integration"
    ]
  },
  "author": {
    "support_email": "help@acme.example",
    "name": "Acme",
    "homepage": "https://acme.example/a\/b?x=1&y=\"2\"",
    "sales_email": "sales@acme.example"
  },
  "assets": {
    "integration": {
      "auto_install": false,
      "source_type_id": 10400,
      "source_type_name": "Acme Widget",
      "configuration": {"spec": "assets/configuration/spec.yaml"},
      "events": {"creates_events": false},
      "metrics": {"prefix": "acme.", "check": ["acme.up"], "metadata_path": "metadata.csv"},
      "service_checks": {"metadata_path": "assets/service_checks.json"}
    },
    "dashboards": {"Acme Overview": "assets/dashboards/overview.json"},
    "monitors": {},
    "saved_views": {}
  },
  "pricing": [{"billing_type": "tag_count", "unit_price": 0.5e1, "tag": "host", "includes_assets": true}],
  "legal_terms": {"eula": "assets/eula.pdf"}
}
"#,
        "\u{feff}{\r\n  \"a\": [1, -2.5E-3, true, false, null],\r\n  \"b\": {\"c\": \"\\ud83d\\ude00\\t\"}\r\n}",
        r#"[{"k": "v", "k": "w"}, [[[]]], "\u00e9", 0, {"": {"": ""}}]"#,
    ];

    /// Checks every span of a successfully parsed tree against the text.
    fn check_tree(text: &str, node: &Node) {
        let s = &text[node.span.clone()];
        match &node.value {
            Value::String(_) => assert!(s.len() >= 2 && s.starts_with('"') && s.ends_with('"')),
            Value::Number(raw) => assert_eq!(s, raw),
            Value::Null => assert_eq!(s, "null"),
            Value::Bool(b) => assert_eq!(s, b.to_string()),
            Value::Array(items) => {
                assert!(s.starts_with('[') && s.ends_with(']'));
                items.iter().for_each(|n| check_tree(text, n));
            }
            Value::Object(members) => {
                assert!(s.starts_with('{') && s.ends_with('}'));
                for m in members {
                    let k = &text[m.key_span.clone()];
                    assert!(k.len() >= 2 && k.starts_with('"') && k.ends_with('"'));
                    check_tree(text, &m.value);
                }
            }
            Value::Skipped => assert!(parse(s).is_ok(), "{s:?} is not one value"),
        }
    }

    #[test]
    fn special_bytes_are_found_eight_at_a_time_as_one_at_a_time() {
        let simple = |bytes: &[u8]| {
            let special = |&b: &u8| b == b'"' || b == b'\\' || b < 0x20;
            bytes.iter().position(special).unwrap_or(bytes.len())
        };
        let pieces: [&[u8]; 10] = [
            b"a",
            b"\"",
            b"\\",
            b"\x00",
            b"\x1f",
            b" ",
            b"!",
            b"\x7f",
            "é".as_bytes(),
            "€".as_bytes(),
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = usize::try_from(seed % 40).unwrap();
            let bytes: Vec<u8> = (0..len)
                .flat_map(|i| {
                    pieces[usize::try_from((seed >> (i % 50)) % 10).unwrap()]
                        .iter()
                        .copied()
                })
                .collect();
            assert_eq!(special_offset(&bytes), simple(&bytes), "{bytes:?}");
        }
        for b in 0..=255u8 {
            for at in 0..19 {
                let mut bytes = vec![b'a'; 19];
                bytes[at] = b;
                assert_eq!(special_offset(&bytes), simple(&bytes), "{b} at {at}");
            }
        }
    }

    /// Arrays of objects whose `k` is such an array again: the random inputs' shape.
    static MIXED: Shape = Shape::Array(&KEYED);
    static KEYED: Shape = Shape::Object(&[("k", &MIXED)]);

    /// However much of `text` a shape builds, it is the same document: the same error, or the
    /// same duplicates and root span, with every span right.
    fn check_shapes(text: &str) {
        let whole = parse_shaped(text, &Shape::All);
        for shape in [&Shape::Skip, &MIXED, &KEYED] {
            match (&whole, parse_shaped(text, shape)) {
                (Ok(whole), Ok(shaped)) => {
                    assert_eq!(whole.duplicates, shaped.duplicates, "{text:?}");
                    assert_eq!(whole.root.span, shaped.root.span, "{text:?}");
                    check_tree(text, &shaped.root);
                }
                (Err(whole), Err(shaped)) => assert_eq!(whole, &shaped, "{text:?}"),
                (whole, shaped) => panic!("{text:?}: {whole:?} but {shaped:?} with {shape:?}"),
            }
        }
    }

    /// `parse` must not panic, every span must be one char at most and on char boundaries, and
    /// every shape must agree.
    fn check_any(text: &str) {
        check_shapes(text);
        match parse(text) {
            Ok(root) => check_tree(text, &root),
            Err(e) => {
                let spans = std::iter::once(&e.span).chain(e.note.as_ref().map(|n| &n.0));
                for span in spans {
                    assert!(
                        span.start <= span.end && span.end <= text.len(),
                        "{text:?} {e:?}"
                    );
                    let s = text
                        .get(span.clone())
                        .unwrap_or_else(|| panic!("{text:?} {e:?}"));
                    assert!(s.chars().count() <= 1, "{text:?} {e:?}");
                }
                assert!(!e.message.is_empty());
            }
        }
    }

    #[test]
    fn manifests_parse_and_agree_with_serde_json() {
        for text in MANIFESTS {
            let root = parse(text).unwrap();
            check_tree(text, &root);
            check_shapes(text);
            let theirs: serde_json::Value =
                serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
            assert_eq!(root.to_serde(), theirs);
        }
    }

    #[test]
    fn prefixes_deletions_and_insertions_never_panic() {
        for text in MANIFESTS {
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &i in &boundaries {
                check_any(&text[..i]);
            }
            for pair in boundaries.windows(2) {
                check_any(&format!("{}{}", &text[..pair[0]], &text[pair[1]..]));
            }
            for &i in boundaries.iter().step_by(3) {
                for ins in ["\"", "\\", "{", "]", ",", "/", "\u{feff}", "é", "\n"] {
                    check_any(&format!("{}{ins}{}", &text[..i], &text[i..]));
                }
            }
        }
    }

    #[test]
    fn random_inputs_agree_with_serde_json_on_validity() {
        const PIECES: [&str; 24] = [
            "{", "}", "[", "]", ",", ":", " ", "\n", "\"", "\"k\"", "\\", "\\u", "d83d", "dc00",
            "0", "1", "-", ".", "e", "+", "true", "nul", "é", "/",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap()
        };
        for _ in 0..20_000 {
            let len = next() % 12;
            let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
            check_any(&text);
            // serde_json rejects numbers too large for f64; RFC 8259 allows them.
            match serde_json::from_str::<serde_json::Value>(&text) {
                Err(e) if e.to_string().contains("number out of range") => {}
                theirs => {
                    let ours = parse(&text).ok().map(|n| n.to_serde());
                    assert_eq!(ours, theirs.ok(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn errors_agree_with_serde_json_on_validity() {
        for text in MANIFESTS {
            let text = text.trim_start_matches('\u{feff}');
            let boundaries = (0..=text.len()).filter(|&i| text.is_char_boundary(i));
            for i in boundaries.step_by(7) {
                let cut = &text[..i];
                let theirs = serde_json::from_str::<serde_json::Value>(cut).is_ok();
                assert_eq!(parse(cut).is_ok(), theirs, "{cut:?}");
            }
        }
    }
}
