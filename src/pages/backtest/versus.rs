//! ★ Backtest vs live (no freqtrade UI has it): a loaded backtest beside a trading bot's closed trades over the
//! tested period: both cumulative profit curves on one chart, the trades both made, and those only one made.
//!
//! Two trades are the same when they have the same pair and side and opened within one candle of each other
//! (a live bot enters on the candle after the signal, a backtest at its open); each trade matches at most once:
//! backtest trades in their order, each with the nearest live trade not matched yet.

use leptos::prelude::*;

use super::tables::currency;
use crate::api::wire::{BacktestTrade, Trade};
use crate::charts::profit::decode::{backtest_trades, closed_trades};
use crate::charts::profit::{CumulativeProfitCard, CurveLegend};
use crate::components::data_table::{Cell, DataTable};
use crate::components::select_options::ListSelect;
use crate::state::backtest::{Backtests, LoadedResult};
use crate::state::bot_store::BotStore;
use crate::state::persist::BotId;
use crate::state::registry::use_registry;
use crate::state::settings::{display_offset_minutes, use_dark_theme, use_settings};
use crate::util::calendar::timeframe_ms;
use crate::util::format::{format_ts, percent, sign_class, MISSING};

/// A live trade, reduced to what the comparison needs.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveTrade {
    pub pair: String,
    pub is_short: bool,
    pub open_ms: i64,
    pub close_ms: i64,
    pub profit_ratio: Option<f64>,
}

/// The closed trades that opened within `from_ms..to_ms`, the backtest's tested period.
pub fn live_in_range(trades: &[Trade], from_ms: i64, to_ms: i64) -> Vec<LiveTrade> {
    trades
        .iter()
        .filter(|t| !t.is_open && t.open_timestamp >= from_ms && t.open_timestamp < to_ms)
        .map(|t| LiveTrade {
            pair: t.pair.clone(),
            is_short: t.is_short,
            open_ms: t.open_timestamp,
            close_ms: t.close_timestamp.unwrap_or_default(),
            profit_ratio: t.profit_ratio.or(t.close_profit),
        })
        .collect()
}

/// Which trades both made (`(backtest, live)` indices), and which only one did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matching {
    pub both: Vec<(usize, usize)>,
    pub only_backtest: Vec<usize>,
    pub only_live: Vec<usize>,
}

pub fn match_trades(backtest: &[BacktestTrade], live: &[LiveTrade], tolerance_ms: i64) -> Matching {
    let mut taken = vec![false; live.len()];
    let mut m = Matching::default();
    for (i, b) in backtest.iter().enumerate() {
        let nearest = live
            .iter()
            .enumerate()
            .filter(|(j, l)| {
                !taken.get(*j).copied().unwrap_or(true)
                    && l.pair == b.pair
                    && l.is_short == b.is_short
                    && (l.open_ms - b.open_timestamp).abs() <= tolerance_ms
            })
            .min_by_key(|(_, l)| (l.open_ms - b.open_timestamp).abs())
            .map(|(j, _)| j);
        match nearest {
            Some(j) => {
                if let Some(t) = taken.get_mut(j) {
                    *t = true;
                }
                m.both.push((i, j));
            }
            None => m.only_backtest.push(i),
        }
    }
    m.only_live = (0..live.len())
        .filter(|j| !taken.get(*j).copied().unwrap_or(true))
        .collect();
    m
}

fn side(is_short: bool) -> &'static str {
    if is_short {
        "short"
    } else {
        "long"
    }
}

fn time(ms: i64, offset: i32) -> Cell {
    Cell::num(
        if ms > 0 {
            format_ts(ms, offset)
        } else {
            MISSING.into()
        },
        Some(ms as f64),
        "",
    )
}

fn ratio(r: Option<f64>) -> Cell {
    Cell::num(percent(r, 2), r, sign_class(r))
}

