//! Pair lists, blacklist, pair locks, Edge, and the pairs with downloaded data.

use serde::{Deserialize, Serialize};

use super::lenient::OrderedMap;

/// A pair lock's database id.
pub type LockId = i64;

wire_struct! {
    /// `GET /whitelist` (trading mode): the active pairs and the pairlist handlers that produced them.
    pub struct WhitelistResponse {
        pub whitelist: Vec<String>,
        pub length: i64,
        /// The configured pairlist handlers, e.g. `["StaticPairList"]`.
        pub method: Vec<String>,
    }
}

wire_struct! {
    /// Why a pair could not be added to or removed from the blacklist.
    pub struct BlacklistError {
        pub error_msg: String,
    }
}

wire_struct! {
    /// `GET /blacklist`, `POST /blacklist` and `DELETE /blacklist` (trading mode).
    pub struct BlacklistResponse {
        /// The blacklist as configured (may hold wildcards such as `"BNB/.*"`).
        pub blacklist: Vec<String>,
        /// The blacklist with wildcards expanded against the exchange's markets.
        pub blacklist_expanded: Vec<String>,
        /// Pair to error for the pairs of this request that were refused.
        pub errors: OrderedMap<BlacklistError>,
        pub length: i64,
        pub method: Vec<String>,
    }
}

/// `POST /blacklist` body: the pairs (or wildcard expressions) to add.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BlacklistPayload {
    pub blacklist: Vec<String>,
}

wire_enum! {
    /// Which side a pair lock applies to.
    pub enum LockSide {
        /// Both directions.
        Both = "*",
        Long = "long",
        Short = "short",
    }
}

wire_struct! {
    /// One pair lock.
    pub struct Lock {
        pub id: LockId,
        /// Inactive locks were deleted or have expired.
        pub active: bool,
        /// `YYYY-MM-DD HH:MM:SS` (UTC).
        pub lock_end_time: String,
        /// Unix milliseconds.
        pub lock_end_timestamp: i64,
        pub lock_time: String,
        pub lock_timestamp: i64,
        /// A pair, or `"*"` for a global lock.
        pub pair: String,
        pub side: LockSide,
        pub reason: Option<String>,
    }
}

wire_struct! {
    /// `GET /locks`, and the answer of `DELETE /locks/{id}`, `POST /locks` and `POST /locks/delete` (the locks
    /// after the change).
    pub struct LockResponse {
        pub lock_count: i64,
        pub locks: Vec<Lock>,
    }
}

/// One item of the `POST /locks` body (the body is a JSON **array** of these).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LockPayload {
    pub pair: String,
    /// freqtrade defaults to both sides (`"*"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<LockSide>,
    /// An ISO 8601 datetime **with** a timezone, e.g. `"2026-11-21T16:00:00Z"` (freqtrade rounds it up to the
    /// next candle).
    pub until: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `POST /locks/delete` body: delete a lock by id, or every lock of a pair.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DeleteLockPayload {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lockid: Option<LockId>,
}

wire_struct! {
    /// The items of `GET /edge`. Edge was removed from freqtrade in 2025.6; only older bots answer this.
    pub struct EdgePair {
        pub pair: String = "Pair",
        pub winrate: Option<f64> = "Winrate",
        pub expectancy: Option<f64> = "Expectancy",
        pub stoploss: Option<f64> = "Stoploss",
    }
}

wire_struct! {
    /// `GET /available_pairs` (webserver mode): pairs with downloaded candle data.
    pub struct AvailablePairsResponse {
        pub length: i64,
        /// Sorted, without duplicates.
        pub pairs: Vec<String>,
        /// `[pair, timeframe, candle type]` triples, e.g. `["BTC/USDT", "5m", "spot"]`.
        pub pair_interval: Vec<Vec<String>>,
    }
}

wire_struct! {
    /// One market in `GET /markets`.
    pub struct Market {
        pub symbol: String,
        pub base: String,
        pub quote: String,
        pub spot: bool,
        pub swap: bool,
        pub active: bool,
    }
}

wire_struct! {
    /// `GET /markets` (API >= 2.42): the exchange's markets, keyed by pair. A trading bot answers for its own
    /// exchange; a webserver for the exchange given in the query.
    pub struct MarketsResponse {
        pub markets: OrderedMap<Market>,
        pub exchange_id: String,
    }
}

/// The query of `GET /markets`. Every field is optional; `exchange`, `trading_mode` and `margin_mode` only
/// matter in webserver mode.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarketsQuery {
    pub base: Option<String>,
    pub quote: Option<String>,
    pub exchange: Option<String>,
    pub trading_mode: Option<super::bot::TradingMode>,
    pub margin_mode: Option<super::bot::MarginMode>,
    /// freqtrade lists only active markets unless this is true.
    pub include_inactive: Option<bool>,
}
