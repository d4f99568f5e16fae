//! A downstream crate's view: JSON payloads into the generated types and
//! back, losslessly.

use seam_types::{ActionAttempt, ActionAttemptStatus, Event, EventType, Field};
use serde_json::{Value, json};

fn lock_door_succeeded() -> Value {
    json!({
        "action_attempt_id": "5a9c2c7e-3b5f-4b5c-9e5a-0f6f1a2b3c4d",
        "action_type": "LOCK_DOOR",
        "created_at": "2025-06-14T16:54:17.946242Z",
        "event_id": "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f",
        "event_type": "action_attempt.lock_door.succeeded",
        "occurred_at": "2025-06-14T16:54:17.946242Z",
        "status": "success",
        "workspace_id": "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b"
    })
}

/// Deserializes from text, serializes back, and compares as JSON values.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(payload: &Value) -> T {
    let text = payload.to_string();
    let typed: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(&back, payload, "the payload did not survive the round trip");
    // From a `Value` too (a replayed, owned input).
    let again: T = serde_json::from_value(payload.clone()).unwrap();
    assert_eq!(serde_json::to_value(&again).unwrap(), *payload);
    typed
}

#[test]
fn documented_event_reads_into_its_typed_variant() {
    let event: Event = round_trip(&lock_door_succeeded());
    assert_eq!(event.event_type(), EventType::ActionAttemptLockDoorSucceeded);
    let Event::ActionAttemptLockDoorSucceeded(e) = &event else { panic!("{event:?}") };
    assert_eq!(e.action_attempt_id.get().unwrap().to_string(), "5a9c2c7e-3b5f-4b5c-9e5a-0f6f1a2b3c4d");
    assert_eq!(e.event_id.to_string(), "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f");
    assert_eq!(e.workspace_id.to_string(), "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b");
    assert_eq!(e.created_at.to_rfc3339(), "2025-06-14T16:54:17.946242+00:00");
    assert_eq!(e.occurred_at.timestamp(), 1_749_920_057);
    assert_eq!(e.action_type, Field::Value("LOCK_DOOR".to_owned()));
    assert!(e.extra.is_empty());
}

#[test]
fn order_of_keys_does_not_matter() {
    // `event_type` first, last, and in the middle.
    let mut obj = lock_door_succeeded().as_object().unwrap().clone();
    let tag = obj.remove("event_type").unwrap();
    let mut first = serde_json::Map::new();
    first.insert("event_type".into(), tag.clone());
    first.extend(obj.clone());
    let mut last = obj.clone();
    last.insert("event_type".into(), tag);
    for payload in [Value::Object(first), Value::Object(last)] {
        let event: Event = round_trip(&payload);
        assert!(matches!(event, Event::ActionAttemptLockDoorSucceeded(_)));
    }
}

#[test]
fn unlisted_event_type_keeps_the_whole_payload() {
    let payload = json!({
        "event_id": "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f",
        "event_type": "space.renamed",
        "workspace_id": "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b",
        "created_at": "not even a date",
        "nested": {"a": [1, 2.5, null, true]},
        "big": 18446744073709551615u64
    });
    let event: Event = round_trip(&payload);
    let Event::Unknown(e) = &event else { panic!("{event:?}") };
    assert_eq!(e.event_type, "space.renamed");
    assert_eq!(event.event_type(), EventType::Unknown("space.renamed".into()));
    assert_eq!(e.fields["nested"]["a"][1], json!(2.5));
}

/// An event the current docs document (from the Mintlify tree's
/// `events.mdx` and `openapi.json`): its payload's properties are typed
/// fields, and what the docs do not list stays in `extra`.
#[test]
fn documented_event_types_its_payload_and_keeps_the_rest() {
    let payload = json!({
        "event_id": "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f",
        "event_type": "access_code.created",
        "workspace_id": "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b",
        "created_at": "2025-06-14T16:54:17.946Z",
        "occurred_at": "2025-06-14T16:54:17Z",
        "access_code_id": "e9cf6dd6-89aa-477f-a701-c08f3de13c1f",
        "device_id": "c9cd621d-ef0c-45c8-b608-026ebdb74615",
        "brand_new_field": {"x": 1}
    });
    let event: Event = round_trip(&payload);
    let Event::AccessCodeCreated(e) = &event else { panic!("{event:?}") };
    assert_eq!(e.device_id.get().map(|u| u.to_string()).as_deref(), Some("c9cd621d-ef0c-45c8-b608-026ebdb74615"));
    assert_eq!(e.extra.len(), 1);
    assert_eq!(e.extra["brand_new_field"], json!({"x": 1}));
    // The envelope, without matching the variant.
    assert_eq!(event.event_id().map(|u| u.to_string()).as_deref(), Some("0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f"));
    assert!(event.occurred_at().is_some());
}

