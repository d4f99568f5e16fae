//! A downstream crate's view: JSON payloads into the generated types and
//! back, losslessly.

use std::hash::BuildHasher;

use seam_types::action_attempts::ActionAttemptStatus;
use seam_types::events::{AccessCodeCreatedEvent, ActionAttemptLockDoorSucceededEvent, DeviceLowBatteryEvent};
use seam_types::{ActionAttempt, Event, EventPayload, EventType, Field};
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
    // The payload destructures in a pattern; the envelope is the event's own.
    let Event { payload: EventPayload::ActionAttemptLockDoorSucceeded(e), .. } = &event else { panic!("{event:?}") };
    assert_eq!(e.action_attempt_id.get().unwrap().to_string(), "5a9c2c7e-3b5f-4b5c-9e5a-0f6f1a2b3c4d");
    assert_eq!(event.event_id.to_string(), "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f");
    assert_eq!(event.workspace_id.to_string(), "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b");
    assert_eq!(event.created_at.to_rfc3339(), "2025-06-14T16:54:17.946242+00:00");
    assert_eq!(event.occurred_at.timestamp(), 1_749_920_057);
    assert_eq!(event.tag(), "action_attempt.lock_door.succeeded");
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
        assert!(matches!(event.payload, EventPayload::ActionAttemptLockDoorSucceeded(_)));
    }
}

#[test]
fn unlisted_event_type_keeps_the_whole_payload() {
    let payload = json!({
        "event_id": "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f",
        "event_type": "space.renamed",
        "workspace_id": "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b",
        "created_at": "2025-06-14T16:54:17Z",
        "occurred_at": "2025-06-14T16:54:17.000Z",
        "nested": {"a": [1, 2.5, null, true]},
        "created": "not even a date",
        "big": 18446744073709551615u64
    });
    let event: Event = round_trip(&payload);
    let EventPayload::Unknown(e) = &event.payload else { panic!("{event:?}") };
    assert_eq!(e.tag, "space.renamed");
    assert_eq!(event.event_type(), EventType::Unknown("space.renamed".into()));
    assert_eq!(e.fields["nested"]["a"][1], json!(2.5));
    assert_eq!(e.fields["created"], json!("not even a date"));
    // The envelope is read whatever the type: `spec/` pins it.
    assert_eq!(event.created_at.to_rfc3339(), "2025-06-14T16:54:17+00:00");
    assert!(!e.fields.contains_key("created_at"));
    let mut bad = payload.clone();
    bad["created_at"] = json!("not even a date");
    let err = serde_json::from_value::<Event>(bad).unwrap_err().to_string();
    assert!(err.contains("created_at"), "{err}");
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
    let EventPayload::AccessCodeCreated(e) = &event.payload else { panic!("{event:?}") };
    assert_eq!(e.device_id.get().map(|u| u.to_string()).as_deref(), Some("c9cd621d-ef0c-45c8-b608-026ebdb74615"));
    assert_eq!(e.extra.len(), 1);
    assert_eq!(e.extra["brand_new_field"], json!({"x": 1}));
    // The envelope, without matching the variant.
    assert_eq!(event.event_id.to_string(), "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f");
    assert_eq!(event.occurred_at.to_string(), "2025-06-14T16:54:17Z");
    // Payloads match by shape, fields by name.
    let EventPayload::AccessCodeCreated(AccessCodeCreatedEvent { access_code_id, .. }) = &event.payload else {
        panic!()
    };
    assert_eq!(access_code_id.get().map(|u| u.to_string()).as_deref(), Some("e9cf6dd6-89aa-477f-a701-c08f3de13c1f"));
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
    // The crate's own reader too: a known type with a bad body is no event.
    for bad in [&payload, &missing] {
        let text = bad.to_string();
        assert!(seam_types::read_json::<Event>(&text).is_none(), "{text}");
        assert!(seam_types::from_str::<Event>(&text).is_err(), "{text}");
    }
    let mut wrong_type = lock_door_succeeded();
    wrong_type["status"] = json!(1);
    assert!(seam_types::read_json::<Event>(&wrong_type.to_string()).is_none());
    assert!(seam_types::from_str::<Event>(&wrong_type.to_string()).is_err());
    assert!(seam_types::read_json::<Event>(&lock_door_succeeded().to_string()).is_some());

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
    let EventPayload::ActionAttemptLockDoorSucceeded(e) = &event.payload else { panic!() };
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
    use ActionAttemptLockDoorSucceededEvent as E;
    // Read alone, the envelope is among its other properties.
    let ok: E = round_trip(&lock_door_succeeded());
    assert_eq!(ok.extra.len(), 4);
    let mut wrong = lock_door_succeeded();
    wrong["event_type"] = json!("lock.locked");
    let err = serde_json::from_value::<E>(wrong).unwrap_err().to_string();
    assert!(err.contains("action_attempt.lock_door.succeeded"), "{err}");
}

