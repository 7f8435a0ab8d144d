//! Background jobs of a `freqtrade webserver` (`api_background_tasks.py`, `webserver_bgwork.py`) and the data
//! download that runs as one (`api_download_data.py`).

use serde::Serialize;

use super::lenient::OrderedMap;

wire_struct! {
    /// `POST /download_data` (and the other job starters): `BgJobStarted`.
    pub struct JobStarted {
        pub status: String,
        pub job_id: String,
    }
}

wire_struct! {
    /// One task of a job (a pair and timeframe being downloaded): `ProgressTask`.
    pub struct JobTask {
        pub progress: f64,
        pub total: f64,
        pub description: String,
    }
}

wire_struct! {
    /// `GET /background`, `GET /background/{job}`: `BackgroundTaskStatus`.
    pub struct BackgroundJob {
        pub job_id: String,
        /// `"download_data"`, `"pairlist"`, `"backtest"`, `"lookahead_analysis"`, `"recursive_analysis"`.
        pub job_category: String,
        /// `"pending"`, `"running"`, `"success"`, `"failed"`.
        pub status: String,
        pub running: bool,
        pub progress: Option<f64>,
        /// Per task, by task id, in the order freqtrade reported them.
        pub progress_tasks: Option<OrderedMap<JobTask>>,
        pub error: Option<String>,
    }
}

impl BackgroundJob {
    /// Done (successfully or not): nothing more will change.
    pub fn finished(&self) -> bool {
        !self.running && matches!(self.status.as_str(), "success" | "failed")
    }

    /// Overall progress 0..=1: the job's own, else the tasks' completed share; `None` when unknown.
    pub fn fraction(&self) -> Option<f64> {
        if let Some(p) = self.progress.filter(|p| p.is_finite()) {
            return Some(p.clamp(0.0, 1.0));
        }
        let tasks = self.progress_tasks.as_ref()?;
        let (done, total) = tasks.values().fold((0.0, 0.0), |(d, t), task| {
            if task.total.is_finite() && task.total > 0.0 && task.progress.is_finite() {
                (d + task.progress.min(task.total), t + task.total)
            } else {
                (d, t)
            }
        });
        (total > 0.0).then(|| (done / total).clamp(0.0, 1.0))
    }
}

/// `POST /download_data` body (`DownloadDataPayload`). Either `days` or `timerange`; options the bot's API
/// version lacks are left unset (candle types 2.44, prepend 2.46).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DownloadDataPayload {
    pub pairs: Vec<String>,
    pub timeframes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timerange: Option<String>,
    pub erase: bool,
    pub download_trades: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candle_types: Option<Vec<String>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub prepend_data: bool,
    #[serde(flatten)]
    pub mode: ExchangeMode,
}

/// freqtrade's `ExchangeModePayloadMixin` of the job requests (download, pairlist evaluation): another
/// exchange, trading or margin mode than the bot's; unset ones stay out of the body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ExchangeMode {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trading_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin_mode: Option<String>,
}
