//! The boundary between the wire and the profit charts: `Trade`, `TimeSummaryResponse` and `BalanceResponse` →
//! the plain inputs of [`model_input`](super::model_input). Values that are missing or not finite are dropped
//! here, so the transforms only ever see finite numbers.

use super::model_input::{
    BalanceInput, BalanceItem, ClosedTrade, OpenProfit, Period, PeriodRecord, PeriodSeries,
};
use crate::api::wire::{BacktestTrade, BalanceResponse, TimeSummaryResponse, Trade};
use crate::charts::decode::parse_datetime;

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite())
}

/// The closed trades that can be charted: a close time and a finite absolute profit. Open trades are skipped.
pub fn closed_trades(trades: &[Trade]) -> Vec<ClosedTrade> {
    trades
        .iter()
        .filter(|t| !t.is_open)
        .filter_map(|t| {
            let close_ms = t.close_timestamp.filter(|&ms| ms > 0).or_else(|| {
                t.close_date
                    .as_deref()
                    .and_then(parse_datetime)
                    .map(|ts| ts.0)
            })?;
            let profit_abs = finite(t.profit_abs).or(finite(t.close_profit_abs))?;
            let open_ms = if t.open_timestamp > 0 {
                t.open_timestamp.min(close_ms)
            } else {
                close_ms
            };
            Some(ClosedTrade {
                id: t.trade_id,
                pair: t.pair.clone(),
                is_short: t.is_short,
                open_ms,
                close_ms,
                profit_abs,
                profit_ratio: finite(t.profit_ratio).or(finite(t.close_profit)),
            })
        })
        .collect()
}

/// A backtest's trades, for the same charts: every one has a close time and an absolute profit (those
/// without are dropped); the id is the trade's position in the result.
pub fn backtest_trades(trades: &[BacktestTrade]) -> Vec<ClosedTrade> {
    trades
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let close_ms = Some(t.close_timestamp)
                .filter(|&ms| ms > 0)
                .or_else(|| parse_datetime(&t.close_date).map(|ts| ts.0))?;
            Some(ClosedTrade {
                id: i as i64,
                pair: t.pair.clone(),
                is_short: t.is_short,
                open_ms: if t.open_timestamp > 0 {
                    t.open_timestamp.min(close_ms)
                } else {
                    close_ms
                },
                close_ms,
                profit_abs: finite(t.profit_abs)?,
                profit_ratio: finite(t.profit_ratio),
            })
        })
        .collect()
}

/// One column of a table answer (`/historic_balance`, a backtest's wallet or market change) over its
/// `__date_ts` column, as chart points; rows without a finite value or a time are skipped.
pub fn column_points(
    table: &crate::api::wire::WalletHistoryResponse,
    column: &str,
    map: impl Fn(f64) -> f64,
) -> Vec<super::model_cumulative::CumPoint> {
    let index = |name: &str| table.columns.iter().position(|c| c == name);
    let (Some(ts), Some(col)) = (index("__date_ts"), index(column)) else {
        return Vec::new();
    };
    table
        .data
        .iter()
        .filter_map(|row| {
            let t = row.get(ts)?.as_f64().filter(|t| t.is_finite())? as i64;
            let value = finite(row.get(col)?.as_f64().map(&map))?;
            Some(super::model_cumulative::CumPoint { t, value })
        })
        .collect()
}

/// The open trades' profit if they closed now (`total_profit_abs`, which includes partial exits, else
/// `profit_abs`); `None` when no trade is open.
pub fn open_profit(trades: &[Trade]) -> Option<OpenProfit> {
    let open: Vec<&Trade> = trades.iter().filter(|t| t.is_open).collect();
    if open.is_empty() {
        return None;
    }
    let profit_abs = open
        .iter()
        .filter_map(|t| finite(t.total_profit_abs).or(finite(t.profit_abs)))
        .sum::<f64>();
    Some(OpenProfit {
        count: open.len(),
        profit_abs: if profit_abs.is_finite() {
            profit_abs
        } else {
            0.0
        },
    })
}

/// `/daily`, `/weekly` or `/monthly`.
pub fn period_series(period: Period, answer: &TimeSummaryResponse) -> PeriodSeries {
    PeriodSeries {
        period,
        records: answer
            .data
            .iter()
            .map(|r| PeriodRecord {
                date: r.date.clone(),
                profit_abs: finite(r.abs_profit).unwrap_or(0.0),
                profit_ratio: finite(r.rel_profit),
                trade_count: r.trade_count.max(0),
            })
            .collect(),
        stake_currency: answer.stake_currency.clone(),
    }
}

