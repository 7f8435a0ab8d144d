//! Backtesting (webserver mode): the run's state, its result, and the stored results (`api_backtest.py`).
//!
//! A strategy's result has more than a hundred metrics, most of them shown as they are; it is kept as the JSON
//! object freqtrade sent ([`StrategyResult`]) and read by key, so the metrics table is a list of keys, not a struct
//! field per metric. The parts with structure (trades, breakdowns, periods) have their own lenient types.

use serde::Serialize;
use serde_json::{Map, Value};

use super::lenient::{read, Lenient, OrderedMap};

/// `POST /backtest` body (`BacktestRequest`). Unset fields are left out: the bot's configuration fills them.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct BacktestPayload {
    pub strategy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeframe: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeframe_detail: Option<String>,
    /// freqtrade timerange syntax, e.g. `"20261101-20261115"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timerange: Option<String>,
    /// `-1` for no limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_open_trades: Option<i64>,
    /// A number as text, or `"unlimited"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stake_amount: Option<String>,
    pub enable_protections: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dry_run_wallet: Option<f64>,
    /// `"none"`, `"day"`, `"week"` or `"month"`: how old a cached result may be to be reused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backtest_cache: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freqaimodel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freqai: Option<FreqaiInput>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FreqaiInput {
    pub identifier: String,
}

wire_struct! {
    /// `GET`/`POST`/`DELETE /backtest`, `GET /backtest/abort`, `GET /backtest/history/result`.
    pub struct BacktestStatus {
        /// `"not_started"`, `"running"`, `"ended"`, `"error"`, `"reset"`, `"stopping"`, `"not_running"`.
        pub status: String,
        pub running: bool,
        pub status_msg: String,
        /// The phase while running (`"startup"`, `"analyze"`, `"backtest"`, …); `"finished"` once ended.
        pub step: String,
        /// 0 to 1, within the current step.
        pub progress: f64,
        pub trade_count: Option<f64>,
        pub backtest_result: Option<BacktestResult>,
    }
}

wire_struct! {
    /// The result of one run: per strategy (a run can hold several) its metrics and metadata.
    pub struct BacktestResult {
        pub strategy: OrderedMap<StrategyResult>,
        pub metadata: OrderedMap<BacktestMetadata>,
    }
}

wire_struct! {
    /// Where a strategy's result is stored (`backtest_result.metadata.<strategy>`).
    pub struct BacktestMetadata {
        pub run_id: String,
        /// Seconds.
        pub backtest_start_time: i64,
        pub filename: String,
        pub strategy: String,
        pub timeframe: String,
    }
}

wire_struct! {
    /// `GET /backtest/history` (and the answer of its `DELETE` and `PATCH`): one stored result.
    pub struct BacktestHistoryEntry {
        pub filename: String,
        pub strategy: String,
        pub run_id: String,
        /// When the backtest ran, in seconds.
        pub backtest_start_time: i64,
        pub notes: String,
        /// The tested period, in seconds.
        pub backtest_start_ts: i64,
        pub backtest_end_ts: i64,
        pub timeframe: String,
        pub timeframe_detail: Option<String>,
    }
}

/// `PATCH /backtest/history/{file}` body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestNotesPayload {
    pub strategy: String,
    pub notes: String,
}

wire_struct! {
    /// One simulated trade of a result.
    pub struct BacktestTrade {
        pub pair: String,
        pub is_short: bool,
        pub open_date: String,
        pub close_date: String,
        /// Milliseconds.
        pub open_timestamp: i64,
        pub close_timestamp: i64,
        pub open_rate: Option<f64>,
        pub close_rate: Option<f64>,
        pub amount: Option<f64>,
        pub stake_amount: Option<f64>,
        pub profit_ratio: Option<f64>,
        pub profit_abs: Option<f64>,
        /// Minutes.
        pub trade_duration: Option<f64>,
        pub enter_tag: Option<String>,
        pub exit_reason: String,
        pub leverage: Option<f64>,
    }
}

