//! Page text: a docs page copied as the web site shows it (seed 003).
//!
//! Every mark is gone; what is left is one line per block:
//!
//! ```text
//! Events                      the page title
//! The event Object            the resource
//! Represents an event ...     its description
//! Properties
//! event_id UUID               a property: name, type word(s)
//! ID of the event.            its description
//! Enum values
//! access_code.createdaccess_code.changed...   the values, run together
//! Endpoints
//! Returns a specified event.  one endpoint per line; the paths are gone
//! Last updated                page chrome: the end of the content
//! ```
//!
//! Run-together values are split by [`super::split`], with what the other
//! pages of the spec know.

use super::split::{self, Knowledge, Part};
use super::{PageCx, TYPE_LABELS, type_from_label};
use crate::diag::Diagnostic;
use crate::model::{Endpoint, EnumValue, Model, Property, Resource, Type};

/// Lines the web site adds around the content.
const CHROME: &[&str] = &["Last updated", "Was this helpful?", "Previous", "Next", "Copy", "Ask AI"];

/// The section headings page text keeps.
const SECTIONS: &[&str] = &["Properties", "Errors", "Warnings", "Events", "Endpoints"];

pub(super) fn read(cx: &mut PageCx, out: &mut Model, knowledge: &Knowledge) {
    let text = cx.file.text.clone();
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let at = offset + (line.len() - line.trim_start().len());
            lines.push((trimmed, at));
        }
        offset += line.len();
    }

    // The page's own prose teaches words too: with no other page in the
    // spec, it and the values are all there is.
    let mut knowledge = knowledge.clone();
    let mut enum_line = false;
    for &(line, _) in &lines {
        if !enum_line {
            knowledge.add_words(line);
        }
        enum_line = line.starts_with("Enum values");
    }
    let knowledge = &knowledge;

    let mut resource: Option<String> = None;
    let mut section = "";
    let mut prop: Option<Draft> = None;
    let mut in_enum = false;
    for (i, &(line, at)) in lines.iter().enumerate() {
        if CHROME.iter().any(|c| line.starts_with(c)) {
            let rest: Vec<&str> = lines[i..].iter().map(|(l, _)| *l).collect();
            cx.diags.push(Diagnostic::info(cx.src(at), format!("page chrome, not content: {}", rest.join(" / "))));
            break;
        }
        if i == 0 {
            // The page title (`Events`): what the page is about, not a fact.
            continue;
        }
        if let Some(name) = line.strip_prefix("The ").and_then(|l| l.strip_suffix(" Object")) {
            finish(&mut prop, resource.as_deref(), cx, out);
            let name = name.trim().to_owned();
            out.resources.entry(name.clone()).or_insert_with(|| Resource::new(name.clone(), cx.src(at)));
            resource = Some(name);
            section = "";
            in_enum = false;
            continue;
        }
        if let Some(s) = SECTIONS.iter().find(|s| **s == line) {
            finish(&mut prop, resource.as_deref(), cx, out);
            section = s;
            in_enum = false;
            if !matches!(*s, "Properties" | "Endpoints") {
                cx.warning(at, format!("section `{s}` in page text is not read yet; its lines are not modelled"));
            }
            continue;
        }
        match section {
            "" => match resource.as_deref().and_then(|r| out.resources.get_mut(r)) {
                Some(r) => push(&mut r.description, line),
                None => cx.warning(at, format!("text before any `The name Object` line is not modelled: `{line}`")),
            },
            "Properties" => {
                if let Some(p) = property_line(line, at, cx) {
                    finish(&mut prop, resource.as_deref(), cx, out);
                    prop = Some(p);
                    in_enum = false;
                    continue;
                }
                let Some(p) = prop.as_mut() else {
                    cx.warning(at, format!("expected a `name Type` property line, found `{line}`; it is not modelled"));
                    continue;
                };
                if line == "Enum values" || line == "Enum values:" {
                    in_enum = true;
                    p.values.get_or_insert_with(Vec::new);
                } else if let Some(v) = line.strip_prefix("Value: ") {
                    p.constant = Some(v.trim().to_owned());
                } else if in_enum {
                    let values = p.values.get_or_insert_with(Vec::new);
                    values.extend(split_values(line, at, &p.name, knowledge, cx));
                } else {
                    push(&mut p.description, line);
                }
            }
            "Endpoints" => out.unnamed_endpoints.push(Endpoint {
                description: Some(line.to_owned()),
                sources: vec![cx.src(at)],
                ..Default::default()
            }),
            _ => {}
        }
    }
    finish(&mut prop, resource.as_deref(), cx, out);
}

