//! Runtime support shared by the generated types: the presence wrapper, the
//! scalar types, and the small pieces of serde plumbing every type calls.
//!
//! The generated types implement `Serialize`/`Deserialize` by hand through
//! these helpers instead of `#[derive]`: the crate builds without serde's
//! derive macros and with far less code per type.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

pub use serde_json::{Number, Value};
pub use uuid::Uuid;

/// A JSON object: an `Object` whose shape the docs do not describe, a
/// `Record`, or the properties of a payload that the docs do not list.
pub type Map = serde_json::Map<String, Value>;

/// A point in time, the docs' `Datetime`.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// A property the docs do not promise: it may be absent, `null`, or a value.
///
/// The docs never say which properties are required or nullable, so by
/// default every property is a `Field`: no real payload is rejected for a
/// missing or null property, and keeping "absent" apart from "null" makes a
/// payload serialize back exactly as it came.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
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
    pub fn get(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            Field::Absent | Field::Null => None,
        }
    }

    /// The value, mutably, if there is one.
    pub fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Value(v) => Some(v),
            Field::Absent | Field::Null => None,
        }
    }

    /// The value, if there is one, by value.
    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            Field::Absent | Field::Null => None,
        }
    }

    /// Whether the payload left the property out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// Whether the property was `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
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

/// A generated struct that reads itself from the entries of a JSON object.
#[doc(hidden)]
pub trait FromMap: Sized {
    /// What the error message says was expected.
    const EXPECTING: &'static str;
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of every generated struct.
#[doc(hidden)]
pub fn deserialize_struct<'de, D: Deserializer<'de>, T: FromMap>(d: D) -> Result<T, D::Error> {
    struct StructVisitor<T>(PhantomData<T>);
    impl<'de, T: FromMap> Visitor<'de> for StructVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_map(map)
        }
    }
    d.deserialize_map(StructVisitor(PhantomData))
}

/// A required property: present, or a `missing field` error.
#[doc(hidden)]
pub fn required<T, E: de::Error>(v: Option<T>, name: &'static str) -> Result<T, E> {
    v.ok_or_else(|| E::missing_field(name))
}

/// Reads the `event_type` of an event struct read on its own, which must be
/// the struct's own.
#[doc(hidden)]
pub fn expect_tag<'de, A: MapAccess<'de>>(map: &mut A, expected: &'static str) -> Result<(), A::Error> {
    let tag: Key<'de> = map.next_value()?;
    if tag.as_str() == expected {
        Ok(())
    } else {
        Err(de::Error::invalid_value(de::Unexpected::Str(tag.as_str()), &expected))
    }
}

/// Writes the properties the docs did not list, after the documented ones.
#[doc(hidden)]
pub fn serialize_extra<M: SerializeMap>(map: &mut M, extra: &Map) -> Result<(), M::Error> {
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

/// The entries of an event object after its `event_type`: the entries read
/// before the tag was found are replayed first, then the rest stream on.
#[doc(hidden)]
pub struct Replay<A> {
    ahead: std::vec::IntoIter<(String, Value)>,
    pending: Option<Value>,
    rest: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.ahead.next() {
            Some((k, v)) => {
                self.pending = Some(v);
                seed.deserialize(k.into_deserializer()).map(Some)
            }
            None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(v) => seed.deserialize(v).map_err(de::Error::custom),
            None => self.rest.next_value_seed(seed),
        }
    }
}

/// Reads an event object up to its `event_type`, then lets `dispatch` read
/// the rest into the variant that tag names.
#[doc(hidden)]
pub fn read_tagged<'de, A, T>(mut map: A, dispatch: impl FnOnce(&str, Replay<A>) -> Result<T, A::Error>) -> Result<T, A::Error>
where
    A: MapAccess<'de>,
{
    let mut ahead = Vec::new();
    while let Some(key) = map.next_key::<Key<'de>>()? {
        if key.as_str() == "event_type" {
            let tag: Key<'de> = map.next_value()?;
            return dispatch(tag.as_str(), Replay { ahead: ahead.into_iter(), pending: None, rest: map });
        }
        ahead.push((key.into_string(), map.next_value::<Value>()?));
    }
    Err(de::Error::missing_field("event_type"))
}

/// An event whose `event_type` the docs did not list when this crate was
/// generated. The whole payload is kept, so it serializes back unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownEvent {
    /// The event type, as the payload spelled it.
    pub event_type: String,
    /// Every other property of the payload.
    pub fields: Map,
}

impl UnknownEvent {
    #[doc(hidden)]
    pub fn from_map<'de, A: MapAccess<'de>>(event_type: &str, mut map: A) -> Result<Self, A::Error> {
        let mut fields = Map::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            fields.insert(key.into_string(), map.next_value()?);
        }
        Ok(UnknownEvent { event_type: event_type.to_owned(), fields })
    }
}

impl Serialize for UnknownEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.fields.len() + 1))?;
        map.serialize_entry("event_type", &self.event_type)?;
        serialize_extra(&mut map, &self.fields)?;
        map.end()
    }
}
