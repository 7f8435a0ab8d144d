//! The backtest pages' tables as data (`components::data_table::Cell` rows): pure functions of loaded results,
//! tested natively against a real freqtrade result.

use crate::api::wire::{BacktestHistoryEntry, BacktestTrade, BreakdownRow, PeriodRow};
use crate::components::data_table::Cell;
use crate::state::backtest::LoadedResult;
use crate::util::format::{
    coin_decimals, duration_short, format_ts, money, number, percent, sign_class, MISSING,
};

/// How a metric is written.
#[derive(Clone, Copy)]
enum Kind {
    Int,
    Num,
    /// A ratio, as a percentage.
    Pct,
    /// An amount of the stake currency.
    Money,
    /// Seconds, as a duration.
    Secs,
    /// Milliseconds, as a time.
    Time,
    /// Any JSON value as text.
    Text,
    /// `{key, profit_total_pct}`: the best or worst pair.
    Pair,
}

/// The metrics table: `(key, label, kind)`, in FreqUI's order of concerns.
const METRICS: &[(&str, &str, Kind)] = &[
    ("total_trades", "Trades", Kind::Int),
    ("profit_total_abs", "Total profit", Kind::Money),
    ("profit_total", "Total profit %", Kind::Pct),
    ("cagr", "CAGR", Kind::Pct),
    ("trades_per_day", "Trades per day", Kind::Num),
    ("profit_mean", "Average profit per trade", Kind::Pct),
    ("profit_median", "Median profit per trade", Kind::Pct),
    ("expectancy", "Expectancy", Kind::Money),
    ("expectancy_ratio", "Expectancy ratio", Kind::Num),
    ("profit_factor", "Profit factor", Kind::Num),
    ("sharpe", "Sharpe", Kind::Num),
    ("sortino", "Sortino", Kind::Num),
    ("calmar", "Calmar", Kind::Num),
    ("sqn", "SQN", Kind::Num),
    ("winrate", "Win rate", Kind::Pct),
    ("wins", "Wins", Kind::Int),
    ("draws", "Draws", Kind::Int),
    ("losses", "Losses", Kind::Int),
    ("max_drawdown_account", "Max drawdown (account)", Kind::Pct),
    ("max_relative_drawdown", "Max relative drawdown", Kind::Pct),
    ("max_drawdown_abs", "Max drawdown", Kind::Money),
    ("drawdown_start_ts", "Drawdown start", Kind::Time),
    ("drawdown_end_ts", "Drawdown end", Kind::Time),
    ("drawdown_duration_s", "Drawdown duration", Kind::Secs),
    ("market_change", "Market change", Kind::Pct),
    ("starting_balance", "Starting balance", Kind::Money),
    ("final_balance", "Final balance", Kind::Money),
    ("csum_min", "Lowest balance", Kind::Money),
    ("csum_max", "Highest balance", Kind::Money),
    ("avg_stake_amount", "Average stake", Kind::Money),
    ("total_volume", "Total volume", Kind::Money),
    ("best_pair", "Best pair", Kind::Pair),
    ("worst_pair", "Worst pair", Kind::Pair),
    ("backtest_best_day_abs", "Best day", Kind::Money),
    ("backtest_worst_day_abs", "Worst day", Kind::Money),
    ("winning_days", "Winning days", Kind::Int),
    ("draw_days", "Draw days", Kind::Int),
    ("losing_days", "Losing days", Kind::Int),
    ("holding_avg_s", "Average holding time", Kind::Secs),
    (
        "winner_holding_avg_s",
        "Winners' average holding",
        Kind::Secs,
    ),
    ("loser_holding_avg_s", "Losers' average holding", Kind::Secs),
    ("max_consecutive_wins", "Most wins in a row", Kind::Int),
    ("max_consecutive_losses", "Most losses in a row", Kind::Int),
    ("trade_count_long", "Long trades", Kind::Int),
    ("trade_count_short", "Short trades", Kind::Int),
    ("rejected_signals", "Rejected entry signals", Kind::Int),
    ("timedout_entry_orders", "Timed-out entry orders", Kind::Int),
    ("timedout_exit_orders", "Timed-out exit orders", Kind::Int),
    (
        "canceled_trade_entries",
        "Cancelled trade entries",
        Kind::Int,
    ),
    ("backtest_start_ts", "Tested from", Kind::Time),
    ("backtest_end_ts", "Tested to", Kind::Time),
    ("backtest_days", "Days", Kind::Int),
];

