//! Checks of the merged model, before any Rust is emitted: what no single
//! page could see.

use crate::diag::Diagnostic;
use crate::model::{Model, Property, Type};

pub fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    for r in model.resources.values().chain(model.event_object.iter()) {
        props(&r.name, &r.properties, diags);
    }
    for e in model.events.values() {
        props(&e.event_type, &e.properties, diags);
    }
}

fn props(owner: &str, props: &[Property], diags: &mut Vec<Diagnostic>) {
    for p in props {
        let here = format!("{owner}.{}", p.name);
        ty(&here, p, &p.ty, diags);
    }
}

fn ty(here: &str, p: &Property, t: &Type, diags: &mut Vec<Diagnostic>) {
    match t {
        Type::Enum { values } if values.is_empty() => {
            if let Some(at) = p.sources.first() {
                // Not a misreading: the sources show no values (or only in
                // prose). The crate reads every value, as `Unknown`.
                diags.push(Diagnostic::info(
                    at.clone(),
                    format!("enum `{here}` lists no values in any source; every value reads as `Unknown`"),
                ));
            }
        }
        Type::Object { properties } => props(here, properties, diags),
        Type::List { item } => ty(here, p, item, diags),
        Type::Variants { variants, .. } => {
            for v in variants {
                props(&format!("{here}[{}]", v.value), &v.properties, diags);
            }
        }
        _ => {}
    }
}
