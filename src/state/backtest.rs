//! `Backtests`: the backtesting of one `freqtrade webserver` (issue 12): the run's state, followed while it runs,
//! the stored results on the bot, and the results loaded into the page for analysis and comparison.
//!
//! One per bot for its whole session (like `BotStore`): leaving the page keeps the loaded results, and coming
//! back asks the bot once whether a backtest runs (also one started from another browser) and follows it.

use leptos::prelude::*;

use super::bot_session::{end_session_value, session_value, BotHandle, SessionMap};
use super::persist::BotId;
use super::toasts::Severity;
use crate::api::endpoints;
use crate::api::error::ApiError;
use crate::api::features::Feature;
use crate::api::wire::{
    BacktestHistoryEntry, BacktestNotesPayload, BacktestPayload, BacktestStatus, BacktestTrade,
    StrategyResult,
};
use crate::runtime::page::use_page_visible;

/// How often a running backtest is asked for its progress.
const FOLLOW_EVERY_MS: u32 = 1_000;

/// One strategy's result, loaded for analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedResult {
    /// The stored file and strategy: unique per result.
    pub key: String,
    pub filename: String,
    pub strategy: String,
    /// When it ran, in seconds.
    pub run_time: i64,
    pub result: StrategyResult,
    pub trades: Vec<BacktestTrade>,
}

impl LoadedResult {
    /// A short name for tabs and compare columns: the strategy, the timeframe and the tested range.
    pub fn label(&self) -> String {
        format!(
            "{} {} {}",
            self.strategy,
            self.result.text("timeframe"),
            self.result.text("timerange")
        )
    }
}

#[derive(Clone, Copy)]
pub struct Backtests {
    bot: BotHandle,
    /// The bot's backtest state (its result moved into `results`).
    pub status: RwSignal<Option<BacktestStatus>>,
    /// The results stored on the bot.
    pub history: RwSignal<Option<Vec<BacktestHistoryEntry>>>,
    /// Results loaded into the page, oldest first.
    pub results: RwSignal<Vec<LoadedResult>>,
    /// The key of the result shown in the analysis.
    pub shown: RwSignal<Option<String>>,
    pub strategies: RwSignal<Option<Vec<String>>>,
    /// FreqAI's models; empty when FreqAI is not installed on the bot.
    pub freqai_models: RwSignal<Vec<String>>,
    /// The bot's configuration (its API version decides what the page offers).
    config: RwSignal<Option<crate::api::wire::ShowConfig>>,
    /// The last failed read, cleared by the next good one.
    pub error: RwSignal<Option<ApiError>>,
    /// A request (start, abort, reset, load, delete, notes) under way: buttons wait for it.
    pub busy: RwSignal<bool>,
    following: StoredValue<bool>,
    visible: Signal<bool>,
}

thread_local! {
    static SESSIONS: SessionMap<Backtests> = Default::default();
}

/// Forgets a bot's backtests (logout, bot removed).
pub fn end_backtests(id: &BotId) {
    end_session_value(&SESSIONS, id);
}

impl Backtests {
    /// The backtests of `id`, created on the first visit of the page and kept for the session.
    pub fn of(id: BotId) -> Self {
        let (b, new) = session_value(&SESSIONS, &id, || Self {
            bot: BotHandle::new(id.clone()),
            status: RwSignal::new(None),
            history: RwSignal::new(None),
            results: RwSignal::new(Vec::new()),
            shown: RwSignal::new(None),
            strategies: RwSignal::new(None),
            freqai_models: RwSignal::new(Vec::new()),
            config: RwSignal::new(None),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            following: StoredValue::new(false),
            visible: use_page_visible(),
        });
        b.check();
        if new {
            b.load_config();
            b.load_strategies();
        }
        b
    }

    /// Whether the bot's API has `feature` (false until its configuration is read). Tracked.
    pub fn has(&self, feature: Feature) -> bool {
        self.config
            .with(|c| c.as_ref().is_some_and(|c| c.has(feature)))
    }

    /// Reads the configuration once; then what depends on the API version.
    fn load_config(&self) {
        let b = *self;
        self.spawn(async move {
            match b.call(endpoints::show_config()).await {
                Ok(config) => {
                    b.config.try_set(Some(config));
                    if b.has_untracked(Feature::BacktestHistory) {
                        b.load_history();
                    }
                    if b.has_untracked(Feature::BacktestFreqai) {
                        b.load_freqai_models();
                    }
                }
                Err(e) => {
                    b.error.try_set(Some(e));
                }
            }
        });
    }

