//! `hugo-shortcode`: README.md uses a Hugo shortcode that Datadog's repository does not allow.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::files::FileId;
use crate::finding::{Finding, Place};
use crate::integration::Integration;
use crate::rules::capped::Capped;
use crate::rules::{Rule, RuleMeta};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports, anywhere in README.md (code blocks included: Hugo expands shortcodes before it
    /// reads the Markdown), each `{{< tabs >}}` and each `{{< code-block ... >}}`, and each
    /// `{{< site-region ... >}}` that is not inside a `<!-- partial ... partial -->` comment.
    ///
    /// The repository's check (`.github/workflows/check_partials.py`) stops at the first
    /// kind it finds; ddlint reports every one. Its `site-region` pattern only sees a
    /// shortcode preceded by a line break and a blank (it misses one at the start of a line
    /// after a single line break) and only looks right before that line break for
    /// `<!-- partial`; ddlint reports every `site-region` outside such a comment, wherever
    /// the comment opens.
    ///
    /// ## Why
    /// Datadog's documentation site builds the integration's page from README.md with Hugo,
    /// but GitHub and the in-app tile show the file as Markdown, where a shortcode is literal
    /// text. The repository's pull-request check fails on these three: tabs are written as
    /// HTML comments that the documentation build turns into tabs, code blocks as Markdown
    /// fences, and site-specific text inside a `partial` comment.
    ///
    /// ## Example
    /// ```markdown
    /// {{< tabs >}}
    /// {{% tab "Host" %}}
    /// Edit `acme.d/conf.yaml`.
    /// {{% /tab %}}
    /// {{< /tabs >}}
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// <!-- xxx tabs xxx -->
    /// <!-- xxx tab "Host" xxx -->
    /// Edit `acme.d/conf.yaml`.
    /// <!-- xxz tab xxx -->
    /// <!-- xxz tabs xxx -->
    /// ```
    ///
    /// ## Fix
    /// Tabs: write `{{< tabs >}}` as `<!-- xxx tabs xxx -->`, `{{% tab "Name" %}}` as
    /// `<!-- xxx tab "Name" xxx -->`, `{{% /tab %}}` as `<!-- xxz tab xxx -->` and
    /// `{{< /tabs >}}` as `<!-- xxz tabs xxx -->`. Code blocks: a Markdown fence with the
    /// language. Site regions: a line `<!-- partial` before the shortcode and `partial -->`
    /// after its closing `{{< /site-region >}}`.
    ///
    /// ## References
    /// - DataDog/integrations-extras, `.github/workflows/check_partials.py` (BSD 3-Clause)
    pub(crate) struct HugoShortcode {
        code: "DD223",
        name: "hugo-shortcode",
        level: Error,
        summary: "README.md uses a Hugo tabs, code-block or bare site-region shortcode",
        reads: [Readme],
    }
}

/// The shortcodes the check rejects, each with its name.
static SHORTCODE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\{\{<\s*(tabs\s*>\}\}|code-block\b|site-region\b)").ok());
/// `<!-- partial` ... `partial -->`.
static PARTIAL: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?s)<!--\s*partial\b.*?\bpartial\s*-->").ok());

impl Rule for HugoShortcode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, integration: &Integration, _settings: &Settings, out: &mut Vec<Finding>) {
        let (Some(readme), Some(shortcode), Some(partial)) =
            (integration.readme(), SHORTCODE.as_ref(), PARTIAL.as_ref())
        else {
            return;
        };
        let text = readme.source.text();
        let partials: Vec<Range<usize>> = partial.find_iter(text).map(|m| m.range()).collect();
        let mut out = Capped::new(out);
        for found in shortcode.captures_iter(text) {
            let (Some(whole), Some(name)) = (found.get(0), found.get(1)) else {
                continue;
            };
            let start = whole.start();
            let make: fn(Range<usize>) -> Finding = match name
                .as_str()
                .split(|c: char| !c.is_ascii_alphabetic() && c != '-')
                .next()
            {
                Some("tabs") => tabs,
                Some("code-block") => code_block,
                _ if inside(&partials, start) => continue,
                _ => site_region,
            };
            out.push(|| make(shortcode_span(text, start)));
        }
    }
}

/// Whether `at` lies in one of the sorted, disjoint `ranges`.
fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    let after = ranges.partition_point(|r| r.start <= at);
    after
        .checked_sub(1)
        .and_then(|i| ranges.get(i))
        .is_some_and(|r| r.contains(&at))
}

/// From `{{<` to the `>}}` that closes it on the same line, else to the end of that line.
fn shortcode_span(text: &str, start: usize) -> Range<usize> {
    let rest = text.get(start..).unwrap_or_default();
    let line = rest.find('\n').map_or(rest.len(), |end| end);
    let line = rest.get(..line).unwrap_or_default().trim_end_matches('\r');
    let end = line.find(">}}").map_or(line.len(), |end| end + 3);
    start..start + end
}

fn tabs(span: Range<usize>) -> Finding {
    Finding::new(
        "README.md uses the Hugo shortcode `{{< tabs >}}`, which GitHub shows as text",
        Place::span(FileId::README, span),
        "a Hugo tabs shortcode",
    )
    .with_help(
        "write the tabs as comments: `<!-- xxx tabs xxx -->`, `<!-- xxx tab \"Name\" xxx -->` for each `{{% tab \"Name\" %}}`, `<!-- xxz tab xxx -->` for each `{{% /tab %}}`, and `<!-- xxz tabs xxx -->` for `{{< /tabs >}}`",
    )
}

fn code_block(span: Range<usize>) -> Finding {
    Finding::new(
        "README.md uses the Hugo shortcode `{{< code-block >}}`, which GitHub shows as text",
        Place::span(FileId::README, span),
        "a Hugo code-block shortcode",
    )
    .with_help("write a Markdown code fence instead: ```` ```python ```` on the line before the code and ```` ``` ```` after it, in place of `{{< code-block lang=\"python\" >}}` and `{{< /code-block >}}`")
}

fn site_region(span: Range<usize>) -> Finding {
    Finding::new(
        "README.md uses the Hugo shortcode `{{< site-region >}}` outside a `<!-- partial ... partial -->` comment",
        Place::span(FileId::README, span),
        "not inside `<!-- partial`",
    )
    .with_help("put a line `<!-- partial` before `{{< site-region ... >}}` and a line `partial -->` after its `{{< /site-region >}}`, so that GitHub hides it and Datadog's documentation site renders it")
}
