//! The OpenAPI frontend: an OpenAPI 3.0 or 3.1 document (JSON or YAML), as
//! Seam ships it beside its Mintlify pages (`openapi.json`), into a model
//! fragment. Every fact's source is a JSON pointer into the document.
//!
//! ```text
//! components.schemas.<name>     a resource: its properties at any depth
//!                               (`allOf` parts merged), with the presence
//!                               the schema declares (`required`, `nullable`)
//! components.schemas.event      (a `oneOf` told apart by `event_type`) the
//!                               events, one per member; the `event`
//!                               resource holds what every member shares
//! type/format                   string+uuid: UUID; string+date-time:
//!                               Datetime; enum: Enum (one value on a
//!                               discriminator: Const); number/integer:
//!                               Number; array: List; object: Object, or
//!                               Record (only `additionalProperties`)
//! oneOf / anyOf                 string enums: one Enum of all values;
//!                               objects told apart by a property (the
//!                               `discriminator`, or a property every member
//!                               gives disjoint enum values): Variants;
//!                               `{type: null}` members: nullable; else Any
//! $ref                          a resource (Type::Ref)
//! paths.<path>                  an endpoint: methods (POST first), the POST
//!                               JSON body (or query parameters) as its
//!                               request, the 200 JSON body as its response,
//!                               `x-response-key`, `x-title`
//! x-deprecated / deprecated     the deprecation note
//! x-draft                       the draft note (kept, documented)
//! x-undocumented                not modelled: the docs leave it out, and
//!                               the generated crate keeps such data in
//!                               `extra` / `Unknown` (one note per document
//!                               counts what was left out)
//! ```

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::model::{CallExample, Endpoint, SpecCounts};
use crate::model::{
    EnumValue, Event, Layout, Model, Page, PageKind, Presence, Property, Resource, Response, Source, Type, Variant,
};
use crate::openapi::{self, Additional, Document, Note, Schema, escape};
use crate::source::SourceFile;

use super::PageResult;

/// Reads an OpenAPI document. Other JSON or YAML is a note, not an error.
/// `site` is the docs site's root, which relative links in descriptions
/// point into.
pub(crate) fn read(file: &SourceFile, site: &str) -> PageResult {
    let yaml = !file.path.ends_with(".json");
    let mut diagnostics = Vec::new();
    let mut model = Model::default();
    let doc = match openapi::parse(&file.text, yaml) {
        Ok(doc) if doc.openapi.starts_with("3.") => Some(doc),
        Ok(doc) => {
            diagnostics.push(Diagnostic::warning(
                file.source(0),
                format!("OpenAPI {} is not read (3.0 and 3.1 are): the document is ignored", doc.openapi),
            ));
            None
        }
        Err((line, message)) => {
            match openapi::kind(&file.text, yaml) {
                openapi::Kind::OpenApi3 => diagnostics.push(Diagnostic::error(
                    Source::line(file.path.clone(), line.unwrap_or(1)),
                    format!("not a valid OpenAPI document: {message}"),
                )),
                openapi::Kind::OtherVersion(v) => diagnostics.push(Diagnostic::warning(
                    file.source(0),
                    format!("{v} is not read (OpenAPI 3.0 and 3.1 are): the document is ignored"),
                )),
                openapi::Kind::NotOpenApi => diagnostics.push(Diagnostic::info(
                    file.source(0),
                    "not an OpenAPI document (no `openapi` version at its top): ignored",
                )),
            }
            None
        }
    };
    let kind = match &doc {
        Some(doc) => {
            let mut r = Reader { file, doc, site, diags: Vec::new(), skipped: 0, rendered: HashMap::new() };
            let counts = r.read(&mut model);
            diagnostics.append(&mut r.diags);
            if r.skipped > 0 {
                diagnostics.push(Diagnostic::info(
                    file.source(0),
                    format!(
                        "{} schema(s), propert(ies), event type(s) or endpoint(s) marked `x-undocumented` are not \
                         modelled (the docs leave them out; payloads keep such data in `extra`)",
                        r.skipped
                    ),
                ));
            }
            model.pages.push(Page {
                file: file.path.clone(),
                layout: Layout::OpenApi,
                kind: PageKind::Spec,
                spec: Some(counts),
            });
            return PageResult { layout: Layout::OpenApi, model, diagnostics };
        }
        None => PageKind::Other,
    };
    model.pages.push(Page { file: file.path.clone(), layout: Layout::Unknown, kind, spec: None });
    PageResult { layout: Layout::Unknown, model, diagnostics }
}

