//! The Mintlify layout (docs.seam.co since June 2026): MDX pages.
//!
//! The MDX syntax (front matter, JSX components around Markdown) is read by
//! [`crate::mdx`]. Seam generates these pages from the same templates as the
//! GitBook condensed pages, so their sections follow the same grammar
//! (`## The x Object`, `## Properties`, property groups, `## Errors`,
//! `## Endpoints`; a few hand-written pages keep the `**`prop`** _Type_`
//! shape verbatim). This module lowers the components to the blocks that
//! grammar reads, and `condensed::read` reads the page:
//!
//! ```text
//! <ResponseField name type>   a property (kept as a component; its body
//!                             is read like a property's lines)
//! <Expandable title>          its child properties (a `Child Properties`
//!                             `<details>`)
//! <Accordion title>           a `<details>` with that summary: `Enum
//!                             values`, an event's `Properties`
//! <Tab title>                 a `<details>` too: its JSON is an example
//!                             with that title
//! <Tabs> <ResponseExample>    containers: their content, in place
//! <AccordionGroup> <CodeGroup> <RequestExample>
//! <Card> <CardGroup>          navigation: not modelled
//! ## `event.type`             (`events.mdx`) an event: its description,
//!                             example payload and `Properties`
//! ```
//!
//! Callouts (`<Warning>`...) are transparent in the MDX layer already.
//! On a reference page, a component or attribute not listed here is a
//! warning with its line; on other pages (guides) components are expected
//! and not reported.

use crate::diag::Diagnostic;
use crate::markdown::{Block, Inline};
use crate::mdx;

/// Attributes `<ResponseField>` may carry, and what is made of them.
pub(crate) const FIELD_ATTRS: &[&str] = &["name", "type", "deprecated", "required", "default", "post", "pre"];

/// The page's blocks, components lowered; diagnostics about components
/// (reported only if the page turns out to be a reference page) apart.
pub(super) struct Lowered {
    pub blocks: Vec<Block>,
    pub component_diags: Vec<Diagnostic>,
}

pub(super) fn lower(page: mdx::Page, file: &crate::source::SourceFile) -> Lowered {
    let mut diags = Vec::new();
    let blocks = lower_blocks(page.blocks, file, &mut diags);
    Lowered { blocks, component_diags: diags }
}

fn lower_blocks(blocks: Vec<Block>, file: &crate::source::SourceFile, diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        lower_block(b, file, diags, &mut out);
    }
    out
}

fn summary(text: &str, at: usize) -> Vec<Inline> {
    vec![Inline::Text { text: text.to_owned(), at }]
}

fn lower_block(b: Block, file: &crate::source::SourceFile, diags: &mut Vec<Diagnostic>, out: &mut Vec<Block>) {
    let Block::Component { name, attrs, blocks, at } = b else {
        out.push(match b {
            Block::List { items, columns, at } => Block::List {
                items: items.into_iter().map(|item| lower_blocks(item, file, diags)).collect(),
                columns,
                at,
            },
            Block::Details { summary, blocks, at } => {
                Block::Details { summary, blocks: lower_blocks(blocks, file, diags), at }
            }
            other => other,
        });
        return;
    };
    let title = mdx::attr(&attrs, "title").flatten().map(str::to_owned);
    let mut unknown_attrs = |known: &[&str]| {
        for (k, _) in &attrs {
            if !known.contains(&k.as_str()) {
                diags.push(Diagnostic::warning(
                    file.source(at),
                    format!("attribute `{k}` of `<{name}>` is not understood; it is ignored"),
                ));
            }
        }
    };
    match name.as_str() {
        "ResponseField" => {
            unknown_attrs(FIELD_ATTRS);
            let blocks = lower_blocks(blocks, file, diags);
            out.push(Block::Component { name, attrs, blocks, at });
        }
        "Expandable" | "Accordion" | "Tab" => {
            unknown_attrs(&["title", "icon", "defaultOpen"]);
            let text = title.unwrap_or_else(|| if name == "Expandable" { "Properties".into() } else { name.clone() });
            let blocks = lower_blocks(blocks, file, diags);
            out.push(Block::Details { summary: summary(&text, at), blocks, at });
        }
        "Tabs" | "ResponseExample" | "RequestExample" | "AccordionGroup" | "CodeGroup" | "Frame" | "Steps" | "Step" => {
            out.extend(lower_blocks(blocks, file, diags));
        }
        "Card" | "CardGroup" | "Columns" => {}
        _ => {
            diags.push(Diagnostic::warning(
                file.source(at),
                format!("component `<{name}>` is not understood; its content is read as if it were not there"),
            ));
            out.extend(lower_blocks(blocks, file, diags));
        }
    }
}
