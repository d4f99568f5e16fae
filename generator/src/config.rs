//! `codegen.yaml`, the one file in a spec folder that is not a docs page.
//!
//! ```yaml
//! docs_url: https://docs.seam.co/latest/api/   # where the trees are published
//! trees: [v1, v2, v3]                          # docs trees, oldest first
//! strict: false                                # see below
//! event_tag: event_type                        # the field naming an event's type
//! bump_version: false                          # see below
//! presence:                                    # what the docs never say
//!   events:
//!     "*": { event_id: required }              # every event
//!   resources:
//!     action_attempt: { action_attempt_id: required }
//! package:                                     # the generated crate's Cargo.toml
//!   name: seam-types                           # a crate name
//!   version: 0.1.0                             # semver
//!   description: Typed Seam API objects ...    # any text
//!   repository: https://github.com/...         # optional
//!   license: MIT OR Apache-2.0
//!   rust_version: 1.85                         # at least 1.85 (edition 2024)
//!   publish: false
//!   features:
//!     default: []                              # of `webhook`, `http`: on by default
//! ```
//!
//! Every `package` key is optional; the values above (but `repository`) are
//! the defaults. serde support is not a feature: the crate exists to read
//! payloads, so `serde` and `serde_json` are always dependencies. The
//! optional features are `webhook` (verifying the signatures Seam puts on
//! webhook requests) and `http` (`webhook` for `http::HeaderMap`s).
//!
//! Presence words: `required` (always there, never null), `required_nullable`
//! (always there, may be null), `optional` (may be absent, never null),
//! `unknown` (the default: may be absent or null).
//!
//! `strict`: by default every property is a `Field` (absent, null or a
//! value), whatever the OpenAPI spec declares, because real payloads and the
//! docs' own examples break those declarations (and newer API versions relax
//! them); the declaration is stated in each field's docs. `strict: true`
//! takes the spec at its word, as typify does: a plain `T` for a property it
//! declares required and non-null, `Option<T>` for the rest it declares
//! (a required nullable one must be there, and is written as `null`; an
//! optional one is left out when `None`). `presence:` pins win over both.
//!
//! `bump_version`: regenerating sets the crate's version to the version of
//! the crate already in the output folder, bumped by the semver level of
//! the API changes (`changes::apply_bump`): breaking, minor, or patch when
//! only the docs' text changed; unchanged when nothing did.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::model::{Model, Presence, Property, Source};

pub const FILE_NAME: &str = "codegen.yaml";
pub const DEFAULT_DOCS_URL: &str = "https://docs.seam.co/latest/api/";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "default_docs_url")]
    pub docs_url: String,
    /// Folders of the spec that each hold one docs tree, oldest first. Empty:
    /// the spec folder itself is the one tree.
    #[serde(default)]
    pub trees: Vec<String>,
    /// Types from the spec's declarations (see the module docs).
    #[serde(default)]
    pub strict: bool,
    /// Bump the crate's version by the level of the API changes (see the
    /// module docs).
    #[serde(default)]
    pub bump_version: bool,
    #[serde(default)]
    pub presence: PresenceConfig,
    /// The field that says an event's type (default `event_type`): the
    /// tag of the events' union.
    #[serde(default)]
    pub event_tag: Option<String>,
    /// The generated crate's `Cargo.toml`.
    #[serde(default)]
    pub package: Package,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresenceConfig {
    /// Event type (or `*` for all) → property → presence.
    #[serde(default)]
    pub events: BTreeMap<String, BTreeMap<String, PresenceWord>>,
    /// Resource → property → presence.
    #[serde(default)]
    pub resources: BTreeMap<String, BTreeMap<String, PresenceWord>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PresenceWord {
    Required,
    RequiredNullable,
    Optional,
    Unknown,
}

impl PresenceWord {
    fn presence(self) -> Presence {
        match self {
            PresenceWord::Required => Presence { required: true, nullable: false },
            PresenceWord::RequiredNullable => Presence { required: true, nullable: true },
            PresenceWord::Optional => Presence { required: false, nullable: false },
            PresenceWord::Unknown => Presence::UNKNOWN,
        }
    }
}

fn default_docs_url() -> String {
    DEFAULT_DOCS_URL.to_owned()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            docs_url: default_docs_url(),
            trees: Vec::new(),
            strict: false,
            presence: PresenceConfig::default(),
            event_tag: None,
            bump_version: false,
            package: Package::default(),
        }
    }
}

