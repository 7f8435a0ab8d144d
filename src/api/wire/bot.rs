//! The bot itself: ping, version, configuration, system info and health.

use super::lenient::OrderedMap;

wire_struct! {
    /// `GET /ping` (no authentication): `{"status": "pong"}`.
    pub struct PingResponse {
        pub status: String,
    }
}

wire_struct! {
    /// `GET /version`: the freqtrade version, e.g. `"2026.9"`.
    pub struct VersionResponse {
        pub version: String,
    }
}

wire_enum! {
    /// The trader's state (`show_config.state`). In webserver mode freqtrade sends `""`, which reads as `Unknown`.
    pub enum TraderState {
        Running = "running",
        /// Set by `/stopbuy`: open trades are still managed, no new entries.
        Paused = "paused",
        Stopped = "stopped",
        ReloadConfig = "reload_config",
    }
}

wire_enum! {
    /// How the bot process runs (`show_config.runmode`).
    pub enum RunMode {
        Live = "live",
        DryRun = "dry_run",
        Backtest = "backtest",
        Hyperopt = "hyperopt",
        UtilExchange = "util_exchange",
        UtilNoExchange = "util_no_exchange",
        Plot = "plot",
        /// `freqtrade webserver`: no trading, backtesting and history endpoints only.
        Webserver = "webserver",
        Other = "other",
    }
}

impl RunMode {
    /// `live` or `dry_run`: the trading endpoints are available.
    pub fn is_trading(self) -> bool {
        matches!(self, RunMode::Live | RunMode::DryRun)
    }
}

wire_enum! {
    /// `show_config.trading_mode`, a trade's `trading_mode`, and the `trading_mode` of history payloads.
    pub enum TradingMode {
        Spot = "spot",
        Margin = "margin",
        Futures = "futures",
    }
}

wire_enum! {
    /// `show_config.margin_mode`; spot bots send `""` (`NoMargin`).
    pub enum MarginMode {
        Cross = "cross",
        Isolated = "isolated",
        NoMargin = "",
    }
}

wire_enum! {
    /// The order types a user can choose (`OrderTypeValues`): in `show_config.order_types` and in the
    /// force-entry / force-exit payloads.
    pub enum OrderType {
        Limit = "limit",
        Market = "market",
    }
}

wire_struct! {
    /// `show_config.unfilledtimeout`; empty in webserver mode.
    pub struct UnfilledTimeout {
        pub entry: Option<i64>,
        pub exit: Option<i64>,
        /// `"minutes"` or `"seconds"`.
        pub unit: Option<String>,
        pub exit_timeout_count: Option<i64>,
    }
}

wire_struct! {
    /// `show_config.order_types`: the order type per purpose.
    pub struct OrderTypes {
        pub entry: Option<OrderType>,
        pub exit: Option<OrderType>,
        pub emergency_exit: Option<OrderType>,
        /// Default order type of a force exit (falls back to `exit`).
        pub force_exit: Option<OrderType>,
        /// Default order type of a force entry (falls back to `entry`).
        pub force_entry: Option<OrderType>,
        pub stoploss: Option<OrderType>,
        pub stoploss_on_exchange: bool,
        pub stoploss_on_exchange_interval: Option<i64>,
    }
}

