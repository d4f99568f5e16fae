//! Doc text: the docs' Markdown made safe for `///` lines, carried past
//! the formatter as markers, and the lines every item's docs end with.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Presence, Property};

/// What a doc attribute holds while its item is formatted: the docs' text
/// is long, and escaping it into a literal, tokenizing, parsing and
/// unescaping it again only to print it as `///` lines costs a sixth of
/// generation. Items carry `#[doc = " \u{1}doc:N"]` instead, and
/// [`expand_docs`] prints the text where prettyplease printed the marker,
/// exactly as prettyplease prints doc attributes.
const DOC_MARK: &str = "\u{1}doc:";

thread_local! {
    static DOCS: std::cell::RefCell<std::collections::BTreeMap<usize, String>> = Default::default();
    static NEXT_DOC: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Doc attributes for a Markdown text (one marker, see [`DOC_MARK`]).
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else { return TokenStream::new() };
    let k = NEXT_DOC.with(|n| {
        let k = n.get();
        n.set(k + 1);
        k
    });
    DOCS.with(|d| d.borrow_mut().insert(k, doc_safe(text)));
    let marker = format!(" {DOC_MARK}{k}");
    quote! { #[doc = #marker] }
}

/// Docs text as it may stand in `///` lines: line breaks are `\n` (a bare
/// CR is an error in a doc comment), and characters that are invisible or
/// reorder text (bidi controls, which rustc rejects; other control
/// characters) are written as visible `\u{..}` escapes.
///
/// Code the docs show is never a doc test: a fence rustdoc would compile
/// (no language, or only rustdoc's own words) is marked `text`.
pub fn doc_safe(text: &str) -> String {
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_owned() };
    let text = if text.contains("```") || text.contains("~~~") { untested_fences(&text) } else { text };
    crate::diag::printable(&text).into_owned()
}

/// Marks the code blocks rustdoc would run as `text`.
fn untested_fences(text: &str) -> String {
    const RUSTDOC_WORDS: &[&str] =
        &["rust", "ignore", "should_panic", "no_run", "compile_fail", "test_harness", "standalone_crate"];
    let rustdoc_word = |w: &str| RUSTDOC_WORDS.contains(&w) || w.starts_with("edition");
    let mut out = String::with_capacity(text.len() + 16);
    // The open fence: its character and length.
    let mut open: Option<(char, usize)> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let c = body.chars().next().filter(|c| matches!(c, '`' | '~'));
        let run = c.map_or(0, |c| body.len() - body.trim_start_matches(c).len());
        let info = body[run..].trim();
        match (open, c) {
            (None, Some(c)) if run >= 3 && !(c == '`' && info.contains('`')) => {
                open = Some((c, run));
                let words = info.split([',', ' ', '\t']).filter(|w| !w.is_empty());
                if words.clone().all(rustdoc_word) {
                    out.push_str(&line[..line.len() - body.len()]);
                    out.push_str(&body[..run]);
                    out.push_str("text");
                    out.push_str(if line.ends_with('\n') { "\n" } else { "" });
                    continue;
                }
            }
            (Some((o, n)), Some(c)) if c == o && run >= n && info.is_empty() => open = None,
            _ => {}
        }
        out.push_str(line);
    }
    out
}

/// The doc texts the items printed on this thread since the last call
/// stand for, by marker number: an item's, when called after printing it.
pub fn take_docs() -> Vec<(usize, String)> {
    DOCS.with(|d| std::mem::take(&mut *d.borrow_mut())).into_iter().collect()
}

/// Prints each doc marker line of formatted code as the doc text it stands
/// for: `///` and the line, trailing spaces trimmed, as prettyplease prints
/// `#[doc = " line"]`. Appends to `out`.
pub fn expand_docs(out: &mut String, formatted: &str, docs: &[(usize, String)]) {
    if docs.is_empty() {
        out.push_str(formatted);
        return;
    }
    out.reserve(formatted.len() + docs.iter().map(|(_, d)| d.len() + 16).sum::<usize>());
    let by_key: std::collections::HashMap<usize, &str> = docs.iter().map(|(k, d)| (*k, d.as_str())).collect();
    for line in formatted.split_inclusive('\n') {
        let body = line.trim_start();
        let doc = body
            .strip_prefix("/// ")
            .and_then(|m| m.trim_end().strip_prefix(DOC_MARK))
            .and_then(|k| k.parse::<usize>().ok())
            .and_then(|k| by_key.get(&k));
        match doc {
            Some(text) => {
                let indent = &line[..line.len() - body.len()];
                for l in text.lines() {
                    let value = format!(" {l}");
                    out.push_str(indent);
                    out.push_str("///");
                    out.push_str(value.trim_end_matches(' '));
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
}

/// A field's docs: the sources' description, their draft note, and, when
/// the type does not say it (a `Field`), what the spec declares of its
/// presence.
pub fn field_doc(p: &Property) -> Option<String> {
    let mut parts: Vec<String> = p.description.iter().cloned().collect();
    if let Some(note) = &p.draft {
        parts.push(if note.is_empty() { "**Draft.**".to_owned() } else { format!("**Draft:** {note}") });
    }
    if p.presence == Presence::UNKNOWN
        && let Some(d) = p.declared
    {
        parts.push(
            match (d.required, d.nullable) {
                (true, false) => "The spec says it is always there and never null: [`Field::get`] has it.",
                (true, true) => "The spec says it is always there, maybe null.",
                (false, false) => "The spec says it may be left out, and is never null.",
                (false, true) => "The spec says it may be left out or null.",
            }
            .to_owned(),
        );
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// The pages a type came from, as a doc line: a link to each page on the
/// docs site when `links` knows its address, else its path. Files only:
/// line numbers would make every edit of a page ripple through the
/// generated code (the model snapshot has them).
pub fn sources_doc(sources: &[crate::model::Source], links: &BTreeMap<String, String>) -> String {
    let mut files: Vec<&str> = sources.iter().map(|s| s.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let files: Vec<String> = files
        .iter()
        .map(|f| match links.get(*f) {
            Some(url) => format!("[`{f}`]({url})"),
            None => format!("`{f}`"),
        })
        .collect();
    format!("Documented in {}.", files.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_code_is_never_a_doc_test_and_odd_characters_show() {
        assert_eq!(doc_safe("a\n```\nlet x;\n```\nb"), "a\n```text\nlet x;\n```\nb");
        assert_eq!(doc_safe("```rust,no_run\nx\n```"), "```text\nx\n```");
        assert_eq!(doc_safe("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(doc_safe("  ~~~~\n```\n~~~~\n"), "  ~~~~text\n```\n~~~~\n");
        assert_eq!(doc_safe("a\u{202E}b\rc\u{1}"), "a\\u{202E}b\nc\\u{1}");
    }
}
