//! The one table of what a bot's API version allows. Views ask `BotStore::has(Feature::X)` (or
//! `ShowConfig::has`); no API version number is written anywhere else.

use super::wire::ShowConfig;

/// A capability that depends on the bot's API version (`show_config.api_version`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// `side` in `POST /forceenter` (long or short).
    ForceEntrySide,
    /// `entry_tag` and `leverage` in `POST /forceenter`.
    ForceEntryTagAndLeverage,
    /// `amount` in `POST /forceexit` (partial exits).
    PartialExit,
    /// `DELETE /trades/{id}/open-order`.
    CancelOpenOrder,
    /// `POST /trades/{id}/reload`.
    ReloadTrade,
    /// `GET /weekly` and `GET /monthly`.
    WeeklyMonthly,
    /// `POST /pair_candles` with only the columns a chart needs.
    CandleColumns,
    /// `price` in `POST /forceexit` with a limit order.
    ForceExitPrice,
    /// `GET /backtest/history` and `/backtest/history/result` (stored backtest results).
    BacktestHistory,
    /// `freqaimodel` and `freqai.identifier` in `POST /backtest`.
    BacktestFreqai,
    /// `DELETE /backtest/history/{file}`.
    BacktestDelete,
    /// `PATCH /backtest/history/{file}` (notes).
    BacktestNotes,
    /// `GET /backtest/history/{file}/{strategy}/wallet`.
    BacktestWallet,
    /// `POST /download_data` as a background job, and `GET /background` to follow it.
    DownloadData,
    /// `candle_types` in `POST /download_data`.
    DownloadCandleTypes,
    /// `prepend_data` in `POST /download_data`.
    DownloadPrepend,
    /// `DELETE /background/{job}` and `DELETE /background/clear`.
    JobDelete,
    /// `GET /pairlists/available` and `POST /pairlists/evaluate` (the pairlist configurator).
    PairlistConfig,
    /// `POST /lookahead_analysis` and `POST /recursive_analysis`.
    Analysis,
    /// The hyperoptable parameters in `GET /strategy/{name}`.
    StrategyParams,
    /// `GET /historic_balance` (the wallet over time).
    WalletHistory,
    /// `POST /pair_history` (webserver): the history chart's options (FreqAI model, exchange).
    HistoryForm,
    /// `live_mode` in `POST /pair_history`: candles from the exchange instead of the downloaded data.
    HistoryLive,
}

impl Feature {
    /// The API version that brought it (freqtrade's `api_version` history).
    pub const fn min_api(self) -> f64 {
        match self {
            Feature::ForceEntrySide => 2.13,
            Feature::ForceEntryTagAndLeverage | Feature::PartialExit => 2.17,
            Feature::CancelOpenOrder => 2.24,
            Feature::ReloadTrade => 2.28,
            Feature::WeeklyMonthly => 2.33,
            Feature::CandleColumns => 2.35,
            Feature::ForceExitPrice => 2.45,
            Feature::BacktestHistory => 2.15,
            Feature::BacktestFreqai => 2.22,
            Feature::BacktestDelete => 2.31,
            Feature::BacktestNotes => 2.32,
            Feature::BacktestWallet => 2.48,
            Feature::DownloadData => 2.41,
            Feature::DownloadCandleTypes => 2.44,
            Feature::DownloadPrepend => 2.46,
            Feature::JobDelete => 2.49,
            Feature::PairlistConfig => 2.30,
            Feature::Analysis => 2.49,
            Feature::StrategyParams => 2.47,
            Feature::WalletHistory => 2.48,
            Feature::HistoryForm => 2.35,
            Feature::HistoryLive => 2.42,
        }
    }

    /// Whether a bot serving `api` has it.
    pub fn available_in(self, api: f64) -> bool {
        api >= self.min_api()
    }
}

