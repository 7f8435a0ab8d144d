//! Lenient decoding: one changed field in a bot's answer must never make the whole answer unreadable.
//!
//! Every field of a wire struct is read through [`field`]: a value that is missing, `null`, or of another JSON
//! type than expected becomes the field's default (`None`, `0`, `""`, an empty list, an enum's `Unknown`)
//! instead of an error. Numbers sent as strings (`"12.5"`) are parsed, and numbers where a string is
//! expected are written out. Lists drop the items they cannot read, objects keep their keys' order
//! ([`OrderedMap`]).
//!
//! The wire structs get all of this from the `wire_struct!` and `wire_enum!` macros in `wire/mod.rs`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A type that can be read from any JSON value without failing.
pub trait Lenient: Sized {
    /// Reads a value; `None` when it is `null` or of a JSON type this type cannot be read from.
    /// Only a malformed JSON text is an error.
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error>;
}

/// `deserialize_with` target for every wire field: an unreadable value becomes the field's default.
pub fn field<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient + Default,
{
    T::lenient(deserializer).map(Option::unwrap_or_default)
}

/// Deserializes a wire struct leniently: an object is read field by field, anything else gives `None`.
pub fn struct_lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    deserializer.deserialize_any(StructVisitor(PhantomData))
}

/// Reads `T` leniently inside a sequence or map (`next_element_seed` / `next_value_seed`).
pub struct Seed<T>(PhantomData<T>);

impl<T> Seed<T> {
    pub fn new() -> Self {
        Seed(PhantomData)
    }
}

impl<T> Default for Seed<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: Lenient> DeserializeSeed<'de> for Seed<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::lenient(deserializer)
    }
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// The visit methods of a visitor whose `Value` is `Option<_>`, for JSON values it cannot use.
macro_rules! reject_scalars {
    () => {
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    };
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for StructVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    reject_scalars!();

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(seq).map(|()| None)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }
}

/// Any JSON scalar, as read by [`ScalarVisitor`]; arrays and objects are skipped as `Compound`.
enum Scalar {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(String),
    Compound,
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::I64(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::F64(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(v))
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Scalar, E> {
        Ok(Scalar::Compound)
    }
    fn visit_none<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Scalar, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar, A::Error> {
        drain_seq(seq).map(|()| Scalar::Compound)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
        drain_map(map).map(|()| Scalar::Compound)
    }
}

fn scalar<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
    deserializer.deserialize_any(ScalarVisitor)
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

fn f64_to_i64(v: f64) -> Option<i64> {
    // `as` saturates; values outside the i64 range are not meaningful here anyway.
    finite(v).map(|v| v.trunc() as i64)
}

impl Lenient for f64 {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        Ok(match scalar(deserializer)? {
            Scalar::F64(v) => finite(v),
            Scalar::I64(v) => Some(v as f64),
            Scalar::U64(v) => Some(v as f64),
            Scalar::Str(s) => s.trim().parse::<f64>().ok().and_then(finite),
            Scalar::Null | Scalar::Bool(_) | Scalar::Compound => None,
        })
    }
}

impl Lenient for i64 {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        Ok(match scalar(deserializer)? {
            Scalar::I64(v) => Some(v),
            Scalar::U64(v) => i64::try_from(v).ok(),
            Scalar::F64(v) => f64_to_i64(v),
            Scalar::Str(s) => {
                let s = s.trim();
                s.parse::<i64>()
                    .ok()
                    .or_else(|| s.parse::<f64>().ok().and_then(f64_to_i64))
            }
            Scalar::Null | Scalar::Bool(_) | Scalar::Compound => None,
        })
    }
}

macro_rules! lenient_int_via_i64 {
    ($($t:ty),*) => {$(
        impl Lenient for $t {
            fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
                Ok(i64::lenient(deserializer)?.and_then(|v| <$t>::try_from(v).ok()))
            }
        }
    )*};
}
lenient_int_via_i64!(i32, u32, u64, usize);

impl Lenient for bool {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        Ok(match scalar(deserializer)? {
            Scalar::Bool(v) => Some(v),
            Scalar::I64(v) => Some(v != 0),
            Scalar::U64(v) => Some(v != 0),
            Scalar::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            Scalar::F64(_) | Scalar::Null | Scalar::Compound => None,
        })
    }
}

impl Lenient for String {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        Ok(match scalar(deserializer)? {
            Scalar::Str(s) => Some(s),
            Scalar::I64(v) => Some(v.to_string()),
            Scalar::U64(v) => Some(v.to_string()),
            Scalar::F64(v) => Some(v.to_string()),
            Scalar::Bool(v) => Some(v.to_string()),
            Scalar::Null | Scalar::Compound => None,
        })
    }
}

