//! The bot's message websocket (`/api/v1/message/ws`), as pure functions: the URL, the subscription, decoding
//! of freqtrade's messages into `WsEvent`, reconnect delays, and reading a JWT's expiry. The connection itself
//! lives in `ws.rs`.
//!
//! freqtrade sends trade events as flat objects (`{"type": "entry_fill", "trade_id": 3, "pair": …}`), and
//! `whitelist`, `new_candle` and `exception` with a `data` member.

use super::wire::lenient::{self, Lenient};

use super::request::encode_component;
use super::url::ws_base;

/// Every `RPCMessageType` of freqtrade 2026.9 but `analyzed_df` (whole dataframes, which the UI never needs).
pub const SUBSCRIBED_TYPES: &[&str] = &[
    "status",
    "warning",
    "exception",
    "startup",
    "entry",
    "entry_fill",
    "entry_cancel",
    "exit",
    "exit_fill",
    "exit_cancel",
    "protection_trigger",
    "protection_trigger_global",
    "liquidation_warning",
    "strategy_msg",
    "whitelist",
    "new_candle",
];

/// `ws(s)://<bot>/api/v1/message/ws?token=<token>`. The token in the URL is the one place freqtrade requires a
/// credential outside a header.
pub fn socket_url(base: &str, token: &str) -> Option<String> {
    Some(format!(
        "{}/api/v1/message/ws?token={}",
        ws_base(base)?,
        encode_component(token)
    ))
}

/// The first message after connecting.
pub fn subscribe_message() -> String {
    serde_json::json!({ "type": "subscribe", "data": SUBSCRIBED_TYPES }).to_string()
}

/// Asks the bot to push its current whitelist at once.
pub fn whitelist_request() -> String {
    serde_json::json!({ "type": "whitelist", "data": null }).to_string()
}

wire_struct! {
    /// An entry or exit event of a trade (order placed, filled or cancelled).
    pub struct TradeEvent {
        pub trade_id: Option<i64>,
        pub pair: String,
        /// "Long" or "Short".
        pub direction: String,
        pub amount: Option<f64>,
        pub open_rate: Option<f64>,
        pub order_rate: Option<f64>,
        pub close_rate: Option<f64>,
        pub order_type: Option<String>,
        pub stake_amount: Option<f64>,
        pub stake_currency: Option<String>,
        pub enter_tag: Option<String>,
        pub exit_reason: Option<String>,
        pub profit_amount: Option<f64>,
        pub profit_ratio: Option<f64>,
        /// Why an order was cancelled (`*_cancel`).
        pub reason: Option<String>,
        pub sub_trade: Option<bool>,
    }
}

wire_struct! {
    /// A pair lock created by a protection (`protection_trigger[_global]`).
    pub struct ProtectionEvent {
        pub pair: String,
        pub reason: Option<String>,
        pub lock_end_time: Option<String>,
        pub side: Option<String>,
    }
}

