//! Docs against spec: the pages of one docs tree compared with the OpenAPI
//! document they were rendered from, before the two are merged.
//!
//! Neither source alone is the whole API: the pages show less structure
//! (an `Array` seldom says what it holds, an enum seldom lists its values),
//! the spec simplifies a few things. Showing less is not a disagreement;
//! these are, each a warning naming both places:
//!
//! - a resource, property (at any depth), event type or event payload
//!   property one source has and the other lacks (a property only where
//!   the page shows that object's properties at all);
//! - a type that differs at the detail both show (`Boolean` on the page,
//!   `string` in the spec; `String` against an enum is only less detail);
//! - enum values, where both list them;
//! - an example on a page that contradicts the schema: a property the spec
//!   does not have, a value of another type or outside the enum, `null`
//!   where the spec says non-null, a required non-null property left out.
//!
//! One disagreement has a documented repair: a property the page prints
//! among an object's own properties (under a property group heading) that
//! the spec places one level down, in exactly one of that object's object
//! properties (`device.properties`), is moved there, with a warning.
//!
//! This module knows only the model: it is the same for any page layout
//! and any spec format.

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::model::{Example, Model, Property, Source, Type};

/// The kinds of disagreement, as the codes of their diagnostics.
pub const KINDS: &[(&str, &str)] = &[
    ("drift-resource", "a resource one source has and the other lacks"),
    ("drift-property", "a property one source has and the other lacks"),
    ("drift-moved", "a property printed at the wrong level, moved where the spec has it"),
    ("drift-type", "a type that differs at the detail both show"),
    ("drift-enum-value", "an enum value one source lists and the other does not"),
    ("drift-event-type", "an event type one source has and the other lacks"),
    ("drift-example", "an example that contradicts the schema"),
];

fn warn(code: &'static str, at: Source, related: Option<Source>, msg: String) -> Diagnostic {
    let mut d = Diagnostic::warning(at, msg).with_code(code);
    if let Some(r) = related {
        d = d.with_related(r);
    }
    d
}

fn first(sources: &[Source]) -> Source {
    sources.first().cloned().unwrap_or_else(|| Source::line("", 0))
}

/// Compares `pages` (one tree's pages, merged) with `spec` (its OpenAPI
/// document), repairing what a documented rule repairs in `pages`.
pub fn compare(spec: &Model, pages: &mut Model, disputes: &mut Vec<Dispute>, diags: &mut Vec<Diagnostic>) {
    for (name, pr) in pages.resources.iter_mut() {
        let Some(sr) = spec.resources.get(name) else {
            diags.push(warn(
                "drift-resource",
                first(&pr.sources),
                None,
                format!("the pages document the `{name}` object; the spec has no such schema"),
            ));
            continue;
        };
        relocate(name, &sr.properties, &mut pr.properties, diags);
        compare_props(name, &sr.properties, &pr.properties, &first(&sr.sources), &first(&pr.sources), diags);
        for ex in &pr.examples {
            let ty = Type::Object { properties: sr.properties.clone() };
            check_example(ex, &ty, spec, true, None, &mut Vec::new(), diags);
        }
    }
    // The calls the spec's own samples show, against its own schemas.
    check_calls(spec, disputes, diags);
    event_types(spec, pages, diags);
    for (t, pe) in &pages.events {
        let Some(se) = spec.events.get(t) else { continue };
        compare_props(t, &se.properties, &pe.properties, &first(&se.sources), &first(&pe.sources), diags);
        for ex in &pe.examples {
            let ty = Type::Object { properties: se.properties.clone() };
            check_example(ex, &ty, spec, true, None, &mut Vec::new(), diags);
        }
    }
}

