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
use crate::api::endpoints;
use crate::api::error::ApiError;
use crate::api::features::Feature;
use crate::api::wire::{BackgroundJob, DownloadDataPayload, MarketsQuery, ShowConfig};
use crate::runtime::page::use_page_visible;

/// How often running jobs are asked for their progress.
const FOLLOW_EVERY_MS: u32 = 1_000;

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
    pub error: RwSignal<Option<ApiError>>,
    /// A request (start, delete, clear) under way.
    pub busy: RwSignal<bool>,
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
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
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

    /// Reads the configuration, then the jobs (a bot older than 2.41 has none) and the markets.
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
                    j.load_markets();
                }
                Err(e) => {
                    j.error.try_set(Some(e));
                }
            }
        });
    }

    /// The exchange's active pairs in the configured trading mode, sorted.
    fn load_markets(&self) {
        let j = *self;
        self.spawn(async move {
            match j.call(endpoints::markets(&MarketsQuery::default())).await {
                Ok(m) => {
                    let mut pairs: Vec<String> = m.markets.keys().map(str::to_string).collect();
                    pairs.sort();
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
        self.list.try_set(Some(list));
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
        self.act(endpoints::download_data(&payload), |j, started| {
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
