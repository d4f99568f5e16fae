//! Runtime support shared by the generated types: the presence wrapper, the
//! scalar types, and the small pieces of serde plumbing every type calls.
//!
//! The generated types implement `Serialize`/`Deserialize` by hand through
//! these helpers instead of `#[derive]`: the crate builds without serde's
//! derive macros and with far less code per type.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

/// The field that says an event's type (`codegen.yaml`'s `event_tag`).
const EVENT_TAG: &str = "event_type";

pub use serde_json::{Number, Value};

/// A JSON object: an `Object` whose shape the docs do not describe, a
/// `Record`, or the properties of a payload that the docs do not list.
pub type Map = serde_json::Map<String, Value>;

/// The properties of a payload that its type does not list (newer ones,
/// most often): a [`Map`] it derefs to, so `extra.get("key")`,
/// `extra.len()`, `extra["key"]` or `for (key, value) in &extra` read it.
///
/// Read from JSON text, the properties are checked and kept as that text,
/// and made into a `Map` the first time they are looked at: a payload
/// whose extra properties nobody reads costs no `Value` tree. Changed
/// through `DerefMut` (`extra.insert(..)`), the map is what counts from
/// then on. Two are equal when their maps are.
#[derive(Clone, Default)]
pub struct Extra(Option<Box<ExtraInner>>);

/// What an [`Extra`] with properties holds, behind one pointer: most
/// payloads have none, and a struct is moved whole more than once while it
/// is read.
#[derive(Clone)]
struct ExtraInner {
    /// `{"key":value,...}`, spelled as the payload spelled it; empty when
    /// `map` holds the properties instead.
    text: String,
    map: std::sync::OnceLock<Map>,
}

impl Extra {
    /// No properties.
    #[must_use]
    pub const fn new() -> Extra {
        Extra(None)
    }

    /// Whether there are none (without making the map).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|inner| inner.map.get().map_or(inner.text.is_empty(), Map::is_empty))
    }

    /// The properties, as a map.
    #[must_use]
    pub fn as_map(&self) -> &Map {
        static EMPTY: std::sync::OnceLock<Map> = std::sync::OnceLock::new();
        match &self.0 {
            Some(inner) => inner.map.get_or_init(|| read_kept(&inner.text)),
            None => EMPTY.get_or_init(Map::new),
        }
    }

    /// The properties, as a map of their own.
    #[must_use]
    pub fn into_map(self) -> Map {
        let Some(inner) = self.0 else { return Map::new() };
        match inner.map.into_inner() {
            Some(map) => map,
            None => read_kept(&inner.text),
        }
    }

    /// Properties kept as JSON text (see [`Kept`]).
    fn from_kept(kept: Kept<'_>) -> Extra {
        let text = kept.into_text();
        if text.is_empty() {
            return Extra(None);
        }
        Extra(Some(Box::new(ExtraInner { text, map: std::sync::OnceLock::new() })))
    }
}

/// The map of properties kept as text. The text was checked as it was
/// kept (by the rules `serde_json` reads JSON with, which the tests and
/// the fuzzer hold `Json` to), so reading it again cannot fail.
fn read_kept(text: &str) -> Map {
    if text.is_empty() {
        return Map::new();
    }
    serde_json::from_str(text).unwrap_or_default()
}

impl std::ops::Deref for Extra {
    type Target = Map;
    fn deref(&self) -> &Map {
        self.as_map()
    }
}

impl std::ops::DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map {
        let inner = self.0.get_or_insert_with(|| {
            Box::new(ExtraInner { text: String::new(), map: std::sync::OnceLock::from(Map::new()) })
        });
        if inner.map.get().is_none() {
            let map = read_kept(&std::mem::take(&mut inner.text));
            inner.map = std::sync::OnceLock::from(map);
        }
        match inner.map.get_mut() {
            Some(map) => map,
            None => unreachable!("set above"),
        }
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        (self.is_empty() && other.is_empty()) || self.as_map() == other.as_map()
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_map(), f)
    }
}

impl From<Map> for Extra {
    fn from(map: Map) -> Extra {
        // No allocation for none, as the crate's own reader gives.
        if map.is_empty() {
            return Extra(None);
        }
        Extra(Some(Box::new(ExtraInner { text: String::new(), map: std::sync::OnceLock::from(map) })))
    }
}

impl From<Extra> for Map {
    fn from(extra: Extra) -> Map {
        extra.into_map()
    }
}

impl FromIterator<(String, Value)> for Extra {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Extra {
        Extra::from(iter.into_iter().collect::<Map>())
    }
}

impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_map().iter()
    }
}

impl IntoIterator for Extra {
    type Item = (String, Value);
    type IntoIter = serde_json::map::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        self.into_map().into_iter()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_map().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(Extra::from)
    }
}

/// Properties being kept as JSON text while an object is read: each
/// `"key":value` as it came, joined at the end into `{..,..}`. Up to eight
/// wait as slices, so that the text is mostly allocated once, at its size.
#[derive(Default)]
struct Kept<'de> {
    waiting: [&'de str; 8],
    count: usize,
    text: String,
}

impl<'de> Kept<'de> {
    fn push(&mut self, entry: &'de str) {
        if self.count == self.waiting.len() {
            self.join();
        }
        self.waiting[self.count] = entry;
        self.count += 1;
    }

    /// The waiting entries onto `text` (and room for the closing `}`).
    fn join(&mut self) {
        let waiting = &self.waiting[..self.count];
        self.text.reserve(waiting.iter().map(|e| e.len() + 1).sum::<usize>() + 1);
        for entry in waiting {
            self.text.push(if self.text.is_empty() { '{' } else { ',' });
            self.text.push_str(entry);
        }
        self.count = 0;
    }

    fn into_text(mut self) -> String {
        self.join();
        if !self.text.is_empty() {
            self.text.push('}');
        }
        self.text
    }
}

// @section timestamp
/// A point in time, the docs' `Datetime`: a `chrono::DateTime<Utc>` (it
/// derefs to one) that reads RFC 3339 quickly and writes it back spelled as
/// it came (`2025-06-14T16:54:17.000Z` stays so, `+02:00` stays `+02:00`),
/// so that a payload serializes back to the same JSON. Two timestamps are
/// equal when they are the same instant, however spelled.
#[derive(Clone, Copy, Debug)]
pub struct Timestamp {
    instant: chrono::DateTime<chrono::Utc>,
    spelling: Spelling,
}

/// How an RFC 3339 time was written: the separator, the number of
/// fraction digits, and the zone as written (`Z`, `z`, `+02:00`). `None`:
/// written some other way (or built from a `DateTime`): written back in
/// Seam's own form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Spelling(Option<Written>);

/// Six bytes (a timestamp is moved with every struct that holds one): the
/// separator is never 0, so `Option<Written>` takes no more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Written {
    separator: std::num::NonZeroU8,
    digits: u8,
    /// `Z`, `z`, or the offset's sign, `+` or `-` (`-00:00` is not `+00:00`).
    zone: u8,
    /// The offset from UTC, in minutes (0 for `Z`).
    offset_minutes: i16,
}

impl Timestamp {
    /// Parses RFC 3339 (`2025-06-14T16:54:17.946242Z`, `...+02:00`; `T`,
    /// `t` or a space between date and time; up to nine fraction digits).
    /// Any other spelling (more digits, a leap second, spaces around it) is
    /// `None`: it could not be written back as it came, and a time silently
    /// respelled is a payload silently changed.
    #[must_use]
    pub fn parse(s: &str) -> Option<Timestamp> {
        let (instant, written) = parse_rfc3339(s)?;
        Some(Timestamp { instant, spelling: Spelling(Some(written)) })
    }

    /// The instant, in UTC.
    #[must_use]
    pub fn instant(&self) -> chrono::DateTime<chrono::Utc> {
        self.instant
    }

    /// Writes the time as it was spelled, into `buf`; `None` when it was
    /// not spelled as RFC 3339 allows.
    fn spelled<'b>(&self, buf: &'b mut [u8; 48]) -> Option<&'b str> {
        use chrono::{Datelike, Timelike};
        let w = self.spelling.0?;
        let offset = i64::from(w.offset_minutes) * 60;
        let local = self.instant.naive_utc().checked_add_signed(chrono::TimeDelta::seconds(offset))?;
        let year = u32::try_from(local.year()).ok().filter(|y| *y <= 9999)?;
        let mut n = 0;
        let mut put = |b: u8| {
            buf[n] = b;
            n += 1;
        };
        let two = |v: u32, put: &mut dyn FnMut(u8)| {
            put(b'0' + (v / 10) as u8);
            put(b'0' + (v % 10) as u8);
        };
        two(year / 100, &mut put);
        two(year % 100, &mut put);
        put(b'-');
        two(local.month(), &mut put);
        put(b'-');
        two(local.day(), &mut put);
        put(w.separator.get());
        two(local.hour(), &mut put);
        put(b':');
        two(local.minute(), &mut put);
        put(b':');
        two(local.second(), &mut put);
        if w.digits > 0 {
            put(b'.');
            let nanos = local.nanosecond() % 1_000_000_000;
            let mut scale = 100_000_000;
            for _ in 0..w.digits {
                put(b'0' + ((nanos / scale) % 10) as u8);
                scale /= 10;
            }
        }
        put(w.zone);
        if matches!(w.zone, b'+' | b'-') {
            let minutes = u32::from(w.offset_minutes.unsigned_abs());
            two(minutes / 60, &mut put);
            put(b':');
            two(minutes % 60, &mut put);
        }
        std::str::from_utf8(&buf[..n]).ok()
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.instant == other.instant
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.instant.cmp(&other.instant)
    }
}

impl std::hash::Hash for Timestamp {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.instant.hash(state);
    }
}

/// RFC 3339, without chrono's general-purpose parser:
/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, and how it was written.
/// `None` for anything else.
#[inline(always)]
fn parse_rfc3339(s: &str) -> Option<(chrono::DateTime<chrono::Utc>, Written)> {
    let b = s.as_bytes();
    let head: &[u8; 19] = b.get(..19)?.try_into().ok()?;
    let word = |i: usize| u64::from_le_bytes([head[i], head[i + 1], head[i + 2], head[i + 3], head[i + 4], head[i + 5], head[i + 6], head[i + 7]]);
    // `YYYY-MM-`, `DDTHH:MM` and `HH:MM:SS` (the last two overlap), each
    // checked at once: its digits (a mask of their bytes), its `-`.
    let (date, day_time, time) = (word(0), word(8), word(11));
    if b.len() < 20
        || date & 0xff00_00ff_0000_0000 != 0x2d00_002d_0000_0000
        || !matches!(head[10], b'T' | b't' | b' ')
        || head[13] != b':'
        || head[16] != b':'
        || !all_digits(date, 0x00ff_ff00_ffff_ffff)
        || !all_digits(day_time, 0xffff_00ff_ff00_ffff)
        || !all_digits(time, 0xffff_00ff_ff00_ffff)
    {
        return None;
    }
    let d = |i: usize| u32::from(head[i] & 0x0f);
    let pair = |i: usize| d(i) * 10 + d(i + 1);
    let year = pair(0) * 100 + pair(2);
    let (month, day, hour, minute, second) = (pair(5), pair(8), pair(11), pair(14), pair(17));
    let mut i = 19;
    let (mut nanos, mut digits) = (0u32, 0u8);
    if b[19] == b'.' {
        i = 20;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            nanos = nanos.wrapping_mul(10).wrapping_add(u32::from(c - b'0'));
            i += 1;
        }
        // More than nine digits would not be written back as they came.
        let n = i - 20;
        if n == 0 || n > 9 {
            return None;
        }
        const SCALE: [u32; 10] = [1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
        nanos *= SCALE[n];
        digits = n as u8;
    }
    let zone = &b[i..];
    let offset_minutes = match *zone {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digit = |c: u8| Some(u32::from(c.wrapping_sub(b'0'))).filter(|d| *d < 10);
            let (hours, minutes) = (digit(h1)? * 10 + digit(h2)?, digit(m1)? * 10 + digit(m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let magnitude = (hours * 60 + minutes) as i16;
            if sign == b'-' { -magnitude } else { magnitude }
        }
        _ => return None,
    };
    // A leap second (`:60`) and impossible dates are no time.
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    const DAYS: [u8; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if day == 0 || day > u32::from(DAYS[month as usize]) + u32::from(month == 2 && leap) {
        return None;
    }
    const BEFORE_MONTH: [u32; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let ordinal = BEFORE_MONTH[month as usize] + u32::from(month > 2 && leap) + day;
    let date = chrono::NaiveDate::from_yo_opt(year as i32, ordinal)?;
    let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(hour * 3600 + minute * 60 + second, nanos)?;
    // Date and time stay apart until here: a `NaiveDateTime` stored in two
    // halves and loaded whole stalls the load.
    let utc = if offset_minutes == 0 { chrono::NaiveDateTime::new(date, time) } else { shifted(date, time, offset_minutes)? };
    let separator = std::num::NonZeroU8::new(head[10])?;
    let written = Written { separator, digits, zone: zone[0], offset_minutes };
    Some((utc.and_utc(), written))
}

/// Whether the bytes of `w` that `mask` has (0xff) are ASCII digits.
#[inline]
fn all_digits(w: u64, mask: u64) -> bool {
    // 0x30 to 0x39: a high nibble of 3, and a low one that 6 does not carry.
    const HIGH: u64 = 0xf0f0_f0f0_f0f0_f0f0;
    let carry = ((w & !HIGH) + 0x0606_0606_0606_0606) & HIGH & mask;
    w & HIGH & mask == 0x3030_3030_3030_3030 & mask && carry == 0
}

/// A local time at `offset_minutes` from UTC, in UTC.
#[cold]
fn shifted(date: chrono::NaiveDate, time: chrono::NaiveTime, offset_minutes: i16) -> Option<chrono::NaiveDateTime> {
    chrono::NaiveDateTime::new(date, time).checked_sub_signed(chrono::TimeDelta::minutes(offset_minutes.into()))
}

impl std::ops::Deref for Timestamp {
    type Target = chrono::DateTime<chrono::Utc>;
    fn deref(&self) -> &Self::Target {
        &self.instant
    }
}

/// A time built in code is written in Seam's form (`…:17.946242Z`).
impl From<chrono::DateTime<chrono::Utc>> for Timestamp {
    fn from(instant: chrono::DateTime<chrono::Utc>) -> Self {
        Timestamp { instant, spelling: Spelling(None) }
    }
}

impl From<Timestamp> for chrono::DateTime<chrono::Utc> {
    fn from(t: Timestamp) -> Self {
        t.instant
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 48];
        match self.spelled(&mut buf) {
            Some(text) => f.write_str(text),
            None => f.write_str(&self.instant.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
        }
    }
}

impl std::str::FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(s: &str) -> Result<Self, TimestampError> {
        Timestamp::parse(s).ok_or(TimestampError)
    }
}

/// A string that is not an RFC 3339 date and time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimestampError;

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected an RFC 3339 date and time, like `2025-06-14T16:54:17.946242Z`")
    }
}