wire_struct! {
    /// A row of a breakdown (per pair, enter tag, exit reason, tag mix; the strategy comparison).
    pub struct BreakdownRow {
        /// A string, or for tag mixes a list of strings.
        pub key: Value,
        pub trades: i64,
        pub profit_mean_pct: Option<f64>,
        pub profit_total_abs: Option<f64>,
        pub profit_total_pct: Option<f64>,
        /// `"H:MM:SS"` or `"N days, H:MM:SS"`.
        pub duration_avg: String,
        pub wins: i64,
        pub draws: i64,
        pub losses: i64,
        pub winrate: Option<f64>,
    }
}

impl BreakdownRow {
    /// The row's name: a tag mix's tags joined; an empty tag reads "(none)".
    pub fn name(&self) -> String {
        let text = match &self.key {
            Value::Array(parts) => parts
                .iter()
                .map(|p| p.as_str().filter(|s| !s.is_empty()).unwrap_or("(none)"))
                .collect::<Vec<_>>()
                .join(" · "),
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        if text.is_empty() {
            "(none)".into()
        } else {
            text
        }
    }
}

wire_struct! {
    /// A row of the periodic breakdown (`periodic_breakdown.<day|week|month|year|weekday>`).
    pub struct PeriodRow {
        pub date: String,
        pub date_ts: i64,
        pub profit_abs: Option<f64>,
        pub wins: i64,
        pub draws: i64,
        pub losses: i64,
        pub trades: i64,
        pub profit_factor: Option<f64>,
    }
}

wire_struct! {
    /// `GET /freqaimodels`: the FreqAI model classes.
    pub struct FreqaiModels {
        pub freqaimodels: Vec<String>,
    }
}

/// One strategy's result, as freqtrade sent it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct StrategyResult(pub Map<String, Value>);

impl Lenient for StrategyResult {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_object().map(|o| StrategyResult(o.clone()))
    }
}

impl StrategyResult {
    /// A metric that is a number (a numeric string reads too); `None` when missing or not finite.
    pub fn number(&self, key: &str) -> Option<f64> {
        read(&self.0, key)
    }

    /// A metric that is text; numbers are written out.
    pub fn text(&self, key: &str) -> String {
        read(&self.0, key)
    }

    /// The pairs it tested (`pairlist`).
    pub fn pairs(&self) -> Vec<String> {
        read(&self.0, "pairlist")
    }

    pub fn trades(&self) -> Vec<BacktestTrade> {
        read(&self.0, "trades")
    }

    /// A breakdown: `results_per_pair`, `results_per_enter_tag`, `exit_reason_summary`, `mix_tag_stats`,
    /// `left_open_trades`.
    pub fn breakdown(&self, key: &str) -> Vec<BreakdownRow> {
        read(&self.0, key)
    }

    /// The periodic breakdown for `period`: `day`, `week`, `month`, `year` or `weekday` (newer freqtrade).
    pub fn periods(&self, period: &str) -> Vec<PeriodRow> {
        self.0
            .get("periodic_breakdown")
            .and_then(Value::as_object)
            .map(|p| read(p, period))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_leaves_unset_fields_out() {
        let p = BacktestPayload {
            strategy: "S".into(),
            stake_amount: Some("unlimited".into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&p).unwrap_or_default(),
            serde_json::json!({"strategy": "S", "stake_amount": "unlimited", "enable_protections": false})
        );
    }

    #[test]
    fn breakdown_names() {
        let row = |key: Value| BreakdownRow {
            key,
            ..Default::default()
        };
        assert_eq!(row(Value::from("BTC/USDT")).name(), "BTC/USDT");
        assert_eq!(row(Value::from("")).name(), "(none)");
        assert_eq!(row(serde_json::json!(["", "roi"])).name(), "(none) · roi");
    }
}
