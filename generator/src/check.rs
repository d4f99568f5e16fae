//! Checks of the merged model, before any Rust is emitted: what no single
//! page could see, and the model's own invariants.
//!
//! Invariants: no object repeats a property name (each page and spec is
//! deduplicated before merging, and merging joins by name, so a repeat is
//! the generator's bug: an error, never two fields for one JSON key). Child
//! properties hang only off objects, lists' objects and variants: the model's
//! types allow nothing else.

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
    // The first property of each name: objects can hold many properties.
    let mut seen: std::collections::HashMap<&str, &Property> = std::collections::HashMap::with_capacity(props.len());
    for p in props {
        if let Some(first) = seen.get(p.name.as_str()).copied().or_else(|| {
            seen.insert(&p.name, p);
            None
        }) {
            let at = p.sources.first().cloned().unwrap_or_else(|| crate::model::Source::line("<model>", 0));
            let mut d = Diagnostic::error(at, format!("`{owner}.{}` is two properties of one object", p.name))
                .with_code("duplicate-property");
            if let Some(s) = first.sources.first() {
                d = d.with_related(s.clone());
            }
            diags.push(d);
        }
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
        Type::Disputed { documented } => ty(here, p, documented, diags),
        Type::Variants { variants, .. } => {
            for v in variants {
                props(&format!("{here}[{}]", v.value), &v.properties, diags);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Resource, Source};

    #[test]
    fn a_name_twice_in_one_object_is_an_error_naming_both() {
        let mut model = Model::default();
        let mut r = Resource::new("thing", Source::line("a.md", 1));
        let p = |line| Property::new("id", Type::String, Source::line("a.md", line));
        let inner = Property::new("o", Type::Object { properties: vec![p(5), p(7)] }, Source::line("a.md", 4));
        r.properties = vec![p(2), inner, p(3)];
        model.resources.insert("thing".into(), r);
        let mut diags = Vec::new();
        check(&model, &mut diags);
        let errors: Vec<String> =
            diags.iter().filter(|d| d.severity == crate::Severity::Error).map(|d| d.to_string()).collect();
        assert_eq!(
            errors,
            [
                "a.md:7: error[duplicate-property]: `thing.o.id` is two properties of one object\n  see also a.md:5",
                "a.md:3: error[duplicate-property]: `thing.id` is two properties of one object\n  see also a.md:2",
            ]
        );
    }
}