wire_struct! {
    /// `GET /show_config`: the part of the bot's configuration a UI needs, its state and the API version.
    /// Fields not set on the bot are left out of the answer (`response_model_exclude_unset`).
    pub struct ShowConfig {
        /// freqtrade version, e.g. `"2026.9"`.
        pub version: String,
        pub strategy_version: Option<String>,
        /// API version (2.50 for freqtrade 2026.9). Missing on very old bots: see [`ShowConfig::api_version`].
        pub api_version: Option<f64>,
        pub dry_run: bool,
        pub trading_mode: TradingMode,
        pub margin_mode: MarginMode,
        pub short_allowed: bool,
        pub stake_currency: String,
        /// Futures only: the coin used as collateral when it differs from the stake currency.
        pub proxy_coin: Option<String>,
        /// A number as a string (`"100"`, `"0.05"`) or `"unlimited"`.
        pub stake_amount: String,
        pub available_capital: Option<f64>,
        pub stake_currency_decimals: Option<u32>,
        /// `-1` means unlimited.
        pub max_open_trades: Option<i64>,
        /// Minutes (as strings) to the minimal ROI ratio, e.g. `{"0": 0.04, "30": 0.02}`.
        pub minimal_roi: OrderedMap<f64>,
        pub stoploss: Option<f64>,
        pub stoploss_on_exchange: bool,
        pub trailing_stop: Option<bool>,
        pub trailing_stop_positive: Option<f64>,
        pub trailing_stop_positive_offset: Option<f64>,
        pub trailing_only_offset_is_reached: Option<bool>,
        pub unfilledtimeout: Option<UnfilledTimeout>,
        pub order_types: Option<OrderTypes>,
        pub use_custom_stoploss: Option<bool>,
        /// e.g. `"5m"`; `None` in webserver mode without a configured timeframe.
        pub timeframe: Option<String>,
        pub timeframe_ms: Option<i64>,
        pub timeframe_min: Option<i64>,
        pub exchange: String,
        pub demo_trading: Option<bool>,
        pub strategy: Option<String>,
        pub force_entry_enable: bool,
        /// The configuration's `exit_pricing` section, as sent.
        pub exit_pricing: serde_json::Value,
        /// The configuration's `entry_pricing` section, as sent.
        pub entry_pricing: serde_json::Value,
        pub bot_name: String,
        pub state: TraderState,
        pub runmode: RunMode,
        pub position_adjustment_enable: bool,
        /// `-1` means unlimited.
        pub max_entry_position_adjustment: Option<i64>,
    }
}

/// FreqUI's name for the `show_config` answer.
pub type BotState = ShowConfig;

impl ShowConfig {
    /// The API version, defaulting to 1.0 when the bot does not send one (as FreqUI does).
    pub fn api_version(&self) -> f64 {
        self.api_version.unwrap_or(1.0)
    }

    /// `freqtrade webserver`: no trading endpoints.
    pub fn is_webserver(&self) -> bool {
        self.runmode == RunMode::Webserver
    }
}

wire_struct! {
    /// One CPU's load in `GET /sysinfo`.
    pub struct CpuLoad {
        pub cpu: i64,
        pub pct: Option<f64>,
    }
}

wire_struct! {
    /// The system load averages in `GET /sysinfo`.
    pub struct CpuLoadAvg {
        pub one_minute: Option<f64> = "1m",
        pub five_minutes: Option<f64> = "5m",
        pub fifteen_minutes: Option<f64> = "15m",
    }
}

wire_struct! {
    /// `GET /sysinfo`: CPU and RAM usage of the machine running the bot.
    pub struct SysInfo {
        /// Deprecated by freqtrade in favour of `cpu_load`.
        pub cpu_pct: Vec<f64>,
        pub cpu_load: Vec<CpuLoad>,
        pub cpu_load_avg: CpuLoadAvg,
        pub cpu_count: Option<u32>,
        pub cpu_avg: Option<f64>,
        pub ram_pct: Option<f64>,
    }
}

wire_struct! {
    /// `GET /health` (trading mode only): when the bot last ran its loop and when it started.
    /// Datetimes are ISO 8601 strings, `*_ts` are Unix seconds; all are `null` until known.
    pub struct Health {
        pub last_process: Option<String>,
        pub last_process_loc: Option<String>,
        pub last_process_ts: Option<i64>,
        pub bot_start: Option<String>,
        pub bot_start_loc: Option<String>,
        pub bot_start_ts: Option<i64>,
        pub bot_startup: Option<String>,
        pub bot_startup_loc: Option<String>,
        pub bot_startup_ts: Option<i64>,
    }
}
