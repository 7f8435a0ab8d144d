//! Profit, performance, time breakdowns, statistics and balances (trading mode only).

use super::lenient::OrderedMap;

wire_struct! {
    /// `GET /profit`, and each part of `GET /profit_all`: profit statistics over all trades (closed and open).
    ///
    /// Ratios are fractions, `*_percent` are percent. freqtrade sends `null` for values that are NaN or
    /// infinite, e.g. `profit_factor` while there is no losing trade. Dates are `YYYY-MM-DD HH:MM:SS` (UTC,
    /// `""` when there is none), timestamps Unix milliseconds (`0` when there is none).
    pub struct ProfitStats {
        pub profit_closed_coin: Option<f64>,
        pub profit_closed_percent_mean: Option<f64>,
        pub profit_closed_ratio_mean: Option<f64>,
        /// Deprecated by freqtrade (a sum of ratios).
        pub profit_closed_percent_sum: Option<f64>,
        /// Deprecated by freqtrade (a sum of ratios).
        pub profit_closed_ratio_sum: Option<f64>,
        /// Closed profit against the starting balance.
        pub profit_closed_ratio: Option<f64>,
        pub profit_closed_percent: Option<f64>,
        pub profit_closed_fiat: Option<f64>,
        pub profit_all_coin: Option<f64>,
        pub profit_all_percent_mean: Option<f64>,
        pub profit_all_ratio_mean: Option<f64>,
        /// Deprecated by freqtrade (a sum of ratios).
        pub profit_all_percent_sum: Option<f64>,
        /// Deprecated by freqtrade (a sum of ratios).
        pub profit_all_ratio_sum: Option<f64>,
        /// All profit (closed and open) against the starting balance.
        pub profit_all_ratio: Option<f64>,
        pub profit_all_percent: Option<f64>,
        pub profit_all_fiat: Option<f64>,
        pub trade_count: i64,
        pub closed_trade_count: i64,
        pub first_trade_date: String,
        pub first_trade_humanized: String,
        pub first_trade_timestamp: i64,
        pub latest_trade_date: String,
        pub latest_trade_humanized: String,
        pub latest_trade_timestamp: i64,
        /// `H:MM:SS`, or `N day(s), H:MM:SS`.
        pub avg_duration: String,
        pub best_pair: String,
        /// Deprecated by freqtrade (rounded percent); use `best_pair_profit_ratio`.
        pub best_rate: Option<f64>,
        pub best_pair_profit_ratio: Option<f64>,
        pub best_pair_profit_abs: Option<f64>,
        pub winning_trades: i64,
        pub losing_trades: i64,
        pub profit_factor: Option<f64>,
        pub winrate: Option<f64>,
        pub expectancy: Option<f64>,
        pub expectancy_ratio: Option<f64>,
        pub sharpe: Option<f64>,
        pub sortino: Option<f64>,
        pub sqn: Option<f64>,
        pub calmar: Option<f64>,
        pub cagr: Option<f64>,
        pub max_drawdown: Option<f64>,
        pub max_drawdown_abs: Option<f64>,
        pub max_drawdown_start: Option<String>,
        pub max_drawdown_start_timestamp: Option<i64>,
        pub max_drawdown_end: Option<String>,
        pub max_drawdown_end_timestamp: Option<i64>,
        pub drawdown_high: Option<f64>,
        pub drawdown_low: Option<f64>,
        pub current_drawdown: Option<f64>,
        pub current_drawdown_abs: Option<f64>,
        pub current_drawdown_high: Option<f64>,
        pub current_drawdown_start: Option<String>,
        pub current_drawdown_start_timestamp: Option<i64>,
        pub trading_volume: Option<f64>,
        pub bot_start_timestamp: Option<i64>,
        pub bot_start_date: Option<String>,
    }
}

wire_struct! {
    /// `GET /profit_all` (API >= 2.43): `long` and `short` are only sent by non-spot bots.
    pub struct ProfitAll {
        pub all: ProfitStats,
        pub long: Option<ProfitStats>,
        pub short: Option<ProfitStats>,
    }
}

wire_struct! {
    /// The items of `GET /performance`: closed-trade profit per pair, best first.
    pub struct PerformanceEntry {
        pub pair: String,
        /// Deprecated by freqtrade: the same as `profit_pct`.
        pub profit: Option<f64>,
        pub profit_ratio: Option<f64>,
        pub profit_pct: Option<f64>,
        pub profit_abs: Option<f64>,
        pub count: i64,
    }
}

wire_struct! {
    /// The items of `GET /entries` (API >= 2.34): closed-trade profit per entry tag.
    pub struct EntryPerformance {
        pub enter_tag: String,
        pub profit_ratio: Option<f64>,
        pub profit_pct: Option<f64>,
        pub profit_abs: Option<f64>,
        pub count: i64,
    }
}

wire_struct! {
    /// The items of `GET /exits` (API >= 2.34): closed-trade profit per exit reason.
    pub struct ExitPerformance {
        pub exit_reason: String,
        pub profit_ratio: Option<f64>,
        pub profit_pct: Option<f64>,
        pub profit_abs: Option<f64>,
        pub count: i64,
    }
}

wire_struct! {
    /// The items of `GET /mix_tags` (API >= 2.34): closed-trade profit per "enter tag exit reason" pair.
    pub struct MixTagPerformance {
        pub mix_tag: String,
        pub profit_ratio: Option<f64>,
        pub profit_pct: Option<f64>,
        pub profit_abs: Option<f64>,
        pub count: i64,
    }
}

