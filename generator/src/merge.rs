//! Folding page fragments into one model.
//!
//! Fragments are merged in a fixed order: trees as `codegen.yaml` lists them
//! (oldest first); within a tree, its OpenAPI document, then its pages by
//! path (compared with each other first, see `drift`). The rules:
//!
//! - The same resource, event, property or enum value in several fragments
//!   is one entry whose `sources` lists every place.
//! - Enum values are the union, in first-seen order.
//! - Descriptions: the last fragment in merge order (the newest docs) wins.
//!   Deprecation and draft notes too, but a bare flag never replaces words.
//! - Declared presence: a spec's declaration wins over a page's; between
//!   two of a kind, the newer.
//! - Types: when they agree, nothing to do. When one refines the other
//!   (`String` vs `Enum`, `UUID` or `Datetime`; `Enum` vs a constant; an
//!   object of unknown shape vs a record, a resource, or variants; an
//!   object's properties vs variants, which then each get them) the refined
//!   type wins, with an info diagnostic. Any other disagreement is a
//!   warning naming both places and the property becomes `Any` (any JSON),
//!   so that neither source's payloads are rejected; `codegen.yaml` can pin
//!   it.
//! - The resource named `event` is the envelope every event shares: it
//!   becomes `Model::event_object`, and its `event_type` values, together
//!   with every documented event, make `Model::event_types` (in `finish`,
//!   once every fragment is in).

use crate::diag::Diagnostic;
use crate::model::{EnumValue, Event, Model, Property, Resource, Source, Type};

/// Folds fragments (in merge order) and derives what the whole shows: the
/// event envelope, the event types, the names of unnamed endpoints.
pub fn merge(fragments: Vec<Model>, diags: &mut Vec<Diagnostic>) -> Model {
    let mut out = fold(fragments, diags);
    finish(&mut out);
    out
}

/// What a merged model derives once every fragment is in.
pub fn finish(out: &mut Model) {
    derive_event_types(out);
    name_endpoints(out);
}

/// Folds fragments, in merge order, without deriving anything: folds can be
/// folded again (a tree's pages, then its spec, then the trees).
pub fn fold(fragments: Vec<Model>, diags: &mut Vec<Diagnostic>) -> Model {
    let mut out = Model::default();
    for frag in fragments {
        for (name, r) in frag.resources {
            match out.resources.get_mut(&name) {
                Some(acc) => merge_resource(acc, r, diags),
                None => {
                    out.resources.insert(name, r);
                }
            }
        }
        for (name, e) in frag.events {
            match out.events.get_mut(&name) {
                Some(acc) => merge_event(acc, e, diags),
                None => {
                    out.events.insert(name, e);
                }
            }
        }
        for (path, e) in frag.endpoints {
            match out.endpoints.get_mut(&path) {
                Some(acc) => {
                    if e.description.is_some() {
                        acc.description = e.description;
                    }
                    if e.title.is_some() {
                        acc.title = e.title;
                    }
                    if !e.methods.is_empty() {
                        acc.methods = e.methods;
                    }
                    if e.request.is_some() {
                        acc.request = e.request;
                    }
                    if e.response.is_some() {
                        acc.response = e.response;
                    }
                    if e.deprecated.is_some() {
                        acc.deprecated = e.deprecated;
                    }
                    acc.examples.extend(e.examples);
                    acc.sources.extend(e.sources);
                }
                None => {
                    out.endpoints.insert(path, e);
                }
            }
        }
        out.event_types.extend(frag.event_types);
        out.unnamed_endpoints.extend(frag.unnamed_endpoints);
        out.pages.extend(frag.pages);
    }
    out
}

/// An endpoint a page describes without its path is the named endpoint
/// whose description reads the same once marks and links are gone.
fn name_endpoints(out: &mut Model) {
    let unnamed = std::mem::take(&mut out.unnamed_endpoints);
    for e in unnamed {
        let plain = e.description.as_deref().map(plain_markdown);
        let named = out.endpoints.values_mut().find(|n| n.description.as_deref().map(plain_markdown) == plain);
        match named {
            Some(n) => n.sources.extend(e.sources),
            None => out.unnamed_endpoints.push(e),
        }
    }
}

/// Markdown as the web site shows it: `[text](url)` as `text`, no marks.
fn plain_markdown(md: &str) -> String {
    let mut out = String::new();
    let mut rest = md;
    while let Some(i) = rest.find("](") {
        let Some(close) = rest[i..].find(')') else { break };
        out.push_str(&rest[..i]);
        rest = &rest[i + close + 1..];
    }
    out.push_str(rest);
    out.replace(['[', '`', '*'], "")
}