    fn has_untracked(&self, feature: Feature) -> bool {
        self.config
            .with_untracked(|c| c.as_ref().is_some_and(|c| c.has(feature)))
    }

    pub fn id(&self) -> Option<BotId> {
        self.bot.id()
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

    /// Asks the bot whether a backtest runs (then follows it) or ended (then its result is loaded).
    pub fn check(&self) {
        let b = *self;
        self.spawn(async move {
            match b.call(endpoints::backtest_status()).await {
                Ok(status) => b.take_status(status, true),
                Err(e) => {
                    b.error.try_set(Some(e));
                }
            }
        });
    }

    /// Keeps a status: a result is added to the loaded ones (and shown when new); with `follow`, a running
    /// backtest is followed.
    fn take_status(&self, mut status: BacktestStatus, follow: bool) {
        self.error.try_set(None);
        if let Some(result) = status.backtest_result.take() {
            let loaded = loaded_results(&result);
            let first = loaded.first().map(|r| r.key.clone());
            if self.add_results(loaded) {
                self.shown.try_set(first);
            }
        }
        let running = status.running;
        self.status.try_set(Some(status));
        if running && follow {
            self.follow();
        }
    }

    /// Adds results not loaded yet; true if any was new.
    fn add_results(&self, loaded: Vec<LoadedResult>) -> bool {
        let mut new = false;
        self.results.try_update(|list| {
            for r in loaded {
                if !list.iter().any(|l| l.key == r.key) {
                    list.push(r);
                    new = true;
                }
            }
        });
        new
    }

    /// Polls a running backtest while the page is visible, until it ends; the new result is then loaded and
    /// the stored results read again.
    fn follow(&self) {
        let b = *self;
        self.bot.follow(
            self.following,
            self.visible,
            FOLLOW_EVERY_MS,
            move || async move {
                match b.call(endpoints::backtest_status()).await {
                    Ok(status) => {
                        let running = status.running;
                        let ended = status.status == "ended";
                        b.take_status(status, false);
                        if !running && ended {
                            b.load_history();
                        }
                        running
                    }
                    Err(ApiError::Aborted) => false,
                    Err(e) => {
                        b.error.try_set(Some(e));
                        true
                    }
                }
            },
        );
    }

    /// Runs an action: one request at a time; its failure is a toast.
    fn act<T: serde::de::DeserializeOwned + 'static>(
        &self,
        endpoint: crate::api::endpoint::Endpoint<T>,
        then: impl FnOnce(Backtests, T) + 'static,
    ) {
        let b = *self;
        self.bot.act(
            self.busy,
            endpoint,
            move |value| then(b, value),
            move |e| {
                // Only one backtest runs at a time: one started elsewhere is picked up.
                if e.to_string().contains("already running") {
                    b.toast(
                        Severity::Warning,
                        "A backtest is already running on this bot; following it.",
                    );
                    b.check();
                } else {
                    b.toast(Severity::Error, e.to_string());
                }
            },
        );
    }

    /// Starts a backtest and follows it.
    pub fn start(&self, payload: BacktestPayload) {
        self.act(endpoints::backtest_start(&payload), |b, status| {
            b.take_status(status, true);
        });
    }

    /// Asks a running backtest to stop.
    pub fn abort(&self) {
        self.act(endpoints::backtest_abort(), |b, _| {
            b.toast(Severity::Info, "Backtest aborted.");
            b.check();
        });
    }

    /// Forgets the bot's last result (the loaded results stay).
    pub fn reset(&self) {
        self.act(endpoints::backtest_reset(), |b, status| {
            b.status.try_set(Some(status));
        });
    }

    pub fn load_history(&self) {
        let b = *self;
        self.spawn(async move {
            match b.call(endpoints::backtest_history()).await {
                Ok(list) => {
                    b.history.try_set(Some(list));
                }
                Err(e) => {
                    b.error.try_set(Some(e));
                }
            }
        });
    }

    /// Loads a stored result (shown at once if it is loaded already).
    pub fn load_result(&self, entry: &BacktestHistoryEntry) {
        let key = result_key(&entry.filename, &entry.strategy);
        if self
            .results
            .with_untracked(|l| l.iter().any(|r| r.key == key))
        {
            self.shown.set(Some(key));
            return;
        }
        self.act(
            endpoints::backtest_history_result(&entry.filename, &entry.strategy),
            move |b, status| {
                if let Some(result) = status.backtest_result {
                    b.add_results(loaded_results(&result));
                    b.shown.try_set(Some(key));
                }
            },
        );
    }

