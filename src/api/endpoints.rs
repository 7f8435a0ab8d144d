//! One pure function per REST endpoint of freqtrade 2026.9 (API 2.50), each returning the request description
//! and the type its answer decodes into. Paths are relative to `<bot>/api/v1`.
//!
//! Which bots serve what: the "trading" endpoints (status, trades, profit, balance, locks, pair lists,
//! `pair_candles`, bot control, ...) answer HTTP 503 `{"detail": "Bot is not in the correct state."}` on a
//! `freqtrade webserver`; the "webserver" endpoints (`strategies`, `available_pairs`, `pair_history`) answer
//! 503 on a trading bot. `ping`, `version`, `show_config`, `logs`, `sysinfo`, `plot_config` and `strategy` are
//! served in both modes (`health` needs a trading bot). freqtrade's own refusals ("trader is not running",
//! "Force_entry not enabled.", ...) come back as HTTP 502 with `{"error": "Error querying <path>: <msg>"}`.
//!
//! Login and token refresh are not here: `api::auth` makes those calls.

use serde::Serialize;

use super::endpoint::Endpoint;
use super::request::{encode_component, ApiRequest, LONG_TIMEOUT_MS};
use super::wire::{
    AvailablePairsResponse, BackgroundJob, BacktestHistoryEntry, BacktestNotesPayload,
    BacktestPayload, BacktestStatus, BalanceResponse, BlacklistPayload, BlacklistResponse,
    CountResponse, DeleteLockPayload, DeleteTradeResponse, DownloadDataPayload, EdgePair,
    EntryPerformance, ExitPerformance, ForceEnterPayload, ForceEnterResponse, ForceExitPayload,
    FreqaiModels, Health, JobOutcome, JobStarted, LockId, LockPayload, LockResponse, LogsResponse,
    LookaheadPayload, MarketsQuery, MarketsResponse, MixTagPerformance, PairCandlesPayload,
    PairHistory, PairHistoryPayload, PairlistsAvailable, PairlistsPayload, PerformanceEntry,
    Period, PingResponse, PlotConfig, ProfitAll, ProfitStats, RecursivePayload, ResultMsg,
    ShowConfig, StatsResponse, StatusMsg, StrategyListResponse, StrategyResponse, SysInfo,
    TimeSummaryResponse, Trade, TradeCustomData, TradeId, TradesResponse, VersionResponse,
    WalletHistoryResponse, WhitelistResponse,
};

/// The `{}` body freqtrade's bot-control POSTs are sent with.
#[derive(Serialize)]
struct EmptyBody {}

fn get<T: serde::de::DeserializeOwned>(path: impl Into<String>) -> Endpoint<T> {
    Endpoint::new(ApiRequest::get(path))
}

// ---------------------------------------------------------------------------------------------------------
// Info (both modes)
// ---------------------------------------------------------------------------------------------------------

/// `GET /ping`, without credentials: `{"status": "pong"}`.
pub fn ping() -> Endpoint<PingResponse> {
    Endpoint::new(ApiRequest::get("/ping").no_auth())
}

/// `GET /version`.
pub fn version() -> Endpoint<VersionResponse> {
    get("/version")
}

/// `GET /show_config`: configuration, state, run mode and API version.
pub fn show_config() -> Endpoint<ShowConfig> {
    get("/show_config")
}

/// `GET /sysinfo`: CPU and RAM usage.
pub fn sysinfo() -> Endpoint<SysInfo> {
    get("/sysinfo")
}

/// `GET /health` (trading mode): last loop time and start times.
pub fn health() -> Endpoint<Health> {
    get("/health")
}

/// `GET /logs[?limit=N]`: the last `limit` log lines, or every line the bot keeps when `None`.
pub fn logs(limit: Option<u32>) -> Endpoint<LogsResponse> {
    Endpoint::new(ApiRequest::get("/logs").query_opt("limit", limit))
}

// ---------------------------------------------------------------------------------------------------------
// Bot control (trading mode)
// ---------------------------------------------------------------------------------------------------------

fn control(path: &str) -> Endpoint<StatusMsg> {
    Endpoint::new(ApiRequest::post(path).json(&EmptyBody {}))
}

/// `POST /start` with body `{}`.
pub fn start() -> Endpoint<StatusMsg> {
    control("/start")
}

/// `POST /stop` with body `{}`.
pub fn stop() -> Endpoint<StatusMsg> {
    control("/stop")
}

