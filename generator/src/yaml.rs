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

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_norway::from_str(text).map_err(error)
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_norway::to_string(value).map_err(error)
}
