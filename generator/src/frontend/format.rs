//! The "Format:" layout (seeds 001 and 002, the May 2025 tree):
//!
//! ```text
//! ## `resource`            a resource, then its description
//! ### `property`           a property, then `Format: `Type``, description,
//!                          `Possible enum values:` + a list, `---`
//! ## Events
//! ### `event.type`         an event, its description, then one
//!                          `<details><summary><code>prop</code> Format: <code>T</code></summary>`
//!                          per payload property
//! ## Endpoints
//! [**`/path`**](./x.md)    an endpoint, then its description
//! ```

use super::{PageCx, PropDraft, format_draft};
use crate::markdown::{self, Block, Inline};
use crate::model::{Endpoint, Event, Model, Property, Resource, Type, Variant};

enum Section {
    /// Before the first `##` heading.
    Preamble,
    Resource(String),
    /// `## Errors` / `## Warnings` of a resource: the shapes of that list.
    Codes {
        resource: String,
        list: &'static str,
        field: &'static str,
    },
    Events,
    Endpoints,
    /// A `##` heading this layout does not know: its content is reported.
    Other,
}

pub(super) fn read(blocks: &[Block], cx: &mut PageCx, out: &mut Model) {
    let mut section = Section::Preamble;
    let mut prop: Option<PropDraft> = None;
    let mut event: Option<Event> = None;
    let mut endpoint: Option<Endpoint> = None;
    let mut code: Option<(String, usize, Vec<String>)> = None;
    let mut resource: Option<String> = None;

    for block in blocks {
        // A heading ends whatever was open.
        if let Block::Heading { level, inlines, at } = block {
            finish_prop(&mut prop, &section, cx, out);
            finish_event(&mut event, out);
            finish_endpoint(&mut endpoint, out);
            finish_code(&mut code, &section, cx, out);
            let heading_code = heading_code(inlines);
            let title = markdown::plain_text(inlines);
            match (level, heading_code, &section) {
                (1, _, _) => section = Section::Preamble,
                (2, Some(name), _) => {
                    resource = Some(name.clone());
                    out.resources.entry(name.clone()).or_insert_with(|| Resource {
                        name: name.clone(),
                        description: None,
                        properties: Vec::new(),
                        examples: Vec::new(),
                        sources: vec![cx.src(*at)],
                    });
                    section = Section::Resource(name);
                }
                (2, None, _) if title.trim() == "Events" => section = Section::Events,
                (2, None, _) if title.trim() == "Endpoints" => section = Section::Endpoints,
                // A namespace page's list of its resources: links to pages
                // that are read themselves.
                (2, None, _) if title.trim() == "Resources" => section = Section::Other,
                (2, None, _) if title.trim() == "Errors" && resource.is_some() => {
                    let resource = resource.clone().expect("checked");
                    section = Section::Codes { resource, list: "errors", field: "error_code" }
                }
                (2, None, _) if title.trim() == "Warnings" && resource.is_some() => {
                    let resource = resource.clone().expect("checked");
                    section = Section::Codes { resource, list: "warnings", field: "warning_code" }
                }
                (2, None, _) => {
                    cx.warning(*at, format!("section `{}` is not understood: expected `## `resource``, `## Events` or `## Endpoints`; its content is not modelled", title.trim()));
                    section = Section::Other;
                }
                (3, Some(name), Section::Resource(_)) => prop = Some(PropDraft::new(name, *at)),
                (3, Some(name), Section::Codes { .. }) => code = Some((name, *at, Vec::new())),
                (3, Some(name), Section::Endpoints) if name.starts_with('/') => {
                    endpoint = Some(Endpoint { path: name, description: None, sources: vec![cx.src(*at)] })
                }
                (3, Some(name), Section::Events) => {
                    event = Some(Event {
                        event_type: name,
                        description: None,
                        properties: Vec::new(),
                        sources: vec![cx.src(*at)],
                    })
                }
                (_, _, Section::Other) => {}
                _ => cx.warning(
                    *at,
                    format!(
                        "heading `{}` is not understood here: expected `### `name`` under a resource or `## Events`",
                        title.trim()
                    ),
                ),
            }
            continue;
        }

        match &section {
            Section::Resource(name) => {
                if let Some(p) = prop.as_mut() {
                    if !p.take(block, cx) {
                        cx.warning(block.at(), format!("unexpected block in property `{}`; it is not modelled", p.name));
                    }
                } else if let Some(md) = cx.block_md(block) {
                    let r = out.resources.get_mut(name).expect("the section's resource was created with it");
                    push_description(&mut r.description, md);
                }
            }
            Section::Events => match (block, event.as_mut()) {
                (Block::Details { summary, blocks, at }, Some(ev)) => match format_draft(summary) {
                    Some(mut draft) => {
                        for b in blocks {
                            if !draft.take(b, cx) {
                                cx.warning(b.at(), format!("unexpected block in `{}`; it is not modelled", draft.name));
                            }
                        }
                        if let Some(p) = draft.finish(cx) {
                            ev.properties.push(p);
                        }
                    }
                    None => cx.error(*at, format!(
                        "payload property of `{}`: expected `<summary><code>name</code> Format: <code>Type</code></summary>`, found `{}`",
                        ev.event_type,
                        markdown::plain_text(summary).trim()
                    )),
                },
                (Block::Rule { .. }, _) => {}
                (b, Some(ev)) => {
                    if let Some(md) = cx.block_md(b) {
                        push_description(&mut ev.description, md);
                    }
                }
                (b, None) => cx.warning(b.at(), "text under `## Events` before any `### `event.type`` heading; it is not modelled"),
            },
            Section::Codes { .. } => match code.as_mut() {
                Some((_, _, desc)) => desc.extend(cx.block_md(block)),
                None if matches!(block, Block::Rule { .. }) => {}
                None => cx.warning(block.at(), "text before any `### `code`` heading; it is not modelled"),
            },
            Section::Endpoints => read_endpoint_block(block, &mut endpoint, cx, out),
            Section::Preamble | Section::Other => {}
        }
    }
    finish_code(&mut code, &section, cx, out);
    finish_prop(&mut prop, &section, cx, out);
    finish_event(&mut event, out);
    finish_endpoint(&mut endpoint, out);
}