/// The calls a source's examples show (a spec's cURL samples, an endpoint
/// page's cURL examples) against the same source's request and response:
/// what contradicts them is a `drift-example` warning at the example.
pub fn check_calls(model: &Model, disputes: &mut Vec<Dispute>, diags: &mut Vec<Diagnostic>) {
    let start = diags.len();
    for (path, e) in &model.endpoints {
        for ex in &e.examples {
            let parts = [
                (&ex.request, e.request.as_ref(), Owner::Request(path.clone())),
                (&ex.response, e.response.as_ref().map(|r| &r.properties), Owner::Response(path.clone())),
            ];
            for (json, props, owner) in parts {
                if let (Some(json), Some(props)) = (json, props) {
                    let (what, source) = match owner {
                        Owner::Response(_) => ("response", ex.response_source.as_ref().unwrap_or(&ex.source)),
                        _ => ("request", &ex.source),
                    };
                    let example =
                        Example { title: Some(format!("{path} {what}")), json: json.clone(), source: source.clone() };
                    // Responses abbreviate: only what they show is checked.
                    // A request body is what is sent: a required parameter
                    // it leaves out is a contradiction too.
                    let whole = what == "request";
                    let ty = Type::Object { properties: props.clone() };
                    check_example(&example, &ty, model, whole, Some(owner), disputes, diags);
                }
            }
        }
    }
    // Pages without a spec: the examples contradict their own page.
    if !model.pages.iter().any(|p| p.layout == crate::model::Layout::OpenApi) {
        for d in &mut diags[start..] {
            d.message = d.message.replace("the spec", "its page");
        }
    }
}

/// The event types each source has: the events it documents, and the
/// values of the `event` object's `event_type`.
fn types_of(m: &Model) -> Vec<(String, Source)> {
    let mut out: Vec<(String, Source)> = m.events.iter().map(|(t, e)| (t.clone(), first(&e.sources))).collect();
    if let Some(Type::Enum { values }) =
        m.resources.get("event").and_then(|r| r.properties.iter().find(|p| p.name == "event_type")).map(|p| &p.ty)
    {
        for v in values {
            if !out.iter().any(|(t, _)| *t == v.value) {
                out.push((v.value.clone(), first(&v.sources)));
            }
        }
    }
    out.extend(
        m.event_types
            .iter()
            .filter(|v| !out.iter().any(|(t, _)| *t == v.value))
            .map(|v| (v.value.clone(), first(&v.sources)))
            .collect::<Vec<_>>(),
    );
    out
}

fn event_types(spec: &Model, pages: &Model, diags: &mut Vec<Diagnostic>) {
    let (s, p) = (types_of(spec), types_of(pages));
    if p.is_empty() || s.is_empty() {
        return;
    }
    // The pages list every event type only where the `event` object's
    // `event_type` lists values; otherwise they show some events, and a
    // spec-only type is showing less.
    let listed = pages
        .resources
        .get("event")
        .and_then(|r| r.properties.iter().find(|q| q.name == "event_type"))
        .is_some_and(|q| matches!(&q.ty, Type::Enum { values } if !values.is_empty()));
    for (t, at) in &p {
        if !s.iter().any(|(x, _)| x == t) {
            diags.push(warn(
                "drift-event-type",
                at.clone(),
                None,
                format!("the pages have event type `{t}`; the spec's events do not"),
            ));
        }
    }
    if listed {
        for (t, at) in &s {
            if !p.iter().any(|(x, _)| x == t) {
                diags.push(warn(
                    "drift-event-type",
                    at.clone(),
                    None,
                    format!("the spec has event type `{t}`; the pages do not list it"),
                ));
            }
        }
    }
}

/// The properties of an object, or of a list's objects.
fn children(t: &Type) -> Option<&Vec<Property>> {
    match t {
        Type::Object { properties } => Some(properties),
        Type::List { item } => children(item),
        _ => None,
    }
}

fn children_mut(t: &mut Type) -> Option<&mut Vec<Property>> {
    match t {
        Type::Object { properties } => Some(properties),
        Type::List { item } => {
            if matches!(**item, Type::Any) {
                **item = Type::Object { properties: Vec::new() };
            }
            children_mut(item)
        }
        _ => None,
    }
}