/// The settings the strategy ran with.
const SETTINGS: &[(&str, &str, Kind)] = &[
    ("strategy_name", "Strategy", Kind::Text),
    ("timeframe", "Timeframe", Kind::Text),
    ("timeframe_detail", "Detail timeframe", Kind::Text),
    ("timerange", "Timerange", Kind::Text),
    ("stake_amount", "Stake amount", Kind::Text),
    ("stake_currency", "Stake currency", Kind::Text),
    ("dry_run_wallet", "Starting capital", Kind::Money),
    ("max_open_trades_setting", "Max open trades", Kind::Int),
    ("enable_protections", "Protections", Kind::Text),
    ("stoploss", "Stoploss", Kind::Pct),
    ("trailing_stop", "Trailing stop", Kind::Text),
    (
        "trailing_stop_positive",
        "Trailing stop positive",
        Kind::Pct,
    ),
    (
        "trailing_stop_positive_offset",
        "Trailing stop offset",
        Kind::Pct,
    ),
    (
        "trailing_only_offset_is_reached",
        "Trail only once the offset is reached",
        Kind::Text,
    ),
    ("use_custom_stoploss", "Custom stoploss", Kind::Text),
    ("minimal_roi", "Minimal ROI", Kind::Text),
    ("use_exit_signal", "Exit signal", Kind::Text),
    ("exit_profit_only", "Exit on profit only", Kind::Text),
    ("exit_profit_offset", "Exit profit offset", Kind::Pct),
    (
        "ignore_roi_if_entry_signal",
        "Ignore ROI on an entry signal",
        Kind::Text,
    ),
    ("trading_mode", "Trading mode", Kind::Text),
    ("margin_mode", "Margin mode", Kind::Text),
    ("freqaimodel", "FreqAI model", Kind::Text),
    ("freqai_identifier", "FreqAI identifier", Kind::Text),
    ("pairlist", "Pairs", Kind::Text),
];

/// The tested period as a timerange (`YYYYMMDD-YYYYMMDD`), from its start and end times.
pub fn tested_range(r: &LoadedResult) -> String {
    let day = |key: &str| {
        r.result
            .number(key)
            .filter(|ms| *ms > 0.0)
            .map(|ms| {
                format_ts(ms as i64, 0)
                    .chars()
                    .filter(char::is_ascii_digit)
                    .take(8)
                    .collect::<String>()
            })
            .unwrap_or_default()
    };
    format!("{}-{}", day("backtest_start_ts"), day("backtest_end_ts"))
}

/// The result's stake currency and its decimals.
pub fn currency(r: &LoadedResult) -> (String, usize) {
    let currency = r.result.text("stake_currency");
    let decimals = r
        .result
        .number("stake_currency_decimals")
        .filter(|d| (0.0..=12.0).contains(d))
        .map(|d| d as usize)
        .unwrap_or_else(|| coin_decimals(&currency));
    (currency, decimals)
}

fn cell(r: &LoadedResult, key: &str, kind: Kind) -> Cell {
    let (cur, dec) = currency(r);
    let value = r.result.number(key);
    match kind {
        Kind::Int => Cell::num(number(value, 0), value, ""),
        Kind::Num => Cell::num(number(value, 2), value, ""),
        Kind::Pct => Cell::num(percent(value, 2), value, sign_class(value)),
        Kind::Money => Cell::num(money(value, dec, &cur), value, sign_class(value)),
        Kind::Secs => Cell::num(value.map_or(MISSING.into(), duration_short), value, ""),
        Kind::Time => Cell::num(
            value
                .filter(|v| *v > 0.0)
                .map_or(MISSING.into(), |v| format_ts(v as i64, 0)),
            value,
            "",
        ),
        Kind::Text => Cell::text(json_text(r.result.0.get(key))),
        Kind::Pair => {
            let pair = r.result.0.get(key);
            let name = pair.and_then(|p| p.get("key")).and_then(|k| k.as_str());
            let pct = pair
                .and_then(|p| p.get("profit_total"))
                .and_then(|v| v.as_f64());
            match name {
                Some(name) => {
                    Cell::num(format!("{name} {}", percent(pct, 2)), pct, sign_class(pct))
                }
                None => Cell::text(MISSING),
            }
        }
    }
}