#[test]
fn common_fields_read_from_any_event_known_or_not() {
    let known: Event = serde_json::from_value(lock_door_succeeded()).unwrap();
    assert_eq!(known.event_id.to_string(), "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f");
    assert_eq!(known.workspace_id.to_string(), "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b");
    assert_eq!(known.occurred_at.to_rfc3339(), "2025-06-14T16:54:17.946242+00:00");

    let mut payload = lock_door_succeeded();
    payload["event_type"] = json!("space.renamed");
    let unknown: Event = serde_json::from_value(payload.clone()).unwrap();
    assert!(matches!(unknown.payload, EventPayload::Unknown(_)));
    assert_eq!(unknown.event_id, known.event_id);
    assert_eq!(unknown.created_at, known.created_at);

    // `spec/codegen.yaml` pins the envelope: an event without it is no event.
    payload.as_object_mut().unwrap().remove("event_id");
    let err = serde_json::from_value::<Event>(payload).unwrap_err().to_string();
    assert!(err.contains("missing field `event_id`"), "{err}");
}

/// What a test or a mock server builds: an event from its parts, written as
/// the API would send it.
#[test]
fn events_and_objects_are_built_with_new() {
    let id: seam_types::Uuid = LOWER.parse().unwrap();
    let at: seam_types::Timestamp = "2025-06-14T16:54:17Z".parse().unwrap();
    let mut payload = DeviceLowBatteryEvent::new();
    payload.battery_level = Field::Value(serde_json::Number::from_f64(0.25).unwrap());
    let event = Event::new(at, id, at, id, EventPayload::DeviceLowBattery(payload));
    let text = serde_json::to_string(&event).unwrap();
    let back: Event = serde_json::from_str(&text).unwrap();
    assert_eq!(back, event);
    assert_eq!(back.event_type(), EventType::DeviceLowBattery);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["event_type"], json!("device.low_battery"));
    assert_eq!(v["battery_level"], json!(0.25));
    assert!(v.get("device_id").is_none(), "an absent field is left out: {text}");

    let mut a = ActionAttempt::new();
    a.status = ActionAttemptStatus::Success.into();
    assert_eq!(serde_json::to_value(&a).unwrap(), json!({"status": "success"}));
    assert_eq!(ActionAttempt::default(), ActionAttempt::new());
}

/// `Field` does what an `Option` user reaches for.
#[test]
fn field_is_as_handy_as_an_option() {
    let present: Field<u32> = Field::Value(3);
    let null: Field<u32> = Field::Null;
    assert_eq!(present.as_ref().copied(), Field::Value(3));
    assert_eq!(present.map(|n| n * 2), Field::Value(6));
    assert_eq!(null.map(|n| n * 2), Field::Null);
    assert_eq!(null.unwrap_or(7), 7);
    assert_eq!(Field::<u32>::Absent.unwrap_or_default(), 0);
    assert_eq!(Option::<u32>::from(present), Some(3));
    assert_eq!(present.as_option(), Some(&3));
    assert!(present.is_value() && !null.is_value());
    let copy = present;
    assert_eq!(copy, present, "Field<u32> is Copy");
    let s: Field<String> = Field::Value("x".to_owned());
    assert_eq!(s.as_ref().map(String::len), Field::Value(1));
    assert_eq!(s.as_ref().cloned(), s);
}

// ---------------------------------------------------------------------------
// Exact round-trips: every accepted payload serializes back to the same JSON
// values, strings byte for byte.