/// The documented repair, at any depth: a property the page prints among an
/// object's own that the spec has in exactly one of that object's object
/// properties (or in the items of one of its lists of objects) moves there.
fn relocate(owner: &str, spec: &[Property], page: &mut Vec<Property>, diags: &mut Vec<Diagnostic>) {
    for p in page.iter_mut() {
        if let Some(s) = spec.iter().find(|s| s.name == p.name)
            && let Some(sc) = children(&s.ty)
            && children(&p.ty).is_some_and(|c| !c.is_empty())
            && let Some(pc) = children_mut(&mut p.ty)
        {
            relocate(&format!("{owner}.{}", p.name), sc, pc, diags);
        }
    }
    let mut i = 0;
    // Where the last property moved: the docs print a group together, so
    // when two homes fit, the one its neighbour went to is meant.
    let mut last_home: Option<String> = None;
    while i < page.len() {
        let name = page[i].name.clone();
        if spec.iter().any(|s| s.name == name) {
            i += 1;
            continue;
        }
        let homes: Vec<&Property> =
            spec.iter().filter(|s| children(&s.ty).is_some_and(|c| c.iter().any(|c| c.name == name))).collect();
        let home = match homes.as_slice() {
            [home] => *home,
            [_, _, ..] if let Some(h) = homes.iter().find(|h| Some(&h.name) == last_home.as_ref()) => *h,
            _ => {
                i += 1;
                continue;
            }
        };
        last_home = Some(home.name.clone());
        let moved = page.remove(i);
        let at = first(&moved.sources);
        let parent = match page.iter().position(|p| p.name == home.name) {
            Some(k) => k,
            None => {
                let ty = match &home.ty {
                    Type::List { .. } => Type::List { item: Box::new(Type::Object { properties: Vec::new() }) },
                    _ => Type::Object { properties: Vec::new() },
                };
                let mut p = Property::new(home.name.clone(), ty, at.clone());
                p.description = home.description.clone();
                page.push(p);
                page.len() - 1
            }
        };
        let list = matches!(home.ty, Type::List { .. });
        let sibling = format!("`{owner}.{}`", home.name);
        let place = if list { format!("the items of {sibling}") } else { sibling.clone() };
        match children_mut(&mut page[parent].ty) {
            Some(props) if props.iter().any(|c| c.name == name) => diags.push(warn(
                "drift-moved",
                at,
                Some(first(&home.sources)),
                format!("`{owner}.{name}` is printed as a sibling of {sibling}, and again in {place}, where the spec has it: read there only"),
            )),
            Some(props) => {
                diags.push(warn(
                    "drift-moved",
                    at,
                    Some(first(&home.sources)),
                    format!("`{owner}.{name}` is printed as a sibling of {sibling}; the spec has it in {place}: read there"),
                ));
                props.push(moved);
            }
            None => {
                page.insert(i, moved);
                i += 1;
            }
        }
    }
}

fn compare_props(
    owner: &str,
    spec: &[Property],
    page: &[Property],
    spec_at: &Source,
    page_at: &Source,
    diags: &mut Vec<Diagnostic>,
) {
    for p in page {
        let here = format!("{owner}.{}", p.name);
        match spec.iter().find(|s| s.name == p.name) {
            None => diags.push(warn(
                "drift-property",
                first(&p.sources),
                Some(spec_at.clone()),
                format!("the page shows `{here}`; the spec has no such property"),
            )),
            Some(s) => compare_types(&here, &s.ty, &p.ty, &first(&s.sources), &first(&p.sources), diags),
        }
    }
    if page.is_empty() {
        return;
    }
    for s in spec {
        if !page.iter().any(|p| p.name == s.name) {
            diags.push(warn(
                "drift-property",
                first(&s.sources),
                Some(page_at.clone()),
                format!("the spec has `{owner}.{}`; the page does not show it", s.name),
            ));
        }
    }
}

