//! Profit per day, week or month: for the last N periods a chart (absolute or relative profit) and a table of
//! the absolute and relative profit, its value in the bot's fiat currency when it has one, the balance the period
//! started with and its trade count, newest first.

use crate::api::features::Feature;
use crate::util::format::{money, percent, sign_class};
use leptos::prelude::*;

use super::common::{resource_view, stake_currency, stake_decimals};
use crate::api::wire::Period;
use crate::api::wire::{TimeSummaryRecord, TimeSummaryResponse};
use crate::charts::profit::decode::period_series;
use crate::charts::profit::PeriodBreakdownCard;
use crate::runtime::Load;
use crate::state::bot_store::use_bot_store;
use crate::state::settings::use_dark_theme;

/// The period counts offered; the first is the default.
fn counts(period: Period) -> &'static [u32] {
    match period {
        Period::Days => &[7, 14, 30, 60, 90],
        Period::Weeks => &[4, 8, 12, 26, 52],
        Period::Months => &[3, 6, 12, 24],
    }
}

fn default_count(period: Period) -> u32 {
    counts(period).first().copied().unwrap_or(7)
}

/// The most periods one request asks for (over a year of days).
const MAX_COUNT: u32 = 400;

/// A typed count of periods: a whole number from 1 to `MAX_COUNT`, else `None` (the count stays).
fn parse_count(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_COUNT).contains(n))
}

/// What the bot needs to serve a period (days: every bot).
fn feature(period: Period) -> Option<Feature> {
    match period {
        Period::Days => None,
        Period::Weeks | Period::Months => Some(Feature::WeeklyMonthly),
    }
}

/// The fiat column's currency: the bot's `fiat_display_currency` when set and it sent a value.
fn fiat_column(answer: &TimeSummaryResponse) -> Option<String> {
    let currency = answer.fiat_display_currency.trim();
    (!currency.is_empty() && answer.data.iter().any(|r| r.fiat_value.is_some()))
        .then(|| currency.to_string())
}

/// The sum of the periods' profit and trades.
fn totals(records: &[TimeSummaryRecord]) -> (f64, i64) {
    records.iter().fold((0.0, 0), |(profit, trades), r| {
        (profit + r.abs_profit.unwrap_or(0.0), trades + r.trade_count)
    })
}