impl std::error::Error for TimestampError {}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 48];
        match self.spelled(&mut buf) {
            Some(text) => s.serialize_str(text),
            // chrono writes `2025-06-14T16:54:17.946242Z`, without allocating.
            None => self.instant.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;
        impl Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date and time")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(TimestampVisitor)
    }
}
// @end

// @section uuid
/// An ID, the docs' `UUID`: a [`uuid::Uuid`] (it derefs to one) that
/// writes itself back spelled as it came, so that a payload serializes back
/// to the same JSON: `3F2504E0-4F89-11D3-9A0C-0305E82C3301` stays upper
/// case, and the other forms `uuid` reads (32 digits, `{braced}`,
/// `urn:uuid:`) stay as they were. Two IDs are equal, ordered and hashed by
/// their value, however spelled. An ID built in code is written in the
/// canonical form (lower case, hyphenated). No allocation either way: the
/// spelling is a few bits beside the value.
#[derive(Clone, Copy, Default)]
pub struct Uuid {
    value: uuid::Uuid,
    /// Bit `i`: the `i`-th hex digit was written in upper case.
    upper: u32,
    form: UuidForm,
}

/// The shape a UUID was written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum UuidForm {
    #[default]
    Hyphenated,
    Simple,
    Braced,
    /// `urn:uuid:`; bit `i` of the mask: the `i`-th letter of the prefix
    /// was upper case.
    Urn(u8),
}

impl Uuid {
    /// Parses any form [`uuid::Uuid::try_parse`] reads, keeping its
    /// spelling; `None` when `s` is no UUID in any form.
    #[must_use]
    pub fn parse(s: &str) -> Option<Uuid> {
        // The form IDs come in, read here directly.
        if let Some(id) = <&[u8; 36]>::try_from(s.as_bytes()).ok().and_then(Uuid::parse_hyphenated) {
            return Some(id);
        }
        let value = uuid::Uuid::try_parse(s).ok()?;
        let b = s.as_bytes();
        // Digits, hex letters in lower case, `-`, `{`, `}` and `urn:uuid:`
        // all have bit 0x20 set; an upper case letter does not. So the
        // common case costs one pass with no branch.
        if b.iter().fold(0x20, |all, c| all & c) != 0 {
            let form = match b.len() {
                32 => UuidForm::Simple,
                38 => UuidForm::Braced,
                45 => UuidForm::Urn(0),
                _ => UuidForm::Hyphenated,
            };
            return Some(Uuid { value, upper: 0, form });
        }
        let (form, digits) = match b.len() {
            32 => (UuidForm::Simple, b),
            38 => (UuidForm::Braced, &b[1..37]),
            45 => {
                let prefix = b[..9].iter().filter(|c| c.is_ascii_alphabetic()).enumerate();
                let mask = prefix.fold(0u8, |m, (i, c)| m | (u8::from(c.is_ascii_uppercase()) << i));
                (UuidForm::Urn(mask), &b[9..])
            }
            _ => (UuidForm::Hyphenated, b),
        };
        let mut upper = 0u32;
        let mut i = 0;
        for &c in digits {
            if c != b'-' {
                upper |= u32::from(c.is_ascii_uppercase()) << i;
                i += 1;
            }
        }
        Some(Uuid { value, upper, form })
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, either case. The 32 digits
    /// are checked and decoded side by side (a loop over a fixed array,
    /// which the compiler turns into vector compares), then packed eight
    /// at a time.
    #[inline(always)]
    fn parse_hyphenated(b: &[u8; 36]) -> Option<Uuid> {
        if b[8] != b'-' || b[13] != b'-' || b[18] != b'-' || b[23] != b'-' {
            return None;
        }
        let mut digits = [0u8; 32];
        digits[..8].copy_from_slice(&b[..8]);
        digits[8..12].copy_from_slice(&b[9..13]);
        digits[12..16].copy_from_slice(&b[14..18]);
        digits[16..20].copy_from_slice(&b[19..23]);
        digits[20..].copy_from_slice(&b[24..]);
        // Each digit's value, and 1 for each upper case letter. A byte of
        // 0x80 or more is neither a digit nor a letter here.
        let (mut nibbles, mut upper_case, mut bad) = ([0u8; 32], [0u8; 32], 0u8);
        for ((&c, n), up) in digits.iter().zip(&mut nibbles).zip(&mut upper_case) {
            let digit = c.wrapping_sub(b'0');
            let letter = (c | 0x20).wrapping_sub(b'a');
            let (is_digit, is_letter) = (digit < 10, letter < 6);
            *n = if is_digit { digit } else { letter.wrapping_add(10) };
            *up = u8::from(is_letter & (c & 0x20 == 0));
            bad |= u8::from(!(is_digit | is_letter));
        }
        if bad != 0 {
            return None;
        }
        let word = |chunk: &[u8]| u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        let (mut value, mut upper) = (0u128, 0u32);
        for (k, (n, up)) in nibbles.chunks_exact(8).zip(upper_case.chunks_exact(8)).enumerate() {
            // Pairs of nibbles into bytes, then the four bytes side by side
            // (the first digit is in the lowest byte of the word).
            let n = word(n);
            let pairs = ((n & 0x0f00_0f00_0f00_0f00) >> 8) | ((n & 0x000f_000f_000f_000f) << 4);
            let quads = (pairs | (pairs >> 8)) & 0x0000_ffff_0000_ffff;
            let bytes = ((quads | (quads >> 16)) & 0xffff_ffff) as u32;
            value = (value << 32) | u128::from(bytes.swap_bytes());
            // One bit per byte, gathered by a multiplication into the top byte.
            upper |= ((word(up).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32) << (8 * k);
        }
        Some(Uuid { value: uuid::Uuid::from_u128(value), upper, form: UuidForm::Hyphenated })
    }

    /// Parses any form [`uuid::Uuid::try_parse`] reads, keeping its spelling.
    ///
    /// # Errors
    ///
    /// When `s` is no UUID in any form.
    pub fn parse_str(s: &str) -> Result<Uuid, uuid::Error> {
        match Uuid::parse(s) {
            Some(u) => Ok(u),
            None => uuid::Uuid::try_parse(s).map(Uuid::from),
        }
    }

    /// The nil UUID, all zeros.
    #[must_use]
    pub const fn nil() -> Uuid {
        Uuid { value: uuid::Uuid::nil(), upper: 0, form: UuidForm::Hyphenated }
    }

    /// The value, as a [`uuid::Uuid`].
    #[must_use]
    pub const fn as_uuid(&self) -> uuid::Uuid {
        self.value
    }

    /// Whether it is written in the canonical form (lower case, hyphenated).
    fn is_canonical(&self) -> bool {
        self.upper == 0 && self.form == UuidForm::Hyphenated
    }

    /// Writes the ID as it was spelled, into `buf`.
    fn spelled<'b>(&self, buf: &'b mut [u8; 45]) -> &'b str {
        let len = match self.form {
            UuidForm::Hyphenated => self.value.hyphenated().encode_lower(&mut buf[..]).len(),
            UuidForm::Simple => self.value.simple().encode_lower(&mut buf[..]).len(),
            UuidForm::Braced => self.value.braced().encode_lower(&mut buf[..]).len(),
            UuidForm::Urn(_) => self.value.urn().encode_lower(&mut buf[..]).len(),
        };
        let start = match self.form {
            UuidForm::Urn(mask) => {
                let letters = buf[..9].iter_mut().filter(|c| c.is_ascii_alphabetic());
                for (i, c) in letters.enumerate() {
                    if mask & (1 << i) != 0 {
                        c.make_ascii_uppercase();
                    }
                }
                9
            }
            _ => 0,
        };
        if self.upper != 0 {
            let digits = buf[start..len].iter_mut().filter(|c| **c != b'-' && **c != b'{' && **c != b'}');
            for (i, c) in digits.enumerate() {
                if self.upper & (1 << i) != 0 {
                    c.make_ascii_uppercase();
                }
            }
        }
        std::str::from_utf8(&buf[..len]).unwrap_or_default()
    }
}

impl PartialEq for Uuid {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Uuid {}

impl PartialEq<uuid::Uuid> for Uuid {
    fn eq(&self, other: &uuid::Uuid) -> bool {
        self.value == *other
    }
}

impl PartialEq<Uuid> for uuid::Uuid {
    fn eq(&self, other: &Uuid) -> bool {
        *self == other.value
    }
}

impl PartialOrd for Uuid {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Uuid {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl std::hash::Hash for Uuid {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl std::ops::Deref for Uuid {
    type Target = uuid::Uuid;
    fn deref(&self) -> &uuid::Uuid {
        &self.value
    }
}

/// An ID built in code is written in the canonical form.
impl From<uuid::Uuid> for Uuid {
    fn from(value: uuid::Uuid) -> Self {
        Uuid { value, upper: 0, form: UuidForm::Hyphenated }
    }
}

impl From<Uuid> for uuid::Uuid {
    fn from(u: Uuid) -> Self {
        u.value
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spelled(&mut [0; 45]))
    }
}

impl fmt::Debug for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::str::FromStr for Uuid {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, uuid::Error> {
        Uuid::parse_str(s)
    }
}

impl Serialize for Uuid {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_canonical() {
            // `uuid` writes the canonical form without allocating.
            self.value.serialize(s)
        } else {
            s.serialize_str(self.spelled(&mut [0; 45]))
        }
    }
}

impl<'de> Deserialize<'de> for Uuid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct UuidVisitor;
        impl Visitor<'_> for UuidVisitor {
            type Value = Uuid;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a UUID")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Uuid, E> {
                Uuid::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(UuidVisitor)
    }
}
// @end

/// A property the docs do not promise: it may be absent, `null`, or a value.
///
/// The docs never say which properties are required or nullable, so by
/// default every property is a `Field`: no real payload is rejected for a
/// missing or null property, and keeping "absent" apart from "null" makes a
/// payload serialize back exactly as it came.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field<T> {
    /// The payload did not have the property.
    #[default]
    Absent,
    /// The property was `null`.
    Null,
    /// The property had a value.
    Value(T),
}

impl<T> Field<T> {
    /// The value, if there is one.
    #[must_use]
    pub fn get(&self) -> Option<&T> {
        self.as_option()
    }

    /// The value, if there is one (as [`Option::as_ref`] would give it).
    #[must_use]
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            Field::Absent | Field::Null => None,
        }
    }

    /// The value, mutably, if there is one.
    #[must_use]
    pub fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Value(v) => Some(v),
            Field::Absent | Field::Null => None,
        }
    }

    /// The value, if there is one, by value.
    #[must_use]
    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            Field::Absent | Field::Null => None,
        }
    }

    /// A `Field` of a reference to the value: absent, null or a value as
    /// this one is.
    #[must_use]
    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Value(v) => Field::Value(v),
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
        }
    }

    /// A `Field` of a mutable reference to the value.
    #[must_use]
    pub fn as_mut(&mut self) -> Field<&mut T> {
        match self {
            Field::Value(v) => Field::Value(v),
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
        }
    }

    /// The value through `f`; absent and null stay as they are.
    #[must_use]
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Value(v) => Field::Value(f(v)),
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
        }
    }

    /// The value, or `default` when absent or null.
    #[must_use]
    pub fn unwrap_or(self, default: T) -> T {
        self.into_option().unwrap_or(default)
    }

    /// The value, or what `f` gives when absent or null.
    #[must_use]
    pub fn unwrap_or_else(self, f: impl FnOnce() -> T) -> T {
        self.into_option().unwrap_or_else(f)
    }

    /// The value, or `T::default()` when absent or null.
    #[must_use]
    pub fn unwrap_or_default(self) -> T
    where
        T: Default,
    {
        self.into_option().unwrap_or_default()
    }

    /// Whether there is a value (neither absent nor null).
    #[must_use]
    pub fn is_value(&self) -> bool {
        matches!(self, Field::Value(_))
    }

    /// Whether the payload left the property out.
    #[must_use]
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// Whether the property was `null`.
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }
}

impl<T: Copy> Field<&T> {
    /// The value, copied.
    #[must_use]
    pub fn copied(self) -> Field<T> {
        self.map(|v| *v)
    }
}

impl<T: Clone> Field<&T> {
    /// The value, cloned.
    #[must_use]
    pub fn cloned(self) -> Field<T> {
        self.map(T::clone)
    }
}

impl<T> From<Field<T>> for Option<T> {
    fn from(f: Field<T>) -> Self {
        f.into_option()
    }
}

impl<T> From<T> for Field<T> {
    fn from(v: T) -> Self {
        Field::Value(v)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Field::Value(v),
            None => Field::Null,
        })
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(v) => v.serialize(s),
            Field::Absent | Field::Null => s.serialize_unit(),
        }
    }
}