/// The generated crate's package: what its `Cargo.toml` says of it. Each
/// value is checked as it is read (a crate name, a semver version, a Rust
/// version cargo accepts), so a bad one is reported at its line of
/// `codegen.yaml`, never written.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Package {
    pub name: CrateName,
    pub version: semver::Version,
    pub description: String,
    /// None by default: there is no canonical repository for a crate
    /// generated from the docs.
    pub repository: Option<String>,
    pub license: String,
    pub rust_version: RustVersion,
    /// `false` by default (`publish = false`): publishing is a decision.
    pub publish: bool,
    pub features: Features,
}

impl Default for Package {
    fn default() -> Self {
        Package {
            name: CrateName("seam-types".to_owned()),
            version: semver::Version::new(0, 1, 0),
            description: "Typed Seam API objects and webhook events, generated from the Seam API reference docs"
                .to_owned(),
            repository: None,
            license: "MIT OR Apache-2.0".to_owned(),
            rust_version: RustVersion { major: 1, minor: 85, patch: None },
            publish: false,
            features: Features::default(),
        }
    }
}

/// The generated crate's features: which of the optional ones are on by
/// default (none unless said). serde is not optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Features {
    #[serde(default)]
    pub default: Vec<Feature>,
}

/// An optional feature of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// `seam_types::Webhook`: verifies the signatures on webhook requests.
    Webhook,
    /// `webhook`, plus its `Headers` for `http::HeaderMap`.
    Http,
}

impl Feature {
    pub fn name(self) -> &'static str {
        match self {
            Feature::Webhook => "webhook",
            Feature::Http => "http",
        }
    }
}

/// A package name cargo and crates.io accept: ASCII letters, digits, `-`
/// and `_`, starting with a letter, at most 64 characters, and not a Rust
/// keyword or the name of a built-in crate once `-` is read as `_`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateName(String);

/// Rust keywords (strict, reserved and `gen`) and the built-in crates: cargo
/// refuses them as package names (or their library would not be nameable).
const NOT_CRATE_NAMES: &[&str] = &[
    "as",
    "async",
    "await",
    "break",
    "const",
    "continue",
    "crate",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "override",
    "priv",
    "try",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "alloc",
    "core",
    "proc_macro",
    "std",
    "test",
];

impl std::str::FromStr for CrateName {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        let bad = |why: &str| Err(format!("package name `{}`: {why}", name.escape_debug()));
        if name.is_empty() {
            return bad("empty");
        }
        if name.len() > 64 {
            return bad("longer than 64 characters");
        }
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return bad("must start with an ASCII letter");
        }
        if let Some(c) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
            return bad(&format!("`{}` is not allowed: only ASCII letters, digits, `-` and `_`", c.escape_debug()));
        }
        if NOT_CRATE_NAMES.contains(&name.replace('-', "_").as_str()) {
            return bad("a Rust keyword or built-in crate");
        }
        Ok(CrateName(name.to_owned()))
    }
}

impl CrateName {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name of the library in Rust code (`seam_types`).
    pub fn ident(&self) -> String {
        self.0.replace('-', "_")
    }
}

impl std::fmt::Display for CrateName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The oldest Rust the generated crate builds with, as cargo's
/// `rust-version` takes it: `1.85` or `1.85.0`. At least 1.85, the first
/// with edition 2024.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RustVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: Option<u32>,
}

impl std::str::FromStr for RustVersion {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = |why: &str| Err(format!("rust_version `{}`: {why}", s.escape_debug()));
        let parts: Vec<&str> = s.split('.').collect();
        let number = |p: &str| -> Option<u32> {
            let leading_zero = p.len() > 1 && p.starts_with('0');
            if p.is_empty() || leading_zero || !p.bytes().all(|b| b.is_ascii_digit()) { None } else { p.parse().ok() }
        };
        let numbers: Option<Vec<u32>> = parts.iter().map(|p| number(p)).collect();
        let v = match (parts.len(), numbers) {
            (2, Some(n)) => RustVersion { major: n[0], minor: n[1], patch: None },
            (3, Some(n)) => RustVersion { major: n[0], minor: n[1], patch: Some(n[2]) },
            _ => return bad("expected MAJOR.MINOR or MAJOR.MINOR.PATCH, such as `1.85`"),
        };
        if (v.major, v.minor) < (1, 85) {
            return bad("the generated crate is edition 2024, which needs Rust 1.85 or later");
        }
        Ok(v)
    }
}