/// Raw JSON is kept as it is, `null` included (a `null` cell of a candle row must keep its place).
impl Lenient for serde_json::Value {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        serde_json::Value::deserialize(deserializer).map(Some)
    }
}

/// `null` or an unreadable value is `None`; the outer `Some` tells [`field`] the answer was understood.
impl<T: Lenient> Lenient for Option<T> {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        Ok(Some(T::lenient(deserializer)?))
    }
}

impl<T: Lenient> Lenient for Box<T> {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        Ok(T::lenient(deserializer)?.map(Box::new))
    }
}

struct VecVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for VecVisitor<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }

    reject_scalars!();

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(Seed::<T>::new())? {
            if let Some(item) = item {
                out.push(item);
            }
        }
        Ok(Some(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        drain_map(map).map(|()| None)
    }
}

/// A list; items that cannot be read at all (e.g. a number in a list of trades) are left out.
impl<T: Lenient> Lenient for Vec<T> {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_any(VecVisitor(PhantomData))
    }
}

/// A JSON object read in the order the bot sent it (serde_json's own map would sort the keys, and the order of
/// e.g. a plot config's subplots or a strategy's ROI table is meaningful).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<V> OrderedMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `key` (the first one if the bot sent a key twice).
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`, keeping its position when it already exists; returns the previous value.
    pub fn insert(&mut self, key: impl Into<String>, value: V) -> Option<V> {
        let key = key.into();
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Removes `key` and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let pos = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(pos).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

impl<K: Into<String>, V> FromIterator<(K, V)> for OrderedMap<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = OrderedMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl<'a, V> IntoIterator for &'a OrderedMap<V> {
    type Item = &'a (String, V);
    type IntoIter = std::slice::Iter<'a, (String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

struct MapVisitor<V>(PhantomData<V>);

impl<'de, V: Lenient> Visitor<'de> for MapVisitor<V> {
    type Value = Option<OrderedMap<V>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    reject_scalars!();

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(seq).map(|()| None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = OrderedMap::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(value) = map.next_value_seed(Seed::<V>::new())? {
                out.insert(key, value);
            }
        }
        Ok(Some(out))
    }
}

impl<V: Lenient> Lenient for OrderedMap<V> {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        deserializer.deserialize_any(MapVisitor(PhantomData))
    }
}

impl<'de, V: Lenient> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        field(deserializer)
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(default)]
    struct Probe {
        #[serde(deserialize_with = "field")]
        f: f64,
        #[serde(deserialize_with = "field")]
        of: Option<f64>,
        #[serde(deserialize_with = "field")]
        i: i64,
        #[serde(deserialize_with = "field")]
        s: String,
        #[serde(deserialize_with = "field")]
        b: bool,
        #[serde(deserialize_with = "field")]
        v: Vec<String>,
        #[serde(deserialize_with = "field")]
        m: OrderedMap<f64>,
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn wrong_types_and_nulls_become_defaults() {
        let p = probe(r#"{"f":null,"of":"x","i":[1,2],"s":{"a":1},"b":null,"v":5,"m":[1]}"#);
        assert_eq!(p, Probe::default());
    }

    #[test]
    fn numbers_and_strings_convert() {
        let p = probe(
            r#"{"f":"1.5","of":2,"i":3.9,"s":12,"b":1,"v":["a",null,"b",3],"m":{"z":1,"a":"2","bad":[]}}"#,
        );
        assert_eq!(p.f, 1.5);
        assert_eq!(p.of, Some(2.0));
        assert_eq!(p.i, 3);
        assert_eq!(p.s, "12");
        assert!(p.b);
        assert_eq!(p.v, vec!["a".to_string(), "b".to_string(), "3".to_string()]);
        assert_eq!(p.m.keys().collect::<Vec<_>>(), vec!["z", "a"]);
        assert_eq!(p.m.get("a"), Some(&2.0));
    }

    #[test]
    fn raw_values_keep_nulls_in_place() {
        #[derive(Debug, Default, Deserialize)]
        #[serde(default)]
        struct Rows {
            #[serde(deserialize_with = "field")]
            data: Vec<Vec<serde_json::Value>>,
        }
        let rows: Rows =
            serde_json::from_str(r#"{"data":[[1,null,"x"],[2,3.5,null]]}"#).unwrap_or_default();
        assert_eq!(rows.data.len(), 2);
        assert_eq!(rows.data.first().map(Vec::len), Some(3));
        assert_eq!(
            rows.data.first().and_then(|r| r.get(1)),
            Some(&serde_json::Value::Null)
        );
    }

    #[test]
    fn ordered_map_round_trips_in_order() {
        let m: OrderedMap<i64> = serde_json::from_str(r#"{"b":1,"a":2}"#).unwrap_or_default();
        assert_eq!(
            serde_json::to_string(&m).unwrap_or_default(),
            r#"{"b":1,"a":2}"#
        );
    }
}