/// An object key, borrowed from the input when the input allows it.
#[doc(hidden)]
#[derive(Clone)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// A generated struct (or union) that reads itself from the properties of
/// a JSON object, read whole first into [`Raw`] values.
#[doc(hidden)]
pub trait FromEntries: Sized {
    /// What the error message says was expected.
    const EXPECTING: &'static str;
    /// Read from JSON text, it fails as [`Bail`] (or as [`from_str`]'s
    /// error, which then reads it again); from entries, with the
    /// [`RawError`] the `Bail` noted (see [`Bail::noting`]). The caller
    /// picks the error type, so that the value is built where the caller
    /// returns it: an event is too big to copy into another `Result`.
    fn from_object<E: Failure>(object: Object<'_, '_>) -> Result<Self, E>;
    fn from_entries(entries: Entries<'_>) -> Result<Self, RawError> {
        Bail::noted();
        match Self::from_object::<Bail>(Object::Entries(entries)) {
            Ok(v) => Ok(v),
            // Entries never make the JSON reader give up: there is a note.
            Err(Bail) => Err(Bail::noted().unwrap_or_else(|| RawError::missing(""))),
        }
    }
}

/// `Deserialize::deserialize` of every generated struct: one loop, shared
/// by every type, reads the object's properties into [`Raw`] values; the
/// struct's own `from_entries` types them. That part does not depend on the
/// deserializer, so it is compiled once, here, and not per reader.
#[doc(hidden)]
pub fn deserialize_struct<'de, D: Deserializer<'de>, T: FromEntries>(d: D) -> Result<T, D::Error> {
    struct StructVisitor<T>(PhantomData<T>);
    impl<'de, T: FromEntries> Visitor<'de> for StructVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_raw(read_map(map)?).map_err(RawError::into_de)
        }
    }
    /// `serde_json` hands a value over as its text when asked for its
    /// `RawValue` (one entry, under [`RAW_TOKEN`]): then the crate's own
    /// reader reads it. Any other deserializer sees a newtype struct and
    /// hands itself back: then the object is read through serde.
    struct TextVisitor<T>(PhantomData<T>);
    impl<'de, T: FromEntries> Visitor<'de> for TextVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }
        fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            d.deserialize_map(StructVisitor(PhantomData))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            match map.next_key::<Key<'de>>()? {
                Some(key) if key.as_str() == RAW_TOKEN => {
                    let text = map.next_value::<Key<'de>>()?;
                    from_text(text.as_str())
                }
                // A map where a newtype was asked for: the object itself.
                first => T::from_raw(read_entries(first, map)?).map_err(RawError::into_de),
            }
        }
    }
    // The second, slower reading of `from_str`'s error path follows serde's
    // path through the object.
    if diagnosing() {
        d.deserialize_map(StructVisitor(PhantomData))
    } else {
        d.deserialize_newtype_struct(RAW_TOKEN, TextVisitor(PhantomData))
    }
}

/// The name under which `serde_json` (its `raw_value` feature) hands a
/// value over as its text. Should it ever change, objects are read through
/// serde as before: slower, the same values.
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// An object's JSON text, which `serde_json` checked: read by the crate's
/// own reader or, where it gives up, by `serde_json` into [`Raw`] values
/// and then typed, as [`deserialize_struct`] does.
fn from_text<T: FromEntries, E: de::Error>(text: &str) -> Result<T, E> {
    if let Ok(value) = read_fast(text) {
        return Ok(value);
    }
    let raw = Raw::deserialize(&mut serde_json::Deserializer::from_str(text)).map_err(E::custom)?;
    T::from_raw(raw).map_err(RawError::into_de)
}

/// The values of a union's tag (an event's `event_type`), built at
/// compile time: a union looks its tag up here, by hash, and finds it in
/// JSON text with a searcher made once.
#[doc(hidden)]
pub struct Tags {
    field: &'static str,
    values: &'static [&'static str],
    /// Open addressing: a value's position plus one, at its hash or the
    /// first free entry after it; 0 is free. At least half is free.
    table: &'static [u16],
    /// `"field"`, quotes included.
    finder: std::sync::LazyLock<memchr::memmem::Finder<'static>>,
}

impl Tags {
    #[must_use]
    pub const fn new(
        field: &'static str,
        values: &'static [&'static str],
        table: &'static [u16],
        finder: fn() -> memchr::memmem::Finder<'static>,
    ) -> Tags {
        Tags { field, values, table, finder: std::sync::LazyLock::new(finder) }
    }

    /// The position of `tag` among the values.
    #[inline]
    #[must_use]
    pub fn find(&self, tag: &str) -> Option<usize> {
        let mask = self.table.len() - 1;
        let mut h = tag_hash(tag.as_bytes()) & mask;
        loop {
            let entry = *self.table.get(h)?;
            let i = usize::from(entry).checked_sub(1)?;
            if same(self.values.get(i)?, tag) {
                return Some(i);
            }
            h = (h + 1) & mask;
        }
    }
}

/// The size of the hash table of `n` tag values: a power of two, at least
/// twice `n`.
#[doc(hidden)]
#[must_use]
pub const fn tag_table_size(n: usize) -> usize {
    (2 * n + 2).next_power_of_two()
}

/// The hash table of [`Tags`], built at compile time; `N` from
/// [`tag_table_size`].
#[doc(hidden)]
#[must_use]
pub const fn tag_table<const N: usize>(values: &[&str]) -> [u16; N] {
    let mut table = [0u16; N];
    let mut i = 0;
    while i < values.len() {
        let mut h = tag_hash(values[i].as_bytes()) & (N - 1);
        while table[h] != 0 {
            h = (h + 1) & (N - 1);
        }
        table[h] = i as u16 + 1;
        i += 1;
    }
    table
}

/// A tag's hash: its length and first and last eight bytes, mixed.
#[inline]
const fn tag_hash(b: &[u8]) -> usize {
    let n = b.len();
    let (mut head, mut tail) = (0u64, 0u64);
    let mut i = 0;
    while i < 8 && i < n {
        head |= (b[i] as u64) << (8 * i);
        tail |= (b[n - 1 - i] as u64) << (8 * i);
        i += 1;
    }
    let h = (head ^ tail.rotate_left(29) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 32) as usize
}

/// Whether two short strings (keys, tags) are equal, without a call to
/// `memcmp` for the usual lengths.
#[inline]
fn same(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// [`same`], for bytes.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], i: usize| u64::from_le_bytes(<[u8; 8]>::try_from(&s[i..i + 8]).unwrap_or_default());
    match n {
        // Two words, or four, overlapping where the length is not a multiple.
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        17..=32 => {
            word(a, 0) == word(b, 0)
                && word(a, 8) == word(b, 8)
                && word(a, n - 16) == word(b, n - 16)
                && word(a, n - 8) == word(b, n - 8)
        }
        _ => a == b,
    }
}

/// Writes the properties the docs did not list, after the documented ones.
#[doc(hidden)]
pub fn serialize_extra<M: SerializeMap>(map: &mut M, extra: &Extra) -> Result<(), M::Error> {
    if extra.is_empty() {
        return Ok(());
    }
    for (k, v) in extra {
        map.serialize_entry(k, v)?;
    }
    Ok(())
}

/// `Deserialize::deserialize` of every generated string enum: any string
/// is accepted, and one the docs do not list becomes `Unknown`.
#[doc(hidden)]
pub fn deserialize_str_enum<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct StrVisitor<T>(PhantomData<T>);
    impl<T: for<'a> From<&'a str>> Visitor<'_> for StrVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    d.deserialize_str(StrVisitor(PhantomData))
}

