//! The fleet's figures: one row per bot from its session's data, and totals per stake currency (a USDT bot's
//! profit is never added to a BTC bot's). Pure, so the sums are tested natively.
//!
//! Done right where FreqUI is known to go wrong: the open-profit total is the sum of the rows it shows, and the
//! open-profit ratio is profit over stake (freqtrade's `profit_abs` already includes leverage: it is not applied
//! again).

use crate::api::wire::{BalanceResponse, CountResponse, ProfitStats, Trade};
use crate::util::calendar::period_starts;

/// One bot's row of the fleet table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BotFigures {
    pub open_count: usize,
    /// The bot's `max_open_trades` (`None`: unknown; -1 means unlimited in freqtrade).
    pub max_open: Option<i64>,
    /// What the open trades would make if closed now, and the stake they hold.
    pub open_profit: f64,
    pub open_stake: f64,
    /// Closed profit since the start of today, this week (Monday) and this month (UTC, as freqtrade's /daily).
    pub closed_day: f64,
    pub closed_week: f64,
    pub closed_month: f64,
    /// All closed profit and its ratio to the starting balance (`/profit`).
    pub closed_all: Option<f64>,
    pub closed_all_ratio: Option<f64>,
    pub wins: i64,
    pub losses: i64,
    /// Balance in the stake currency (`/balance` total).
    pub balance: Option<f64>,
    /// The latest entry or exit (`/profit`'s `latest_trade_timestamp`), ms.
    pub last_trade_ms: Option<i64>,
}

impl BotFigures {
    /// Open profit over open stake, leverage counted once (it is in `profit_abs` already).
    pub fn open_ratio(&self) -> Option<f64> {
        ratio(self.open_profit, self.open_stake)
    }
}

fn ratio(profit: f64, stake: f64) -> Option<f64> {
    (stake > 0.0 && profit.is_finite()).then(|| profit / stake)
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite())
}

/// The session's data of one bot, borrowed for `figures`.
#[derive(Default, Clone, Copy)]
pub struct BotData<'a> {
    pub open: Option<&'a [Trade]>,
    pub closed: Option<&'a [Trade]>,
    pub profit: Option<&'a ProfitStats>,
    pub count: Option<&'a CountResponse>,
    pub balance: Option<&'a BalanceResponse>,
}

/// One bot's row at `now_ms`.
pub fn figures(data: BotData<'_>, now_ms: i64) -> BotFigures {
    let open = data.open.unwrap_or_default();
    let (mut open_profit, mut open_stake) = (0.0, 0.0);
    for t in open.iter().filter(|t| t.is_open) {
        // Includes partial exits' realised profit, as the open-trades table shows it.
        if let Some(p) = finite(t.total_profit_abs).or(finite(t.profit_abs)) {
            open_profit += p;
        }
        if let Some(stake) = finite(t.stake_amount) {
            open_stake += stake;
        }
    }
    let (day, week, month) = period_starts(now_ms);
    let (mut closed_day, mut closed_week, mut closed_month) = (0.0, 0.0, 0.0);
    for t in data
        .closed
        .unwrap_or_default()
        .iter()
        .filter(|t| !t.is_open)
    {
        let (Some(close), Some(p)) = (
            t.close_timestamp.filter(|&ms| ms > 0),
            finite(t.close_profit_abs).or(finite(t.profit_abs)),
        ) else {
            continue;
        };
        if close >= month {
            closed_month += p;
        }
        if close >= week {
            closed_week += p;
        }
        if close >= day {
            closed_day += p;
        }
    }
    let profit = data.profit;
    BotFigures {
        open_count: open.iter().filter(|t| t.is_open).count(),
        max_open: data.count.and_then(|c| c.max),
        open_profit,
        open_stake,
        closed_day,
        closed_week,
        closed_month,
        closed_all: profit.and_then(|p| finite(p.profit_closed_coin)),
        closed_all_ratio: profit.and_then(|p| finite(p.profit_closed_ratio)),
        wins: profit.map(|p| p.winning_trades).unwrap_or(0),
        losses: profit.map(|p| p.losing_trades).unwrap_or(0),
        balance: data.balance.and_then(|b| finite(b.total)),
        last_trade_ms: profit
            .map(|p| p.latest_trade_timestamp)
            .filter(|&ms| ms > 0),
    }
}