/// A JSON value as plain text: strings as they are, lists joined, objects as `key: value` pairs.
fn json_text(value: Option<&serde_json::Value>) -> String {
    use serde_json::Value;
    match value {
        None | Some(Value::Null) => MISSING.into(),
        Some(Value::String(s)) if s.is_empty() => MISSING.into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| json_text(Some(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| format!("{k}: {}", json_text(Some(v))))
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
    }
}

/// The best and worst trade, by profit ratio: `(best, worst)`.
fn extreme_trades(trades: &[BacktestTrade]) -> (Option<&BacktestTrade>, Option<&BacktestTrade>) {
    let ratio = |t: &&BacktestTrade| t.profit_ratio.filter(|r| r.is_finite());
    let ranked = || trades.iter().filter(|t| ratio(t).is_some());
    let by = |a: &&BacktestTrade, b: &&BacktestTrade| {
        ratio(a)
            .unwrap_or_default()
            .total_cmp(&ratio(b).unwrap_or_default())
    };
    (ranked().max_by(by), ranked().min_by(by))
}

fn trade_cell(t: Option<&BacktestTrade>) -> Cell {
    match t {
        Some(t) => Cell::num(
            format!("{} {}", t.pair, percent(t.profit_ratio, 2)),
            t.profit_ratio,
            sign_class(t.profit_ratio),
        ),
        None => Cell::text(MISSING),
    }
}

/// Column titles: the label column, then one per result.
pub fn metric_columns(results: &[&LoadedResult]) -> Vec<String> {
    std::iter::once("Metric".to_string())
        .chain(results.iter().map(|r| r.label()))
        .collect()
}

/// The metrics, one column per result (one result: the analysis; several: the comparison).
pub fn metric_rows(results: &[&LoadedResult]) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = METRICS
        .iter()
        .map(|&(key, label, kind)| {
            std::iter::once(Cell::text(label))
                .chain(results.iter().map(|r| cell(r, key, kind)))
                .collect()
        })
        .collect();
    for (label, best) in [("Best trade", true), ("Worst trade", false)] {
        rows.push(
            std::iter::once(Cell::text(label))
                .chain(results.iter().map(|r| {
                    let (b, w) = extreme_trades(&r.trades);
                    trade_cell(if best { b } else { w })
                }))
                .collect(),
        );
    }
    rows
}

/// The settings the result ran with: `[setting, value]`.
pub fn setting_rows(r: &LoadedResult) -> Vec<Vec<Cell>> {
    SETTINGS
        .iter()
        .map(|&(key, label, kind)| vec![Cell::text(label), cell(r, key, kind)])
        .collect()
}

pub const BREAKDOWN_COLUMNS: [&str; 8] = [
    "Name",
    "Trades",
    "Avg profit",
    "Total profit",
    "Total profit %",
    "Avg duration",
    "Win / draw / loss",
    "Win rate",
];

/// A breakdown (per pair, enter tag, exit reason, tag mix), its totals row included.
pub fn breakdown_rows(rows: &[BreakdownRow], currency: &str, decimals: usize) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|b| {
            let avg = b.profit_mean_pct.map(|p| p / 100.0);
            let total = b.profit_total_pct.map(|p| p / 100.0);
            vec![
                Cell::text(b.name()),
                Cell::num(b.trades.to_string(), Some(b.trades as f64), ""),
                Cell::num(percent(avg, 2), avg, sign_class(avg)),
                Cell::num(
                    money(b.profit_total_abs, decimals, currency),
                    b.profit_total_abs,
                    sign_class(b.profit_total_abs),
                ),
                Cell::num(percent(total, 2), total, sign_class(total)),
                Cell::text(if b.duration_avg.is_empty() {
                    MISSING.to_string()
                } else {
                    b.duration_avg.clone()
                }),
                Cell::num(
                    format!("{} / {} / {}", b.wins, b.draws, b.losses),
                    Some(b.wins as f64),
                    "",
                ),
                Cell::num(percent(b.winrate, 1), b.winrate, ""),
            ]
        })
        .collect()
}

pub const PERIOD_COLUMNS: [&str; 5] = [
    "Period",
    "Trades",
    "Profit",
    "Win / draw / loss",
    "Profit factor",
];

