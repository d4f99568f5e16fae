//! Calling the API (the `client` feature).
//!
//! A [`Client`] sends any request type of [`endpoints`](crate::endpoints)
//! and reads the answer into its response type:
//!
//! ```no_run
//! use seam_types::Client;
//! use seam_types::endpoints::DevicesGetRequest;
//!
//! # async fn run() -> Result<(), seam_types::ClientError> {
//! let seam = Client::new("seam_test_key")?; // or Client::from_env()
//! let mut request = DevicesGetRequest::new();
//! request.name = Some("Front Door".to_owned());
//! let response = seam.send(&request).await?;
//! println!("{:?}", response.device);
//! # Ok(())
//! # }
//! ```
//!
//! - **Authentication**: an API key, or a personal access token and the
//!   workspace it acts on (sent as the `seam-workspace` header), both as
//!   `Authorization: Bearer`; see [`ClientBuilder`].
//! - **Errors**: an answer that is not a success is a [`ClientError::Api`]
//!   holding Seam's error object (`{"error": {"type": "invalid_input",
//!   "message": …}}`), every field of it kept.
//! - **Retries**: a call that only reads ([`Endpoint::SAFE`]: the API also
//!   serves it with `GET`) is repeated, with exponential backoff, when the
//!   API answers 429 or 5xx or the connection fails, honouring
//!   `Retry-After`. Other calls are sent once, unless the caller asks
//!   ([`Client::send_retrying`]).
//! - **Pages**: [`Client::paginate`] follows `next_page_cursor` and yields the
//!   items of every page as a [`Stream`].
// @section action_attempts
//! - **Action attempts**: [`Client::wait_for_action_attempt`] polls an action
//!   attempt (unlocking a door, say) until it succeeds or fails.
// @end
//!
//! It is built on `reqwest` with rustls (no OpenSSL to link against) and
//! runs on `tokio`, the runtime `reqwest` needs.

use std::fmt;
use std::time::Duration;

use futures_core::Stream;
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::support::{Endpoint, Map, Paginated, Value};

/// Where Seam's API is.
pub const DEFAULT_BASE_URL: &str = "https://connect.getseam.com";

/// A client of the Seam API. Cheap to clone: clones share one connection
/// pool.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    /// Authentication and content type, sent with every request (the
    /// secret ones marked sensitive: `Debug` does not show them).
    headers: HeaderMap,
    base_url: String,
    retry: Retry,
    // @section action_attempts
    poll_interval: Duration,
    wait_timeout: Duration,
    // @end
}

/// How a [`Client`] authenticates and behaves; from [`Client::builder`].
#[derive(Clone, Debug)]
#[must_use]
pub struct ClientBuilder {
    auth: Option<Auth>,
    http: Option<reqwest::Client>,
    base_url: String,
    timeout: Duration,
    connect_timeout: Duration,
    retry: Retry,
    // @section action_attempts
    poll_interval: Duration,
    wait_timeout: Duration,
    // @end
}

#[derive(Clone)]
enum Auth {
    ApiKey(String),
    PersonalAccessToken { token: String, workspace_id: String },
}

impl fmt::Debug for Auth {
    // Never the secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::ApiKey(_) => f.write_str("ApiKey(..)"),
            Auth::PersonalAccessToken { workspace_id, .. } => {
                write!(f, "PersonalAccessToken {{ workspace_id: {workspace_id:?}, .. }}")
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Retry {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            auth: None,
            http: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: Retry { max_retries: 2, base_delay: Duration::from_millis(500), max_delay: Duration::from_secs(30) },
            // @section action_attempts
            poll_interval: Duration::from_millis(500),
            wait_timeout: Duration::from_secs(5),
            // @end
        }
    }
}

