//! Trades and their orders, and the calls that act on them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::bot::{OrderType, TradingMode};
use super::common::StatusMsg;
use super::lenient::{self, Lenient};

/// A trade's database id.
pub type TradeId = i64;

wire_enum! {
    /// An order's status as reported by the exchange (ccxt).
    pub enum OrderStatus {
        Open = "open",
        Closed = "closed",
        Canceled = "canceled" | "cancelled",
        Expired = "expired",
        Rejected = "rejected",
    }
}

wire_enum! {
    /// `ft_order_side`: the exchange side of an order, or `stoploss` for a stoploss order.
    pub enum OrderSide {
        Buy = "buy",
        Sell = "sell",
        Stoploss = "stoploss",
    }
}

wire_enum! {
    /// A position direction (`SignalDirection`): the `side` of `POST /forceenter`.
    pub enum Direction {
        Long = "long",
        Short = "short",
    }
}

wire_struct! {
    /// An order of a trade (`Trade::orders`). `GET /trades` sends every field below; `/status`, `/trade/{id}`
    /// and the other calls answering an open trade filter orders through freqtrade's `OrderSchema`, which lacks
    /// `ft_is_entry`, `average`, `price`, `order_date`, `order_filled_date` and `funding_fee`.
    pub struct Order {
        pub pair: String,
        pub order_id: String,
        pub status: OrderStatus,
        pub remaining: Option<f64>,
        pub amount: f64,
        /// Average fill price when filled, else the order price.
        pub safe_price: f64,
        pub cost: f64,
        pub filled: Option<f64>,
        pub average: Option<f64>,
        pub price: Option<f64>,
        pub ft_order_side: OrderSide,
        /// Whether this order opened/increased the position (only in `GET /trades`); see [`Trade::is_entry`].
        pub ft_is_entry: Option<bool>,
        /// e.g. `"limit"`, `"market"`, or an exchange's stoploss order type.
        pub order_type: String,
        pub is_open: bool,
        /// `YYYY-MM-DD HH:MM:SS` (UTC).
        pub order_date: Option<String>,
        /// Unix milliseconds.
        pub order_timestamp: Option<i64>,
        pub order_filled_date: Option<String>,
        /// Unix milliseconds.
        pub order_filled_timestamp: Option<i64>,
        pub ft_fee_base: Option<f64>,
        pub funding_fee: Option<f64>,
        pub ft_order_tag: Option<String>,
    }
}