/// Less detail on the page is no disagreement; anything else is.
fn compare_types(here: &str, s: &Type, p: &Type, s_at: &Source, p_at: &Source, diags: &mut Vec<Diagnostic>) {
    match (s, p) {
        (_, Type::Any) | (Type::Any, _) => {}
        (Type::Enum { values: sv }, Type::Enum { values: pv }) if !pv.is_empty() && !sv.is_empty() => {
            for v in pv {
                if !sv.iter().any(|x| x.value == v.value) {
                    diags.push(warn(
                        "drift-enum-value",
                        first(&v.sources),
                        Some(s_at.clone()),
                        format!("the page lists `{}` among the values of `{here}`; the spec does not", v.value),
                    ));
                }
            }
            for v in sv {
                if !pv.iter().any(|x| x.value == v.value) {
                    diags.push(warn(
                        "drift-enum-value",
                        first(&v.sources),
                        Some(p_at.clone()),
                        format!("the spec lists `{}` among the values of `{here}`; the page does not", v.value),
                    ));
                }
            }
        }
        (Type::Object { properties: sp }, Type::Object { properties: pp }) if !pp.is_empty() => {
            compare_props(here, sp, pp, s_at, p_at, diags)
        }
        (Type::List { item: si }, Type::List { item: pi }) => compare_types(here, si, pi, s_at, p_at, diags),
        (Type::Variants { variants: sv, .. }, Type::Variants { variants: pv, .. }) => {
            for v in pv {
                if let Some(x) = sv.iter().find(|x| x.value == v.value) {
                    let at = format!("{here}[{}]", v.value);
                    if !v.properties.is_empty() {
                        compare_props(&at, &x.properties, &v.properties, s_at, p_at, diags);
                    }
                }
            }
        }
        // The spec describes the shapes the page tells apart loosely,
        // without the field that tells them apart.
        (Type::Object { properties }, Type::Variants { discriminator, .. })
            if !properties.is_empty() && !properties.iter().any(|x| x.name == *discriminator) =>
        {
            let has: Vec<&str> = properties.iter().map(|x| x.name.as_str()).collect();
            diags.push(warn(
                "drift-type",
                p_at.clone(),
                Some(s_at.clone()),
                format!(
                    "the page tells the shapes of `{here}` apart by `{discriminator}`; the spec's have no such field \
                     (only {})",
                    has.join(", ")
                ),
            ));
        }
        (s, p) if less_or_same(p, s) => {}
        (s, p) => diags.push(warn(
            "drift-type",
            p_at.clone(),
            Some(s_at.clone()),
            format!("`{here}` is a {} on the page, a {} in the spec", label(p), label(s)),
        )),
    }
}