impl ClientBuilder {
    /// Authenticates with an API key (`seam_…`), sent as `Authorization:
    /// Bearer`.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.auth = Some(Auth::ApiKey(key.into()));
        self
    }

    /// Authenticates with a personal access token, acting on one workspace:
    /// the token goes as `Authorization: Bearer`, the workspace's ID as the
    /// `seam-workspace` header.
    pub fn personal_access_token(mut self, token: impl Into<String>, workspace_id: impl Into<String>) -> Self {
        self.auth = Some(Auth::PersonalAccessToken { token: token.into(), workspace_id: workspace_id.into() });
        self
    }

    /// The API's address, [`DEFAULT_BASE_URL`] unless set (a test server,
    /// a proxy). A trailing `/` is dropped.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        let url = url.into();
        self.base_url = url.trim_end_matches('/').to_owned();
        self
    }

    /// The `reqwest::Client` to send with (a proxy, your own certificate
    /// authorities, connection pool settings): its own timeouts then
    /// apply, not [`timeout`](Self::timeout) and
    /// [`connect_timeout`](Self::connect_timeout).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// How long one request may take, from connecting to the end of the
    /// answer's body: 60 s unless set.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long connecting may take: 10 s unless set.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many times a call safe to repeat is retried after the first try
    /// (2 unless set; 0: never).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The wait before the first retry (500 ms unless set), doubled before
    /// each next one, and the longest wait (30 s unless set): a
    /// `Retry-After` longer than that is not waited for, the error is
    /// returned.
    pub fn retry_delay(mut self, first: Duration, longest: Duration) -> Self {
        self.retry.base_delay = first;
        self.retry.max_delay = longest;
        self
    }

    // @section action_attempts
    /// How often [`Client::wait_for_action_attempt`] asks (500 ms unless
    /// set), and how long it waits in all (5 s unless set).
    pub fn action_attempt_polling(mut self, interval: Duration, timeout: Duration) -> Self {
        self.poll_interval = interval;
        self.wait_timeout = timeout;
        self
    }
    // @end

    /// The client.
    ///
    /// # Errors
    ///
    /// [`ClientError::Config`] without an API key or token, or with one that
    /// cannot be an HTTP header; [`ClientError::Http`] when the TLS stack
    /// cannot start.
    pub fn build(self) -> Result<Client, ClientError> {
        let header = |name: &str, value: &str, secret: bool| {
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| ClientError::Config(format!("the {name} is not a valid HTTP header value")))?;
            value.set_sensitive(secret);
            Ok::<_, ClientError>(value)
        };
        let mut headers = HeaderMap::new();
        match &self.auth {
            None => return Err(ClientError::Config("no API key or personal access token".to_owned())),
            Some(Auth::ApiKey(key)) => {
                headers.insert(AUTHORIZATION, header("API key", &format!("Bearer {key}"), true)?);
            }
            Some(Auth::PersonalAccessToken { token, workspace_id }) => {
                headers.insert(AUTHORIZATION, header("personal access token", &format!("Bearer {token}"), true)?);
                headers.insert(HeaderName::from_static("seam-workspace"), header("workspace ID", workspace_id, false)?);
            }
        }
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
                .build()
                .map_err(ClientError::Http)?,
        };
        Ok(Client {
            http,
            headers,
            base_url: self.base_url,
            retry: self.retry,
            // @section action_attempts
            poll_interval: self.poll_interval,
            wait_timeout: self.wait_timeout,
            // @end
        })
    }
}

impl Client {
    /// A client authenticating with an API key, with every other setting
    /// at its default.
    ///
    /// # Errors
    ///
    /// As [`ClientBuilder::build`].
    pub fn new(api_key: impl Into<String>) -> Result<Client, ClientError> {
        Client::builder().api_key(api_key).build()
    }

