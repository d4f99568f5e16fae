//! `seam_types::Client` (the `client` feature of the generated crate)
//! against a real HTTP server on localhost (wiremock), which answers with
//! the docs' own example responses and checks what the client sends:
//! method, path, headers and body, against the docs' example requests (the
//! cURL entries of `x-codeSamples` in `spec/v4/openapi.json`).
//!
//! Covered: authentication (API key; personal access token and its
//! workspace header), the docs' calls, pagination over three pages, an
//! action attempt that succeeds after two polls, one that errors, one that
//! times out, a 429 retried (and a `create` that is not), a Seam error body
//! as a typed error, and the `unlock_door` example.

use std::time::Duration;

use futures_util::TryStreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use seam_types::endpoints::{
    AccessCodesCreateRequest, AccessCodesListRequest, ActionAttemptsGetRequest, ConnectedAccountsGetRequest,
    DevicesGetRequest, DevicesListRequest, LocksUnlockDoorRequest,
};
use seam_types::{Client, ClientError, Endpoint};

#[allow(dead_code, unreachable_pub)]
#[path = "../generated/examples/unlock_door.rs"]
mod unlock_door;

const KEY: &str = "seam_test_key_123";

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A client of `server`, with short waits so that the tests are quick.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_delay(ms(5), ms(200))
        .action_attempt_polling(ms(5), ms(2_000))
        .build()
        .unwrap()
}

/// The cURL sample of `path` in the committed spec: its request body and
/// its response, as JSON. Read here line by line, not by the generator's
/// parser: the body is the here-document (`<<EOF` … `EOF`), the response
/// the `# ` comment lines after `# Response:`.
fn docs_call(endpoint: &str) -> (Value, Value) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/v4/openapi.json")).unwrap();
    let spec: Value = serde_json::from_str(&text).unwrap();
    let samples = spec["paths"][endpoint]["post"]["x-codeSamples"].as_array().unwrap();
    let curl = samples.iter().find(|s| s["label"] == "cURL").unwrap()["source"].as_str().unwrap();
    let lines: Vec<&str> = curl.lines().collect();
    let start = lines.iter().position(|l| l.trim_end().ends_with("<<EOF")).unwrap() + 1;
    let end = start + lines[start..].iter().position(|l| l.trim() == "EOF").unwrap();
    let request = serde_json::from_str(&lines[start..end].join("\n")).unwrap();
    let response_at = lines.iter().position(|l| l.trim() == "# Response:").unwrap() + 1;
    let response: Vec<&str> =
        lines[response_at..].iter().map(|l| l.strip_prefix("# ").or(l.strip_prefix('#')).unwrap()).collect();
    (request, serde_json::from_str(&response.join("\n")).unwrap())
}

/// `value` as request type `T`, then JSON again.
fn typed<T: seam_types::Readable>(value: &Value) -> T {
    seam_types::from_str(&value.to_string()).unwrap()
}

/// Every docs call listed goes out as the docs' request (`POST`, the path,
/// the API key, a JSON body equal to the docs' one), and its answer, the
/// docs' response, reads into the response type and writes back the same.
#[tokio::test]
async fn docs_calls_go_out_and_come_back_as_the_docs_show() {
    async fn check<E: Endpoint + seam_types::Readable>(server: &MockServer, client: &Client)
    where
        E::Response: serde::Serialize,
    {
        let (request, response) = docs_call(E::PATH);
        server.reset().await;
        Mock::given(method("POST"))
            .and(path(E::PATH))
            .and(header("authorization", format!("Bearer {KEY}").as_str()))
            .and(header("content-type", "application/json"))
            .and(body_json(&request))
            .respond_with(ResponseTemplate::new(200).set_body_json(&response))
            .expect(1)
            .mount(server)
            .await;
        let answer = client.send(&typed::<E>(&request)).await.unwrap_or_else(|e| panic!("{}: {e}", E::PATH));
        assert_eq!(serde_json::to_value(&answer).unwrap(), response, "{}", E::PATH);
        server.verify().await;
    }
    let server = MockServer::start().await;
    let client = client(&server);
    check::<DevicesGetRequest>(&server, &client).await;
    check::<DevicesListRequest>(&server, &client).await;
    check::<LocksUnlockDoorRequest>(&server, &client).await;
    check::<ActionAttemptsGetRequest>(&server, &client).await;
    check::<AccessCodesCreateRequest>(&server, &client).await;
    check::<AccessCodesListRequest>(&server, &client).await;
    check::<ConnectedAccountsGetRequest>(&server, &client).await;
}