/// The three tables' rows: both, only in the backtest, only live.
pub fn versus_rows(
    backtest: &[BacktestTrade],
    live: &[LiveTrade],
    m: &Matching,
    offset: i32,
) -> [Vec<Vec<Cell>>; 3] {
    let both = m
        .both
        .iter()
        .filter_map(|&(i, j)| {
            let (b, l) = (backtest.get(i)?, live.get(j)?);
            Some(vec![
                Cell::text(b.pair.clone()),
                Cell::text(side(b.is_short)),
                time(b.open_timestamp, offset),
                time(l.open_ms, offset),
                ratio(b.profit_ratio),
                ratio(l.profit_ratio),
            ])
        })
        .collect();
    let only_backtest = m
        .only_backtest
        .iter()
        .filter_map(|&i| {
            let b = backtest.get(i)?;
            Some(vec![
                Cell::text(b.pair.clone()),
                Cell::text(side(b.is_short)),
                time(b.open_timestamp, offset),
                time(b.close_timestamp, offset),
                ratio(b.profit_ratio),
            ])
        })
        .collect();
    let only_live = m
        .only_live
        .iter()
        .filter_map(|&j| {
            let l = live.get(j)?;
            Some(vec![
                Cell::text(l.pair.clone()),
                Cell::text(side(l.is_short)),
                time(l.open_ms, offset),
                time(l.close_ms, offset),
                ratio(l.profit_ratio),
            ])
        })
        .collect();
    [both, only_backtest, only_live]
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[component]
pub fn VersusPanel(bt: Backtests) -> impl IntoView {
    let registry = use_registry();
    let bots = registry.bots();
    let chosen = RwSignal::new(String::new());
    let result = Memo::new(move |_| {
        let key = bt.shown.get();
        bt.results.with(|l| {
            key.and_then(|k| l.iter().find(|r| r.key == k))
                .or(l.last())
                .cloned()
        })
    });
    // Trading bots only (a webserver has no trades).
    let choices = Signal::derive(move || {
        let mut list = vec![(String::new(), "Choose a trading bot".to_string())];
        bots.with(|b| {
            list.extend(
                b.iter()
                    .filter(|e| e.webserver == Some(false))
                    .map(|e| (e.id.0.clone(), e.name.clone())),
            )
        });
        list
    });
    let store = Memo::new(move |_| {
        let id = chosen.get();
        (!id.is_empty()).then(|| BotStore::open(BotId(id)))
    });
    let settings = use_settings().0;
    let offset = Signal::derive(move || {
        settings.with(|s| display_offset_minutes(&s.timezone, js_sys::Date::now() as i64))
    });
    let dark = use_dark_theme();
    // The live trades in the tested period, `None` until the bot's history is read.
    let live = Memo::new(move |_| {
        let store = store.get()?;
        let range = result.with(|r| r.as_ref().map(range_of))?;
        store
            .closed_trades
            .with(|t| t.as_ref().map(|t| live_in_range(t, range.0, range.1)))
    });
    let matching = Memo::new(move |_| {
        let live = live.get()?;
        result.with(|r| {
            let r = r.as_ref()?;
            let tolerance = timeframe_ms(&r.result.text("timeframe")).unwrap_or(300_000);
            Some(match_trades(&r.trades, &live, tolerance))
        })
    });
    let rows = Memo::new(move |_| {
        let (Some(m), Some(live)) = (matching.get(), live.get()) else {
            return [Vec::new(), Vec::new(), Vec::new()];
        };
        result.with(|r| match r {
            Some(r) => versus_rows(&r.trades, &live, &m, offset.get()),
            None => [Vec::new(), Vec::new(), Vec::new()],
        })
    });
    // The bot runs another strategy than the backtest: say so (the comparison still shows).
    let other_strategy = move || {
        let running = store.get()?.config.with(|c| c.as_ref()?.strategy.clone())?;
        let tested = result.with(|r| r.as_ref().map(|r| r.strategy.clone()))?;
        (running != tested).then(|| {
            view! {
                <p class="warning-text">
                    {format!("The bot runs {running}, the backtest tested {tested}: the trades will differ.")}
                </p>
            }
        })
    };
    let summary = move || {
        let m = matching.get()?;
        Some(format!(
            "{} trades in both, {} only in the backtest, {} only live (same pair and side, opened within one candle).",
            m.both.len(),
            m.only_backtest.len(),
            m.only_live.len()
        ))
    };
    let table = move |index: usize, columns: &[&str], label: &'static str| {
        view! {
            <DataTable
                columns=names(columns)
                rows=Signal::derive(move || rows.with(|r| r.get(index).cloned().unwrap_or_default()))
                label=label
                sortable=true
            />
        }
    };
    view! {
        <section class="card backtest-versus">
            <p class="hint">
                {move || result.with(|r| r.as_ref().map(|r| format!("Backtest: {} ({})", r.label(), tested_period(r))))}
            </p>
            <ListSelect aria_label="Trading bot" choices=choices value=chosen on_change=Callback::new(move |v| chosen.set(v)) />
            {other_strategy}
            {move || match (store.get().is_some(), live.with(Option::is_some)) {
                (false, _) => Some(view! { <p class="hint">"Choose a logged-in trading bot to compare its trades with this backtest."</p> }.into_any()),
                (true, false) => Some(view! { <p class="hint">"Reading the bot's closed trades…"</p> }.into_any()),
                (true, true) => None,
            }}
            <p class="versus-summary" role="status">{summary}</p>
            <CurveLegend label="Curves" names=vec!["Backtest".to_string(), "Live".to_string()] dark=dark />
            <CumulativeProfitCard
                closed=Signal::derive(move || result.with(|r| r.as_ref().map(|r| backtest_trades(&r.trades))))
                others=Signal::derive(move || {
                    let store = store.get();
                    let range = result.with(|r| r.as_ref().map(range_of));
                    match (store, range) {
                        (Some(s), Some((from, to))) => s.closed_trades.with(|t| {
                            let t = t.as_deref().unwrap_or_default();
                            let inside: Vec<Trade> = t.iter().filter(|t| t.open_timestamp >= from && t.open_timestamp < to).cloned().collect();
                            vec![closed_trades(&inside)]
                        }),
                        _ => Vec::new(),
                    }
                })
                open=Signal::derive(|| None)
                currency=Signal::derive(move || result.with(|r| r.as_ref().map(|r| currency(r).0).unwrap_or_default()))
                offset_minutes=offset
                dark=dark
            />
            <h3>"In both"</h3>
            {table(0, &["Pair", "Side", "Opened (backtest)", "Opened (live)", "Profit % (backtest)", "Profit % (live)"], "Trades in both")}
            <h3>"Only in the backtest"</h3>
            {table(1, &["Pair", "Side", "Opened", "Closed", "Profit %"], "Only in the backtest")}
            <h3>"Only live"</h3>
            {table(2, &["Pair", "Side", "Opened", "Closed", "Profit %"], "Only live")}
        </section>
    }
}