    /// A client configured from the environment, as Seam's SDKs are:
    /// `SEAM_API_KEY`, or `SEAM_PERSONAL_ACCESS_TOKEN` and
    /// `SEAM_WORKSPACE_ID`; `SEAM_ENDPOINT` for the base URL.
    ///
    /// # Errors
    ///
    /// [`ClientError::Config`] when none of them is set, or a token
    /// without its workspace; as [`ClientBuilder::build`]. When both an
    /// API key and a token are set, the key is used.
    pub fn from_env() -> Result<Client, ClientError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let mut builder = Client::builder();
        // An API key first, as Seam's SDKs do.
        match (var("SEAM_API_KEY"), var("SEAM_PERSONAL_ACCESS_TOKEN"), var("SEAM_WORKSPACE_ID")) {
            (Some(key), _, _) => builder = builder.api_key(key),
            (None, Some(token), Some(workspace)) => builder = builder.personal_access_token(token, workspace),
            (None, Some(_), None) => {
                return Err(ClientError::Config("SEAM_PERSONAL_ACCESS_TOKEN is set without SEAM_WORKSPACE_ID".to_owned()));
            }
            (None, None, _) => {
                return Err(ClientError::Config("neither SEAM_API_KEY nor SEAM_PERSONAL_ACCESS_TOKEN is set".to_owned()));
            }
        }
        if let Some(url) = var("SEAM_ENDPOINT") {
            builder = builder.base_url(url);
        }
        builder.build()
    }

    /// Settings beyond the API key.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Sends `request` and reads the answer into its response type. A call
    /// that only reads ([`Endpoint::SAFE`]) is retried on 429, 5xx and
    /// failed connections.
    ///
    /// # Errors
    ///
    /// [`ClientError::Api`] when the API answers with an error;
    /// [`ClientError::Http`] when no answer comes (connection, timeout);
    /// [`ClientError::Decode`] when a success does not read into the
    /// response type.
    pub async fn send<E: Endpoint>(&self, request: &E) -> Result<E::Response, ClientError> {
        self.call(request, E::SAFE).await
    }

    /// As [`send`](Self::send), but retried whatever the endpoint, for
    /// callers who know that repeating this call is harmless.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    pub async fn send_retrying<E: Endpoint>(&self, request: &E) -> Result<E::Response, ClientError> {
        self.call(request, true).await
    }

    async fn call<E: Endpoint>(&self, request: &E, retry: bool) -> Result<E::Response, ClientError> {
        let body = serde_json::to_vec(request).map_err(ClientError::Request)?;
        let bytes = self.post(E::METHOD, E::PATH, body, retry).await?;
        decode(E::PATH, &bytes)
    }

    /// Every item of every page of `request`'s results, in order: sends
    /// the request, then again with each `next_page_cursor` until there is
    /// none. Pages are fetched as the stream is read. After an error, the
    /// stream ends.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use seam_types::Client;
    /// use seam_types::endpoints::DevicesListRequest;
    ///
    /// # async fn run(seam: Client) -> Result<(), seam_types::ClientError> {
    /// let devices: Vec<_> = seam.paginate(DevicesListRequest::new()).try_collect().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn paginate<E>(&self, request: E) -> Pages<E::Item>
    where
        E: Paginated + Send + 'static,
        E::Item: Send,
    {
        let first = match serde_json::to_value(&request) {
            Ok(Value::Object(body)) => Ok(body),
            Ok(_) => Err(ClientError::Config(format!("the request of {} is not a JSON object", E::PATH))),
            Err(e) => Err(ClientError::Request(e)),
        };
        let state = PageState::<E::Item> {
            client: self.clone(),
            next: Some(first),
            items: Vec::new().into_iter(),
            seen: std::collections::HashSet::new(),
        };
        let stream = futures_util::stream::unfold(state, |mut state| async move {
            loop {
                if let Some(item) = state.items.next() {
                    return Some((Ok(item), state));
                }
                let body = match state.next.take()? {
                    Ok(body) => body,
                    Err(e) => return Some((Err(e), state)),
                };
                match state.client.page::<E>(&body).await {
                    Ok((response, cursor)) => {
                        state.items = match E::items(response) {
                            Ok(items) => items.into_iter(),
                            Err(found) => {
                                let path = E::PATH.to_owned();
                                return Some((Err(ClientError::NotAPage { path, found: Box::new(found) }), state));
                            }
                        };
                        if let Some(cursor) = cursor {
                            if state.seen.insert(cursor.clone()) {
                                let mut body = body;
                                body.insert("page_cursor".to_owned(), Value::String(cursor));
                                state.next = Some(Ok(body));
                            } else {
                                // A page asked for before: following it would never end.
                                let path = E::PATH.to_owned();
                                state.next = Some(Err(ClientError::RepeatedCursor { path }));
                            }
                        }
                    }
                    Err(e) => return Some((Err(e), state)),
                }
            }
        });
        Pages(Box::pin(stream))
    }

    /// One page: its response, and the next page's cursor if there is one.
    async fn page<E: Paginated>(&self, body: &Map) -> Result<(E::Response, Option<String>), ClientError> {
        let body = serde_json::to_vec(body).map_err(ClientError::Request)?;
        let bytes = self.post(E::METHOD, E::PATH, body, E::SAFE).await?;
        let response = decode(E::PATH, &bytes)?;
        let next = serde_json::from_slice::<NextPage>(&bytes).map_or(None, |n| n.0);
        Ok((response, next))
    }

    /// Sends `body` to `path` with `method`; the body of a success.
    /// Retried when `retry`: on 429, 5xx, and any failure to get a whole
    /// answer (a connection refused or closed, a timeout).
    async fn post(&self, method: &str, path: &str, body: Vec<u8>, retry: bool) -> Result<Vec<u8>, ClientError> {
        let method = reqwest::Method::from_bytes(method.as_bytes())
            .map_err(|_| ClientError::Config(format!("`{method}` is not an HTTP method")))?;
        let url = format!("{}{path}", self.base_url);
        let mut tries = 0;
        loop {
            let sent = self.http.request(method.clone(), &url).headers(self.headers.clone()).body(body.clone()).send();
            let (error, wait) = match sent.await {
                Ok(response) => {
                    let status = response.status();
                    let retry_after = retry_after(response.headers());
                    match response.bytes().await {
                        Ok(bytes) if status.is_success() => return Ok(Vec::from(bytes)),
                        Ok(bytes) => {
                            let again = status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error();
                            let error = ApiError::new(status.as_u16(), &bytes, retry_after);
                            let wait = again.then(|| retry_after.unwrap_or(self.backoff(tries)));
                            (ClientError::Api(Box::new(error)), wait)
                        }
                        // The answer broke off.
                        Err(e) => (ClientError::Http(e), Some(self.backoff(tries))),
                    }
                }
                Err(e) => {
                    // A request that could not be built fails the same way again.
                    let again = !e.is_builder();
                    (ClientError::Http(e), again.then(|| self.backoff(tries)))
                }
            };
            match wait {
                Some(wait) if retry && tries < self.retry.max_retries && wait <= self.retry.max_delay => {
                    tokio::time::sleep(wait).await;
                    tries += 1;
                }
                _ => return Err(error),
            }
        }
    }

    /// The wait before retry number `tries + 1`: the first delay, doubled
    /// for each try before, at most the longest delay.
    fn backoff(&self, tries: u32) -> Duration {
        let factor = 1u32.checked_shl(tries).unwrap_or(u32::MAX);
        self.retry.base_delay.saturating_mul(factor).min(self.retry.max_delay)
    }
}

