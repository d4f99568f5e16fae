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

/// Whether `name` is a Rust keyword (strict, reserved or weak).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name) || matches!(name, "_" | "union" | "raw" | "safe")
}

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

    /// `name` for the docs name `what`, if no one holds it yet.
    pub fn try_claim(&mut self, name: &str, what: &str, source: Option<&Source>) -> Option<String> {
        if self.taken.contains_key(name) {
            return None;
        }
        self.taken.insert(name.to_owned(), Some((what.to_owned(), source.cloned())));
        Some(name.to_owned())
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

/// The words of a Pascal-case name: `AccessCodeErrors` → `Access`, `Code`,
/// `Errors`. Digits stay with the word before them.
pub fn words(pascal: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in pascal.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            out.push(&pascal[start..i]);
            start = i;
        }
    }
    if start < pascal.len() {
        out.push(&pascal[start..]);
    }
    out
}

/// An English plural word as its singular (`Errors` → `Error`,
/// `Properties` → `Property`, `Statuses` → `Status`); a word that does not
/// look plural is left alone (`Status`, `Access`, `Data`).
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let stem = |n: usize| word[..word.len() - n].to_owned();
    if lower.len() <= 3 {
        return word.to_owned();
    }
    if lower.ends_with("ies") {
        return format!("{}y", stem(3));
    }
    for end in ["sses", "shes", "ches", "xes", "uses"] {
        if lower.ends_with(end) {
            return stem(2);
        }
    }
    if lower.ends_with('s') && !["ss", "us", "is", "os"].iter().any(|e| lower.ends_with(e)) {
        return stem(1);
    }
    word.to_owned()
}

/// A snake-case name's plural, for module names: `device` → `devices`,
/// `user_identity` → `user_identities`, `access` → `accesses`.
pub fn plural_snake(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with('y') && !["ay", "ey", "oy", "uy"].iter().any(|e| lower.ends_with(e)) {
        format!("{}ies", &name[..name.len() - 1])
    } else if ["s", "x", "sh", "ch"].iter().any(|e| lower.ends_with(e)) {
        format!("{name}es")
    } else {
        format!("{name}s")
    }
}

/// The name of a type nested in `owner` for the property `prop` (both
/// Pascal case), without stutter: the words `owner` ends with and `prop`
/// starts with are said once (`Device` + `DeviceType` → `DeviceType`,
/// `AccessCode` + `CodeKind` → `AccessCodeKind`). A property that is all
/// overlap keeps both (`Device` + `Device` → `DeviceDevice`).
pub fn nested(owner: &str, prop: &str) -> String {
    let (o, p) = (words(owner), words(prop));
    let overlap = (1..p.len().min(o.len() + 1)).rev().find(|&k| k <= o.len() && o[o.len() - k..] == p[..k]);
    match overlap {
        Some(k) => format!("{owner}{}", p[k..].concat()),
        None => format!("{owner}{prop}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_names_say_each_word_once() {
        assert_eq!(nested("Device", "DeviceType"), "DeviceType");
        assert_eq!(nested("AccessCode", "CodeKind"), "AccessCodeKind");
        assert_eq!(nested("Device", "Device"), "DeviceDevice");
        assert_eq!(nested("Device", "Properties"), "DeviceProperties");
        assert_eq!(nested("AcsUser", "AcsUserId"), "AcsUserId");
        assert_eq!(words("V1password2Fa"), ["V1password2", "Fa"]);
    }

    #[test]
    fn singular_and_plural_words() {
        for (plural, one) in [
            ("Errors", "Error"),
            ("Properties", "Property"),
            ("Statuses", "Status"),
            ("Status", "Status"),
            ("Access", "Access"),
            ("Switches", "Switch"),
            ("Boxes", "Box"),
            ("Ids", "Ids"),
        ] {
            assert_eq!(singular(plural), one);
        }
        assert_eq!(plural_snake("device"), "devices");
        assert_eq!(plural_snake("user_identity"), "user_identities");
        assert_eq!(plural_snake("access"), "accesses");
        assert_eq!(plural_snake("key"), "keys");
    }

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
