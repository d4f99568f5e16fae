//! Rust names for docs names: stable, readable, and collision-free.
//!
//! Collisions are resolved by the order names are claimed in, which follows
//! the model's own (deterministic) order: the first keeps the name, later
//! ones get `2`, `3`, ... and a warning naming both docs names.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span};

use crate::diag::Diagnostic;
use crate::model::Source;

/// `access_code.unmanaged.created` → `AccessCodeUnmanagedCreated`,
/// `LOCK_DOOR` → `LockDoor`, `acs_system` → `AcsSystem`.
pub fn pascal(s: &str) -> String {
    let mut out = String::new();
    for part in s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        let all_upper = part.chars().all(|c| !c.is_ascii_lowercase());
        let mut chars = part.chars();
        let first = chars.next().expect("parts are not empty");
        out.push(first.to_ascii_uppercase());
        if all_upper {
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        } else {
            out.extend(chars);
        }
    }
    if out.is_empty() {
        out.push_str("Empty");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    // The one keyword a Pascal-case name can be, and cannot be raw.
    if out == "Self" {
        out.push_str("Value");
    }
    out
}

/// A docs property name as a Rust field name: `snake_case`, keywords raw.
pub fn snake(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let trimmed = out.trim_matches('_');
    let mut out = if trimmed.is_empty() { "field".to_owned() } else { trimmed.to_owned() };
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// An identifier for a field name; keywords become raw identifiers
/// (`r#type`), and the few that cannot be raw get a trailing `_`.
pub fn field_ident(name: &str) -> Ident {
    match name {
        "self" | "Self" | "super" | "crate" | "_" => Ident::new(&format!("{name}_"), Span::call_site()),
        n if KEYWORDS.contains(&n) => Ident::new_raw(n, Span::call_site()),
        n => Ident::new(n, Span::call_site()),
    }
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// A set of names in one scope, and who holds each.
#[derive(Default)]
pub struct Scope {
    /// Each name taken, with the docs name (and place) that took it; `None`:
    /// reserved by the crate itself.
    taken: BTreeMap<String, Option<(String, Option<Source>)>>,
    /// Docs names that got a number because their Rust name was taken.
    pub collisions: Vec<Diagnostic>,
}

impl Scope {
    pub fn with_reserved(names: &[&str]) -> Self {
        Scope { taken: names.iter().map(|s| (s.to_string(), None)).collect(), collisions: Vec::new() }
    }

    /// `base`, or `base2`, `base3`... if taken. For names the generator
    /// makes up, whose collisions the docs' own names already report.
    pub fn claim(&mut self, base: &str) -> String {
        self.claim_as(base, None)
    }

    /// `base` for the docs name `what` (found at `source`), or `base2`,
    /// `base3`... if taken; a number is a warning naming both holders.
    pub fn claim_for(&mut self, base: &str, what: &str, source: Option<&Source>) -> String {
        self.claim_as(base, Some((what.to_owned(), source.cloned())))
    }

    fn claim_as(&mut self, base: &str, who: Option<(String, Option<Source>)>) -> String {
        let mut name = base.to_owned();
        let mut n = 2;
        while self.taken.contains_key(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        if name != base
            && let Some((what, source)) = &who
        {
            let unknown = || Source::line("<unknown>", 0);
            let here = source.clone().unwrap_or_else(unknown);
            let d = match self.taken.get(base) {
                Some(Some((first, first_at))) => {
                    let d = Diagnostic::warning(
                        here,
                        format!(
                            "{what} and {first} are both `{base}` in Rust; {what} is named `{name}`: \
                             rename one in the docs, or expect the number"
                        ),
                    );
                    match first_at {
                        Some(at) => d.with_related(at.clone()),
                        None => d,
                    }
                }
                _ => Diagnostic::warning(
                    here,
                    format!(
                        "{what} would be `{base}` in Rust, a name the generated crate uses itself; it is named `{name}`"
                    ),
                ),
            };
            self.collisions.push(d.with_code("name-collision"));
        }
        self.taken.insert(name.clone(), who);
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_of_docs_values() {
        assert_eq!(pascal("access_code.unmanaged.created"), "AccessCodeUnmanagedCreated");
        assert_eq!(pascal("LOCK_DOOR"), "LockDoor");
        assert_eq!(pascal("acs_system"), "AcsSystem");
        assert_eq!(pascal("camelCase"), "CamelCase");
        assert_eq!(pascal("1password"), "V1password");
        assert_eq!(pascal(""), "Empty");
        assert_eq!(pascal("---"), "Empty");
    }

    #[test]
    fn snake_case_fields_and_keywords() {
        assert_eq!(snake("action_attempt_id"), "action_attempt_id");
        assert_eq!(snake("camelCase"), "camel_case");
        assert_eq!(snake("a-b.c"), "a_b_c");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(field_ident("type").to_string(), "r#type");
        assert_eq!(field_ident("self").to_string(), "self_");
    }

    #[test]
    fn collisions_get_numbered_in_claim_order() {
        let mut s = Scope::with_reserved(&["Unknown"]);
        assert_eq!(s.claim("Unknown"), "Unknown2");
        assert_eq!(s.claim("A"), "A");
        assert_eq!(s.claim("A"), "A2");
        assert_eq!(s.claim("A"), "A3");
    }
}