/// `POST /stopbuy` with body `{}`: no new entries, open trades are still managed (state `paused`).
/// freqtrade 2026.9 also serves it as `/pause` and `/stopentry`; `/stopbuy` works on old bots too.
pub fn stopbuy() -> Endpoint<StatusMsg> {
    control("/stopbuy")
}

/// `POST /reload_config` with body `{}`.
pub fn reload_config() -> Endpoint<StatusMsg> {
    control("/reload_config")
}

// ---------------------------------------------------------------------------------------------------------
// Trades (trading mode)
// ---------------------------------------------------------------------------------------------------------

/// `GET /status`: the open trades (an empty list when there are none).
pub fn status() -> Endpoint<Vec<Trade>> {
    get("/status")
}

/// `GET /count`: open trades against the maximum.
pub fn count() -> Endpoint<CountResponse> {
    get("/count")
}

/// `GET /trades?limit=&offset=`: a page of closed trades, ordered by id (freqtrade's default
/// `order_by_id=true`). FreqUI pages with `limit=500` until `total_trades` is reached.
pub fn trades(limit: u32, offset: u64) -> Endpoint<TradesResponse> {
    Endpoint::new(
        ApiRequest::get("/trades")
            .query("limit", limit)
            .query("offset", offset),
    )
}

/// `GET /trades?limit=&order_by_id=false`: the most recently closed trades, newest close first. A bot older
/// than the parameter answers in id order instead; `state::history` notices and reads everything again.
pub fn newest_trades(limit: u32) -> Endpoint<TradesResponse> {
    Endpoint::new(
        ApiRequest::get("/trades")
            .query("limit", limit)
            .query("order_by_id", false),
    )
}

/// `GET /trade/{id}` (singular `trade`): one trade, open or closed; HTTP 404 when it does not exist.
pub fn trade(id: TradeId) -> Endpoint<Trade> {
    get(format!("/trade/{id}"))
}

/// `DELETE /trades/{id}`: removes the trade from the database, cancelling its open orders.
pub fn delete_trade(id: TradeId) -> Endpoint<DeleteTradeResponse> {
    Endpoint::new(ApiRequest::delete(format!("/trades/{id}")))
}

/// `DELETE /trades/{id}/open-order` (API >= 2.24): cancels the trade's open orders; answers the trade.
pub fn cancel_open_order(id: TradeId) -> Endpoint<Trade> {
    Endpoint::new(ApiRequest::delete(format!("/trades/{id}/open-order")))
}

/// `POST /trades/{id}/reload` (API >= 2.28; it was a GET in 2.27): re-reads the trade's orders from the
/// exchange; answers the trade.
pub fn reload_trade(id: TradeId) -> Endpoint<Trade> {
    Endpoint::new(ApiRequest::post(format!("/trades/{id}/reload")))
}

/// `GET /trades/open/custom-data?limit=&offset=`: the custom data of `limit` open trades from the `offset`-th,
/// oldest first (HTTP 404 when none is open, and when the first of them has none: see
/// `BotStore::read_open_custom_data`).
pub fn open_trades_custom_data(limit: u32, offset: u32) -> Endpoint<Vec<TradeCustomData>> {
    Endpoint::new(
        ApiRequest::get("/trades/open/custom-data")
            .query("limit", limit)
            .query("offset", offset),
    )
}

/// `GET /trades/{id}/custom-data`: the trade's custom data (HTTP 404 when it has none).
pub fn trade_custom_data(id: TradeId) -> Endpoint<Vec<TradeCustomData>> {
    get(format!("/trades/{id}/custom-data"))
}

/// `POST /forceenter` (FreqUI still uses the deprecated alias `/forcebuy`).
pub fn forceenter(payload: &ForceEnterPayload) -> Endpoint<ForceEnterResponse> {
    Endpoint::new(ApiRequest::post("/forceenter").json(payload))
}

/// `POST /forceexit` (FreqUI still uses the deprecated alias `/forcesell`).
pub fn forceexit(payload: &ForceExitPayload) -> Endpoint<ResultMsg> {
    Endpoint::new(ApiRequest::post("/forceexit").json(payload))
}

// ---------------------------------------------------------------------------------------------------------
// Performance and profit (trading mode)
// ---------------------------------------------------------------------------------------------------------

/// `GET /performance`: closed-trade profit per pair.
pub fn performance() -> Endpoint<Vec<PerformanceEntry>> {
    get("/performance")
}