/// Reads `text` into `T` (from text and from a `Value`), writes it back as
/// text, and compares with what `serde_json::Value` reads from `text`.
fn exact<T: seam_types::Readable + serde::Serialize + PartialEq + std::fmt::Debug>(text: &str) -> T {
    let want: Value = serde_json::from_str(text).unwrap();
    let typed: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    // serde_json's own parser, with no part of the crate's reader, reads
    // the same; so does the crate's reader, when it reads the text.
    let reference: T = seam_types::read_serde(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(typed, reference, "serde_json::from_str: {text}");
    if let Some(fast) = seam_types::read_json::<T>(text) {
        assert_eq!(fast, reference, "the crate's reader: {text}");
    }
    assert_eq!(seam_types::from_str::<T>(text).unwrap(), typed, "from_str: {text}");
    let back: Value = serde_json::from_str(&serde_json::to_string(&typed).unwrap()).unwrap();
    assert_eq!(back, want, "from text: {text}");
    let again: T = serde_json::from_value(want.clone()).unwrap();
    assert_eq!(serde_json::to_value(&again).unwrap(), want, "from a Value: {text}");
    typed
}

const UPPER: &str = "3F2504E0-4F89-11D3-9A0C-0305E82C3301";
const MIXED: &str = "3f2504E0-4f89-11D3-9a0c-0305e82C3301";
const LOWER: &str = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

#[test]
fn uuids_keep_their_spelling_and_stay_typed() {
    for spelling in [UPPER, MIXED, LOWER, "3f2504e04f8911d39a0c0305e82c3301", "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}"]
    {
        // In an event (read from its entries) and in an object (streamed).
        let event = format!(
            r#"{{"event_id": "{spelling}", "event_type": "action_attempt.lock_door.succeeded",
                "workspace_id": "{UPPER}", "action_attempt_id": "{MIXED}",
                "created_at": "2025-06-14T16:54:17.000Z", "occurred_at": "2025-06-14T18:54:17+02:00"}}"#
        );
        let e: Event = exact(&event);
        assert!(matches!(e.payload, EventPayload::ActionAttemptLockDoorSucceeded(_)));
        let action = format!(r#"{{"action_attempt_id": "{spelling}", "status": "success"}}"#);
        let a: ActionAttempt = exact(&action);
        let id = *a.action_attempt_id.get().unwrap();
        // Typed: equal and hashed by value, whatever the spelling.
        let canonical: seam_types::Uuid = LOWER.parse().unwrap();
        assert_eq!(e.event_id, canonical);
        assert_eq!(id, canonical);
        assert_eq!(*id, uuid_of(LOWER), "derefs to a uuid::Uuid");
        assert_eq!(id.as_uuid(), uuid_of(LOWER));
        let state = std::hash::RandomState::new();
        assert_eq!(state.hash_one(id), state.hash_one(canonical));
        // Written as it came: `Display` too.
        assert_eq!(id.to_string(), spelling);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{spelling}\""));
    }
    // Built in code: the canonical form.
    let built = seam_types::Uuid::from(uuid_of(UPPER));
    assert_eq!(built.to_string(), LOWER);
}

fn uuid_of(s: &str) -> seam_types::uuid::Uuid {
    seam_types::uuid::Uuid::parse_str(s).unwrap()
}

