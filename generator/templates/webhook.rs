//! Verifying the webhooks Seam sends (the `webhook` feature).
//!
//! Seam delivers webhooks through [Svix](https://docs.svix.com/receiving/verifying-payloads/how-manual):
//! every request carries three headers, `svix-id`, `svix-timestamp` and
//! `svix-signature` (or their vendor-neutral names `webhook-id`,
//! `webhook-timestamp`, `webhook-signature`). The signature is an
//! HMAC-SHA256 of `{id}.{timestamp}.{body}`, keyed with the base64 part of
//! the endpoint's `whsec_` secret, written as `v1,<base64>`; the header may
//! hold several, separated by spaces (while a secret is being rotated), and
//! one match is enough. A request signed too long ago (or in the future) is
//! refused, so that a captured request cannot be replayed later: five
//! minutes either way by default.
//!
//! The verifier is [`WebhookVerifier`]: `seam_types::Webhook` is the API's
//! webhook object (an endpoint Seam sends events to), as the docs describe it.
//!
//! ```
//! use seam_types::{Event, WebhookVerifier};
//!
//! # fn main() -> Result<(), seam_types::WebhookError> {
//! // The endpoint's secret, from Seam's console (here a made-up one).
//! let verifier = WebhookVerifier::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
//! # let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
//! # let body = br#"{"event_id": "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f", "event_type": "device.connected", "workspace_id": "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b", "device_id": "5f0a3b1c-3333-4d2e-9f8a-0b1c2d3e4f5a", "created_at": "2025-07-01T12:00:00.000Z", "occurred_at": "2025-07-01T12:00:00.000Z"}"#;
//! # let (timestamp, signature) = (now.to_string(), verifier.sign("msg_1", now, body));
//! // What the request brought: its headers (any `Headers`: a slice of
//! // pairs, a `HashMap`, an `http::HeaderMap` with the `http` feature) and
//! // its body, as bytes, exactly as received.
//! let headers = [("svix-id", "msg_1"), ("svix-timestamp", timestamp.as_str()), ("svix-signature", signature.as_str())];
//! let event: Event = verifier.verify(&headers, body)?;
//! assert_eq!(event.event_type().as_str(), "device.connected");
//! # Ok(())
//! # }
//! ```
//!
//! This module is built on RustCrypto's `hmac` and `sha2` and on `base64`,
//! not on the `svix` crate: `svix` is Svix's API client, and depends, with
//! no feature to turn it off, on an HTTP client and an async runtime
//! (`hyper`, `hyper-util`, `tokio`, TLS by default...) for what is one HMAC
//! and a comparison; its 2.x releases also need a newer Rust than this
//! crate's `rust-version`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// How far a request's timestamp may be from the clock, either way, by
/// default: five minutes, as Svix's own libraries allow.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// The prefix of a Svix endpoint secret.
const SECRET_PREFIX: &str = "whsec_";

/// The three headers, each by its Svix name and its vendor-neutral one.
const ID: [&str; 2] = ["svix-id", "webhook-id"];
const TIMESTAMP: [&str; 2] = ["svix-timestamp", "webhook-timestamp"];
const SIGNATURE: [&str; 2] = ["svix-signature", "webhook-signature"];

/// Verifies the signature of webhook requests made with one endpoint
/// secret, and reads their body into an [`Event`](crate::Event).
#[derive(Clone)]
pub struct WebhookVerifier {
    /// Keyed, fed nothing yet: cloned for each request.
    mac: HmacSha256,
    tolerance: Duration,
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the key.
        f.debug_struct("WebhookVerifier").field("tolerance", &self.tolerance).finish_non_exhaustive()
    }
}

impl WebhookVerifier {
    /// A verifier for the endpoint secret `secret`: `whsec_` followed by the
    /// key in base64 (the prefix may be left out). Surrounding whitespace is
    /// ignored.
    ///
    /// # Errors
    ///
    /// [`WebhookError::BadSecret`] when the key is not base64, or is empty.
    pub fn new(secret: &str) -> Result<WebhookVerifier, WebhookError> {
        let secret = secret.trim();
        let key = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
        match BASE64.decode(key) {
            Ok(key) if !key.is_empty() => Ok(WebhookVerifier::from_key(&key)),
            _ => Err(WebhookError::BadSecret),
        }
    }

    /// A verifier for a key given as bytes (the secret after `whsec_`,
    /// decoded).
    ///
    /// # Panics
    ///
    /// Never: HMAC-SHA256 takes a key of any length.
    #[must_use]
    pub fn from_key(key: &[u8]) -> WebhookVerifier {
        // HMAC takes a key of any length: this never fails.
        let mac = HmacSha256::new_from_slice(key).expect("HMAC accepts a key of any length");
        WebhookVerifier { mac, tolerance: DEFAULT_TOLERANCE }
    }