struct Reader<'a> {
    file: &'a SourceFile,
    doc: &'a Document,
    diags: Vec<Diagnostic>,
    /// The docs site's root, for relative links.
    site: &'a str,
    /// Undocumented things left out.
    skipped: usize,
    /// Descriptions rendered as docs Markdown: the same words come back for
    /// every event that has the property (`ID of the event.`).
    rendered: HashMap<String, Option<String>>,
}

const SCHEMAS: &str = "#/components/schemas/";

impl<'a> Reader<'a> {
    fn src(&self, pointer: &str) -> Source {
        Source::pointer(self.file.path.clone(), pointer)
    }

    fn read(&mut self, out: &mut Model) -> SpecCounts {
        let doc = self.doc;
        let mut counts = SpecCounts { version: doc.openapi.clone(), ..Default::default() };
        for (name, schema) in doc.components.schemas.iter() {
            let ptr = format!("/components/schemas/{}", escape(name));
            if undocumented(schema) {
                self.skipped += 1;
                continue;
            }
            counts.schemas += 1;
            if let Some(d) = &schema.discriminator
                && !schema.one_of.is_empty()
                && (name == "event" || d.property_name == "event_type")
            {
                self.events(name, schema, &d.property_name, &ptr, out);
                counts.event_types = out.events.len();
                continue;
            }
            let mut r = Resource::new(name.clone(), self.src(&ptr));
            r.description = self.description(schema);
            r.deprecated = schema_deprecation(schema);
            r.draft = draft(schema);
            if !schema.one_of.is_empty() || !schema.any_of.is_empty() {
                self.diags.push(Diagnostic::warning(
                    self.src(&ptr),
                    format!("schema `{name}` is one of several shapes; only what they share is modelled"),
                ));
            }
            r.properties = self.object_props(schema, &ptr);
            out.resources.insert(name.clone(), r);
        }
        for (path, item) in doc.paths.iter() {
            let ptr = format!("/paths/{}", escape(path));
            match self.endpoint(path, item, &ptr) {
                Some(e) => {
                    counts.paths += 1;
                    out.endpoints.insert(path.clone(), e);
                }
                None => self.skipped += 1,
            }
        }
        counts.undocumented = self.skipped;
        counts
    }

    /// The events: one per member of a `oneOf` told apart by `tag`; the
    /// `event` resource holds the properties every member has.
    fn events(&mut self, name: &str, schema: &'a Schema, tag: &str, ptr: &str, out: &mut Model) {
        let mut common: Option<Vec<Property>> = None;
        let mut types = Vec::new();
        for (i, member) in schema.one_of.iter().enumerate() {
            let mptr = format!("{ptr}/oneOf/{i}");
            let (member, mptr) = self.resolve(member, mptr);
            let Some(member) = member else { continue };
            let Some(value) = self.tag_values(member, tag).and_then(|v| v.into_iter().next()) else {
                self.diags.push(Diagnostic::warning(
                    self.src(&mptr),
                    format!("member of `{name}` without a `{tag}` value; it is not modelled"),
                ));
                continue;
            };
            if undocumented(member) {
                self.skipped += 1;
                continue;
            }
            let mut e = Event::new(value.clone(), self.src(&mptr));
            e.description = self.description(member);
            e.deprecated = schema_deprecation(member);
            e.properties = self.object_props(member, &mptr);
            for p in &mut e.properties {
                if p.name == tag {
                    p.ty = Type::Const { value: value.clone() };
                }
            }
            let mut ev = EnumValue::new(value.clone(), self.src(&mptr));
            ev.description = e.description.clone();
            ev.deprecated = e.deprecated.clone();
            types.push(ev);
            common = Some(match common {
                None => e.properties.iter().filter(|p| p.name != tag).cloned().collect(),
                Some(c) => {
                    c.into_iter().filter(|p| e.properties.iter().any(|q| q.name == p.name && q.ty == p.ty)).collect()
                }
            });
            out.events.insert(value, e);
        }
        let mut r = Resource::new(name, self.src(ptr));
        r.description = self.description(schema);
        r.properties = common.unwrap_or_default();
        let mut tag_prop = Property::new(tag, Type::Enum { values: types }, self.src(ptr));
        tag_prop.description = Some(format!("The type of the {name}."));
        tag_prop.declared = Some(Presence { required: true, nullable: false });
        let at = r.properties.iter().position(|p| p.name.as_str() > tag).unwrap_or(r.properties.len());
        r.properties.insert(at, tag_prop);
        out.resources.insert(name.to_owned(), r);
    }

