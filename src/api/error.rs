//! One error type for every way a call to a bot can fail, each with a message a user understands.

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an HTTP answer: the bot is down, the URL is wrong, or (when the bot is on another
    /// origin) the browser blocked the answer because the bot's CORS settings do not list this page's origin.
    #[error("{}", network_message(.bot_origin, .page_origin))]
    Network {
        bot_origin: String,
        page_origin: String,
    },
    /// The bot sent the start of its answer and then closed the connection (it crashed or restarted, or a proxy
    /// cut it). Not a CORS problem: the browser had already accepted the answer's headers.
    #[error(
        "The bot closed the connection in the middle of its answer to {endpoint}. It may have restarted or \
         crashed, or a proxy in between cut the answer short; Freqboard tries again."
    )]
    Cut { endpoint: String },
    #[error("The bot did not answer within {} seconds.", .ms / 1000)]
    Timeout { ms: u32 },
    /// The login endpoint rejected the user name or password.
    #[error("Connected to the bot, but the login failed: wrong username or password.")]
    BadCredentials,
    /// The session cannot be renewed (the refresh token was refused, or there is none): the user must log in again.
    #[error("The bot's login has expired. Log in again.")]
    LoginRequired,
    /// Any other 4xx, with freqtrade's `detail` when it sent one.
    #[error("{}", http_message(*.status, .detail))]
    Http { status: u16, detail: String },
    /// A 5xx: the bot failed while handling the call.
    #[error("The bot failed to handle the request (HTTP {status}){}", detail_suffix(.detail))]
    Server { status: u16, detail: String },
    /// The bot answered, but not with what this endpoint should return.
    #[error("The bot's answer to {endpoint} could not be read: {msg}")]
    Decode { endpoint: String, msg: String },
    /// This page is https and the bot URL plain http: the browser blocks every call, so none is sent.
    #[error(
        "This page is served over HTTPS, and the bot's URL {0} is plain http: the browser blocks such requests \
         (mixed content). Serve the bot through the same web server as this page (proxy /api/ to the bot and log \
         in with this page's address), or give the bot an https:// URL."
    )]
    MixedContent(String),
    /// The URL typed by the user is not an http(s) URL.
    #[error("“{0}” is not a valid bot URL. Use the form http://host:port.")]
    BadUrl(String),
    /// The request was cancelled because its view went away; never shown to the user.
    #[error("The request was cancelled.")]
    Aborted,
}

impl ApiError {
    /// True when the failure says nothing about whether the bot is reachable (so it must not mark it offline).
    pub fn is_reachability_neutral(&self) -> bool {
        matches!(
            self,
            ApiError::Http { .. }
                | ApiError::Cut { .. }
                | ApiError::BadCredentials
                | ApiError::Aborted
                | ApiError::Decode { .. }
        )
    }

    /// True when this looks like the bot is unreachable (network failure, timeout or a crashing server).
    pub fn marks_offline(&self) -> bool {
        matches!(
            self,
            ApiError::Network { .. } | ApiError::Timeout { .. } | ApiError::Server { .. }
        )
    }

    /// The api_server snippet a user has to paste when a cross-origin call failed at the network level.
    pub fn cors_snippet(&self) -> Option<String> {
        match self {
            ApiError::Network {
                bot_origin,
                page_origin,
            } if bot_origin != page_origin => Some(cors_snippet(page_origin)),
            _ => None,
        }
    }

    /// Builds the error for an HTTP answer that was not a success, from its status and body.
    pub fn from_status(status: u16, body: &str) -> ApiError {
        let detail = extract_detail(body);
        match status {
            401 => ApiError::LoginRequired,
            // freqtrade answers a refused trading call (pair already open, trader stopped…) with 502 and
            // `{"error": …}`, and an endpoint of the other run mode with 503 and `{"detail": …}`: the bot is up,
            // it said no. A 5xx without such a body comes from a proxy whose bot is gone, or a crash.
            500..=599 if is_freqtrade_error_body(body) => ApiError::Http { status, detail },
            500..=599 => ApiError::Server { status, detail },
            _ => ApiError::Http { status, detail },
        }
    }
}

/// The `"api_server"` lines that allow `page_origin` to call the bot.
pub fn cors_snippet(page_origin: &str) -> String {
    format!("\"api_server\": {{\n    ...\n    \"CORS_origins\": [\"{page_origin}\"]\n}}")
}

fn network_message(bot_origin: &str, page_origin: &str) -> String {
    if bot_origin == page_origin || bot_origin.is_empty() {
        format!(
            "Cannot reach the bot at {bot_origin}. Check that it is running and that {bot_origin}/api/v1/ping answers."
        )
    } else {
        format!(
            "Cannot reach the bot at {bot_origin}. Either the bot is down, or its api_server.CORS_origins does not \
             contain exactly {page_origin} (this page's origin), so the browser blocks its answers."
        )
    }
}

fn http_message(status: u16, detail: &str) -> String {
    match status {
        404 if detail.is_empty() || detail == "Not Found" => {
            "The bot does not know this endpoint (HTTP 404). Is the URL a freqtrade API, and is the bot recent enough?"
                .to_string()
        }
        _ if detail.is_empty() => format!("The bot refused the request (HTTP {status})."),
        _ => format!("The bot refused the request: {detail}"),
    }
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() {
        ".".to_string()
    } else {
        format!(": {detail}")
    }
}

fn is_freqtrade_error_body(body: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(body)
        .map(|v| {
            v.get("error").is_some_and(|e| e.is_string())
                || v.get("detail").is_some_and(|d| !d.is_null())
        })
        .unwrap_or(false)
}