fn merge_resource(acc: &mut Resource, new: Resource, diags: &mut Vec<Diagnostic>) {
    if new.description.is_some() {
        acc.description = new.description;
    }
    note(&mut acc.deprecated, new.deprecated);
    note(&mut acc.draft, new.draft);
    acc.sources.extend(new.sources);
    acc.examples.extend(new.examples);
    merge_properties(&mut acc.properties, new.properties, &acc.name, diags);
}

fn merge_event(acc: &mut Event, new: Event, diags: &mut Vec<Diagnostic>) {
    if new.description.is_some() {
        acc.description = new.description;
    }
    note(&mut acc.deprecated, new.deprecated);
    acc.examples.extend(new.examples);
    acc.sources.extend(new.sources);
    merge_properties(&mut acc.properties, new.properties, &acc.event_type, diags);
}

/// One page (or document) that prints the same property twice in one
/// object (a section that repeats an object's fields, say): the two are one
/// property, merged by the rules above, with a warning naming both places.
/// After this no object of a fragment repeats a name.
pub fn dedupe(model: &mut Model, diags: &mut Vec<Diagnostic>) {
    fn props(list: &mut Vec<Property>, owner: &str, diags: &mut Vec<Diagnostic>) {
        let mut out: Vec<Property> = Vec::with_capacity(list.len());
        // Where each name is in `out`: objects can hold many properties.
        let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::with_capacity(list.len());
        for p in std::mem::take(list) {
            match at.get(&p.name).map(|&i| &mut out[i]) {
                Some(a) => {
                    let (here, there) = (first(&a.sources), first(&p.sources));
                    diags.push(
                        Diagnostic::warning(
                            there,
                            format!("`{owner}.{}` is printed twice in the same object: read as one property", p.name),
                        )
                        .with_related(here)
                        .with_code("duplicate-property"),
                    );
                    merge_property(a, p, owner, diags);
                }
                None => {
                    at.insert(p.name.clone(), out.len());
                    out.push(p);
                }
            }
        }
        for p in &mut out {
            let here = format!("{owner}.{}", p.name);
            ty(&mut p.ty, &here, diags);
        }
        *list = out;
    }
    fn ty(t: &mut Type, owner: &str, diags: &mut Vec<Diagnostic>) {
        match t {
            Type::Object { properties } => props(properties, owner, diags),
            Type::List { item } => ty(item, owner, diags),
            Type::Variants { variants, .. } => {
                for v in variants {
                    props(&mut v.properties, &format!("{owner}[{}]", v.value), diags);
                }
            }
            _ => {}
        }
    }
    for r in model.resources.values_mut().chain(model.event_object.iter_mut()) {
        props(&mut r.properties, &r.name, diags);
    }
    for e in model.events.values_mut() {
        props(&mut e.properties, &e.event_type, diags);
    }
}

fn merge_properties(acc: &mut Vec<Property>, new: Vec<Property>, owner: &str, diags: &mut Vec<Diagnostic>) {
    for p in new {
        match acc.iter_mut().find(|a| a.name == p.name) {
            Some(a) => merge_property(a, p, owner, diags),
            None => acc.push(p),
        }
    }
}

fn merge_property(acc: &mut Property, new: Property, owner: &str, diags: &mut Vec<Diagnostic>) {
    let here = first(&acc.sources);
    let there = first(&new.sources);
    let what = format!("`{owner}.{}`", acc.name);
    let ty = std::mem::replace(&mut acc.ty, Type::Any);
    acc.ty = merge_type(ty, new.ty, &what, (&here, &there), diags);
    if new.description.is_some() {
        acc.description = new.description;
    }
    note(&mut acc.deprecated, new.deprecated);
    note(&mut acc.draft, new.draft);
    // A spec's declaration wins over a page's (a page says `required` and
    // nothing of null); between two of a kind, the newer.
    let from_spec = |sources: &[Source]| sources.iter().any(|s| s.pointer.is_some());
    if new.declared.is_some() && (acc.declared.is_none() || from_spec(&new.sources) || !from_spec(&acc.sources)) {
        acc.declared = new.declared;
    }
    acc.sources.extend(new.sources);
}

/// A note (deprecation, draft): the newer wins, but a flag without words
/// never replaces words.
fn note(acc: &mut Option<String>, new: Option<String>) {
    if let Some(n) = new
        && (!n.is_empty() || acc.is_none())
    {
        *acc = Some(n);
    }
}

fn first(sources: &[Source]) -> Source {
    sources.first().cloned().unwrap_or(Source::line(String::new(), 0))
}