    /// The same verifier, accepting timestamps up to `tolerance` away from
    /// the clock, either way (by default [`DEFAULT_TOLERANCE`]).
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: Duration) -> WebhookVerifier {
        self.tolerance = tolerance;
        self
    }

    /// How far a timestamp may be from the clock, either way.
    #[must_use]
    pub fn tolerance(&self) -> Duration {
        self.tolerance
    }

    /// Verifies a request, then reads its body into an [`Event`](crate::Event).
    ///
    /// `body` is the request's body exactly as received: the signature
    /// covers its bytes, so it must not be parsed and written again first.
    ///
    /// # Errors
    ///
    /// The [`WebhookError`] of [`verify_signature`](Self::verify_signature);
    /// then, once the signature holds, [`WebhookError::NotUtf8`] or
    /// [`WebhookError::NotAnEvent`] when the body does not read as an event.
    pub fn verify<H: Headers + ?Sized>(&self, headers: &H, body: &[u8]) -> Result<crate::Event, WebhookError> {
        self.verify_at(headers, body, unix_now())
    }

    /// [`verify`](Self::verify), with the clock read as `now`, in seconds
    /// since the Unix epoch.
    ///
    /// # Errors
    ///
    /// As [`verify`](Self::verify).
    pub fn verify_at<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: i64,
    ) -> Result<crate::Event, WebhookError> {
        self.verify_signature_at(headers, body, now)?;
        let text = std::str::from_utf8(body).map_err(WebhookError::NotUtf8)?;
        // As fast as `serde_json::from_slice`; says where a body does not fit.
        crate::from_str(text).map_err(WebhookError::NotAnEvent)
    }

    /// Verifies a request's signature and timestamp, without reading its
    /// body.
    ///
    /// # Errors
    ///
    /// [`WebhookError::MissingHeader`], [`WebhookError::BadTimestamp`],
    /// [`WebhookError::TooOld`], [`WebhookError::TooNew`] or
    /// [`WebhookError::NoMatchingSignature`].
    pub fn verify_signature<H: Headers + ?Sized>(&self, headers: &H, body: &[u8]) -> Result<(), WebhookError> {
        self.verify_signature_at(headers, body, unix_now())
    }

    /// [`verify_signature`](Self::verify_signature), with the clock read as
    /// `now`, in seconds since the Unix epoch.
    ///
    /// # Errors
    ///
    /// As [`verify_signature`](Self::verify_signature).
    pub fn verify_signature_at<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: i64,
    ) -> Result<(), WebhookError> {
        let id = header(headers, ID)?;
        let timestamp = header(headers, TIMESTAMP)?;
        let signatures = header(headers, SIGNATURE)?;
        let seconds = parse_timestamp(timestamp)?;
        let tolerance = i128::from(self.tolerance.as_secs());
        let age = i128::from(now) - i128::from(seconds);
        if age > tolerance {
            return Err(WebhookError::TooOld { timestamp: seconds, now });
        }
        if -age > tolerance {
            return Err(WebhookError::TooNew { timestamp: seconds, now });
        }
        let mac = self.mac(id, timestamp, body);
        let matches = signatures
            .split_ascii_whitespace()
            .filter_map(|entry| entry.strip_prefix("v1,"))
            .filter_map(|signature| BASE64.decode(signature).ok())
            // `verify_slice` compares in constant time.
            .any(|signature| mac.clone().verify_slice(&signature).is_ok());
        if matches { Ok(()) } else { Err(WebhookError::NoMatchingSignature) }
    }

    /// The `v1,<base64>` signature of a message, as Svix writes it in the
    /// signature header: for tests that build signed requests.
    #[must_use]
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        let tag = self.mac(id, &timestamp.to_string(), body).finalize().into_bytes();
        format!("v1,{}", BASE64.encode(tag))
    }

    fn mac(&self, id: &str, timestamp: &str, body: &[u8]) -> HmacSha256 {
        let mut mac = self.mac.clone();
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }
}