pub fn period_rows(rows: &[PeriodRow], currency: &str, decimals: usize) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|p| {
            vec![
                Cell::num(p.date.clone(), Some(p.date_ts as f64), ""),
                Cell::num(p.trades.to_string(), Some(p.trades as f64), ""),
                Cell::num(
                    money(p.profit_abs, decimals, currency),
                    p.profit_abs,
                    sign_class(p.profit_abs),
                ),
                Cell::num(
                    format!("{} / {} / {}", p.wins, p.draws, p.losses),
                    Some(p.wins as f64),
                    "",
                ),
                Cell::num(number(p.profit_factor, 2), p.profit_factor, ""),
            ]
        })
        .collect()
}

pub const TRADE_COLUMNS: [&str; 9] = [
    "Pair",
    "Side",
    "Opened",
    "Closed",
    "Duration",
    "Profit %",
    "Profit",
    "Enter tag",
    "Exit reason",
];

/// The trades whose pair, tags or exit reason contain `filter` (case-insensitive), as `(index, row)`.
pub fn trade_rows(
    trades: &[BacktestTrade],
    filter: &str,
    currency: &str,
    decimals: usize,
    offset_minutes: i32,
) -> Vec<(usize, Vec<Cell>)> {
    let filter = filter.trim().to_ascii_lowercase();
    trades
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            filter.is_empty()
                || [
                    &t.pair,
                    &t.exit_reason,
                    t.enter_tag.as_deref().unwrap_or_default(),
                ]
                .iter()
                .any(|s| s.to_ascii_lowercase().contains(&filter))
        })
        .map(|(i, t)| {
            let time = |ms: i64| {
                Cell::num(
                    if ms > 0 {
                        format_ts(ms, offset_minutes)
                    } else {
                        MISSING.into()
                    },
                    Some(ms as f64),
                    "",
                )
            };
            let minutes = t.trade_duration;
            (
                i,
                vec![
                    Cell::text(t.pair.clone()),
                    Cell::text(if t.is_short { "short" } else { "long" }),
                    time(t.open_timestamp),
                    time(t.close_timestamp),
                    Cell::num(
                        minutes.map_or(MISSING.into(), |m| duration_short(m * 60.0)),
                        minutes,
                        "",
                    ),
                    Cell::num(
                        percent(t.profit_ratio, 2),
                        t.profit_ratio,
                        sign_class(t.profit_ratio),
                    ),
                    Cell::num(
                        money(t.profit_abs, decimals, currency),
                        t.profit_abs,
                        sign_class(t.profit_abs),
                    ),
                    Cell::text(t.enter_tag.clone().unwrap_or_default()),
                    Cell::text(t.exit_reason.clone()),
                ],
            )
        })
        .collect()
}

pub const HISTORY_COLUMNS: [&str; 6] = ["Strategy", "Timeframe", "Tested", "Ran", "Notes", "File"];

