//! Lowering: the model in, the crate's Rust items out ([`ir::Crate`]).
//!
//! Every decision about Rust is taken here, once: which items exist, in
//! which module, with which fields, derives and names. Names are resolved
//! after every item is known, in an order of their own (resources first,
//! then the events' types, then every other type by its full path), so a
//! type's name does not depend on the order the docs list things in.
//!
//! - A nested type is named after its owner and its property, each word
//!   once (`Device` + `device_type` → `DeviceType`), in the singular when
//!   it is the item of a list (`errors` → `DeviceError`); when that name is
//!   taken, the full path (`DeviceDeviceType`); a number only when both are.
//! - String enums with the same values are one type.
//! - Tagged objects (events by `event_type`, errors by `error_code`) are one
//!   kind of item, a [`Union`]: the fields every shape shares, and the
//!   payload, an enum of one struct per documented shape.

use std::collections::BTreeMap;

use super::RESERVED;
use super::docs::{field_doc, sources_doc};
use super::ir::{
    Crate, EndpointDef, EnumVariant, FieldDef, Item, Kind, Module, Pages, StrEnum, Struct, Ty, TypeId, TypeName, Union,
    UnionVariant,
};
use super::names::{Scope, is_keyword, nested, pascal, plural_snake, singular, snake, words};
use crate::diag::Diagnostic;
use crate::model::{EnumValue, Model, Presence, Property, Source, Type, Variant};

/// Names a type may take, in order of preference, and who asks.
struct Request {
    candidates: Vec<String>,
    /// Resolution order: resources, then the events' own types, then the rest.
    rank: u8,
    module: usize,
    what: String,
    source: Option<Source>,
}

/// The owner of nested types: the name it would like (`short`) and its
/// full path (`full`), both Pascal case.
#[derive(Clone)]
struct Owner {
    short: String,
    full: String,
    module: usize,
}

impl Owner {
    /// The names its type may take: without stutter, then the full path.
    fn candidates(&self) -> Vec<String> {
        let mut candidates = vec![self.short.clone()];
        if self.full != self.short {
            candidates.push(self.full.clone());
        }
        candidates
    }
}

struct Lower<'m> {
    model: &'m Model,
    links: &'m BTreeMap<String, String>,
    requests: Vec<Request>,
    modules: Vec<Module>,
    /// Enums by their values: one type per set.
    enums: BTreeMap<Vec<String>, TypeId>,
    resources: BTreeMap<String, TypeId>,
    diags: Vec<Diagnostic>,
}

/// The crate's items for `model`. `links` maps a docs page (as sources name
/// it) to its address on the docs site.
pub fn lower(model: &Model, links: &BTreeMap<String, String>) -> (Crate, Vec<Diagnostic>) {
    let mut l = Lower {
        model,
        links,
        requests: Vec::new(),
        modules: Vec::new(),
        enums: BTreeMap::new(),
        resources: BTreeMap::new(),
        diags: Vec::new(),
    };
    let mut module_names =
        Scope::with_reserved(&["events", "endpoints", "support", "prelude", "webhook", "crate", "self", "super"]);

    // Every resource's type is known before any property refers to it.
    let mut owners = Vec::new();
    for r in model.resources.values() {
        let module = l.modules.len();
        let base = plural_snake(&snake(&r.name));
        let base = if is_keyword(&base) { format!("{base}_") } else { base };
        let name = module_names.claim_for(&base, &format!("resource `{}`", r.name), r.sources.first());
        l.modules.push(Module {
            doc: format!("The `{}` object, and the types of its properties.", r.name),
            name,
            items: Vec::new(),
        });
        let short = pascal(&r.name);
        let id = l.request(vec![short.clone()], 0, module, format!("resource `{}`", r.name), r.sources.first());
        l.resources.insert(r.name.clone(), id);
        owners.push((id, Owner { full: short.clone(), short, module }));
    }
    for (r, (id, owner)) in model.resources.values().zip(owners) {
        let mut doc = r.description.clone().unwrap_or_default();
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&format!("The `{}` object. {}", r.name, sources_doc(&r.sources, links)));
        let props: Vec<&Property> = r.properties.iter().collect();
        let item = l.object(id, &owner, doc, &props, None, &r.name);
        l.modules[owner.module].items.push(item);
    }
    l.events();
    let events = l.modules.len() - 1;
    l.endpoints();

    let (types, collisions) = l.resolve();
    l.diags.extend(collisions);
    let mut root_exports: Vec<TypeId> = l.resources.values().copied().collect();
    root_exports.sort_by_key(|id| types[id.0].name.clone());
    root_exports.extend(
        l.modules[events]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Union(u) => Some([u.id, u.payload]),
                _ => None,
            })
            .flatten(),
    );
    if let Some(Item::Enum(e)) = l.modules[events].items.first() {
        root_exports.push(e.id);
    }
    (Crate { modules: l.modules, types, root_exports, resources: l.resources }, l.diags)
}