/// The tested period in ms: `(start, end)`.
fn range_of(r: &LoadedResult) -> (i64, i64) {
    let ms = |key: &str| {
        r.result
            .number(key)
            .filter(|v| v.is_finite())
            .unwrap_or(0.0) as i64
    };
    (ms("backtest_start_ts"), ms("backtest_end_ts"))
}

fn tested_period(r: &LoadedResult) -> String {
    let (from, to) = range_of(r);
    format!("{} → {}", format_ts(from, 0), format_ts(to, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bt(pair: &str, open: i64, short: bool) -> BacktestTrade {
        BacktestTrade {
            pair: pair.into(),
            open_timestamp: open,
            close_timestamp: open + 600_000,
            is_short: short,
            profit_ratio: Some(0.01),
            ..Default::default()
        }
    }

    fn live(pair: &str, open: i64, short: bool) -> LiveTrade {
        LiveTrade {
            pair: pair.into(),
            is_short: short,
            open_ms: open,
            close_ms: open + 600_000,
            profit_ratio: Some(0.02),
        }
    }

    #[test]
    fn trades_match_on_pair_side_and_the_nearest_open_within_a_candle() {
        let backtest = [
            bt("BTC/USDT", 0, false),
            bt("BTC/USDT", 1_000_000, false),
            bt("ETH/USDT", 0, false),
            bt("SOL/USDT", 0, true),
        ];
        let lives = [
            // A candle later: the same trade.
            live("BTC/USDT", 300_000, false),
            // Nearer to the second backtest trade than the first one is.
            live("BTC/USDT", 1_100_000, false),
            // Same pair, other side.
            live("SOL/USDT", 0, false),
            // Too late.
            live("ETH/USDT", 900_000, false),
        ];
        let m = match_trades(&backtest, &lives, 300_000);
        assert_eq!(m.both, vec![(0, 0), (1, 1)]);
        assert_eq!(m.only_backtest, vec![2, 3]);
        assert_eq!(m.only_live, vec![2, 3]);
        // Each live trade matches once.
        let twice = match_trades(
            &[bt("BTC/USDT", 0, false), bt("BTC/USDT", 0, false)],
            &[live("BTC/USDT", 0, false)],
            300_000,
        );
        assert_eq!((twice.both.len(), twice.only_backtest.len()), (1, 1));
        let [both, only_b, only_l] = versus_rows(&backtest, &lives, &m, 0);
        assert_eq!((both.len(), only_b.len(), only_l.len()), (2, 2, 2));
        assert_eq!(both[0][4].text, "1.00 %");
        assert_eq!(both[0][5].text, "2.00 %");
    }

    #[test]
    fn live_trades_in_the_tested_period_only_closed_ones() {
        let trade = |open: i64, is_open: bool| Trade {
            pair: "BTC/USDT".into(),
            open_timestamp: open,
            is_open,
            close_profit: Some(0.5),
            ..Default::default()
        };
        let all = [
            trade(50, false),
            trade(100, false),
            trade(150, true),
            trade(200, false),
        ];
        let inside = live_in_range(&all, 100, 200);
        assert_eq!(inside.len(), 1);
        assert_eq!(inside[0].open_ms, 100);
        assert_eq!(inside[0].profit_ratio, Some(0.5));
    }
}
