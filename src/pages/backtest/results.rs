//! Analyse a loaded result (metrics, settings, breakdowns, periods, trades, charts) and compare several.

use leptos::prelude::*;

use super::tables::{
    breakdown_rows, currency, metric_columns, metric_rows, period_rows, setting_rows, tested_range,
    trade_rows, BREAKDOWN_COLUMNS, PERIOD_COLUMNS, TRADE_COLUMNS,
};
use crate::api::features::Feature;
use crate::charts::decode::decode_backtest_trade;
use crate::charts::profit::decode::backtest_trades;
use crate::charts::profit::decode::column_points;
use crate::charts::profit::model_cumulative::return_series;
use crate::charts::profit::{
    CumulativeProfitCard, CurveLegend, ProfitDistributionCard, SeriesCard,
};
use crate::components::data_table::{Cell, DataTable};
use crate::components::select_options::ListSelect;
use crate::components::tabs::TabBar;
use crate::components::trades::export::file_name;
use crate::pages::chart::{HistoryChartPanel, HistoryPreset};
use crate::runtime::effect;
use crate::state::backtest::{Backtests, LoadedResult};
use crate::state::settings::{display_offset_minutes, use_dark_theme, use_settings};

const BREAKDOWNS: [(&str, &str); 5] = [
    ("results_per_pair", "per pair"),
    ("results_per_enter_tag", "per enter tag"),
    ("exit_reason_summary", "per exit reason"),
    ("mix_tag_stats", "per tag mix"),
    ("left_open_trades", "left open at the end"),
];

const PERIODS: [(&str, &str); 5] = [
    ("day", "by day"),
    ("week", "by week"),
    ("month", "by month"),
    ("year", "by year"),
    ("weekday", "by weekday"),
];

fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn choices(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, l)| (k.to_string(), l.to_string()))
        .collect()
}

/// The loaded result shown in the analysis.
fn shown(bt: Backtests) -> Memo<Option<LoadedResult>> {
    Memo::new(move |_| {
        let key = bt.shown.get();
        bt.results.with(|l| {
            key.and_then(|k| l.iter().find(|r| r.key == k))
                .or(l.last())
                .cloned()
        })
    })
}

