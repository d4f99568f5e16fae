//! The condensed layout (seed 000, the July 2025 tree):
//!
//! ```text
//! ## The `resource` Object  a resource, then its description (a page may
//!                           describe several; `The device Object for
//!                           Thermostats` is a view of `device`)
//! ## Properties             then `**`property`** *Type*` (also `*List*
//!                           *of UUIDs*`), its description, `Enum values:`,
//!                           `<details><summary>Child Properties</summary>`
//!                           (to any depth), `Variants:` + one `<details>` per
//!                           discriminator value
//! ## Hardware               a property group: more properties of the object
//! ## device.properties      a group of the children of the `properties` object
//! ## Errors / ## Warnings   `**`code`**` + description: the shapes of
//!                           `errors` / `warnings` (headings inside group them)
//! ## Events                 `**`event.type`**`, its description, then
//!                           `<details><summary>Properties</summary>`
//! ## `event.type`           (Mintlify's `events.mdx`) one event: its
//!                           description, example payload (JSON) and
//!                           `<details><summary>Properties</summary>`
//! ## Endpoints              [**`/path`**](./x.md), then its description
//! ```
//!
//! Mintlify pages are read here too, once their components are lowered
//! (see `mintlify.rs`): `<ResponseField>` properties, and examples in JSON
//! blocks whose info string or `<Tab>` gives their title.

use super::sections::{Codes, finish_code, finish_endpoint, finish_event, push_description, read_endpoint_block};
use super::{PageCx, PropDraft, read_props, read_props_of, strip_liquid, typed_name};
use crate::markdown::{self, Block, Inline};
use crate::model::{Endpoint, Event, Example, Model, Resource};

enum Section {
    Preamble,
    /// The object's description, before `## Properties`.
    Object(String),
    /// Properties of the resource, or (a group like `device.properties`) of
    /// one of its object properties.
    Properties {
        resource: String,
        under: Option<String>,
    },
    /// Errors or warnings of the resource: the variants of that list, tagged
    /// by the field.
    Codes(Codes),
    Events,
    Endpoints,
    Other,
}