wire_struct! {
    /// One day, week or month of `GET /daily`, `/weekly`, `/monthly`. The newest period comes first.
    pub struct TimeSummaryRecord {
        /// The period's first day, `YYYY-MM-DD` (a Monday for weeks, the 1st for months).
        pub date: String,
        pub abs_profit: Option<f64>,
        /// Against `starting_balance` (API >= 2.16).
        pub rel_profit: Option<f64>,
        /// Balance at the start of the period (API >= 2.16).
        pub starting_balance: Option<f64>,
        pub fiat_value: Option<f64>,
        pub trade_count: i64,
    }
}

wire_struct! {
    /// `GET /daily`, `GET /weekly`, `GET /monthly` (weekly and monthly need API >= 2.33).
    pub struct TimeSummaryResponse {
        pub data: Vec<TimeSummaryRecord>,
        pub fiat_display_currency: String,
        pub stake_currency: String,
    }
}

wire_struct! {
    /// Win/draw/loss counts of one exit reason in `GET /stats`.
    pub struct ExitReasonStats {
        pub wins: i64,
        pub losses: i64,
        pub draws: i64,
    }
}

wire_struct! {
    /// Average trade durations in seconds in `GET /stats`; `null` when there is no such trade.
    pub struct TradeDurations {
        pub wins: Option<f64>,
        pub draws: Option<f64>,
        pub losses: Option<f64>,
    }
}

wire_struct! {
    /// `GET /stats`: closed trades by exit reason, and average durations.
    pub struct StatsResponse {
        /// Exit reason (e.g. `"roi"`, `"force_exit"`) to its counts.
        pub exit_reasons: OrderedMap<ExitReasonStats>,
        pub durations: TradeDurations,
    }
}

wire_struct! {
    /// One currency (or, in futures, one position) of `GET /balance`.
    pub struct BalanceRecord {
        pub currency: String,
        pub free: f64,
        pub balance: f64,
        pub used: f64,
        /// The amount the bot owns (open trades, or the available stake for the stake currency).
        pub bot_owned: Option<f64>,
        /// Value in stake currency.
        pub est_stake: Option<f64>,
        /// Value in stake currency of the bot-owned part (API >= 2.26).
        pub est_stake_bot: Option<f64>,
        pub stake: String,
        /// `"long"` or `"short"`.
        pub side: String,
        pub is_position: bool,
        pub position: Option<f64>,
        pub is_bot_managed: bool,
    }
}

wire_struct! {
    /// `GET /balance`: the account's balances, valued in stake currency and fiat.
    pub struct BalanceResponse {
        pub currencies: Vec<BalanceRecord>,
        /// Total value in stake currency.
        pub total: Option<f64>,
        /// Value of what the bot manages (API >= 2.26).
        pub total_bot: Option<f64>,
        /// The fiat display currency (`""` when not configured).
        pub symbol: String,
        /// Total value in fiat.
        pub value: Option<f64>,
        pub value_bot: Option<f64>,
        pub stake: String,
        /// `"Simulated balances"` in dry-run.
        pub note: String,
        pub starting_capital: Option<f64>,
        pub starting_capital_ratio: Option<f64>,
        pub starting_capital_pct: Option<f64>,
        pub starting_capital_fiat: Option<f64>,
        pub starting_capital_fiat_ratio: Option<f64>,
        pub starting_capital_fiat_pct: Option<f64>,
    }
}

wire_struct! {
    /// `GET /historic_balance` (API >= 2.48): the bot's wallet value over time, as a small dataframe with the
    /// columns `date`, `__date_ts` (Unix ms) and `total_quote`.
    pub struct WalletHistoryResponse {
        pub columns: Vec<String>,
        pub length: i64,
        pub data: Vec<Vec<serde_json::Value>>,
        /// Unix ms since which the history was recorded (before it, it is reconstructed); `0` if unknown.
        pub capture_start_ts: Option<i64>,
    }
}

/// A calendar period of the bot's time summaries (`/daily`, `/weekly`, `/monthly`): the one period vocabulary of
/// the API, the Periods panel, the period chart and the stored choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Period {
    #[default]
    Days,
    /// API >= 2.33 (`Feature::WeeklyMonthly`).
    Weeks,
    /// API >= 2.33 (`Feature::WeeklyMonthly`).
    Months,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Days, Period::Weeks, Period::Months];

    /// The endpoint's name, also the stored value: "daily", "weekly", "monthly".
    pub fn key(self) -> &'static str {
        match self {
            Period::Days => "daily",
            Period::Weeks => "weekly",
            Period::Months => "monthly",
        }
    }

    /// The period a stored key names; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.key() == key)
    }

    /// "Days", "Weeks", "Months" (a choice of how many of them).
    pub fn plural(self) -> &'static str {
        match self {
            Period::Days => "Days",
            Period::Weeks => "Weeks",
            Period::Months => "Months",
        }
    }

    /// "Daily", "Weekly", "Monthly" (a breakdown).
    pub fn adjective(self) -> &'static str {
        match self {
            Period::Days => "Daily",
            Period::Weeks => "Weekly",
            Period::Months => "Monthly",
        }
    }

    /// "day", "week", "month".
    pub fn noun(self) -> &'static str {
        match self {
            Period::Days => "day",
            Period::Weeks => "week",
            Period::Months => "month",
        }
    }
}