/// Reads a success's body into `T`; where it does not fit, says so.
fn decode<T: crate::support::Readable>(path: &str, bytes: &[u8]) -> Result<T, ClientError> {
    let fail = |source| ClientError::Decode { path: path.to_owned(), source };
    let text = std::str::from_utf8(bytes).map_err(|_| fail(None))?;
    crate::support::from_str(text).map_err(|e| fail(Some(Box::new(e))))
}

/// `Retry-After`: seconds, or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = std::time::UNIX_EPOCH + Duration::from_secs(u64::try_from(at.timestamp()).ok()?);
    Some(at.duration_since(std::time::SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// The items of every page, from [`Client::paginate`]: a [`Stream`] (use
/// `futures_util::StreamExt` or `TryStreamExt` to read it), `Unpin`,
/// `Send` and `'static`: it holds its own handle on the client.
#[must_use = "a stream does nothing unless read"]
pub struct Pages<T>(std::pin::Pin<Box<dyn Stream<Item = Result<T, ClientError>> + Send>>);

impl<T> Stream for Pages<T> {
    type Item = Result<T, ClientError>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pages")
    }
}

/// The state of [`Client::paginate`]: the next page's request, if any,
/// what is left of the current page, and the cursors followed.
struct PageState<T> {
    client: Client,
    next: Option<Result<Map, ClientError>>,
    items: std::vec::IntoIter<T>,
    seen: std::collections::HashSet<String>,
}

/// `pagination.next_page_cursor` of a page, when `has_next_page` does not
/// say there is none. Everything else is skipped, not built.
struct NextPage(Option<String>);

/// A page's `pagination` object, read as [`NextPage`] reads the page.
struct Pagination(Option<String>);

/// Reads a page (`false`) or its `pagination` object (`true`).
struct ReadPage(bool);

impl<'de> Visitor<'de> for ReadPage {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_unit<E>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
        let (mut cursor, mut more) = (None, true);
        while let Some(key) = map.next_key::<String>()? {
            match (self.0, key.as_str()) {
                (false, "pagination") => cursor = map.next_value::<Pagination>()?.0,
                (true, "next_page_cursor") => cursor = map.next_value::<Option<String>>()?,
                (true, "has_next_page") => more = map.next_value::<Option<bool>>()?.unwrap_or(true),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(cursor.filter(|_| more))
    }
}

impl<'de> serde::Deserialize<'de> for NextPage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ReadPage(false)).map(NextPage)
    }
}