pub(super) fn read(blocks: &[Block], cx: &mut PageCx, out: &mut Model) {
    let mut section = Section::Preamble;
    // The level of the heading that opened `Section::Other` deliberately
    // (`## Resources`): headings below it stay there.
    let mut other_level = u8::MAX;
    let mut pending: Vec<&Block> = Vec::new();
    let mut event: Option<Event> = None;
    let mut endpoint: Option<Endpoint> = None;
    let mut code: Option<(String, usize, Vec<String>)> = None;
    let mut resource: Option<String> = None;
    let mut tab_title: Option<String> = None;
    // A note above every object (`{% hint %} Early Access Preview...`): it
    // starts the description of each object the page describes.
    let mut preamble: Vec<String> = Vec::new();

    for block in blocks {
        if let Block::Heading { level, inlines, at } = block {
            flush(&mut pending, &section, cx, out);
            finish_code(&mut code, codes_of(&section), cx, out);
            finish_event(&mut event, out);
            finish_endpoint(&mut endpoint, out);
            let title = markdown::plain_text(inlines);
            let title = title.trim();
            if *level == 1 {
                section = Section::Preamble;
                continue;
            }
            // `## `access_code.created``: one event (Mintlify's events pages).
            if let [Inline::Code { text, at: code_at }] = markdown::significant(inlines).as_slice()
                && is_event_type(text)
            {
                event = Some(Event::new(text.clone(), cx.src(*code_at)));
                section = Section::Events;
                continue;
            }
            // `The device Object`, or a view of it for some devices: `The
            // device Object for Thermostats` (merged into `device`).
            let object = title.strip_prefix("The ").and_then(|t| match t.split_once(" Object for ") {
                Some((name, _)) => Some(name),
                None => t.strip_suffix(" Object"),
            });
            if let Some(name) = object {
                let name = name.trim_matches('`').to_owned();
                out.resources.entry(name.clone()).or_insert_with(|| Resource::new(name.clone(), cx.src(*at)));
                if !preamble.is_empty() {
                    let r = out.resources.get_mut(&name).expect("just inserted");
                    if r.description.is_none() {
                        r.description = Some(preamble.join("\n\n"));
                    }
                }
                resource = Some(name.clone());
                section = Section::Object(name);
                continue;
            }
            if matches!(section, Section::Other) && *level > other_level {
                continue;
            }
            other_level = u8::MAX;
            section = match (title, &resource) {
                ("Events", _) => Section::Events,
                // A namespace page's list of its resources: links to pages
                // that are read themselves.
                ("Resources", None) => {
                    other_level = *level;
                    Section::Other
                }
                ("Endpoints", _) => Section::Endpoints,
                ("Errors", Some(r)) => Section::Codes(Codes::errors(r.clone())),
                ("Warnings", Some(r)) => Section::Codes(Codes::warnings(r.clone())),
                ("Properties", Some(r)) => Section::Properties { resource: r.clone(), under: None },
                // `## device.properties`: a group of the children of that
                // object property.
                (t, Some(r)) if t.strip_prefix(r.as_str()).and_then(|t| t.strip_prefix('.')).is_some() => {
                    let under = t[r.len() + 1..].to_owned();
                    Section::Properties { resource: r.clone(), under: Some(under) }
                }
                // Headings inside errors or warnings group their codes.
                (_, Some(_)) if matches!(section, Section::Codes(_)) => std::mem::replace(&mut section, Section::Other),
                // Any other heading among the properties is a property
                // group: of the resource, or of the object a group like
                // `device.properties` opened (its sub-groups follow it).
                (_, Some(r)) if matches!(section, Section::Properties { .. }) => {
                    let under = match &section {
                        Section::Properties { under, .. } => under.clone(),
                        _ => None,
                    };
                    Section::Properties { resource: r.clone(), under }
                }
                _ => {
                    cx.warning(
                        *at,
                        format!(
                            "section `{title}` is not understood: expected `## The `name` Object`, `## Properties`, \
                             a property group, `## Errors`, `## Warnings`, `## Events` or `## Endpoints`; its content is not modelled"
                        ),
                    );
                    Section::Other
                }
            };
            continue;
        }

        match &section {
            Section::Object(name) => {
                let r = out.resources.get_mut(name).expect("the section's resource exists");
                match block {
                    // `{% tab title="..." %}`: the title of the example after
                    // it. Other template tags (`{% hint %}`) are not text;
                    // what they hold is.
                    Block::Paragraph { inlines, .. } if is_liquid(block) => {
                        let text = markdown::plain_text(inlines);
                        if let Some(t) = text.split("tab title=\"").nth(1).and_then(|t| t.split('"').next()) {
                            tab_title = Some(t.to_owned());
                        } else {
                            let kept = strip_liquid(&cx.md(inlines));
                            if !kept.is_empty() {
                                push_description(&mut r.description, kept);
                            }
                        }
                    }
                    // A paragraph right after a tab opens describes its
                    // example, not the object.
                    Block::Paragraph { inlines, .. } if tab_title.is_none() => {
                        push_description(&mut r.description, cx.md(inlines));
                    }
                    Block::CodeBlock { lang, title, text, at } if lang == "json" => r.examples.push(Example {
                        title: tab_title.take().or_else(|| title.clone()),
                        json: text.clone(),
                        source: cx.src(*at),
                    }),
                    // A tab (Mintlify's `<Tab title>`): its JSON is an
                    // example of that title; its text describes the example.
                    Block::Details { summary, blocks, .. } => {
                        let tab = markdown::plain_text(summary).trim().to_owned();
                        for b in blocks {
                            if let Block::CodeBlock { lang, title, text, at } = b
                                && lang == "json"
                            {
                                r.examples.push(Example {
                                    title: title.clone().or_else(|| Some(tab.clone())),
                                    json: text.clone(),
                                    source: cx.src(*at),
                                });
                            }
                        }
                    }
                    // The table of contents is navigation.
                    _ => {}
                }
            }
            Section::Properties { .. } => pending.push(block),
            Section::Codes(_) => {
                if let Block::Paragraph { inlines, at } = block
                    && let Some(h) = typed_name(inlines).filter(|h| h.labels.is_empty())
                {
                    finish_code(&mut code, codes_of(&section), cx, out);
                    code = Some((h.name, *at, Vec::new()));
                } else if let Some((_, _, desc)) = code.as_mut() {
                    if let Some(md) = cx.block_md(block) {
                        desc.push(md);
                    }
                } else if !matches!(block, Block::Rule { .. }) {
                    cx.warning(block.at(), "text before any `**`code`**` line; it is not modelled");
                }
            }
            Section::Events => {
                if let Some(h) = match block {
                    Block::Paragraph { inlines, .. } => typed_name(inlines).filter(|h| h.labels.is_empty()),
                    _ => None,
                } {
                    finish_event(&mut event, out);
                    event = Some(Event::new(h.name, cx.src(h.at)));
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
                    (Block::CodeBlock { lang, title, text, at }, Some(ev)) if lang == "json" => {
                        ev.examples.push(Example { title: title.clone(), json: text.clone(), source: cx.src(*at) })
                    }
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
            Section::Preamble => {
                if let Block::Paragraph { inlines, .. } = block {
                    let text = strip_liquid(&cx.md(inlines));
                    if !text.is_empty() {
                        preamble.push(text);
                    }
                }
            }
            Section::Other => {}
        }
    }
    flush(&mut pending, &section, cx, out);
    finish_code(&mut code, codes_of(&section), cx, out);
    finish_event(&mut event, out);
    finish_endpoint(&mut endpoint, out);
}

/// The properties a section gathered, into the resource (or the object
/// property a group is about).
fn flush(pending: &mut Vec<&Block>, section: &Section, cx: &mut PageCx, out: &mut Model) {
    let blocks = std::mem::take(pending);
    let Section::Properties { resource, under } = section else { return };
    if blocks.is_empty() {
        return;
    }
    let props = read_props_of(&blocks, cx);
    let r = out.resources.get_mut(resource).expect("the section's resource exists");
    match under {
        None => r.properties.extend(props),
        Some(parent) => {
            let at = blocks[0].at();
            let target = match r.properties.iter_mut().find(|p| &p.name == parent) {
                Some(p) => p,
                None => {
                    let mut d = PropDraft::new(parent.clone(), at);
                    d.label = Some(("Object".to_owned(), at));
                    r.properties.extend(d.finish(cx));
                    r.properties.last_mut().expect("just added")
                }
            };
            match &mut target.ty {
                crate::model::Type::Object { properties } => properties.extend(props),
                other => cx.warning(
                    at,
                    format!(
                        "group `{}.{parent}` is about a {}, not an object; not modelled",
                        resource,
                        other.docs_label()
                    ),
                ),
            }
        }
    }
}

/// `{% tabs %}` and friends: GitBook's template tags.
pub(super) fn is_liquid(block: &Block) -> bool {
    matches!(block, Block::Paragraph { inlines, .. } if markdown::plain_text(inlines).trim_start().starts_with("{%"))
}

fn codes_of(section: &Section) -> Option<&Codes> {
    match section {
        Section::Codes(c) => Some(c),
        _ => None,
    }
}

/// An event type as an events page heading names it: dotted lower-case
/// words (`access_code.unmanaged.created`).
fn is_event_type(text: &str) -> bool {
    text.contains('.')
        && !text.starts_with('.')
        && !text.ends_with('.')
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
}