wire_struct! {
    /// A position close to liquidation.
    pub struct LiquidationEvent {
        pub trade_id: Option<i64>,
        pub pair: String,
        pub liquidation_price: Option<f64>,
        pub current_rate: Option<f64>,
        pub remaining_ratio: Option<f64>,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum WsEvent {
    Status(String),
    Warning(String),
    Startup(String),
    Exception(String),
    StrategyMsg(String),
    Entry(TradeEvent),
    EntryFill(TradeEvent),
    EntryCancel(TradeEvent),
    Exit(TradeEvent),
    ExitFill(TradeEvent),
    ExitCancel(TradeEvent),
    ProtectionTrigger(ProtectionEvent),
    ProtectionTriggerGlobal(ProtectionEvent),
    LiquidationWarning(LiquidationEvent),
    Whitelist(Vec<String>),
    NewCandle {
        pair: String,
        timeframe: String,
        candle_type: String,
    },
    /// A type this version does not handle, or a message that could not be read: ignored, never fatal.
    Unknown {
        kind: String,
    },
}

impl WsEvent {
    /// The setting key of toast-worthy events (fills and cancels), `None` for the others.
    pub fn toast_kind(&self) -> Option<&'static str> {
        match self {
            WsEvent::EntryFill(_) => Some("entry_fill"),
            WsEvent::ExitFill(_) => Some("exit_fill"),
            WsEvent::EntryCancel(_) => Some("entry_cancel"),
            WsEvent::ExitCancel(_) => Some("exit_cancel"),
            _ => None,
        }
    }

    /// Whether the event changes trades, profit or counts (so they are refreshed at once).
    pub fn touches_trades(&self) -> bool {
        matches!(
            self,
            WsEvent::Entry(_)
                | WsEvent::EntryFill(_)
                | WsEvent::EntryCancel(_)
                | WsEvent::Exit(_)
                | WsEvent::ExitFill(_)
                | WsEvent::ExitCancel(_)
        )
    }
}

fn text_of(value: &serde_json::Value, key: &str) -> String {
    match value.get(key) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn parse<T: Lenient + Default>(value: serde_json::Value) -> T {
    lenient::value(&value)
}

/// Decodes one websocket text frame. Never fails: anything unreadable is `Unknown`.
pub fn decode_event(text: &str) -> WsEvent {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return WsEvent::Unknown {
            kind: "unreadable".into(),
        };
    };
    let kind = text_of(&value, "type");
    match kind.as_str() {
        "status" => WsEvent::Status(text_of(&value, "status")),
        "warning" => WsEvent::Warning(text_of(&value, "status")),
        "startup" => WsEvent::Startup(text_of(&value, "status")),
        "exception" => WsEvent::Exception(text_of(&value, "data")),
        "strategy_msg" => WsEvent::StrategyMsg(text_of(&value, "msg")),
        "entry" => WsEvent::Entry(parse(value)),
        "entry_fill" => WsEvent::EntryFill(parse(value)),
        "entry_cancel" => WsEvent::EntryCancel(parse(value)),
        "exit" => WsEvent::Exit(parse(value)),
        "exit_fill" => WsEvent::ExitFill(parse(value)),
        "exit_cancel" => WsEvent::ExitCancel(parse(value)),
        "protection_trigger" => WsEvent::ProtectionTrigger(parse(value)),
        "protection_trigger_global" => WsEvent::ProtectionTriggerGlobal(parse(value)),
        "liquidation_warning" => WsEvent::LiquidationWarning(parse(value)),
        "whitelist" => {
            let pairs = value
                .get("data")
                .and_then(|d| d.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|p| p.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            WsEvent::Whitelist(pairs)
        }
        "new_candle" => {
            let cell = |i: usize| {
                value
                    .get("data")
                    .and_then(|d| d.get(i))
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            WsEvent::NewCandle {
                pair: cell(0),
                timeframe: cell(1),
                candle_type: cell(2),
            }
        }
        _ => WsEvent::Unknown { kind },
    }
}

/// First reconnect delay, and the cap of the quick phase: low, so a bot that comes back is live again within
/// seconds.
pub const BACKOFF_START_MS: u32 = 1_000;
pub const BACKOFF_CAP_MS: u32 = 6_000;
/// Retries in the quick phase (about 50 s of them); after that a bot that stays away is retried less and less
/// often, doubling up to `BACKOFF_SLOW_CAP_MS`. A page becoming visible or the network coming back wakes every
/// waiting retry at once (`api::wake`), so a bot that returned meanwhile is seen at once then.
pub const QUICK_ATTEMPTS: u32 = 10;
pub const BACKOFF_SLOW_CAP_MS: u32 = 300_000;

/// Delay before reconnect attempt `attempt` (0 = first retry): 1 s, 2 s, 4 s, then 6 s up to attempt 9; then
/// 12 s, 24 s, 48 s … capped at 5 minutes. Spread by ±20 % with `jitter` in [0, 1) so many tabs do not
/// reconnect in step.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u32 {
    retry_delay_ms(attempt, jitter, BACKOFF_CAP_MS)
}

/// Like [`backoff_ms`], with the quick phase capped at `quick_cap_ms` (pings use a shorter one).
pub fn retry_delay_ms(attempt: u32, jitter: f64, quick_cap_ms: u32) -> u32 {
    let base = if attempt < QUICK_ATTEMPTS {
        u64::from(BACKOFF_START_MS)
            .saturating_mul(1u64 << attempt.min(16))
            .min(u64::from(quick_cap_ms))
    } else {
        let doublings = (attempt - QUICK_ATTEMPTS + 1).min(16);
        u64::from(BACKOFF_CAP_MS)
            .saturating_mul(1u64 << doublings)
            .min(u64::from(BACKOFF_SLOW_CAP_MS))
    };
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let factor = 0.8 + 0.4 * jitter;
    ((base as f64) * factor).round() as u32
}

/// Whether a token is expired, or expires within `margin_s`, at `now_s`. Unreadable tokens count as expired.
pub fn jwt_expired(token: &str, now_s: i64, margin_s: i64) -> bool {
    crate::api::auth::token_expiry_s(token).is_none_or(|exp| exp <= now_s + margin_s)
}

/// Handshakes in a row that may fail while the REST API answers before the socket gives up.
pub const HANDSHAKE_GIVE_UP: u32 = 3;

/// What an authenticated REST call said after a websocket handshake failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestCheck {
    /// The REST API answered with this token (or one the client renewed because the bot refused it).
    Answered,
    /// The session is gone.
    LoginRequired,
    /// The bot did not answer at all: it is down, the socket failed for that reason.
    Unreachable,
}

/// What the socket does after a failed handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterHandshake {
    /// Try again later; `failures` handshakes failed in a row while the REST API answered.
    Retry {
        failures: u32,
    },
    /// The REST API works and the socket never opens: something between the page and the bot (a proxy
    /// without websocket upgrades) blocks it. Stop, and let polling do the work.
    GiveUp,
    LoginRequired,
}