    /// A `$ref` to a schema of this document, resolved (with its pointer).
    fn resolve(&mut self, schema: &'a Schema, ptr: String) -> (Option<&'a Schema>, String) {
        let Some(r) = &schema.reference else { return (Some(schema), ptr) };
        let doc = self.doc;
        match r.strip_prefix(SCHEMAS).and_then(|n| doc.components.schemas.get(n).map(|s| (n, s))) {
            Some((n, s)) => (Some(s), format!("/components/schemas/{}", escape(n))),
            None => {
                self.diags.push(Diagnostic::warning(
                    self.src(&ptr),
                    format!("`$ref` `{r}` names no schema of this document; it is not modelled"),
                ));
                (None, ptr)
            }
        }
    }

    /// The values a member gives its tag property (`enum` or `const`).
    fn tag_values(&self, member: &'a Schema, tag: &str) -> Option<Vec<String>> {
        let all = self.all_properties(member);
        let (_, p) = all.iter().find(|(n, _)| n == tag)?;
        let values = enum_strings(p)?;
        (!values.is_empty()).then_some(values)
    }

    /// An object's properties with their own pointers, `allOf` parts
    /// included (in order), and the names it requires.
    fn all_properties(&self, schema: &'a Schema) -> Vec<(String, &'a Schema)> {
        let mut out = Vec::new();
        collect_props(schema, &mut out, &mut Vec::new(), "");
        out.into_iter().map(|(n, s, _)| (n, s)).collect()
    }

