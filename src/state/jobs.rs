//! `Jobs`: the background jobs of one `freqtrade webserver` (issue 13): listed from `GET /background` (so a
//! reload picks running ones up again), followed while one runs and the page is visible, started (a data
//! download) and cleared. Also the markets, for the download form's pair suggestions.
//!
//! One per bot for its session, like `Backtests`: leaving the page keeps the list and when each job was seen
//! to start and end (freqtrade does not report times).

use std::collections::HashMap;

use leptos::prelude::*;

use super::bot_session::{end_session_value, session_value, BotHandle, SessionMap};
use super::persist::BotId;
use super::toasts::Severity;
use crate::api::endpoint::Endpoint;
use crate::api::endpoints;
use crate::api::error::ApiError;
use crate::api::features::Feature;
use crate::api::wire::{
    BackgroundJob, DownloadDataPayload, JobStarted, LookaheadPayload, LookaheadStatus,
    MarketsQuery, RecursivePayload, RecursiveStatus, ShowConfig, WhitelistEvaluation,
};
use crate::runtime::page::use_page_visible;

/// How often running jobs are asked for their progress.
const FOLLOW_EVERY_MS: u32 = 1_000;

/// What a finished job found, read by its id from the job's own endpoint.
#[derive(Debug, Clone, PartialEq)]
pub enum JobResult {
    Whitelist(WhitelistEvaluation),
    Lookahead(LookaheadStatus),
    Recursive(RecursiveStatus),
}

impl JobResult {
    /// What the job found, in a few words (for the job list).
    pub fn summary(&self) -> String {
        match self {
            JobResult::Whitelist(w) => match &w.result {
                Some(r) if w.status == "success" => match r.whitelist.len() {
                    1 => "1 pair".into(),
                    n => format!("{n} pairs"),
                },
                _ => String::new(),
            },
            JobResult::Lookahead(s) => match &s.result {
                Some(r) if r.has_bias => "lookahead bias detected".into(),
                Some(_) => "no lookahead bias".into(),
                None => String::new(),
            },
            JobResult::Recursive(s) => match &s.result {
                Some(r) => match r.recommended_startup() {
                    Some(c) => format!("recommended startup candle count {c}"),
                    None => "no tested startup candle count is enough".into(),
                },
                None => String::new(),
            },
        }
    }
}

/// A job's result as far as it is known.
#[derive(Debug, Clone, PartialEq)]
pub enum ResultState {
    Reading,
    Ready(JobResult),
    Failed(ApiError),
}

/// The job categories with a result to read.
const WITH_RESULT: [&str; 3] = ["pairlist", "lookahead_analysis", "recursive_analysis"];

/// When this browser saw a job start and end (Unix ms); unknown for a job first seen already finished.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct JobTimes {
    pub started: Option<f64>,
    pub ended: Option<f64>,
}

#[derive(Clone, Copy)]
pub struct Jobs {
    bot: BotHandle,
    /// Every job the bot knows, newest first; `None` until read.
    pub list: RwSignal<Option<Vec<BackgroundJob>>>,
    pub times: RwSignal<HashMap<String, JobTimes>>,
    /// The bot's configuration: its API version, exchange and stake currency.
    pub config: RwSignal<Option<ShowConfig>>,
    /// The exchange's pairs (for suggestions), `None` until read.
    pub markets: RwSignal<Option<Vec<String>>>,
    markets_asked: StoredValue<bool>,
    pub error: RwSignal<Option<ApiError>>,
    /// A request (start, delete, clear) under way.
    pub busy: RwSignal<bool>,
    /// Results of finished evaluations and analyses, by job id (the newest of each category is read).
    pub results: RwSignal<HashMap<String, ResultState>>,
    /// The bot's strategies (for the analyses), `None` until asked for and read.
    pub strategies: RwSignal<Option<Vec<String>>>,
    /// Pairs handed to the download form (from the pairlist configurator), taken once.
    pub download_pairs: RwSignal<Option<Vec<String>>>,
    following: StoredValue<bool>,
    visible: Signal<bool>,
}

