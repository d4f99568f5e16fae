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
pub fn compare(spec: &Model, pages: &mut Model, diags: &mut Vec<Diagnostic>) {
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
            check_example(ex, &Type::Object { properties: sr.properties.clone() }, spec, true, diags);
        }
    }
    // The calls the spec's own samples show, against its own schemas.
    check_calls(spec, diags);
    event_types(spec, pages, diags);
    for (t, pe) in &pages.events {
        let Some(se) = spec.events.get(t) else { continue };
        compare_props(t, &se.properties, &pe.properties, &first(&se.sources), &first(&pe.sources), diags);
        for ex in &pe.examples {
            check_example(ex, &Type::Object { properties: se.properties.clone() }, spec, true, diags);
        }
    }
}

/// The calls a source's examples show (a spec's cURL samples, an endpoint
/// page's cURL examples) against the same source's request and response:
/// what contradicts them is a `drift-example` warning at the example.
pub fn check_calls(model: &Model, diags: &mut Vec<Diagnostic>) {
    let start = diags.len();
    for (path, e) in &model.endpoints {
        for ex in &e.examples {
            let parts = [
                (&ex.request, e.request.as_ref(), "request"),
                (&ex.response, e.response.as_ref().map(|r| &r.properties), "response"),
            ];
            for (json, props, what) in parts {
                if let (Some(json), Some(props)) = (json, props) {
                    let source = match what {
                        "response" => ex.response_source.as_ref().unwrap_or(&ex.source),
                        _ => &ex.source,
                    };
                    let example =
                        Example { title: Some(format!("{path} {what}")), json: json.clone(), source: source.clone() };
                    // Responses abbreviate: only what they show is checked.
                    // A request body is what is sent: a required parameter
                    // it leaves out is a contradiction too.
                    let whole = what == "request";
                    check_example(&example, &Type::Object { properties: props.clone() }, model, whole, diags);
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
/// when `whole` (the example claims to show the whole object).
fn check_example(ex: &Example, ty: &Type, spec: &Model, whole: bool, diags: &mut Vec<Diagnostic>) {
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
    validate(&value, event.as_ref().unwrap_or(ty), "", spec, &mut issues, 0);
    let title = ex.title.as_deref().map(|t| format!(" `{t}`")).unwrap_or_default();
    for (path, issue) in issues.into_iter().filter(|(_, issue)| whole || !issue.starts_with("is left out")) {
        // The line of the key, when the example names it.
        let key = path.rsplit(['.', ']']).next().unwrap_or_default();
        let mut at = ex.source.clone();
        // (A sample inside a structured document is located by its pointer.)
        if at.pointer.is_none()
            && let Some(i) = ex.json.find(&format!("\"{key}\""))
        {
            at.line += 1 + ex.json[..i].matches('\n').count() as u32;
        }
        diags.push(warn("drift-example", at, None, format!("example{title}: `{path}` {issue}")));
    }
}

fn validate(v: &Value, ty: &Type, path: &str, spec: &Model, issues: &mut Vec<(String, String)>, depth: usize) {
    let mut issue = |what: String| issues.push((if path.is_empty() { "$".to_owned() } else { path.to_owned() }, what));
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
    match (ty, v) {
        (Type::Any, _) => {}
        (Type::Uuid, Value::String(s)) if !is_uuid(s) => issue(format!("is `{s}`, not a UUID")),
        (Type::Datetime, Value::String(s)) if !is_datetime(s) => issue(format!("is `{s}`, not an ISO 8601 time")),
        (Type::Uuid | Type::Datetime | Type::String, Value::String(_)) => {}
        (Type::Boolean, Value::Bool(_)) | (Type::Number, Value::Number(_)) => {}
        (Type::Enum { values }, Value::String(s)) => {
            if !values.is_empty() && !values.iter().any(|x| x.value == *s) {
                issue(format!("is `{s}`, which the spec does not list"));
            }
        }
        (Type::Const { value }, Value::String(s)) => {
            if s != value {
                issue(format!("is `{s}`, the spec says `{value}`"));
            }
        }
        (Type::Object { properties }, Value::Object(map)) => object(map, properties, path, spec, issues, depth),
        (Type::Record, Value::Object(_)) => {}
        (Type::Ref { name }, Value::Object(map)) => {
            if let Some(r) = spec.resources.get(name) {
                object(map, &r.properties, path, spec, issues, depth);
            }
        }
        (Type::List { item }, Value::Array(items)) => {
            for (i, x) in items.iter().enumerate() {
                validate(x, item, &format!("{path}[{i}]"), spec, issues, depth + 1);
            }
        }
        (Type::Variants { discriminator, variants }, Value::Object(map)) => {
            match map.get(discriminator).and_then(Value::as_str) {
                Some(tag) => match variants.iter().find(|x| x.value == tag) {
                    Some(x) => object(map, &x.properties, path, spec, issues, depth),
                    None => issue(format!("has `{discriminator}` `{tag}`, which the spec does not list")),
                },
                None => issue(format!("has no `{discriminator}`, which tells its shapes apart")),
            }
        }
        (t, v) => issue(format!("is {}, the spec says {}", kind(v), label(t))),
    }
}

fn object(
    map: &serde_json::Map<String, Value>,
    props: &[Property],
    path: &str,
    spec: &Model,
    issues: &mut Vec<(String, String)>,
    depth: usize,
) {
    let dot = |k: &str| if path.is_empty() { k.to_owned() } else { format!("{path}.{k}") };
    if props.is_empty() {
        return;
    }
    for (k, v) in map {
        match props.iter().find(|p| p.name == *k) {
            None => issues.push((dot(k), "is not a property the spec documents".to_owned())),
            Some(p) if v.is_null() => {
                if p.declared.is_some_and(|d| !d.nullable) {
                    issues.push((dot(k), "is null; the spec says it never is".to_owned()));
                }
            }
            Some(p) => validate(v, &p.ty, &dot(k), spec, issues, depth + 1),
        }
    }
    for p in props {
        if p.declared.is_some_and(|d| d.required && !d.nullable) && !map.contains_key(&p.name) {
            issues.push((dot(&p.name), "is left out; the spec says it is always there".to_owned()));
        }
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