fn merge_type(a: Type, b: Type, what: &str, at: (&Source, &Source), diags: &mut Vec<Diagnostic>) -> Type {
    let refined = |diags: &mut Vec<Diagnostic>, from: &Type, to: &Type| {
        diags.push(
            Diagnostic::info(
                at.1.clone(),
                format!(
                    "{what} is a {} here and a {} elsewhere; read as the more precise {}",
                    from.docs_label(),
                    to.docs_label(),
                    to.docs_label()
                ),
            )
            .with_related(at.0.clone()),
        );
    };
    match (a, b) {
        (Type::Enum { values: mut va }, Type::Enum { values: vb }) => {
            merge_values(&mut va, vb);
            Type::Enum { values: va }
        }
        (Type::Const { value: x }, Type::Const { value: y }) if x == y => Type::Const { value: x },
        (Type::Enum { values: mut va }, Type::Const { value })
        | (Type::Const { value }, Type::Enum { values: mut va }) => {
            let src = at.1.clone();
            merge_values(&mut va, vec![EnumValue::new(value, src)]);
            Type::Enum { values: va }
        }
        (Type::Object { properties: mut pa }, Type::Object { properties: pb }) => {
            merge_properties(&mut pa, pb, what.trim_matches('`'), diags);
            Type::Object { properties: pa }
        }
        (Type::Variants { discriminator, variants: mut va }, Type::Variants { variants: vb, .. }) => {
            for v in vb {
                match va.iter_mut().find(|a| a.value == v.value) {
                    Some(a) => {
                        if v.description.is_some() {
                            a.description = v.description;
                        }
                        a.sources.extend(v.sources);
                        merge_properties(
                            &mut a.properties,
                            v.properties,
                            &format!("{}[{}]", what.trim_matches('`'), a.value),
                            diags,
                        );
                    }
                    None => va.push(v),
                }
            }
            Type::Variants { discriminator, variants: va }
        }
        // Knowing the shapes refines "objects"; what one source says every
        // object has, every shape has.
        (Type::Object { properties }, Type::Variants { discriminator, mut variants })
        | (Type::Variants { discriminator, mut variants }, Type::Object { properties }) => {
            if !properties.is_empty() {
                refined(
                    diags,
                    &Type::Object { properties: Vec::new() },
                    &Type::Variants { discriminator: discriminator.clone(), variants: Vec::new() },
                );
            }
            // An object without the discriminator describes the shapes more
            // loosely (a spec gives every `warnings` item an `error_code`):
            // a field like the discriminator (`*_code`) is not theirs.
            let suffix = discriminator.rsplit('_').next().unwrap_or_default().to_owned();
            let loose = !properties.iter().any(|p| p.name == discriminator);
            let theirs = |p: &&Property| !(loose && p.name.rsplit('_').next() == Some(suffix.as_str()));
            for v in &mut variants {
                let common: Vec<Property> = properties
                    .iter()
                    .filter(theirs)
                    .filter(|p| !v.properties.iter().any(|q| q.name == p.name))
                    .cloned()
                    .collect();
                v.properties.extend(common);
            }
            Type::Variants { discriminator, variants }
        }
        (Type::List { item: ia }, Type::List { item: ib }) => {
            Type::List { item: Box::new(merge_type(*ia, *ib, what, at, diags)) }
        }
        (Type::Any, t) | (t, Type::Any) => t,
        // The shape of a resource the spec names: the resource.
        (Type::Object { .. }, t @ Type::Ref { .. }) | (t @ Type::Ref { .. }, Type::Object { .. }) => t,
        // An object whose shape is not given, and a map of any keys: the
        // same JSON, said more precisely.
        (Type::Object { properties }, Type::Record) | (Type::Record, Type::Object { properties })
            if properties.is_empty() =>
        {
            refined(diags, &Type::Object { properties: Vec::new() }, &Type::Record);
            Type::Record
        }
        (Type::String, t @ (Type::Enum { .. } | Type::Uuid | Type::Datetime | Type::Const { .. })) => {
            refined(diags, &Type::String, &t);
            t
        }
        (t @ (Type::Enum { .. } | Type::Uuid | Type::Datetime | Type::Const { .. }), Type::String) => {
            refined(diags, &Type::String, &t);
            t
        }
        (a, b) if std::mem::discriminant(&a) == std::mem::discriminant(&b) && a == b => a,
        (a, b) => {
            diags.push(
                Diagnostic::warning(
                    at.1.clone(),
                    format!(
                        "{what} is a {} here but a {} elsewhere; read as any JSON value so that neither is rejected \
                         (pin it in codegen.yaml once the docs agree)",
                        b.docs_label(),
                        a.docs_label()
                    ),
                )
                .with_related(at.0.clone()),
            );
            Type::Any
        }
    }
}