/// `GET /entries[?pair=]` (API >= 2.34): profit per entry tag, for one pair or all.
pub fn entries(pair: Option<&str>) -> Endpoint<Vec<EntryPerformance>> {
    Endpoint::new(ApiRequest::get("/entries").query_opt("pair", pair))
}

/// `GET /exits[?pair=]` (API >= 2.34): profit per exit reason.
pub fn exits(pair: Option<&str>) -> Endpoint<Vec<ExitPerformance>> {
    Endpoint::new(ApiRequest::get("/exits").query_opt("pair", pair))
}

/// `GET /mix_tags[?pair=]` (API >= 2.34): profit per entry tag and exit reason combination.
pub fn mix_tags(pair: Option<&str>) -> Endpoint<Vec<MixTagPerformance>> {
    Endpoint::new(ApiRequest::get("/mix_tags").query_opt("pair", pair))
}

/// `GET /profit`.
pub fn profit() -> Endpoint<ProfitStats> {
    get("/profit")
}

/// `GET /profit_all` (API >= 2.43): all / long / short profit.
pub fn profit_all() -> Endpoint<ProfitAll> {
    get("/profit_all")
}

/// `GET /stats`: exit reasons and average durations.
pub fn stats() -> Endpoint<StatsResponse> {
    get("/stats")
}

fn time_summary(path: &str, timescale: u32) -> Endpoint<TimeSummaryResponse> {
    // freqtrade refuses 0 (HTTP 422); ask for one period instead.
    Endpoint::new(ApiRequest::get(path).query("timescale", timescale.max(1)))
}

/// The last `timescale` periods of `unit`.
pub fn period_summary(unit: Period, timescale: u32) -> Endpoint<TimeSummaryResponse> {
    match unit {
        Period::Days => daily(timescale),
        Period::Weeks => weekly(timescale),
        Period::Months => monthly(timescale),
    }
}

/// `GET /daily?timescale=N`: the last N days (freqtrade's default is 7, FreqUI asks for 20 or 30).
pub fn daily(timescale: u32) -> Endpoint<TimeSummaryResponse> {
    time_summary("/daily", timescale)
}

/// `GET /weekly?timescale=N` (API >= 2.33): the last N weeks, starting on Mondays.
pub fn weekly(timescale: u32) -> Endpoint<TimeSummaryResponse> {
    time_summary("/weekly", timescale)
}

/// `GET /monthly?timescale=N` (API >= 2.33): the last N months.
pub fn monthly(timescale: u32) -> Endpoint<TimeSummaryResponse> {
    time_summary("/monthly", timescale)
}

/// `GET /balance`.
pub fn balance() -> Endpoint<BalanceResponse> {
    get("/balance")
}

/// `GET /historic_balance` (API >= 2.48): the wallet value over time.
pub fn historic_balance() -> Endpoint<WalletHistoryResponse> {
    get("/historic_balance")
}

// ---------------------------------------------------------------------------------------------------------
// Pair lists and locks (trading mode)
// ---------------------------------------------------------------------------------------------------------

/// `GET /whitelist`.
pub fn whitelist() -> Endpoint<WhitelistResponse> {
    get("/whitelist")
}

/// `GET /blacklist`.
pub fn blacklist() -> Endpoint<BlacklistResponse> {
    get("/blacklist")
}

/// `POST /blacklist` with `{"blacklist": [pairs]}`. Refused pairs are listed in the answer's `errors`.
pub fn blacklist_add<S: AsRef<str>>(pairs: &[S]) -> Endpoint<BlacklistResponse> {
    let payload = BlacklistPayload {
        blacklist: pairs.iter().map(|p| p.as_ref().to_string()).collect(),
    };
    Endpoint::new(ApiRequest::post("/blacklist").json(&payload))
}

/// `DELETE /blacklist?pairs_to_delete=a&pairs_to_delete=b` (API >= 1.12). Pairs that were not blacklisted are
/// listed in the answer's `errors`.
pub fn blacklist_delete<S: AsRef<str>>(pairs: &[S]) -> Endpoint<BlacklistResponse> {
    let request = pairs.iter().fold(ApiRequest::delete("/blacklist"), |r, p| {
        r.query("pairs_to_delete", p.as_ref())
    });
    Endpoint::new(request)
}

/// `GET /locks`.
pub fn locks() -> Endpoint<LockResponse> {
    get("/locks")
}

/// `DELETE /locks/{id}`: deactivates the lock; answers the locks.
pub fn delete_lock(id: LockId) -> Endpoint<LockResponse> {
    Endpoint::new(ApiRequest::delete(format!("/locks/{id}")))
}