wire_struct! {
    /// A trade: the items of `GET /trades` (closed trades), `GET /status` (open trades), `GET /trade/{id}`,
    /// `DELETE /trades/{id}/open-order`, `POST /trades/{id}/reload` and a successful `POST /forceenter`.
    ///
    /// Dates are `YYYY-MM-DD HH:MM:SS` in UTC, timestamps Unix milliseconds. Ratios are fractions (0.01 = 1 %),
    /// `*_pct` are percent. The open-trade fields (`current_rate`, `total_profit_*`, `stoploss_*_dist*`) are only
    /// sent for `/status`-like answers. For an open trade `profit_*` is the current (unrealized) profit.
    pub struct Trade {
        pub trade_id: TradeId,
        pub pair: String,
        pub base_currency: String,
        pub quote_currency: String,
        pub is_open: bool,
        pub is_short: bool,
        pub exchange: String,
        pub amount: f64,
        pub amount_requested: Option<f64>,
        /// `None` when the bot did not send it (shown as "–", never as 0).
        pub stake_amount: Option<f64>,
        /// Maximum invested capital (all entry orders, nothing subtracted).
        pub max_stake_amount: Option<f64>,
        pub strategy: String,
        pub enter_tag: Option<String>,
        /// The strategy's timeframe in **minutes** (an integer, not `"5m"`).
        pub timeframe: Option<i64>,
        pub fee_open: Option<f64>,
        pub fee_open_cost: Option<f64>,
        pub fee_open_currency: Option<String>,
        pub fee_close: Option<f64>,
        pub fee_close_cost: Option<f64>,
        pub fee_close_currency: Option<String>,
        pub open_date: String,
        pub open_timestamp: i64,
        pub open_fill_date: Option<String>,
        pub open_fill_timestamp: Option<i64>,
        pub open_rate: f64,
        pub open_rate_requested: Option<f64>,
        pub open_trade_value: Option<f64>,
        pub close_date: Option<String>,
        pub close_timestamp: Option<i64>,
        pub close_rate: Option<f64>,
        pub close_rate_requested: Option<f64>,
        /// Deprecated by freqtrade; use `profit_ratio`.
        pub close_profit: Option<f64>,
        pub close_profit_pct: Option<f64>,
        /// Deprecated by freqtrade; use `profit_abs`.
        pub close_profit_abs: Option<f64>,
        /// Only in `GET /trades`.
        pub trade_duration_s: Option<i64>,
        /// Minutes; only in `GET /trades`.
        pub trade_duration: Option<i64>,
        pub profit_ratio: Option<f64>,
        pub profit_pct: Option<f64>,
        pub profit_abs: Option<f64>,
        pub profit_fiat: Option<f64>,
        pub realized_profit: Option<f64>,
        pub realized_profit_ratio: Option<f64>,
        pub exit_reason: Option<String>,
        pub exit_order_status: Option<String>,
        pub stop_loss_abs: Option<f64>,
        pub stop_loss_ratio: Option<f64>,
        pub stop_loss_pct: Option<f64>,
        pub stoploss_last_update: Option<String>,
        pub stoploss_last_update_timestamp: Option<i64>,
        pub initial_stop_loss_abs: Option<f64>,
        pub initial_stop_loss_ratio: Option<f64>,
        pub initial_stop_loss_pct: Option<f64>,
        pub min_rate: Option<f64>,
        pub max_rate: Option<f64>,
        pub nr_of_successful_entries: Option<i64>,
        pub nr_of_successful_exits: Option<i64>,
        pub has_open_orders: bool,
        /// Removed from freqtrade (replaced by `has_open_orders`); only old bots send it.
        pub open_order_id: Option<String>,
        pub orders: Vec<Order>,
        pub leverage: Option<f64>,
        pub interest_rate: Option<f64>,
        pub liquidation_price: Option<f64>,
        pub funding_fees: Option<f64>,
        pub trading_mode: Option<TradingMode>,
        pub amount_precision: Option<f64>,
        pub price_precision: Option<f64>,
        pub precision_mode: Option<i64>,
        pub precision_mode_price: Option<i64>,
        pub contract_size: Option<f64>,
        // Open trades (`/status`, `/trade/{id}`, ...) only:
        pub current_rate: Option<f64>,
        /// Realized plus unrealized profit.
        pub total_profit_abs: Option<f64>,
        pub total_profit_fiat: Option<f64>,
        pub total_profit_ratio: Option<f64>,
        pub stoploss_current_dist: Option<f64>,
        pub stoploss_current_dist_pct: Option<f64>,
        pub stoploss_current_dist_ratio: Option<f64>,
        pub stoploss_entry_dist: Option<f64>,
        pub stoploss_entry_dist_ratio: Option<f64>,
    }
}

impl Trade {
    /// The exchange side of this trade's entry orders: `Buy` for longs, `Sell` for shorts.
    pub fn entry_side(&self) -> OrderSide {
        if self.is_short {
            OrderSide::Sell
        } else {
            OrderSide::Buy
        }
    }

    /// Whether `order` opened or increased this trade. Uses `ft_is_entry` when sent, else the order's side.
    pub fn is_entry(&self, order: &Order) -> bool {
        order
            .ft_is_entry
            .unwrap_or(order.ft_order_side == self.entry_side())
    }
}

wire_struct! {
    /// `GET /trades?limit=&offset=`: one page of **closed** trades (ordered by id by default) and the total count.
    pub struct TradesResponse {
        pub trades: Vec<Trade>,
        /// Number of trades in this page.
        pub trades_count: i64,
        pub offset: i64,
        /// Number of closed trades in the database.
        pub total_trades: i64,
    }
}

wire_struct! {
    /// `DELETE /trades/{id}`.
    pub struct DeleteTradeResponse {
        pub cancel_order_count: i64,
        /// `"success"`.
        pub result: String,
        /// e.g. `"Deleted trade #3 for pair BTC/USDT. Closed 0 open orders."`.
        pub result_msg: String,
        pub trade_id: TradeId,
    }
}