/// Does `page` say the same as `spec`, or less?
fn less_or_same(page: &Type, spec: &Type) -> bool {
    use Type::*;
    match (page, spec) {
        (String, Uuid | Datetime | Enum { .. } | Const { .. } | String) => true,
        (Enum { .. }, Enum { .. } | Const { .. }) | (Const { .. }, Enum { .. }) => true,
        (Object { properties }, Object { .. } | Record | Variants { .. } | Ref { .. }) if properties.is_empty() => true,
        (Object { .. }, Ref { .. } | Variants { .. }) => true,
        (Record, Record | Object { .. }) => true,
        (Variants { .. }, Object { .. } | Variants { .. }) => true,
        (List { item: a }, List { item: b }) => less_or_same(a, b),
        (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

fn label(t: &Type) -> String {
    match t {
        Type::List { item } => format!("List of {}", label(item)),
        t => t.docs_label().to_owned(),
    }
}

/// An example against the schema: each contradiction is a warning at the
/// example, naming the JSON path; a required property it leaves out is one
/// when `whole` (the example claims to show the whole object). With `at`,
/// where the schema is in the model, a contradiction that would keep the
/// example from reading also becomes a [`Dispute`] there.
fn check_example(
    ex: &Example,
    ty: &Type,
    spec: &Model,
    whole: bool,
    at: Option<Owner>,
    disputes: &mut Vec<Dispute>,
    diags: &mut Vec<Diagnostic>,
) {
    let Ok(value) = serde_json::from_str::<Value>(&ex.json) else {
        diags.push(warn(
            "drift-example",
            ex.source.clone(),
            None,
            "the example is not valid JSON; it is not checked against the spec".to_owned(),
        ));
        return;
    };
    // An example of the event envelope is an event of one type: checked
    // against that type's schema.
    let event = match (ty, value.get("event_type").and_then(Value::as_str)) {
        (Type::Object { properties }, Some(t)) if properties.iter().any(|p| p.name == "event_type") => {
            spec.events.get(t).map(|e| Type::Object { properties: e.properties.clone() })
        }
        _ => None,
    };
    let mut issues = Vec::new();
    let mut walk = Walk { spec, issues: &mut issues, owner: at.clone(), steps: Vec::new() };
    walk.validate(&value, event.as_ref().unwrap_or(ty), "", 0);
    let title = ex.title.as_deref().map(|t| format!(" `{t}`")).unwrap_or_default();
    for issue in issues.into_iter().filter(|i| whole || !i.what.starts_with("is left out")) {
        // The line of the key, when the example names it.
        let key = issue.path.rsplit(['.', ']']).next().unwrap_or_default();
        let mut source = ex.source.clone();
        // (A sample inside a structured document is located by its pointer.)
        if source.pointer.is_none()
            && let Some(i) = ex.json.find(&format!("\"{key}\""))
        {
            source.line += 1 + ex.json[..i].matches('\n').count() as u32;
        }
        let mut message = format!("example{title}: `{}` {}", issue.path, issue.what);
        // An event's own schema is not in the model where `ty` is.
        if let (Some((owner, steps, widen)), None) = (issue.widen, &event) {
            message.push_str(match widen {
                Widen::Type => "; kept as written where it is not of the documented type, so that it still reads",
                Widen::Null => "; read as nullable, so that it still reads",
                Widen::Absent => "; read as optional, so that it still reads",
            });
            disputes.push(Dispute { owner, steps, widen, source: source.clone() });
        }
        diags.push(warn("drift-example", source, None, message));
    }
}

/// Whose schema a [`Dispute`] is in.
#[derive(Debug, Clone, PartialEq)]
pub enum Owner {
    /// An endpoint's request, by path.
    Request(String),
    /// An endpoint's response, by path.
    Response(String),
    Resource(String),
}

/// One step down a schema from its [`Owner`].
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Property(String),
    /// A list's items.
    Item,
    /// The shape of a [`Type::Variants`] with that discriminator value.
    Variant(String),
}

/// How a disputed place is widened so that the examples read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Widen {
    /// The type: [`Type::Disputed`].
    Type,
    /// The property may be null.
    Null,
    /// The property may be left out.
    Absent,
}

/// A place where the docs' own calls contradict their schema in a way that
/// would keep them from reading: widened by [`widen`] once the model is
/// whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispute {
    pub owner: Owner,
    pub steps: Vec<Step>,
    pub widen: Widen,
    /// The example's line.
    pub source: Source,
}

struct Issue {
    /// The JSON path in the example.
    path: String,
    what: String,
    /// Where in the schema, when the example would not read.
    widen: Option<(Owner, Vec<Step>, Widen)>,
}

/// One example's walk down its schema.
struct Walk<'a> {
    spec: &'a Model,
    issues: &'a mut Vec<Issue>,
    /// Where the schema being walked is in the model (`None`: nowhere to
    /// widen), and `steps` the way down from there.
    owner: Option<Owner>,
    steps: Vec<Step>,
}

