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

use super::sections::{Codes, finish_code, finish_endpoint, finish_event, push_description, read_endpoint_block};
use super::{PageCx, PropDraft, format_draft};
use crate::markdown::{self, Block, Inline};
use crate::model::{Endpoint, Event, Model, Resource};

enum Section {
    /// Before the first `##` heading.
    Preamble,
    Resource(String),
    /// `## Errors` / `## Warnings` of a resource: the shapes of that list.
    Codes(Codes),
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
            finish_code(&mut code, codes_of(&section), cx, out);
            let heading_code = heading_code(inlines);
            let title = markdown::plain_text(inlines);
            match (level, heading_code, &section) {
                (1, _, _) => section = Section::Preamble,
                (2, Some(name), _) => {
                    resource = Some(name.clone());
                    out.resources.entry(name.clone()).or_insert_with(|| Resource::new(name.clone(), cx.src(*at)));
                    section = Section::Resource(name);
                }
                (2, None, _) if title.trim() == "Events" => section = Section::Events,
                (2, None, _) if title.trim() == "Endpoints" => section = Section::Endpoints,
                // A namespace page's list of its resources: links to pages
                // that are read themselves.
                (2, None, _) if title.trim() == "Resources" => section = Section::Other,
                (2, None, _) if title.trim() == "Errors" && resource.is_some() => {
                    section = Section::Codes(Codes::errors(resource.clone().expect("checked")))
                }
                (2, None, _) if title.trim() == "Warnings" && resource.is_some() => {
                    section = Section::Codes(Codes::warnings(resource.clone().expect("checked")))
                }
                (2, None, _) => {
                    cx.warning(*at, format!("section `{}` is not understood: expected `## `resource``, `## Events` or `## Endpoints`; its content is not modelled", title.trim()));
                    section = Section::Other;
                }
                (3, Some(name), Section::Resource(_)) => prop = Some(PropDraft::new(name, *at)),
                (3, Some(name), Section::Codes(_)) => code = Some((name, *at, Vec::new())),
                (3, Some(name), Section::Endpoints) if name.starts_with('/') => {
                    endpoint = Some(Endpoint { path: name, sources: vec![cx.src(*at)], ..Default::default() })
                }
                (3, Some(name), Section::Events) => event = Some(Event::new(name, cx.src(*at))),
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
            Section::Codes(_) => match code.as_mut() {
                Some((_, _, desc)) => desc.extend(cx.block_md(block)),
                None if matches!(block, Block::Rule { .. }) => {}
                None => cx.warning(block.at(), "text before any `### `code`` heading; it is not modelled"),
            },
            Section::Endpoints => read_endpoint_block(block, &mut endpoint, cx, out),
            Section::Preamble | Section::Other => {}
        }
    }
    finish_code(&mut code, codes_of(&section), cx, out);
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

fn codes_of(section: &Section) -> Option<&Codes> {
    match section {
        Section::Codes(c) => Some(c),
        _ => None,
    }
}