impl Lower<'_> {
    fn request(
        &mut self,
        candidates: Vec<String>,
        rank: u8,
        module: usize,
        what: String,
        source: Option<&Source>,
    ) -> TypeId {
        let id = TypeId(self.requests.len());
        self.requests.push(Request { candidates, rank, module, what, source: source.cloned() });
        id
    }

    /// Every type's name: resources first, then the events', then the rest
    /// by their full path, each taking its first free candidate (a number
    /// and a warning when none is free).
    fn resolve(&self) -> (Vec<TypeName>, Vec<Diagnostic>) {
        let mut order: Vec<usize> = (0..self.requests.len()).collect();
        order.sort_by(|&a, &b| {
            let (ra, rb) = (&self.requests[a], &self.requests[b]);
            (ra.rank, ra.candidates.last(), a).cmp(&(rb.rank, rb.candidates.last(), b))
        });
        let mut scope = Scope::with_reserved(RESERVED);
        let mut names = vec![String::new(); self.requests.len()];
        for i in order {
            let r = &self.requests[i];
            names[i] = r
                .candidates
                .iter()
                .find_map(|c| scope.try_claim(c, &r.what, r.source.as_ref()))
                .unwrap_or_else(|| scope.claim_for(&r.candidates[0], &r.what, r.source.as_ref()));
        }
        let types = self.requests.iter().zip(names).map(|(r, name)| TypeName { module: r.module, name }).collect();
        (types, scope.collisions)
    }

    /// The names a type nested in `owner` for `prop` may take: without
    /// stutter (in the singular for a list's item), then the full path.
    fn nested_owner(&self, owner: &Owner, prop_name: &str, item: bool) -> Owner {
        let own = pascal(prop_name);
        let own_short = if item {
            let w = words(&own);
            let (last, head) = w.split_last().expect("pascal names have a word");
            format!("{}{}", head.concat(), singular(last))
        } else {
            own.clone()
        };
        Owner { short: nested(&owner.short, &own_short), full: format!("{}{own}", owner.full), module: owner.module }
    }

    fn nested_request(&mut self, names: &Owner, what: String, source: Option<&Source>) -> TypeId {
        self.request(names.candidates(), 2, names.module, what, source)
    }

    /// A struct for an object's properties (without the tag's, for one
    /// shape of a union).
    fn object(
        &mut self,
        id: TypeId,
        owner: &Owner,
        doc: String,
        props: &[&Property],
        tag: Option<(String, String)>,
        docs_name: &str,
    ) -> Item {
        let tag_field = tag.as_ref().map(|(f, _)| f.as_str());
        let props: Vec<&Property> = props.iter().copied().filter(|p| Some(p.name.as_str()) != tag_field).collect();
        let mut scope = Scope::default();
        let fields = self.fields(&mut scope, owner, &props);
        let extra = scope.claim("extra");
        self.diags.append(&mut scope.collisions);
        let default = fields.iter().all(|f| f.kind != Kind::Required && f.kind != Kind::Nullable);
        Item::Struct(Struct {
            id,
            doc,
            expecting: format!("a `{docs_name}` object"),
            fields,
            extra,
            tag,
            default,
            endpoint: None,
        })
    }

    fn fields(&mut self, scope: &mut Scope, owner: &Owner, props: &[&Property]) -> Vec<FieldDef> {
        props
            .iter()
            .map(|p| {
                let name = scope.claim_for(&snake(&p.name), &format!("property `{}`", p.name), p.sources.first());
                let ty = self.ty(&p.ty, owner, p, false);
                let kind = match (p.presence.required, p.presence.nullable) {
                    (true, false) => Kind::Required,
                    (true, true) => Kind::Nullable,
                    (false, false) => Kind::Optional,
                    (false, true) => Kind::Field,
                };
                let doc = field_doc(p)
                    .filter(|d| !d.trim().is_empty())
                    .unwrap_or_else(|| format!("`{}`: the docs do not describe it.", p.name));
                FieldDef { name, json: p.name.clone(), ty, kind, doc, deprecated: p.deprecated.clone() }
            })
            .collect()
    }

    /// The Rust type of a property's type, adding the items it needs.
    fn ty(&mut self, ty: &Type, owner: &Owner, prop: &Property, item: bool) -> Ty {
        match ty {
            Type::Uuid => Ty::Uuid,
            Type::Datetime => Ty::Timestamp,
            Type::String | Type::Const { .. } => Ty::String,
            Type::Boolean => Ty::Bool,
            Type::Number => Ty::Number,
            Type::Record => Ty::Map,
            Type::Any => Ty::Value,
            Type::Disputed { documented } => Ty::Loose(Box::new(self.ty(documented, owner, prop, item))),
            Type::Ref { name } => self.resources.get(name).map_or(Ty::Map, |id| Ty::Named(*id)),
            Type::Object { properties } if properties.is_empty() => Ty::Map,
            Type::Object { properties } => {
                let names = self.nested_owner(owner, &prop.name, item);
                let id =
                    self.nested_request(&names, format!("the type of property `{}`", prop.name), prop.sources.first());
                let doc = prop.description.clone().unwrap_or_else(|| format!("The `{}` property's object.", prop.name));
                let doc = format!("{doc}\n\n{}", sources_doc(&prop.sources, self.links));
                let props: Vec<&Property> = properties.iter().collect();
                let s = self.object(id, &names, doc, &props, None, &prop.name);
                self.modules[names.module].items.push(s);
                Ty::Named(id)
            }
            Type::Enum { values } => {
                let values: Vec<&EnumValue> = values.iter().filter(|v| !v.unsplit).collect();
                let mut key: Vec<String> = values.iter().map(|v| v.value.clone()).collect();
                key.sort_unstable();
                if let Some(id) = self.enums.get(&key) {
                    return Ty::Named(*id);
                }
                let names = self.nested_owner(owner, &prop.name, item);
                let id =
                    self.nested_request(&names, format!("the type of property `{}`", prop.name), prop.sources.first());
                self.enums.insert(key, id);
                let mut doc = format!("Values of `{}`", prop.name);
                match &prop.description {
                    Some(d) => doc.push_str(&format!(": {d}")),
                    None => doc.push('.'),
                }
                doc.push_str("\n\n");
                doc.push_str(&sources_doc(&prop.sources, self.links));
                let e = str_enum(id, doc, &values, &mut self.diags);
                self.modules[names.module].items.push(e);
                Ty::Named(id)
            }
            Type::List { item } => Ty::List(Box::new(self.ty(item, owner, prop, true))),
            Type::Variants { discriminator, variants } => {
                let names = self.nested_owner(owner, &prop.name, item);
                let id =
                    self.nested_request(&names, format!("the type of property `{}`", prop.name), prop.sources.first());
                let mut doc = prop.description.clone().unwrap_or_default();
                if !doc.is_empty() {
                    doc.push_str("\n\n");
                }
                doc.push_str(&format!("Tagged by `{discriminator}`. {}", sources_doc(&prop.sources, self.links)));
                let shapes: Vec<Shape> = variants.iter().map(Shape::variant).collect();
                let common = common_properties(&shapes, discriminator);
                let u = self.union(UnionSpec {
                    id,
                    owner: names,
                    doc,
                    tag: discriminator,
                    tag_enum: None,
                    common: &common,
                    shapes: &shapes,
                    payload_field: "kind",
                    payload_suffix: "Kind",
                    struct_suffix: "",
                    rank: 2,
                });
                self.modules[u.0].items.push(u.1);
                Ty::Named(id)
            }
        }
    }

    /// A union and the structs of its shapes; the module it goes in.
    fn union(&mut self, spec: UnionSpec) -> (usize, Item) {
        let UnionSpec {
            id,
            owner,
            doc,
            tag,
            tag_enum,
            common,
            shapes,
            payload_field,
            payload_suffix,
            struct_suffix,
            rank,
        } = spec;
        let module = owner.module;
        let payload = self.request(
            vec![format!("{}{payload_suffix}", owner.short), format!("{}{payload_suffix}", owner.full)],
            rank,
            module,
            format!("the payload of `{}`", owner.short),
            None,
        );
        let mut scope = Scope::default();
        let common_refs: Vec<&Property> = common.iter().collect();
        let common_fields = self.fields(&mut scope, &owner, &common_refs);
        let payload_name = scope.claim(payload_field);
        self.diags.append(&mut scope.collisions);

        let mut variant_names = Scope::with_reserved(&["Unknown"]);
        let mut variants = Vec::new();
        for shape in shapes {
            let base = pascal(shape.value);
            let base = if base == "Unknown" { "UnknownValue".to_owned() } else { base };
            let name = variant_names.claim_for(&base, &format!("value `{}`", shape.value), shape.sources.first());
            let own = format!("{base}{struct_suffix}");
            let names = Owner {
                short: if rank == 1 { own.clone() } else { nested(&owner.short, &own) },
                full: format!("{}{own}", owner.full),
                module,
            };
            let ty = self.request(
                names.candidates(),
                rank,
                module,
                format!("the shape `{}`", shape.value),
                shape.sources.first(),
            );
            let props: Vec<&Property> =
                shape.properties.iter().filter(|p| !common.iter().any(|c| c.name == p.name)).collect();
            let doc = shape.doc(self.links);
            let s = self.object(
                ty,
                &names,
                doc.clone(),
                &props,
                Some((tag.to_owned(), shape.value.to_owned())),
                shape.value,
            );
            self.modules[module].items.push(s);
            variants.push(UnionVariant { name, value: shape.value.to_owned(), ty, doc: shape.summary() });
        }
        self.diags.append(&mut variant_names.collisions);
        let tag_method = snake(tag);
        let union = Union {
            id,
            doc,
            expecting: if tag_enum.is_some() {
                format!("an event object with an `{tag}`")
            } else {
                format!("an object tagged by `{tag}`")
            },
            tag: tag.to_owned(),
            tag_enum,
            tag_method,
            common: common_fields,
            payload_field: payload_name,
            payload,
            payload_doc: format!("What `{tag}` says the object is, with the properties of that shape."),
            variants,
        };
        (module, Item::Union(union))
    }

    /// The `endpoints` module: for every endpoint with a path, its request
    /// type (`/devices/get` → `DevicesGetRequest`: the parameters, plain
    /// when the spec requires them, else `Option`s left out when `None`)
    /// tied to its response type (`DevicesGetResponse`, read like any
    /// resource) by `impl Endpoint`. Seam's SDKs call every endpoint with
    /// POST: the other methods a spec lists for a path are aliases.
    fn endpoints(&mut self) {
        let model = self.model;
        let endpoints: Vec<_> = model.endpoints.values().filter(|e| e.path.starts_with('/')).collect();
        if endpoints.is_empty() {
            return;
        }
        let module = self.modules.len();
        self.modules.push(Module {
            name: "endpoints".to_owned(),
            doc: "The API's endpoints: for each, its request (`DevicesGetRequest`), its response (`DevicesGetResponse`) and the `Endpoint` impl that ties them to the path.".to_owned(),
            items: Vec::new(),
        });
        for e in endpoints {
            let base: String = e.path.split('/').filter(|s| !s.is_empty()).map(pascal).collect();
            let what = |part: &str| format!("the {part} of endpoint `{}`", e.path);
            let request = self.request(vec![format!("{base}Request")], 1, module, what("request"), e.sources.first());
            let response =
                self.request(vec![format!("{base}Response")], 1, module, what("response"), e.sources.first());
            let mut doc = e.description.clone().or_else(|| e.title.clone()).unwrap_or_default();
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            let sources = sources_doc(&e.sources, self.links);
            // A request's parameters: what the spec requires is required.
            let params: Vec<Property> = e
                .request
                .iter()
                .flatten()
                .map(|p| {
                    let mut p = p.clone();
                    p.presence = match p.declared {
                        Some(d) if d.required => Presence { required: true, nullable: d.nullable },
                        _ => Presence { required: false, nullable: false },
                    };
                    p
                })
                .collect();
            let params: Vec<&Property> = params.iter().collect();
            let owner = Owner { short: format!("{base}Request"), full: format!("{base}Request"), module };
            let req_doc = format!("{doc}The request of `POST {}`. {sources}", e.path);
            let mut request_item = self.object(request, &owner, req_doc, &params, None, &format!("{} request", e.path));
            // A response holds resources: a property named after one (an
            // `action_attempt`, a list of `devices`) that the spec spells
            // out inline is read as that resource's type.
            let resource_props: Vec<Property> =
                e.response.iter().flat_map(|r| &r.properties).map(|p| self.as_resource(p)).collect();
            let props: Vec<&Property> = resource_props.iter().collect();
            let owner = Owner { short: format!("{base}Response"), full: format!("{base}Response"), module };
            let resp_doc = format!("The response of `POST {}`. {sources}", e.path);
            let response_item = self.object(response, &owner, resp_doc, &props, None, &format!("{} response", e.path));
            if let Item::Struct(s) = &mut request_item {
                s.endpoint = Some(EndpointDef {
                    path: e.path.clone(),
                    response,
                    // `GET` is safe (RFC 9110): the call only reads.
                    safe: e.methods.iter().any(|m| m.eq_ignore_ascii_case("GET")),
                    pages: pages(&s.fields, &response_item, e.response.as_ref().and_then(|r| r.key.as_deref())),
                });
            }
            self.modules[module].items.push(request_item);
            self.modules[module].items.push(response_item);
        }
    }

    /// `p`, typed as the resource it is named after when the spec spells
    /// that resource out inline (`action_attempt`; `devices`, a list).
    fn as_resource(&self, p: &Property) -> Property {
        let inline = |t: &Type| matches!(t, Type::Object { .. } | Type::Variants { .. });
        let mut p = p.clone();
        match &mut p.ty {
            t if inline(t) && self.resources.contains_key(&p.name) => *t = Type::Ref { name: p.name.clone() },
            Type::List { item } if inline(item) => {
                let name = pascal(&p.name);
                let w = words(&name);
                let one = w.split_last().map(|(last, head)| format!("{}{}", head.concat(), singular(last)));
                let one = snake(&one.unwrap_or_default());
                if self.resources.contains_key(&one) {
                    **item = Type::Ref { name: one };
                }
            }
            _ => {}
        }
        p
    }

    /// The events module: `EventType`, `Event` (the envelope) and one
    /// payload struct per event type.
    fn events(&mut self) {
        let model = self.model;
        let module = self.modules.len();
        self.modules.push(Module {
            name: "events".to_owned(),
            doc: "Webhook events: `Event` (what every event has, and its payload), `EventType`, and one payload struct per event type.".to_owned(),
            items: Vec::new(),
        });
        let event_tag = model.event_tag();
        let tag_prop = model.event_object.as_ref().and_then(|o| o.properties.iter().find(|p| p.name == event_tag));
        let event_type_doc =
            tag_prop.and_then(|p| p.description.clone()).unwrap_or_else(|| "The type of an event.".to_owned());
        let mut values = model.event_types.clone();
        for v in &mut values {
            if v.description.is_none() {
                v.description = model.events.get(&v.value).and_then(|ev| ev.description.clone());
            }
        }
        let tag_enum = self.request(vec!["EventType".to_owned()], 1, module, "the event type enum".to_owned(), None);
        let values: Vec<&EnumValue> = values.iter().filter(|v| !v.unsplit).collect();
        let e = str_enum(tag_enum, event_type_doc, &values, &mut self.diags);
        self.modules[module].items.push(e);

        let shapes: Vec<Shape> = model
            .event_types
            .iter()
            .map(|v| {
                let documented = model.events.get(&v.value);
                Shape {
                    value: &v.value,
                    description: documented.and_then(|e| e.description.as_deref()),
                    properties: documented.map_or(&[][..], |e| &e.properties),
                    sources: &v.sources,
                    undocumented: documented.is_none(),
                }
            })
            .collect();
        let common: Vec<Property> = match &model.event_object {
            Some(o) => o.properties.iter().filter(|p| p.name != event_tag).cloned().collect(),
            None => common_properties(&shapes, event_tag),
        };
        // A payload that documents an envelope property with another type
        // is read by the envelope's type: say so.
        for shape in &shapes {
            for p in shape.properties {
                if let Some(c) = common.iter().find(|c| c.name == p.name)
                    && c.ty != p.ty
                    && !matches!(c.ty, Type::Any)
                {
                    let at = p.sources.first().cloned().unwrap_or_else(|| Source::line("<unknown>", 0));
                    self.diags.push(
                        Diagnostic::warning(
                            at,
                            format!(
                                "event `{}` documents `{}` as {}, every event's `{}` is {}: it is read as the latter",
                                shape.value,
                                p.name,
                                p.ty.docs_label(),
                                c.name,
                                c.ty.docs_label()
                            ),
                        )
                        .with_code("envelope-type"),
                    );
                }
            }
        }
        let event = self.request(vec!["Event".to_owned()], 1, module, "the event type".to_owned(), None);
        let u = self.union(UnionSpec {
            id: event,
            owner: Owner { short: "Event".to_owned(), full: "Event".to_owned(), module },
            doc: format!(
                "A webhook event: what every event has (its envelope), and its payload, by `{event_tag}`.\n\n\
                 A known `{event_tag}` whose payload does not fit its documented shape is an error; \
                 an `{event_tag}` the docs do not list reads as `EventPayload::Unknown`, whole."
            ),
            tag: event_tag,
            tag_enum: Some(tag_enum),
            common: &common,
            shapes: &shapes,
            payload_field: "payload",
            payload_suffix: "Payload",
            struct_suffix: "Event",
            rank: 1,
        });
        // The union first, after `EventType`: the payload structs follow.
        self.modules[module].items.insert(1, u.1);
    }
}