    fn object_props(&mut self, schema: &'a Schema, ptr: &str) -> Vec<Property> {
        let mut found: Vec<(String, &'a Schema, String)> = Vec::new();
        let mut required: Vec<String> = Vec::new();
        collect_props(schema, &mut found, &mut required, ptr);
        let mut props: Vec<Property> = Vec::with_capacity(found.len());
        for (name, s, pptr) in found {
            if undocumented(s) {
                self.skipped += 1;
                continue;
            }
            let ty = self.ty(s, &pptr);
            let mut p = Property::new(name.clone(), ty, self.src(&pptr));
            p.description = self.description(s);
            p.declared = Some(Presence { required: required.contains(&name), nullable: self.nullable(s) });
            p.deprecated = schema_deprecation(s);
            p.draft = draft(s);
            match props.iter_mut().find(|q| q.name == name) {
                // An `allOf` part says more of a property another part has.
                Some(q) => {
                    let ty = std::mem::replace(&mut q.ty, Type::Any);
                    q.ty = if ty == Type::Any { p.ty } else { ty };
                    q.sources.extend(p.sources);
                }
                None => props.push(p),
            }
        }
        props
    }

    fn description(&mut self, s: &Schema) -> Option<String> {
        let text = s.description.as_deref()?;
        self.markdown_text(flags(text).1)
    }

    /// A description as the docs' Markdown, rendered once per text.
    fn markdown_text(&mut self, text: &str) -> Option<String> {
        if let Some(done) = self.rendered.get(text) {
            return done.clone();
        }
        let done = render(text, self.site);
        self.rendered.insert(text.to_owned(), done.clone());
        done
    }

    fn nullable(&self, s: &Schema) -> bool {
        s.is_nullable() || s.one_of.iter().chain(&s.any_of).any(Schema::is_null_only)
    }

    /// The model type of a schema.
    fn ty(&mut self, s: &'a Schema, ptr: &str) -> Type {
        if let Some(r) = &s.reference {
            let name = r.strip_prefix(SCHEMAS).unwrap_or(r);
            let doc = self.doc;
            return match doc.components.schemas.get(name) {
                Some(target) if undocumented(target) => Type::Object { properties: Vec::new() },
                Some(_) => Type::Ref { name: name.to_owned() },
                None => {
                    self.diags.push(Diagnostic::warning(
                        self.src(ptr),
                        format!("`$ref` `{r}` names no schema of this document; read as any JSON"),
                    ));
                    Type::Any
                }
            };
        }
        let members: Vec<(usize, &'a Schema)> =
            s.one_of.iter().chain(&s.any_of).enumerate().filter(|(_, m)| !m.is_null_only()).collect();
        if !members.is_empty() {
            let key = if s.one_of.is_empty() { "anyOf" } else { "oneOf" };
            return self.union(s, &members, &format!("{ptr}/{key}"));
        }
        if !s.all_of.is_empty() {
            return Type::Object { properties: self.object_props(s, ptr) };
        }
        match s.type_word() {
            Some("string") => {
                if let Some(values) = enum_strings(s) {
                    return Type::Enum {
                        values: values.into_iter().map(|v| EnumValue::new(v, self.src(ptr))).collect(),
                    };
                }
                match s.format.as_deref() {
                    Some("uuid") => Type::Uuid,
                    Some("date-time") => Type::Datetime,
                    _ => Type::String,
                }
            }
            Some("boolean") => Type::Boolean,
            Some("number" | "integer") => Type::Number,
            Some("array") => {
                let item = match &s.items {
                    Some(item) => self.ty(item, &format!("{ptr}/items")),
                    None => Type::Any,
                };
                Type::List { item: Box::new(item) }
            }
            Some("object") | None if !s.properties.is_empty() => Type::Object { properties: self.object_props(s, ptr) },
            Some("object") => match &s.additional {
                Some(Additional::Schema(_) | Additional::Allowed(true)) => Type::Record,
                _ => Type::Object { properties: Vec::new() },
            },
            None if s.enum_values.is_some() => match enum_strings(s) {
                Some(values) => {
                    Type::Enum { values: values.into_iter().map(|v| EnumValue::new(v, self.src(ptr))).collect() }
                }
                None => Type::Any,
            },
            None => Type::Any,
            Some(other) => {
                self.diags.push(Diagnostic::warning(
                    self.src(ptr),
                    format!("type `{other}` is not one OpenAPI defines; read as any JSON"),
                ));
                Type::Any
            }
        }
    }

    /// `oneOf`/`anyOf` (null members aside).
    fn union(&mut self, s: &'a Schema, members: &[(usize, &'a Schema)], ptr: &str) -> Type {
        // One member is that member, unless a discriminator says it is one
        // shape of several (more may come).
        if let [(i, only)] = members
            && s.discriminator.is_none()
        {
            return self.ty(only, &format!("{ptr}/{i}"));
        }
        // String enums: one enum of every value.
        if members.iter().all(|(_, m)| m.type_word() == Some("string") && m.enum_values.is_some()) {
            let mut values: Vec<EnumValue> = Vec::new();
            for (i, m) in members {
                for v in enum_strings(m).unwrap_or_default() {
                    if !values.iter().any(|x| x.value == v) {
                        let mut ev = EnumValue::new(v, self.src(&format!("{ptr}/{i}")));
                        ev.description = self.description(m);
                        values.push(ev);
                    }
                }
            }
            return Type::Enum { values };
        }
        // Objects told apart by one property's value.
        let objects = members
            .iter()
            .all(|(_, m)| m.type_word() == Some("object") || !m.properties.is_empty() || !m.all_of.is_empty());
        if objects {
            let tag = s.discriminator.as_ref().map(|d| d.property_name.clone()).or_else(|| self.infer_tag(members));
            if let Some(tag) = tag {
                let mut variants: Vec<Variant> = Vec::new();
                for (i, m) in members {
                    let mptr = format!("{ptr}/{i}");
                    if undocumented(m) {
                        self.skipped += 1;
                        continue;
                    }
                    let Some(values) = self.tag_values(m, &tag) else {
                        self.diags.push(Diagnostic::warning(
                            self.src(&mptr),
                            format!("shape without a `{tag}` value among shapes told apart by it; not modelled"),
                        ));
                        continue;
                    };
                    let props = self.object_props(m, &mptr);
                    for value in values {
                        let mut properties = props.clone();
                        for p in &mut properties {
                            if p.name == tag {
                                p.ty = Type::Const { value: value.clone() };
                            }
                        }
                        variants.push(Variant {
                            value,
                            description: self.description(m),
                            properties,
                            sources: vec![self.src(&mptr)],
                        });
                    }
                }
                return Type::Variants { discriminator: tag, variants };
            }
            // Objects no property tells apart: one object with every
            // member's properties, required where every member requires.
            let mut props: Vec<Property> = Vec::new();
            for (n, (i, m)) in members.iter().enumerate() {
                let mine = self.object_props(m, &format!("{ptr}/{i}"));
                for p in &mut props {
                    if !mine.iter().any(|q| q.name == p.name)
                        && let Some(d) = &mut p.declared
                    {
                        d.required = false;
                    }
                }
                for mut q in mine {
                    match props.iter_mut().find(|p| p.name == q.name) {
                        Some(p) => {
                            if let (Type::Enum { values: a }, Type::Enum { values: b }) = (&mut p.ty, &q.ty) {
                                for v in b {
                                    if !a.iter().any(|x| x.value == v.value) {
                                        a.push(v.clone());
                                    }
                                }
                            }
                            p.sources.extend(q.sources);
                        }
                        None => {
                            if n > 0
                                && let Some(d) = &mut q.declared
                            {
                                d.required = false;
                            }
                            props.push(q);
                        }
                    }
                }
            }
            return Type::Object { properties: props };
        }
        Type::Any
    }