/// Union of enum values in first-seen order; a value seen again adds its
/// sources, and a newer description replaces the older.
pub(crate) fn merge_values(acc: &mut Vec<EnumValue>, new: Vec<EnumValue>) {
    for v in new {
        match acc.iter_mut().find(|a| a.value == v.value) {
            Some(a) => {
                if v.description.is_some() {
                    a.description = v.description;
                }
                note(&mut a.deprecated, v.deprecated);
                a.sources.extend(v.sources);
            }
            None => acc.push(v),
        }
    }
}

/// The event envelope and the list of event types.
fn derive_event_types(out: &mut Model) {
    let mut types = std::mem::take(&mut out.event_types);
    if let Some(envelope) = out.resources.remove("event") {
        let tag = out.event_tag();
        if let Some(Type::Enum { values }) = envelope.properties.iter().find(|p| p.name == tag).map(|p| &p.ty) {
            merge_values(&mut types, values.clone());
        }
        out.event_object = Some(envelope);
    }
    for e in out.events.values() {
        merge_values(
            &mut types,
            vec![EnumValue { sources: e.sources.clone(), ..EnumValue::new(e.event_type.clone(), first(&e.sources)) }],
        );
    }
    for v in &mut types {
        v.sources.sort();
        v.sources.dedup();
    }
    out.event_types = types;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;
    use crate::frontend::read_page;
    use crate::source::SourceFile;

    fn merged(pages: &[(&str, &str)]) -> (Model, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let frags = pages
            .iter()
            .map(|(p, t)| {
                let r =
                    read_page(&SourceFile::new(*p, *p, *t), "https://docs.seam.co/latest/api/", &Default::default());
                diags.extend(r.diagnostics);
                r.model
            })
            .collect();
        let model = merge(frags, &mut diags);
        (model, diags)
    }

    fn page(prop: &str, format: &str, extra: &str) -> String {
        format!("# T\n\n## `thing`\n\nA thing.\n\n### `{prop}`\n\nFormat: `{format}`\n\n{extra}")
    }

    #[test]
    fn a_real_type_conflict_is_a_warning_naming_both_places_and_reads_as_any() {
        let (a, b) = (page("id", "UUID", ""), page("id", "Boolean", ""));
        let (model, diags) = merged(&[("a.md", &a), ("b.md", &b)]);
        assert_eq!(model.resource_property("thing", "id").unwrap().ty, Type::Any);
        let [d] = diags.as_slice() else { panic!("{diags:#?}") };
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.source.to_string(), "b.md:7");
        assert_eq!(d.related[0].to_string(), "a.md:7");
        assert!(d.message.contains("`thing.id` is a Boolean here but a UUID elsewhere"), "{}", d.message);
        let sources: Vec<String> =
            model.resource_property("thing", "id").unwrap().sources.iter().map(|s| s.to_string()).collect();
        assert_eq!(sources, ["a.md:7", "b.md:7"]);
    }

    #[test]
    fn a_refinement_is_an_info_and_the_precise_type_wins_either_way() {
        let s = page("state", "String", "");
        let e = page("state", "Enum", "Possible enum values:\n- `on`\n- `off`\n");
        for order in [[("a.md", s.as_str()), ("b.md", e.as_str())], [("a.md", e.as_str()), ("b.md", s.as_str())]] {
            let (model, diags) = merged(&order);
            let Type::Enum { values } = &model.resource_property("thing", "state").unwrap().ty else { panic!() };
            assert_eq!(values.len(), 2);
            assert_eq!(diags.len(), 1);
            assert_eq!(diags[0].severity, Severity::Info);
        }
    }

    #[test]
    fn enum_values_are_the_union_in_first_seen_order_with_every_source() {
        let a = page("state", "Enum", "Possible enum values:\n- `on`\n- `off`\n");
        let b = page("state", "Enum", "Possible enum values:\n- `off`\n- `broken`\n");
        let (model, diags) = merged(&[("a.md", &a), ("b.md", &b)]);
        assert!(diags.is_empty(), "{diags:#?}");
        let Type::Enum { values } = &model.resource_property("thing", "state").unwrap().ty else { panic!() };
        let got: Vec<(&str, Vec<String>)> =
            values.iter().map(|v| (v.value.as_str(), v.sources.iter().map(|s| s.to_string()).collect())).collect();
        assert_eq!(
            got,
            [
                ("on", vec!["a.md:12".to_owned()]),
                ("off", vec!["a.md:13".to_owned(), "b.md:12".to_owned()]),
                ("broken", vec!["b.md:13".to_owned()]),
            ]
        );
    }

    #[test]
    fn the_newest_description_wins() {
        let a = page("id", "UUID", "Old words.\n");
        let b = page("id", "UUID", "New words.\n");
        let (model, _) = merged(&[("a.md", &a), ("b.md", &b)]);
        assert_eq!(model.resource_property("thing", "id").unwrap().description.as_deref(), Some("New words."));
    }
}
