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

/// Where a fact came from: a spec-relative path and a 1-based line (a page),
/// or a JSON pointer into an OpenAPI document (`openapi.json#/components/…`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    pub file: String,
    /// 0 when the fact is located by `pointer`.
    pub line: u32,
    /// RFC 6901 JSON pointer into a structured document (OpenAPI).
    pub pointer: Option<String>,
}

impl Source {
    /// A line of a page.
    pub fn line(file: impl Into<String>, line: u32) -> Source {
        Source { file: file.into(), line, pointer: None }
    }

    /// A node of a structured document, by JSON pointer (`/components/schemas/device`).
    pub fn pointer(file: impl Into<String>, pointer: impl Into<String>) -> Source {
        Source { file: file.into(), line: 0, pointer: Some(pointer.into()) }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.pointer {
            Some(p) if self.line == 0 => write!(f, "{}#{p}", self.file),
            Some(p) => write!(f, "{}:{}#{p}", self.file, self.line),
            None => write!(f, "{}:{}", self.file, self.line),
        }
    }
}

// Sources are written as `file:line` (or `file#pointer`) strings: the YAML
// dump stays readable.
impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let (place, pointer) = match s.split_once('#') {
            Some((place, p)) => (place, Some(p.to_owned())),
            None => (s.as_str(), None),
        };
        let parsed = match (place.rsplit_once(':'), &pointer) {
            (Some((f, l)), _) if l.parse::<u32>().is_ok() => Some((f, l.parse().unwrap_or(0))),
            (_, Some(_)) => Some((place, 0)),
            _ => None,
        };
        let (file, line) = parsed
            .ok_or_else(|| serde::de::Error::custom(format!("expected `file:line` or `file#pointer`, got `{s}`")))?;
        Ok(Source { file: file.to_owned(), line, pointer })
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
    /// The field that says an event's type, when `codegen.yaml` names one
    /// other than `event_type` (see [`Model::event_tag`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_tag: Option<String>,
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
    /// Every page read, with the layout it was recognised as (OpenAPI
    /// documents included).
    pub pages: Vec<Page>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub file: String,
    pub layout: Layout,
    pub kind: PageKind,
    /// For an OpenAPI document: what it held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<SpecCounts>,
}

/// What an OpenAPI document held, for the run's report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpecCounts {
    /// The `openapi` version it declares.
    pub version: String,
    /// Schemas modelled (resources, and the events' schema).
    pub schemas: usize,
    pub event_types: usize,
    /// Paths modelled as endpoints.
    pub paths: usize,
    /// Schemas, properties, event types and paths marked `x-undocumented`,
    /// left out.
    pub undocumented: usize,
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
    /// No API reference content (the index, a report, a guide).
    Other,
    /// An OpenAPI document: schemas and paths.
    Spec,
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
    /// Mintlify MDX: front matter, JSX components (`<ResponseField>`,
    /// `<Expandable>`, `<Accordion>`...) around Markdown.
    Mintlify,
    /// An OpenAPI 3.0 or 3.1 document (JSON or YAML).
    OpenApi,
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
    /// The deprecation note, when a source marks the object deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    /// A source marks the object a draft (early access): the note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
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
    /// Example payloads the docs show (JSON).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    pub sources: Vec<Source>,
}

/// An endpoint of the API. Pages name it and describe it; an OpenAPI
/// document also gives its methods, request and response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    /// Empty when the page does not show it (page text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// HTTP methods, upper case, in the order the source lists them. Seam's
    /// SDKs call every endpoint with `POST`; other methods are aliases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<String>,
    /// The request's parameters: the JSON body's properties (or, for an
    /// endpoint with no body, its query parameters), presence included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Vec<Property>>,
    /// The body of a successful response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    /// Calls the docs show (the cURL samples of an OpenAPI document): the
    /// JSON sent, the JSON answered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<CallExample>,
    pub sources: Vec<Source>,
}

/// One call the docs show: its request body and its response, as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallExample {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    pub source: Source,
    /// Where the response is, when not at `source` (a page shows it in a
    /// block of its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_source: Option<Source>,
}

/// A successful response: its properties, and which one holds the
/// resource(s) the endpoint is about (`x-response-key`: `device`, `devices`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub properties: Vec<Property>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: Type,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What the generated type assumes: by default that the property may
    /// be absent or null, whatever the sources say, so that no payload is
    /// rejected; `codegen.yaml` pins it per property, or (`strict: true`)
    /// takes what the sources declare.
    #[serde(default, skip_serializing_if = "Presence::is_default")]
    pub presence: Presence,
    /// What a source declares: the OpenAPI schema's `required` and
    /// `nullable` (a page's `required` attribute). `None`: no source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared: Option<Presence>,
    /// The docs' deprecation note, when they mark the property deprecated
    /// (empty when they give none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    /// A source marks the property a draft: the note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
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
    /// The resource of that name (an OpenAPI `$ref` to a schema the model
    /// has as a resource).
    Ref {
        name: String,
    },
    /// Any JSON value: what a property becomes when the docs disagree on its
    /// type, so that no payload is rejected.
    Any,
    /// The documented type, where the docs' own examples show other JSON:
    /// read as `documented` when it is that, kept as it came when it is
    /// not, so that the examples read too.
    Disputed {
        documented: Box<Type>,
    },
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
            Type::Ref { .. } => "Object",
            Type::Any => "Any",
            Type::Disputed { documented } => documented.docs_label(),
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
    /// A source marks the value deprecated: the note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
}

impl Model {
    /// The field that says an event's type: `event_type` unless
    /// `codegen.yaml` says otherwise.
    pub fn event_tag(&self) -> &str {
        self.event_tag.as_deref().unwrap_or("event_type")
    }

    /// The documented type of `resource.property`, if any.
    pub fn resource_property(&self, resource: &str, property: &str) -> Option<&Property> {
        self.resources.get(resource)?.properties.iter().find(|p| p.name == property)
    }
}

impl Resource {
    /// A resource first seen at `source`, with nothing said of it yet.
    pub fn new(name: impl Into<String>, source: Source) -> Self {
        Resource {
            name: name.into(),
            description: None,
            properties: Vec::new(),
            examples: Vec::new(),
            deprecated: None,
            draft: None,
            sources: vec![source],
        }
    }
}

impl Event {
    pub fn new(event_type: impl Into<String>, source: Source) -> Self {
        Event {
            event_type: event_type.into(),
            description: None,
            properties: Vec::new(),
            examples: Vec::new(),
            deprecated: None,
            sources: vec![source],
        }
    }
}

impl Property {
    /// A property with nothing but its name and type said.
    pub fn new(name: impl Into<String>, ty: Type, source: Source) -> Self {
        Property {
            name: name.into(),
            ty,
            description: None,
            presence: Presence::UNKNOWN,
            declared: None,
            deprecated: None,
            draft: None,
            sources: vec![source],
        }
    }
}

impl EnumValue {
    pub fn new(value: impl Into<String>, source: Source) -> Self {
        EnumValue { value: value.into(), description: None, sources: vec![source], unsplit: false, deprecated: None }
    }
}