/// The stored results whose strategy, file, timeframe or notes contain `filter`, as `(index, row)`.
pub fn history_rows(entries: &[BacktestHistoryEntry], filter: &str) -> Vec<(usize, Vec<Cell>)> {
    let filter = filter.trim().to_ascii_lowercase();
    let day = |s: i64| {
        if s > 0 {
            format_ts(s * 1000, 0).chars().take(10).collect()
        } else {
            MISSING.to_string()
        }
    };
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            filter.is_empty()
                || [&e.strategy, &e.filename, &e.timeframe, &e.notes]
                    .iter()
                    .any(|s| s.to_ascii_lowercase().contains(&filter))
        })
        .map(|(i, e)| {
            let timeframe = match e.timeframe_detail.as_deref() {
                Some(d) if !d.is_empty() => format!("{} ({d})", e.timeframe),
                _ => e.timeframe.clone(),
            };
            (
                i,
                vec![
                    Cell::text(e.strategy.clone()),
                    Cell::text(timeframe),
                    Cell::num(
                        format!("{} → {}", day(e.backtest_start_ts), day(e.backtest_end_ts)),
                        Some(e.backtest_start_ts as f64),
                        "",
                    ),
                    Cell::num(
                        format_ts(e.backtest_start_time * 1000, 0),
                        Some(e.backtest_start_time as f64),
                        "",
                    ),
                    Cell::text(e.notes.clone()),
                    Cell::text(e.filename.clone()),
                ],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::wire::BacktestStatus;

    fn loaded() -> LoadedResult {
        let status: BacktestStatus = serde_json::from_str(include_str!(
            "../../../tests/fixtures/webserver/backtest_ended.json"
        ))
        .unwrap_or_default();
        let result = status.backtest_result.unwrap_or_default();
        let (name, r) = result.strategy.0.first().cloned().unwrap_or_default();
        LoadedResult {
            key: name.clone(),
            filename: String::new(),
            strategy: name,
            run_time: 0,
            trades: r.trades(),
            result: r,
        }
    }

    fn find<'a>(rows: &'a [Vec<Cell>], label: &str) -> &'a [Cell] {
        rows.iter()
            .find(|r| r.first().is_some_and(|c| c.text == label))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    #[test]
    fn metrics_of_a_real_result() {
        let r = loaded();
        assert_eq!(r.trades.len(), 21);
        let rows = metric_rows(&[&r]);
        let text = |label: &str| find(&rows, label).get(1).map(|c| c.text.clone());
        assert_eq!(text("Trades").as_deref(), Some("21"));
        assert_eq!(tested_range(&r), "20261126-20261128");
        assert_eq!(r.result.pairs().len(), 4);
        assert_eq!(text("Total profit").as_deref(), Some("49.480 USDT"));
        assert_eq!(text("Total profit %").as_deref(), Some("4.95 %"));
        assert_eq!(text("Win rate").as_deref(), Some("90.48 %"));
        assert_eq!(text("Max drawdown").as_deref(), Some("18.013 USDT"));
        assert_eq!(
            text("Drawdown start").as_deref(),
            Some("2026-11-27 19:05:00")
        );
        assert_eq!(text("Drawdown duration").as_deref(), Some("4h 55m"));
        assert_eq!(text("Best pair").as_deref(), Some("BTC/USDT 2.23 %"));
        assert_eq!(text("Market change").as_deref(), Some("-1.07 %"));
        assert!(text("Best trade").is_some_and(|t| t.ends_with('%')));
        // Two results: one column each.
        assert_eq!(metric_columns(&[&r, &r]).len(), 3);
        assert!(metric_rows(&[&r, &r]).iter().all(|row| row.len() == 3));
    }

    #[test]
    fn settings_breakdowns_periods_and_trades() {
        let r = loaded();
        let settings = setting_rows(&r);
        assert_eq!(find(&settings, "Stake amount")[1].text, "unlimited");
        assert_eq!(
            find(&settings, "Minimal ROI")[1].text,
            "60: 0.01, 30: 0.02, 0: 0.04"
        );
        assert_eq!(find(&settings, "Protections")[1].text, "no");
        let (cur, dec) = currency(&r);
        assert_eq!((cur.as_str(), dec), ("USDT", 3));
        let pairs = breakdown_rows(&r.result.breakdown("results_per_pair"), &cur, dec);
        assert_eq!(pairs[0][0].text, "BTC/USDT");
        assert_eq!(pairs[0][2].text, "1.08 %");
        let mix = breakdown_rows(&r.result.breakdown("mix_tag_stats"), &cur, dec);
        assert_eq!(mix[0][0].text, "(none) · roi");
        let days = period_rows(&r.result.periods("day"), &cur, dec);
        assert_eq!(days[0][0].text, "26/11/2026");
        assert_eq!(days[0][2].text, "37.444 USDT");
        // Only weekdays with trades are listed.
        let weekdays = r.result.periods("weekday");
        assert_eq!(weekdays.len(), 3);
        assert_eq!(weekdays[0].date, "Thursday");
        let all = trade_rows(&r.trades, "", &cur, dec, 0);
        assert_eq!(all.len(), 21);
        assert_eq!(all[0].1[2].text, "2026-11-26 00:15:00");
        assert_eq!(all[0].1[4].text, "1h 0m");
        let xrp = trade_rows(&r.trades, "xrp", &cur, dec, 0);
        assert!(!xrp.is_empty() && xrp.len() < 21);
        assert!(xrp.iter().all(|(_, row)| row[0].text == "XRP/USDT"));
    }

    #[test]
    fn history_filter() {
        let entries: Vec<BacktestHistoryEntry> = serde_json::from_str(include_str!(
            "../../../tests/fixtures/webserver/backtest_history_notes.json"
        ))
        .unwrap_or_default();
        let all = history_rows(&entries, "");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].1[2].text, "2026-11-26 → 2026-11-28");
        assert_eq!(history_rows(&entries, "captured").len(), 1);
        assert!(history_rows(&entries, "nothing like it").is_empty());
    }
}