/// `POST /locks/delete` with `{"pair": ...}`: deactivates every lock of `pair`; answers the locks.
pub fn delete_pair_locks(pair: &str) -> Endpoint<LockResponse> {
    let payload = DeleteLockPayload {
        pair: Some(pair.to_string()),
        lockid: None,
    };
    Endpoint::new(ApiRequest::post("/locks/delete").json(&payload))
}

/// `POST /locks` with a one-item array `[{pair, side, until, reason}]`; answers the locks.
pub fn add_lock(payload: &LockPayload) -> Endpoint<LockResponse> {
    add_locks(std::slice::from_ref(payload))
}

/// `POST /locks` with several locks at once (the body is a JSON array).
pub fn add_locks(payloads: &[LockPayload]) -> Endpoint<LockResponse> {
    Endpoint::new(ApiRequest::post("/locks").json(&payloads))
}

/// `GET /edge`. **Edge was removed from freqtrade in 2025.6**: 2026.9 answers HTTP 404. Kept for older bots.
pub fn edge() -> Endpoint<Vec<EdgePair>> {
    get("/edge")
}

// ---------------------------------------------------------------------------------------------------------
// Candles and plot config
// ---------------------------------------------------------------------------------------------------------

/// `GET /pair_candles?pair=&timeframe=[&limit=]` (trading mode): the live analysed dataframe with every
/// column. The GET form has no `columns` parameter; see [`pair_candles_columns`].
pub fn pair_candles(pair: &str, timeframe: &str, limit: Option<u32>) -> Endpoint<PairHistory> {
    Endpoint::new(
        ApiRequest::get("/pair_candles")
            .query("pair", pair)
            .query("timeframe", timeframe)
            .query_opt("limit", limit),
    )
}

/// `POST /pair_candles` with `{pair, timeframe, limit?, columns}` (API >= 2.35): only the given indicator
/// columns (plus OHLCV, date and signal columns).
pub fn pair_candles_columns(
    pair: &str,
    timeframe: &str,
    limit: Option<u32>,
    columns: &[String],
) -> Endpoint<PairHistory> {
    let payload = PairCandlesPayload {
        pair: pair.to_string(),
        timeframe: timeframe.to_string(),
        limit,
        columns: Some(columns.to_vec()),
    };
    Endpoint::new(ApiRequest::post("/pair_candles").json(&payload))
}

/// `GET /pair_history?pair=&timeframe=&timerange=&strategy=[&freqaimodel=]` (webserver mode): downloaded data
/// for `timerange`, analysed by `strategy`. May take minutes, so it gets the long timeout.
pub fn pair_history(
    pair: &str,
    timeframe: &str,
    timerange: &str,
    strategy: &str,
    freqaimodel: Option<&str>,
) -> Endpoint<PairHistory> {
    Endpoint::new(
        ApiRequest::get("/pair_history")
            .query("pair", pair)
            .query("timeframe", timeframe)
            .query("timerange", timerange)
            .query("strategy", strategy)
            .query_opt("freqaimodel", freqaimodel)
            .timeout_ms(LONG_TIMEOUT_MS),
    )
}

/// `POST /pair_history` (webserver mode, API >= 2.35): the form with `columns`, `live_mode`, exchange and
/// trading/margin mode. Long timeout.
pub fn pair_history_filtered(payload: &PairHistoryPayload) -> Endpoint<PairHistory> {
    Endpoint::new(
        ApiRequest::post("/pair_history")
            .json(payload)
            .timeout_ms(LONG_TIMEOUT_MS),
    )
}

/// `GET /markets[?base=&quote=&exchange=&trading_mode=&margin_mode=&include_inactive=]` (API >= 2.42): the
/// exchange's markets (the pair list of FreqUI's chart when "Use Live Data" is on).
pub fn markets(query: &MarketsQuery) -> Endpoint<MarketsResponse> {
    let request = ApiRequest::get("/markets")
        .query_opt("base", query.base.as_deref())
        .query_opt("quote", query.quote.as_deref())
        .query_opt("exchange", query.exchange.as_deref())
        .query_opt("trading_mode", query.trading_mode.map(|m| m.as_str()))
        .query_opt("margin_mode", query.margin_mode.map(|m| m.as_str()))
        .query_opt("include_inactive", query.include_inactive);
    Endpoint::new(request)
}