thread_local! {
    static SESSIONS: SessionMap<Jobs> = Default::default();
}

/// Forgets a bot's jobs (logout, bot removed).
pub fn end_jobs(id: &BotId) {
    end_session_value(&SESSIONS, id);
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Jobs {
    /// The jobs of `id`: created on the first visit, read again on every visit.
    pub fn of(id: BotId) -> Self {
        let (j, new) = session_value(&SESSIONS, &id, || Self {
            bot: BotHandle::new(id.clone()),
            list: RwSignal::new(None),
            times: RwSignal::new(HashMap::new()),
            config: RwSignal::new(None),
            markets: RwSignal::new(None),
            markets_asked: StoredValue::new(false),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            results: RwSignal::new(HashMap::new()),
            strategies: RwSignal::new(None),
            download_pairs: RwSignal::new(None),
            following: StoredValue::new(false),
            visible: use_page_visible(),
        });
        if new {
            j.load_config();
        } else {
            j.refresh();
        }
        j
    }

    /// Whether the bot's API has `feature` (false until its configuration is read). Tracked.
    pub fn has(&self, feature: Feature) -> bool {
        self.config
            .with(|c| c.as_ref().is_some_and(|c| c.has(feature)))
    }

    fn spawn(&self, task: impl std::future::Future<Output = ()> + 'static) {
        self.bot.spawn(task);
    }

    async fn call<T: serde::de::DeserializeOwned>(
        &self,
        endpoint: crate::api::endpoint::Endpoint<T>,
    ) -> Result<T, ApiError> {
        self.bot.call(endpoint).await
    }

    fn toast(&self, severity: Severity, text: impl Into<String>) {
        self.bot.toast(severity, text);
    }

    /// Reads the configuration, then the jobs (a bot older than 2.41 has none).
    fn load_config(&self) {
        let j = *self;
        self.spawn(async move {
            match j.call(endpoints::show_config()).await {
                Ok(config) => {
                    let jobs = config.has(Feature::DownloadData);
                    j.config.try_set(Some(config));
                    if jobs {
                        j.refresh();
                    } else {
                        j.list.try_set(Some(Vec::new()));
                    }
                }
                Err(e) => {
                    j.error.try_set(Some(e));
                }
            }
        });
    }

    /// The exchange's active pairs in the configured trading mode, sorted.
    /// Read once, when the download form first needs them (the other webserver pages do not).
    pub fn load_markets(&self) {
        if self.markets_asked.get_value() {
            return;
        }
        self.markets_asked.set_value(true);
        let j = *self;
        self.spawn(async move {
            match j.call(endpoints::markets(&MarketsQuery::default())).await {
                Ok(m) => {
                    let mut pairs: Vec<String> = m.markets.keys().map(str::to_string).collect();
                    crate::util::sort::sort(&mut pairs);
                    j.markets.try_set(Some(pairs));
                }
                // Suggestions only: free entry still works.
                Err(_) => {
                    j.markets.try_set(Some(Vec::new()));
                }
            }
        });
    }

    /// Reads the job list (if the bot has jobs) and follows running ones.
    pub fn refresh(&self) {
        if !self
            .config
            .with_untracked(|c| c.as_ref().is_some_and(|c| c.has(Feature::DownloadData)))
        {
            return;
        }
        let j = *self;
        self.spawn(async move {
            match j.call(endpoints::background_jobs()).await {
                Ok(list) => {
                    let running = j.take(list);
                    if running {
                        j.follow();
                    }
                }
                Err(e) => {
                    j.error.try_set(Some(e));
                }
            }
        });
    }

    /// Keeps a new list (newest first) and notes when jobs were first seen and seen to end; true while one runs.
    /// A job seen unfinished (or started here) that has ended since is announced.
    fn take(&self, mut list: Vec<BackgroundJob>) -> bool {
        self.error.try_set(None);
        let now = now_ms();
        let mut ended_now = Vec::new();
        self.times.try_update(|times| {
            for job in &list {
                let t = times.entry(job.job_id.clone()).or_insert(JobTimes {
                    started: (!job.finished()).then_some(now),
                    ended: None,
                });
                if job.finished() && t.started.is_some() && t.ended.is_none() {
                    t.ended = Some(now);
                    ended_now.push(job.clone());
                }
            }
        });
        // freqtrade keeps jobs in insertion order: newest first reads better.
        list.reverse();
        let running = list.iter().any(|j| !j.finished());
        for category in WITH_RESULT {
            if let Some(job) = list
                .iter()
                .find(|j| j.job_category == category && j.finished())
            {
                self.read_result(job.job_id.clone(), category);
            }
        }
        // Each poll reads the whole list: an unchanged one redraws nothing.
        if self.list.with_untracked(|l| l.as_ref() != Some(&list)) {
            self.list.try_set(Some(list));
        }
        for job in ended_now {
            match job.error.as_deref().filter(|e| !e.is_empty()) {
                Some(e) => self.toast(
                    Severity::Error,
                    format!("{} failed: {e}", category_name(&job.job_category)),
                ),
                None => self.toast(
                    Severity::Success,
                    format!("{} finished.", category_name(&job.job_category)),
                ),
            }
        }
        running
    }

    /// Polls the job list while the page is visible, until no job runs.
    fn follow(&self) {
        let j = *self;
        self.bot.follow(
            self.following,
            self.visible,
            FOLLOW_EVERY_MS,
            move || async move {
                match j.call(endpoints::background_jobs()).await {
                    Ok(list) => j.take(list),
                    Err(ApiError::Aborted) => false,
                    Err(e) => {
                        j.error.try_set(Some(e));
                        true
                    }
                }
            },
        );
    }

    /// Runs an action (one at a time); its failure is a toast.
    fn act<T: serde::de::DeserializeOwned + 'static>(
        &self,
        endpoint: crate::api::endpoint::Endpoint<T>,
        then: impl FnOnce(Jobs, T) + 'static,
    ) {
        let j = *self;
        self.bot.act(
            self.busy,
            endpoint,
            move |value| then(j, value),
            move |e| j.toast(Severity::Error, e.to_string()),
        );
    }

    /// Starts a data download; the job shows in the list and is followed.
    pub fn start_download(&self, payload: DownloadDataPayload) {
        self.start(endpoints::download_data(&payload));
    }

    /// Starts a lookahead analysis (API >= 2.49).
    pub fn start_lookahead(&self, payload: &LookaheadPayload) {
        self.start(endpoints::lookahead_analysis(payload));
    }

    /// Starts a recursive analysis (API >= 2.49).
    pub fn start_recursive(&self, payload: &RecursivePayload) {
        self.start(endpoints::recursive_analysis(payload));
    }

    /// Starts a job (a download, an evaluation, an analysis); it shows in the list and is followed.
    pub(super) fn start(&self, endpoint: Endpoint<JobStarted>) {
        self.act(endpoint, |j, started| {
            // Started here: its end is announced even if it ends before the list is read.
            j.times.try_update(|t| {
                t.insert(
                    started.job_id,
                    JobTimes {
                        started: Some(now_ms()),
                        ended: None,
                    },
                )
            });
            j.refresh();
        });
    }

    /// Removes a finished job from the bot's list (API >= 2.49).
    pub fn delete(&self, job_id: String) {
        self.act(endpoints::background_job_delete(&job_id), move |j, _| {
            j.list.try_update(|l| {
                if let Some(l) = l {
                    l.retain(|x| x.job_id != job_id);
                }
            });
        });
    }

    /// Removes every finished job (API >= 2.49); the running ones stay.
    pub fn clear_finished(&self) {
        self.act(endpoints::background_jobs_clear(), |j, left| {
            j.take(left);
        });
    }
}

