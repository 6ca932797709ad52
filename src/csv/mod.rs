//! CSV with a span for every cell, read as Python's `csv` module reads Datadog's `metadata.csv`
//! (RFC 4180 with the `excel` dialect's leniencies, the file opened in universal-newline mode).
//!
//! - Cells are separated by `,`; a record ends at `\r\n`, `\n` or a lone `\r`.
//! - A cell that starts with `"` is quoted: it may hold `,` and line breaks, `""` stands for
//!   one `"`, and its line breaks read as `\n`. Text after the closing quote is kept (`"ab"c`
//!   reads `abc`), and a `"` inside an unquoted cell is an ordinary character, as Python reads
//!   them.
//! - A blank line is no record (Python's `DictReader` skips it). A leading UTF-8 byte-order
//!   mark is recorded, and stays the first character of the first cell, as Python's `utf-8`
//!   codec leaves it (Datadog reads the header `\u{feff}metric_name`).
//! - Two things Python cannot read are errors: a quote never closed (Python takes the rest of
//!   the file as one cell, so every later row vanishes) and a cell of more than
//!   [`FIELD_LIMIT`] characters (Python stops with `field larger than field limit`).
//!
//! One pass over the bytes, no backtracking: linear in the size of the file.

use crate::source::Span;

/// Python's default `csv.field_size_limit()`: the most characters one cell may hold.
pub(crate) const FIELD_LIMIT: usize = 131_072;

/// A parsed CSV file: its records, header first, blank lines left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub(crate) records: Vec<Record>,
    /// The text starts with a UTF-8 byte-order mark (the first character of the first cell).
    pub(crate) bom: bool,
}

/// One record: its cells, and its span without the line ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) cells: Vec<Cell>,
    pub(crate) span: Span,
}

/// One cell: where it is (quotes included) and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    /// The cell's text in the file, its quotes included.
    pub(crate) span: Span,
    value: Value,
}

/// What a cell holds: a slice of the file, or, when decoding changed it, its own text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Slice(Span),
    Owned(String),
}

impl Cell {
    /// The cell's value: quotes removed, `""` read as `"`, line breaks as `\n`.
    pub(crate) fn value<'a>(&'a self, text: &'a str) -> &'a str {
        match &self.value {
            Value::Slice(span) => text.get(span.clone()).unwrap_or_default(),
            Value::Owned(value) => value,
        }
    }
}

/// Why a text cannot be read as CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Error {
    /// The quote at this offset opens a cell that is never closed.
    UnclosedQuote(usize),
    /// This cell holds more than [`FIELD_LIMIT`] characters.
    FieldTooLarge(Span),
}

/// Reads `text` as CSV.
pub(crate) fn parse(text: &str) -> Result<Table, Error> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut records = Vec::new();
    while let Some(record) = reader.record()? {
        records.push(record);
    }
    Ok(Table {
        records,
        bom: text.starts_with('\u{feff}'),
    })
}

