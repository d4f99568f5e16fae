//! The condensed layout (seed 000, the July 2025 tree):
//!
//! ```text
//! ## The `resource` Object  a resource, then its description
//! ## Properties
//! **`property`** *Type*     a property (also `*List* *of UUIDs*`), then its
//!                           description, `Enum values:` or a
//!                           `<details><summary>Enum values</summary>` list
//! ## Events
//! **`event.type`**          an event, its description, then
//!                           `<details><summary>Properties</summary>` holding
//!                           `<strong><code>prop</code></strong> <i>Type</i>` lines
//! ## Endpoints
//! [**`/path`**](./x.md)     an endpoint, then its description
//! ```

use super::format::{finish_endpoint, push_description, read_endpoint_block};
use super::{PageCx, PropDraft, TypedName, typed_name};
use crate::markdown::{self, Block};
use crate::model::{Endpoint, Event, Model, Property, Resource};

enum Section {
    Preamble,
    /// The object's description, before `## Properties`.
    Object(String),
    Properties(String),
    Events,
    Endpoints,
    Other,
}

pub(super) fn read(blocks: &[Block], cx: &mut PageCx, out: &mut Model) {
    let mut section = Section::Preamble;
    let mut prop: Option<PropDraft> = None;
    let mut event: Option<Event> = None;
    let mut endpoint: Option<Endpoint> = None;
    let mut resource: Option<String> = None;

    for block in blocks {
        if let Block::Heading { level, inlines, at } = block {
            finish_prop(&mut prop, &section, cx, out);
            finish_event(&mut event, out);
            finish_endpoint(&mut endpoint, out);
            let title = markdown::plain_text(inlines);
            let title = title.trim();
            if *level == 1 {
                section = Section::Preamble;
            } else if let Some(name) = title.strip_prefix("The ").and_then(|t| t.strip_suffix(" Object")) {
                let name = name.trim_matches('`').to_owned();
                out.resources.entry(name.clone()).or_insert_with(|| Resource {
                    name: name.clone(),
                    description: None,
                    properties: Vec::new(),
                    sources: vec![cx.src(*at)],
                });
                resource = Some(name.clone());
                section = Section::Object(name);
            } else {
                section = match (title, &resource) {
                    ("Properties", Some(r)) => Section::Properties(r.clone()),
                    ("Events", _) => Section::Events,
                    ("Endpoints", _) => Section::Endpoints,
                    _ => {
                        cx.warning(*at, format!(
                            "section `{title}` is not understood: expected `## The `name` Object`, `## Properties`, `## Events` or `## Endpoints`; its content is not modelled"
                        ));
                        Section::Other
                    }
                };
            }
            continue;
        }

        match &section {
            Section::Object(name) => {
                // The table of contents (a list of `./#anchor` links) and the
                // example tabs are navigation, not description.
                if let (Block::Paragraph { inlines, .. }, false) = (block, is_liquid(block)) {
                    let md = cx.md(inlines);
                    let r = out.resources.get_mut(name).expect("the section's resource exists");
                    push_description(&mut r.description, md);
                }
            }
            Section::Properties(_) => {
                if let Some(h) = header(block) {
                    finish_prop(&mut prop, &section, cx, out);
                    prop = Some(draft(h));
                } else if let Some(p) = prop.as_mut() {
                    if !p.take(block, cx) {
                        cx.warning(
                            block.at(),
                            format!("block in property `{}` is not understood; it is not modelled", p.name),
                        );
                    }
                } else if !matches!(block, Block::Rule { .. }) {
                    cx.warning(
                        block.at(),
                        "text under `## Properties` before any `**`name`** *Type*` line; it is not modelled",
                    );
                }
            }
            Section::Events => {
                if let Some(h) = header(block).filter(|h| h.labels.is_empty()) {
                    finish_event(&mut event, out);
                    event = Some(Event {
                        event_type: h.name,
                        description: None,
                        properties: Vec::new(),
                        sources: vec![cx.src(h.at)],
                    });
                    continue;
                }
                match (block, event.as_mut()) {
                    (Block::Details { summary, blocks, at }, Some(ev)) => {
                        if markdown::plain_text(summary).trim() == "Properties" {
                            ev.properties.extend(read_props(blocks, cx));
                        } else {
                            cx.warning(
                                *at,
                                format!(
                                    "`<details>` of `{}`: expected `<summary>Properties</summary>`; it is not modelled",
                                    ev.event_type
                                ),
                            );
                        }
                    }
                    (Block::Rule { .. }, _) => {}
                    (b, Some(ev)) => {
                        if let Some(md) = cx.block_md(b) {
                            push_description(&mut ev.description, md);
                        }
                    }
                    (b, None) => cx.warning(
                        b.at(),
                        "text under `## Events` before any `**`event.type`**` line; it is not modelled",
                    ),
                }
            }
            Section::Endpoints => read_endpoint_block(block, &mut endpoint, cx, out),
            Section::Preamble | Section::Other => {}
        }
    }
    finish_prop(&mut prop, &section, cx, out);
    finish_event(&mut event, out);
    finish_endpoint(&mut endpoint, out);
}