impl Jobs {
    /// The newest job of `category`. Tracked.
    pub fn latest(&self, category: &str) -> Option<BackgroundJob> {
        self.list.with(|l| {
            l.as_ref()
                .and_then(|l| l.iter().find(|j| j.job_category == category).cloned())
        })
    }

    /// The whitelist of the newest pairlist evaluation, once it succeeded and was read. Tracked.
    pub fn evaluated_whitelist(&self) -> Option<Vec<String>> {
        let job = self.latest("pairlist")?;
        self.results.with(|r| match r.get(&job.job_id) {
            Some(ResultState::Ready(JobResult::Whitelist(w))) => {
                w.result.as_ref().map(|r| r.whitelist.clone())
            }
            _ => None,
        })
    }

    /// Reads a finished job's result once (again after a failed read).
    fn read_result(&self, job_id: String, category: &'static str) {
        let known = self.results.with_untracked(|r| {
            r.get(&job_id)
                .is_some_and(|s| !matches!(s, ResultState::Failed(_)))
        });
        if known {
            return;
        }
        self.results
            .try_update(|r| r.insert(job_id.clone(), ResultState::Reading));
        let endpoint = match category {
            "pairlist" => endpoints::pairlists_evaluation(&job_id),
            "lookahead_analysis" => endpoints::lookahead_status(&job_id),
            _ => endpoints::recursive_status(&job_id),
        };
        let j = *self;
        self.spawn(async move {
            let state = match j.call(endpoint).await {
                Ok(answer) => ResultState::Ready(match category {
                    "pairlist" => JobResult::Whitelist(answer.read()),
                    "lookahead_analysis" => JobResult::Lookahead(answer.read()),
                    _ => JobResult::Recursive(answer.read()),
                }),
                Err(e) => ResultState::Failed(e),
            };
            j.results.try_update(|r| r.insert(job_id, state));
        });
    }

