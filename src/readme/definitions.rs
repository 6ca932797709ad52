//! Where a link's destination is written: inside the link, or in the reference definition
//! `[label]: url` the link names (anywhere in the document).

use pulldown_cmark::Parser;

use super::Span;

/// The span of `dest` as written for the link at `link` in `text`, when it is written as is
/// (without escapes).
pub(crate) fn destination_span(text: &str, link: &Span, dest: &str) -> Option<Span> {
    if dest.is_empty() {
        return None;
    }
    let source = text.get(link.clone())?;
    if let Some(open) = source.find("](")
        && let Some(at) = source.get(open..)?.find(dest)
    {
        let start = link.start + open + at;
        return Some(start..start + dest.len());
    }
    let definition = definition_span(text, &label(source)?)?;
    let at = text.get(definition.clone())?.rfind(dest)?;
    Some(definition.start + at..definition.start + at + dest.len())
}

/// The label a reference link names: `[text][label]`, or its text for `[text][]` and `[text]`.
fn label(source: &str) -> Option<String> {
    let inner = source.strip_prefix('[')?.strip_suffix(']')?;
    let label = match inner.rfind("][") {
        Some(cut) if cut + 2 < inner.len() => inner.get(cut + 2..)?,
        Some(cut) => inner.get(..cut)?,
        None => inner,
    };
    Some(label.to_owned())
}

/// The span of the definition of `label` (matched as CommonMark matches labels).
fn definition_span(text: &str, label: &str) -> Option<Span> {
    let offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let parser = Parser::new_ext(text.get(offset..)?, super::options());
    let span = parser.reference_definitions().get(label)?.span.clone();
    Some(span.start + offset..span.end + offset)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn inline_and_reference_destinations() {
        let text = "See [the page](https://a.example/x?y=1) and [API Keys page][4], [Docs][] or [Docs].\n\n\
            [4]: https://app.example/keys\n[docs]: <https://docs.example/>\n";
        let span = |link: &str, dest: &str| {
            let at = text.find(link).unwrap_or_default();
            destination_span(text, &(at..at + link.len()), dest).map(|s| &text[s])
        };
        assert_eq!(
            span(
                "[the page](https://a.example/x?y=1)",
                "https://a.example/x?y=1"
            ),
            Some("https://a.example/x?y=1")
        );
        assert_eq!(
            span("[API Keys page][4]", "https://app.example/keys"),
            Some("https://app.example/keys")
        );
        assert_eq!(
            span("[Docs][]", "https://docs.example/"),
            Some("https://docs.example/")
        );
        assert_eq!(
            span("[Docs]", "https://docs.example/"),
            Some("https://docs.example/")
        );
        assert_eq!(span("[Docs]", "https://elsewhere.example/"), None);
    }
}