/// Every scalar the types read comes back as the same JSON value: times and
/// IDs spelled as they came, numbers as `serde_json::Value` reads them
/// (`1.0` stays a float, `1e3` is the float 1000, integers beyond 64 bits
/// are floats), strings with escapes as the same string.
#[test]
fn scalars_come_back_as_the_same_json_values() {
    let numbers = [
        "1",
        "1.0",
        "0",
        "-0",
        "-1",
        "1e3",
        "1E3",
        "1.5e-7",
        "0.1",
        "-2.50",
        "9007199254740993",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "1.7976931348623157e308",
        "5e-324",
    ];
    let times = [
        "2025-06-14T16:54:17.000Z",
        "2025-06-14T16:54:00.000Z",
        "2025-06-14T16:54:17+02:00",
        "2025-06-14T16:54:17.946242-05:30",
        "2025-06-14t16:54:17z",
        "2025-06-14T16:54:17.123456789Z",
    ];
    let strings = [r#""plain""#, r#""caf\u00e9 \"q\" \\ \/ \n""#, r#""\ud83d\ude00""#, r#""\u0041""#];
    for n in numbers {
        for t in times {
            for s in strings {
                let event = format!(
                    r#"{{"event_id": "{LOWER}", "event_type": "device.low_battery", "workspace_id": "{MIXED}",
                        "created_at": "{t}", "occurred_at": "{t}", "battery_level": {n},
                        "customer_key": {s}, "unlisted": [{n}, {s}, "{t}", "{UPPER}"]}}"#
                );
                exact::<Event>(&event);
                exact::<DeviceLowBatteryEvent>(&event);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Duplicate keys: the last one wins, everywhere, as in `serde_json::Value`.

fn event_with(entries: &str) -> String {
    format!(
        r#"{{"event_id": "{LOWER}", "workspace_id": "{LOWER}", "created_at": "2025-06-14T16:54:17Z",
            "occurred_at": "2025-06-14T16:54:17Z", {entries}}}"#
    )
}

#[test]
fn duplicate_keys_in_an_object_the_last_wins() {
    let a: ActionAttempt = exact(
        r#"{"status": "pending", "action_attempt_id": null, "status": "success", "x": 1,
            "action_attempt_id": "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "x": {"y": 2}, "result": {"k": 1, "k": 2}}"#,
    );
    assert_eq!(a.status, Field::Value(ActionAttemptStatus::Success));
    assert_eq!(a.action_attempt_id.get().unwrap().to_string(), UPPER);
    assert_eq!(a.extra["x"], json!({"y": 2}));
    assert_eq!(a.result.get().unwrap()["k"], json!(2));
    // An object tagged by `error_code`, as an event by `event_type`.
    use seam_types::access_grants::{AccessGrantError as Error, AccessGrantErrorKind as Kind};
    let tagged =
        r#"{"error_code": "new_code", "message": "a", "error_code": "cannot_create_requested_access_methods"}"#;
    let e = exact::<Error>(tagged);
    assert!(matches!(e.kind, Kind::CannotCreateRequestedAccessMethods(_)));
    assert_eq!((e.code(), e.error_code()), ("cannot_create_requested_access_methods", e.tag()));
    let tagged = r#"{"error_code": "cannot_create_requested_access_methods", "error_code": "new_code"}"#;
    let e = exact::<Error>(tagged);
    assert!(matches!(e.kind, Kind::Unknown(_)));
    assert_eq!(e.code(), "new_code");
}

#[test]
fn duplicate_keys_in_an_event_the_last_wins() {
    // A known type: its properties, and what it does not list.
    let e: Event = exact(&event_with(
        r#""event_type": "device.low_battery", "battery_level": 0.5, "new": 1, "battery_level": 0.25, "new": [2]"#,
    ));
    let EventPayload::DeviceLowBattery(low) = &e.payload else { panic!("{e:?}") };
    assert_eq!(low.battery_level.get().unwrap().as_f64(), Some(0.25));
    assert_eq!(low.extra["new"], json!([2]));

    // The event type itself: the last one, whether known or not.
    for (first, last) in [
        ("lock.locked", "device.low_battery"),
        ("space.renamed", "device.low_battery"),
        ("lock.locked", "space.renamed"),
        ("space.created", "space.renamed"),
    ] {
        let text = event_with(&format!(r#""event_type": "{first}", "battery_level": 1, "event_type": "{last}""#));
        let e: Event = exact(&text);
        assert_eq!(e.event_type().as_str(), last, "{text}");
        if let EventPayload::Unknown(u) = &e.payload {
            assert_eq!(u.tag, last);
            assert!(!u.fields.contains_key("event_type"));
        }
    }
    // An event struct read alone: its own type last is its own.
    let text = event_with(r#""event_type": "lock.locked", "event_type": "device.low_battery""#);
    exact::<DeviceLowBatteryEvent>(&text);
    let text = event_with(r#""event_type": "device.low_battery", "event_type": "lock.locked""#);
    assert!(serde_json::from_str::<DeviceLowBatteryEvent>(&text).is_err());
    // Every occurrence is read, so each must fit the property's type.
    let text = event_with(r#""event_type": "device.low_battery", "battery_level": "low", "battery_level": 1"#);
    assert!(serde_json::from_str::<Event>(&text).is_err());
}

// ---------------------------------------------------------------------------
// Errors say where: the event type, the path to the value, and the line and
// column where the offending value starts.

/// Line and column (1-based, in bytes) of the first `needle` in `text`.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in {text}"));
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
    (line, column)
}

fn error_of<T: seam_types::Readable + std::fmt::Debug>(text: &str) -> seam_types::Error {
    // The plain reader rejects it too.
    assert!(serde_json::from_str::<T>(text).is_err(), "{text}");
    seam_types::from_str::<T>(text).unwrap_err()
}

#[test]
fn errors_in_objects_name_the_path_and_the_value_position() {
    let text = r#"{
  "device_id": "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
  "properties": {
    "name": "Front door",
    "currently_triggering_noise_threshold_ids": ["auto",
      5, "on"]
  }
}"#;
    let err = error_of::<seam_types::Device>(text);
    let (line, column) = position_of(text, "5, \"on\"");
    assert_eq!(err.path(), "properties.currently_triggering_noise_threshold_ids[1]");
    assert_eq!(err.event_type(), None);
    assert_eq!((err.line(), err.column()), (line, column), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "properties.currently_triggering_noise_threshold_ids[1]: invalid type: integer `5`, expected a string \
             at line {line} column {column}"
        )
    );
    // Read with the fast reader it still reads.
    let ok = text.replace("\n      5,", "\n      \"5\",");
    let device: seam_types::Device = seam_types::from_str(&ok).unwrap();
    assert_eq!(device.device_id.get().unwrap().to_string(), UPPER);
}

#[test]
fn errors_in_events_name_the_event_type_the_path_and_the_value_position() {
    // `event_type` after the bad value: the event is read before its type is known.
    let text = r#"{
  "event_id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
  "device_errors": [
    {"created_at": "2025-06-14T16:54:17Z", "error_code": "a", "message": "m"},
    {"error_code": "b",
     "created_at": "yesterday"}
  ],
  "event_type": "access_code.delay_in_setting_on_device",
  "workspace_id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
  "created_at": "2025-06-14T16:54:17Z", "occurred_at": "2025-06-14T16:54:17Z"
}"#;
    let err = error_of::<Event>(text);
    let (line, column) = position_of(text, "\"yesterday\"");
    assert_eq!(err.event_type(), Some("access_code.delay_in_setting_on_device"));
    assert_eq!(err.path(), "device_errors[1].created_at");
    assert_eq!((err.line(), err.column()), (line, column), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "event access_code.delay_in_setting_on_device: device_errors[1].created_at: invalid value: \
             string \"yesterday\", expected an RFC 3339 date and time at line {line} column {column}"
        )
    );

    // A property of the event itself, and a property missing.
    let text = event_with(
        r#""event_type": "device.low_battery",
            "device_id": 12"#,
    );
    let err = error_of::<Event>(&text);
    let (line, column) = position_of(&text, "12");
    assert_eq!(
        err.to_string(),
        format!(
            "event device.low_battery: device_id: invalid type: integer `12`, expected a UUID \
             at line {line} column {column}"
        )
    );
    let err = error_of::<DeviceLowBatteryEvent>(&text);
    assert_eq!(err.path(), "device_id");
    assert_eq!((err.line(), err.column()), (line, column), "{err}");
    let err = error_of::<Event>(r#"{"event_type": "device.low_battery"}"#);
    assert_eq!(err.event_type(), Some("device.low_battery"));
    assert!(err.to_string().starts_with("event device.low_battery: missing field `"), "{err}");

    // Not JSON: where the text breaks.
    let err = error_of::<Event>("{\n  \"event_type\": \"device.low_battery\",\n  \"event_id\" 1}");
    assert_eq!((err.line(), err.column()), (3, 14), "{err}");
    assert!(err.is_syntax());
}

/// What every struct holds stays small: an event is moved whole a few
/// times while it is read, and each byte of it is copied each time.
#[test]
fn the_scalars_every_struct_holds_stay_small() {
    use std::mem::size_of;
    // A pointer: most payloads have no unlisted property.
    assert_eq!(size_of::<seam_types::Extra>(), size_of::<usize>());
    // The instant (12 bytes) and how it was spelled (6).
    assert_eq!(size_of::<seam_types::Timestamp>(), 20);
    // No larger while chrono's date leaves a niche (it does in 0.4.45).
    assert!(size_of::<Option<seam_types::Timestamp>>() <= 24);
}

/// `Debug` of a struct or an event shows its name and the JSON it
/// serializes to: what would be sent, absent properties left out.
#[test]
fn debug_shows_the_json_a_value_serializes_to() {
    let text = r#"{"created_at":"2025-06-14T16:54:17.000Z","device_id":"0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f","event_id":"0e2c7f4a-2222-4c3b-9d2e-7a6b5c4d3e2f","event_type":"device.connected","occurred_at":"2025-06-14T16:54:17.000Z","workspace_id":"8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b","zz_new":[1]}"#;
    let event: Event = seam_types::from_str(text).unwrap();
    let json = serde_json::to_string(&event).unwrap();
    assert_eq!(format!("{event:?}"), format!("Event {json}"));
    assert_eq!(format!("{event:#?}"), format!("Event {}", serde_json::to_string_pretty(&event).unwrap()));
    let EventPayload::DeviceConnected(payload) = &event.payload else { panic!("{event:?}") };
    let shown = format!("{payload:?}");
    assert!(shown.starts_with("DeviceConnectedEvent {"), "{shown}");
    assert!(
        shown.contains(r#""device_id":"0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f""#) && shown.contains(r#""zz_new":[1]"#),
        "{shown}"
    );
    assert!(format!("{:?}", event.payload).starts_with("EventPayload {"), "{:?}", event.payload);
}

/// A time is read only when it can be written back as it came: any other
/// spelling is an error, never a payload silently respelled.
#[test]
fn times_are_read_only_when_they_can_be_written_back_as_they_came() {
    use seam_types::Timestamp;
    for ok in [
        "2025-06-14T16:54:17Z",
        "2025-06-14 16:54:17Z",
        "2025-06-14t16:54:17.123456789z",
        "2025-06-14T16:54:17.000+02:00",
        "2025-06-14T16:54:17-00:00",
    ] {
        let t: Timestamp = serde_json::from_str(&format!("\"{ok}\"")).unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{ok}\""));
    }
    for bad in [
        "2025-06-14T16:54:17.0000000001Z",
        " 2025-06-14T16:54:17Z",
        "2025-06-14T16:54:17Z\r",
        "2025-07- 4T16:54:17Z",
        "2016-12-31T23:59:60Z",
        "2025-06-14T16:54:17",
    ] {
        assert!(Timestamp::parse(bad).is_none(), "{bad:?} was read");
        assert!(serde_json::from_str::<Timestamp>(&serde_json::to_string(bad).unwrap()).is_err(), "{bad:?}");
    }
}

// ---------------------------------------------------------------------------
// The crate's own JSON reader (behind `seam_types::from_str`) against
// serde_json, the reference: what it reads, serde_json reads the same; what
// it is unsure of, it leaves to serde_json.

/// The event examples of the committed docs (every event page's JSON, and
/// the spec's), one JSON text each.
fn docs_events() -> Vec<String> {
    let (model, _) = seam_codegen::build_model(&seam_codegen_tests::spec());
    let examples =
        model.event_object.iter().flat_map(|o| &o.examples).chain(model.events.values().flat_map(|e| &e.examples));
    examples
        .map(|ex| ex.json.clone())
        .filter(|j| serde_json::from_str::<Value>(j).is_ok_and(|v| v.is_object()))
        .collect()
}

/// `text` read by the crate's reader and by serde_json: the crate's reader
/// gives up or reads the same; `from_str` agrees with serde_json.
fn agrees(text: &str) {
    // serde_json's own parser, with no part of the crate's reader.
    let reference = seam_types::read_serde::<Event>(text);
    assert_eq!(serde_json::from_str::<Event>(text).ok().as_ref(), reference.as_ref().ok(), "{text}");
    if let Some(fast) = seam_types::read_json::<Event>(text) {
        match &reference {
            Ok(e) => assert_eq!(&fast, e, "{text}"),
            Err(err) => panic!("the crate's reader read what serde_json rejects ({err}): {text}"),
        }
    }
    assert_eq!(seam_types::from_str::<Event>(text).ok(), reference.ok(), "{text}");
}

#[test]
fn the_crate_reader_reads_every_docs_event_as_serde_json_does() {
    let events = docs_events();
    assert!(events.len() > 100, "only {} event examples", events.len());
    for text in &events {
        // Not left to serde_json: the fast path is the one taken.
        let fast = seam_types::read_json::<Event>(text).unwrap_or_else(|| panic!("the crate's reader gave up: {text}"));
        let reference: Event = seam_types::read_serde(text).unwrap();
        assert_eq!(fast, reference);
        assert_eq!(serde_json::to_value(&fast).unwrap(), serde_json::from_str::<Value>(text).unwrap(), "{text}");
        // Known types into their variants.
        let known = EventType::from(fast.event_type().as_str());
        assert!(!matches!(known, EventType::Unknown(_)), "{text}");
        assert!(!matches!(fast.payload, EventPayload::Unknown(_)), "{text}");
        agrees(text);
    }
}

#[test]
fn unlisted_properties_read_as_a_map_and_change_like_one() {
    let base = lock_door_succeeded();
    let mut with = base.as_object().unwrap().clone();
    with.insert("zeta".into(), json!({"deep": [1, 2.5, "three", null, true]}));
    with.insert("alpha".into(), json!("a\u{e9}\n\"quoted\""));
    let text = Value::Object(with).to_string();
    let from_text = seam_types::read_json::<Event>(&text).expect("the crate's reader reads it");
    let from_serde: Event = seam_types::read_serde(&text).unwrap();
    let EventPayload::ActionAttemptLockDoorSucceeded(kept) = &from_text.payload else { panic!("{from_text:?}") };
    let EventPayload::ActionAttemptLockDoorSucceeded(read) = &from_serde.payload else { panic!("{from_serde:?}") };
    assert!(!kept.extra.is_empty());
    assert_eq!(kept.extra, read.extra);
    assert_eq!(kept.extra.len(), 2);
    assert_eq!(kept.extra["zeta"]["deep"][1], json!(2.5));
    assert_eq!(kept.extra.get("alpha"), Some(&json!("a\u{e9}\n\"quoted\"")));
    let keys: Vec<&String> = (&kept.extra).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["alpha", "zeta"]);
    assert_eq!(format!("{:?}", kept.extra), format!("{:?}", read.extra));
    assert_eq!(seam_types::Map::from(kept.extra.clone()), *read.extra);

    // More than the reader keeps waiting at once (eight), some before the
    // listed properties and some after.
    let mut many = base.as_object().unwrap().clone();
    for i in 0..19 {
        many.insert(format!("{}_{i:02}", if i % 2 == 0 { "aa" } else { "zz" }), json!([i, {"n": i}]));
    }
    let text = Value::Object(many).to_string();
    let fast = seam_types::read_json::<Event>(&text).expect("the crate's reader reads it");
    assert_eq!(fast, seam_types::read_serde::<Event>(&text).unwrap());
    let EventPayload::ActionAttemptLockDoorSucceeded(e) = &fast.payload else { panic!("{fast:?}") };
    assert_eq!(e.extra.len(), 19);
    assert_eq!(e.extra["zz_17"], json!([17, {"n": 17}]));
    assert_eq!(serde_json::to_value(&fast).unwrap(), serde_json::from_str::<Value>(&text).unwrap());

    // Changed through `DerefMut`: the map counts from then on, for
    // equality and when written.
    let mut changed = from_text.clone();
    let EventPayload::ActionAttemptLockDoorSucceeded(e) = &mut changed.payload else { unreachable!() };
    e.extra.remove("alpha");
    e.extra.insert("omega".into(), json!(1));
    assert_ne!(changed, from_text);
    let written = serde_json::to_value(&changed).unwrap();
    assert_eq!(written["omega"], json!(1));
    assert_eq!(written["zeta"], json!({"deep": [1, 2.5, "three", null, true]}));
    assert!(written.get("alpha").is_none());
    assert_eq!(serde_json::from_value::<Event>(written).unwrap(), changed);

    // None at all, however made.
    let plain = seam_types::read_json::<Event>(&base.to_string()).unwrap();
    let EventPayload::ActionAttemptLockDoorSucceeded(p) = &plain.payload else { unreachable!() };
    assert!(p.extra.is_empty());
    assert_eq!(p.extra, seam_types::Extra::new());
    assert_eq!(p.extra, seam_types::Extra::from(seam_types::Map::new()));
    assert_ne!(p.extra, kept.extra);
    let collected: seam_types::Extra = [("k".to_owned(), json!([]))].into_iter().collect();
    assert_eq!(collected.into_map(), *json!({"k": []}).as_object().unwrap());
}