/// The sums of one stake currency's rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CurrencyTotals {
    pub currency: String,
    pub bots: usize,
    pub open_count: usize,
    pub open_profit: f64,
    pub open_stake: f64,
    pub closed_day: f64,
    pub closed_week: f64,
    pub closed_month: f64,
    pub closed_all: f64,
    pub wins: i64,
    pub losses: i64,
    pub balance: f64,
}

impl CurrencyTotals {
    pub fn open_ratio(&self) -> Option<f64> {
        ratio(self.open_profit, self.open_stake)
    }
}

/// Totals per stake currency, in the order the currencies first appear.
pub fn totals<'a>(
    rows: impl IntoIterator<Item = (&'a str, &'a BotFigures)>,
) -> Vec<CurrencyTotals> {
    let mut out: Vec<CurrencyTotals> = Vec::new();
    for (currency, f) in rows {
        let at = match out.iter().position(|t| t.currency == currency) {
            Some(at) => at,
            None => {
                out.push(CurrencyTotals {
                    currency: currency.to_string(),
                    ..Default::default()
                });
                out.len() - 1
            }
        };
        let Some(t) = out.get_mut(at) else { continue };
        t.bots += 1;
        t.open_count += f.open_count;
        t.open_profit += f.open_profit;
        t.open_stake += f.open_stake;
        t.closed_day += f.closed_day;
        t.closed_week += f.closed_week;
        t.closed_month += f.closed_month;
        t.closed_all += f.closed_all.unwrap_or(0.0);
        t.wins += f.wins;
        t.losses += f.losses;
        t.balance += f.balance.unwrap_or(0.0);
    }
    out
}

/// What identifies a bot's trading history, to spot two logins that reach the same bot.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    pub bot_name: String,
    pub trade_count: i64,
    pub first_trade_ms: i64,
    pub closed_profit: Option<f64>,
}