/// One JSON value, read before its type is known and kept as cheaply as
/// the input allows: strings (IDs, times, enum values) and keys borrowed,
/// scalars as they are, objects and arrays as lists of their parts.
#[doc(hidden)]
#[derive(Clone)]
pub enum Raw<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(&'de str),
    String(String),
    Array(Vec<Raw<'de>>),
    Object(Entries<'de>),
    /// A number `serde_json` hands over as its text, when its
    /// `arbitrary_precision` feature is on (any crate of a build can turn
    /// it on).
    Number(Number),
}

impl Raw<'_> {
    /// The value as JSON, for properties no type claims.
    pub fn into_value(self) -> Value {
        match self {
            Raw::Null => Value::Null,
            Raw::Bool(b) => Value::Bool(b),
            Raw::U64(n) => Value::Number(n.into()),
            Raw::I64(n) => Value::Number(n.into()),
            Raw::F64(n) => Number::from_f64(n).map_or(Value::Null, Value::Number),
            Raw::Str(s) => Value::String(s.to_owned()),
            Raw::String(s) => Value::String(s),
            Raw::Array(items) => Value::Array(items.into_iter().map(Raw::into_value).collect()),
            Raw::Object(entries) => Value::Object(into_map(entries)),
            Raw::Number(n) => Value::Number(n),
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Raw::Str(s) => Some(s),
            Raw::String(s) => Some(s),
            _ => None,
        }
    }
}

fn into_map(entries: Entries<'_>) -> Map {
    let mut map = Map::new();
    for (k, v) in entries {
        map.insert(k.into_string(), v.into_value());
    }
    map
}

impl<'de> Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = Raw<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Raw<'de>, E> {
                Ok(Raw::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Raw<'de>, E> {
                Ok(Raw::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw<'de>, D::Error> {
                Raw::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw<'de>, E> {
                Ok(Raw::Bool(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw<'de>, E> {
                Ok(Raw::U64(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw<'de>, E> {
                Ok(Raw::I64(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw<'de>, E> {
                Ok(Raw::F64(v))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Raw<'de>, E> {
                Ok(Raw::Str(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw<'de>, E> {
                Ok(Raw::String(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Raw<'de>, E> {
                Ok(Raw::String(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Raw<'de>, A::Error> {
                read_map(map)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Raw<'de>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element::<Raw<'de>>()? {
                    items.push(item);
                }
                Ok(Raw::Array(items))
            }
        }
        d.deserialize_any(RawVisitor)
    }
}

/// The properties of one object, in input order, read before the object's
/// type is known.
#[doc(hidden)]
pub type Entries<'de> = Vec<(Key<'de>, Raw<'de>)>;

/// The key under which `serde_json` with `arbitrary_precision` hands a
/// number over as a map of one entry (its text).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Reads every property of an object without interpreting it (or, from
/// `serde_json` with `arbitrary_precision`, a number).
#[doc(hidden)]
pub fn read_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Raw<'de>, A::Error> {
    let first = map.next_key::<Key<'de>>()?;
    read_entries(first, map)
}

/// [`read_map`], its first key already read.
fn read_entries<'de, A: MapAccess<'de>>(first: Option<Key<'de>>, mut map: A) -> Result<Raw<'de>, A::Error> {
    // An empty object (`{}`, common in payloads) allocates nothing.
    let Some(first) = first else { return Ok(Raw::Object(Vec::new())) };
    if first.as_str() == NUMBER_TOKEN {
        let text: String = map.next_value()?;
        return text.parse::<Number>().map(Raw::Number).map_err(de::Error::custom);
    }
    let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(16).clamp(1, 64));
    entries.push((first, map.next_value::<Raw<'de>>()?));
    while let Some(key) = map.next_key::<Key<'de>>()? {
        entries.push((key, map.next_value::<Raw<'de>>()?));
    }
    Ok(Raw::Object(entries))
}

/// The crate's own JSON reader, behind [`from_str`]: it reads straight
/// into the generated types, with no value in between, and gives up
/// ([`Bail`]) on whatever it is not sure of: a value that does not fit,
/// JSON it does not read itself, a duplicate tag that disagrees. Then
/// `serde_json`, the reference, reads the whole text again. Numbers and
/// strings with escapes are handed to `serde_json` as they come. So what it
/// reads is what `serde_json::from_str` reads, only sooner.
#[doc(hidden)]
pub struct Json<'de> {
    text: &'de str,
    pos: usize,
    depth: u32,
    /// The depth of the union object whose tag was guessed, and whether
    /// its own tag was read since (see [`Json::guess_tag`]).
    tag_depth: u32,
    tag_read: bool,
}

/// The JSON reader gave up: `serde_json` decides. Made from a
/// [`RawError`], it notes the error aside for `from_entries`
/// ([`Bail::noting`]).
#[doc(hidden)]
#[derive(Debug)]
pub struct Bail;

/// As deep as the JSON reader goes (`serde_json` stops at 128).
const JSON_DEPTH: u32 = 100;

/// The position of the first `"`, `\` or control character at or after
/// `i` (the length when there is none), sixteen bytes at a time (a loop
/// the compiler turns into vector compares where the target has them).
#[inline]
fn special(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let is_special = |c: u8| (c == b'"') | (c == b'\\') | (c < 0x20);
    // Whole chunks with nothing special, passed over.
    while let Some(chunk) = b.get(i..i + 16) {
        if chunk.iter().fold(false, |any, &c| any | is_special(c)) {
            break;
        }
        i += 16;
    }
    // Then eight at a time, where the lowest flagged byte is exact.
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        // A byte that is zero, or below 0x20.
        let found = ((quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w))
            & HIGH;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if is_special(c) {
            return i;
        }
        i += 1;
    }
    i
}

/// The position of the `"` that ends the string whose text starts at `i`,
/// escapes passed over.
fn string_end(b: &[u8], mut i: usize) -> Result<usize, Bail> {
    loop {
        i = special(b, i);
        match b.get(i) {
            Some(b'"') => return Ok(i),
            Some(b'\\') => i += 2,
            _ => return Err(Bail),
        }
    }
}

impl<'de> Json<'de> {
    #[must_use]
    pub fn new(text: &'de str) -> Self {
        Json { text, pos: 0, depth: 0, tag_depth: 0, tag_read: false }
    }

    /// The next byte that is not whitespace, not consumed.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        let b = self.text.as_bytes();
        while let Some(&c) = b.get(self.pos) {
            if matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                return Some(c);
            }
        }
        None
    }

    #[inline]
    fn eat(&mut self, c: u8) -> Result<(), Bail> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Bail)
        }
    }

    fn word(&mut self, word: &str) -> Result<(), Bail> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(Bail)
        }
    }

    /// Nothing but whitespace is left.
    pub fn end(&mut self) -> Result<(), Bail> {
        if self.peek().is_none() { Ok(()) } else { Err(Bail) }
    }

    /// Whether the next value is `null` (then read).
    #[inline]
    pub fn null(&mut self) -> Result<bool, Bail> {
        if self.peek() == Some(b'n') {
            self.word("null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub fn bool(&mut self) -> Result<bool, Bail> {
        match self.peek() {
            Some(b't') => self.word("true").map(|()| true),
            Some(b'f') => self.word("false").map(|()| false),
            _ => Err(Bail),
        }
    }

    /// A string, owned: as [`Json::str`], without the `Cow` in between.
    #[inline(always)]
    pub fn string(&mut self) -> Result<String, Bail> {
        self.eat(b'"')?;
        let start = self.pos;
        let i = special(self.text.as_bytes(), start);
        match self.text.as_bytes().get(i) {
            Some(b'"') => {
                self.pos = i + 1;
                Ok(self.text[start..i].to_owned())
            }
            Some(b'\\') => self.escaped(start).map(Cow::into_owned),
            _ => Err(Bail),
        }
    }

    /// A string, borrowed from the text when it has no escape.
    #[inline]
    pub fn str(&mut self) -> Result<Cow<'de, str>, Bail> {
        self.eat(b'"')?;
        let start = self.pos;
        let i = special(self.text.as_bytes(), start);
        match self.text.as_bytes().get(i) {
            Some(b'"') => {
                self.pos = i + 1;
                Ok(Cow::Borrowed(&self.text[start..i]))
            }
            Some(b'\\') => self.escaped(start),
            _ => Err(Bail),
        }
    }

    // @section timestamp
    /// A time read straight from the text, when its string holds no escape
    /// (`None`, and nothing read, otherwise): its end is the first `"`
    /// after its shortest length, and a `\` or a control character before
    /// that is no RFC 3339.
    #[inline(always)]
    fn plain_timestamp(&mut self) -> Option<Timestamp> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.pos + 1;
        let b = self.text.as_bytes();
        let end = start + 20 + b.get(start + 20..)?.iter().take(20).position(|&c| c == b'"')?;
        let (instant, written) = parse_rfc3339(self.text.get(start..end)?)?;
        self.pos = end + 1;
        Some(Timestamp { instant, spelling: Spelling(Some(written)) })
    }
    // @end

    // @section uuid
    /// A UUID in its usual form, read straight from the text: `None` (and
    /// nothing read) when the next value is not one. Its 36 bytes need no
    /// scan for the string's end: a hex digit or `-` is neither `"`, `\\`
    /// nor a control character.
    #[inline(always)]
    fn hyphenated_uuid(&mut self) -> Option<Uuid> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let b = self.text.as_bytes();
        let digits = <&[u8; 36]>::try_from(b.get(self.pos + 1..self.pos + 37)?).ok()?;
        if b.get(self.pos + 37) != Some(&b'"') {
            return None;
        }
        let id = Uuid::parse_hyphenated(digits)?;
        self.pos += 38;
        Some(id)
    }
    // @end

    /// A string with escapes, from after its `"`: decoded by `serde_json`.
    fn escaped(&mut self, start: usize) -> Result<Cow<'de, str>, Bail> {
        let i = string_end(self.text.as_bytes(), start)?;
        let s: String = serde_json::from_str(&self.text[start - 1..=i]).map_err(|_| Bail)?;
        self.pos = i + 1;
        Ok(Cow::Owned(s))
    }

    /// A number as JSON spells it, read by `serde_json`.
    fn number(&mut self) -> Result<Raw<'de>, Bail> {
        self.peek();
        let b = self.text.as_bytes();
        let start = self.pos;
        let mut i = start;
        let digits = |i: &mut usize| {
            let from = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i > from
        };
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        if b.get(i) == Some(&b'0') {
            i += 1;
        } else if !digits(&mut i) {
            return Err(Bail);
        }
        let integer = i;
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !digits(&mut i) {
                return Err(Bail);
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !digits(&mut i) {
                return Err(Bail);
            }
        }
        self.pos = i;
        // An integer of up to 18 digits, read here as serde_json reads it:
        // `u64` when positive, `i64` when negative (`-0` is serde_json's
        // float `-0.0`: left to it, as every other number).
        let text = &b[start..i];
        let (negative, digits) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        if i == integer && digits.len() <= 18 && text != b"-0" {
            let n = digits.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
            let n = if negative { Number::from(-(n as i64)) } else { Number::from(n) };
            return Ok(Raw::Number(n));
        }
        Raw::deserialize(&mut serde_json::Deserializer::from_str(&self.text[start..i])).map_err(|_| Bail)
    }

    /// Opens an object (`{`) or a list (`[`).
    pub fn enter(&mut self, open: u8) -> Result<(), Bail> {
        self.eat(open)?;
        self.depth += 1;
        if self.depth > JSON_DEPTH { Err(Bail) } else { Ok(()) }
    }

    /// Whether the object or list being read has another entry (its `,`
    /// read, but for the first), or ends here (its `close` read).
    #[inline]
    fn more(&mut self, first: &mut bool, close: u8) -> Result<bool, Bail> {
        let next = self.peek();
        if next == Some(close) {
            self.pos += 1;
            self.depth -= 1;
            // The outermost object or list ends the text (see `FromRaw::read_whole`).
            if self.depth == 0 {
                self.end()?;
            }
            return Ok(false);
        }
        if std::mem::take(first) {
            return Ok(true);
        }
        if next == Some(b',') {
            self.pos += 1;
            Ok(true)
        } else {
            Err(Bail)
        }
    }

    /// The next key of the object being read, and its `:`; `None` at its
    /// end (its `}` read).
    #[inline]
    pub fn key(&mut self, first: &mut bool) -> Result<Option<Cow<'de, str>>, Bail> {
        if !self.more(first, b'}')? {
            return Ok(None);
        }
        self.key_text().map(Some)
    }

    /// A key and its `:`, after [`Json::more`].
    fn key_text(&mut self) -> Result<Cow<'de, str>, Bail> {
        let key = self.str()?;
        // serde_json's marker of a number read as text: serde's path reads
        // such an object as a number.
        if key == NUMBER_TOKEN {
            return Err(Bail);
        }
        self.eat(b':')?;
        Ok(key)
    }

    /// Whether the next key, after [`Json::more`], is `name`, quotes and
    /// all, in the text (then it and its `:` are read): the key a payload
    /// likely has next, matched with no scan for the string's end. A name
    /// that JSON text cannot hold as it is (a control character, `"`, `\`)
    /// or that starts with `$` (as `serde_json`'s number marker does) is
    /// never matched here.
    #[inline(always)]
    fn key_is(&mut self, name: &str) -> Result<bool, Bail> {
        self.peek();
        let (p, n) = (self.pos, name.len());
        let Some(quoted) = self.text.as_bytes().get(p..p + n + 2) else { return Ok(false) };
        if quoted[0] != b'"'
            || quoted[n + 1] != b'"'
            || !same_bytes(&quoted[1..=n], name.as_bytes())
            || name.bytes().fold(false, |any, c| any | (c < 0x20) | (c == b'"') | (c == b'\\'))
            || name.starts_with('$')
        {
            return Ok(false);
        }
        self.pos = p + n + 2;
        self.eat(b':')?;
        Ok(true)
    }

    /// Whether the list being read has another item (else its `]` is read).
    #[inline]
    pub fn item(&mut self, first: &mut bool) -> Result<bool, Bail> {
        self.more(first, b']')
    }

    /// Any value, as a [`Raw`] one.
    pub fn raw(&mut self) -> Result<Raw<'de>, Bail> {
        match self.peek() {
            Some(b'"') => Ok(match self.str()? {
                Cow::Borrowed(s) => Raw::Str(s),
                Cow::Owned(s) => Raw::String(s),
            }),
            Some(b'{') => {
                self.enter(b'{')?;
                let mut entries = Vec::new();
                let mut first = true;
                while let Some(key) = self.key(&mut first)? {
                    let value = self.raw()?;
                    entries.push((Key(key), value));
                }
                Ok(Raw::Object(entries))
            }
            Some(b'[') => {
                self.enter(b'[')?;
                let mut items = Vec::new();
                let mut first = true;
                while self.item(&mut first)? {
                    items.push(self.raw()?);
                }
                Ok(Raw::Array(items))
            }
            Some(b't' | b'f') => self.bool().map(Raw::Bool),
            Some(b'n') => self.word("null").map(|()| Raw::Null),
            _ => self.number(),
        }
    }

    /// Any value, as JSON.
    pub fn value(&mut self) -> Result<Value, Bail> {
        self.raw().map(Raw::into_value)
    }

    /// Checks the value at the next key and keeps the entry, from the key
    /// at `start` to the value's end, as text.
    fn keep(&mut self, start: usize, kept: &mut Kept<'de>) -> Result<(), Bail> {
        self.check()?;
        let text = self.text;
        kept.push(&text[start..self.pos]);
        Ok(())
    }

    /// Passes over a value, checked as [`Json::raw`] checks it, building
    /// nothing (but a string with escapes, decoded to check it).
    fn check(&mut self) -> Result<(), Bail> {
        match self.peek() {
            Some(b'"') => {
                self.str()?;
            }
            Some(b'{') => {
                self.enter(b'{')?;
                let mut first = true;
                while self.key(&mut first)?.is_some() {
                    self.check()?;
                }
            }
            Some(b'[') => {
                self.enter(b'[')?;
                let mut first = true;
                while self.item(&mut first)? {
                    self.check()?;
                }
            }
            Some(b't' | b'f') => {
                self.bool()?;
            }
            Some(b'n') => self.word("null")?,
            _ => {
                self.number()?;
            }
        }
        Ok(())
    }

    /// Passes over a value (checked when it is read for real).
    fn skip(&mut self) -> Result<(), Bail> {
        match self.peek() {
            Some(b'"') => self.pos = string_end(self.text.as_bytes(), self.pos + 1)? + 1,
            Some(b'{' | b'[') => {
                let b = self.text.as_bytes();
                let mut depth = 0usize;
                let mut i = self.pos;
                loop {
                    match b.get(i) {
                        Some(b'{' | b'[') => depth += 1,
                        Some(b'}' | b']') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Some(b'"') => i = string_end(b, i + 1)?,
                        Some(_) => {}
                        None => return Err(Bail),
                    }
                    i += 1;
                }
                self.pos = i + 1;
            }
            Some(_) => {
                let b = self.text.as_bytes();
                while b.get(self.pos).is_some_and(|c| !matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')) {
                    self.pos += 1;
                }
            }
            None => return Err(Bail),
        }
        Ok(())
    }

    /// The tag of the union object being read, guessed: the value of the
    /// first `"field"` in the text that is followed by `:` and a string.
    /// Usually the object's own key; when it is not (a nested object's, a
    /// string's), its own key reads another value or none, which
    /// [`Json::tag_scope`] catches: the reader gives up. Cheaper than
    /// [`Json::peek_tag`], which reads the keys to find it.
    pub fn guess_tag(&self, tags: &Tags) -> Option<&'de str> {
        let text = self.text;
        let mut from = self.pos;
        loop {
            // The end of `"field"`.
            let end = from + tags.finder.find(text.as_bytes().get(from..)?)? + tags.field.len() + 2;
            from = end - 1;
            let mut probe = Json { text, pos: end, depth: 0, tag_depth: 0, tag_read: false };
            if probe.eat(b':').is_ok() {
                if let Ok(Cow::Borrowed(tag)) = probe.str() {
                    return Some(tag);
                }
            }
        }
    }

    /// Starts reading a union object whose tag was guessed: its own tag
    /// must be read, with that value (see [`TagSlot`]). The scope of the
    /// union around it, if any, for [`Json::tag_checked`].
    fn tag_scope(&mut self) -> (u32, bool) {
        let outer = (self.tag_depth, self.tag_read);
        (self.tag_depth, self.tag_read) = (self.depth, false);
        outer
    }

    /// Ends the scope [`Json::tag_scope`] started: whether the object's own
    /// tag was read.
    fn tag_checked(&mut self, outer: (u32, bool)) -> Result<(), Bail> {
        let read = self.tag_read;
        (self.tag_depth, self.tag_read) = outer;
        if read { Ok(()) } else { Err(Bail) }
    }

    /// Notes a tag read at the current depth (the value already checked).
    fn tag_seen(&mut self) {
        if self.depth == self.tag_depth {
            self.tag_read = true;
        }
    }

    /// The value of the key `field` of the object being read (its first
    /// occurrence, which must be a string without escapes), reading
    /// nothing. The last occurrence is the tag: the slot that reads the
    /// tag checks that every occurrence has this value.
    pub fn peek_tag(&mut self, field: &str) -> Result<Option<&'de str>, Bail> {
        let (pos, depth) = (self.pos, self.depth);
        let mut first = true;
        let mut found = None;
        while let Some(key) = self.key(&mut first)? {
            if key == field {
                found = match self.str()? {
                    Cow::Borrowed(tag) => Some(tag),
                    Cow::Owned(_) => return Err(Bail),
                };
                break;
            }
            self.skip()?;
        }
        (self.pos, self.depth) = (pos, depth);
        Ok(found)
    }
}

/// Why a value read whole does not fit its type, and where: the path is
/// gathered innermost step first while the error travels up, and only on
/// this path (reading that fits costs nothing for it).
#[doc(hidden)]
#[derive(Debug)]
pub struct RawError {
    path: Vec<Segment>,
    kind: RawErrorKind,
}