struct UnionSpec<'a> {
    id: TypeId,
    owner: Owner,
    doc: String,
    tag: &'a str,
    tag_enum: Option<TypeId>,
    common: &'a [Property],
    shapes: &'a [Shape<'a>],
    payload_field: &'a str,
    payload_suffix: &'a str,
    struct_suffix: &'a str,
    rank: u8,
}

/// One shape of a union, from an event type or a variant.
struct Shape<'m> {
    value: &'m str,
    description: Option<&'m str>,
    properties: &'m [Property],
    sources: &'m [Source],
    /// An event type listed without its payload.
    undocumented: bool,
}

impl<'m> Shape<'m> {
    fn variant(v: &'m Variant) -> Shape<'m> {
        Shape {
            value: &v.value,
            description: v.description.as_deref(),
            properties: &v.properties,
            sources: &v.sources,
            undocumented: false,
        }
    }

    fn summary(&self) -> String {
        match &self.description {
            Some(d) => format!("`{}`: {}", self.value, d.split("\n\n").next().unwrap_or_default()),
            None => format!("`{}`.", self.value),
        }
    }

    fn doc(&self, links: &BTreeMap<String, String>) -> String {
        let mut doc = match &self.description {
            Some(d) => format!("`{}`: {d}", self.value),
            None => format!("`{}`.", self.value),
        };
        if self.undocumented {
            doc.push_str("\n\nThe docs list this value but not its properties: they are kept in `extra`.");
        }
        doc.push_str("\n\n");
        doc.push_str(&sources_doc(self.sources, links));
        doc
    }
}

/// The properties every shape has, with the same type (two shapes at
/// least): what the union reads itself. Presence is the loosest any shape
/// has.
fn common_properties(shapes: &[Shape], tag: &str) -> Vec<Property> {
    if shapes.len() < 2 || shapes.iter().any(|s| s.undocumented) {
        return Vec::new();
    }
    let first = &shapes[0];
    first
        .properties
        .iter()
        .filter(|p| p.name != tag)
        .filter(|p| shapes[1..].iter().all(|s| s.properties.iter().any(|q| q.name == p.name && q.ty == p.ty)))
        .map(|p| {
            let mut p = p.clone();
            for s in &shapes[1..] {
                if let Some(q) = s.properties.iter().find(|q| q.name == p.name)
                    && q.presence != p.presence
                {
                    p.presence = Presence {
                        required: p.presence.required && q.presence.required,
                        nullable: p.presence.nullable || q.presence.nullable,
                    };
                }
            }
            p
        })
        .collect()
}

/// A string enum item: one variant per value, named in its own scope.
fn str_enum(id: TypeId, doc: String, values: &[&EnumValue], diags: &mut Vec<Diagnostic>) -> Item {
    let mut scope = Scope::with_reserved(&["Unknown"]);
    let variants = values
        .iter()
        .map(|v| {
            let base = pascal(&v.value);
            let base = if base == "Unknown" { "UnknownValue".to_owned() } else { base };
            let name = scope.claim_for(&base, &format!("value `{}`", v.value), v.sources.first());
            let mut d = format!("`{}`", v.value);
            if let Some(desc) = &v.description {
                d.push_str(": ");
                d.push_str(desc);
            }
            EnumVariant { name, value: v.value.clone(), doc: d }
        })
        .collect();
    diags.append(&mut scope.collisions);
    Item::Enum(StrEnum { id, doc, variants })
}

/// How an endpoint's results come in pages, when they do: its request takes
/// a `page_cursor`, and its response has a `pagination` object beside the
/// list the response key (`x-response-key`) names.
fn pages(request: &[FieldDef], response: &Item, key: Option<&str>) -> Option<Pages> {
    let Item::Struct(response) = response else { return None };
    let key = key?;
    request.iter().find(|f| f.json == "page_cursor" && f.ty == Ty::String)?;
    response.fields.iter().find(|f| f.json == "pagination")?;
    let list = response.fields.iter().find(|f| f.json == key)?;
    match &list.ty {
        Ty::List(item) => Some(Pages { items: list.name.clone(), item: (**item).clone() }),
        Ty::Loose(list_ty) => match &**list_ty {
            Ty::List(item) => Some(Pages { items: list.name.clone(), item: (**item).clone() }),
            _ => None,
        },
        _ => None,
    }
}