#[tokio::test]
async fn an_api_key_is_a_bearer_token() {
    let server = MockServer::start().await;
    Mock::given(path("/devices/get"))
        .and(header("authorization", "Bearer seam_key_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"device": {}, "ok": true})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().api_key("seam_key_1").base_url(server.uri()).build().unwrap();
    client.send(&DevicesGetRequest::new()).await.unwrap();
    // No workspace header with an API key.
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("seam-workspace").is_none());
    // The key is never printed.
    assert!(!format!("{:?}", Client::builder().api_key("seam_key_1")).contains("seam_key_1"));
}

#[tokio::test]
async fn a_personal_access_token_sends_its_workspace() {
    let server = MockServer::start().await;
    Mock::given(path("/devices/get"))
        .and(header("authorization", "Bearer seam_at_token"))
        .and(header("seam-workspace", "ws_0001"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"device": {}, "ok": true})))
        .expect(1)
        .mount(&server)
        .await;
    let client =
        Client::builder().personal_access_token("seam_at_token", "ws_0001").base_url(server.uri()).build().unwrap();
    client.send(&DevicesGetRequest::new()).await.unwrap();
    server.verify().await;
    let debug = format!("{:?}", Client::builder().personal_access_token("seam_at_token", "ws_0001"));
    assert!(!debug.contains("seam_at_token") && debug.contains("ws_0001"), "{debug}");
}

#[tokio::test]
async fn no_credentials_is_a_configuration_error() {
    let err = Client::builder().build().unwrap_err();
    assert!(matches!(err, ClientError::Config(_)), "{err:?}");
}

/// Three pages of the docs' device, each with its own ID: the stream
/// yields the six devices in order, and each request after the first
/// carries the previous page's cursor and the caller's filters.
#[tokio::test]
async fn pagination_follows_the_cursor_over_three_pages() {
    let (_, response) = docs_call("/devices/list");
    let device = response["devices"][0].clone();
    let with_id = |n: usize| {
        let mut d = device.clone();
        d["device_id"] = json!(format!("00000000-0000-4000-8000-00000000000{n}"));
        d
    };
    let page = |first: usize, cursor: Option<&str>| {
        json!({
            "devices": [with_id(first), with_id(first + 1)],
            "pagination": {"has_next_page": cursor.is_some(), "next_page_cursor": cursor, "next_page_url": null},
            "ok": true
        })
    };
    let server = MockServer::start().await;
    let cursor_is = |want: Option<&'static str>| {
        move |r: &Request| {
            let body: Value = serde_json::from_slice(&r.body).unwrap();
            body["limit"] == 2 && body.get("page_cursor").and_then(Value::as_str) == want
        }
    };
    for (cursor, answer) in
        [(None, page(1, Some("c2"))), (Some("c2"), page(3, Some("c3"))), (Some("c3"), page(5, None))]
    {
        Mock::given(path("/devices/list"))
            .and(cursor_is(cursor))
            .respond_with(ResponseTemplate::new(200).set_body_json(answer))
            .expect(1)
            .mount(&server)
            .await;
    }
    let mut request = DevicesListRequest::new();
    request.limit = Some(2.into());
    let devices: Vec<seam_types::Device> = client(&server).paginate(request).try_collect().await.unwrap();
    let ids: Vec<String> = devices.iter().map(|d| d.device_id.get().unwrap().to_string()).collect();
    let want: Vec<String> = (1..=6).map(|n| format!("00000000-0000-4000-8000-00000000000{n}")).collect();
    assert_eq!(ids, want);
    server.verify().await;
}