fn finish_prop(prop: &mut Option<PropDraft>, section: &Section, cx: &mut PageCx, out: &mut Model) {
    let Some(draft) = prop.take() else { return };
    let Section::Resource(name) = section else { return };
    if let Some(p) = draft.finish(cx) {
        out.resources.get_mut(name).expect("the section's resource exists").properties.push(p);
    }
}

/// The code span a heading holds, bare or linked (`### [`errors`](./#errors)`).
fn heading_code(inlines: &[Inline]) -> Option<String> {
    match markdown::significant(inlines).as_slice() {
        [Inline::Code { text, .. }] => Some(text.clone()),
        [Inline::Link { children, .. }] => match markdown::significant(children).as_slice() {
            [Inline::Code { text, .. }] => Some(text.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn finish_code(code: &mut Option<(String, usize, Vec<String>)>, section: &Section, cx: &mut PageCx, out: &mut Model) {
    let Some((value, at, description)) = code.take() else { return };
    let Section::Codes { resource, list, field } = section else { return };
    add_section_variant(out, resource, list, field, value, at, description, cx);
}

/// An entry of an `## Errors` / `## Warnings` section: one shape of the
/// resource's `errors` / `warnings` list, tagged by `field`. The list
/// property becomes (or already is) a list of variants.
#[allow(clippy::too_many_arguments)]
pub(super) fn add_section_variant(
    out: &mut Model,
    resource: &str,
    list: &str,
    field: &str,
    value: String,
    at: usize,
    description: Vec<String>,
    cx: &mut PageCx,
) {
    let Some(r) = out.resources.get_mut(resource) else { return };
    let description = (!description.is_empty()).then(|| description.join("\n\n"));
    let variant = Variant { value, description, properties: Vec::new(), sources: vec![cx.src(at)] };
    let prop = match r.properties.iter_mut().find(|p| p.name == list) {
        Some(p) => p,
        None => {
            r.properties.push(Property {
                name: list.to_owned(),
                ty: Type::List { item: Box::new(Type::Any) },
                description: None,
                presence: Default::default(),
                deprecated: None,
                sources: vec![cx.src(at)],
            });
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

fn finish_event(event: &mut Option<Event>, out: &mut Model) {
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
        && let Some(h) = super::typed_name(inlines).filter(|h| h.labels.is_empty() && h.name.starts_with('/'))
    {
        finish_endpoint(endpoint, out);
        *endpoint = Some(Endpoint { path: h.name, description: None, sources: vec![cx.src(*at)] });
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
