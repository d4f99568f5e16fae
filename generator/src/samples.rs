//! Sample JSON for a model: a value of every documented type, as the API
//! would send it. Used to exercise generated crates (forward compatibility,
//! the event-reading benchmark) with payloads shaped by the docs.

use serde_json::{Map, Value, json};

use crate::model::{Model, Type};

/// A JSON value of a documented type.
pub fn sample(ty: &Type) -> Value {
    match ty {
        Type::Uuid => json!("0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f"),
        Type::Datetime => json!("2025-07-24T12:00:00.123456Z"),
        Type::String => json!("some text"),
        Type::Boolean => json!(true),
        Type::Number => json!(42),
        Type::Enum { values } => values.iter().find(|v| !v.unsplit).map_or(json!("value"), |v| json!(v.value)),
        Type::Const { value } => json!(value),
        Type::Ref { .. } => json!({}),
        Type::Object { properties } => {
            Value::Object(properties.iter().map(|p| (p.name.clone(), sample(&p.ty))).collect())
        }
        Type::List { item } => json!([sample(item)]),
        Type::Record => json!({"key": "value"}),
        Type::Any => Value::Null,
        Type::Disputed { documented } => sample(documented),
        Type::Variants { discriminator, variants } => {
            let Some(v) = variants.first() else { return json!({}) };
            let mut m: Map<String, Value> = v.properties.iter().map(|p| (p.name.clone(), sample(&p.ty))).collect();
            m.insert(discriminator.clone(), json!(v.value));
            Value::Object(m)
        }
    }
}

/// One payload per event type the model lists: the common properties and
/// the event's own, keys in the docs' (alphabetical) order.
pub fn event_payloads(model: &Model) -> Vec<(String, String)> {
    let tag = model.event_tag();
    let common: Vec<_> = model.event_object.iter().flat_map(|o| &o.properties).filter(|p| p.name != tag).collect();
    model
        .event_types
        .iter()
        .filter(|v| !v.unsplit)
        .map(|v| {
            let mut payload = std::collections::BTreeMap::new();
            payload.insert(tag.to_owned(), json!(v.value));
            for p in &common {
                payload.insert(p.name.clone(), sample(&p.ty));
            }
            for p in model.events.get(&v.value).into_iter().flat_map(|e| &e.properties) {
                if p.name != tag {
                    payload.insert(p.name.clone(), sample(&p.ty));
                }
            }
            let object: Map<String, Value> = payload.into_iter().collect();
            (v.value.clone(), Value::Object(object).to_string())
        })
        .collect()
}