/// Pairs of bots (by index) whose logins show the same bot: same `bot_name` and the same history. That is what
/// several bots sharing one `jwt_secret_key` behind one host look like (freqtrade issue 8612): the token of
/// one is accepted by the other, and both rows would show one bot's figures.
pub fn same_bot_pairs(prints: &[Option<Fingerprint>]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, a) in prints.iter().enumerate() {
        let Some(a) = a else { continue };
        // A bot without trades has nothing to tell it apart by.
        if a.trade_count == 0 {
            continue;
        }
        for (j, b) in prints.iter().enumerate().skip(i + 1) {
            if b.as_ref() == Some(a) {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-28 12:00 UTC, a Saturday.
    const NOW: i64 = 1_795_867_200_000;

    fn open_trade(profit: f64, stake: f64, leverage: f64) -> Trade {
        Trade {
            is_open: true,
            profit_abs: Some(profit),
            stake_amount: Some(stake),
            leverage: Some(leverage),
            profit_ratio: Some(profit / stake),
            ..Default::default()
        }
    }

    fn closed_trade(close_ms: i64, profit: f64) -> Trade {
        Trade {
            is_open: false,
            close_timestamp: Some(close_ms),
            close_profit_abs: Some(profit),
            ..Default::default()
        }
    }

    #[test]
    fn closed_profit_falls_into_today_this_week_and_this_month() {
        let (day, week, month) = period_starts(NOW);
        let closed = vec![
            closed_trade(day + 1, 1.0),
            closed_trade(week + 1, 2.0),
            closed_trade(month + 1, 4.0),
            closed_trade(month - 1, 8.0),
            closed_trade(0, 100.0),
        ];
        let f = figures(
            BotData {
                closed: Some(&closed),
                ..Default::default()
            },
            NOW,
        );
        assert_eq!(
            (f.closed_day, f.closed_week, f.closed_month),
            (1.0, 3.0, 7.0)
        );
    }

    #[test]
    fn leverage_is_applied_once_to_the_open_profit_ratio() {
        // 10 USDT margin at 5x, up 2 USDT: 20 % on the margin, not 100 %.
        let open = vec![open_trade(2.0, 10.0, 5.0)];
        let f = figures(
            BotData {
                open: Some(&open),
                ..Default::default()
            },
            NOW,
        );
        assert_eq!(f.open_ratio(), Some(0.2));
    }

    #[test]
    fn the_open_profit_total_is_the_sum_of_the_rows_per_currency() {
        let a = vec![open_trade(1.5, 100.0, 1.0), open_trade(-0.5, 50.0, 1.0)];
        let b = vec![open_trade(2.25, 30.0, 3.0)];
        let c = vec![open_trade(0.001, 0.01, 1.0)];
        let rows: Vec<(&str, BotFigures)> = [("USDT", &a), ("USDT", &b), ("BTC", &c)]
            .into_iter()
            .map(|(cur, open)| {
                let f = figures(
                    BotData {
                        open: Some(open),
                        ..Default::default()
                    },
                    NOW,
                );
                (cur, f)
            })
            .collect();
        let t = totals(rows.iter().map(|(c, f)| (*c, f)));
        assert_eq!(t.len(), 2, "USDT and BTC are never added together");
        let usdt = &t[0];
        assert_eq!(usdt.currency, "USDT");
        assert_eq!(usdt.bots, 2);
        assert_eq!(
            usdt.open_profit,
            rows[0].1.open_profit + rows[1].1.open_profit
        );
        assert_eq!(usdt.open_profit, 3.25);
        assert_eq!(usdt.open_count, 3);
        assert_eq!(usdt.open_ratio(), Some(3.25 / 180.0));
        assert_eq!((t[1].currency.as_str(), t[1].open_profit), ("BTC", 0.001));
    }

    #[test]
    fn profit_count_and_balance_come_from_the_bot_answers() {
        let profit = ProfitStats {
            profit_closed_coin: Some(12.5),
            profit_closed_ratio: Some(0.0125),
            winning_trades: 7,
            losing_trades: 3,
            latest_trade_timestamp: 1_700_000_000_000,
            ..Default::default()
        };
        let count = CountResponse {
            current: Some(2),
            max: Some(3),
            ..Default::default()
        };
        let balance = BalanceResponse {
            total: Some(1012.5),
            ..Default::default()
        };
        let f = figures(
            BotData {
                profit: Some(&profit),
                count: Some(&count),
                balance: Some(&balance),
                ..Default::default()
            },
            NOW,
        );
        assert_eq!(f.closed_all, Some(12.5));
        assert_eq!(f.closed_all_ratio, Some(0.0125));
        assert_eq!((f.wins, f.losses, f.max_open), (7, 3, Some(3)));
        assert_eq!(f.balance, Some(1012.5));
        assert_eq!(f.last_trade_ms, Some(1_700_000_000_000));
        let t = totals([("USDT", &f)]);
        assert_eq!(
            (t[0].closed_all, t[0].wins, t[0].balance),
            (12.5, 7, 1012.5)
        );
    }

    #[test]
    fn two_logins_showing_one_bot_are_spotted() {
        let print = |name: &str, trades: i64| {
            Some(Fingerprint {
                bot_name: name.into(),
                trade_count: trades,
                first_trade_ms: 5,
                closed_profit: Some(1.0),
            })
        };
        let prints = [
            print("a", 4),
            print("b", 4),
            None,
            print("a", 4),
            print("c", 0),
            print("c", 0),
        ];
        assert_eq!(same_bot_pairs(&prints), vec![(0, 3)]);
    }
}
