//! The pairlist configurator (`api_pairlists.py`) and the lookahead and recursive analyses
//! (`api_analysis.py`) of a `freqtrade webserver`: each evaluation or analysis runs as a background job whose
//! result is read by job id once it has ended.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::jobs::ExchangeMode;
use super::lenient::{self, Lenient, OrderedMap};

/// The answer of a job's result endpoint (`/pairlists/evaluate/{job}`, `/lookahead_analysis/{job}`,
/// `/recursive_analysis/{job}`), kept as JSON until the job's category says which type to read it as: the
/// three endpoints share one decoding path in the bundle.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(transparent)]
pub struct JobOutcome(pub Value);

impl JobOutcome {
    /// Reads the answer as `T` (leniently, like every answer): `WhitelistEvaluation`, `LookaheadStatus` or
    /// `RecursiveStatus`.
    pub fn read<T: Lenient + Default>(&self) -> T {
        lenient::value(&self.0)
    }
}

wire_struct! {
    /// One parameter of a pairlist handler (`PairlistParameter`): `type` is `"number"`, `"string"`,
    /// `"boolean"`, `"option"` or `"list"`; `default` is of that type (or `null`).
    pub struct PairlistParam {
        pub kind: String = "type",
        pub default: Value,
        pub description: String,
        pub help: String,
        /// For `"option"`: the allowed values.
        pub options: Vec<String>,
    }
}

wire_struct! {
    /// One handler of `GET /pairlists/available` (`PairListResponse`).
    pub struct PairlistHandler {
        pub name: String,
        pub description: String,
        pub is_pairlist_generator: bool,
        /// By parameter name, in the handler's order.
        pub params: OrderedMap<PairlistParam>,
    }
}

wire_struct! {
    /// `GET /pairlists/available` (`PairListsResponse`), sorted by name.
    pub struct PairlistsAvailable {
        pub pairlists: Vec<PairlistHandler>,
    }
}

/// `POST /pairlists/evaluate` body (`PairListsPayload`): each handler as `{"method": …, params…}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PairlistsPayload {
    pub pairlists: Vec<Map<String, Value>>,
    pub blacklist: Vec<String>,
    pub stake_currency: String,
    #[serde(flatten)]
    pub mode: ExchangeMode,
}

wire_struct! {
    /// The whitelist a pairlist chain produced (`WhitelistResponse`).
    pub struct WhitelistResult {
        pub whitelist: Vec<String>,
        pub length: u64,
        /// The handlers, in order.
        pub method: Vec<String>,
    }
}

wire_struct! {
    /// `GET /pairlists/evaluate/{job}` once the job has ended (`WhitelistEvaluateResponse`): `status` is
    /// `"success"` (with `result`) or `"failed"` (with `error`). While it runs freqtrade answers 400.
    pub struct WhitelistEvaluation {
        pub status: String,
        pub error: Option<String>,
        pub result: Option<WhitelistResult>,
    }
}

/// `POST /lookahead_analysis` body (`LookaheadAnalysisRequest`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct LookaheadPayload {
    pub strategy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeframe: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timerange: Option<String>,
    pub minimum_trade_amount: i64,
    pub targeted_trade_amount: i64,
    pub lookahead_allow_limit_orders: bool,
}

/// `POST /recursive_analysis` body (`RecursiveAnalysisRequest`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RecursivePayload {
    pub strategy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeframe: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timerange: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startup_candle: Option<Vec<i64>>,
}

wire_struct! {
    /// A lookahead analysis' finding (`LookaheadAnalysisResultEntry`).
    pub struct LookaheadResult {
        pub strategy: String,
        pub has_bias: bool,
        pub total_signals: i64,
        pub biased_entry_signals: i64,
        pub biased_exit_signals: i64,
        pub biased_indicators: Vec<String>,
    }
}

wire_struct! {
    /// A recursive analysis' finding (`RecursiveAnalysisResultEntry`).
    pub struct RecursiveResult {
        pub strategy: String,
        /// The startup candle counts tested.
        pub startup_candles: Vec<i64>,
        /// The strategy's own `startup_candle_count`, if known.
        pub strategy_scc: Option<i64>,
        /// Per indicator, by startup candle count (as a string): the relative difference to the longest
        /// run (0.01 = 1 %); `null` where freqtrade could not compare.
        pub results: OrderedMap<OrderedMap<Option<f64>>>,
    }
}

wire_struct! {
    /// `GET /lookahead_analysis/{job}` (`LookaheadAnalysisResponse`): `status` is `"running"`, `"ended"` (with
    /// `result`) or `"error"` (`status_msg` says why).
    pub struct LookaheadStatus {
        pub status: String,
        pub running: bool,
        pub status_msg: String,
        pub result: Option<LookaheadResult>,
    }
}

wire_struct! {
    /// `GET /recursive_analysis/{job}` (`RecursiveAnalysisResponse`), as [`LookaheadStatus`].
    pub struct RecursiveStatus {
        pub status: String,
        pub running: bool,
        pub status_msg: String,
        pub result: Option<RecursiveResult>,
    }
}

/// Indicators that differ by less than this (relative, 0.001 = 0.1 %) count as settled.
pub const SETTLED_DIFFERENCE: f64 = 0.001;

impl RecursiveResult {
    /// The tested startup candle counts, smallest first.
    pub fn counts(&self) -> Vec<i64> {
        let mut c = self.startup_candles.clone();
        crate::util::sort::sort(&mut c);
        c.dedup();
        c
    }

    /// The difference of `indicator` with `count` startup candles: freqtrade lists only the counts where the
    /// indicator differed, so a missing count is 0; `None` where it could not compare.
    pub fn difference(&self, indicator: &str, count: i64) -> Option<f64> {
        match self.results.get(indicator) {
            Some(by_count) => match by_count.get(&count.to_string()) {
                Some(v) => *v,
                None => Some(0.0),
            },
            None => Some(0.0),
        }
    }

    /// The smallest tested count from which on every indicator differs by less than
    /// [`SETTLED_DIFFERENCE`]; `None` when even the largest is not enough (or nothing was tested).
    pub fn recommended_startup(&self) -> Option<i64> {
        let counts = self.counts();
        let settled = |count: i64| {
            self.results.keys().all(|ind| {
                self.difference(ind, count)
                    .is_some_and(|d| d.abs() < SETTLED_DIFFERENCE)
            })
        };
        // The first count after the last unsettled one.
        let first_ok = counts
            .iter()
            .rposition(|&c| !settled(c))
            .map_or(0, |i| i + 1);
        counts.get(first_ok).copied()
    }
}