#[derive(Debug)]
enum RawErrorKind {
    Invalid { found: Found, expected: &'static str },
    Missing(&'static str),
}

/// What a value that does not fit was, for the message.
#[derive(Debug)]
enum Found {
    Unit,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(String),
    Seq,
    Map,
    Number,
}

impl Found {
    fn of(raw: &Raw<'_>) -> Found {
        match raw {
            Raw::Null => Found::Unit,
            Raw::Bool(b) => Found::Bool(*b),
            Raw::U64(n) => Found::Unsigned(*n),
            Raw::I64(n) => Found::Signed(*n),
            Raw::F64(n) => Found::Float(*n),
            Raw::Str(s) => Found::Str((*s).to_owned()),
            Raw::String(s) => Found::Str(s.clone()),
            Raw::Array(_) => Found::Seq,
            Raw::Object(_) => Found::Map,
            Raw::Number(_) => Found::Number,
        }
    }

    fn unexpected(&self) -> de::Unexpected<'_> {
        match self {
            Found::Unit => de::Unexpected::Unit,
            Found::Bool(b) => de::Unexpected::Bool(*b),
            Found::Unsigned(n) => de::Unexpected::Unsigned(*n),
            Found::Signed(n) => de::Unexpected::Signed(*n),
            Found::Float(n) => de::Unexpected::Float(*n),
            Found::Str(s) => de::Unexpected::Str(s),
            Found::Seq => de::Unexpected::Seq,
            Found::Map => de::Unexpected::Map,
            Found::Number => de::Unexpected::Other("a number"),
        }
    }
}

impl RawError {
    /// `raw` is not what `expected` says.
    #[must_use]
    pub fn invalid(raw: &Raw<'_>, expected: &'static str) -> RawError {
        RawError { path: Vec::new(), kind: RawErrorKind::Invalid { found: Found::of(raw), expected } }
    }

    /// The object lacks the property `name`.
    #[must_use]
    pub fn missing(name: &'static str) -> RawError {
        RawError { path: Vec::new(), kind: RawErrorKind::Missing(name) }
    }

    /// The error, inside the property `name`.
    #[must_use]
    pub fn at(mut self, name: &str) -> RawError {
        self.path.push(Segment::Key(name.to_owned()));
        self
    }

    fn at_index(mut self, index: usize) -> RawError {
        self.path.push(Segment::Index(index));
        self
    }

    /// The error as the reader's own. When [`from_str`] is looking for
    /// where, the path goes to it aside and the message is serde's usual.
    pub fn into_de<E: de::Error>(self) -> E {
        let mut path = self.path;
        path.reverse();
        if diagnosing() {
            INNER_PATH.with(|p| {
                let mut p = p.borrow_mut();
                path.append(&mut p);
                *p = path;
            });
            return match &self.kind {
                RawErrorKind::Missing(name) => E::missing_field(name),
                RawErrorKind::Invalid { found: found @ Found::Str(_), expected } => {
                    E::invalid_value(found.unexpected(), expected)
                }
                RawErrorKind::Invalid { found, expected } => E::invalid_type(found.unexpected(), expected),
            };
        }
        match &self.kind {
            RawErrorKind::Missing(name) if path.is_empty() => E::missing_field(name),
            // The value itself, not an object (read as text, see
            // `deserialize_struct`): as serde says it.
            RawErrorKind::Invalid { found, expected } if path.is_empty() => E::invalid_type(found.unexpected(), expected),
            RawErrorKind::Missing(name) => E::custom(format_args!("invalid `{}`: missing field `{name}`", path_text(&path))),
            RawErrorKind::Invalid { found, expected } => {
                E::custom(format_args!("invalid `{}`: {}, expected {expected}", path_text(&path), found.unexpected()))
            }
        }
    }
}

/// A typed value built from a [`Raw`] value once the object's type is
/// known.
#[doc(hidden)]
pub trait FromRaw: Sized {
    /// What the error message says was expected.
    const EXPECTED: &'static str;
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError>;
    /// Read straight from JSON text by [`Json`]; by default through a
    /// [`Raw`] value.
    #[inline]
    fn from_json(json: &mut Json<'_>) -> Result<Self, Bail> {
        Self::from_raw(json.raw()?).map_err(|_| Bail)
    }
    /// Reads the whole text: the value, then nothing. Failing as `E`, so
    /// that a big value is built where the caller returns it.
    #[inline(always)]
    fn read_whole<E: Failure>(json: &mut Json<'_>) -> Result<Self, E> {
        // An object or a list checks as it closes that nothing follows (see
        // `Json::more`).
        if matches!(json.peek(), Some(b'{' | b'[')) {
            return Ok(Self::from_json(json)?);
        }
        let value = Self::from_json(json)?;
        json.end()?;
        Ok(value)
    }
}

/// What reading fails with: [`Bail`] inside the crate, or [`from_str`]'s
/// [`Error`], which then reads the text again to say why.
#[doc(hidden)]
pub trait Failure: From<Bail> + From<RawError> {}

impl Failure for Bail {}

impl Failure for Error {}

/// The types [`from_str`] reads: every type of this crate, lists and
/// options of them, [`Value`] and [`Map`].
pub trait Readable: FromRaw + serde::de::DeserializeOwned {}

impl<T: FromRaw + serde::de::DeserializeOwned> Readable for T {}

fn invalid<T: FromRaw>(raw: &Raw<'_>) -> RawError {
    RawError::invalid(raw, T::EXPECTED)
}

// @section uuid
/// A UUID in another form, or spelled with escapes, or no UUID.
#[cold]
#[inline(never)]
fn any_uuid(json: &mut Json<'_>) -> Result<Uuid, Bail> {
    Uuid::parse(&json.str()?).ok_or(Bail)
}

impl FromRaw for Uuid {
    const EXPECTED: &'static str = "a UUID";
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        raw.as_str().and_then(Uuid::parse).ok_or_else(|| invalid::<Self>(&raw))
    }
    // Inlined (see `Field`'s).
    #[inline(always)]
    fn from_json(json: &mut Json<'_>) -> Result<Self, Bail> {
        match json.hyphenated_uuid() {
            Some(id) => Ok(id),
            None => any_uuid(json),
        }
    }
}
// @end

// @section timestamp
impl FromRaw for Timestamp {
    const EXPECTED: &'static str = "an RFC 3339 date and time";
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        raw.as_str().and_then(Timestamp::parse).ok_or_else(|| invalid::<Self>(&raw))
    }
    // Inlined (see `Field`'s).
    #[inline(always)]
    fn from_json(json: &mut Json<'_>) -> Result<Self, Bail> {
        match json.plain_timestamp() {
            Some(time) => Ok(time),
            None => any_timestamp(json),
        }
    }
}

/// A time spelled with escapes, or no time.
#[cold]
#[inline(never)]
fn any_timestamp(json: &mut Json<'_>) -> Result<Timestamp, Bail> {
    Timestamp::parse(&json.str()?).ok_or(Bail)
}
// @end

impl FromRaw for String {
    const EXPECTED: &'static str = "a string";
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        match raw {
            Raw::Str(s) => Ok(s.to_owned()),
            Raw::String(s) => Ok(s),
            other => Err(invalid::<Self>(&other)),
        }
    }
    #[inline(always)]
    fn from_json(json: &mut Json<'_>) -> Result<Self, Bail> {
        json.string()
    }
}

impl FromRaw for bool {
    const EXPECTED: &'static str = "a boolean";
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        match raw {
            Raw::Bool(b) => Ok(b),
            other => Err(invalid::<Self>(&other)),
        }
    }
    #[inline(always)]
    fn from_json(json: &mut Json<'_>) -> Result<Self, Bail> {
        json.bool()
    }
}

impl FromRaw for Number {
    const EXPECTED: &'static str = "a number";
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        match raw {
            Raw::U64(n) => Ok(n.into()),
            Raw::I64(n) => Ok(n.into()),
            Raw::F64(n) => Number::from_f64(n).ok_or_else(|| invalid::<Self>(&raw)),
            Raw::Number(n) => Ok(n),
            other => Err(invalid::<Self>(&other)),
        }
    }
}

impl FromRaw for Map {
    const EXPECTED: &'static str = "an object";
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        match raw {
            Raw::Object(entries) => Ok(into_map(entries)),
            other => Err(invalid::<Self>(&other)),
        }
    }
    /// Straight into the map, with no list of entries between (an empty
    /// object, as most metadata are, costs nothing).
    fn from_json(json: &mut Json<'_>) -> Result<Self, Bail> {
        json.enter(b'{')?;
        let mut map = Map::new();
        let mut first = true;
        while let Some(key) = json.key(&mut first)? {
            let value = json.value()?;
            map.insert(key.into_owned(), value);
        }
        Ok(map)
    }
}

impl FromRaw for Value {
    const EXPECTED: &'static str = "any JSON value";
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        Ok(raw.into_value())
    }
}

impl<T: FromRaw> FromRaw for Vec<T> {
    const EXPECTED: &'static str = "a list";
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        match raw {
            Raw::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    out.push(T::from_raw(item).map_err(|e| e.at_index(i))?);
                }
                Ok(out)
            }
            other => Err(invalid::<Self>(&other)),
        }
    }
    fn from_json(json: &mut Json<'_>) -> Result<Self, Bail> {
        json.enter(b'[')?;
        let mut out = Vec::new();
        let mut first = true;
        while json.item(&mut first)? {
            out.push(T::from_json(json)?);
        }
        Ok(out)
    }
}

impl<T: FromRaw> FromRaw for Field<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        match raw {
            Raw::Null => Ok(Field::Null),
            raw => T::from_raw(raw).map(Field::Value),
        }
    }
    // Inlined, with `T`'s own for the crate's scalars, into each slot's
    // reader: a value returned through memory in pieces and loaded whole
    // (as a move does) stalls the load.
    #[inline(always)]
    fn from_json(json: &mut Json<'_>) -> Result<Self, Bail> {
        if json.null()? { Ok(Field::Null) } else { T::from_json(json).map(Field::Value) }
    }
}

impl<T: FromRaw> FromRaw for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        match raw {
            Raw::Null => Ok(None),
            raw => T::from_raw(raw).map(Some),
        }
    }
    #[inline(always)]
    fn from_json(json: &mut Json<'_>) -> Result<Self, Bail> {
        if json.null()? { Ok(None) } else { T::from_json(json).map(Some) }
    }
}

// @section loose
/// A value whose docs disagree with themselves: the spec gives it a type,
/// and the docs' own examples show other JSON there. It reads either way,
/// as the documented type when the JSON is that, and as it came when not;
/// it writes back what it read.
#[derive(Clone, Debug, PartialEq)]
pub enum Loose<T> {
    /// The documented type.
    Typed(T),
    /// Other JSON, as it came.
    Other(Value),
}

impl<T> Loose<T> {
    /// The value, when it is of the documented type.
    #[must_use]
    pub fn typed(&self) -> Option<&T> {
        match self {
            Loose::Typed(t) => Some(t),
            Loose::Other(_) => None,
        }
    }

    /// The value, when it is of the documented type; the JSON otherwise.
    ///
    /// # Errors
    ///
    /// The JSON as it came, when it is not of the documented type.
    pub fn into_typed(self) -> Result<T, Value> {
        match self {
            Loose::Typed(t) => Ok(t),
            Loose::Other(v) => Err(v),
        }
    }
}

impl<T> From<T> for Loose<T> {
    fn from(t: T) -> Self {
        Loose::Typed(t)
    }
}

impl<T: FromRaw> FromRaw for Loose<T> {
    const EXPECTED: &'static str = "any JSON value";
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        // Only disputed values are read twice.
        match T::from_raw(raw.clone()) {
            Ok(t) => Ok(Loose::Typed(t)),
            Err(_) => Ok(Loose::Other(raw.into_value())),
        }
    }
}

impl<'de, T: FromRaw> Deserialize<'de> for Loose<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::from_raw(Raw::deserialize(d)?).map_err(RawError::into_de)
    }
}

impl<T: Serialize> Serialize for Loose<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Loose::Typed(t) => t.serialize(s),
            Loose::Other(v) => v.serialize(s),
        }
    }
}
// @end

/// `FromRaw` of a generated string enum: any string.
#[doc(hidden)]
pub fn str_enum_from_raw<T: for<'a> From<&'a str>>(raw: Raw<'_>) -> Result<T, RawError> {
    match raw.as_str() {
        Some(s) => Ok(T::from(s)),
        None => Err(RawError::invalid(&raw, "a string")),
    }
}

/// `FromRaw` of every generated struct: an object.
impl<T: FromEntries> FromRaw for T {
    const EXPECTED: &'static str = T::EXPECTING;
    fn from_raw(raw: Raw<'_>) -> Result<Self, RawError> {
        match raw {
            Raw::Object(entries) => T::from_entries(entries),
            other => Err(RawError::invalid(&other, T::EXPECTING)),
        }
    }
    // An object checks as it closes whether it was the outermost and then
    // that nothing follows: one value and a whole document read alike.
    fn from_json(json: &mut Json<'_>) -> Result<Self, Bail> {
        Self::read_whole(json)
    }
    #[inline(always)]
    fn read_whole<E: Failure>(json: &mut Json<'_>) -> Result<Self, E> {
        json.enter(b'{')?;
        T::from_object(Object::Json { json, outer: None, tag_known: false })
    }
}

