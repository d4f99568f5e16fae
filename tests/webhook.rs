//! `seam_types::WebhookVerifier` (the `webhook` and `http` features of the
//! generated crate): Svix's published test vector, several signatures in
//! one header, tampering, the wrong secret, old and future timestamps, the
//! `webhook-*` header names, every kind of headers, and a real event signed
//! here and verified into an `Event`.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use seam_types::webhook::{DEFAULT_TOLERANCE, Headers};
use seam_types::{Event, EventType, WebhookError, WebhookVerifier};

/// Svix's test vector (from its libraries' tests and docs).
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TIMESTAMP: i64 = 1614265330;
const BODY: &[u8] = br#"{"test": 2432232314}"#;
const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

fn svix_headers(signature: &str) -> Vec<(&'static str, String)> {
    vec![
        ("svix-id", ID.to_owned()),
        ("svix-timestamp", TIMESTAMP.to_string()),
        ("svix-signature", signature.to_owned()),
    ]
}

fn webhook() -> WebhookVerifier {
    WebhookVerifier::new(SECRET).unwrap()
}

#[test]
fn svix_test_vector_passes() {
    webhook().verify_signature_at(&svix_headers(SIGNATURE), BODY, TIMESTAMP).unwrap();
    assert_eq!(webhook().sign(ID, TIMESTAMP, BODY), SIGNATURE);
    // The secret without its prefix is the same key.
    WebhookVerifier::new("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        .unwrap()
        .verify_signature_at(&svix_headers(SIGNATURE), BODY, TIMESTAMP)
        .unwrap();
}

#[test]
fn any_matching_entry_of_several_passes() {
    let other = WebhookVerifier::new("whsec_c2VjcmV0IG9mIGFub3RoZXIgZW5kcG9pbnQ=").unwrap().sign(ID, TIMESTAMP, BODY);
    for header in [
        format!("{other} {SIGNATURE}"),
        format!("{SIGNATURE} {other}"),
        format!("v2,abc  {other}  {SIGNATURE} v1,not-base64!"),
        format!("v1a,{} {SIGNATURE}", &SIGNATURE[3..]),
    ] {
        webhook()
            .verify_signature_at(&svix_headers(&header), BODY, TIMESTAMP)
            .unwrap_or_else(|e| panic!("{header}: {e}"));
    }
    // Only `v1` entries count, and only whole ones.
    for header in [other.clone(), format!("v2,{}", &SIGNATURE[3..]), SIGNATURE[3..].to_owned(), String::new()] {
        let err = webhook().verify_signature_at(&svix_headers(&header), BODY, TIMESTAMP).unwrap_err();
        assert!(matches!(err, WebhookError::NoMatchingSignature), "{header}: {err}");
    }
}

#[test]
fn a_tampered_body_or_id_or_timestamp_fails() {
    let err =
        webhook().verify_signature_at(&svix_headers(SIGNATURE), br#"{"test": 2432232315}"#, TIMESTAMP).unwrap_err();
    assert!(matches!(err, WebhookError::NoMatchingSignature), "{err}");
    assert_eq!(err.to_string(), "no signature of the webhook request matches its body");
    let mut headers = svix_headers(SIGNATURE);
    headers[0].1 = "msg_other".into();
    let err = webhook().verify_signature_at(&headers, BODY, TIMESTAMP).unwrap_err();
    assert!(matches!(err, WebhookError::NoMatchingSignature), "{err}");
    let mut headers = svix_headers(SIGNATURE);
    headers[1].1 = (TIMESTAMP + 1).to_string();
    let err = webhook().verify_signature_at(&headers, BODY, TIMESTAMP).unwrap_err();
    assert!(matches!(err, WebhookError::NoMatchingSignature), "{err}");
}

#[test]
fn the_wrong_secret_fails_and_a_bad_one_is_refused() {
    let wrong = WebhookVerifier::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx").unwrap();
    let err = wrong.verify_signature_at(&svix_headers(SIGNATURE), BODY, TIMESTAMP).unwrap_err();
    assert!(matches!(err, WebhookError::NoMatchingSignature), "{err}");
    for bad in ["", "whsec_", "whsec_not base64!", "whsec_====", "   "] {
        let err = WebhookVerifier::new(bad).unwrap_err();
        assert!(matches!(err, WebhookError::BadSecret), "{bad:?}: {err}");
    }
    // The key never shows in `Debug`.
    let debug = format!("{:?}", webhook());
    assert!(!debug.contains("MfKQ") && debug.contains("tolerance"), "{debug}");
}

#[test]
fn timestamps_beyond_the_tolerance_fail_either_way() {
    let headers = svix_headers(SIGNATURE);
    let five_minutes = DEFAULT_TOLERANCE.as_secs() as i64;
    assert_eq!(five_minutes, 300);
    // Within the tolerance, at its edges.
    webhook().verify_signature_at(&headers, BODY, TIMESTAMP + five_minutes).unwrap();
    webhook().verify_signature_at(&headers, BODY, TIMESTAMP - five_minutes).unwrap();
    let err = webhook().verify_signature_at(&headers, BODY, TIMESTAMP + five_minutes + 1).unwrap_err();
    assert!(matches!(err, WebhookError::TooOld { timestamp: TIMESTAMP, .. }), "{err}");
    assert_eq!(err.to_string(), "the webhook request was signed 301s ago, longer than the tolerance");
    let err = webhook().verify_signature_at(&headers, BODY, TIMESTAMP - five_minutes - 1).unwrap_err();
    assert!(matches!(err, WebhookError::TooNew { timestamp: TIMESTAMP, .. }), "{err}");
    // Today, the vector is years old.
    let err = webhook().verify_signature(&headers, BODY).unwrap_err();
    assert!(matches!(err, WebhookError::TooOld { .. }), "{err}");
    // The tolerance is the caller's.
    let patient = webhook().with_tolerance(Duration::from_secs(3600));
    assert_eq!(patient.tolerance(), Duration::from_secs(3600));
    patient.verify_signature_at(&headers, BODY, TIMESTAMP + 3600).unwrap();
    let strict = webhook().with_tolerance(Duration::ZERO);
    strict.verify_signature_at(&headers, BODY, TIMESTAMP).unwrap();
    assert!(strict.verify_signature_at(&headers, BODY, TIMESTAMP + 1).is_err());
    // A huge tolerance does not overflow.
    webhook().with_tolerance(Duration::MAX).verify_signature_at(&headers, BODY, i64::MAX).unwrap();
    webhook().with_tolerance(Duration::MAX).verify_signature_at(&headers, BODY, i64::MIN).unwrap();
}

#[test]
fn a_timestamp_that_is_not_seconds_is_refused() {
    for bad in ["", "-1614265330", "+1614265330", "1614265330.5", "16142653300000000000000", " 1614265330", "now"] {
        let mut headers = svix_headers(SIGNATURE);
        headers[1].1 = bad.to_owned();
        let err = webhook().verify_signature_at(&headers, BODY, TIMESTAMP).unwrap_err();
        assert!(matches!(&err, WebhookError::BadTimestamp(t) if t == bad), "{bad:?}: {err}");
    }
}

#[test]
fn webhook_header_names_and_any_case_are_read() {
    let timestamp = TIMESTAMP.to_string();
    let neutral = [("webhook-id", ID), ("webhook-timestamp", timestamp.as_str()), ("webhook-signature", SIGNATURE)];
    webhook().verify_signature_at(&neutral, BODY, TIMESTAMP).unwrap();
    let shouting = [("Svix-Id", ID), ("SVIX-TIMESTAMP", timestamp.as_str()), ("svix-Signature", SIGNATURE)];
    webhook().verify_signature_at(&shouting, BODY, TIMESTAMP).unwrap();
    // Svix's names first, each header on its own.
    let mixed = [("svix-id", ID), ("webhook-timestamp", timestamp.as_str()), ("svix-signature", SIGNATURE)];
    webhook().verify_signature_at(&mixed, BODY, TIMESTAMP).unwrap();
    for missing in 0..3 {
        let mut headers = neutral.to_vec();
        headers.remove(missing);
        let err = webhook().verify_signature_at(&headers, BODY, TIMESTAMP).unwrap_err();
        let name = ["svix-id", "svix-timestamp", "svix-signature"][missing];
        assert!(matches!(err, WebhookError::MissingHeader(n) if n == name), "{err}");
        assert_eq!(err.to_string(), format!("the webhook request has no `{name}` header"));
    }
}

#[test]
fn every_kind_of_headers_is_read() {
    let timestamp = TIMESTAMP.to_string();
    let pairs = [("svix-id", ID), ("svix-timestamp", timestamp.as_str()), ("svix-signature", SIGNATURE)];
    let check = |headers: &dyn Headers| webhook().verify_signature_at(headers, BODY, TIMESTAMP).unwrap();
    check(&pairs);
    check(&&pairs[..]);
    check(&pairs.to_vec());
    check(&svix_headers(SIGNATURE));
    check(&pairs.iter().map(|(k, v)| (k.to_uppercase(), v.to_string())).collect::<HashMap<String, String>>());
    check(&pairs.iter().copied().collect::<BTreeMap<&str, &str>>());
    let mut map = http::HeaderMap::new();
    for (k, v) in pairs {
        map.insert(http::HeaderName::from_static(k), http::HeaderValue::from_str(v).unwrap());
    }
    check(&map);
    assert_eq!(Headers::get(&map, "SVIX-ID"), Some(ID));
}

/// A real event, signed here as Seam would, verified into an `Event`.
#[test]
fn a_signed_event_verifies_into_an_event() {
    let body = br#"{
        "event_id": "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f",
        "event_type": "device.connected",
        "workspace_id": "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b",
        "device_id": "5f0a3b1c-3333-4d2e-9f8a-0b1c2d3e4f5a",
        "connected_account_id": "7a6b5c4d-4444-4e5f-8a9b-1c2d3e4f5a6b",
        "created_at": "2025-07-01T12:00:00.000Z",
        "occurred_at": "2025-07-01T11:59:58.000Z"
    }"#;
    let now = 1_751_371_200;
    let hook = webhook();
    let signature = hook.sign("msg_2", now - 3, body);
    let timestamp = (now - 3).to_string();
    let headers =
        [("svix-id", "msg_2"), ("svix-timestamp", timestamp.as_str()), ("svix-signature", signature.as_str())];
    let event: Event = hook.verify_at(&headers, body, now).unwrap();
    assert_eq!(event.event_type(), EventType::DeviceConnected);
    let seam_types::EventPayload::DeviceConnected(connected) = &event.payload else { panic!("{event:?}") };
    assert_eq!(connected.device_id.get().unwrap().to_string(), "5f0a3b1c-3333-4d2e-9f8a-0b1c2d3e4f5a");
    assert_eq!(event.event_id.to_string(), "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f");
    // The same with the current clock.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let (timestamp, signature) = (now.to_string(), hook.sign("msg_3", now, body));
    let headers =
        [("svix-id", "msg_3"), ("svix-timestamp", timestamp.as_str()), ("svix-signature", signature.as_str())];
    assert_eq!(hook.verify(&headers, body).unwrap(), event);

    // Signed, but not an event: the error says where.
    let body = br#"{"event_type": "device.connected", "event_id": 12}"#;
    let signature = hook.sign("msg_4", now, body);
    let headers =
        [("svix-id", "msg_4"), ("svix-timestamp", timestamp.as_str()), ("svix-signature", signature.as_str())];
    let err = hook.verify(&headers, body).unwrap_err();
    assert!(matches!(err, WebhookError::NotAnEvent(_)), "{err}");
    assert!(
        err.to_string().starts_with("the webhook body is not an event: event device.connected: event_id:"),
        "{err}"
    );
    assert!(std::error::Error::source(&err).is_some());
    // Svix's vector is signed but is no event.
    let err = hook.verify_at(&svix_headers(SIGNATURE), BODY, TIMESTAMP).unwrap_err();
    assert!(matches!(err, WebhookError::NotAnEvent(_)), "{err}");
    let body = b"{\"event_type\": \"\xff\"}";
    let signature = hook.sign("msg_5", now, body);
    let headers =
        [("svix-id", "msg_5"), ("svix-timestamp", timestamp.as_str()), ("svix-signature", signature.as_str())];
    assert!(matches!(hook.verify(&headers, body), Err(WebhookError::NotUtf8(_))));
}