/// freqtrade (FastAPI) answers errors as `{"detail": "text"}`, for invalid input as
/// `{"detail": [{"loc": [...], "msg": "..."}]}`, and when a trading call fails (HTTP 502) as
/// `{"error": "Error querying /api/v1/forceenter: ..."}`. Anything else yields an empty detail.
pub fn extract_detail(body: &str) -> String {
    // One parsed value, not a serde-derived reader (bundle size, issue 10).
    let Ok(parsed) = serde_json::from_str::<serde_json::Value>(body) else {
        return String::new();
    };
    if let Some(error) = parsed
        .get("error")
        .and_then(|e| e.as_str())
        .filter(|e| !e.is_empty())
    {
        return error.to_string();
    }
    match parsed.get("detail").cloned().unwrap_or_default() {
        serde_json::Value::String(s) => s,
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|item| {
                let msg = item.get("msg")?.as_str()?;
                let loc = item
                    .get("loc")
                    .and_then(|l| l.as_array())
                    .map(|parts| {
                        parts
                            .iter()
                            .filter_map(|p| match p {
                                serde_json::Value::String(s) if s != "body" && s != "query" => {
                                    Some(s.clone())
                                }
                                serde_json::Value::Number(n) => Some(n.to_string()),
                                _ => None,
                            })
                            .collect::<Vec<_>>()
                            .join(".")
                    })
                    .unwrap_or_default();
                Some(if loc.is_empty() {
                    msg.to_string()
                } else {
                    format!("{loc}: {msg}")
                })
            })
            .collect::<Vec<_>>()
            .join("; "),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_error_on_another_origin_names_the_page_origin_and_cors() {
        let e = ApiError::Network {
            bot_origin: "http://127.0.0.1:18080".into(),
            page_origin: "http://127.0.0.1:8080".into(),
        };
        let msg = e.to_string();
        assert!(msg.contains("CORS_origins"), "{msg}");
        assert!(msg.contains("exactly http://127.0.0.1:8080"), "{msg}");
        let snippet = e.cors_snippet().unwrap_or_default();
        assert!(
            snippet.contains("\"CORS_origins\": [\"http://127.0.0.1:8080\"]"),
            "{snippet}"
        );
        assert!(e.marks_offline());
    }

    #[test]
    fn network_error_on_the_same_origin_does_not_blame_cors() {
        let e = ApiError::Network {
            bot_origin: "http://h:1".into(),
            page_origin: "http://h:1".into(),
        };
        assert!(!e.to_string().contains("CORS"));
        assert_eq!(e.cors_snippet(), None);
    }

    #[test]
    fn a_cut_answer_and_mixed_content_are_named_as_such() {
        let cut = ApiError::Cut {
            endpoint: "/api/v1/status".into(),
        };
        let msg = cut.to_string();
        assert!(msg.contains("closed the connection"), "{msg}");
        assert!(
            msg.contains("/api/v1/status") && !msg.contains("CORS"),
            "{msg}"
        );
        assert!(!cut.marks_offline() && cut.cors_snippet().is_none());
        let mixed = ApiError::MixedContent("http://10.0.0.5:8080".into()).to_string();
        assert!(
            mixed.contains("mixed content") && !mixed.contains("CORS"),
            "{mixed}"
        );
        let slow = ApiError::Timeout { ms: 20_000 }.to_string();
        assert!(slow.contains("20 seconds"), "{slow}");
    }

    #[test]
    fn status_codes_are_classified() {
        assert_eq!(
            ApiError::from_status(401, "{\"detail\":\"Unauthorized\"}"),
            ApiError::LoginRequired
        );
        assert_eq!(
            ApiError::from_status(
                400,
                "{\"detail\":\"Error querying /api/v1/trade/9: Trade not found.\"}"
            ),
            ApiError::Http {
                status: 400,
                detail: "Error querying /api/v1/trade/9: Trade not found.".into()
            }
        );
        assert!(matches!(
            ApiError::from_status(502, "<html>bad gateway</html>"),
            ApiError::Server { status: 502, .. }
        ));
        let e = ApiError::from_status(404, "{\"detail\":\"Not Found\"}");
        assert!(e.to_string().contains("404"));
        assert!(e.is_reachability_neutral());
    }

    #[test]
    fn validation_details_are_flattened() {
        let body = r#"{"detail":[{"type":"missing","loc":["body","pair"],"msg":"Field required","input":{}}]}"#;
        assert_eq!(extract_detail(body), "pair: Field required");
        assert_eq!(extract_detail("not json"), "");
        // A failed trading call (HTTP 502), as captured from freqtrade 2026.9.
        let body = include_str!("../../tests/fixtures/forceenter_paused_502.json");
        let e = ApiError::from_status(502, body);
        assert!(
            matches!(&e, ApiError::Http { detail, .. } if detail.starts_with("Error querying /api/v1/forceenter")),
            "{e:?}"
        );
        assert!(!e.marks_offline(), "the bot answered: it is online");
        assert!(ApiError::from_status(502, "<html>Bad Gateway</html>").marks_offline());
        let wrong_mode = ApiError::from_status(
            503,
            include_str!("../../tests/fixtures/strategies_503.json"),
        );
        assert!(!wrong_mode.marks_offline(), "{wrong_mode:?}");
        assert!(
            wrong_mode
                .to_string()
                .contains("Bot is not in the correct state"),
            "{wrong_mode}"
        );
        assert_eq!(extract_detail("{}"), "");
    }
}
