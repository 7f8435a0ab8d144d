//! On-demand reads: answers a view asks for while it shows them (a panel's figures, a chart's candles, the
//! logs) and the store does not keep. Views call these typed methods; only the state layer builds endpoints
//! (the test command's layering step checks it).

use leptos::prelude::*;

use crate::api::endpoints;
use crate::api::error::ApiError;
use crate::api::wire::{
    AvailablePairsResponse, EdgePair, EntryPerformance, ExitPerformance, Health, LogsResponse,
    MixTagPerformance, PairHistory, PairHistoryPayload, PerformanceEntry, Period, PlotConfig,
    ShowConfig, StatsResponse, StrategyListResponse, StrategyResponse, SysInfo,
    TimeSummaryResponse, Trade, TradeCustomData, TradeId, VersionResponse, WalletHistoryResponse,
};
use crate::state::bot_store::BotStore;
use crate::state::persist::BotId;
use crate::state::registry::BotRegistry;

/// Reads of the bot a store belongs to.
impl BotStore {
    pub async fn read_trade(&self, id: TradeId) -> Result<Trade, ApiError> {
        self.call(endpoints::trade(id)).await
    }

    pub async fn read_period_summary(
        &self,
        unit: Period,
        count: u32,
    ) -> Result<TimeSummaryResponse, ApiError> {
        self.call(endpoints::period_summary(unit, count)).await
    }

    pub async fn read_performance(&self) -> Result<Vec<PerformanceEntry>, ApiError> {
        self.call(endpoints::performance()).await
    }

    pub async fn read_entries(
        &self,
        pair: Option<&str>,
    ) -> Result<Vec<EntryPerformance>, ApiError> {
        self.call(endpoints::entries(pair)).await
    }

    pub async fn read_exits(&self, pair: Option<&str>) -> Result<Vec<ExitPerformance>, ApiError> {
        self.call(endpoints::exits(pair)).await
    }

    pub async fn read_mix_tags(
        &self,
        pair: Option<&str>,
    ) -> Result<Vec<MixTagPerformance>, ApiError> {
        self.call(endpoints::mix_tags(pair)).await
    }

    pub async fn read_stats(&self) -> Result<StatsResponse, ApiError> {
        self.call(endpoints::stats()).await
    }

    pub async fn read_edge(&self) -> Result<Vec<EdgePair>, ApiError> {
        self.call(endpoints::edge()).await
    }

    pub async fn read_version(&self) -> Result<VersionResponse, ApiError> {
        self.call(endpoints::version()).await
    }

    pub async fn read_health(&self) -> Result<Health, ApiError> {
        self.call(endpoints::health()).await
    }

    pub async fn read_sysinfo(&self) -> Result<SysInfo, ApiError> {
        self.call(endpoints::sysinfo()).await
    }

    /// The wallet's value over time, a row a day (`Feature::WalletHistory`).
    /// The wallet history as of `stamp` (closed-trade count, UTC day): it changes only when a trade closes or a
    /// day starts, so a page opened again with the same stamp is answered from the store.
    pub async fn read_wallet_history(
        &self,
        stamp: (i64, i64),
    ) -> Result<WalletHistoryResponse, ApiError> {
        let cached = self
            .wallet_cache
            .try_with_value(|c| {
                c.as_ref()
                    .filter(|(k, _)| *k == stamp)
                    .map(|(_, w)| w.clone())
            })
            .flatten();
        if let Some(hit) = cached {
            return Ok(hit);
        }
        let answer = self.call(endpoints::historic_balance()).await?;
        self.wallet_cache
            .try_set_value(Some((stamp, answer.clone())));
        Ok(answer)
    }

    /// The running strategy with its hyperoptable parameters (a trading bot serves only its own), read once
    /// per strategy name (a configuration reload that changes it renames it; "refresh now" reads it again).
    pub async fn read_strategy(&self, name: &str) -> Result<StrategyResponse, ApiError> {
        let cached = self
            .strategy_cache
            .try_with_value(|c| {
                c.as_ref()
                    .filter(|(n, _)| n == name)
                    .map(|(_, s)| s.clone())
            })
            .flatten();
        if let Some(hit) = cached {
            return Ok(hit);
        }
        let answer = self.call(endpoints::strategy(name)).await?;
        self.strategy_cache
            .try_set_value(Some((name.to_string(), answer.clone())));
        Ok(answer)
    }

    /// The custom data of the oldest `limit` of the bot's `open` open trades; an empty list when none has any.
    ///
    /// freqtrade (2026.9, `RPC._rpc_list_custom_data`) answers 404 "No custom-data found for any open trades" as
    /// soon as the *first* trade of the page has none, without looking at the others: its "nothing found" check
    /// sits inside the loop over the trades. So the read steps past such a trade with `offset`. One request when
    /// the oldest open trade holds data (a page that starts with data holds all of the page's), one more for each
    /// older trade without. A 404 without that message is a bot that has no such endpoint: nothing to read.
    pub async fn read_open_custom_data(
        &self,
        limit: u32,
        open: usize,
    ) -> Result<Vec<TradeCustomData>, ApiError> {
        let open = u32::try_from(open).unwrap_or(u32::MAX).min(limit);
        let mut offset = 0;
        while offset < open {
            match self
                .call(endpoints::open_trades_custom_data(limit - offset, offset))
                .await
            {
                Err(e) if is_no_custom_data(&e) => offset += 1,
                Err(ApiError::Http { status: 404, .. }) => return Ok(Vec::new()),
                other => return other,
            }
        }
        Ok(Vec::new())
    }