#[test]
fn metadata_maps_read_as_serde_json_reads_them() {
    let event = |metadata: &str| {
        format!(
            "{{\"access_code_id\":\"5a9c2c7e-3b5f-4b5c-9e5a-0f6f1a2b3c4d\",\"created_at\":\"2025-06-14T16:54:17Z\",\
             \"device_custom_metadata\":{metadata},\"event_id\":\"0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f\",\
             \"event_type\":\"access_code.created\",\"occurred_at\":\"2025-06-14T16:54:17Z\",\
             \"workspace_id\":\"8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b\"}}"
        )
    };
    let good = [
        "{}",
        " { } ",
        "{\"a\":1,\"b\":[true,null,{\"c\":\"d\"}],\"e\":-2.5e3}",
        // The last of a key that comes twice counts.
        "{\"a\":1,\"a\":2}",
        "{\"\\u0061\":\"x\\n\",\"a\":\"y\"}",
    ];
    for metadata in good {
        let text = event(metadata);
        let fast =
            seam_types::read_json::<Event>(&text).unwrap_or_else(|| panic!("the crate's reader gave up: {text}"));
        assert_eq!(fast, seam_types::read_serde::<Event>(&text).unwrap(), "{text}");
        let EventPayload::AccessCodeCreated(e) = &fast.payload else { panic!("{fast:?}") };
        let want: Value = serde_json::from_str(metadata).unwrap();
        assert_eq!(e.device_custom_metadata.as_option().map(|m| Value::Object(m.clone())), Some(want), "{text}");
    }
    for metadata in ["{,}", "{\"a\":1,}", "{\"a\"}", "[]", "\"{}\"", "{\"a\":1", "{\"a\":tru}"] {
        agrees(&event(metadata));
        assert!(seam_types::from_str::<Event>(&event(metadata)).is_err(), "{metadata}");
    }
}