impl ShowConfig {
    /// Whether this bot has `feature` (a bot that sends no version counts as 1.0, as FreqUI does).
    pub fn has(&self, feature: Feature) -> bool {
        feature.available_in(self.api_version())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Feature; 23] = [
        Feature::ForceEntrySide,
        Feature::ForceEntryTagAndLeverage,
        Feature::PartialExit,
        Feature::CancelOpenOrder,
        Feature::ReloadTrade,
        Feature::WeeklyMonthly,
        Feature::CandleColumns,
        Feature::ForceExitPrice,
        Feature::BacktestHistory,
        Feature::BacktestFreqai,
        Feature::BacktestDelete,
        Feature::BacktestNotes,
        Feature::BacktestWallet,
        Feature::DownloadData,
        Feature::DownloadCandleTypes,
        Feature::DownloadPrepend,
        Feature::JobDelete,
        Feature::PairlistConfig,
        Feature::Analysis,
        Feature::StrategyParams,
        Feature::WalletHistory,
        Feature::HistoryForm,
        Feature::HistoryLive,
    ];

    fn config(api: Option<f64>) -> ShowConfig {
        ShowConfig {
            api_version: api,
            ..Default::default()
        }
    }

    #[test]
    fn a_feature_starts_at_its_version() {
        assert!(!config(Some(2.23)).has(Feature::CancelOpenOrder));
        assert!(config(Some(2.24)).has(Feature::CancelOpenOrder));
        assert!(!config(Some(2.27)).has(Feature::ReloadTrade));
        assert!(config(Some(2.28)).has(Feature::ReloadTrade));
        assert!(!config(Some(2.44)).has(Feature::ForceExitPrice));
        assert!(config(Some(2.45)).has(Feature::ForceExitPrice));
        // Backtesting: stored results, FreqAI, deleting and annotating them.
        assert!(!config(Some(2.14)).has(Feature::BacktestHistory));
        assert!(config(Some(2.15)).has(Feature::BacktestHistory));
        assert!(!config(Some(2.21)).has(Feature::BacktestFreqai));
        assert!(config(Some(2.22)).has(Feature::BacktestFreqai));
        assert!(!config(Some(2.30)).has(Feature::BacktestDelete));
        assert!(config(Some(2.31)).has(Feature::BacktestDelete));
        assert!(!config(Some(2.31)).has(Feature::BacktestNotes));
        assert!(config(Some(2.32)).has(Feature::BacktestNotes));
        assert!(!config(Some(2.47)).has(Feature::BacktestWallet));
        assert!(config(Some(2.48)).has(Feature::BacktestWallet));
        assert!(!config(Some(2.40)).has(Feature::DownloadData));
        assert!(config(Some(2.41)).has(Feature::DownloadData));
        assert!(!config(Some(2.48)).has(Feature::JobDelete));
        assert!(config(Some(2.49)).has(Feature::JobDelete));
        assert!(!config(Some(2.29)).has(Feature::PairlistConfig));
        assert!(config(Some(2.30)).has(Feature::PairlistConfig));
        assert!(!config(Some(2.48)).has(Feature::Analysis));
        assert!(config(Some(2.49)).has(Feature::Analysis));
        assert!(!config(Some(2.46)).has(Feature::StrategyParams));
        assert!(config(Some(2.47)).has(Feature::StrategyParams));
        assert!(!config(Some(2.47)).has(Feature::WalletHistory));
        assert!(config(Some(2.48)).has(Feature::WalletHistory));
    }

    #[test]
    fn the_current_freqtrade_has_everything_and_a_bot_without_a_version_nothing() {
        // freqtrade 2026.9 serves API 2.50.
        assert!(ALL.iter().all(|f| config(Some(2.50)).has(*f)));
        assert!(ALL.iter().all(|f| !config(None).has(*f)));
    }

    #[test]
    fn a_later_major_version_keeps_them() {
        assert!(ALL.iter().all(|f| config(Some(3.0)).has(*f)));
        assert!(!config(Some(2.12)).has(Feature::ForceEntrySide));
    }
}
