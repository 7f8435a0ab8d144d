//! Small answers shared by several endpoints, and the error body.

wire_struct! {
    /// `{"status": "..."}`: the answer of `POST /start`, `/stop`, `/stopbuy` (alias `/pause`, `/stopentry`),
    /// `/reload_config`, and of `POST /forceenter` when no trade was opened. The text is meant for the user.
    pub struct StatusMsg {
        pub status: String,
    }
}

wire_struct! {
    /// `{"result": "..."}`: the answer of `POST /forceexit` ("Created exit order for trade 3.").
    pub struct ResultMsg {
        pub result: String,
    }
}

wire_struct! {
    /// The body of a failed call. FastAPI's own errors (401, 404, 422, 503) carry `detail` (a string, or for
    /// invalid input a list of `{loc, msg, type}`); freqtrade's `RPCException`s are answered with HTTP 502 and
    /// `{"error": "Error querying /api/v1/<path>: <message>"}` instead.
    pub struct ErrorBody {
        pub detail: serde_json::Value,
        pub error: Option<String>,
    }
}

impl ErrorBody {
    /// The human-readable text: `detail` when it is a string, else `error`, else the validation messages.
    pub fn message(&self) -> String {
        match &self.detail {
            serde_json::Value::String(s) if !s.is_empty() => s.clone(),
            serde_json::Value::Array(items) if self.error.is_none() => items
                .iter()
                .filter_map(|item| item.get("msg").and_then(|m| m.as_str()))
                .collect::<Vec<_>>()
                .join("; "),
            _ => self.error.clone().unwrap_or_default(),
        }
    }
}