/// `GET /plot_config[?strategy=]`: the running strategy's plot config, or the named strategy's (needed in
/// webserver mode, API >= 2.23).
pub fn plot_config(strategy: Option<&str>) -> Endpoint<PlotConfig> {
    Endpoint::new(ApiRequest::get("/plot_config").query_opt("strategy", strategy))
}

// ---------------------------------------------------------------------------------------------------------
// Strategies and data (webserver mode, except `strategy`)
// ---------------------------------------------------------------------------------------------------------

/// `GET /strategies` (webserver mode).
pub fn strategies() -> Endpoint<StrategyListResponse> {
    get("/strategies")
}

/// `GET /strategy/{name}`: source and parameters. Both modes; a trading bot serves only its own strategy.
pub fn strategy(name: &str) -> Endpoint<StrategyResponse> {
    get(format!("/strategy/{}", encode_component(name)))
}

/// `GET /available_pairs[?timeframe=][&stake_currency=]` (webserver mode): pairs with downloaded data.
pub fn available_pairs(
    timeframe: Option<&str>,
    stake_currency: Option<&str>,
) -> Endpoint<AvailablePairsResponse> {
    Endpoint::new(
        ApiRequest::get("/available_pairs")
            .query_opt("timeframe", timeframe)
            .query_opt("stake_currency", stake_currency),
    )
}

// ---------------------------------------------------------------------------------------------------------
// Backtesting (webserver mode)
// ---------------------------------------------------------------------------------------------------------

/// `POST /backtest`: starts a backtest in the background (HTTP 502 "Bot Background task already running" while
/// one runs).
pub fn backtest_start(payload: &BacktestPayload) -> Endpoint<BacktestStatus> {
    Endpoint::new(ApiRequest::post("/backtest").json(payload))
}

/// `GET /backtest`: the run's state; once ended, the whole result.
pub fn backtest_status() -> Endpoint<BacktestStatus> {
    get("/backtest")
}

/// `DELETE /backtest`: forgets the last result (not while one runs).
pub fn backtest_reset() -> Endpoint<BacktestStatus> {
    Endpoint::new(ApiRequest::delete("/backtest"))
}

/// `GET /backtest/abort`: asks a running backtest to stop.
pub fn backtest_abort() -> Endpoint<BacktestStatus> {
    get("/backtest/abort")
}

/// `GET /backtest/history`: every stored result.
pub fn backtest_history() -> Endpoint<Vec<BacktestHistoryEntry>> {
    get("/backtest/history")
}

/// `GET /backtest/history/result?filename=&strategy=`: a stored result (long timeout: big files).
pub fn backtest_history_result(filename: &str, strategy: &str) -> Endpoint<BacktestStatus> {
    Endpoint::new(
        ApiRequest::get("/backtest/history/result")
            .query("filename", filename)
            .query("strategy", strategy)
            .timeout_ms(LONG_TIMEOUT_MS),
    )
}

/// `DELETE /backtest/history/{file}`: deletes a stored result from the bot's disk; answers the new history.
pub fn backtest_history_delete(file: &str) -> Endpoint<Vec<BacktestHistoryEntry>> {
    Endpoint::new(ApiRequest::delete(format!(
        "/backtest/history/{}",
        encode_component(file)
    )))
}

/// `PATCH /backtest/history/{file}`: a stored result's notes; answers the new history.
pub fn backtest_history_notes(
    file: &str,
    payload: &BacktestNotesPayload,
) -> Endpoint<Vec<BacktestHistoryEntry>> {
    Endpoint::new(
        ApiRequest::patch(format!("/backtest/history/{}", encode_component(file))).json(payload),
    )
}

/// `GET /backtest/history/{file}/market_change`: the mean price of the tested pairs per candle (`date`, `mean`,
/// `rel_mean`: the change since the start, `count`, `__date_ts`).
pub fn backtest_market_change(file: &str) -> Endpoint<WalletHistoryResponse> {
    get(format!(
        "/backtest/history/{}/market_change",
        encode_component(file)
    ))
}

/// `GET /backtest/history/{file}/{strategy}/wallet` (API >= 2.48): the wallet per candle (`date`,
/// `__date_ts`, `total_quote`).
pub fn backtest_wallet(file: &str, strategy: &str) -> Endpoint<WalletHistoryResponse> {
    get(format!(
        "/backtest/history/{}/{}/wallet",
        encode_component(file),
        encode_component(strategy)
    ))
}