/// `/balance`.
pub fn balance(answer: &BalanceResponse, bot_only: bool) -> BalanceInput {
    BalanceInput {
        items: answer
            .currencies
            .iter()
            .map(|c| {
                // The bot's part (`bot_owned`, `est_stake_bot`, API >= 2.26) or the whole account's.
                let (amount, value) = match bot_only {
                    true => (c.bot_owned.unwrap_or(0.0), c.est_stake_bot),
                    false => (c.balance, c.est_stake),
                };
                BalanceItem {
                    currency: c.currency.clone(),
                    balance: if amount.is_finite() { amount } else { 0.0 },
                    est_stake: finite(value),
                }
            })
            .collect(),
        stake_currency: answer.stake.clone(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::api::endpoint::decode_body;
    use crate::api::wire::TradesResponse;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn a_backtests_wallet_market_change_and_trades() {
        use crate::api::wire::{BacktestStatus, WalletHistoryResponse};
        let wallet: WalletHistoryResponse =
            decode_body("wallet", &fixture("webserver/backtest_wallet.json")).unwrap();
        let points = column_points(&wallet, "total_quote", |v| v);
        assert_eq!(points.len(), 576);
        assert_eq!((points[0].t, points[0].value), (1_795_651_500_000, 1000.0));
        let market: WalletHistoryResponse =
            decode_body("market", &fixture("webserver/backtest_market_change.json")).unwrap();
        let held = column_points(&market, "rel_mean", |r| 1000.0 * (1.0 + r));
        assert_eq!(held.len(), 576);
        assert_eq!(held[0].value, 1000.0);
        assert!(held.windows(2).all(|w| w[0].t < w[1].t));
        // A column that is not there gives nothing.
        assert!(column_points(&market, "no_such", |v| v).is_empty());
        let status: BacktestStatus =
            decode_body("backtest", &fixture("webserver/backtest_ended.json")).unwrap();
        let result = status.backtest_result.unwrap();
        let trades = result.strategy.get("SampleStrategy").unwrap().trades();
        let closed = backtest_trades(&trades);
        assert_eq!(closed.len(), 21);
        let sum: f64 = closed.iter().map(|t| t.profit_abs).sum();
        assert!((sum - 49.479_546_92).abs() < 1e-6, "{sum}");
        assert!(closed.iter().all(|t| t.open_ms <= t.close_ms));
    }

    #[test]
    fn decodes_the_fixtures() {
        let trades: TradesResponse = decode_body("trades", &fixture("trades.json")).unwrap();
        let closed = closed_trades(&trades.trades);
        assert_eq!(closed.len(), 2);
        assert_eq!(closed[0].pair, "BTC/USDT");
        assert!(closed[0].profit_abs < 0.0);
        assert!(closed[0].close_ms >= closed[0].open_ms);

        let status: Vec<Trade> = decode_body("status", &fixture("status.json")).unwrap();
        assert!(
            closed_trades(&status).is_empty(),
            "open trades are not closed ones"
        );
        let open = open_profit(&status).unwrap();
        assert_eq!(open.count, 2);
        assert!(open.profit_abs.is_finite());
        assert_eq!(open_profit(&trades.trades), None);

        let daily: TimeSummaryResponse = decode_body("daily", &fixture("daily.json")).unwrap();
        let series = period_series(Period::Days, &daily);
        assert_eq!(series.records.len(), 7);
        assert_eq!(series.stake_currency, "USDT");
        assert_eq!(series.records[0].trade_count, 2);

        let bal: BalanceResponse = decode_body("balance", &fixture("balance.json")).unwrap();
        let input = balance(&bal, false);
        assert_eq!(input.items.len(), 3);
        assert_eq!(input.stake_currency, "USDT");
        assert_eq!(input.items[2].est_stake, Some(899.9379246899999));
        // The bot's part: what it may trade with, not the account's whole balance.
        let bot = balance(&bal, true);
        assert_eq!(bot.items[2].balance, 889.9399180431);
        assert_eq!(bot.items[2].est_stake, Some(889.9399180431));
    }

    #[test]
    fn drops_what_cannot_be_charted() {
        let t = |id: i64, open: bool, close: Option<i64>, abs: Option<f64>| Trade {
            trade_id: id,
            is_open: open,
            close_timestamp: close,
            profit_abs: abs,
            ..Trade::default()
        };
        let trades = vec![
            t(1, false, Some(1_000), Some(1.0)),
            t(2, false, None, Some(1.0)),
            t(3, false, Some(2_000), Some(f64::NAN)),
            t(4, true, None, Some(2.0)),
            t(5, false, Some(3_000), None),
            Trade {
                close_date: Some("2026-11-21 13:46:13".into()),
                ..t(6, false, None, Some(-1.0))
            },
        ];
        let ids: Vec<i64> = closed_trades(&trades).iter().map(|c| c.id).collect();
        assert_eq!(ids, vec![1, 6]);
        let open = open_profit(&trades).unwrap();
        assert_eq!((open.count, open.profit_abs), (1, 2.0));
    }
}