impl std::fmt::Display for RustVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)?;
        if let Some(p) = self.patch {
            write!(f, ".{p}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for CrateName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_scalar(d, "a package name")
    }
}

impl<'de> Deserialize<'de> for RustVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_scalar(d, "a Rust version, such as 1.85")
    }
}

/// A `T` parsed from a YAML scalar's text (`1.80` unquoted is the text
/// `1.80`). It fails while the scalar is read, so the YAML error names
/// its line and column.
fn parse_scalar<'de, D, T>(d: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr<Err = String>,
{
    struct Visitor<T>(&'static str, std::marker::PhantomData<T>);
    impl<T: std::str::FromStr<Err = String>> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
            s.parse().map_err(E::custom)
        }
    }
    d.deserialize_str(Visitor(expecting, std::marker::PhantomData))
}

impl Config {
    /// Parses `codegen.yaml`; the error names the line.
    pub fn parse(text: &str) -> Result<Config, (u32, String)> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        crate::yaml::from_str(text).map_err(|e| (e.line.unwrap_or(1), e.message))
    }

    /// Applies the presence overrides to the merged model. An override that
    /// names nothing in the docs is a warning: the config has gone stale.
    pub fn apply(&self, model: &mut Model, config_file: &str, config_text: &str, diags: &mut Vec<Diagnostic>) {
        if self.strict {
            strict(model);
        }
        let line_of =
            |needle: &str| -> u32 { config_text.lines().position(|l| l.contains(needle)).map_or(1, |i| i as u32 + 1) };
        let apply_to = |props: &mut [Property], name: &str, word: PresenceWord| -> bool {
            match props.iter_mut().find(|p| p.name == name) {
                Some(p) => {
                    p.presence = word.presence();
                    p.sources.push(Source::line(config_file, line_of(name)));
                    true
                }
                None => false,
            }
        };
        for (resource, props) in &self.presence.resources {
            for (name, word) in props {
                let found = model.resources.get_mut(resource).is_some_and(|r| apply_to(&mut r.properties, name, *word));
                if !found {
                    diags.push(Diagnostic::warning(
                        Source::line(config_file, line_of(name)),
                        format!("presence for `{resource}.{name}`: the docs have no such property"),
                    ));
                }
            }
        }
        for (event_type, props) in &self.presence.events {
            for (name, word) in props {
                let mut found = false;
                if event_type == "*" {
                    if let Some(obj) = model.event_object.as_mut() {
                        found |= apply_to(&mut obj.properties, name, *word);
                    }
                    for e in model.events.values_mut() {
                        found |= apply_to(&mut e.properties, name, *word);
                    }
                } else if let Some(e) = model.events.get_mut(event_type) {
                    found |= apply_to(&mut e.properties, name, *word);
                }
                if !found {
                    diags.push(Diagnostic::warning(
                        Source::line(config_file, line_of(name)),
                        format!("presence for `{name}` of events `{event_type}`: the docs have no such property"),
                    ));
                }
            }
        }
    }
}

/// `strict: true`: each property's presence as the spec declares it.
fn strict(model: &mut Model) {
    fn props(props: &mut [Property]) {
        for p in props {
            if let Some(d) = p.declared {
                // Plain `T`; `Option<T>` that must be there; `Option<T>`.
                p.presence = if d.required { d } else { Presence { required: false, nullable: false } };
            }
            ty(&mut p.ty);
        }
    }
    fn ty(t: &mut crate::model::Type) {
        use crate::model::Type;
        match t {
            Type::Object { properties } => props(properties),
            Type::List { item } => ty(item),
            Type::Disputed { documented } => ty(documented),
            Type::Variants { variants, .. } => variants.iter_mut().for_each(|v| props(&mut v.properties)),
            _ => {}
        }
    }
    for r in model.resources.values_mut().chain(model.event_object.iter_mut()) {
        props(&mut r.properties);
    }
    for e in model.events.values_mut() {
        props(&mut e.properties);
    }
    for e in model.endpoints.values_mut() {
        if let Some(r) = &mut e.request {
            props(r);
        }
        if let Some(r) = &mut e.response {
            props(&mut r.properties);
        }
    }
}
