//! The Dashboard's profit cards: each builds its plot from decoded inputs (props only; the page loads the data)
//! and shows it in a [`ProfitChart`] with a title, its controls and an empty state.

use leptos::prelude::*;

use super::component::ProfitChart;
use super::model_axis::Unit;
use super::model_chart::ProfitPlot;
use super::model_cumulative::{cumulative_plot, cumulative_series, series_plot, CumPoint};
use super::model_donut::balance_plot;
use super::model_histogram::{distribution_plot, duration_plot, BIN_CHOICES};
use super::model_input::{
    chart_period_count, BalanceInput, ClosedTrade, OpenProfit, Period, PeriodSeries,
};
use super::model_periods::period_bars;
use super::model_trades_log::trades_log_plot;
use crate::util::format::coin_money;

/// A card with a title, optional controls on the right of its head, and a body.
#[component]
fn ProfitCard(
    /// `data-chart` key (tests and styling).
    kind: &'static str,
    title: &'static str,
    #[prop(optional)] controls: Option<AnyView>,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card profit-card" data-chart=kind aria-label=title>
            <div class="card-head">
                <h2>{title}</h2>
                {controls}
            </div>
            {children()}
        </section>
    }
}

/// The legend of a chart with comparison curves: the main curve (the profit line's colour) named first, then
/// each other curve in `series_color` order.
#[component]
pub fn CurveLegend(
    /// The list's accessible name.
    label: &'static str,
    #[prop(into)] names: Signal<Vec<String>>,
    #[prop(into)] dark: Signal<bool>,
) -> impl IntoView {
    let items = move || {
        let line = super::model_theme::ProfitTheme::new(dark.get()).line.css();
        names.with(|n| {
            n.iter()
                .enumerate()
                .map(|(i, name)| {
                    let color = match i.checked_sub(1) {
                        None => line.clone(),
                        Some(k) => crate::charts::model::color::series_color(k).css(),
                    };
                    view! { <li><span class="legend-swatch" style:background=color></span>{name.clone()}</li> }
                })
                .collect_view()
        })
    };
    view! { <ul class="compare-legend" aria-label=label>{items}</ul> }
}

/// An amount over time (a backtest's wallet) or, with `percent`, a ratio (its return), with comparison curves.
#[component]
pub fn SeriesCard(
    kind: &'static str,
    title: &'static str,
    /// What the main curve is, in its tooltips ("Wallet").
    what: &'static str,
    /// Values are ratios, labelled as percent.
    #[prop(optional)]
    percent: bool,
    #[prop(into)] points: Signal<Option<Vec<CumPoint>>>,
    #[prop(into)] others: Signal<Vec<Vec<CumPoint>>>,
    #[prop(into)] currency: Signal<String>,
    #[prop(into)] offset_minutes: Signal<i32>,
    #[prop(into)] dark: Signal<bool>,
    empty_text: &'static str,
) -> impl IntoView {
    let unit = if percent { Unit::Percent } else { Unit::Amount };
    let plot = Memo::new(move |_| {
        points.get().map(|p| {
            ProfitPlot::Cumulative(series_plot(
                p,
                others.get(),
                offset_minutes.get(),
                (unit, &currency.get()),
                what,
            ))
        })
    });
    view! {
        <ProfitCard kind=kind title=title>
            <ProfitChart plot=plot dark=dark empty_text=empty_text label=title />
        </ProfitCard>
    }
}

/// Cumulative profit of the closed trades, with the open trades' projection.
#[component]
pub fn CumulativeProfitCard(
    #[prop(into)] closed: Signal<Option<Vec<ClosedTrade>>>,
    #[prop(into)] open: Signal<Option<OpenProfit>>,
    #[prop(into)] currency: Signal<String>,
    #[prop(into)] offset_minutes: Signal<i32>,
    #[prop(into)] dark: Signal<bool>,
    /// Curves to compare with, drawn in `charts::model::color::series_color` order.
    #[prop(optional, into)]
    others: Signal<Vec<Vec<ClosedTrade>>>,
) -> impl IntoView {
    let plot = Memo::new(move |_| {
        let now = js_sys::Date::now();
        let now = if now.is_finite() { now as i64 } else { 0 };
        closed.with(|c| {
            c.as_ref().map(|c| {
                let mut plot =
                    cumulative_plot(c, open.get(), now, offset_minutes.get(), &currency.get());
                plot.others = others.with(|o| o.iter().map(|t| cumulative_series(t)).collect());
                ProfitPlot::Cumulative(plot)
            })
        })
    });
    view! {
        <ProfitCard kind="cumulative" title="Cumulative profit">
            <ProfitChart
                plot=plot
                dark=dark
                empty_text="No closed trades yet"
                label="Cumulative profit over time; dotted: projected with the open trades"
            />
        </ProfitCard>
    }
}