/// Decides after a failed handshake, given how many had failed in a row before it while the REST API answered.
/// The token is never suspected here: a refused token shows in the REST call (401), which renews it.
pub fn after_failed_handshake(check: RestCheck, failures_before: u32) -> AfterHandshake {
    match check {
        RestCheck::LoginRequired => AfterHandshake::LoginRequired,
        RestCheck::Unreachable => AfterHandshake::Retry {
            failures: failures_before,
        },
        RestCheck::Answered => {
            let failures = failures_before.saturating_add(1);
            if failures >= HANDSHAKE_GIVE_UP {
                AfterHandshake::GiveUp
            } else {
                AfterHandshake::Retry { failures }
            }
        }
    }
}

/// Why live updates are off when the handshake keeps failing, and the nginx lines that fix it.
pub const UPGRADE_HELP: &str = "Live updates are off: the bot's REST API answers, but its websocket \
(/api/v1/message/ws) never opened. A reverse proxy between this page and the bot probably does not pass \
websocket upgrades. Freqboard keeps polling instead. For nginx, the websocket needs:

location /api/v1/message/ws {
    proxy_pass http://127.0.0.1:8080;
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection \"upgrade\";
}";

/// The close code freqtrade uses when it refuses the token.
pub const POLICY_VIOLATION: u16 = 1008;

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn failed_handshakes_give_up_only_while_rest_answers() {
        use AfterHandshake::*;
        assert_eq!(
            after_failed_handshake(RestCheck::Answered, 0),
            Retry { failures: 1 }
        );
        assert_eq!(
            after_failed_handshake(RestCheck::Answered, 1),
            Retry { failures: 2 }
        );
        assert_eq!(after_failed_handshake(RestCheck::Answered, 2), GiveUp);
        // A bot that is down says nothing about the proxy: the count stays.
        assert_eq!(
            after_failed_handshake(RestCheck::Unreachable, 2),
            Retry { failures: 2 }
        );
        assert_eq!(
            after_failed_handshake(RestCheck::LoginRequired, 0),
            LoginRequired
        );
        assert!(UPGRADE_HELP.contains("proxy_set_header Upgrade $http_upgrade;"));
    }

    #[test]
    fn url_and_subscription() {
        assert_eq!(
            socket_url("http://127.0.0.1:8080", "a.b-c_d").as_deref(),
            Some("ws://127.0.0.1:8080/api/v1/message/ws?token=a.b-c_d")
        );
        assert_eq!(
            socket_url("https://h/x", "t").as_deref(),
            Some("wss://h/x/api/v1/message/ws?token=t")
        );
        let sub: serde_json::Value = serde_json::from_str(&subscribe_message()).unwrap_or_default();
        let types = sub["data"].as_array().map(|a| a.len()).unwrap_or_default();
        assert_eq!((sub["type"].as_str(), types), (Some("subscribe"), 16));
        assert!(!subscribe_message().contains("analyzed_df"));
    }

    #[test]
    fn decodes_freqtrade_messages() {
        let fill = r#"{"type":"entry_fill","trade_id":3,"pair":"BTC/USDT","direction":"Long","open_rate":100.5,
            "amount":0.5,"open_date":"2026-11-21T13:00:00+00:00","limit":100.5,"sub_trade":false}"#;
        match decode_event(fill) {
            WsEvent::EntryFill(t) => {
                assert_eq!(
                    (t.trade_id, t.pair.as_str(), t.open_rate),
                    (Some(3), "BTC/USDT", Some(100.5))
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            decode_event(r#"{"type":"whitelist","data":["BTC/USDT","ETH/USDT",7]}"#),
            WsEvent::Whitelist(vec!["BTC/USDT".into(), "ETH/USDT".into()])
        );
        assert_eq!(
            decode_event(r#"{"type":"new_candle","data":["ETH/USDT","5m","spot"]}"#),
            WsEvent::NewCandle {
                pair: "ETH/USDT".into(),
                timeframe: "5m".into(),
                candle_type: "spot".into()
            }
        );
        assert_eq!(
            decode_event(r#"{"type":"warning","status":"low balance"}"#),
            WsEvent::Warning("low balance".into())
        );
        assert_eq!(
            decode_event(r#"{"type":"exception","data":"boom"}"#),
            WsEvent::Exception("boom".into())
        );
        assert_eq!(
            decode_event(r#"{"type":"strategy_msg","msg":"hi"}"#),
            WsEvent::StrategyMsg("hi".into())
        );
    }

    #[test]
    fn odd_messages_are_unknown_or_defaulted_never_fatal() {
        assert_eq!(
            decode_event("not json"),
            WsEvent::Unknown {
                kind: "unreadable".into()
            }
        );
        assert_eq!(
            decode_event(r#"{"type":"analyzed_df","data":{}}"#),
            WsEvent::Unknown {
                kind: "analyzed_df".into()
            }
        );
        assert_eq!(
            decode_event("{}"),
            WsEvent::Unknown {
                kind: String::new()
            }
        );
        // A fill with wrong types still decodes, each field on its own (as every wire type): an unreadable id is
        // None, a number where a name is expected is written out, the rest keeps what it says.
        assert_eq!(
            decode_event(r#"{"type":"exit_fill","trade_id":"x","pair":5,"profit_ratio":0.5}"#),
            WsEvent::ExitFill(TradeEvent {
                pair: "5".into(),
                profit_ratio: Some(0.5),
                ..TradeEvent::default()
            })
        );
        assert_eq!(
            decode_event(r#"{"type":"new_candle","data":null}"#),
            WsEvent::NewCandle {
                pair: String::new(),
                timeframe: String::new(),
                candle_type: String::new()
            }
        );
    }

    #[test]
    fn backoff_grows_caps_and_jitters() {
        assert_eq!(backoff_ms(0, 0.5), 1_000);
        assert_eq!(backoff_ms(1, 0.5), 2_000);
        assert_eq!(backoff_ms(2, 0.5), 4_000);
        assert_eq!(backoff_ms(3, 0.5), 6_000);
        assert_eq!(backoff_ms(QUICK_ATTEMPTS - 1, 0.5), 6_000);
        assert_eq!(backoff_ms(u32::MAX, 0.5), BACKOFF_SLOW_CAP_MS);
        assert_eq!(backoff_ms(0, 0.0), 800);
        assert_eq!(backoff_ms(0, 1.0), 1_200);
        assert_eq!(backoff_ms(0, f64::NAN), 1_000);
    }

    #[test]
    fn a_bot_that_stays_away_is_retried_less_and_less_often_up_to_minutes() {
        let schedule: Vec<u32> = (0..16).map(|a| backoff_ms(a, 0.5) / 1000).collect();
        assert_eq!(
            schedule,
            [1, 2, 4, 6, 6, 6, 6, 6, 6, 6, 12, 24, 48, 96, 192, 300]
        );
        let quick: u32 = (0..QUICK_ATTEMPTS).map(|a| backoff_ms(a, 0.5)).sum();
        assert!(
            (40_000..=60_000).contains(&quick),
            "quick phase lasts {quick} ms"
        );
        // Pings: a 3 s quick phase, the same slow phase.
        assert_eq!(retry_delay_ms(5, 0.5, 3_000), 3_000);
        assert_eq!(retry_delay_ms(QUICK_ATTEMPTS, 0.5, 3_000), 12_000);
        assert_eq!(retry_delay_ms(40, 1.0, 3_000), 360_000);
    }

    #[test]
    fn reads_jwt_expiry() {
        // {"alg":"HS256","typ":"JWT"} . {"identity":{"u":"x"},"exp":1795268401,"type":"access"} . sig
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(r#"{"identity":{"u":"x"},"exp":1795268401,"type":"access"}"#);
        let token = format!("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{payload}.c2ln");
        assert_eq!(
            crate::api::auth::token_expiry_s(&token),
            Some(1_795_268_401)
        );
        assert!(!jwt_expired(&token, 1_795_268_000, 30));
        assert!(jwt_expired(&token, 1_795_268_390, 30));
        assert!(jwt_expired("garbage", 0, 0));
        assert!(jwt_expired("a.%%%.c", 0, 0));
    }
}