/// Where one property of an object being read goes: a struct's field
/// (a `Field`, an `Option`), a [`RequiredSlot`] one, or [`TagSlot`].
/// Readers of every struct share [`read_fields`], which hands each value to
/// its slot through this trait: a struct's own reader only lists its slots.
#[doc(hidden)]
pub trait Slot {
    fn read(&mut self, raw: Raw<'_>) -> Result<(), RawError>;
    /// Reads the value straight from JSON text.
    fn read_json(&mut self, json: &mut Json<'_>) -> Result<(), Bail>;
}

impl<T: FromRaw> Slot for Field<T> {
    fn read(&mut self, raw: Raw<'_>) -> Result<(), RawError> {
        *self = match raw {
            Raw::Null => Field::Null,
            raw => Field::Value(T::from_raw(raw)?),
        };
        Ok(())
    }
    fn read_json(&mut self, json: &mut Json<'_>) -> Result<(), Bail> {
        *self = Field::from_json(json)?;
        Ok(())
    }
}

impl<T: FromRaw> Slot for Option<T> {
    fn read(&mut self, raw: Raw<'_>) -> Result<(), RawError> {
        *self = match raw {
            Raw::Null => None,
            raw => Some(T::from_raw(raw)?),
        };
        Ok(())
    }
    fn read_json(&mut self, json: &mut Json<'_>) -> Result<(), Bail> {
        *self = Option::from_json(json)?;
        Ok(())
    }
}

// @section required
/// The slot of a property that must be there: empty until it is read.
#[doc(hidden)]
pub struct RequiredSlot<T>(Option<T>);

impl<T> RequiredSlot<T> {
    #[must_use]
    pub fn new() -> Self {
        RequiredSlot(None)
    }

    /// The value read, or a `missing field` error.
    pub fn finish(self, name: &'static str) -> Result<T, RawError> {
        self.0.ok_or(RawError::missing(name))
    }
}

impl<T> Default for RequiredSlot<T> {
    fn default() -> Self {
        RequiredSlot(None)
    }
}

impl<T: FromRaw> Slot for RequiredSlot<T> {
    fn read(&mut self, raw: Raw<'_>) -> Result<(), RawError> {
        self.0 = Some(T::from_raw(raw)?);
        Ok(())
    }
    fn read_json(&mut self, json: &mut Json<'_>) -> Result<(), Bail> {
        self.0 = Some(T::from_json(json)?);
        Ok(())
    }
}
// @end

/// The slot of a tag, checked before the properties are read; read
/// straight from JSON, every occurrence must be the tag's value.
#[doc(hidden)]
pub struct TagSlot(pub &'static str);

impl Slot for TagSlot {
    fn read(&mut self, _raw: Raw<'_>) -> Result<(), RawError> {
        Ok(())
    }
    fn read_json(&mut self, json: &mut Json<'_>) -> Result<(), Bail> {
        if !same(&json.str()?, self.0) {
            return Err(Bail);
        }
        json.tag_seen();
        Ok(())
    }
}

/// The position of `key` in `names`, trying `hint` first: payloads mostly
/// list their properties in the order of their names, as `names` are (the
/// generator sorts them), so the property after the last one found is the
/// likeliest.
fn slot_of(names: &[&str], key: &str, hint: usize) -> Option<usize> {
    let same = |n: &&str| same(n, key);
    let (before, after) = names.split_at(hint.min(names.len()));
    match after.iter().position(same) {
        Some(i) => Some(hint + i),
        None => before.iter().position(same),
    }
}

/// The properties of an object being read: already read whole, as
/// [`Entries`] (through serde), or still JSON text after its `{` (through
/// [`Json`], for [`from_str`]).
#[doc(hidden)]
pub enum Object<'a, 'de> {
    Entries(Entries<'de>),
    Json {
        json: &'a mut Json<'de>,
        /// The slots of the union this object is one shape of (an event's
        /// envelope): they take their properties first.
        outer: Option<Outer<'a>>,
        /// Whether the union already checked the tag.
        tag_known: bool,
    },
}

/// The properties a union reads itself, for its shape's reader.
#[doc(hidden)]
pub struct Outer<'a> {
    names: &'a [&'a str],
    slots: &'a mut [&'a mut dyn Slot],
    /// Bit `n` (63 for longer): some name is `n` bytes long. Most of a
    /// shape's keys are passed over on their length alone.
    lengths: u64,
    /// Where to look first (see [`slot_of`]).
    hint: usize,
}

/// The bit of a name's length in [`Outer::lengths`].
fn length_bit(name: &str) -> u64 {
    1 << name.len().min(63)
}

impl Outer<'_> {
    /// Whether the next key is the property after the last one found,
    /// matched in the text (see [`Json::key_is`]); then its value is read.
    #[inline(always)]
    fn next_is(this: &mut Option<Outer<'_>>, json: &mut Json<'_>) -> Result<bool, Bail> {
        let Some(o) = this else { return Ok(false) };
        let Some(name) = o.names.get(o.hint) else { return Ok(false) };
        if !json.key_is(name)? {
            return Ok(false);
        }
        o.slots[o.hint].read_json(json)?;
        o.hint += 1;
        Ok(true)
    }

    /// Reads `key`'s value if it is one of these properties.
    #[inline]
    fn read(this: &mut Option<Outer<'_>>, key: &str, json: &mut Json<'_>) -> Result<bool, Bail> {
        let Some(o) = this else { return Ok(false) };
        if o.lengths & length_bit(key) == 0 {
            return Ok(false);
        }
        match slot_of(o.names, key, o.hint) {
            Some(i) => {
                o.hint = i + 1;
                o.slots[i].read_json(json).map(|()| true)
            }
            None => Ok(false),
        }
    }
}

thread_local! {
    /// The last [`RawError`] that became a [`Bail`] on this thread (see
    /// [`Bail::noting`]): `from_entries` clears it, and takes it back when
    /// its object fails. One noted while reading JSON text is never taken,
    /// only replaced or cleared.
    static NOTED: std::cell::Cell<Option<RawError>> = const { std::cell::Cell::new(None) };
}

impl Bail {
    /// Fails, noting why for [`FromEntries::from_entries`], which turns
    /// the note back into the error. Only a value that does not fit takes
    /// this way, never one that reads.
    #[cold]
    fn noting(e: RawError) -> Bail {
        // Gone with the thread: the error then says less, nothing worse.
        let _ = NOTED.try_with(|n| n.set(Some(e)));
        Bail
    }

    /// The note [`Bail::noting`] left, taken.
    fn noted() -> Option<RawError> {
        NOTED.try_with(std::cell::Cell::take).ok().flatten()
    }
}

impl From<RawError> for Bail {
    fn from(e: RawError) -> Self {
        Bail::noting(e)
    }
}

impl<'a, 'de> Object<'a, 'de> {
    /// A tagged struct's tag must be its own (the last one, when it comes
    /// more than once).
    pub fn expect_tag(&mut self, field: &'static str, expected: &'static str) -> Result<(), Bail> {
        match self {
            Object::Entries(entries) => match entries.iter().rev().find(|(k, _)| k.as_str() == field) {
                Some((_, raw)) if raw.as_str() == Some(expected) => Ok(()),
                Some((_, raw)) => Err(RawError::invalid(raw, expected).at(field).into()),
                None => Err(RawError::missing(field).into()),
            },
            Object::Json { tag_known: true, .. } => Ok(()),
            Object::Json { json, .. } => match json.peek_tag(field)? {
                Some(tag) if tag == expected => Ok(()),
                _ => Err(Bail),
            },
        }
    }

    /// A union's tag: its position among the sorted `values`, or the tag
    /// itself when it is none of them.
    #[inline(always)]
    pub fn find_tag(&mut self, tags: &Tags) -> Result<(Option<usize>, String), Bail> {
        let field = tags.field;
        let tag = match self {
            Object::Entries(entries) => match entries.iter().rev().find(|(k, _)| k.as_str() == field) {
                Some((_, raw)) => match raw.as_str() {
                    Some(tag) => tag,
                    None => return Err(RawError::invalid(raw, "a string").at(field).into()),
                },
                None => return Err(RawError::missing(field).into()),
            },
            Object::Json { json, .. } => match json.guess_tag(tags) {
                Some(tag) => tag,
                None => json.peek_tag(field)?.ok_or(Bail)?,
            },
        };
        let found = tags.find(tag);
        Ok((found, if found.is_none() { tag.to_owned() } else { String::new() }))
    }

    /// The properties a union reads itself, `names[i]` into `slots[i]`: read
    /// now from entries (the rest stay for its shape), or handed to the
    /// shape's reader to read with its own.
    #[inline(always)]
    pub fn claim<'b>(
        self,
        names: &'b [&'b str],
        slots: &'b mut [&'b mut dyn Slot],
    ) -> Result<Object<'b, 'de>, Bail>
    where
        'a: 'b,
    {
        match self {
            Object::Entries(mut entries) => {
                claim_fields(&mut entries, names, slots)?;
                Ok(Object::Entries(entries))
            }
            // A union that is a shape of another: not read here.
            Object::Json { outer: Some(_), .. } => Err(Bail),
            Object::Json { json, .. } => {
                let lengths = names.iter().fold(0, |bits, name| bits | length_bit(name));
                Ok(Object::Json { json, outer: Some(Outer { names, slots, lengths, hint: 0 }), tag_known: true })
            }
        }
    }
}

/// Reads a struct's properties into their slots: `names[i]` goes to
/// `slots[i]`, anything else to `extra`. When a key comes twice, the last
/// one counts. This one function reads every struct of the crate.
#[doc(hidden)]
pub fn read_fields(
    object: Object<'_, '_>,
    names: &[&str],
    slots: &mut [&mut dyn Slot],
    extra: &mut Extra,
) -> Result<(), Bail> {
    let mut hint = 0;
    match object {
        Object::Entries(entries) => {
            let mut map = Map::new();
            for (key, raw) in entries {
                match slot_of(names, key.as_str(), hint) {
                    Some(i) => {
                        hint = i + 1;
                        if let Err(e) = slots[i].read(raw) {
                            return Err(e.at(key.as_str()).into());
                        }
                    }
                    None => {
                        map.insert(key.into_string(), raw.into_value());
                    }
                }
            }
            *extra = Extra::from(map);
        }
        Object::Json { json, mut outer, tag_known } => {
            // A shape of a union: the tag the union guessed must be read.
            let scope = tag_known.then(|| json.tag_scope());
            let mut first = true;
            let mut kept = Kept::default();
            while json.more(&mut first, b'}')? {
                let start = json.pos;
                // The property after the last one found, the likeliest
                // (see `slot_of`), matched in the text. A union's own
                // properties are never its shape's (the generator leaves
                // them out of the shapes), so none is passed over here.
                let next = match names.get(hint) {
                    Some(name) => json.key_is(name)?,
                    None => false,
                };
                if next {
                    slots[hint].read_json(json)?;
                    hint += 1;
                    continue;
                }
                // Or the union's next one: both lists are in the order of
                // their names, and so are the payload's keys, mostly.
                if Outer::next_is(&mut outer, json)? {
                    continue;
                }
                let key = json.key_text()?;
                if Outer::read(&mut outer, &key, json)? {
                    continue;
                }
                match slot_of(names, &key, hint) {
                    Some(i) => {
                        hint = i + 1;
                        slots[i].read_json(json)?;
                    }
                    None => json.keep(start, &mut kept)?,
                }
            }
            if let Some(scope) = scope {
                json.tag_checked(scope)?;
            }
            *extra = Extra::from_kept(kept);
        }
    }
    Ok(())
}

/// As [`read_fields`], for the properties a union holds itself (an
/// event's envelope): they leave `entries`, the rest stay for its shape.
fn claim_fields(entries: &mut Entries<'_>, names: &[&str], slots: &mut [&mut dyn Slot]) -> Result<(), RawError> {
    let mut hint = 0;
    let mut error = None;
    entries.retain_mut(|(key, raw)| match slot_of(names, key.as_str(), hint) {
        Some(i) => {
            hint = i + 1;
            if let Err(e) = slots[i].read(std::mem::replace(raw, Raw::Null)) {
                error.get_or_insert_with(|| e.at(key.as_str()));
            }
            false
        }
        None => true,
    });
    error.map_or(Ok(()), Err)
}

/// An object whose tag (an event's `event_type`, an error's `error_code`)
/// the docs did not describe when this crate was generated. Its other
/// properties are kept as they came, so it serializes back unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownVariant {
    /// The tag, as the object spelled it.
    pub tag: String,
    /// Every other property of the object (those its union reads itself,
    /// like an event's envelope, aside).
    pub fields: Extra,
}

impl UnknownVariant {
    #[doc(hidden)]
    pub fn from_object(tag_field: &str, tag: String, object: Object<'_, '_>) -> Result<Self, Bail> {
        let fields = match object {
            Object::Entries(entries) => {
                let mut map = Map::new();
                for (key, raw) in entries {
                    if key.as_str() != tag_field {
                        map.insert(key.into_string(), raw.into_value());
                    }
                }
                Extra::from(map)
            }
            Object::Json { json, mut outer, tag_known } => {
                let scope = tag_known.then(|| json.tag_scope());
                let mut first = true;
                let mut kept = Kept::default();
                while json.more(&mut first, b'}')? {
                    let start = json.pos;
                    if Outer::next_is(&mut outer, json)? {
                        continue;
                    }
                    let key = json.key_text()?;
                    if Outer::read(&mut outer, &key, json)? {
                        continue;
                    }
                    if key == tag_field {
                        // Every occurrence the tag the union found.
                        if json.str()? != tag {
                            return Err(Bail);
                        }
                        json.tag_seen();
                    } else {
                        json.keep(start, &mut kept)?;
                    }
                }
                if let Some(scope) = scope {
                    json.tag_checked(scope)?;
                }
                Extra::from_kept(kept)
            }
        };
        Ok(UnknownVariant { tag, fields })
    }

    #[doc(hidden)]
    pub fn serialize_fields<M: SerializeMap>(&self, tag_field: &'static str, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(tag_field, &self.tag)?;
        serialize_extra(map, &self.fields)
    }
}