#[test]
fn known_event_type_with_a_body_that_does_not_fit_is_an_error() {
    let mut payload = lock_door_succeeded();
    payload["action_attempt_id"] = json!("not-a-uuid");
    let err = serde_json::from_value::<Event>(payload.clone()).unwrap_err().to_string();
    assert!(err.contains("invalid"), "{err}");
    let err = serde_json::from_str::<Event>(&payload.to_string()).unwrap_err().to_string();
    assert!(err.contains("invalid"), "{err}");

    let mut missing = lock_door_succeeded();
    missing.as_object_mut().unwrap().remove("event_id");
    let err = serde_json::from_str::<Event>(&missing.to_string()).unwrap_err().to_string();
    assert!(err.contains("missing field `event_id`"), "{err}");

    let err = serde_json::from_str::<Event>(r#"{"event_id": "x"}"#).unwrap_err().to_string();
    assert!(err.contains("missing field `event_type`"), "{err}");
    let err = serde_json::from_str::<Event>("[1]").unwrap_err().to_string();
    assert!(err.contains("an event object"), "{err}");
}

#[test]
fn unlisted_fields_nulls_and_enum_values_survive() {
    let mut payload = lock_door_succeeded();
    payload["status"] = Value::Null;
    payload["action_type"] = json!("SOMETHING_NEW");
    payload["brand_new_field"] = json!({"deep": [1, "two"]});
    payload.as_object_mut().unwrap().remove("action_attempt_id");
    let event: Event = round_trip(&payload);
    let Event::ActionAttemptLockDoorSucceeded(e) = &event else { panic!() };
    assert!(e.status.is_null());
    assert!(e.action_attempt_id.is_absent());
    assert_eq!(e.extra["brand_new_field"], json!({"deep": [1, "two"]}));
}

#[test]
fn action_attempt_object_round_trips_with_unknown_enum_values() {
    let payload = json!({
        "action_attempt_id": "5a9c2c7e-3b5f-4b5c-9e5a-0f6f1a2b3c4d",
        "status": "paused",
        "action_type": "UNLOCK_DOOR",
        "error": null,
        "result": {"anything": true}
    });
    let a: ActionAttempt = round_trip(&payload);
    assert_eq!(a.status, Field::Value(ActionAttemptStatus::Unknown("paused".into())));
    assert_eq!(a.action_type.get().unwrap().as_str(), "UNLOCK_DOOR");
    assert!(a.error.is_null());
    assert_eq!(a.result.get().unwrap()["anything"], json!(true));
}

#[test]
fn event_type_is_a_plain_string_enum() {
    let t: EventType = "lock.locked".parse().unwrap();
    assert_eq!(t, EventType::LockLocked);
    assert_eq!(t.to_string(), "lock.locked");
    assert_eq!(serde_json::to_string(&t).unwrap(), "\"lock.locked\"");
    let u: EventType = serde_json::from_str("\"lock.exploded\"").unwrap();
    assert_eq!(u, EventType::Unknown("lock.exploded".into()));
    assert_eq!(u.as_str(), "lock.exploded");
    assert_eq!(serde_json::to_string(&u).unwrap(), "\"lock.exploded\"");
    let s: ActionAttemptStatus = serde_json::from_str("\"success\"").unwrap();
    assert_eq!(s, ActionAttemptStatus::Success);
}

#[test]
fn event_struct_read_alone_checks_its_tag() {
    use seam_types::ActionAttemptLockDoorSucceededEvent as E;
    let ok: E = round_trip(&lock_door_succeeded());
    assert!(ok.extra.is_empty());
    let mut wrong = lock_door_succeeded();
    wrong["event_type"] = json!("lock.locked");
    let err = serde_json::from_value::<E>(wrong).unwrap_err().to_string();
    assert!(err.contains("action_attempt.lock_door.succeeded"), "{err}");
}

#[test]
fn common_fields_read_from_any_event_known_or_not() {
    let known: Event = serde_json::from_value(lock_door_succeeded()).unwrap();
    assert_eq!(known.event_id().unwrap().to_string(), "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f");
    assert_eq!(known.workspace_id().unwrap().to_string(), "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b");
    assert_eq!(known.occurred_at().unwrap().to_rfc3339(), "2025-06-14T16:54:17.946242+00:00");

    let mut payload = lock_door_succeeded();
    payload["event_type"] = json!("space.renamed");
    let unknown: Event = serde_json::from_value(payload.clone()).unwrap();
    assert!(matches!(unknown, Event::Unknown(_)));
    assert_eq!(unknown.event_id(), known.event_id());
    assert_eq!(unknown.created_at(), known.created_at());

    payload.as_object_mut().unwrap().remove("event_id");
    let bare: Event = serde_json::from_value(payload).unwrap();
    assert_eq!(bare.event_id(), None);
}