impl Walk<'_> {
    fn issue(&mut self, path: &str, what: String, widen: Option<Widen>) {
        let path = if path.is_empty() { "$".to_owned() } else { path.to_owned() };
        let widen = widen.and_then(|w| Some((self.owner.clone()?, self.steps.clone(), w)));
        self.issues.push(Issue { path, what, widen });
    }

    fn validate(&mut self, v: &Value, ty: &Type, path: &str, depth: usize) {
        let kind = |v: &Value| match v {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        };
        if depth > 64 {
            return;
        }
        let spec = self.spec;
        match (ty, v) {
            (Type::Any, _) => {}
            (Type::Disputed { documented }, v) => {
                // Read either way; what is not the documented type is
                // still said.
                let start = self.issues.len();
                self.validate(v, documented, path, depth + 1);
                for i in &mut self.issues[start..] {
                    i.widen = None;
                }
            }
            (Type::Uuid, Value::String(s)) if !is_uuid(s) => {
                self.issue(path, format!("is `{s}`, not a UUID"), Some(Widen::Type))
            }
            (Type::Datetime, Value::String(s)) if !is_datetime(s) => {
                self.issue(path, format!("is `{s}`, not an ISO 8601 time"), Some(Widen::Type))
            }
            (Type::Uuid | Type::Datetime | Type::String, Value::String(_)) => {}
            (Type::Boolean, Value::Bool(_)) | (Type::Number, Value::Number(_)) => {}
            // Values the schema does not list read as unknown ones.
            (Type::Enum { values }, Value::String(s)) => {
                if !values.is_empty() && !values.iter().any(|x| x.value == *s) {
                    self.issue(path, format!("is `{s}`, which the spec does not list"), None);
                }
            }
            (Type::Const { value }, Value::String(s)) => {
                if s != value {
                    self.issue(path, format!("is `{s}`, the spec says `{value}`"), None);
                }
            }
            (Type::Object { properties }, Value::Object(map)) => self.object(map, properties, path, depth),
            (Type::Record, Value::Object(_)) => {}
            (Type::Ref { name }, Value::Object(map)) => {
                if let Some(r) = spec.resources.get(name) {
                    // A resource is widened where it is defined.
                    let owner = self.owner.as_ref().map(|_| Owner::Resource(name.clone()));
                    let outer = std::mem::replace(&mut self.owner, owner);
                    let steps = std::mem::take(&mut self.steps);
                    self.object(map, &r.properties, path, depth);
                    self.owner = outer;
                    self.steps = steps;
                }
            }
            (Type::List { item }, Value::Array(items)) => {
                self.steps.push(Step::Item);
                for (i, x) in items.iter().enumerate() {
                    self.validate(x, item, &format!("{path}[{i}]"), depth + 1);
                }
                self.steps.pop();
            }
            (Type::Variants { discriminator, variants }, Value::Object(map)) => {
                match map.get(discriminator).and_then(Value::as_str) {
                    Some(tag) => match variants.iter().find(|x| x.value == tag) {
                        Some(x) => {
                            self.steps.push(Step::Variant(tag.to_owned()));
                            self.object(map, &x.properties, path, depth);
                            self.steps.pop();
                        }
                        None => self.issue(
                            path,
                            format!("has `{discriminator}` `{tag}`, which the spec does not list"),
                            None,
                        ),
                    },
                    None => self.issue(path, format!("has no `{discriminator}`, which tells its shapes apart"), None),
                }
            }
            (t, v) => self.issue(path, format!("is {}, the spec says {}", kind(v), label(t)), Some(Widen::Type)),
        }
    }

    fn object(&mut self, map: &serde_json::Map<String, Value>, props: &[Property], path: &str, depth: usize) {
        let dot = |k: &str| if path.is_empty() { k.to_owned() } else { format!("{path}.{k}") };
        if props.is_empty() {
            return;
        }
        for (k, v) in map {
            match props.iter().find(|p| p.name == *k) {
                // Kept among the object's other properties.
                None => self.issue(&dot(k), "is not a property the spec documents".to_owned(), None),
                Some(p) => {
                    self.steps.push(Step::Property(p.name.clone()));
                    if v.is_null() {
                        if p.declared.is_some_and(|d| !d.nullable) {
                            self.issue(&dot(k), "is null; the spec says it never is".to_owned(), Some(Widen::Null));
                        }
                    } else {
                        self.validate(v, &p.ty, &dot(k), depth + 1);
                    }
                    self.steps.pop();
                }
            }
        }
        for p in props {
            if p.declared.is_some_and(|d| d.required && !d.nullable) && !map.contains_key(&p.name) {
                self.steps.push(Step::Property(p.name.clone()));
                let what = "is left out; the spec says it is always there".to_owned();
                self.issue(&dot(&p.name), what, Some(Widen::Absent));
                self.steps.pop();
            }
        }
    }
}

