//! Reading what the browser kept (settings, chart preferences) field by field from one parsed JSON object:
//! a missing, damaged or odd field falls back to its own default, and no serde-derived reader is compiled per
//! type (bundle size, issue 10).

use serde_json::{Map, Value};

/// A stored JSON object, or nothing (absent, unparsable, or not an object).
#[derive(Debug, Clone, Default)]
pub struct Stored(Option<Map<String, Value>>);

impl Stored {
    pub fn parse(text: Option<&str>) -> Self {
        match text.and_then(|t| serde_json::from_str::<Value>(t).ok()) {
            Some(Value::Object(m)) => Stored(Some(m)),
            _ => Stored(None),
        }
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.0.as_ref()?.get(key)
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        self.get(key)?.as_str()
    }

    pub fn bool(&self, key: &str) -> Option<bool> {
        self.get(key)?.as_bool()
    }

    pub fn u64(&self, key: &str) -> Option<u64> {
        self.get(key)?.as_u64()
    }

    /// The strings of the array under `key` (other items skipped; empty when it is not an array).
    pub fn strings(&self, key: &str) -> Vec<String> {
        match self.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The object under `key` (empty when it is not one).
    pub fn object(&self, key: &str) -> Stored {
        match self.get(key) {
            Some(Value::Object(m)) => Stored(Some(m.clone())),
            _ => Stored(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_fall_back_one_by_one() {
        let s = Stored::parse(Some(
            r#"{"a": "x", "b": true, "n": 7, "o": {"c": false}, "bad": [1]}"#,
        ));
        assert_eq!(s.str("a"), Some("x"));
        assert_eq!(s.bool("b"), Some(true));
        assert_eq!(s.u64("n"), Some(7));
        assert_eq!(s.object("o").bool("c"), Some(false));
        assert_eq!(s.str("bad"), None);
        assert_eq!(s.object("bad").bool("c"), None);
        assert_eq!(Stored::parse(Some("[1]")).str("a"), None);
        assert_eq!(Stored::parse(Some("{nope")).str("a"), None);
        assert_eq!(Stored::parse(None).u64("n"), None);
    }
}