/// `POST /download_data` (API >= 2.41): starts a download job (HTTP 400 while one runs).
pub fn download_data(payload: &DownloadDataPayload) -> Endpoint<JobStarted> {
    Endpoint::new(ApiRequest::post("/download_data").json(payload))
}

/// `GET /background`: every job the webserver knows (running and finished, until cleared or restarted).
pub fn background_jobs() -> Endpoint<Vec<BackgroundJob>> {
    get("/background")
}

/// `GET /background/{job}`.
pub fn background_job(job_id: &str) -> Endpoint<BackgroundJob> {
    get(format!("/background/{}", encode_component(job_id)))
}

/// `DELETE /background/{job}` (API >= 2.49; HTTP 400 while it runs).
pub fn background_job_delete(job_id: &str) -> Endpoint<BackgroundJob> {
    Endpoint::new(ApiRequest::delete(format!(
        "/background/{}",
        encode_component(job_id)
    )))
}

/// `DELETE /background/clear` (API >= 2.49): removes every finished job; answers the ones left.
pub fn background_jobs_clear() -> Endpoint<Vec<BackgroundJob>> {
    Endpoint::new(ApiRequest::delete("/background/clear"))
}

/// `GET /pairlists/available` (API >= 2.30): the pairlist handlers with their parameters.
pub fn pairlists_available() -> Endpoint<PairlistsAvailable> {
    get("/pairlists/available")
}

/// `POST /pairlists/evaluate`: starts evaluating a chain as a job (HTTP 400 while one runs).
pub fn pairlists_evaluate(payload: &PairlistsPayload) -> Endpoint<JobStarted> {
    Endpoint::new(ApiRequest::post("/pairlists/evaluate").json(payload))
}

/// `GET /pairlists/evaluate/{job}`: the whitelist once the job has ended (HTTP 400 while it runs); read as
/// `WhitelistEvaluation`.
pub fn pairlists_evaluation(job_id: &str) -> Endpoint<JobOutcome> {
    get(format!("/pairlists/evaluate/{}", encode_component(job_id)))
}

/// `POST /lookahead_analysis` (API >= 2.49): starts a lookahead analysis as a job (HTTP 400 while an
/// analysis runs).
pub fn lookahead_analysis(payload: &LookaheadPayload) -> Endpoint<JobStarted> {
    Endpoint::new(ApiRequest::post("/lookahead_analysis").json(payload))
}

/// `GET /lookahead_analysis/{job}`, read as `LookaheadStatus`.
pub fn lookahead_status(job_id: &str) -> Endpoint<JobOutcome> {
    get(format!("/lookahead_analysis/{}", encode_component(job_id)))
}

/// `POST /recursive_analysis` (API >= 2.49): as [`lookahead_analysis`].
pub fn recursive_analysis(payload: &RecursivePayload) -> Endpoint<JobStarted> {
    Endpoint::new(ApiRequest::post("/recursive_analysis").json(payload))
}

/// `GET /recursive_analysis/{job}`, read as `RecursiveStatus`.
pub fn recursive_status(job_id: &str) -> Endpoint<JobOutcome> {
    get(format!("/recursive_analysis/{}", encode_component(job_id)))
}