    /// The trade's custom data; an empty list when it has none (the bot answers 404 then).
    pub async fn read_custom_data(&self, id: TradeId) -> Result<Vec<TradeCustomData>, ApiError> {
        match self.call(endpoints::trade_custom_data(id)).await {
            Err(ApiError::Http { status: 404, .. }) => Ok(Vec::new()),
            other => other,
        }
    }

    /// The strategy's plot config (the running strategy's when `strategy` is `None`).
    pub async fn read_plot_config(&self, strategy: Option<&str>) -> Result<PlotConfig, ApiError> {
        self.call(endpoints::plot_config(strategy)).await
    }

    /// The bot's latest candles of a pair with the strategy's indicators; only `columns` of them when given
    /// (API >= 2.35).
    pub async fn read_candles(
        &self,
        pair: &str,
        timeframe: &str,
        limit: Option<u32>,
        columns: Option<&[String]>,
    ) -> Result<PairHistory, ApiError> {
        let endpoint = match columns {
            Some(cols) => endpoints::pair_candles_columns(pair, timeframe, limit, cols),
            None => endpoints::pair_candles(pair, timeframe, limit),
        };
        self.call(endpoint).await
    }
}

/// Reads of any logged-in bot, also one no page holds a store for (a `freqtrade webserver`, the logs page).
impl BotRegistry {
    pub async fn read_show_config(&self, id: &BotId) -> Result<ShowConfig, ApiError> {
        self.call(id, endpoints::show_config()).await
    }

    pub async fn read_logs(
        &self,
        id: &BotId,
        limit: Option<u32>,
    ) -> Result<LogsResponse, ApiError> {
        self.call(id, endpoints::logs(limit)).await
    }

    pub async fn read_strategies(&self, id: &BotId) -> Result<StrategyListResponse, ApiError> {
        self.call(id, endpoints::strategies()).await
    }

    /// Pairs with downloaded data for `timeframe` (webserver mode).
    pub async fn read_available_pairs(
        &self,
        id: &BotId,
        timeframe: Option<&str>,
    ) -> Result<AvailablePairsResponse, ApiError> {
        self.call(id, endpoints::available_pairs(timeframe, None))
            .await
    }

    pub async fn read_plot_config(
        &self,
        id: &BotId,
        strategy: Option<&str>,
    ) -> Result<PlotConfig, ApiError> {
        self.call(id, endpoints::plot_config(strategy)).await
    }

    /// History of a pair with `strategy`'s indicators over `timerange` (webserver mode; slow, long timeout).
    /// Analysed history of a pair (webserver). With options (a FreqAI model, an exchange, live candles) it is
    /// the form `POST /pair_history` (API >= 2.35; `live` >= 2.42), else the plain `GET`.
    pub async fn read_pair_history(
        &self,
        id: &BotId,
        pair: &str,
        timeframe: &str,
        timerange: &str,
        strategy: &str,
        options: &HistoryOptions,
    ) -> Result<PairHistory, ApiError> {
        let endpoint = if *options == HistoryOptions::default() {
            endpoints::pair_history(pair, timeframe, timerange, strategy, None)
        } else {
            let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
            endpoints::pair_history_filtered(&PairHistoryPayload {
                pair: pair.to_string(),
                timeframe: timeframe.to_string(),
                timerange: timerange.to_string(),
                strategy: Some(strategy.to_string()),
                freqaimodel: text(&options.freqaimodel),
                live_mode: options.live.then_some(true),
                exchange: text(&options.exchange),
                ..PairHistoryPayload::default()
            })
        };
        self.call(id, endpoint).await
    }
}

/// The history chart's options beyond pair, timeframe, range and strategy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryOptions {
    /// Candles from the exchange instead of the downloaded data.
    pub live: bool,
    /// Another exchange than the configured one (empty: the configured one).
    pub exchange: String,
    /// The FreqAI model a FreqAI strategy needs (empty: the configured one).
    pub freqaimodel: String,
}

/// freqtrade's 404 for custom data it did not find ("No custom-data found for any open trades."), as opposed to a
/// 404 for a route the bot does not have ("Not Found").
fn is_no_custom_data(e: &ApiError) -> bool {
    matches!(e, ApiError::Http { status: 404, detail } if detail.contains("No custom-data"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_freqtrades_own_404_steps_to_the_next_open_trade() {
        let own = ApiError::from_status(
            404,
            r#"{"detail":"No custom-data found for any open trades."}"#,
        );
        assert!(is_no_custom_data(&own));
        let missing_route = ApiError::from_status(404, r#"{"detail":"Not Found"}"#);
        assert!(!is_no_custom_data(&missing_route));
        let other = ApiError::from_status(500, r#"{"detail":"No custom-data"}"#);
        assert!(!is_no_custom_data(&other));
    }
}