/// Widens the model where the docs' own calls dispute it (see
/// [`check_calls`]), so that those calls read: a type becomes
/// [`Type::Disputed`], a property nullable or optional. Run on the whole
/// model: a tree's dispute stands after the trees are merged. A place the
/// whole model no longer has is left alone.
pub fn widen(model: &mut Model, disputes: &[Dispute]) {
    for d in disputes {
        let props = match &d.owner {
            Owner::Request(path) => model.endpoints.get_mut(path).and_then(|e| e.request.as_mut()),
            Owner::Response(path) => {
                model.endpoints.get_mut(path).and_then(|e| e.response.as_mut()).map(|r| &mut r.properties)
            }
            Owner::Resource(name) => model.resources.get_mut(name).map(|r| &mut r.properties),
        };
        if let Some(props) = props {
            widen_in(props, &d.steps, d.widen);
        }
    }
}

fn widen_in(props: &mut [Property], steps: &[Step], widen: Widen) {
    let Some((Step::Property(name), rest)) = steps.split_first() else { return };
    let Some(p) = props.iter_mut().find(|p| p.name == *name) else { return };
    // What the spec declares, and what the crate reads (the same, for
    // what a spec declares).
    match (rest.is_empty(), widen) {
        (true, Widen::Null) => {
            p.declared = p.declared.map(|d| crate::model::Presence { nullable: true, ..d });
            p.presence.nullable = true;
        }
        (true, Widen::Absent) => {
            p.declared = p.declared.map(|d| crate::model::Presence { required: false, ..d });
            p.presence.required = false;
        }
        _ => widen_type(&mut p.ty, rest, widen),
    }
}

fn widen_type(ty: &mut Type, steps: &[Step], widen: Widen) {
    match (ty, steps.first()) {
        (Type::Disputed { documented }, Some(_)) => widen_type(documented, steps, widen),
        (Type::Disputed { .. }, None) => {}
        (ty, None) if widen == Widen::Type => {
            let documented = Box::new(std::mem::replace(ty, Type::Any));
            *ty = Type::Disputed { documented };
        }
        (Type::List { item }, Some(Step::Item)) => widen_type(item, &steps[1..], widen),
        (Type::Object { properties }, Some(Step::Property(_))) => widen_in(properties, steps, widen),
        (Type::Variants { variants, .. }, Some(Step::Variant(tag))) => {
            if let Some(v) = variants.iter_mut().find(|v| v.value == *tag) {
                widen_in(&mut v.properties, &steps[1..], widen);
            }
        }
        _ => {}
    }
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter()
            .enumerate()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { *c == b'-' } else { c.is_ascii_hexdigit() })
}

/// `YYYY-MM-DDTHH:MM:SS` then anything (fraction, zone): the shape, not the
/// calendar.
fn is_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19
        && b.iter().take(19).enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T' || *c == b't' || *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}