/// `{% tabs %}` and friends: GitBook's template tags.
fn is_liquid(block: &Block) -> bool {
    matches!(block, Block::Paragraph { inlines, .. } if markdown::plain_text(inlines).trim_start().starts_with("{%"))
}

fn header(block: &Block) -> Option<TypedName> {
    match block {
        Block::Paragraph { inlines, .. } => typed_name(inlines),
        _ => None,
    }
}

/// A draft from a `**`name`** *Type* *of Items*` line.
fn draft(h: TypedName) -> PropDraft {
    let mut d = PropDraft::new(h.name, h.at);
    let mut labels = h.labels.into_iter();
    d.label = labels.next();
    if let Some((of, at)) = labels.next() {
        let item = of.strip_prefix("of ").unwrap_or(&of);
        let singular = match item {
            "UUIDs" => "UUID",
            "Datetimes" => "Datetime",
            "Strings" => "String",
            "Booleans" => "Boolean",
            "Numbers" => "Number",
            "Enums" => "Enum",
            "Objects" => "Object",
            "Records" => "Record",
            other => other,
        };
        d.item_label = Some((singular.to_owned(), at));
    }
    d
}

/// Property lines and their bodies, as inside an event's `Properties`.
fn read_props(blocks: &[Block], cx: &mut PageCx) -> Vec<Property> {
    let mut props = Vec::new();
    let mut current: Option<PropDraft> = None;
    for b in blocks {
        if let Some(h) = header(b) {
            if let Some(p) = current.take().and_then(|d| d.finish(cx)) {
                props.push(p);
            }
            current = Some(draft(h));
        } else if let Some(p) = current.as_mut() {
            if !p.take(b, cx) {
                cx.warning(b.at(), format!("block in property `{}` is not understood; it is not modelled", p.name));
            }
        } else {
            cx.warning(
                b.at(),
                "expected a `<strong><code>name</code></strong> <i>Type</i>` line; this is not modelled",
            );
        }
    }
    if let Some(p) = current.and_then(|d| d.finish(cx)) {
        props.push(p);
    }
    props
}

fn finish_prop(prop: &mut Option<PropDraft>, section: &Section, cx: &mut PageCx, out: &mut Model) {
    let Some(draft) = prop.take() else { return };
    let Section::Properties(name) = section else { return };
    if let Some(p) = draft.finish(cx) {
        out.resources.get_mut(name).expect("the section's resource exists").properties.push(p);
    }
}

fn finish_event(event: &mut Option<Event>, out: &mut Model) {
    if let Some(ev) = event.take() {
        out.events.insert(ev.event_type.clone(), ev);
    }
}
