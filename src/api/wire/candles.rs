//! Analysed candle data (`pair_candles`, `pair_history`) and the strategy's plot configuration.

use serde::{Deserialize, Serialize};

use super::bot::{MarginMode, TradingMode};
use super::lenient::OrderedMap;

wire_enum! {
    /// The kind of a chart annotation.
    pub enum AnnotationKind {
        Area = "area",
        Line = "line",
        Point = "point",
    }
}

wire_struct! {
    /// A chart annotation returned by the strategy's `plot_annotations()` (`PairHistory::annotations`).
    /// Area and line use `start`/`end`/`y_start`/`y_end`; point uses `x`/`y`.
    pub struct Annotation {
        pub kind: AnnotationKind = "type",
        pub color: Option<String>,
        pub label: Option<String>,
        pub z_level: Option<i64>,
        /// Datetime string.
        pub start: Option<String>,
        pub end: Option<String>,
        pub y_start: Option<f64>,
        pub y_end: Option<f64>,
        /// Line width.
        pub width: Option<f64>,
        /// `"solid"`, `"dashed"` or `"dotted"`.
        pub line_style: Option<String>,
        pub x: Option<String>,
        pub y: Option<f64>,
        pub size: Option<f64>,
        /// `"circle"`, `"rect"`, `"roundRect"`, `"triangle"`, `"pin"`, `"arrow"` or `"none"`.
        pub shape: Option<String>,
        pub rotate: Option<f64>,
    }
}

wire_struct! {
    /// `GET`/`POST /pair_candles` (trading mode, live data) and `GET`/`POST /pair_history` (webserver mode,
    /// a timerange analysed by a strategy): an analysed dataframe.
    ///
    /// `data` holds one row per candle with one cell per entry of `columns`; cells are numbers, strings (the
    /// `date` column, tags) or `null` (NaN). Besides the dataframe's columns there are `__date_ts` (Unix ms,
    /// the x value) and `_enter_long_signal_close`, `_exit_long_signal_close`, `_enter_short_signal_close`,
    /// `_exit_short_signal_close` (the close price where a signal fired).
    pub struct PairHistory {
        /// The strategy's name (`""` for history without a strategy).
        pub strategy: String,
        pub pair: String,
        pub timeframe: String,
        pub timeframe_ms: i64,
        pub columns: Vec<String>,
        /// Every column of the analysed dataframe, also those not requested (API >= 2.35).
        pub all_columns: Vec<String>,
        pub data: Vec<Vec<serde_json::Value>>,
        pub annotations: Vec<Annotation>,
        pub length: i64,
        /// Deprecated by freqtrade: same as `enter_long_signals`.
        pub buy_signals: i64,
        /// Deprecated by freqtrade: same as `exit_long_signals`.
        pub sell_signals: i64,
        pub enter_long_signals: i64,
        pub exit_long_signals: i64,
        pub enter_short_signals: i64,
        pub exit_short_signals: i64,
        /// ISO 8601 datetime of the last analysis.
        pub last_analyzed: String,
        /// Unix **seconds**.
        pub last_analyzed_ts: i64,
        /// e.g. `"2026-11-20 10:05:00+00:00"`; `""` when there is no data.
        pub data_start: String,
        /// Unix ms; `0` when there is no data.
        pub data_start_ts: i64,
        pub data_stop: String,
        pub data_stop_ts: i64,
    }
}

impl PairHistory {
    /// The position of `name` in `columns`.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The raw cell of column `name` in row `row`.
    pub fn cell(&self, row: usize, name: &str) -> Option<&serde_json::Value> {
        let col = self.column_index(name)?;
        self.data.get(row)?.get(col)
    }

    /// The numbers of column `name`, one per row (`None` for `null` or non-numeric cells); empty when the
    /// column is missing.
    pub fn column_f64(&self, name: &str) -> Vec<Option<f64>> {
        match self.column_index(name) {
            Some(col) => self
                .data
                .iter()
                .map(|row| row.get(col).and_then(serde_json::Value::as_f64))
                .collect(),
            None => Vec::new(),
        }
    }
}

/// `POST /pair_candles` body (API >= 2.35): like the GET form, but only the given indicator `columns` are sent
/// back (the OHLCV, date and signal columns always are).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PairCandlesPayload {
    pub pair: String,
    pub timeframe: String,
    /// Only the last `limit` candles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<String>>,
}

/// `POST /pair_history` body (webserver mode, API >= 2.35; `live_mode` API >= 2.42).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PairHistoryPayload {
    pub pair: String,
    pub timeframe: String,
    /// freqtrade timerange syntax, e.g. `"20261101-"` or `"20261101-20261115"`.
    pub timerange: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freqaimodel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<String>>,
    /// Fetch the candles from the exchange instead of the downloaded data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live_mode: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trading_mode: Option<TradingMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin_mode: Option<MarginMode>,
}

wire_enum! {
    /// How an indicator is drawn.
    pub enum ChartType {
        Line = "line",
        Bar = "bar",
        Scatter = "scatter",
    }
}

wire_struct! {
    /// How one indicator of a plot config is drawn. Every field is optional, and unset ones are not serialized
    /// (so a stored or edited config looks like the strategy's).
    pub struct IndicatorConfig {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub color: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub chart_type: Option<ChartType> = "type",
        /// Another column: the area between this indicator and that one is filled.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub fill_to: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub scatter_symbol_size: Option<f64> = "scatterSymbolSize",
        /// Legacy plotly options some strategies still carry; kept as sent (`Null` when absent).
        #[serde(skip_serializing_if = "serde_json::Value::is_null")]
        pub plotly: serde_json::Value,
    }
}

wire_struct! {
    /// FreqUI's chart options stored with a plot config.
    pub struct PlotConfigOptions {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub mark_area_z_index: Option<i64> = "markAreaZIndex",
        #[serde(skip_serializing_if = "Option::is_none")]
        pub show_tags: Option<bool> = "showTags",
    }
}

wire_struct! {
    /// `GET /plot_config[?strategy=]`: the strategy's `plot_config`, `{}` when it defines none.
    /// Map order is kept (it is the order of the strategy's dict).
    pub struct PlotConfig {
        /// Indicators drawn over the candles.
        pub main_plot: OrderedMap<IndicatorConfig>,
        /// Subplot name to its indicators.
        pub subplots: OrderedMap<OrderedMap<IndicatorConfig>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub options: Option<PlotConfigOptions>,
    }
}

impl PlotConfig {
    /// True when the strategy defines no indicator at all.
    pub fn is_empty(&self) -> bool {
        self.main_plot.is_empty() && self.subplots.values().all(OrderedMap::is_empty)
    }
}