    /// Loads several stored results one after the other (those already loaded are not read again) and shows
    /// the first one read (the first entry when all were loaded); a failed read is reported, the others load.
    pub fn load_results(&self, entries: Vec<BacktestHistoryEntry>) {
        if self.busy.get_untracked() || entries.is_empty() {
            return;
        }
        self.busy.set(true);
        let b = *self;
        self.spawn(async move {
            let mut first = None;
            let mut first_read = None;
            let mut failed = 0usize;
            for entry in entries {
                let key = result_key(&entry.filename, &entry.strategy);
                first.get_or_insert_with(|| key.clone());
                if b.results.with_untracked(|l| l.iter().any(|r| r.key == key)) {
                    continue;
                }
                let endpoint = endpoints::backtest_history_result(&entry.filename, &entry.strategy);
                match b.call(endpoint).await {
                    Ok(status) => {
                        if let Some(result) = status.backtest_result {
                            b.add_results(loaded_results(&result));
                            first_read.get_or_insert(key);
                        }
                    }
                    Err(ApiError::Aborted) => return,
                    Err(_) => failed += 1,
                }
            }
            b.busy.try_set(false);
            if failed > 0 {
                b.toast(
                    Severity::Error,
                    format!("{failed} of the results could not be read: refresh the list and try again."),
                );
            }
            b.shown.try_set(first_read.or(first));
        });
    }

    /// Deletes a stored result from the bot's disk (the caller confirmed it).
    pub fn delete_result(&self, entry: &BacktestHistoryEntry) {
        let key = result_key(&entry.filename, &entry.strategy);
        self.act(
            endpoints::backtest_history_delete(&entry.filename),
            move |b, list| {
                b.history.try_set(Some(list));
                b.results.try_update(|l| l.retain(|r| r.key != key));
                b.toast(Severity::Success, "Backtest result deleted.");
            },
        );
    }

    pub fn save_notes(&self, entry: &BacktestHistoryEntry, notes: String) {
        let payload = BacktestNotesPayload {
            strategy: entry.strategy.clone(),
            notes,
        };
        self.act(
            endpoints::backtest_history_notes(&entry.filename, &payload),
            |b, list| {
                b.history.try_set(Some(list));
                b.toast(Severity::Success, "Notes saved.");
            },
        );
    }

    /// Removes a result from the page (it stays on the bot).
    pub fn unload(&self, key: &str) {
        self.results.update(|l| l.retain(|r| r.key != key));
        if self.shown.get_untracked().as_deref() == Some(key) {
            self.shown.set(
                self.results
                    .with_untracked(|l| l.last().map(|r| r.key.clone())),
            );
        }
    }

    pub fn load_strategies(&self) {
        let b = *self;
        self.spawn(async move {
            match b.call(endpoints::strategies()).await {
                Ok(list) => {
                    b.strategies.try_set(Some(list.strategies));
                }
                Err(e) => {
                    b.error.try_set(Some(e));
                }
            }
        });
    }

    fn load_freqai_models(&self) {
        let b = *self;
        // Answers HTTP 500 without FreqAI: then there are no models, and no FreqAI fields.
        self.spawn(async move {
            if let Ok(models) = b.call(endpoints::freqaimodels()).await {
                b.freqai_models.try_set(models.freqaimodels);
            }
        });
    }
}

/// Reads of a stored result's extra data, shown on demand.
impl Backtests {
    /// The tested pairs' mean price over the period.
    pub async fn read_market_change(
        &self,
        file: &str,
    ) -> Result<crate::api::wire::WalletHistoryResponse, ApiError> {
        self.call(endpoints::backtest_market_change(file)).await
    }

    /// The wallet over the period (API >= 2.48).
    pub async fn read_wallet(
        &self,
        file: &str,
        strategy: &str,
    ) -> Result<crate::api::wire::WalletHistoryResponse, ApiError> {
        self.call(endpoints::backtest_wallet(file, strategy)).await
    }
}

fn result_key(filename: &str, strategy: &str) -> String {
    format!("{filename}/{strategy}")
}

/// Every strategy of a run's result.
fn loaded_results(result: &crate::api::wire::BacktestResult) -> Vec<LoadedResult> {
    result
        .strategy
        .iter()
        .map(|(name, r)| {
            let meta = result.metadata.get(name);
            let filename = meta.map(|m| m.filename.clone()).unwrap_or_default();
            LoadedResult {
                key: result_key(&filename, name),
                filename,
                strategy: name.to_string(),
                run_time: meta.map(|m| m.backtest_start_time).unwrap_or_default(),
                trades: r.trades(),
                result: r.clone(),
            }
        })
        .collect()
}
