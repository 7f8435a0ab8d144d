//! Lenient decoding: one changed field in a bot's answer must never make the whole answer unreadable.
//!
//! An answer is parsed once into a `serde_json::Value`, then read by [`Lenient::from_json`]: a value that is
//! missing, `null`, or of another JSON type than expected becomes the field's default (`None`, `0`, `""`, an
//! empty list, an enum's `Unknown`) instead of an error. Numbers sent as strings (`"12.5"`) are parsed, and
//! numbers where a string is expected are written out. Lists drop the items they cannot read, objects keep
//! their keys' order ([`OrderedMap`]; serde_json's `preserve_order`).
//!
//! Why a `Value` first (issue 10, bytes): serde's derived decoding compiles a visitor per struct and a reader
//! per field type *per deserializer*, about 100 KB of the bundle. Here the JSON parser is compiled once, and
//! each struct's reader is a short, non-generic list of map lookups.
//!
//! The wire structs get all of this from the `wire_struct!` and `wire_enum!` macros in `wire/mod.rs`.

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A type that can be read from any JSON value without failing.
pub trait Lenient: Sized {
    /// Reads a value; `None` when it is `null` or of a JSON type this type cannot be read from.
    fn from_json(value: &Value) -> Option<Self>;
}

/// Field `key` of an object, read leniently: missing or unreadable gives the default.
pub fn read<T: Lenient + Default>(object: &Map<String, Value>, key: &str) -> T {
    object.get(key).and_then(T::from_json).unwrap_or_default()
}

/// A value read leniently: unreadable gives the default.
pub fn value<T: Lenient + Default>(value: &Value) -> T {
    T::from_json(value).unwrap_or_default()
}

/// The `Deserialize` of a lenient type: parse, then read (an unreadable value is the default). Only a malformed
/// JSON text is an error.
pub fn deserialize<'de, D: Deserializer<'de>, T: Lenient + Default>(
    deserializer: D,
) -> Result<T, D::Error> {
    Ok(value(&parse(deserializer)?))
}

/// The `Deserialize` of a wire struct: as [`deserialize`], except that a whole answer that is not an object is an
/// error (the bot answered something else than what was asked), named by its JSON type.
pub fn deserialize_struct<'de, D: Deserializer<'de>, T: Lenient>(
    deserializer: D,
) -> Result<T, D::Error> {
    let parsed = parse(deserializer)?;
    T::from_json(&parsed)
        .ok_or_else(|| D::Error::custom(format!("expected an object, got {}", json_type(&parsed))))
}

/// Kept out of line so the parser is compiled once per deserializer, not once per answer type.
#[inline(never)]
fn parse<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
    Value::deserialize(deserializer)
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

fn f64_to_i64(v: f64) -> Option<i64> {
    // `as` saturates; values outside the i64 range are not meaningful here anyway.
    finite(v).map(|v| v.trunc() as i64)
}

impl Lenient for f64 {
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Number(n) => n.as_f64().and_then(finite),
            Value::String(s) => crate::util::decimal::parse_decimal(s.trim()),
            _ => None,
        }
    }
}

impl Lenient for i64 {
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(v), _) => Some(v),
                // A u64 beyond i64's range.
                (None, Some(_)) => None,
                (None, None) => n.as_f64().and_then(f64_to_i64),
            },
            Value::String(s) => {
                let s = s.trim();
                s.parse::<i64>()
                    .ok()
                    .or_else(|| crate::util::decimal::parse_decimal(s).and_then(f64_to_i64))
            }
            _ => None,
        }
    }
}

macro_rules! lenient_int_via_i64 {
    ($($t:ty),*) => {$(
        impl Lenient for $t {
            fn from_json(value: &Value) -> Option<Self> {
                i64::from_json(value).and_then(|v| <$t>::try_from(v).ok())
            }
        }
    )*};
}
lenient_int_via_i64!(i32, u32, u64, usize);

impl Lenient for bool {
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Bool(v) => Some(*v),
            // Integers only: 0 is false, any other is true.
            Value::Number(n) => n
                .as_i64()
                .map(|v| v != 0)
                .or_else(|| n.as_u64().map(|v| v != 0)),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
}

impl Lenient for String {
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(v), _, _) => v.to_string(),
                (None, Some(v), _) => v.to_string(),
                (None, None, Some(v)) => v.to_string(),
                (None, None, None) => n.to_string(),
            }),
            Value::Bool(v) => Some(v.to_string()),
            _ => None,
        }
    }
}

/// Raw JSON is kept as it is, `null` included (a `null` cell of a candle row must keep its place).
impl Lenient for Value {
    fn from_json(value: &Value) -> Option<Self> {
        Some(value.clone())
    }
}

/// `null` or an unreadable value is `None`; the outer `Some` says the answer was understood.
impl<T: Lenient> Lenient for Option<T> {
    fn from_json(value: &Value) -> Option<Self> {
        Some(T::from_json(value))
    }
}

impl<T: Lenient> Lenient for Box<T> {
    fn from_json(value: &Value) -> Option<Self> {
        T::from_json(value).map(Box::new)
    }
}

/// A list; items that cannot be read at all (e.g. a number in a list of trades) are left out.
impl<T: Lenient> Lenient for Vec<T> {
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Array(items) => Some(items.iter().filter_map(T::from_json).collect()),
            _ => None,
        }
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

impl<V: Lenient> Lenient for OrderedMap<V> {
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Object(object) => Some(
                object
                    .iter()
                    .filter_map(|(k, v)| V::from_json(v).map(|v| (k.as_str(), v)))
                    .collect(),
            ),
            _ => None,
        }
    }
}

impl<'de, V: Lenient> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize(deserializer)
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

    wire_struct! {
        struct Probe {
            pub f: f64,
            pub of: Option<f64>,
            pub i: i64,
            pub s: String,
            pub b: bool,
            pub v: Vec<String>,
            pub m: OrderedMap<f64>,
            pub kind: String = "type",
        }
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn wrong_types_and_nulls_become_defaults() {
        let p =
            probe(r#"{"f":null,"of":"x","i":[1,2],"s":{"a":1},"b":null,"v":5,"m":[1],"type":[]}"#);
        assert_eq!(p, Probe::default());
    }

    #[test]
    fn numbers_and_strings_convert() {
        let p = probe(
            r#"{"f":"1.5","of":2,"i":3.9,"s":12,"b":1,"v":["a",null,"b",3],"m":{"z":1,"a":"2","bad":[]},"type":"x"}"#,
        );
        assert_eq!(p.f, 1.5);
        assert_eq!(p.of, Some(2.0));
        assert_eq!(p.i, 3);
        assert_eq!(p.s, "12");
        assert!(p.b);
        assert_eq!(p.v, vec!["a".to_string(), "b".to_string(), "3".to_string()]);
        assert_eq!(p.m.keys().collect::<Vec<_>>(), vec!["z", "a"]);
        assert_eq!(p.m.get("a"), Some(&2.0));
        assert_eq!(p.kind, "x");
    }

    #[test]
    fn a_whole_answer_that_is_no_object_is_an_error_naming_its_type() {
        let err = serde_json::from_str::<Probe>("[1,2]")
            .err()
            .map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("expected an object, got an array"));
        // Malformed JSON stays an error too.
        assert!(serde_json::from_str::<Probe>("{\"f\":").is_err());
    }

    #[test]
    fn raw_values_keep_nulls_in_place() {
        wire_struct! {
            struct Rows {
                pub data: Vec<Vec<serde_json::Value>>,
            }
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
