//! YAML, behind one module: `codegen.yaml`, Mintlify front matter, OpenAPI
//! documents written in YAML, and the model's YAML dump.
//!
//! The design card named `serde_yaml`, which is unmaintained; this uses
//! `serde_norway`, its maintained fork with the same API. Swapping the
//! implementation touches this file only.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A YAML error, with the 1-based line it was found on when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub line: Option<u32>,
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

fn error(e: serde_norway::Error) -> Error {
    Error { line: e.location().map(|l| l.line() as u32), message: e.to_string() }
}

/// How deep flow collections (`{...}`, `[...]`) may nest: the YAML parser
/// refuses more than 128 levels anyway, but only after a time that grows
/// with the square of the depth (over a second at 10,000).
const MAX_FLOW_DEPTH: usize = 128;

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    if let Some(line) = too_deep(text) {
        return Err(Error {
            line: Some(line),
            message: format!("flow collections nested more than {MAX_FLOW_DEPTH} levels deep"),
        });
    }
    serde_norway::from_str(text).map_err(error)
}

/// The line where `{`/`[` nesting first passes [`MAX_FLOW_DEPTH`], counted
/// outside quoted strings and comments (a bracket in a block scalar counts:
/// no description opens a hundred of them).
fn too_deep(text: &str) -> Option<u32> {
    let (mut depth, mut line, mut quote, mut prev) = (0usize, 1u32, None::<u8>, b'\n');
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match (quote, b) {
            (_, b'\n') => {
                line += 1;
                // A plain multi-line scalar never holds a quote open; a
                // quoted one may, so only single quotes end at the line.
            }
            (Some(q), _) if b == q => {
                // `''` inside single quotes is an escaped quote.
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            (Some(b'"'), b'\\') => i += 1,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if matches!(prev, b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':') => quote = Some(b),
            (None, b'#') if matches!(prev, b' ' | b'\t' | b'\n') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            (None, b'{' | b'[') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(line);
                }
            }
            (None, b'}' | b']') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = b;
        i += 1;
    }
    None
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_norway::to_string(value).map_err(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_refused_at_once_with_its_line() {
        let deep = format!("a: 1\nb: {}1{}\n", "{\"a\": ".repeat(10_000), "}".repeat(10_000));
        let e = from_str::<serde_json::Value>(&deep).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("more than 128 levels"), "{e}");
        // Brackets in strings and comments are text.
        let text = format!("a: \"{}\"\nb: '{}' # {}\nc: [[1]]\n", "[".repeat(500), "{".repeat(500), "[".repeat(500));
        let v: serde_json::Value = from_str(&text).unwrap();
        assert_eq!(v["c"], serde_json::json!([[1]]));
    }
}