    /// Reads the strategy list once (for the analyses).
    pub fn load_strategies(&self) {
        if self.strategies.with_untracked(Option::is_some) {
            return;
        }
        let j = *self;
        self.spawn(async move {
            match j.call(endpoints::strategies()).await {
                Ok(s) => {
                    j.strategies.try_set(Some(s.strategies));
                }
                Err(e) => {
                    j.strategies.try_set(Some(Vec::new()));
                    j.error.try_set(Some(e));
                }
            }
        });
    }
}

/// A job category as a person reads it.
pub fn category_name(category: &str) -> String {
    match category {
        "download_data" => "Data download".into(),
        "pairlist" => "Pairlist evaluation".into(),
        "backtest" => "Backtest".into(),
        "lookahead_analysis" => "Lookahead analysis".into(),
        "recursive_analysis" => "Recursive analysis".into(),
        other => other.replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: serde::de::DeserializeOwned + Default>(json: &str) -> T {
        serde_json::from_str(json).unwrap_or_default()
    }

    #[test]
    fn results_in_a_few_words() {
        let w = JobResult::Whitelist(read(
            r#"{"status": "success", "result": {"whitelist": ["A/B", "C/B"], "length": 2}}"#,
        ));
        assert_eq!(w.summary(), "2 pairs");
        let failed = JobResult::Whitelist(read(r#"{"status": "failed", "error": "boom"}"#));
        assert_eq!(failed.summary(), "");
        let look =
            JobResult::Lookahead(read(r#"{"status": "ended", "result": {"has_bias": true}}"#));
        assert_eq!(look.summary(), "lookahead bias detected");
        let rec = JobResult::Recursive(read(
            r#"{"status": "ended", "result": {"startup_candles": [100, 200], "results": {"x": {"100": 0.5}}}}"#,
        ));
        assert_eq!(rec.summary(), "recommended startup candle count 200");
        let error = JobResult::Recursive(read(r#"{"status": "error", "status_msg": "no"}"#));
        assert_eq!(error.summary(), "");
    }
}
