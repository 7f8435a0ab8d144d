//! A request to a bot's REST API, described as plain data.
//!
//! Endpoint functions build an [`ApiRequest`]; only `client.rs` turns one into a browser fetch. Keeping the
//! description pure lets native tests check paths, query strings and bodies without a browser.

use serde::Serialize;

/// Default time a request may take before it is aborted.
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;
/// `pair_history` analyses a whole timerange on the bot and can take minutes.
pub const LONG_TIMEOUT_MS: u32 = 120_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Delete,
    Patch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }
}

/// Which credential a request carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// The bot's current access token (the normal case); a 401 triggers one refresh and one replay.
    Access,
    /// No credentials (`/ping`).
    None,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    pub method: Method,
    /// Path below `/api/v1`, starting with `/`, already percent-encoded where needed.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
    pub auth: Auth,
    pub timeout_ms: u32,
}

impl ApiRequest {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            auth: Auth::Access,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }

    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::Get, path)
    }

    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::Post, path)
    }

    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::Delete, path)
    }

    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::Patch, path)
    }

    /// Adds a query parameter. Repeating a key is allowed (freqtrade's `pairs_to_delete=a&pairs_to_delete=b`).
    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }

    /// Adds a query parameter only when there is a value.
    pub fn query_opt(self, key: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    /// Sets a JSON body. A body that cannot be serialized (it never happens for our payload types) is sent as `{}`.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.body = Some(
            serde_json::to_value(body).unwrap_or(serde_json::Value::Object(Default::default())),
        );
        self
    }

    pub fn no_auth(mut self) -> Self {
        self.auth = Auth::None;
        self
    }

    pub fn timeout_ms(mut self, ms: u32) -> Self {
        self.timeout_ms = ms;
        self
    }

    /// The path and query string, relative to `<bot url>/api/v1`.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let qs: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        format!("{}?{}", self.path, qs.join("&"))
    }

    /// A short name for messages ("GET /trades"), never including the query (it may hold user input).
    pub fn label(&self) -> String {
        format!("{} {}", self.method.as_str(), self.path)
    }
}

/// Percent-encodes a path segment or query component (RFC 3986 unreserved characters pass through).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_is_encoded_and_keys_may_repeat() {
        let r = ApiRequest::delete("/blacklist")
            .query("pairs_to_delete", "BTC/USDT")
            .query("pairs_to_delete", "ETH/USDT");
        assert_eq!(
            r.path_and_query(),
            "/blacklist?pairs_to_delete=BTC%2FUSDT&pairs_to_delete=ETH%2FUSDT"
        );
        assert_eq!(r.label(), "DELETE /blacklist");
    }

    #[test]
    fn optional_query_is_skipped_when_absent() {
        let r = ApiRequest::get("/logs").query_opt("limit", None::<u32>);
        assert_eq!(r.path_and_query(), "/logs");
        let r = ApiRequest::get("/logs").query_opt("limit", Some(50));
        assert_eq!(r.path_and_query(), "/logs?limit=50");
    }
}