/// Writes an object's properties into a map being written: how a union
/// writes its shape's properties after the ones it holds itself.
#[doc(hidden)]
pub trait SerializeFields {
    fn serialize_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// `Debug` of every generated struct and union: its name, then the JSON it
/// serializes to, as it would be sent (pretty with `{:#?}`):
/// `Device {"device_id":"…",…}`. Through serde, not a derive: a derived
/// `Debug` spells every field again, and was a seventh of the crate's
/// build time. Each impl is `#[inline]`, so that it is compiled where it
/// is used.
#[doc(hidden)]
pub fn debug_json<T: Serialize>(value: &T, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let json = if f.alternate() { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    match json {
        Ok(json) => write!(f, "{name} {json}"),
        Err(e) => write!(f, "{name} ({e})"),
    }
}

/// An object's properties ([`SerializeFields`]) written as a map of their
/// own: how a union's shapes show themselves (see [`debug_json`]).
#[doc(hidden)]
pub struct FieldsAsMap<'a, T>(pub &'a T);

impl<T: SerializeFields> Serialize for FieldsAsMap<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_struct(self.0, s)
    }
}

/// `Serialize::serialize` of every generated struct, through its
/// [`SerializeFields`].
#[doc(hidden)]
pub fn serialize_struct<T: SerializeFields, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    value.serialize_fields(&mut map)?;
    map.end()
}

// @section endpoints
/// An endpoint of the API, implemented by its request type: where the
/// request goes, and what the answer reads into. Seam's SDKs call every
/// endpoint with `POST` and a JSON body.
pub trait Endpoint: Serialize {
    /// The path, from the API's base URL (`/devices/get`).
    const PATH: &'static str;
    /// The HTTP method.
    const METHOD: &'static str = "POST";
    /// Whether the call only reads (the API also serves the path with
    /// `GET`, a safe method), so that repeating it changes nothing: a client
    /// retries these on its own.
    const SAFE: bool = false;
    /// The body of a successful response.
    type Response: Readable;
}

/// An endpoint whose results come in pages: its request takes a
/// `page_cursor`, and its response holds one page of items and a
/// `pagination` object with the next page's cursor.
pub trait Paginated: Endpoint + Clone {
    /// One result (a `Device` for `/devices/list`).
    type Item;
    /// The items of one page.
    ///
    /// # Errors
    ///
    /// The JSON where the items should be, when it is not a list of them
    /// (where the docs' own examples show other JSON there).
    fn items(response: Self::Response) -> Result<Vec<Self::Item>, Value>;
}

// @end

// @section pages
/// The items of a page, however the response field holding them is
/// present: a list, a list that may be left out, or a [`Field`].
#[doc(hidden)]
pub trait Items<T> {
    fn into_items(self) -> Result<Vec<T>, Value>;
}

impl<T> Items<T> for Vec<T> {
    fn into_items(self) -> Result<Vec<T>, Value> {
        Ok(self)
    }
}

impl<T, L: Items<T>> Items<T> for Option<L> {
    fn into_items(self) -> Result<Vec<T>, Value> {
        self.map_or_else(|| Ok(Vec::new()), Items::into_items)
    }
}

impl<T, L: Items<T>> Items<T> for Field<L> {
    fn into_items(self) -> Result<Vec<T>, Value> {
        self.into_option().map_or_else(|| Ok(Vec::new()), Items::into_items)
    }
}
// @end

// @section pages loose
impl<T> Items<T> for Loose<Vec<T>> {
    fn into_items(self) -> Result<Vec<T>, Value> {
        self.into_typed()
    }
}
// @end

/// One property of a struct being written: whether it is there, and its
/// value. [`write_fields`], shared by every struct, writes them.
#[doc(hidden)]
pub trait WriteSlot {
    fn present(&self) -> bool;
    fn value(&self) -> &dyn erased_serde::Serialize;
}

impl<T: Serialize> WriteSlot for Field<T> {
    fn present(&self) -> bool {
        !self.is_absent()
    }
    fn value(&self) -> &dyn erased_serde::Serialize {
        self
    }
}

impl<T: Serialize> WriteSlot for Option<T> {
    fn present(&self) -> bool {
        self.is_some()
    }
    fn value(&self) -> &dyn erased_serde::Serialize {
        self
    }
}

/// A property always written (a required one, a tag), `null` included.
#[doc(hidden)]
pub struct AlwaysWritten<'a, T>(pub &'a T);

impl<T: Serialize> WriteSlot for AlwaysWritten<'_, T> {
    fn present(&self) -> bool {
        true
    }
    fn value(&self) -> &dyn erased_serde::Serialize {
        self.0
    }
}

/// Writes a struct's properties: `names[i]` with `slots[i]`, unless it is
/// absent, then those the docs did not list.
#[doc(hidden)]
pub fn write_fields<M: SerializeMap>(
    map: &mut M,
    names: &[&str],
    slots: &[&dyn WriteSlot],
    extra: &Extra,
) -> Result<(), M::Error> {
    for (name, slot) in names.iter().zip(slots) {
        if slot.present() {
            map.serialize_entry(name, slot.value())?;
        }
    }
    serialize_extra(map, extra)
}

/// `Deserialize` of every generated object type, through its `FromEntries`
/// (the blanket `FromRaw` reads it as one value of a larger payload).
#[doc(hidden)]
macro_rules! object_serde {
    ($t:ty) => {
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::support::deserialize_struct(d)
            }
        }
    };
}
#[allow(unused_imports)] // unused when the docs describe no object
pub(crate) use object_serde;

/// The impls every generated string enum shares, through its `as_str` and
/// `From<&str>`: `FromStr`, `Display`, serde both ways, and reading it as
/// one value of a larger payload.
#[doc(hidden)]
macro_rules! str_enum_serde {
    ($t:ty) => {
        impl ::std::str::FromStr for $t {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::support::deserialize_str_enum(d)
            }
        }

        impl $crate::support::FromRaw for $t {
            const EXPECTED: &'static str = "a string";
            fn from_raw(raw: $crate::support::Raw<'_>) -> ::std::result::Result<Self, $crate::support::RawError> {
                $crate::support::str_enum_from_raw(raw)
            }
        }
    };
}
#[allow(unused_imports)] // unused when the docs list no enum
pub(crate) use str_enum_serde;

/// The `FromEntries` of a generated struct. Its entries (`$ek $ej $ef`)
/// list how each property is read and written:
///
/// - `field "json" f`: a `Field<T>`: absent, `null` or a value;
/// - `optional "json" f`: an `Option<T>`, absent when `None`;
/// - `required "json" f`: a `T`, always there;
/// - `nullable "json" f`: an `Option<T>`, always there, may be `null`;
/// - `tag "json" "value"`: the tag of a tagged shape, checked first.
///
/// Three tokens each, not a group: a struct of many properties is one
/// macro call, and a group apiece would double its tokens.
///
/// Each property gets a local, its slot; [`read_fields`], shared by every
/// struct, fills them. Locals are the macro's own: a docs property named
/// `entries` is just a field.
#[doc(hidden)]
macro_rules! from_entries_impl {
    // A struct `new()` makes (no required property): read into its fields.
    (new, $t:ident, $expecting:expr, [$(($ctag:literal, $cvalue:literal))?], $extra:ident, [$($f:ident),* $(,)?], [$($ek:ident $ej:literal $ef:tt),* $(,)?]) => {
        #[allow(deprecated)]
        impl $crate::support::FromEntries for $t {
            const EXPECTING: &'static str = $expecting;
            // Compiled where it is used, not in this crate: see ARCHITECTURE.md.
            #[inline]
            fn from_object<E: $crate::support::Failure>(
                object: $crate::support::Object<'_, '_>,
            ) -> ::std::result::Result<Self, E> {
                $(let mut object = object; object.expect_tag($ctag, $cvalue)?;)?
                let mut this = Self::new();
                $crate::support::read_fields(
                    object,
                    &[$($crate::support::field_name!($ek $ej $ef)),*],
                    &mut [$($crate::support::field_slot_in!(this, $ek $ej $ef)),*],
                    &mut this.$extra,
                )?;
                Ok(this)
            }
        }
    };
    // With required properties: read into locals, then checked.
    (fields, $t:ident, $expecting:expr, [$(($ctag:literal, $cvalue:literal))?], $extra:ident, [$($f:ident),* $(,)?], [$($ek:ident $ej:literal $ef:tt),* $(,)?]) => {
        #[allow(deprecated)]
        impl $crate::support::FromEntries for $t {
            const EXPECTING: &'static str = $expecting;
            #[inline]
            fn from_object<E: $crate::support::Failure>(
                object: $crate::support::Object<'_, '_>,
            ) -> ::std::result::Result<Self, E> {
                $(let mut object = object; object.expect_tag($ctag, $cvalue)?;)?
                $($crate::support::field_init!($ek $ej $ef);)*
                let mut $extra = $crate::support::Extra::new();
                $crate::support::read_fields(
                    object,
                    &[$($crate::support::field_name!($ek $ej $ef)),*],
                    &mut [$($crate::support::field_slot!($ek $ej $ef)),*],
                    &mut $extra,
                )?;
                $($crate::support::field_finish!($ek $ej $ef);)*
                Ok(Self { $($f,)* $extra })
            }
        }
    };
}
#[allow(unused_imports)] // unused when the docs describe no object
pub(crate) use from_entries_impl;

/// The `FromEntries`, `Deserialize` and `Serialize` impls of a generated
/// object (see [`from_entries_impl!`] for the entries).
#[doc(hidden)]
macro_rules! object_impls {
    ($mode:ident, $t:ident, $expecting:literal, $extra:ident, [$($f:ident),* $(,)?], [$($ek:ident $ej:literal $ef:tt),* $(,)?]) => {
        $crate::support::from_entries_impl!($mode, $t, $expecting, [], $extra, [$($f),*], [$($ek $ej $ef),*]);
        $crate::support::object_serde!($t);
        $crate::support::object_serialize!($t, $extra, [$($ek $ej $ef),*]);
    };
}
#[allow(unused_imports)] // unused when the docs describe no object
pub(crate) use object_impls;

/// The impls of one shape of a tagged object (an event for its
/// `event_type`, an error for its `error_code`): as [`object_impls!`], and
/// the tag must be `$value`.
#[doc(hidden)]
macro_rules! tagged_impls {
    ($mode:ident, $t:ident, ($tag:literal, $value:literal), $extra:ident, [$($f:ident),* $(,)?], [$($ek:ident $ej:literal $ef:tt),* $(,)?]) => {
        $crate::support::from_entries_impl!(
            $mode, $t, concat!("an object with `", $tag, "` `", $value, "`"), [($tag, $value)], $extra, [$($f),*], [$($ek $ej $ef),*]
        );
        $crate::support::object_serde!($t);
        $crate::support::object_serialize!($t, $extra, [$($ek $ej $ef),*]);
    };
}
#[allow(unused_imports)] // unused when the docs describe no tagged object
pub(crate) use tagged_impls;

/// `Serialize` of a generated struct, through its `SerializeFields` (which
/// a union also calls, to write its shape's properties into its own map).
#[doc(hidden)]
macro_rules! object_serialize {
    ($t:ident, $extra:ident, [$($ek:ident $ej:literal $ef:tt),*]) => {
        #[allow(deprecated)]
        impl $crate::support::SerializeFields for $t {
            fn serialize_fields<M: ::serde::ser::SerializeMap>(&self, map: &mut M) -> ::std::result::Result<(), M::Error> {
                $crate::support::write_fields(
                    map,
                    &[$($crate::support::field_name!($ek $ej $ef)),*],
                    &[$($crate::support::field_ref!(self, $ek $ej $ef)),*],
                    &self.$extra,
                )
            }
        }

        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::support::serialize_struct(self, s)
            }
        }

        impl ::std::fmt::Debug for $t {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::support::debug_json(self, stringify!($t), f)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use object_serialize;

/// The `FromEntries` of a generated union: its tag, the fields every shape
/// has (its entries, as in [`from_entries_impl!`]), then the shape's struct
/// from the rest. `[($i, $variant, $struct)]` is in the order of the sorted
/// tag values `[$value]`. Locals are the macro's own: a docs property named
/// `entries` or `rest` is just a field.
#[doc(hidden)]
macro_rules! union_impls {
    (
        $t:ident, $payload:ident, $pf:ident, $tag:literal, $expecting:literal,
        [$($f:ident),* $(,)?], [$($ek:ident $ej:literal $ef:tt),* $(,)?],
        [$(($i:literal, $v:ident, $s:ty)),* $(,)?], [$($value:literal),* $(,)?]
    ) => {
        #[allow(deprecated)]
        impl $crate::support::FromEntries for $t {
            const EXPECTING: &'static str = $expecting;
            // Compiled where it is used, not in this crate: see ARCHITECTURE.md.
            #[inline]
            fn from_object<E: $crate::support::Failure>(
                mut object: $crate::support::Object<'_, '_>,
            ) -> ::std::result::Result<Self, E> {
                const VALUES: &[&str] = &[$($value),*];
                const SIZE: usize = $crate::support::tag_table_size(VALUES.len());
                static TABLE: [u16; SIZE] = $crate::support::tag_table(VALUES);
                static TAGS: $crate::support::Tags = $crate::support::Tags::new($tag, VALUES, &TABLE, || {
                    ::memchr::memmem::Finder::new(concat!("\"", $tag, "\""))
                });
                let (found, unknown) = object.find_tag(&TAGS)?;
                $($crate::support::field_init!($ek $ej $ef);)*
                let $pf = {
                    let names: &[&str] = &[$($crate::support::field_name!($ek $ej $ef)),*];
                    let slots: &mut [&mut dyn $crate::support::Slot] = &mut [$($crate::support::field_slot!($ek $ej $ef)),*];
                    let rest = object.claim(names, slots)?;
                    match found {
                        $(Some($i) => $payload::$v(<$s as $crate::support::FromEntries>::from_object::<$crate::support::Bail>(rest)?),)*
                        _ => $payload::Unknown($crate::support::UnknownVariant::from_object($tag, unknown, rest)?),
                    }
                };
                $($crate::support::field_finish!($ek $ej $ef);)*
                Ok(Self { $($f,)* $pf })
            }
        }

        $crate::support::object_serde!($t);

        impl ::std::fmt::Debug for $t {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::support::debug_json(self, stringify!($t), f)
            }
        }

        impl ::std::fmt::Debug for $payload {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::support::debug_json(&$crate::support::FieldsAsMap(self), stringify!($payload), f)
            }
        }
    };
}
#[allow(unused_imports)] // unused when the docs describe no tagged object
pub(crate) use union_impls;

