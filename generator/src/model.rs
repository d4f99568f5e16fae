//! The intermediate schema model: the contract between the frontends (which
//! know Markdown and nothing of Rust) and the backend (which knows Rust and
//! nothing of Markdown).
//!
//! Every fact carries the `file:line` it came from. Descriptions are
//! Markdown with absolute links. Collections are ordered deterministically:
//! maps by key, lists in docs order (first seen, in merge order).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a fact came from: a spec-relative path and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    pub file: String,
    pub line: u32,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

// Sources are written as `file:line` strings: the YAML dump stays readable.
impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let (file, line) = s
            .rsplit_once(':')
            .and_then(|(f, l)| Some((f, l.parse().ok()?)))
            .ok_or_else(|| serde::de::Error::custom(format!("expected `file:line`, got `{s}`")))?;
        Ok(Source { file: file.to_owned(), line })
    }
}

/// Everything the docs say, merged over all pages and versions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Objects the API returns, by their docs name (`action_attempt`).
    pub resources: BTreeMap<String, Resource>,
    /// The object every event shares (the docs' `event` resource): its
    /// properties are the fields common to all events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_object: Option<Resource>,
    /// Every event type any page lists, in first-seen order, each with the
    /// pages that list it.
    pub event_types: Vec<EnumValue>,
    /// Events whose payload a page documents, by event type.
    pub events: BTreeMap<String, Event>,
    /// Endpoints the pages link to, by path (`/action_attempts/get`).
    pub endpoints: BTreeMap<String, Endpoint>,
    /// Endpoints a page describes without showing their path (page text),
    /// in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unnamed_endpoints: Vec<Endpoint>,
    /// Every page read, with the layout it was recognised as.
    pub pages: Vec<Page>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub file: String,
    pub layout: Layout,
    pub kind: PageKind,
}

/// What a page is about, recognised from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// Describes objects or events: modelled.
    Resource,
    /// Lists the resources or endpoints of a namespace.
    Namespace,
    /// Describes one endpoint (request parameters, response): recognised,
    /// not turned into types yet.
    Endpoint,
    /// No API reference content (the index, a report).
    Other,
}

/// The docs layouts the frontends know. Detected from a page's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// `### \`prop\`` headings with a `Format: \`UUID\`` line.
    Format,
    /// `**\`prop\`** *UUID*` paragraphs, `<details>` blocks.
    Condensed,
    /// The text a browser shows, copied without any markup.
    PageText,
    /// Nothing the frontends recognise.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub properties: Vec<Property>,
    /// Example objects the docs show (JSON), with their titles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub json: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The payload, including the common fields (`event_id`, ...) and the
    /// `event_type` constant, as the docs list them.
    pub properties: Vec<Property>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    /// Empty when the page does not show it (page text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: Type,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The docs never say whether a property is required or nullable. By
    /// default it is neither (it may be absent or null); `codegen.yaml`
    /// overrides that per property.
    #[serde(default, skip_serializing_if = "Presence::is_default")]
    pub presence: Presence,
    /// The docs' deprecation note, when they mark the property deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    pub sources: Vec<Source>,
}

/// Whether a property must be present, and whether it may be null.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub required: bool,
    pub nullable: bool,
}

impl Presence {
    /// What the docs imply when they say nothing: may be absent, may be null.
    pub const UNKNOWN: Presence = Presence { required: false, nullable: true };
    fn is_default(&self) -> bool {
        *self == Presence::UNKNOWN
    }
}

impl Default for Presence {
    fn default() -> Self {
        Presence::UNKNOWN
    }
}

/// The type of a property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Type {
    Uuid,
    Datetime,
    String,
    Boolean,
    Number,
    /// A string from a known set; values the docs do not list stay readable.
    Enum {
        values: Vec<EnumValue>,
    },
    /// A single fixed string (`Value: \`x\``), e.g. an event's `event_type`.
    Const {
        value: String,
    },
    /// An object; no properties means the docs do not describe its shape.
    Object {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        properties: Vec<Property>,
    },
    List {
        item: Box<Type>,
    },
    /// An object whose shape depends on the value of one of its fields, the
    /// discriminator (`errors` items by `error_code`).
    Variants {
        discriminator: String,
        variants: Vec<Variant>,
    },
    /// A map from strings to any JSON.
    Record,
    /// Any JSON value: what a property becomes when the docs disagree on its
    /// type, so that no payload is rejected.
    Any,
}

impl Type {
    /// The word the docs use for this type.
    pub fn docs_label(&self) -> &'static str {
        match self {
            Type::Uuid => "UUID",
            Type::Datetime => "Datetime",
            Type::String => "String",
            Type::Boolean => "Boolean",
            Type::Number => "Number",
            Type::Enum { .. } | Type::Const { .. } => "Enum",
            Type::Object { .. } | Type::Variants { .. } => "Object",
            Type::List { .. } => "List",
            Type::Record => "Record",
            Type::Any => "Any",
        }
    }
}

/// One shape of a [`Type::Variants`]: the objects whose discriminator has
/// this value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub properties: Vec<Property>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub sources: Vec<Source>,
    /// The page showed several values run together and they could not be
    /// split with confidence: `value` is the whole stretch, kept so that
    /// nothing is lost; a diagnostic lists the readings.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unsplit: bool,
}

impl Model {
    /// The documented type of `resource.property`, if any.
    pub fn resource_property(&self, resource: &str, property: &str) -> Option<&Property> {
        self.resources.get(resource)?.properties.iter().find(|p| p.name == property)
    }
}