/// An error on the second page ends the stream with that error, after the
/// first page's items.
#[tokio::test]
async fn pagination_stops_at_an_error() {
    let server = MockServer::start().await;
    Mock::given(path("/devices/list"))
        .and(|r: &Request| !String::from_utf8_lossy(&r.body).contains("page_cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "devices": [{"device_id": "00000000-0000-4000-8000-000000000001"}],
            "pagination": {"has_next_page": true, "next_page_cursor": "c2", "next_page_url": null}, "ok": true})))
        .mount(&server)
        .await;
    Mock::given(path("/devices/list"))
        .and(|r: &Request| String::from_utf8_lossy(&r.body).contains("page_cursor"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"error": {"type": "invalid_input", "message": "Invalid page_cursor"}})),
        )
        .mount(&server)
        .await;
    let items: Vec<Result<seam_types::Device, ClientError>> =
        client(&server).paginate(DevicesListRequest::new()).collect_all().await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert!(matches!(&items[1], Err(ClientError::Api(e)) if e.error_type == "invalid_input"), "{:?}", items[1]);
}

trait CollectAll: futures_util::Stream + Sized {
    async fn collect_all(self) -> Vec<Self::Item> {
        use futures_util::StreamExt;
        self.collect().await
    }
}
impl<S: futures_util::Stream> CollectAll for S {}

/// The docs' unlock response with its attempt `pending`, then polls.
fn attempt(status: &str, error: Value) -> Value {
    let (_, response) = docs_call("/action_attempts/get");
    let mut response = response;
    response["action_attempt"]["status"] = json!(status);
    response["action_attempt"]["error"] = error;
    if status != "success" {
        response["action_attempt"]["result"] = Value::Null;
    }
    response
}

async fn mount_polls(server: &MockServer, pending: u64, last: Value) {
    let (request, _) = docs_call("/action_attempts/get");
    Mock::given(path("/action_attempts/get"))
        .and(body_json(&request))
        .respond_with(ResponseTemplate::new(200).set_body_json(attempt("pending", Value::Null)))
        .up_to_n_times(pending)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(path("/action_attempts/get"))
        .and(body_json(&request))
        .respond_with(ResponseTemplate::new(200).set_body_json(last))
        .mount(server)
        .await;
}

