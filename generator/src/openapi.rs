//! OpenAPI documents, typed: the part of OpenAPI 3.0 and 3.1 the generator
//! reads (schemas, paths, operations, parameters, bodies, responses, and
//! Seam's `x-` extensions), deserialized with serde from JSON or YAML.
//!
//! Why not a crate: `openapiv3` reads 3.0 only and took 72 ms on Seam's
//! 3.5 MB document (its untagged `SchemaKind` buffers every schema);
//! `oas3` reads 3.1 only and rejects Seam's 3.0 document. These structs
//! accept both versions (`type` as a word or a list, `nullable` or a
//! `"null"` type, `const`) and read Seam's document in about 15 ms. Keys
//! are kept in document order.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// A map that keeps its document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<T> Ordered<T> {
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Ordered<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((k, v)) = map.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Ordered(Vec::new()))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Document {
    pub openapi: String,
    #[serde(default)]
    pub info: Option<Info>,
    #[serde(default)]
    pub paths: Ordered<PathItem>,
    #[serde(default)]
    pub components: Components,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Info {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Components {
    #[serde(default)]
    pub schemas: Ordered<Schema>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct PathItem {
    #[serde(default)]
    pub post: Option<Operation>,
    #[serde(default)]
    pub get: Option<Operation>,
    #[serde(default)]
    pub put: Option<Operation>,
    #[serde(default)]
    pub patch: Option<Operation>,
    #[serde(default)]
    pub delete: Option<Operation>,
    #[serde(default)]
    pub head: Option<Operation>,
    #[serde(default)]
    pub options: Option<Operation>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
}

impl PathItem {
    /// The operations, POST first (the method Seam's SDKs use), then the
    /// others in a fixed order.
    pub fn operations(&self) -> Vec<(&'static str, &Operation)> {
        [
            ("POST", &self.post),
            ("GET", &self.get),
            ("PUT", &self.put),
            ("PATCH", &self.patch),
            ("DELETE", &self.delete),
            ("HEAD", &self.head),
            ("OPTIONS", &self.options),
        ]
        .into_iter()
        .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
        .collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Operation {
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, rename = "operationId")]
    pub operation_id: Option<String>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    #[serde(default, rename = "requestBody")]
    pub request_body: Option<RequestBody>,
    #[serde(default)]
    pub responses: Ordered<Response>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default, rename = "x-deprecated")]
    pub x_deprecated: Option<Note>,
    #[serde(default, rename = "x-undocumented")]
    pub x_undocumented: Option<Note>,
    #[serde(default, rename = "x-draft")]
    pub x_draft: Option<Note>,
    /// `x-response-key`: the property of the response that holds the
    /// resource(s); `null` when the response holds none.
    #[serde(default, rename = "x-response-key", deserialize_with = "present")]
    pub x_response_key: Option<Option<String>>,
    #[serde(default, rename = "x-title")]
    pub x_title: Option<String>,
    /// `x-codeSamples`: calls in several languages (Mintlify shows them).
    #[serde(default, rename = "x-codeSamples")]
    pub x_code_samples: Vec<CodeSample>,
}

/// One entry of `x-codeSamples`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct CodeSample {
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Parameter {
    #[serde(default)]
    pub name: String,
    #[serde(default, rename = "in")]
    pub location: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub schema: Option<Schema>,
    #[serde(default, rename = "$ref")]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct RequestBody {
    #[serde(default)]
    pub content: Ordered<MediaType>,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Response {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub content: Ordered<MediaType>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct MediaType {
    #[serde(default)]
    pub schema: Option<Schema>,
}

/// A key that is there, even as `null` (`Some(None)`), apart from one that
/// is not (`None`, the default).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A note of an `x-` flag: Seam writes a message (`x-undocumented: "Only
/// used internally."`); `true` is a flag without one.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    Set(String),
    Unset,
}

impl Note {
    /// The message, or `None` when the flag is off (`false`).
    pub fn message(note: &Option<Note>) -> Option<&str> {
        match note {
            Some(Note::Set(m)) => Some(m),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Note {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Note;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a message or a boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Note, E> {
                Ok(Note::Set(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Note, E> {
                Ok(if v { Note::Set(String::new()) } else { Note::Unset })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Note, E> {
                Ok(Note::Unset)
            }
        }
        d.deserialize_any(V)
    }
}

/// `type`: one word (3.0), or a list of them (3.1, where `"null"` in it
/// means nullable).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Types(pub Vec<String>);

impl<'de> Deserialize<'de> for Types {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Types;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a type name or a list of them")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Types, E> {
                Ok(Types(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Types, A::Error> {
                let mut out = Vec::new();
                while let Some(t) = seq.next_element::<String>()? {
                    out.push(t);
                }
                Ok(Types(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// `additionalProperties`: `true`/`false`, or the schema of the values.
#[derive(Debug, Clone, PartialEq)]
pub enum Additional {
    Allowed(bool),
    Schema(Box<Schema>),
}

impl<'de> Deserialize<'de> for Additional {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Additional;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean or a schema")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Additional, E> {
                Ok(Additional::Allowed(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Additional, A::Error> {
                Schema::deserialize(de::value::MapAccessDeserializer::new(map)).map(|s| Additional::Schema(Box::new(s)))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Discriminator {
    #[serde(rename = "propertyName")]
    pub property_name: String,
}

/// A schema object, 3.0 or 3.1.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Schema {
    #[serde(default, rename = "$ref")]
    pub reference: Option<String>,
    #[serde(default, rename = "type")]
    pub types: Types,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, rename = "enum")]
    pub enum_values: Option<Vec<serde_json::Value>>,
    #[serde(default, rename = "const")]
    pub const_value: Option<serde_json::Value>,
    #[serde(default)]
    pub nullable: bool,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default, rename = "x-deprecated")]
    pub x_deprecated: Option<Note>,
    #[serde(default, rename = "x-undocumented")]
    pub x_undocumented: Option<Note>,
    #[serde(default, rename = "x-draft")]
    pub x_draft: Option<Note>,
    #[serde(default)]
    pub properties: Ordered<Schema>,
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(default, rename = "additionalProperties")]
    pub additional: Option<Additional>,
    #[serde(default)]
    pub items: Option<Box<Schema>>,
    #[serde(default, rename = "oneOf")]
    pub one_of: Vec<Schema>,
    #[serde(default, rename = "anyOf")]
    pub any_of: Vec<Schema>,
    #[serde(default, rename = "allOf")]
    pub all_of: Vec<Schema>,
    #[serde(default)]
    pub discriminator: Option<Discriminator>,
}

impl Schema {
    /// Does `type` say `"null"` (3.1), or `nullable: true` (3.0)?
    pub fn is_nullable(&self) -> bool {
        self.nullable || self.types.0.iter().any(|t| t == "null")
    }

    /// The one non-null type word, if there is exactly one.
    pub fn type_word(&self) -> Option<&str> {
        let mut words = self.types.0.iter().filter(|t| *t != "null");
        let first = words.next()?;
        words.next().is_none().then_some(first.as_str())
    }

    /// Is this schema only `{"type": "null"}` (a 3.1 `oneOf` member that
    /// makes the others nullable)?
    pub fn is_null_only(&self) -> bool {
        !self.types.0.is_empty() && self.types.0.iter().all(|t| t == "null")
    }
}

/// What kind of document a JSON or YAML text is, from its top-level keys.
pub enum Kind {
    OpenApi3,
    /// Swagger 2.0 or OpenAPI 4+: recognised, not read.
    OtherVersion(String),
    NotOpenApi,
}

/// Parses a document; the error names the line when the parser knows it.
pub fn parse(text: &str, yaml: bool) -> Result<Document, (Option<u32>, String)> {
    if yaml {
        crate::yaml::from_str::<Document>(text).map_err(|e| (e.line, e.message))
    } else {
        serde_json::from_str::<Document>(text).map_err(|e| (Some(e.line() as u32), e.to_string()))
    }
}

/// Tells an OpenAPI document from other JSON or YAML without reading all of
/// it: the `openapi` (or `swagger`) key and its version.
pub fn kind(text: &str, yaml: bool) -> Kind {
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        openapi: Option<serde_json::Value>,
        #[serde(default)]
        swagger: Option<serde_json::Value>,
    }
    let head: Option<Head> = if yaml { crate::yaml::from_str(text).ok() } else { serde_json::from_str(text).ok() };
    let Some(head) = head else { return Kind::NotOpenApi };
    let version = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match (head.openapi.as_ref().map(version), head.swagger.as_ref().map(version)) {
        (Some(v), _) if v.starts_with("3.") => Kind::OpenApi3,
        (Some(v), _) => Kind::OtherVersion(format!("OpenAPI {v}")),
        (None, Some(v)) => Kind::OtherVersion(format!("Swagger {v}")),
        (None, None) => Kind::NotOpenApi,
    }
}

/// A JSON pointer token: `~` and `/` escaped (RFC 6901).
pub fn escape(token: &str) -> String {
    if token.contains(['~', '/']) { token.replace('~', "~0").replace('/', "~1") } else { token.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_3_0_and_3_1_shapes_in_document_order() {
        let json = r#"{"openapi": "3.1.0", "components": {"schemas": {"b": {"type": ["string", "null"],
            "x-undocumented": "Internal."}, "a": {"type": "object", "additionalProperties": {"type": "string"},
            "properties": {"z": {"type": "integer"}, "y": {"oneOf": [{"type": "string"}, {"type": "null"}]}}}}},
            "paths": {"/x/get": {"post": {"x-response-key": null}}}}"#;
        let doc = parse(json, false).unwrap();
        let names: Vec<&String> = doc.components.schemas.iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["b", "a"]);
        let b = doc.components.schemas.get("b").unwrap();
        assert!(b.is_nullable());
        assert_eq!(b.type_word(), Some("string"));
        assert_eq!(Note::message(&b.x_undocumented), Some("Internal."));
        let a = doc.components.schemas.get("a").unwrap();
        assert!(matches!(a.additional, Some(Additional::Schema(_))));
        let keys: Vec<&String> = a.properties.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["z", "y"]);
        assert!(a.properties.get("y").unwrap().one_of[1].is_null_only());
        let op = doc.paths.get("/x/get").unwrap().post.as_ref().unwrap();
        assert_eq!(op.x_response_key, Some(None));
    }

    #[test]
    fn yaml_documents_read_the_same() {
        let yaml = "openapi: 3.0.3\ncomponents:\n  schemas:\n    a:\n      type: object\n      nullable: true\n      required: [id]\n      properties:\n        id: {type: string, format: uuid}\n";
        let doc = parse(yaml, true).unwrap();
        let a = doc.components.schemas.get("a").unwrap();
        assert!(a.is_nullable());
        assert_eq!(a.required, ["id"]);
        assert!(matches!(kind(yaml, true), Kind::OpenApi3));
        assert!(matches!(kind("{\"swagger\": \"2.0\"}", false), Kind::OtherVersion(_)));
        assert!(matches!(kind("{\"name\": \"x\"}", false), Kind::NotOpenApi));
        assert_eq!(escape("/a~b"), "~1a~0b");
    }
}