#[test]
fn the_crate_reader_and_serde_json_agree_on_edge_cases() {
    let base = lock_door_succeeded().to_string();
    let cases = [
        base.clone(),
        format!(" \n\t{base}\r\n "),
        base.replace(',', " ,\n "),
        base.replace(':', " : "),
        // Escapes, in values and keys.
        base.replace("LOCK_DOOR", "LOCK\\u005fDOOR"),
        base.replace("\"status\"", "\"st\\u0061tus\""),
        base.replace("success", "succ\\\"ess"),
        base.replace("action_attempt.lock_door.succeeded", "action_attempt.lock\\u005fdoor.succeeded"),
        // Not JSON, or not all of it.
        format!("{base} x"),
        format!("{base},"),
        format!("{base}{base}"),
        format!("{base} ]"),
        format!("{base}\n}}"),
        format!("{},}}", &base[..base.len() - 1]),
        base.replacen('{', "{\"a\":{\"b\":1,},", 1),
        base.replacen('{', "{\"a\":{,},", 1),
        base.replacen('{', "{\"a\":{\"b\" 1},", 1),
        base.replacen('{', "{\"a\":{\"b\":1 \"c\":2},", 1),
        base.replacen('{', "{\"a\":[1 2],", 1),
        base.replacen('{', "{\"a\":{\"b\":[1,{}]},", 1),
        base[..base.len() - 1].to_owned(),
        base.replace("\"LOCK_DOOR\"", "\"LOCK\nDOOR\""),
        base.replace("\"LOCK_DOOR\"", "LOCK_DOOR"),
        base.replacen('{', "{,", 1),
        base.replacen('{', "{\"a\":1,,", 1),
        base.replacen('{', "{\"a\":[1,],", 1),
        base.replacen('{', "{\"a\":[,1],", 1),
        base.replacen('{', "{\"a\":01,", 1),
        base.replacen('{', "{\"a\":1.,", 1),
        base.replacen('{', "{\"a\":-,", 1),
        base.replacen('{', "{\"a\":1e,", 1),
        base.replacen('{', "{\"a\":tru,", 1),
        base.replacen('{', "{\"a\":nul,", 1),
        base.replacen('{', "{\"a\" 1,", 1),
        // Times with escapes, too short, or not ending where they seem to.
        base.replacen("16:54:17.946242Z", "16:54:17\\u002e946242Z", 1),
        base.replacen("16:54:17.946242Z", "16:54:17.946242\\u005a", 1),
        base.replacen("2025-06-14T16:54:17.946242Z", "2025-06-14T16:54", 1),
        base.replacen("2025-06-14T16:54:17.946242Z", "2025-06-14T16:54:17Z\\\"", 1),
        base.replacen("2025-06-14T16:54:17.946242Z", "2025-06-14T16:54:17.946242Z\\n", 1),
        base.replacen("2025-06-14T16:54:17.946242Z", "2025-06-14T16:54:17.946242+23:59", 1),
        base.replacen("2025-06-14T16:54:17.946242Z", "2025-06-14T16:54:17.946242+24:00", 1),
        // Strings among unlisted properties, kept as text: escapes serde_json
        // takes and ones it does not (a lone surrogate, an unknown escape).
        base.replacen('{', "{\"a\":\"\\u00e9\\n\\ud83d\\ude00\\/\",", 1),
        base.replacen('{', "{\"a\":\"\\ud800\",", 1),
        base.replacen('{', "{\"a\":[\"\\ud800x\"],", 1),
        base.replacen('{', "{\"a\":\"\\x\",", 1),
        base.replacen('{', "{\"a\":{\"b\\u0000\":\"\\u12\"},", 1),
        base.replacen('{', "{\"a\":\"tab\there\",", 1),
        // Numbers, as serde_json reads them.
        base.replacen(
            '{',
            "{\"a\":[0,-0,1.5e3,-1E-2,18446744073709551615,18446744073709551616,-9223372036854775809,1e400],\
             \"b\":[7,-7,999999999999999999,-999999999999999999,1000000000000000000,-9223372036854775808,10,-10],",
            1,
        ),
        // Duplicates: the last wins; a tag that disagrees.
        base.replacen('{', "{\"status\":\"pending\",", 1),
        base.replacen('{', "{\"event_type\":\"lock.locked\",", 1),
        format!("{}, \"event_type\":\"lock.locked\"}}", &base[..base.len() - 1]),
        format!("{}, \"event_type\":\"action_attempt.lock_door.succeeded\"}}", &base[..base.len() - 1]),
        // A tag elsewhere before the object's own: in a nested object, in a
        // string; or only there.
        base.replacen('{', "{\"a\":{\"event_type\":\"lock.locked\"},", 1),
        base.replacen('{', "{\"a\":[{\"event_type\":\"action_attempt.lock_door.succeeded\"}],", 1),
        base.replacen('{', "{\"a\":\"\\\"event_type\",\"b\":\"event_type\",", 1),
        base.replace("\"event_type\"", "\"event_kind\"").replacen(
            '{',
            "{\"a\":{\"event_type\":\"action_attempt.lock_door.succeeded\"},",
            1,
        ),
        base.replace("\"event_type\"", "\"event_kind\""),
        base.replace("action_attempt.lock_door.succeeded", "x.y").replacen('{', "{\"a\":{\"event_type\":\"x.y\"},", 1),
        // serde_json's marker of a number as text, as a key.
        base.replacen('{', "{\"a\":{\"$serde_json::private::Number\":\"1\"},", 1),
        base.replacen('{', "{\"a\":{\"$serde_json::private::Number\":5},", 1),
        base.replacen('{', "{\"$serde_json::private::Number\":\"1\",", 1),
        // Deep nesting, past serde_json's limit and below it.
        base.replacen('{', &format!("{{\"a\":{}1{},", "[".repeat(99), "]".repeat(99)), 1),
        base.replacen('{', &format!("{{\"a\":{}1{},", "[".repeat(200), "]".repeat(200)), 1),
        // Not an object; nothing.
        "[]".to_owned(),
        String::new(),
        "null".to_owned(),
    ];
    for text in &cases {
        agrees(text);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// A docs event, edited: bytes replaced, inserted or cut, anywhere.
    #[test]
    fn the_crate_reader_and_serde_json_agree_on_edited_events(
        which in 0usize..1000,
        edits in proptest::collection::vec((0usize..10_000, 0u8..4, proptest::sample::select(
            vec![" ", "\"", "\\", ",", ":", "{", "}", "[", "]", "0", "-", "e", "null", "true", "\\u0041", "\n", "\u{1}", "é"]
        )), 1..4),
    ) {
        static EVENTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        let events = EVENTS.get_or_init(docs_events);
        let mut text = events[which % events.len()].clone();
        for (at, how, what) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match how {
                0 => text.insert_str(at, what),
                1 => {
                    let end = text[at..].char_indices().nth(1).map_or(text.len(), |(i, _)| at + i);
                    text.replace_range(at..end, what);
                }
                2 => {
                    let end = text[at..].char_indices().nth(3).map_or(text.len(), |(i, _)| at + i);
                    text.replace_range(at..end, "");
                }
                _ => text.insert_str(at, &format!("\"k\":{what},")),
            }
        }
        agrees(&text);
    }
}
