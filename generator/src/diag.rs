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
    pub fn new(severity: Severity, source: Source, message: impl Into<String>) -> Self {
        Diagnostic { severity, source, message: message.into(), code: None, related: Vec::new() }
    }
    pub fn error(source: Source, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, source, message)
    }
    pub fn warning(source: Source, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, source, message)
    }
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => write!(f, "{}: {}[{code}]: {}", self.source, self.severity, self.message)?,
            None => write!(f, "{}: {}: {}", self.source, self.severity, self.message)?,
        }
        for r in &self.related {
            write!(f, "\n  see also {r}")?;
        }
        Ok(())
    }
}