wire_struct! {
    /// `GET /count` (trading mode): open trades against `max_open_trades` (`-1` = unlimited).
    pub struct CountResponse {
        /// `None` when unknown (shown as "–").
        pub current: Option<i64>,
        pub max: Option<i64>,
        pub total_stake: Option<f64>,
    }
}

wire_struct! {
    /// One entry of a trade's custom data.
    pub struct CustomDataEntry {
        pub key: String,
        /// The Python type name of `value` (`"str"`, `"int"`, `"float"`, `"bool"`, `"dict"`, ...).
        pub value_type: String = "type",
        pub value: serde_json::Value,
        /// ISO 8601.
        pub created_at: Option<String>,
        pub updated_at: Option<String>,
    }
}

wire_struct! {
    /// The items of `GET /trades/{id}/custom-data` and `GET /trades/open/custom-data`.
    pub struct TradeCustomData {
        pub trade_id: TradeId,
        pub custom_data: Vec<CustomDataEntry>,
    }
}

/// `POST /forceenter` body. Needs `force_entry_enable` and a running trader; `side: short` needs API >= 2.13 and a
/// non-spot bot, `entry_tag` and `leverage` API >= 2.17. Entering an already open pair adds to its position.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ForceEnterPayload {
    pub pair: String,
    /// freqtrade defaults to long.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Direction>,
    /// Limit price; `None` uses the current rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    /// `None` uses `order_types.force_entry` (or `entry`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordertype: Option<OrderType>,
    /// In stake currency; `None` uses the bot's stake amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stakeamount: Option<f64>,
    /// freqtrade uses `"force_entry"` when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_tag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leverage: Option<f64>,
}

impl ForceEnterPayload {
    /// A market-default entry for `pair` with everything else left to the bot.
    pub fn new(pair: impl Into<String>) -> Self {
        Self {
            pair: pair.into(),
            ..Self::default()
        }
    }
}

/// `POST /forceexit` body. `amount` (partial exit) needs API >= 2.17, `price` (limit orders only) API >= 2.45.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ForceExitPayload {
    /// A trade id as a string, or `"all"` to exit every open trade.
    pub tradeid: String,
    /// `None` uses `order_types.force_exit` (or `exit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordertype: Option<OrderType>,
    /// Amount in base currency to exit; `None` exits the whole position.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
}

impl ForceExitPayload {
    /// Exit one trade completely.
    pub fn trade(id: TradeId) -> Self {
        Self {
            tradeid: id.to_string(),
            ..Self::default()
        }
    }

    /// Exit all open trades.
    pub fn all() -> Self {
        Self {
            tradeid: "all".to_string(),
            ..Self::default()
        }
    }
}

/// `POST /forceenter`: the opened (or increased) trade, or `{"status": "Error entering ..."}` when freqtrade
/// did not report a trade. (Refusals such as "Force_entry not enabled." are HTTP 502 errors instead.)
#[derive(Debug, Clone, PartialEq)]
pub enum ForceEnterResponse {
    Trade(Box<Trade>),
    Status(StatusMsg),
}

impl Default for ForceEnterResponse {
    fn default() -> Self {
        ForceEnterResponse::Status(StatusMsg::default())
    }
}

impl ForceEnterResponse {
    pub fn trade(&self) -> Option<&Trade> {
        match self {
            ForceEnterResponse::Trade(t) => Some(t),
            ForceEnterResponse::Status(_) => None,
        }
    }
}

impl Lenient for ForceEnterResponse {
    fn from_json(value: &serde_json::Value) -> Option<Self> {
        if value.get("trade_id").is_some() {
            Trade::from_json(value).map(|t| ForceEnterResponse::Trade(Box::new(t)))
        } else {
            StatusMsg::from_json(value).map(ForceEnterResponse::Status)
        }
    }
}

impl<'de> Deserialize<'de> for ForceEnterResponse {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::deserialize(deserializer)
    }
}

impl Serialize for ForceEnterResponse {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ForceEnterResponse::Trade(t) => t.serialize(serializer),
            ForceEnterResponse::Status(s) => s.serialize(serializer),
        }
    }
}