/// The clock, in seconds since the Unix epoch (negative before it).
fn unix_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// The first of `names` the request has.
fn header<'h, H: Headers + ?Sized>(headers: &'h H, names: [&'static str; 2]) -> Result<&'h str, WebhookError> {
    names.iter().find_map(|name| headers.get(name)).ok_or(WebhookError::MissingHeader(names[0]))
}

/// Seconds since the Unix epoch, in decimal digits.
fn parse_timestamp(text: &str) -> Result<i64, WebhookError> {
    let bad = || WebhookError::BadTimestamp(text.to_owned());
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    text.parse().map_err(|_| bad())
}

/// Why a webhook request was refused.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// The endpoint secret is not `whsec_` followed by a base64 key.
    BadSecret,
    /// The request lacks a header every signed request has (named by its
    /// Svix name; its `webhook-` name would do as well).
    MissingHeader(&'static str),
    /// The timestamp header is not a number of seconds.
    BadTimestamp(String),
    /// The request was signed longer ago than the tolerance: a replay, or a
    /// clock far behind. Times in seconds since the Unix epoch.
    TooOld {
        /// When the request was signed.
        timestamp: i64,
        /// The clock.
        now: i64,
    },
    /// The request was signed further in the future than the tolerance: a
    /// clock far ahead. Times in seconds since the Unix epoch.
    TooNew {
        /// When the request was signed.
        timestamp: i64,
        /// The clock.
        now: i64,
    },
    /// No `v1` signature in the header is the body's: the body was changed
    /// on the way, or signed with another secret.
    NoMatchingSignature,
    /// The signature holds, but the body is not UTF-8 text.
    NotUtf8(std::str::Utf8Error),
    /// The signature holds, but the body is not an event: where it does not
    /// fit.
    NotAnEvent(crate::Error),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::BadSecret => f.write_str("the webhook secret is not `whsec_` followed by a base64 key"),
            WebhookError::MissingHeader(name) => write!(f, "the webhook request has no `{name}` header"),
            WebhookError::BadTimestamp(text) => {
                write!(f, "the webhook timestamp `{}` is not a number of seconds", text.escape_debug())
            }
            WebhookError::TooOld { timestamp, now } => {
                write!(
                    f,
                    "the webhook request was signed {}s ago, longer than the tolerance",
                    now.saturating_sub(*timestamp)
                )
            }
            WebhookError::TooNew { timestamp, now } => write!(
                f,
                "the webhook request is signed {}s in the future, more than the tolerance",
                timestamp.saturating_sub(*now)
            ),
            WebhookError::NoMatchingSignature => f.write_str("no signature of the webhook request matches its body"),
            WebhookError::NotUtf8(e) => write!(f, "the webhook body is not UTF-8: {e}"),
            WebhookError::NotAnEvent(e) => write!(f, "the webhook body is not an event: {e}"),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::NotUtf8(e) => Some(e),
            WebhookError::NotAnEvent(e) => Some(e),
            _ => None,
        }
    }
}

/// A request's headers, looked up by name without regard to case.
///
/// Implemented for slices, arrays and `Vec`s of name-value pairs, for
/// `HashMap` and `BTreeMap` from names to values, and, with the `http`
/// feature, for `http::HeaderMap` (axum, hyper, reqwest...).
pub trait Headers {
    /// The value of the header `name` (given in lower case), if the request
    /// has it; the first one if it has several.
    fn get(&self, name: &str) -> Option<&str>;
}

impl<H: Headers + ?Sized> Headers for &H {
    fn get(&self, name: &str) -> Option<&str> {
        (**self).get(name)
    }
}

/// The value of the first pair named `name`, without regard to case.
fn find<'a, K: AsRef<str> + 'a, V: AsRef<str> + 'a>(
    pairs: impl IntoIterator<Item = (&'a K, &'a V)>,
    name: &str,
) -> Option<&'a str> {
    pairs.into_iter().find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_ref())
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for [(K, V)] {
    fn get(&self, name: &str) -> Option<&str> {
        find(self.iter().map(|(k, v)| (k, v)), name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Headers for [(K, V); N] {
    fn get(&self, name: &str) -> Option<&str> {
        Headers::get(&self[..], name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for Vec<(K, V)> {
    fn get(&self, name: &str) -> Option<&str> {
        Headers::get(&self[..], name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, S> Headers for HashMap<K, V, S> {
    fn get(&self, name: &str) -> Option<&str> {
        find(self.iter(), name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for BTreeMap<K, V> {
    fn get(&self, name: &str) -> Option<&str> {
        find(self.iter(), name)
    }
}

/// Header names are case-insensitive in `HeaderMap` already; a value that
/// is not visible ASCII is taken as absent.
#[cfg(feature = "http")]
impl Headers for http::HeaderMap {
    fn get(&self, name: &str) -> Option<&str> {
        http::HeaderMap::get(self, name).and_then(|v| v.to_str().ok())
    }
}