impl<'de> serde::Deserialize<'de> for Pagination {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ReadPage(true)).map(Pagination)
    }
}

/// An error of a [`Client`] call.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The API answered with an error status; Seam's error object is in it.
    Api(Box<ApiError>),
    /// No answer: the connection failed, or a timeout passed.
    Http(reqwest::Error),
    /// A success whose body does not read into the response type. The
    /// error, when there is one, says where.
    Decode {
        /// The endpoint called.
        path: String,
        /// Where the body does not fit; `None` when it is not UTF-8.
        source: Option<Box<crate::support::Error>>,
    },
    /// A page whose items are not a list of them, where the docs' own
    /// examples show other JSON: the pages end here.
    NotAPage {
        /// The endpoint called.
        path: String,
        /// The JSON where the items should be.
        found: Box<Value>,
    },
    /// A page's `next_page_cursor` is the cursor that asked for it: the
    /// pages would never end.
    RepeatedCursor {
        /// The endpoint called.
        path: String,
    },
    /// The request could not be written as JSON.
    Request(serde_json::Error),
    /// The client is not configured to call (no API key, say).
    Config(String),
    // @section action_attempts
    /// The action attempt ended in `error`.
    ActionAttemptFailed(Box<ActionAttemptFailed>),
    /// The action attempt was still pending when the wait ended: as the
    /// API last answered it, if an answer came.
    ActionAttemptTimeout(Option<Box<crate::ActionAttempt>>),
    // @end
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Api(e) => e.fmt(f),
            ClientError::Http(e) => write!(f, "no answer from the Seam API: {e}"),
            ClientError::Decode { path, source } => match source {
                Some(e) => write!(f, "the answer of {path} does not read: {e}"),
                None => write!(f, "the answer of {path} is not UTF-8"),
            },
            ClientError::NotAPage { path, found } => write!(f, "{path} answered a page whose items are not a list: {found}"),
            ClientError::RepeatedCursor { path } => write!(f, "{path} answered a page with its own cursor as the next"),
            ClientError::Request(e) => write!(f, "the request cannot be written as JSON: {e}"),
            ClientError::Config(what) => write!(f, "the client cannot call: {what}"),
            // @section action_attempts
            ClientError::ActionAttemptFailed(failed) => failed.fmt(f),
            ClientError::ActionAttemptTimeout(_) => f.write_str("the action attempt is still pending"),
            // @end
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Http(e) => Some(e),
            ClientError::Decode { source, .. } => source.as_deref().map(|e| e as _),
            ClientError::Request(e) => Some(e),
            _ => None,
        }
    }
}

/// An error answer of the API: its status, and Seam's error object
/// (`{"error": {"type": "invalid_input", "message": …}}`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status (400, 401, 404, 429, 500...).
    pub status: u16,
    /// `error.type`: `invalid_input`, `missing_parameter`, `not_found`...;
    /// empty when the body is not Seam's error object.
    pub error_type: String,
    /// `error.message`; empty when the body is not Seam's error object.
    pub message: String,
    /// The whole `error` object, `type` and `message` included, with every
    /// other field Seam sends (`request_id`, `validation_errors`...).
    pub error: Map,
    /// The body when it is not Seam's error object (a proxy's page), as it
    /// came; empty otherwise.
    pub body: String,
    /// What `Retry-After` asked for.
    pub retry_after: Option<Duration>,
}

