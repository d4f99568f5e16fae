//! Diagnostics: everything the generator did not fully understand, or had
//! to decide on the user's behalf, with the `file:line` it concerns.

use std::fmt;

use serde::Serialize;

use crate::model::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A decision worth knowing about (a merge rule applied, say).
    Info,
    /// Something in the docs was not understood or disagrees with itself;
    /// output is still produced.
    Warning,
    /// The docs are malformed; no output is written.
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub source: Source,
    pub message: String,
    /// A stable name for the kind of problem (`drift-type`), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// Other places the message concerns (the other side of a conflict).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Source>,
}

impl Diagnostic {
    /// A diagnostic whose code names the part of the docs' grammar it is
    /// about (see [`area`]), until [`Diagnostic::with_code`] names the kind
    /// of problem more precisely.
    #[track_caller]
    pub fn new(severity: Severity, source: Source, message: impl Into<String>) -> Self {
        let code = Some(area(std::panic::Location::caller().file()));
        Diagnostic { severity, source, message: message.into(), code, related: Vec::new() }
    }
    #[track_caller]
    pub fn error(source: Source, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, source, message)
    }
    #[track_caller]
    pub fn warning(source: Source, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, source, message)
    }
    #[track_caller]
    pub fn info(source: Source, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, source, message)
    }
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }
    pub fn with_related(mut self, related: Source) -> Self {
        self.related.push(related);
        self
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Every diagnostic has a stable code. The specific ones (`drift-type`,
/// `name-collision`, `too-deep`, ...) name a kind of problem; the others
/// name the part of the grammar the problem is in, after the reader that
/// found it.
pub const AREAS: &[(&str, &str)] = &[
    ("markdown.rs", "markup"),
    ("mdx.rs", "markup"),
    ("mintlify.rs", "component"),
    ("properties.rs", "property"),
    ("page_text.rs", "page-text"),
    ("split.rs", "page-text"),
    ("openapi.rs", "openapi"),
    ("merge.rs", "merge"),
    ("config.rs", "config"),
    ("check.rs", "model"),
    ("drift.rs", "drift"),
    ("samples.rs", "example"),
    ("lib.rs", "load"),
    ("backend", "naming"),
];

/// The code of the part of the generator a diagnostic comes from: `page`
/// for the readers of page structure (sections, layouts).
fn area(file: &str) -> &'static str {
    AREAS.iter().find(|(f, _)| file.replace('\\', "/").contains(f)).map_or("page", |(_, code)| code)
}

/// Text from the docs as a terminal may show it: control characters and
/// characters that reorder text (bidi controls) as visible `\u{..}` escapes.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(hidden) {
        return text.into();
    }
    text.chars()
        .map(|c| if hidden(c) { format!("\\u{{{:X}}}", c as u32) } else { c.to_string() })
        .collect::<String>()
        .into()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = printable(&self.message);
        match self.code {
            Some(code) => write!(f, "{}: {}[{code}]: {message}", self.source, self.severity)?,
            None => write!(f, "{}: {}: {message}", self.source, self.severity)?,
        }
        for r in &self.related {
            write!(f, "\n  see also {r}")?;
        }
        Ok(())
    }
}