    /// A property to which every member gives its own single value: the
    /// members' tag.
    fn infer_tag(&self, members: &[(usize, &'a Schema)]) -> Option<String> {
        let first = self.all_properties(members[0].1);
        'candidates: for (name, _) in first {
            let mut seen: Vec<String> = Vec::new();
            for (_, m) in members {
                match self.tag_values(m, &name).as_deref() {
                    Some([v]) if !seen.contains(v) => seen.push(v.clone()),
                    _ => continue 'candidates,
                }
            }
            return Some(name);
        }
        None
    }

    fn endpoint(&mut self, path: &str, item: &'a openapi::PathItem, ptr: &str) -> Option<Endpoint> {
        let ops: Vec<(&str, &'a openapi::Operation)> = item
            .operations()
            .into_iter()
            .filter(|(_, op)| op.x_undocumented.as_ref().is_none_or(|n| *n == Note::Unset))
            .collect();
        let (method, op) = *ops.first()?;
        let optr = format!("{ptr}/{}", method.to_ascii_lowercase());
        let mut e = Endpoint {
            path: path.to_owned(),
            title: op.x_title.clone().or_else(|| op.summary.clone()),
            description: op.description.as_deref().and_then(|t| self.markdown_text(t)),
            methods: ops.iter().map(|(m, _)| (*m).to_owned()).collect(),
            deprecated: deprecation(op.deprecated, &op.x_deprecated),
            sources: vec![self.src(ptr)],
            ..Default::default()
        };
        let body =
            op.request_body.as_ref().and_then(|b| b.content.get("application/json")).and_then(|m| m.schema.as_ref());
        e.request = match body {
            Some(schema) => {
                let bptr = format!("{optr}/requestBody/content/application~1json/schema");
                let (schema, bptr) = self.resolve(schema, bptr);
                schema.map(|s| self.object_props(s, &bptr))
            }
            None => {
                for (i, p) in op.parameters.iter().enumerate() {
                    if let Some(r) = &p.reference {
                        self.diags.push(Diagnostic::warning(
                            self.src(&format!("{optr}/parameters/{i}")),
                            format!("parameter `$ref` `{r}` is not resolved; the parameter is not modelled"),
                        ));
                    }
                }
                let params: Vec<Property> = op
                    .parameters
                    .iter()
                    .chain(&item.parameters)
                    .enumerate()
                    .filter(|(_, p)| p.location == "query")
                    .map(|(i, p)| {
                        let pptr = format!("{optr}/parameters/{i}");
                        let ty = p.schema.as_ref().map_or(Type::Any, |s| self.ty(s, &format!("{pptr}/schema")));
                        let mut prop = Property::new(p.name.clone(), ty, self.src(&pptr));
                        prop.description = p
                            .description
                            .as_deref()
                            .or(p.schema.as_ref().and_then(|s| s.description.as_deref()))
                            .and_then(|t| self.markdown_text(t));
                        prop.declared = Some(Presence { required: p.required, nullable: false });
                        prop.deprecated = p.deprecated.then(String::new);
                        prop
                    })
                    .collect();
                (!params.is_empty()).then_some(params)
            }
        };
        let ok = op.responses.iter().find(|(code, _)| code.starts_with('2'));
        if let Some((code, r)) = ok
            && let Some(schema) = r.content.get("application/json").and_then(|m| m.schema.as_ref())
        {
            let rptr = format!("{optr}/responses/{code}/content/application~1json/schema");
            let (schema, rptr) = self.resolve(schema, rptr);
            if let Some(schema) = schema {
                e.response = Some(Response {
                    key: op.x_response_key.clone().flatten(),
                    properties: self.object_props(schema, &rptr),
                });
            }
        }
        for (i, sample) in op.x_code_samples.iter().enumerate() {
            if !matches!(sample.lang.as_str(), "bash" | "curl" | "shell" | "sh") || !sample.source.contains("curl") {
                continue;
            }
            let sptr = format!("{optr}/x-codeSamples/{i}");
            let (request, response) = curl_call(&sample.source);
            let mut json = |text: Option<String>, what: &str| {
                let text = text?;
                if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
                    return Some(text);
                }
                self.diags.push(
                    Diagnostic::warning(
                        self.src(&sptr),
                        format!("the cURL sample's {what} is not JSON: the example is left out"),
                    )
                    .with_code("example-json"),
                );
                None
            };
            let (request, response) = (json(request, "request body"), json(response, "response"));
            if request.is_some() || response.is_some() {
                e.examples.push(CallExample { request, response, source: self.src(&sptr), response_source: None });
            }
        }
        Some(e)
    }
}

/// The request body and the response of a cURL sample: the body sent
/// through a here-document (`--json @- <<EOF` … `EOF`) or `--data '…'`, and
/// the response shown after `# Response:`, one `# ` comment per line.
fn curl_call(source: &str) -> (Option<String>, Option<String>) {
    let mut lines = source.lines().peekable();
    let (mut request, mut response) = (None, None);
    while let Some(line) = lines.next() {
        if let Some(at) = line.find("<<") {
            let word = line[at + 2..].trim().trim_matches(|c| c == '\'' || c == '"' || c == '-');
            let mut body = Vec::new();
            for l in lines.by_ref() {
                if l.trim() == word {
                    break;
                }
                body.push(l);
            }
            request = Some(body.join("\n"));
        } else if let Some(at) = line.find("--data '").or_else(|| line.find("--json '")) {
            let rest = &line[at + 8..];
            if let Some(end) = rest.rfind('\'') {
                request = Some(rest[..end].to_owned());
            }
        } else if line.trim_start().starts_with("# Response:") {
            let mut body = Vec::new();
            while let Some(l) = lines.peek() {
                let Some(text) = l.trim_start().strip_prefix('#') else { break };
                body.push(text.strip_prefix(' ').unwrap_or(text));
                lines.next();
            }
            response = Some(body.join("\n"));
        }
    }
    (request, response)
}

/// Properties of an object and of its `allOf` parts, with pointers, and
/// the names any part requires.
fn collect_props<'s>(
    schema: &'s Schema,
    out: &mut Vec<(String, &'s Schema, String)>,
    required: &mut Vec<String>,
    ptr: &str,
) {
    for (i, part) in schema.all_of.iter().enumerate() {
        collect_props(part, out, required, &format!("{ptr}/allOf/{i}"));
    }
    for (name, s) in schema.properties.iter() {
        out.push((name.clone(), s, format!("{ptr}/properties/{}", escape(name))));
    }
    required.extend(schema.required.iter().cloned());
}

/// The string values of `enum` (or `const`).
fn enum_strings(s: &Schema) -> Option<Vec<String>> {
    if let Some(c) = &s.const_value {
        return c.as_str().map(|v| vec![v.to_owned()]);
    }
    let values = s.enum_values.as_ref()?;
    Some(values.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
}

fn deprecation(flag: bool, note: &Option<Note>) -> Option<String> {
    match Note::message(note) {
        Some(m) => Some(m.trim().to_owned()),
        None if flag => Some(String::new()),
        None => None,
    }
}

/// Seam's generator writes flags at the start of some descriptions, over a
/// `---` line (`undocumented: Unreleased.\n---\nID of ...`): the flags
/// (`undocumented`, `deprecated`, `draft`, by name) and the description.
fn flags(text: &str) -> (Vec<(&str, &str)>, &str) {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        offset += line.len();
        if t.is_empty() && out.is_empty() {
            continue;
        }
        if t.len() >= 3 && t.chars().all(|c| c == '-') {
            return if out.is_empty() { (Vec::new(), text) } else { (out, &text[offset..]) };
        }
        match t.split_once(':') {
            Some((k, v)) if matches!(k.trim(), "undocumented" | "deprecated" | "draft") => {
                out.push((k.trim(), v.trim()))
            }
            _ => return (Vec::new(), text),
        }
    }
    (Vec::new(), text)
}

/// A schema's `x-undocumented`, or the same flag in its description.
fn undocumented(s: &Schema) -> bool {
    s.x_undocumented.as_ref().is_some_and(|n| *n != Note::Unset)
        || s.description.as_deref().is_some_and(|d| flags(d).0.iter().any(|(k, _)| *k == "undocumented"))
}

/// A schema's deprecation, from `deprecated`/`x-deprecated` or its
/// description's flags.
fn schema_deprecation(s: &Schema) -> Option<String> {
    deprecation(s.deprecated, &s.x_deprecated).or_else(|| {
        let d = s.description.as_deref()?;
        flags(d).0.into_iter().find(|(k, _)| *k == "deprecated").map(|(_, v)| v.to_owned())
    })
}

/// A schema's draft note, from `x-draft` or its description's flags.
fn draft(s: &Schema) -> Option<String> {
    Note::message(&s.x_draft).map(str::to_owned).or_else(|| {
        let d = s.description.as_deref()?;
        flags(d).0.into_iter().find(|(k, _)| *k == "draft").map(|(_, v)| v.to_owned())
    })
}

/// A description as the docs' Markdown: each line trimmed (the spec indents
/// continuation lines, which Markdown would read as code), then rendered
/// back so that it reads the same in rustdoc as on the site.
fn render(text: &str, site: &str) -> Option<String> {
    let trimmed: Vec<&str> = text.lines().map(str::trim).collect();
    let text = trimmed.join("\n");
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(super::markdown_to_docs(text, site))
}
