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
//! ```
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
        }
    }
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