/// The period's data: `None` while loading, an error text when the call failed.
pub type PeriodData = Option<Result<PeriodSeries, String>>;

/// Profit per day, week or month, with a switch.
#[component]
pub fn PeriodProfitCard(
    period: RwSignal<Period>,
    #[prop(into)] data: Signal<PeriodData>,
    #[prop(into)] dark: Signal<bool>,
) -> impl IntoView {
    let plot = Memo::new(move |_| {
        data.with(|d| match d {
            Some(Ok(series)) => Some(ProfitPlot::Bars(period_bars(series, false))),
            Some(Err(_)) => Some(ProfitPlot::Bars(period_bars(
                &PeriodSeries::default(),
                false,
            ))),
            None => None,
        })
    });
    let error = move || data.with(|d| d.as_ref().and_then(|r| r.as_ref().err().cloned()));
    let switch = view! {
        <div class="segmented" role="group" aria-label="Period">
            {Period::ALL
                .into_iter()
                .map(|p| view! {
                    <button
                        type="button"
                        aria-pressed=move || (period.get() == p).to_string()
                        class:active=move || period.get() == p
                        on:click=move |_| period.set(p)
                    >
                        {p.adjective()}
                    </button>
                })
                .collect_view()}
        </div>
    }
    .into_any();
    let empty = move || {
        let p = period.get();
        format!(
            "No closed trades in the last {} {}s",
            chart_period_count(p),
            p.noun()
        )
    };
    view! {
        <ProfitCard kind="periods" title="Profit over time" controls=switch>
            <ProfitChart
                plot=plot
                dark=dark
                empty_text=empty
                label="Profit per period: bars by sign, dots for the trade count"
            />
            <p class="profit-legend muted">
                <span class="swatch profit-bg"></span>"profit "
                <span class="swatch loss-bg"></span>"loss "
                <span class="swatch count-bg round"></span>"trades (right axis)"
            </p>
            {move || error().map(|e| view! { <p class="error-text">{format!("Could not load: {e}")}</p> })}
        </ProfitCard>
    }
}

/// The Periods tab's chart of the periods in its table: absolute or relative profit per period.
#[component]
pub fn PeriodBreakdownCard(
    /// `None` while loading.
    #[prop(into)]
    series: Signal<Option<PeriodSeries>>,
    #[prop(into)] dark: Signal<bool>,
) -> impl IntoView {
    let relative = RwSignal::new(false);
    let plot = Memo::new(move |_| {
        let rel = relative.get();
        series.with(|s| s.as_ref().map(|s| ProfitPlot::Bars(period_bars(s, rel))))
    });
    let switch = view! {
        <div class="segmented" role="group" aria-label="Profit as">
            {[(false, "Absolute"), (true, "Relative")]
                .into_iter()
                .map(|(rel, text)| view! {
                    <button
                        type="button"
                        aria-pressed=move || (relative.get() == rel).to_string()
                        class:active=move || relative.get() == rel
                        on:click=move |_| relative.set(rel)
                    >
                        {text}
                    </button>
                })
                .collect_view()}
        </div>
    }
    .into_any();
    view! {
        <ProfitCard kind="period-breakdown" title="Profit per period" controls=switch>
            <ProfitChart
                plot=plot
                dark=dark
                empty_text="No closed trades in these periods"
                label="Profit per period: bars by sign, dots for the trade count"
            />
        </ProfitCard>
    }
}

