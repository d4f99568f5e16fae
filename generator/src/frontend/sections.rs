//! What both Markdown layouts share below the section level: events,
//! endpoints, descriptions, and the codes of `## Errors` / `## Warnings`.

use super::{PageCx, typed_name};
use crate::markdown::Block;
use crate::model::{Endpoint, Event, Model, Property, Type, Variant};

/// An `## Errors` / `## Warnings` section of a resource: its entries are the
/// shapes of the resource's `list` (`errors`), tagged by `field`
/// (`error_code`).
pub(super) struct Codes {
    pub resource: String,
    pub list: &'static str,
    pub field: &'static str,
}

impl Codes {
    pub fn errors(resource: String) -> Self {
        Codes { resource, list: "errors", field: "error_code" }
    }

    pub fn warnings(resource: String) -> Self {
        Codes { resource, list: "warnings", field: "warning_code" }
    }
}

/// One entry being read: its code, offset and description blocks.
pub(super) type Code = (String, usize, Vec<String>);

pub(super) fn finish_code(code: &mut Option<Code>, codes: Option<&Codes>, cx: &mut PageCx, out: &mut Model) {
    let Some((value, at, description)) = code.take() else { return };
    let Some(codes) = codes else { return };
    add_section_variant(out, codes, value, at, description, cx);
}

/// An entry of an `## Errors` / `## Warnings` section: one shape of the
/// resource's `errors` / `warnings` list, tagged by `field`. The list
/// property becomes (or already is) a list of variants.
fn add_section_variant(
    out: &mut Model,
    codes: &Codes,
    value: String,
    at: usize,
    description: Vec<String>,
    cx: &mut PageCx,
) {
    let Codes { resource, list, field } = codes;
    let (list, field): (&str, &str) = (list, field);
    let Some(r) = out.resources.get_mut(resource) else { return };
    let description = (!description.is_empty()).then(|| description.join("\n\n"));
    let variant = Variant { value, description, properties: Vec::new(), sources: vec![cx.src(at)] };
    let prop = match r.properties.iter_mut().find(|p| p.name == list) {
        Some(p) => p,
        None => {
            r.properties.push(Property::new(list, Type::List { item: Box::new(Type::Any) }, cx.src(at)));
            r.properties.last_mut().expect("just pushed")
        }
    };
    match &mut prop.ty {
        Type::List { item } => match item.as_mut() {
            Type::Variants { variants, .. } => match variants.iter_mut().find(|v| v.value == variant.value) {
                Some(v) => {
                    if v.description.is_none() {
                        v.description = variant.description;
                    }
                    v.sources.extend(variant.sources);
                }
                None => variants.push(variant),
            },
            Type::Object { .. } | Type::Any => {
                **item = Type::Variants { discriminator: field.to_owned(), variants: vec![variant] };
            }
            other => cx.warning(
                at,
                format!(
                    "`{resource}.{list}` lists {}s, not objects: the `{}` entry is not modelled",
                    other.docs_label(),
                    variant.value
                ),
            ),
        },
        other => cx.warning(
            at,
            format!(
                "`{resource}.{list}` is a {}, not a list: the `{}` entry is not modelled",
                other.docs_label(),
                variant.value
            ),
        ),
    }
}

pub(super) fn finish_event(event: &mut Option<Event>, out: &mut Model) {
    if let Some(ev) = event.take() {
        out.events.insert(ev.event_type.clone(), ev);
    }
}

pub(super) fn finish_endpoint(endpoint: &mut Option<Endpoint>, out: &mut Model) {
    if let Some(e) = endpoint.take() {
        out.endpoints.insert(e.path.clone(), e);
    }
}

/// `[**`/path`**](./x.md)` starts an endpoint; the paragraphs after it
/// describe it.
pub(super) fn read_endpoint_block(block: &Block, endpoint: &mut Option<Endpoint>, cx: &mut PageCx, out: &mut Model) {
    if let Block::Paragraph { inlines, at } = block
        && let Some(h) = typed_name(inlines).filter(|h| h.labels.is_empty() && h.name.starts_with('/'))
    {
        finish_endpoint(endpoint, out);
        *endpoint = Some(Endpoint { path: h.name, sources: vec![cx.src(*at)], ..Default::default() });
        return;
    }
    match endpoint.as_mut() {
        Some(e) => {
            if let Some(md) = cx.block_md(block) {
                push_description(&mut e.description, md);
            }
        }
        None if matches!(block, Block::Rule { .. }) => {}
        None => cx.warning(block.at(), "text under `## Endpoints` before any endpoint link; it is not modelled"),
    }
}

pub(super) fn push_description(slot: &mut Option<String>, md: String) {
    match slot {
        Some(d) => {
            d.push_str("\n\n");
            d.push_str(&md);
        }
        None => *slot = Some(md),
    }
}