struct Draft {
    name: String,
    ty: Type,
    at: usize,
    description: Option<String>,
    values: Option<Vec<EnumValue>>,
    constant: Option<String>,
}

/// `event_id UUID`, `tags List of Strings`: a name and the docs' type words.
fn property_line(line: &str, at: usize, cx: &mut PageCx) -> Option<Draft> {
    let (name, rest) = line.split_once(' ')?;
    if !name.starts_with(|c: char| c.is_ascii_lowercase())
        || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let mut words = rest.split_whitespace();
    let label = words.next()?;
    let mut ty = type_from_label(label)?;
    match (words.next(), words.next(), words.next()) {
        (None, _, _) => {}
        (Some("of"), Some(items), None) if matches!(ty, Type::List { .. }) => {
            let singular = items.strip_suffix('s').unwrap_or(items);
            let singular = if singular == "UUID" { "UUID" } else { singular };
            match type_from_label(singular) {
                Some(item) => ty = Type::List { item: Box::new(item) },
                None => {
                    cx.error(at, format!("unknown item type `{items}` for `{name}`: expected one of {TYPE_LABELS}"))
                }
            }
        }
        // A sentence that happens to start `word Type ...`: a description.
        _ => return None,
    }
    Some(Draft { name: name.to_owned(), ty, at, description: None, values: None, constant: None })
}

fn finish(prop: &mut Option<Draft>, resource: Option<&str>, cx: &mut PageCx, out: &mut Model) {
    let Some(d) = prop.take() else { return };
    let Some(r) = resource.and_then(|r| out.resources.get_mut(r)) else {
        cx.warning(d.at, format!("property `{}` outside any `The name Object` section; it is not modelled", d.name));
        return;
    };
    let ty = match (d.ty, d.values, d.constant) {
        (_, _, Some(value)) => Type::Const { value },
        (Type::Enum { .. } | Type::String, Some(values), None) => Type::Enum { values },
        (Type::List { .. }, Some(values), None) => Type::List { item: Box::new(Type::Enum { values }) },
        (Type::Enum { .. }, None, None) => Type::Enum { values: Vec::new() },
        (t, _, None) => t,
    };
    r.properties.push(Property { description: d.description, ..Property::new(d.name, ty, cx.src(d.at)) });
}

/// The values of one run-together line. A stretch that splits more than
/// one way equally well is kept whole, flagged, and reported.
fn split_values(line: &str, at: usize, prop: &str, knowledge: &Knowledge, cx: &mut PageCx) -> Vec<EnumValue> {
    let source = cx.src(at);
    split::split(line, knowledge)
        .into_iter()
        .map(|part| match part {
            Part::Value(value) => EnumValue::new(value, source.clone()),
            Part::Ambiguous { text, candidates } => {
                let readings: Vec<String> = candidates.iter().map(|c| c.join(" + ")).collect();
                cx.diags.push(Diagnostic::warning(
                    source.clone(),
                    format!(
                        "values of `{prop}` run together and split more than one way equally well; \
                         kept whole as `{text}`. Candidates: {}",
                        readings.join(" | ")
                    ),
                ));
                EnumValue { unsplit: true, ..EnumValue::new(text, source.clone()) }
            }
        })
        .collect()
}

fn push(slot: &mut Option<String>, line: &str) {
    match slot {
        Some(d) => {
            d.push_str("\n\n");
            d.push_str(line);
        }
        None => *slot = Some(line.to_owned()),
    }
}