#[component]
pub fn ResultPanel(bt: Backtests) -> impl IntoView {
    let result = shown(bt);
    let tab = RwSignal::new("metrics");
    let settings = use_settings().0;
    let offset = Signal::derive(move || {
        settings.with(|s| display_offset_minutes(&s.timezone, js_sys::Date::now() as i64))
    });
    let money = Memo::new(move |_| result.with(|r| r.as_ref().map(currency).unwrap_or_default()));
    let breakdown = RwSignal::new("results_per_pair".to_string());
    let period = RwSignal::new("day".to_string());
    let filter = RwSignal::new(String::new());
    let trades = Memo::new(move |_| {
        let (cur, dec) = money.get();
        result.with(|r| {
            r.as_ref()
                .map(|r| trade_rows(&r.trades, &filter.get(), &cur, dec, offset.get()))
                .unwrap_or_default()
        })
    });
    let closed =
        Memo::new(move |_| result.with(|r| r.as_ref().map(|r| backtest_trades(&r.trades))));
    let dark = use_dark_theme();
    let bins = RwSignal::new(20);
    // The candle chart's pair and the time range of the trade picked in the list.
    let chart_pair = RwSignal::new(None::<String>);
    let focus = RwSignal::new(None::<(i64, i64)>);
    let markers = Memo::new(move |_| {
        result.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.trades
                        .iter()
                        .enumerate()
                        .map(|(i, t)| decode_backtest_trade(i, t))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // `freqboard-<strategy>-<what>-<day>.csv`, named when the file is saved.
    let csv_name = move |what: fn(&str, &str) -> String| {
        Signal::derive(move || {
            let strategy = result
                .with_untracked(|r| r.as_ref().map(|r| r.strategy.clone()).unwrap_or_default());
            let what = what(&breakdown.get_untracked(), &period.get_untracked());
            file_name(&strategy, &what, js_sys::Date::now() as i64)
        })
    };
    let pick_trade = Callback::new(move |shown: usize| {
        let index = trades.with_untracked(|t| t.get(shown).map(|(i, _)| *i));
        let picked = index.and_then(|i| {
            result.with_untracked(|r| r.as_ref().and_then(|r| r.trades.get(i).cloned()))
        });
        if let Some(t) = picked {
            chart_pair.set(Some(t.pair.clone()));
            focus.set(Some((
                t.open_timestamp,
                t.close_timestamp.max(t.open_timestamp),
            )));
            tab.set("chart");
        }
    });
    let results = bt.results;
    view! {
        <section class="card backtest-result">
            <div class="result-head">
                <label class="field">
                    <span>"Result"</span>
                    <ListSelect
                        name="result"
                        choices=Signal::derive(move || {
                            results.with(|l| l.iter().map(|r| (r.key.clone(), r.label())).collect::<Vec<_>>())
                        })
                        value=Signal::derive(move || result.with(|r| r.as_ref().map(|r| r.key.clone()).unwrap_or_default()))
                        on_change=Callback::new(move |k| bt.shown.set(Some(k)))
                    />
                </label>
                <button on:click=move |_| {
                    if let Some(k) = result.with_untracked(|r| r.as_ref().map(|r| r.key.clone())) {
                        bt.unload(&k);
                    }
                }>"Close result"</button>
            </div>
            <TabBar
                tabs=vec![
                    ("metrics", "Metrics"),
                    ("settings", "Settings"),
                    ("breakdown", "Breakdowns"),
                    ("periods", "Periods"),
                    ("trades", "Trades"),
                    ("charts", "Charts"),
                    ("chart", "Candles"),
                ]
                active=tab
            />
            {move || match tab.get() {
                "settings" => view! {
                    <DataTable
                        columns=columns(&["Setting", "Value"])
                        rows=Signal::derive(move || result.with(|r| r.as_ref().map(setting_rows).unwrap_or_default()))
                        label="Strategy settings"
                    />
                }.into_any(),
                "breakdown" => view! {
                    <ListSelect
                        aria_label="Breakdown"
                        choices=Signal::derive(|| choices(&BREAKDOWNS))
                        value=breakdown
                        on_change=Callback::new(move |v| breakdown.set(v))
                    />
                    <DataTable
                        columns=columns(&BREAKDOWN_COLUMNS)
                        rows=Signal::derive(move || {
                            let (cur, dec) = money.get();
                            result.with(|r| r.as_ref().map(|r| breakdown_rows(&r.result.breakdown(&breakdown.get()), &cur, dec)).unwrap_or_default())
                        })
                        label="Breakdown"
                        sortable=true
                        export=csv_name(|breakdown, _| format!("backtest-{breakdown}"))
                    />
                }.into_any(),
                "periods" => view! {
                    <ListSelect
                        aria_label="Period"
                        choices=Signal::derive(|| choices(&PERIODS))
                        value=period
                        on_change=Callback::new(move |v| period.set(v))
                    />
                    <DataTable
                        columns=columns(&PERIOD_COLUMNS)
                        rows=Signal::derive(move || {
                            let (cur, dec) = money.get();
                            result.with(|r| r.as_ref().map(|r| period_rows(&r.result.periods(&period.get()), &cur, dec)).unwrap_or_default())
                        })
                        label="Periodic breakdown"
                        sortable=true
                        export=csv_name(|_, period| format!("backtest-{period}"))
                    />
                }.into_any(),
                "trades" => view! {
                    <input
                        type="search"
                        class="trade-filter"
                        aria-label="Filter trades"
                        placeholder="Filter by pair, tag or exit reason"
                        prop:value=move || filter.get()
                        on:input=move |ev| filter.set(event_target_value(&ev))
                    />
                    <p class="hint">{move || format!("{} trades", trades.with(Vec::len))}</p>
                    <DataTable
                        columns=columns(&TRADE_COLUMNS)
                        rows=Signal::derive(move || trades.with(|t| t.iter().map(|(_, row)| row.clone()).collect::<Vec<Vec<Cell>>>()))
                        label="Backtest trades"
                        sortable=true
                        on_row=pick_trade
                        export=csv_name(|_, _| "backtest-trades".to_string())
                    />
                    <p class="hint">"Pick a trade to see it on the candle chart."</p>
                }.into_any(),
                "charts" => view! {
                    <div class="profit-grid">
                        <CumulativeProfitCard
                            closed=closed
                            open=Signal::derive(|| None)
                            currency=Signal::derive(move || money.get().0)
                            offset_minutes=offset
                            dark=dark
                        />
                        <ProfitDistributionCard closed=closed bins=bins dark=dark />
                        <ProfitDistributionCard closed=closed bins=bins dark=dark durations=true />
                        <WalletCard bt=bt result=result closed=closed offset=offset />
                    </div>
                }.into_any(),
                "chart" => {
                    let preset = result.with_untracked(|r| {
                        let r = r.as_ref()?;
                        let mut pairs = r.result.pairs();
                        for t in &r.trades {
                            if !pairs.contains(&t.pair) {
                                pairs.push(t.pair.clone());
                            }
                        }
                        Some(HistoryPreset {
                            strategy: r.strategy.clone(),
                            timeframe: r.result.text("timeframe"),
                            timerange: tested_range(r),
                            pairs,
                            trades: markers.into(),
                            pair: chart_pair,
                            focus: focus.into(),
                        })
                    });
                    match (preset, bt.id()) {
                        (Some(preset), Some(id)) => view! {
                            <div class="chart-card backtest-chart"><HistoryChartPanel id=id preset=preset features=Signal::derive(move || (bt.has(Feature::HistoryForm), bt.has(Feature::HistoryLive))) /></div>
                        }.into_any(),
                        _ => ().into_any(),
                    }
                }
                _ => view! {
                    <DataTable
                        columns=columns(&["Metric", "Value"])
                        rows=Signal::derive(move || result.with(|r| r.as_ref().map(|r| metric_rows(&[r])).unwrap_or_default()))
                        label="Backtest metrics"
                    />
                }.into_any(),
            }}
        </section>
    }
}

/// Every loaded result side by side: the same metrics, one column each, and their cumulative profit curves on
/// one chart (the first result's with tooltips).
#[component]
pub fn ComparePanel(bt: Backtests) -> impl IntoView {
    let results = bt.results;
    let dark = use_dark_theme();
    let settings = use_settings().0;
    let offset = Signal::derive(move || {
        settings.with(|s| display_offset_minutes(&s.timezone, js_sys::Date::now() as i64))
    });
    let curves = Memo::new(move |_| {
        results.with(|l| {
            l.iter()
                .map(|r| backtest_trades(&r.trades))
                .collect::<Vec<_>>()
        })
    });
    let chart = move || {
        (curves.with(Vec::len) >= 2).then(|| {
            let names = Signal::derive(move || results.with(|l| l.iter().map(LoadedResult::label).collect::<Vec<_>>()));
            view! {
                <CurveLegend label="Curves" names=names dark=dark />
                <CumulativeProfitCard
                    closed=Signal::derive(move || curves.with(|c| c.first().cloned()))
                    others=Signal::derive(move || curves.with(|c| c.iter().skip(1).cloned().collect::<Vec<_>>()))
                    open=Signal::derive(|| None)
                    currency=Signal::derive(move || results.with(|l| l.first().map(|r| currency(r).0).unwrap_or_default()))
                    offset_minutes=offset
                    dark=dark
                />
            }
        })
    };
    let table = move || {
        results.with(|list| {
            let refs: Vec<&LoadedResult> = list.iter().collect();
            if refs.len() < 2 {
                return view! {
                    <p class="hint">"Load two or more results (History tab, or run them) to compare them here."</p>
                }
                .into_any();
            }
            let rows = metric_rows(&refs);
            view! {
                <DataTable columns=metric_columns(&refs) rows=Signal::derive(move || rows.clone()) label="Comparison" />
            }
            .into_any()
        })
    };
    view! { <section class="card backtest-compare">{chart}{table}</section> }
}

/// The stored result's curves over the tested period, read when the charts are shown: the wallet beside the
/// market (the starting balance held in the tested pairs, buy and hold; wallet: API >= 2.48), and the
/// strategy's return beside the market's change, both in percent of the start.
#[component]
fn WalletCard(
    bt: Backtests,
    result: Memo<Option<LoadedResult>>,
    closed: Memo<Option<Vec<crate::charts::profit::model_input::ClosedTrade>>>,
    offset: Signal<i32>,
) -> impl IntoView {
    let wallet = RwSignal::new(None::<Vec<crate::charts::profit::model_cumulative::CumPoint>>);
    let market = RwSignal::new(Vec::new());
    // The market's mean change (ratio); `None` until read, empty when it could not be.
    let market_change =
        RwSignal::new(None::<Vec<crate::charts::profit::model_cumulative::CumPoint>>);
    let scope = crate::runtime::use_view_scope();
    let dark = use_dark_theme();
    effect(move || {
        let Some((file, strategy, start)) = result.with(|r| {
            r.as_ref().map(|r| {
                (
                    r.filename.clone(),
                    r.strategy.clone(),
                    r.result.number("starting_balance").unwrap_or(0.0),
                )
            })
        }) else {
            return;
        };
        // Until the bot's configuration is read its API version is unknown (and a bot without stored results
        // has none of this): the effect runs again once it is.
        if file.is_empty() || !bt.has(Feature::BacktestHistory) {
            return;
        }
        let with_wallet = bt.has(Feature::BacktestWallet);
        scope.spawn(async move {
            // Without one (an older API, a failed read) the card says so instead of loading forever.
            let points = match with_wallet {
                true => bt
                    .read_wallet(&file, &strategy)
                    .await
                    .map(|w| column_points(&w, "total_quote", |v| v))
                    .unwrap_or_default(),
                false => Vec::new(),
            };
            wallet.set(Some(points));
            match bt.read_market_change(&file).await {
                Ok(m) => {
                    market.set(vec![column_points(&m, "rel_mean", |r| start * (1.0 + r))]);
                    market_change.set(Some(column_points(&m, "rel_mean", |r| r)));
                }
                Err(_) => market_change.set(Some(Vec::new())),
            }
        });
    });
    // The strategy's return from the first market row on (so both curves start at 0 together).
    let strategy_return = Memo::new(move |_| {
        let change = market_change.get()?;
        if change.is_empty() {
            return Some(Vec::new());
        }
        let start =
            result.with(|r| r.as_ref().and_then(|r| r.result.number("starting_balance")))?;
        closed.with(|c| {
            let trades = c.as_deref().unwrap_or(&[]);
            Some(return_series(trades, start, change.first().map(|p| p.t)).unwrap_or_default())
        })
    });
    let change_curve =
        Signal::derive(move || market_change.get().map(|m| vec![m]).unwrap_or_default());
    let money = Signal::derive(move || {
        result.with(|r| r.as_ref().map(|r| currency(r).0).unwrap_or_default())
    });
    view! {
        <SeriesCard
            kind="wallet"
            title="Wallet and market"
            what="Wallet"
            points=wallet
            others=market
            currency=money
            offset_minutes=offset
            dark=dark
            empty_text="No wallet history (the bot's API is older than 2.48, or the result has none)"
        />
        <CurveLegend
            label="Wallet curves"
            names=vec!["Wallet".to_string(), "Market: the starting balance, held in the tested pairs".to_string()]
            dark=dark
        />
        <SeriesCard
            kind="market"
            title="Market change vs strategy"
            what="Strategy"
            percent=true
            points=strategy_return
            others=change_curve
            currency=money
            offset_minutes=offset
            dark=dark
            empty_text="No market change stored with this result"
        />
        <CurveLegend
            label="Market change curves"
            names=vec!["Strategy: profit in % of the starting balance".to_string(), "Market: mean change of the tested pairs".to_string()]
            dark=dark
        />
    }
}