fn attempt_id() -> String {
    let (request, _) = docs_call("/action_attempts/get");
    request["action_attempt_id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_action_attempt_that_succeeds_after_two_polls() {
    let server = MockServer::start().await;
    mount_polls(&server, 2, attempt("success", Value::Null)).await;
    let done = client(&server).wait_for_action_attempt(attempt_id()).await.unwrap();
    assert_eq!(done.status.get().map(|s| s.as_str()), Some("success"));
    // Two pending answers, then the success.
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn an_action_attempt_that_errors() {
    let server = MockServer::start().await;
    let error = json!({"type": "lock_jammed", "message": "The lock is jammed."});
    mount_polls(&server, 1, attempt("error", error)).await;
    let err = client(&server).wait_for_action_attempt(attempt_id()).await.unwrap_err();
    match &err {
        ClientError::ActionAttemptFailed(failed) => {
            assert_eq!(failed.error_type, "lock_jammed");
            assert_eq!(failed.message, "The lock is jammed.");
            assert_eq!(failed.action_attempt.status.get().map(|s| s.as_str()), Some("error"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.to_string(), "the action attempt failed: lock_jammed: The lock is jammed.");
}

#[tokio::test]
async fn an_action_attempt_still_pending_when_the_wait_ends() {
    let server = MockServer::start().await;
    mount_polls(&server, u64::MAX, Value::Null).await;
    let client =
        Client::builder().api_key(KEY).base_url(server.uri()).action_attempt_polling(ms(10), ms(60)).build().unwrap();
    let err = client.wait_for_action_attempt(attempt_id()).await.unwrap_err();
    // Still pending, as last answered.
    let ClientError::ActionAttemptTimeout(Some(last)) = &err else { panic!("{err:?}") };
    assert_eq!(last.status.get().map(|s| s.as_str()), Some("pending"));
    // Every 10 ms for 60 ms, the last at the deadline: 7 polls when each
    // answer is instant, fewer on a slow machine, never more.
    let polls = server.received_requests().await.unwrap().len();
    assert!((2..=7).contains(&polls), "{polls} polls");
}

/// A read answered 429 with `Retry-After` is sent again and succeeds.
#[tokio::test]
async fn a_429_is_retried_for_a_read() {
    let (request, response) = docs_call("/devices/get");
    let server = MockServer::start().await;
    Mock::given(path("/devices/get"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "0")
                .set_body_json(json!({"error": {"type": "rate_limited", "message": "Too many requests"}})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/devices/get"))
        .and(body_json(&request))
        .respond_with(ResponseTemplate::new(200).set_body_json(&response))
        .mount(&server)
        .await;
    let answer = client(&server).send(&typed::<DevicesGetRequest>(&request)).await.unwrap();
    assert_eq!(serde_json::to_value(&answer).unwrap(), response);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// Retries stop after `max_retries`, and the last answer is the error.
#[tokio::test]
async fn retries_give_up_with_the_last_error() {
    let server = MockServer::start().await;
    for (n, body) in ["first", "second", "third"].into_iter().enumerate() {
        Mock::given(path("/devices/get"))
            .respond_with(ResponseTemplate::new(503).set_body_string(body))
            .up_to_n_times(1)
            .with_priority(n as u8 + 1)
            .mount(&server)
            .await;
    }
    Mock::given(path("/devices/get"))
        .respond_with(ResponseTemplate::new(503).set_body_string("upstream unavailable"))
        .with_priority(10)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .max_retries(3)
        .retry_delay(ms(1), ms(20))
        .build()
        .unwrap();
    let err = client.send(&DevicesGetRequest::new()).await.unwrap_err();
    match err {
        ClientError::Api(e) => {
            assert_eq!(e.status, 503);
            assert_eq!(e.body, "upstream unavailable");
            assert!(e.error_type.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

/// A `create` is not safe to repeat: a 503 is returned at once, unless the
/// caller asks for retries.
#[tokio::test]
async fn a_create_is_not_retried_unless_asked() {
    let (request, response) = docs_call("/access_codes/create");
    let server = MockServer::start().await;
    Mock::given(path("/access_codes/create"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/access_codes/create"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&response))
        .mount(&server)
        .await;
    let client = client(&server);
    let create = typed::<AccessCodesCreateRequest>(&request);
    let err = client.send(&create).await.unwrap_err();
    assert!(matches!(&err, ClientError::Api(e) if e.status == 503), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    // Asked: the 503 (now used up) is followed by the success.
    server.reset().await;
    Mock::given(path("/access_codes/create"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/access_codes/create"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&response))
        .mount(&server)
        .await;
    client.send_retrying(&create).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// Seam's error body comes out as a typed error, every field of it kept.
#[tokio::test]
async fn a_seam_error_body_is_a_typed_error() {
    let server = MockServer::start().await;
    let body = json!({"error": {
        "type": "invalid_input",
        "message": "Invalid device_id",
        "request_id": "req_0001",
        "validation_errors": {"device_id": {"_errors": ["Invalid uuid"]}}
    }, "ok": false});
    Mock::given(path("/devices/get"))
        .respond_with(ResponseTemplate::new(400).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server).send(&DevicesGetRequest::new()).await.unwrap_err();
    assert_eq!(err.to_string(), "the Seam API answered 400: invalid_input: Invalid device_id");
    let ClientError::Api(e) = err else { panic!("{err:?}") };
    assert_eq!((e.status, e.error_type.as_str(), e.message.as_str()), (400, "invalid_input", "Invalid device_id"));
    assert_eq!(Value::Object(e.error.clone()), body["error"]);
    assert_eq!(e.retry_after, None);
    // A 4xx is not retried, even for a read.
    server.verify().await;
}

/// A success that does not read into the response type says where.
#[tokio::test]
async fn a_response_that_does_not_fit_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(path("/devices/get"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"device": {"device_id": 12}}"#, "application/json"))
        .mount(&server)
        .await;
    let err = client(&server).send(&DevicesGetRequest::new()).await.unwrap_err();
    let ClientError::Decode { path, source } = &err else { panic!("{err:?}") };
    assert_eq!(path, "/devices/get");
    let source = source.as_deref().unwrap();
    assert_eq!(source.path(), "device.device_id");
    assert!(err.to_string().starts_with("the answer of /devices/get does not read: "), "{err}");
}

/// The crate's `unlock_door` example, against the local server: it lists
/// the devices (two pages), unlocks the one that can be unlocked remotely,
/// and waits for the action attempt.
#[tokio::test]
async fn the_unlock_door_example_unlocks_the_lock() {
    let (_, got) = docs_call("/devices/get");
    let (unlock_request, unlock_response) = docs_call("/locks/unlock_door");
    let lock_id = unlock_request["device_id"].clone();
    let mut thermostat = got["device"].clone();
    thermostat["can_remotely_unlock"] = json!(false);
    let mut lock = got["device"].clone();
    lock["device_id"] = lock_id.clone();
    lock["can_remotely_unlock"] = json!(true);
    let server = MockServer::start().await;
    let pages = [
        (
            None,
            json!({"devices": [thermostat], "pagination": {"has_next_page": true, "next_page_cursor": "p2", "next_page_url": null}, "ok": true}),
        ),
        (
            Some("p2"),
            json!({"devices": [lock], "pagination": {"has_next_page": false, "next_page_cursor": null, "next_page_url": null}, "ok": true}),
        ),
    ];
    for (cursor, answer) in pages {
        Mock::given(path("/devices/list"))
            .and(move |r: &Request| {
                serde_json::from_slice::<Value>(&r.body).unwrap().get("page_cursor").and_then(Value::as_str) == cursor
            })
            .respond_with(ResponseTemplate::new(200).set_body_json(answer))
            .expect(1)
            .mount(&server)
            .await;
    }
    let mut pending = unlock_response.clone();
    pending["action_attempt"]["status"] = json!("pending");
    pending["action_attempt"]["result"] = Value::Null;
    Mock::given(path("/locks/unlock_door"))
        .and(body_json(&unlock_request))
        .respond_with(ResponseTemplate::new(200).set_body_json(pending))
        .expect(1)
        .mount(&server)
        .await;
    mount_polls(&server, 1, attempt("success", Value::Null)).await;
    let unlocked = unlock_door::unlock_first_door(&client(&server)).await.unwrap();
    assert_eq!(unlocked.map(|id| id.to_string()), lock_id.as_str().map(str::to_owned));
    server.verify().await;
}

/// A server that answers every page with the cursor it was asked for would
/// make the pages endless: the stream ends with an error instead.
#[tokio::test]
async fn a_repeated_cursor_ends_the_pages() {
    let server = MockServer::start().await;
    Mock::given(path("/devices/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "devices": [{"device_id": "00000000-0000-4000-8000-000000000001"}],
            "pagination": {"has_next_page": true, "next_page_cursor": "same", "next_page_url": null}, "ok": true})))
        .mount(&server)
        .await;
    let items: Vec<Result<seam_types::Device, ClientError>> =
        client(&server).paginate(DevicesListRequest::new()).collect_all().await;
    // The first page, the second (asked with `same`, answering `same`), the error.
    assert_eq!(items.len(), 3);
    assert!(matches!(&items[2], Err(ClientError::RepeatedCursor { path }) if path == "/devices/list"));
}

/// `Retry-After` is honoured: a date in the past is no wait (retried at
/// once), and a wait longer than the longest allowed is not waited for:
/// the error comes back at once, saying what the server asked.
#[tokio::test]
async fn retry_after_as_a_date_and_beyond_the_longest_wait() {
    let server = MockServer::start().await;
    Mock::given(path("/devices/get"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/devices/get"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"device": {}, "ok": true})))
        .mount(&server)
        .await;
    // The backoff alone would wait a minute: the date says no wait.
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_delay(Duration::from_secs(60), Duration::from_secs(120))
        .build()
        .unwrap();
    let start = std::time::Instant::now();
    client.send(&DevicesGetRequest::new()).await.unwrap();
    assert!(start.elapsed() < Duration::from_secs(30), "waited {:?}", start.elapsed());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let server = MockServer::start().await;
    Mock::given(path("/devices/get"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .mount(&server)
        .await;
    let err = self::client(&server).send(&DevicesGetRequest::new()).await.unwrap_err();
    let ClientError::Api(e) = &err else { panic!("{err:?}") };
    assert_eq!((e.status, e.retry_after), (429, Some(Duration::from_secs(3600))));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// A connection refused, after its retries, is an HTTP error that says so.
#[tokio::test]
async fn a_refused_connection_is_an_http_error() {
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::builder()
        .api_key(KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .max_retries(1)
        .retry_delay(ms(1), ms(10))
        .build()
        .unwrap();
    let err = client.send(&DevicesGetRequest::new()).await.unwrap_err();
    assert!(matches!(&err, ClientError::Http(e) if e.is_connect()), "{err:?}");
}

/// Neither a client nor its builder shows its secret.
#[tokio::test]
async fn secrets_stay_out_of_debug() {
    let server = MockServer::start().await;
    let key = "seam_secret_key_987";
    let client = Client::builder().api_key(key).base_url(server.uri()).build().unwrap();
    for debug in [format!("{client:?}"), format!("{:?}", Client::builder().api_key(key))] {
        assert!(!debug.contains(key), "{debug}");
    }
}

/// The stream of pages is `Send` and `'static`: it can be spawned.
#[tokio::test]
async fn pages_can_be_spawned() {
    let server = MockServer::start().await;
    Mock::given(path("/devices/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "devices": [{"device_id": "00000000-0000-4000-8000-000000000001"}],
            "pagination": {"has_next_page": false, "next_page_cursor": null, "next_page_url": null}, "ok": true})))
        .mount(&server)
        .await;
    let pages = client(&server).paginate(DevicesListRequest::new());
    let devices = tokio::spawn(async move { pages.try_collect::<Vec<_>>().await }).await.unwrap().unwrap();
    assert_eq!(devices.len(), 1);
}

/// A cursor that comes back after others (A, B, A) is caught too.
#[tokio::test]
async fn a_cursor_cycle_ends_the_pages() {
    let server = MockServer::start().await;
    for (asked, next) in [(None, "A"), (Some("A"), "B"), (Some("B"), "A")] {
        Mock::given(path("/devices/list"))
            .and(move |r: &Request| {
                serde_json::from_slice::<Value>(&r.body).unwrap().get("page_cursor").and_then(Value::as_str) == asked
            })
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "devices": [{"device_id": "00000000-0000-4000-8000-000000000001"}],
                "pagination": {"has_next_page": true, "next_page_cursor": next, "next_page_url": null}, "ok": true})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let items: Vec<Result<seam_types::Device, ClientError>> =
        client(&server).paginate(DevicesListRequest::new()).collect_all().await;
    assert_eq!(items.len(), 4);
    assert!(matches!(&items[3], Err(ClientError::RepeatedCursor { .. })), "{:?}", items[3]);
    server.verify().await;
}

/// `/connect_webviews/list`: the docs' own answer holds one object where
/// the spec says a list. The response type reads it (the list is a
/// `Loose`, kept as it came); the pages take a real list, and end with a
/// typed error, not silently, at a page holding anything else.
#[tokio::test]
async fn a_page_whose_items_are_not_a_list_ends_the_pages() {
    use seam_types::Loose;
    use seam_types::endpoints::{ConnectWebviewsListRequest, ConnectWebviewsListResponse};
    let (_, docs_answer) = docs_call("/connect_webviews/list");
    let read: ConnectWebviewsListResponse = typed(&docs_answer);
    assert!(matches!(read.connect_webviews.get(), Some(Loose::Other(Value::Object(_)))));
    assert_eq!(serde_json::to_value(&read).unwrap(), docs_answer);

    let server = MockServer::start().await;
    let webview = docs_answer["connect_webviews"].clone();
    let page = |items: Value, next: Value| {
        json!({"connect_webviews": items, "ok": true,
               "pagination": {"has_next_page": !next.is_null(), "next_page_cursor": next, "next_page_url": null}})
    };
    Mock::given(path("/connect_webviews/list"))
        .and(body_json(json!({"page_cursor": "2"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(webview.clone(), Value::Null)))
        .mount(&server)
        .await;
    Mock::given(path("/connect_webviews/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(json!([webview]), json!("2"))))
        .mount(&server)
        .await;
    let items = client(&server).paginate(ConnectWebviewsListRequest::new()).collect_all().await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(
        items[0].as_ref().unwrap().connect_webview_id.get().map(ToString::to_string).as_deref(),
        webview["connect_webview_id"].as_str()
    );
    match &items[1] {
        Err(ClientError::NotAPage { path, found }) => {
            assert_eq!((path.as_str(), &**found), ("/connect_webviews/list", &webview));
        }
        other => panic!("{other:?}"),
    }
}