/// Histogram of the closed trades' profit, with a bin count select.
#[component]
pub fn ProfitDistributionCard(
    #[prop(into)] closed: Signal<Option<Vec<ClosedTrade>>>,
    bins: RwSignal<usize>,
    #[prop(into)] dark: Signal<bool>,
    /// Trade durations instead of profits (a backtest's analysis).
    #[prop(optional)]
    durations: bool,
) -> impl IntoView {
    let plot = Memo::new(move |_| {
        let n = bins.get();
        closed.with(|c| {
            c.as_ref().map(|c| {
                ProfitPlot::Bars(if durations {
                    duration_plot(c, n)
                } else {
                    distribution_plot(c, n)
                })
            })
        })
    });
    let (kind, title, label) = if durations {
        (
            "durations",
            "Trade durations",
            "Number of closed trades per duration range",
        )
    } else {
        (
            "distribution",
            "Profit distribution",
            "Number of closed trades per profit range",
        )
    };
    let select = view! {
        <label class="inline-field">
            "Bins"
            <select
                id=(!durations).then_some("profit-bins")
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                        bins.set(n);
                    }
                }
            >
                {BIN_CHOICES
                    .into_iter()
                    .map(|n| view! { <option value=n.to_string() selected=move || bins.get() == n>{n.to_string()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
    .into_any();
    view! {
        <ProfitCard kind=kind title=title controls=select>
            <ProfitChart
                plot=plot
                dark=dark
                empty_text="No closed trades yet"
                label=label
            />
        </ProfitCard>
    }
}

/// One bar per closed trade.
#[component]
pub fn TradesLogCard(
    #[prop(into)] closed: Signal<Option<Vec<ClosedTrade>>>,
    #[prop(into)] currency: Signal<String>,
    #[prop(into)] offset_minutes: Signal<i32>,
    #[prop(into)] dark: Signal<bool>,
) -> impl IntoView {
    let plot = Memo::new(move |_| {
        let (offset, cur) = (offset_minutes.get(), currency.get());
        closed.with(|c| {
            c.as_ref()
                .map(|c| ProfitPlot::Bars(trades_log_plot(c, offset, &cur)))
        })
    });
    view! {
        <ProfitCard kind="trades-log" title="Trades log">
            <ProfitChart
                plot=plot
                dark=dark
                empty_text="No closed trades yet"
                label="Profit of each closed trade in percent, oldest first"
            />
        </ProfitCard>
    }
}

/// The balance per currency.
#[component]
pub fn BalanceDonutCard(
    #[prop(into)] balance: Signal<Option<BalanceInput>>,
    #[prop(into)] dark: Signal<bool>,
) -> impl IntoView {
    let plot = Memo::new(move |_| {
        balance.with(|b| b.as_ref().map(|b| ProfitPlot::Donut(balance_plot(b))))
    });
    view! {
        <ProfitCard kind="balance" title="Balance">
            <ProfitChart
                plot=plot
                dark=dark
                empty_text="No balance to show"
                label="Balance per currency, valued in stake currency"
            />
        </ProfitCard>
    }
}

fn signed_class(v: Option<f64>) -> &'static str {
    match v {
        Some(v) if v > 0.0 => "profit",
        Some(v) if v < 0.0 => "loss",
        _ => "",
    }
}

/// Closed profit, open profit and the trade count.
#[component]
pub fn ProfitSummary(
    #[prop(into)] closed: Signal<Option<Vec<ClosedTrade>>>,
    #[prop(into)] open: Signal<Option<OpenProfit>>,
    /// Open trades are loaded (`open` is `None` both while loading and when none is open).
    #[prop(into)]
    open_loaded: Signal<bool>,
    #[prop(into)] currency: Signal<String>,
) -> impl IntoView {
    let closed_profit = Memo::new(move |_| {
        closed.with(|c| {
            c.as_ref().map(|c| {
                let sum: f64 = c.iter().map(|t| t.profit_abs).sum();
                if sum.is_finite() {
                    sum
                } else {
                    0.0
                }
            })
        })
    });
    let open_profit = Memo::new(move |_| {
        open_loaded
            .get()
            .then(|| open.get().map(|o| o.profit_abs).unwrap_or(0.0))
    });
    let text = move |v: Option<f64>| {
        v.map(|v| coin_money(v, &currency.get()))
            .unwrap_or_else(|| "–".to_string())
    };
    let count = move || {
        let closed = closed.with(|c| c.as_ref().map(Vec::len));
        let open = open.get().map(|o| o.count).unwrap_or(0);
        match closed {
            Some(n) if open_loaded.get() => format!("{} ({n} closed, {open} open)", n + open),
            Some(n) => format!("{n} closed"),
            None => "–".to_string(),
        }
    };
    view! {
        <section class="card profit-summary" aria-label="Profit summary">
            <dl class="kv">
                <div>
                    <dt>"Closed profit"</dt>
                    <dd class=move || signed_class(closed_profit.get()) data-field="closed-profit">
                        {move || text(closed_profit.get())}
                    </dd>
                </div>
                <div>
                    <dt>"Open profit"</dt>
                    <dd class=move || signed_class(open_profit.get()) data-field="open-profit">
                        {move || text(open_profit.get())}
                    </dd>
                </div>
                <div>
                    <dt>"Trades"</dt>
                    <dd data-field="trade-count">{count}</dd>
                </div>
            </dl>
        </section>
    }
}