#[component]
pub fn PeriodsPanel() -> impl IntoView {
    let store = use_bot_store();
    let period = RwSignal::new(Period::Days);
    let count = RwSignal::new(default_count(Period::Days));
    let decimals = stake_decimals(store);
    let currency = stake_currency(store);
    let summary = Load::new(move || {
        store.revision.track();
        let (unit, n) = (period.get(), count.get());
        async move { store.read_period_summary(unit, n).await.map(|a| (unit, a)) }
    });
    let series = Signal::derive(move || {
        summary.with(|s| {
            s.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|(unit, answer)| period_series(*unit, answer))
        })
    });

    view! {
        <div class="panel panel-periods">
            <div class="panel-head">
                <h2>"Profit per period"</h2>
                <div class="panel-controls">
                    <div class="control">
                        <label for="periods-kind">"Period"</label>
                        <select
                            id="periods-kind"
                            prop:value=move || period.get().key()
                            on:change=move |ev| {
                                let p = Period::from_key(&event_target_value(&ev)).unwrap_or_default();
                                period.set(p);
                                count.set(default_count(p));
                            }
                        >
                            {Period::ALL
                                .into_iter()
                                .map(|p| view! {
                                    <option
                                        value=p.key()
                                        disabled=move || feature(p).is_some_and(|f| !store.has(f))
                                    >
                                        {p.plural()}
                                    </option>
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="control">
                        <label for="periods-count">"Show last"</label>
                        // Any count (read when the field is left or Enter pressed), with the usual ones suggested.
                        <input
                            id="periods-count"
                            type="number"
                            min="1"
                            max=MAX_COUNT.to_string()
                            list="periods-counts"
                            prop:value=move || count.get().to_string()
                            on:change=move |ev| match parse_count(&event_target_value(&ev)) {
                                Some(n) => count.set(n),
                                // Not a count: show the one in use again.
                                None => count.update(|_| {}),
                            }
                        />
                        <datalist id="periods-counts">
                            {move || {
                                counts(period.get())
                                    .iter()
                                    .map(|n| view! { <option value=n.to_string()></option> })
                                    .collect_view()
                            }}
                        </datalist>
                    </div>
                    <button on:click=move |_| summary.refetch()>"Reload"</button>
                </div>
            </div>
            <PeriodBreakdownCard series=series dark=use_dark_theme() />
            {resource_view(summary, "Loading profit per period…", move |(_, answer)| {
                if answer.data.is_empty() {
                    return view! { <p class="muted panel-empty">"No periods yet."</p> }.into_any();
                }
                let d = decimals.get();
                let stake = if answer.stake_currency.is_empty() { currency.get() } else { answer.stake_currency.clone() };
                let (total_profit, total_trades) = totals(&answer.data);
                let fiat = fiat_column(&answer);
                let fiat_total: f64 = answer.data.iter().filter_map(|r| r.fiat_value).sum();
                view! {
                    <div class="table-wrap">
                        <table class="periods">
                            <thead>
                                <tr>
                                    <th>"Date"</th>
                                    <th class="num">{format!("Profit {stake}").trim_end().to_string()}</th>
                                    <th class="num">"Profit %"</th>
                                    {fiat.clone().map(|f| view! { <th class="num fiat">{format!("Profit {f}")}</th> })}
                                    <th class="num">"Starting balance"</th>
                                    <th class="num">"Trades"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {answer
                                    .data
                                    .into_iter()
                                    .map(|r| view! {
                                        <tr>
                                            <td>{r.date}</td>
                                            <td class=format!("num {}", sign_class(r.abs_profit))>{money(r.abs_profit, d, "")}</td>
                                            <td class=format!("num {}", sign_class(r.rel_profit))>{percent(r.rel_profit, 2)}</td>
                                            {fiat.is_some().then(|| view! { <td class=format!("num fiat {}", sign_class(r.fiat_value))>{money(r.fiat_value, 2, "")}</td> })}
                                            <td class="num">{money(r.starting_balance, d, "")}</td>
                                            <td class="num">{r.trade_count}</td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                            <tfoot>
                                <tr>
                                    <th scope="row">"Total"</th>
                                    <td class=format!("num {}", sign_class(Some(total_profit)))>{money(Some(total_profit), d, "")}</td>
                                    <td></td>
                                    {fiat.is_some().then(|| view! { <td class=format!("num fiat {}", sign_class(Some(fiat_total)))>{money(Some(fiat_total), 2, "")}</td> })}
                                    <td></td>
                                    <td class="num">{total_trades}</td>
                                </tr>
                            </tfoot>
                        </table>
                    </div>
                }
                .into_any()
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoints;

    #[test]
    fn the_fiat_column_needs_a_currency_and_values() {
        let record = |fiat: Option<f64>| TimeSummaryRecord {
            fiat_value: fiat,
            ..Default::default()
        };
        let mut answer = TimeSummaryResponse {
            data: vec![record(None), record(Some(1.5))],
            fiat_display_currency: "USD".into(),
            stake_currency: "USDT".into(),
        };
        assert_eq!(fiat_column(&answer), Some("USD".to_string()));
        answer.fiat_display_currency = " ".into();
        assert_eq!(fiat_column(&answer), None);
        answer.fiat_display_currency = "EUR".into();
        answer.data = vec![record(None)];
        assert_eq!(fiat_column(&answer), None);
    }

    #[test]
    fn a_typed_count_is_a_whole_number_in_range() {
        assert_eq!(parse_count("10"), Some(10));
        assert_eq!(parse_count(" 365 "), Some(365));
        assert_eq!(parse_count("0"), None);
        assert_eq!(parse_count("401"), None);
        assert_eq!(parse_count("-3"), None);
        assert_eq!(parse_count("2.5"), None);
        assert_eq!(parse_count(""), None);
    }

    #[test]
    fn periods_and_their_counts() {
        for p in Period::ALL {
            assert_eq!(Period::from_key(p.key()), Some(p));
            assert!(counts(p).contains(&default_count(p)));
        }
        assert_eq!(Period::from_key("yearly"), None);
        assert_eq!(
            (
                default_count(Period::Days),
                default_count(Period::Weeks),
                default_count(Period::Months)
            ),
            (7, 4, 3)
        );
        assert_eq!(
            endpoints::period_summary(Period::Weeks, 4)
                .request
                .path_and_query(),
            "/weekly?timescale=4"
        );
    }

    #[test]
    fn totals_of_the_fixture() {
        let answer = endpoints::daily(7)
            .decode(include_str!("../../../tests/fixtures/daily_7.json"))
            .unwrap_or_default();
        let (profit, trades) = totals(&answer.data);
        assert!((profit - -0.19933531).abs() < 1e-12);
        assert_eq!(trades, 2);
        assert_eq!(totals(&[]), (0.0, 0));
    }
}