/// What ended a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Comma,
    /// A line ending (consumed) or the end of the text.
    Record,
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    /// The next record, after any blank lines; `None` at the end of the text.
    fn record(&mut self) -> Result<Option<Record>, Error> {
        while let Some(len) = self.line_ending(self.at) {
            self.at += len;
        }
        if self.at >= self.bytes.len() {
            return Ok(None);
        }
        let start = self.at;
        let mut cells = Vec::new();
        loop {
            let (cell, end) = self.cell()?;
            cells.push(cell);
            if end == End::Record {
                break;
            }
        }
        let end = cells.last().map_or(start, |cell| cell.span.end);
        Ok(Some(Record {
            cells,
            span: start..end,
        }))
    }

    /// The length of the line ending at `at`, if one starts there.
    fn line_ending(&self, at: usize) -> Option<usize> {
        match self.bytes.get(at) {
            Some(b'\r') if self.bytes.get(at + 1) == Some(&b'\n') => Some(2),
            Some(b'\r' | b'\n') => Some(1),
            _ => None,
        }
    }

    /// The cell at `self.at`, and what ended it (the comma or line ending is consumed).
    fn cell(&mut self) -> Result<(Cell, End), Error> {
        let start = self.at;
        let value = if self.bytes.get(start) == Some(&b'"') {
            self.quoted()?
        } else {
            self.unquoted_run();
            Value::Slice(start..self.at)
        };
        let cell = Cell {
            span: start..self.at,
            value,
        };
        if cell.value(self.text).chars().count() > FIELD_LIMIT {
            return Err(Error::FieldTooLarge(cell.span));
        }
        Ok((cell, self.end()))
    }

    /// Moves past the characters up to the next comma, line ending or the end of the text.
    fn unquoted_run(&mut self) {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|b| matches!(b, b',' | b'\r' | b'\n'))
            .unwrap_or(rest.len());
        self.at += len;
    }

    /// Consumes the comma or line ending at `self.at`, saying which it was.
    fn end(&mut self) -> End {
        if self.bytes.get(self.at) == Some(&b',') {
            self.at += 1;
            return End::Comma;
        }
        self.at += self.line_ending(self.at).unwrap_or(0);
        End::Record
    }

    /// A quoted cell at `self.at`, read up to its comma or line ending: its value.
    fn quoted(&mut self) -> Result<Value, Error> {
        let open = self.at;
        let mut owned: Option<String> = None;
        let mut piece = open + 1;
        let mut at = open + 1;
        loop {
            let rest = self.bytes.get(at..).unwrap_or_default();
            let Some(offset) = rest.iter().position(|b| matches!(b, b'"' | b'\r')) else {
                return Err(Error::UnclosedQuote(open));
            };
            let found = at + offset;
            if self.bytes.get(found) == Some(&b'\r') {
                // A line break inside quotes reads as `\n` (universal newlines).
                let value = owned.get_or_insert_with(String::new);
                value.push_str(self.text.get(piece..found).unwrap_or_default());
                value.push('\n');
                at = found + self.line_ending(found).unwrap_or(1);
                piece = at;
                continue;
            }
            if self.bytes.get(found + 1) == Some(&b'"') {
                let value = owned.get_or_insert_with(String::new);
                value.push_str(self.text.get(piece..=found).unwrap_or_default());
                at = found + 2;
                piece = at;
                continue;
            }
            self.at = found + 1;
            return Ok(self.after_quote(owned, piece..found));
        }
    }

    /// After a closing quote: any text up to the comma or line ending belongs to the cell.
    fn after_quote(&mut self, owned: Option<String>, inner: Span) -> Value {
        let tail_start = self.at;
        self.unquoted_run();
        let tail = self.text.get(tail_start..self.at).unwrap_or_default();
        match owned {
            None if tail.is_empty() => Value::Slice(inner),
            owned => {
                let mut value = owned.unwrap_or_default();
                value.push_str(self.text.get(inner).unwrap_or_default());
                value.push_str(tail);
                Value::Owned(value)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn values(text: &str) -> Vec<Vec<String>> {
        let table = parse(text).unwrap();
        table
            .records
            .iter()
            .map(|r| r.cells.iter().map(|c| c.value(text).to_owned()).collect())
            .collect()
    }

    fn spans(text: &str) -> Vec<Vec<&str>> {
        let table = parse(text).unwrap();
        table
            .records
            .iter()
            .map(|r| r.cells.iter().map(|c| &text[c.span.clone()]).collect())
            .collect()
    }

    #[test]
    fn quoted_cells_hold_commas_doubled_quotes_and_line_breaks() {
        let text = "a,b\n\"x,y\",z\n\"x\"\"y\",\"one\r\ntwo\"\r\n";
        assert_eq!(
            values(text),
            [["a", "b"], ["x,y", "z"], ["x\"y", "one\ntwo"]]
        );
        assert_eq!(
            spans(text),
            [
                ["a", "b"],
                ["\"x,y\"", "z"],
                ["\"x\"\"y\"", "\"one\r\ntwo\""]
            ]
        );
    }

    #[test]
    fn as_python_reads_them_stray_quotes_blank_lines_and_lone_carriage_returns() {
        assert_eq!(values("\"ab\"cd,ab\"cd\n"), [["abcd", "ab\"cd"]]);
        assert_eq!(values("a,b\n\n\r\n\rc,d"), [["a", "b"], ["c", "d"]]);
        assert_eq!(values("a\rb\r"), [["a"], ["b"]]);
        assert_eq!(values("a,b,\n,\n"), [vec!["a", "b", ""], vec!["", ""]]);
        assert_eq!(values(" \"x\",y"), [[" \"x\"", "y"]]);
        assert_eq!(values("\u{feff}\"x\"\n"), [["\u{feff}\"x\""]]);
        assert_eq!(values("\u{feff}\n"), [["\u{feff}"]]);
        assert_eq!(values("\"a\rb\",c"), [["a\nb", "c"]]);
    }

    #[test]
    fn records_exclude_line_endings_and_a_bom_stays_in_the_first_cell() {
        let text = "\u{feff}a,b\r\n,\"\"\r\n";
        let table = parse(text).unwrap();
        assert!(table.bom);
        assert_eq!(&text[table.records[0].span.clone()], "\u{feff}a,b");
        assert_eq!(table.records[0].cells[0].value(text), "\u{feff}a");
        assert_eq!(&text[table.records[1].span.clone()], ",\"\"");
        assert_eq!(table.records[1].cells[0].span, 8..8);
        assert_eq!(&text[table.records[1].cells[1].span.clone()], "\"\"");
        assert_eq!(table.records[1].cells[1].value(text), "");
    }

    #[test]
    fn an_unclosed_quote_and_an_oversized_cell_are_errors() {
        assert_eq!(parse("a,b\n\"x,y\nc,d\n"), Err(Error::UnclosedQuote(4)));
        assert_eq!(parse("a,\"x\"\"\n"), Err(Error::UnclosedQuote(2)));
        let big = format!("a\n{}\n", "x".repeat(FIELD_LIMIT + 1));
        assert_eq!(parse(&big), Err(Error::FieldTooLarge(2..FIELD_LIMIT + 3)));
        let limit = format!("a\n\"{}\"\n", "\u{e9}".repeat(FIELD_LIMIT));
        assert!(parse(&limit).is_ok());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any text: no panic; records and cells in order, inside the text, on char boundaries.
        #[test]
        fn any_text_gives_ordered_spans_on_char_boundaries(
            text in "[,\"\r\na\u{e9}\u{feff} ]{0,64}"
        ) {
            if let Ok(table) = parse(&text) {
                let mut last = 0;
                for record in &table.records {
                    proptest::prop_assert!(record.span.start >= last);
                    for cell in &record.cells {
                        proptest::prop_assert!(cell.span.start <= cell.span.end);
                        proptest::prop_assert!(cell.span.end <= text.len());
                        proptest::prop_assert!(text.is_char_boundary(cell.span.start));
                        proptest::prop_assert!(text.is_char_boundary(cell.span.end));
                        let _ = cell.value(&text);
                    }
                    last = record.span.end;
                }
            }
        }

        /// Cells written as a CSV writer quotes them read back as they were.
        #[test]
        fn quoted_values_read_back(rows in proptest::collection::vec(
            proptest::collection::vec("[a,\"\n \u{e9}]{0,8}", 1..5), 1..5)
        ) {
            let quote = |v: &String| format!("\"{}\"", v.replace('"', "\"\""));
            let text: String = rows
                .iter()
                .map(|row| row.iter().map(quote).collect::<Vec<_>>().join(",") + "\r\n")
                .collect();
            proptest::prop_assert_eq!(values(&text), rows);
        }
    }

    #[test]
    fn empty_and_header_only_texts() {
        assert_eq!(parse("").unwrap().records, []);
        assert_eq!(parse("\n\n").unwrap().records, []);
        assert_eq!(values("a,b"), [["a", "b"]]);
    }
}