/// `GET /freqaimodels`: FreqAI's models (HTTP 500 when FreqAI is not installed).
pub fn freqaimodels() -> Endpoint<FreqaiModels> {
    get("/freqaimodels")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::request::{Auth, Method, DEFAULT_TIMEOUT_MS};
    use crate::api::wire::{Direction, LockSide, OrderType};
    use serde_json::json;

    #[test]
    fn ping_needs_no_credentials_and_others_do() {
        let e = ping();
        assert_eq!(e.request.method, Method::Get);
        assert_eq!(e.request.path_and_query(), "/ping");
        assert_eq!(e.request.auth, Auth::None);
        assert_eq!(show_config().request.auth, Auth::Access);
        assert_eq!(show_config().request.timeout_ms, DEFAULT_TIMEOUT_MS);
    }

    #[test]
    fn bot_control_posts_an_empty_object() {
        for (e, path) in [
            (start(), "/start"),
            (stop(), "/stop"),
            (stopbuy(), "/stopbuy"),
            (reload_config(), "/reload_config"),
        ] {
            assert_eq!(e.request.method, Method::Post);
            assert_eq!(e.request.path, path);
            assert_eq!(e.request.body, Some(json!({})));
        }
    }

    #[test]
    fn trade_paths_and_methods() {
        assert_eq!(
            trades(500, 1000).request.path_and_query(),
            "/trades?limit=500&offset=1000"
        );
        assert_eq!(
            newest_trades(20).request.path_and_query(),
            "/trades?limit=20&order_by_id=false"
        );
        assert_eq!(trade(7).request.path, "/trade/7");
        let d = delete_trade(7);
        assert_eq!(
            (d.request.method, d.request.path.as_str()),
            (Method::Delete, "/trades/7")
        );
        let c = cancel_open_order(7);
        assert_eq!(
            (c.request.method, c.request.path.as_str()),
            (Method::Delete, "/trades/7/open-order")
        );
        let r = reload_trade(7);
        assert_eq!(
            (r.request.method, r.request.path.as_str()),
            (Method::Post, "/trades/7/reload")
        );
        assert_eq!(trade_custom_data(7).request.path, "/trades/7/custom-data");
        assert_eq!(
            open_trades_custom_data(99, 1).request.path_and_query(),
            "/trades/open/custom-data?limit=99&offset=1"
        );
        assert_eq!(status().request.label(), "GET /status");
    }

    #[test]
    fn forceenter_body_skips_unset_fields() {
        let payload = ForceEnterPayload {
            side: Some(Direction::Short),
            ordertype: Some(OrderType::Limit),
            price: Some(1.5),
            ..ForceEnterPayload::new("ETH/USDT:USDT")
        };
        let e = forceenter(&payload);
        assert_eq!(
            (e.request.method, e.request.path.as_str()),
            (Method::Post, "/forceenter")
        );
        assert_eq!(
            e.request.body,
            Some(
                json!({"pair": "ETH/USDT:USDT", "side": "short", "price": 1.5, "ordertype": "limit"})
            )
        );
        assert_eq!(
            forceenter(&ForceEnterPayload::new("BTC/USDT")).request.body,
            Some(json!({"pair": "BTC/USDT"}))
        );
    }

    #[test]
    fn forceexit_body() {
        let e = forceexit(&ForceExitPayload {
            amount: Some(0.5),
            ..ForceExitPayload::trade(3)
        });
        assert_eq!(
            (e.request.method, e.request.path.as_str()),
            (Method::Post, "/forceexit")
        );
        assert_eq!(e.request.body, Some(json!({"tradeid": "3", "amount": 0.5})));
        let all = ForceExitPayload {
            ordertype: Some(OrderType::Market),
            ..ForceExitPayload::all()
        };
        assert_eq!(
            forceexit(&all).request.body,
            Some(json!({"tradeid": "all", "ordertype": "market"}))
        );
    }

    #[test]
    fn optional_pair_filters() {
        assert_eq!(entries(None).request.path_and_query(), "/entries");
        assert_eq!(
            exits(Some("BTC/USDT")).request.path_and_query(),
            "/exits?pair=BTC%2FUSDT"
        );
        assert_eq!(mix_tags(None).request.path_and_query(), "/mix_tags");
        assert_eq!(logs(None).request.path_and_query(), "/logs");
        assert_eq!(logs(Some(100)).request.path_and_query(), "/logs?limit=100");
    }

    #[test]
    fn time_summaries_never_ask_for_zero_periods() {
        assert_eq!(daily(30).request.path_and_query(), "/daily?timescale=30");
        assert_eq!(weekly(0).request.path_and_query(), "/weekly?timescale=1");
        assert_eq!(monthly(6).request.path_and_query(), "/monthly?timescale=6");
    }

    #[test]
    fn blacklist_add_and_delete() {
        let add = blacklist_add(&["BNB/USDT", "XRP/.*"]);
        assert_eq!(
            (add.request.method, add.request.path.as_str()),
            (Method::Post, "/blacklist")
        );
        assert_eq!(
            add.request.body,
            Some(json!({"blacklist": ["BNB/USDT", "XRP/.*"]}))
        );
        let del = blacklist_delete(&["BNB/USDT".to_string(), "ETH/USDT".to_string()]);
        assert_eq!(del.request.method, Method::Delete);
        assert_eq!(del.request.body, None);
        assert_eq!(
            del.request.path_and_query(),
            "/blacklist?pairs_to_delete=BNB%2FUSDT&pairs_to_delete=ETH%2FUSDT"
        );
    }

    #[test]
    fn locks_add_is_an_array_and_delete_uses_the_id() {
        let payload = LockPayload {
            pair: "BTC/USDT".into(),
            side: Some(LockSide::Both),
            until: "2026-11-21T16:00:00Z".into(),
            reason: None,
        };
        let e = add_lock(&payload);
        assert_eq!(
            (e.request.method, e.request.path.as_str()),
            (Method::Post, "/locks")
        );
        assert_eq!(
            e.request.body,
            Some(json!([{"pair": "BTC/USDT", "side": "*", "until": "2026-11-21T16:00:00Z"}]))
        );
        let d = delete_lock(12);
        assert_eq!(
            (d.request.method, d.request.path.as_str()),
            (Method::Delete, "/locks/12")
        );
        assert_eq!(
            delete_pair_locks("BTC/USDT").request.body,
            Some(json!({"pair": "BTC/USDT"}))
        );
    }

    #[test]
    fn candles_get_and_post_forms() {
        assert_eq!(
            pair_candles("BTC/USDT", "5m", Some(250))
                .request
                .path_and_query(),
            "/pair_candles?pair=BTC%2FUSDT&timeframe=5m&limit=250"
        );
        assert_eq!(
            pair_candles("BTC/USDT", "5m", None)
                .request
                .path_and_query(),
            "/pair_candles?pair=BTC%2FUSDT&timeframe=5m"
        );
        let cols = vec!["rsi".to_string(), "enter_tag".to_string()];
        let post = pair_candles_columns("BTC/USDT", "5m", None, &cols);
        assert_eq!(
            (post.request.method, post.request.path.as_str()),
            (Method::Post, "/pair_candles")
        );
        assert_eq!(
            post.request.body,
            Some(json!({"pair": "BTC/USDT", "timeframe": "5m", "columns": ["rsi", "enter_tag"]}))
        );
        assert_eq!(post.request.timeout_ms, DEFAULT_TIMEOUT_MS);
    }

    #[test]
    fn pair_history_uses_the_long_timeout() {
        let e = pair_history("ETH/USDT", "1h", "20261101-", "SampleStrategy", None);
        assert_eq!(e.request.timeout_ms, LONG_TIMEOUT_MS);
        assert_eq!(
            e.request.path_and_query(),
            "/pair_history?pair=ETH%2FUSDT&timeframe=1h&timerange=20261101-&strategy=SampleStrategy"
        );
        let payload = PairHistoryPayload {
            pair: "ETH/USDT".into(),
            timeframe: "1h".into(),
            timerange: "20261101-".into(),
            strategy: Some("SampleStrategy".into()),
            live_mode: Some(true),
            ..PairHistoryPayload::default()
        };
        let post = pair_history_filtered(&payload);
        assert_eq!(
            (post.request.method, post.request.timeout_ms),
            (Method::Post, LONG_TIMEOUT_MS)
        );
        assert_eq!(
            post.request.body,
            Some(
                json!({"pair": "ETH/USDT", "timeframe": "1h", "timerange": "20261101-",
                        "strategy": "SampleStrategy", "live_mode": true})
            )
        );
    }

    #[test]
    fn strategy_name_is_a_percent_encoded_segment() {
        assert_eq!(
            strategy("SampleStrategy").request.path,
            "/strategy/SampleStrategy"
        );
        assert_eq!(
            strategy("My Strat/..").request.path,
            "/strategy/My%20Strat%2F.."
        );
        assert_eq!(plot_config(None).request.path_and_query(), "/plot_config");
        assert_eq!(
            plot_config(Some("SampleStrategy")).request.path_and_query(),
            "/plot_config?strategy=SampleStrategy"
        );
        assert_eq!(
            available_pairs(None, None).request.path_and_query(),
            "/available_pairs"
        );
        assert_eq!(
            available_pairs(Some("5m"), Some("USDT"))
                .request
                .path_and_query(),
            "/available_pairs?timeframe=5m&stake_currency=USDT"
        );
    }

    #[test]
    fn markets_query() {
        assert_eq!(
            markets(&MarketsQuery::default()).request.path_and_query(),
            "/markets"
        );
        let q = MarketsQuery {
            quote: Some("USDT".into()),
            include_inactive: Some(true),
            ..MarketsQuery::default()
        };
        assert_eq!(
            markets(&q).request.path_and_query(),
            "/markets?quote=USDT&include_inactive=true"
        );
    }

    #[test]
    fn endpoints_decode_through_their_type() {
        let e = ping();
        assert_eq!(
            e.decode(r#"{"status":"pong"}"#).map(|p| p.status),
            Ok("pong".to_string())
        );
        assert!(status().decode("not json").is_err());
        assert_eq!(status().decode("[]"), Ok(Vec::new()));
    }
}