impl ApiError {
    fn new(status: u16, bytes: &[u8], retry_after: Option<Duration>) -> ApiError {
        let error = match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(mut body)) => match body.remove("error") {
                Some(Value::Object(error)) => Some(error),
                _ => None,
            },
            _ => None,
        };
        let text = |error: &Map, key: &str| error.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
        match error {
            Some(error) => ApiError {
                status,
                error_type: text(&error, "type"),
                message: text(&error, "message"),
                error,
                body: String::new(),
                retry_after,
            },
            None => ApiError {
                status,
                error_type: String::new(),
                message: String::new(),
                error: Map::new(),
                body: String::from_utf8_lossy(bytes).into_owned(),
                retry_after,
            },
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.error_type.is_empty() {
            write!(f, "the Seam API answered {}", self.status)
        } else {
            write!(f, "the Seam API answered {}: {}: {}", self.status, self.error_type, self.message)
        }
    }
}

impl std::error::Error for ApiError {}

// @section action_attempts
/// An action attempt that ended in `error`: the attempt, and its error's
/// type and message.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ActionAttemptFailed {
    /// The action attempt, as the API last answered it.
    pub action_attempt: crate::ActionAttempt,
    /// `error.type` of the action attempt.
    pub error_type: String,
    /// `error.message` of the action attempt.
    pub message: String,
}

impl fmt::Display for ActionAttemptFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the action attempt failed: {}: {}", self.error_type, self.message)
    }
}

impl Client {
    /// Polls `/action_attempts/get` until the action attempt is no longer
    /// `pending`: every 500 ms, for 5 s at most, unless
    /// [`ClientBuilder::action_attempt_polling`] says otherwise.
    ///
    /// ```no_run
    /// use seam_types::Client;
    /// use seam_types::endpoints::LocksUnlockDoorRequest;
    ///
    /// # async fn run(seam: Client, device_id: seam_types::Uuid) -> Result<(), seam_types::ClientError> {
    /// let response = seam.send(&LocksUnlockDoorRequest::new(device_id)).await?;
    /// if let Some(attempt) = response.action_attempt.get() {
    ///     let done = seam.wait_for_action_attempt(attempt.action_attempt_id.get().unwrap()).await?;
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ClientError::ActionAttemptFailed`] when it ends in `error`;
    /// [`ClientError::ActionAttemptTimeout`] when it is still pending at
    /// the end; the errors of [`send`](Self::send).
    pub async fn wait_for_action_attempt(
        &self,
        action_attempt_id: impl fmt::Display,
    ) -> Result<crate::ActionAttempt, ClientError> {
        const PATH: &str = "/action_attempts/get";
        let mut request = Map::new();
        request.insert("action_attempt_id".to_owned(), Value::String(action_attempt_id.to_string()));
        let body = serde_json::to_vec(&request).map_err(ClientError::Request)?;
        let deadline = tokio::time::Instant::now() + self.wait_timeout;
        let mut last: Option<Box<crate::ActionAttempt>> = None;
        loop {
            // The wait bounds every poll, retries included.
            let poll = tokio::time::timeout_at(deadline, self.post("POST", PATH, body.clone(), true));
            let Ok(bytes) = poll.await else { return Err(ClientError::ActionAttemptTimeout(last)) };
            let bytes = bytes?;
            let answer: Value = decode(PATH, &bytes)?;
            let attempt = answer.get("action_attempt").unwrap_or(&Value::Null);
            // Read from its text, so that an error says where.
            let action_attempt: crate::ActionAttempt = decode(PATH, attempt.to_string().as_bytes())?;
            let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
            match attempt.get("status").and_then(Value::as_str) {
                Some("success") => return Ok(action_attempt),
                Some("error") => {
                    let error = attempt.get("error").unwrap_or(&Value::Null);
                    let (error_type, message) = (text(error, "type"), text(error, "message"));
                    return Err(ClientError::ActionAttemptFailed(Box::new(ActionAttemptFailed {
                        action_attempt,
                        error_type,
                        message,
                    })));
                }
                _ => last = Some(Box::new(action_attempt)),
            }
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return Err(ClientError::ActionAttemptTimeout(last));
            }
            // The last poll is at the deadline.
            tokio::time::sleep_until((now + self.poll_interval).min(deadline)).await;
        }
    }
}
// @end