#[doc(hidden)]
macro_rules! field_init {
    (tag $json:literal $value:literal) => {};
    (field $json:literal $f:ident) => {
        let mut $f = $crate::support::Field::Absent;
    };
    (optional $json:literal $f:ident) => {
        let mut $f = None;
    };
    ($kind:ident $json:literal $f:ident) => {
        let mut $f = $crate::support::RequiredSlot::new();
    };
}
#[allow(unused_imports)]
pub(crate) use field_init;

#[doc(hidden)]
macro_rules! field_name {
    ($kind:ident $json:literal $($rest:tt)*) => {
        $json
    };
}
#[allow(unused_imports)]
pub(crate) use field_name;

/// The slot one property is read into.
#[doc(hidden)]
macro_rules! field_slot {
    // Checked before the entries are read: only the last one counts.
    (tag $json:literal $value:literal) => {
        &mut $crate::support::TagSlot($value)
    };
    ($kind:ident $json:literal $f:ident) => {
        &mut $f
    };
}
#[allow(unused_imports)]
pub(crate) use field_slot;

/// The slot one property is read into: the field of `$this`.
#[doc(hidden)]
macro_rules! field_slot_in {
    ($this:ident, tag $json:literal $value:literal) => {
        &mut $crate::support::TagSlot($value)
    };
    ($this:ident, $kind:ident $json:literal $f:ident) => {
        &mut $this.$f
    };
}
#[allow(unused_imports)]
pub(crate) use field_slot_in;

/// A property that must be there: there, or a `missing field` error.
#[doc(hidden)]
macro_rules! field_finish {
    (required $json:literal $f:ident) => {
        let $f = $f.finish($json)?;
    };
    (nullable $json:literal $f:ident) => {
        let $f = $f.finish($json)?;
    };
    ($kind:ident $json:literal $($rest:tt)*) => {};
}
#[allow(unused_imports)]
pub(crate) use field_finish;

/// How one property is written, for [`write_fields`].
#[doc(hidden)]
macro_rules! field_ref {
    ($s:ident, tag $json:literal $value:literal) => {
        &$crate::support::AlwaysWritten(&$value)
    };
    ($s:ident, field $json:literal $f:ident) => {
        &$s.$f
    };
    ($s:ident, optional $json:literal $f:ident) => {
        &$s.$f
    };
    ($s:ident, $kind:ident $json:literal $f:ident) => {
        &$crate::support::AlwaysWritten(&$s.$f)
    };
}
#[allow(unused_imports)]
pub(crate) use field_ref;


// ---------------------------------------------------------------------------
// Errors that say where.

/// Reads a `T` (an `Event`, any type of this crate) from JSON text: what
/// `serde_json::from_str` reads, read faster, by the crate's own reader
/// straight into the types (it leaves to `serde_json` what it is unsure
/// of). When the text does not fit, the error says where: the event type,
/// the path to the value that does not fit
/// (`properties.code_constraints[1]`), and the line and column where that
/// value starts.
///
/// # Errors
///
/// When the text is not JSON, or does not fit `T`.
///
/// ```
/// let body = r#"{"event_type": "device.low_battery", "event_id": 12}"#;
/// let err = seam_types::from_str::<seam_types::Event>(body).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "event device.low_battery: event_id: invalid type: integer `12`, expected a UUID at line 1 column 50"
/// );
/// ```
pub fn from_str<T: Readable>(text: &str) -> Result<T, Error> {
    // The crate's own reader first; where it gives up, serde_json's parser
    // (not `serde_json::from_str`, which would try the crate's reader on
    // each object again).
    // The reader fails with `Error` itself: its result is returned as it
    // is, not rebuilt as another `Result` (each rebuild copies an event).
    let mut read = T::read_whole::<Error>(&mut Json::new(text));
    if read.is_err() {
        read = from_str_again(text);
    }
    read
}

/// [`from_str`] where its reader gives up.
#[inline(never)]
fn from_str_again<T: Readable>(text: &str) -> Result<T, Error> {
    match read_serde(text) {
        Ok(value) => Ok(value),
        // Only a payload that does not fit is read a second time, slowly.
        Err(first) => Err(Error::locate::<T>(text, first)),
    }
}

/// The crate's own JSON reader alone: `None` where it gives up (see
/// [`Json`]). [`from_str`] tries it first.
#[doc(hidden)]
#[must_use]
pub fn read_json<T: Readable>(text: &str) -> Option<T> {
    read_fast(text).ok()
}

/// The reference reading, for tests: `serde_json` reads the text into
/// [`Raw`] values with its own parser, and the type is built from them,
/// never through the crate's JSON reader (which `serde_json::from_str`
/// uses too, see [`deserialize_struct`]).
#[doc(hidden)]
pub fn read_serde<T: FromRaw>(text: &str) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let raw = Raw::deserialize(&mut de)?;
    de.end()?;
    T::from_raw(raw).map_err(RawError::into_de)
}

/// [`read_json`], its value returned where it was built: an event is a
/// few hundred bytes, and each move of it shows.
#[inline]
fn read_fast<T: FromRaw>(text: &str) -> Result<T, Bail> {
    T::read_whole(&mut Json::new(text))
}

/// An error of [`from_str`]: what did not fit, and where.
///
/// One pointer. The crate's reader fails with this type too (empty, before
/// `from_str` reads the text again to say why), so that `from_str`
/// returns the reader's result as it is.
pub struct Error(Option<Box<Located>>);

/// What [`Error`] says; `None` there only while `from_str` runs.
#[derive(Debug)]
struct Located {
    event_type: Option<String>,
    path: String,
    message: String,
    line: usize,
    column: usize,
    inner: serde_json::Error,
}

impl From<Bail> for Error {
    #[inline(always)]
    fn from(_: Bail) -> Error {
        Error(None)
    }
}

impl From<RawError> for Error {
    fn from(e: RawError) -> Error {
        Error::from(Bail::from(e))
    }
}

/// What an [`Error`] that never left `from_str` says.
const GAVE_UP: &str = "the JSON reader gave up";

impl Error {
    /// The `event_type` of the payload, when it has one.
    #[must_use]
    pub fn event_type(&self) -> Option<&str> {
        self.0.as_ref()?.event_type.as_deref()
    }

    /// Where the value that does not fit is, from the payload's root:
    /// `properties.code_constraints[1]`; empty for the payload
    /// itself (a missing property, text that is not JSON at its start).
    #[must_use]
    pub fn path(&self) -> &str {
        self.0.as_ref().map_or("", |e| &e.path)
    }

    /// What is wrong, without where.
    #[must_use]
    pub fn message(&self) -> &str {
        self.0.as_ref().map_or(GAVE_UP, |e| &e.message)
    }

    /// The line (from 1) where the value that does not fit starts, or where
    /// the text stops being JSON.
    #[must_use]
    pub fn line(&self) -> usize {
        self.0.as_ref().map_or(0, |e| e.line)
    }

    /// The column (from 1, in bytes) on [`line`](Self::line).
    #[must_use]
    pub fn column(&self) -> usize {
        self.0.as_ref().map_or(0, |e| e.column)
    }

    /// Whether the text is not JSON (or ends too soon), rather than JSON
    /// that does not fit the type.
    #[must_use]
    pub fn is_syntax(&self) -> bool {
        self.0.as_ref().is_some_and(|e| {
            matches!(e.inner.classify(), serde_json::error::Category::Syntax | serde_json::error::Category::Eof)
        })
    }

    /// The error `serde_json::from_str` gives.
    #[must_use]
    pub fn into_json(self) -> serde_json::Error {
        match self.0 {
            Some(e) => e.inner,
            None => de::Error::custom(GAVE_UP),
        }
    }

    /// Reads `text` again, tracking the path, to find where `first` is.
    fn locate<T: serde::de::DeserializeOwned>(text: &str, first: serde_json::Error) -> Error {
        /// Ends the second reading, even if a `Deserialize` impl panics.
        struct Diagnosing;
        impl Drop for Diagnosing {
            fn drop(&mut self) {
                DIAGNOSING.with(|d| d.set(false));
            }
        }
        DIAGNOSING.with(|d| d.set(true));
        INNER_PATH.with(|p| p.borrow_mut().clear());
        let diagnosing = Diagnosing;
        let again = serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_str(text));
        drop(diagnosing);
        let inner_path = INNER_PATH.with(|p| std::mem::take(&mut *p.borrow_mut()));
        let (path, err) = match again {
            Err(e) => {
                let mut path: Vec<Segment> = e.path().iter().filter_map(Segment::of).collect();
                path.extend(inner_path);
                (path, e.into_inner())
            }
            // Not expected: the same text, the same reader.
            Ok(_) => (Vec::new(), first),
        };
        let text_err = err.to_string();
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        let message = text_err.strip_suffix(&suffix).unwrap_or(&text_err).to_owned();
        let event_type = value_at(text, &[Segment::Key(EVENT_TAG.into())])
            .and_then(|(start, end)| serde_json::from_str::<String>(&text[start..end]).ok());
        let (line, column) = match err.classify() {
            serde_json::error::Category::Data => match value_at(text, &path) {
                Some((start, _)) => line_column(text, start),
                None => (err.line(), err.column()),
            },
            _ => (err.line(), err.column()),
        };
        let path = path_text(&path);
        Error(Some(Box::new(Located { event_type, path, message, line, column, inner: err })))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(e) = &self.0 else { return f.write_str(GAVE_UP) };
        if let Some(t) = &e.event_type {
            write!(f, "event {t}: ")?;
        }
        if !e.path.is_empty() {
            write!(f, "{}: ", e.path)?;
        }
        write!(f, "{} at line {} column {}", e.message, e.line, e.column)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(e) => f
                .debug_struct("Error")
                .field("event_type", &e.event_type)
                .field("path", &e.path)
                .field("message", &e.message)
                .field("line", &e.line)
                .field("column", &e.column)
                .field("inner", &e.inner)
                .finish(),
            None => f.debug_tuple("Error").field(&GAVE_UP).finish(),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0.as_ref()?.inner)
    }
}

/// One step of a path into a payload.
#[derive(Clone, Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

impl Segment {
    fn of(s: &serde_path_to_error::Segment) -> Option<Segment> {
        match s {
            serde_path_to_error::Segment::Map { key } => Some(Segment::Key(key.clone())),
            serde_path_to_error::Segment::Seq { index } => Some(Segment::Index(*index)),
            _ => None,
        }
    }
}

thread_local! {
    /// Set while [`from_str`] reads a payload a second time, to find where
    /// it does not fit.
    static DIAGNOSING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The path below the property that did not fit, in objects read whole
    /// into `Raw` values first (every generated struct), where
    /// `serde_path_to_error` cannot see it.
    static INNER_PATH: std::cell::RefCell<Vec<Segment>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn diagnosing() -> bool {
    DIAGNOSING.with(|d| d.get())
}

/// A path as the messages spell it: `properties.code_constraints[1]`.
fn path_text(path: &[Segment]) -> String {
    path.iter().fold(String::new(), |mut out, s| {
        match s {
            Segment::Key(k) if out.is_empty() => out.push_str(k),
            Segment::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Segment::Index(i) => {
                use fmt::Write;
                let _ = write!(out, "[{i}]");
            }
        }
        out
    })
}

/// The line and column (from 1, in bytes) of byte `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |n| n + 1);
    (line, at - start + 1)
}

/// The byte range of the value at `path` in the JSON `text`: of the last
/// entry, when an object has a key twice (the one that was read).
fn value_at(text: &str, path: &[Segment]) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut start = skip_ws(b, 0);
    for segment in path {
        let mut found = None;
        let mut i = skip_ws(b, start + 1);
        match (segment, b.get(start)?) {
            (Segment::Key(key), b'{') => {
                while b.get(i)? == &b'"' {
                    let key_end = skip_value(b, i)?;
                    let this = serde_json::from_str::<String>(&text[i..key_end]).ok()?;
                    i = skip_ws(b, key_end);
                    (b.get(i)? == &b':').then_some(())?;
                    let value = skip_ws(b, i + 1);
                    if this == *key {
                        found = Some(value);
                    }
                    i = skip_ws(b, skip_value(b, value)?);
                    if b.get(i)? == &b',' {
                        i = skip_ws(b, i + 1);
                    }
                }
            }
            (Segment::Index(index), b'[') => {
                let mut n = 0;
                while !matches!(b.get(i)?, b']') {
                    if n == *index {
                        found = Some(i);
                        break;
                    }
                    i = skip_ws(b, skip_value(b, i)?);
                    if b.get(i)? == &b',' {
                        i = skip_ws(b, i + 1);
                    }
                    n += 1;
                }
            }
            _ => return None,
        }
        start = found?;
    }
    Some((start, skip_value(b, start)?))
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The end of the JSON value that starts at `i`.
fn skip_value(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match *b.get(i)? {
            b'"' => {
                i += 1;
                loop {
                    match *b.get(i)? {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' if depth == 0 => return Some(i),
            b'}' | b']' => {
                depth -= 1;
                i += 1;
            }
            b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return Some(i),
            _ => i += 1,
        }
        if depth == 0 && i > 0 && matches!(b[i - 1], b'"' | b'}' | b']') {
            return Some(i);
        }
    }
}
