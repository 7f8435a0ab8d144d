//! Profit summary: closed and overall profit, wins, draws and losses, best pair, trade dates, drawdown and the
//! risk ratios, for all trades or, on bots that trade both directions, for longs or shorts alone.

use crate::util::format::{money, number, percent, sign_class};
use leptos::prelude::*;

use crate::components::when::When;

use super::common::{stake_currency, stake_decimals, store_view, time_text};
use crate::api::wire::{ProfitAll, ProfitStats};
use crate::state::bot_store::use_bot_store;
use crate::state::settings::{use_settings, Settings};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    All,
    Long,
    Short,
}

impl Side {
    fn label(self) -> &'static str {
        match self {
            Side::All => "All",
            Side::Long => "Long",
            Side::Short => "Short",
        }
    }
}

/// The statistics to show: the chosen side of `/profit_all` (all trades when that side is missing), or the
/// legacy `/profit` on bots without `/profit_all`.
fn pick(all: Option<ProfitAll>, legacy: Option<ProfitStats>, side: Side) -> Option<ProfitStats> {
    match all {
        Some(all) => Some(match side {
            Side::Long => all.long.unwrap_or(all.all),
            Side::Short => all.short.unwrap_or(all.all),
            Side::All => all.all,
        }),
        None => legacy,
    }
}

/// Closed trades that neither won nor lost.
fn draws(p: &ProfitStats) -> i64 {
    (p.closed_trade_count - p.winning_trades - p.losing_trades).max(0)
}

/// One line of the metrics list: label, value and CSS class.
struct Metric {
    label: &'static str,
    value: String,
    class: &'static str,
}

fn metric(label: &'static str, value: String) -> Metric {
    Metric {
        label,
        value,
        class: "",
    }
}

fn signed(label: &'static str, value: String, sign: Option<f64>) -> Metric {
    Metric {
        label,
        value,
        class: sign_class(sign),
    }
}

/// Everything below the closed/all table, in order; ratios the bot could not compute are left out.
fn metrics(p: &ProfitStats, decimals: usize, currency: &str, settings: &Settings) -> Vec<Metric> {
    let mut rows = vec![
        metric(
            "Wins / draws / losses",
            format!("{} / {} / {}", p.winning_trades, draws(p), p.losing_trades),
        ),
        metric("Winrate", percent(p.winrate, 1)),
        signed(
            "Best pair",
            if p.best_pair.is_empty() {
                "–".to_string()
            } else {
                format!("{} ({})", p.best_pair, percent(p.best_pair_profit_ratio, 2))
            },
            p.best_pair_profit_ratio,
        ),
        metric(
            "Average duration",
            if p.avg_duration.is_empty() {
                "–".to_string()
            } else {
                p.avg_duration.clone()
            },
        ),
        metric(
            "First trade",
            time_text(settings, Some(p.first_trade_timestamp)),
        ),
        metric(
            "Latest trade",
            time_text(settings, Some(p.latest_trade_timestamp)),
        ),
        metric(
            "Max drawdown",
            format!(
                "{} ({})",
                percent(p.max_drawdown, 2),
                money(p.max_drawdown_abs, decimals, currency)
            ),
        ),
    ];
    if let (Some(start), Some(end)) = (p.max_drawdown_start_timestamp, p.max_drawdown_end_timestamp)
    {
        if start > 0 && end > 0 {
            rows.push(metric(
                "Max drawdown period",
                format!(
                    "{} – {}",
                    time_text(settings, Some(start)),
                    time_text(settings, Some(end))
                ),
            ));
        }
    }
    if p.current_drawdown.is_some() {
        rows.push(metric(
            "Current drawdown",
            format!(
                "{} ({})",
                percent(p.current_drawdown, 2),
                money(p.current_drawdown_abs, decimals, currency)
            ),
        ));
    }
    rows.push(metric("Profit factor", number(p.profit_factor, 2)));
    rows.push(signed(
        "Expectancy",
        format!(
            "{} (ratio {})",
            money(p.expectancy, decimals, currency),
            number(p.expectancy_ratio, 2)
        ),
        p.expectancy,
    ));
    let optional = [
        ("CAGR", p.cagr.map(|v| percent(Some(v), 2))),
        ("Sharpe", p.sharpe.map(|v| number(Some(v), 2))),
        ("Sortino", p.sortino.map(|v| number(Some(v), 2))),
        ("Calmar", p.calmar.map(|v| number(Some(v), 2))),
        ("SQN", p.sqn.map(|v| number(Some(v), 2))),
    ];
    rows.extend(
        optional
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| metric(label, v))),
    );
    rows.push(metric(
        "Trading volume",
        money(p.trading_volume, decimals, currency),
    ));
    rows.push(metric(
        "Bot started",
        time_text(settings, p.bot_start_timestamp),
    ));
    rows
}

#[component]
pub fn ProfitPanel() -> impl IntoView {
    let store = use_bot_store();
    let settings = use_settings().0;
    let side = RwSignal::new(Side::All);
    let decimals = stake_decimals(store);
    let currency = stake_currency(store);
    let has_sides = Signal::derive(move || {
        store.profit_all.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.long.is_some() || a.short.is_some())
        })
    });
    let stats =
        Signal::derive(move || pick(store.profit_all.get(), store.profit.get(), side.get()));

    view! {
        <div class="panel panel-profit">
            <div class="panel-head">
                <h2>"Profit"</h2>
                <When when=move || has_sides.get()>
                    <div class="segmented" role="group" aria-label="Direction">
                        {[Side::All, Side::Long, Side::Short]
                            .into_iter()
                            .map(|s| view! {
                                <button
                                    aria-pressed=move || (side.get() == s).to_string()
                                    class:active=move || side.get() == s
                                    on:click=move |_| side.set(s)
                                >
                                    {s.label()}
                                </button>
                            })
                            .collect_view()}
                    </div>
                </When>
            </div>
            {store_view(store, stats, "Loading profit…", move |p| {
                let (d, c, s) = (decimals.get(), currency.get(), settings.get());
                let rows = metrics(&p, d, &c, &s);
                view! {
                    {(p.trade_count == 0).then(|| view! { <p class="muted panel-empty">"No trades yet."</p> })}
                    <div class="table-wrap">
                        <table class="profit-totals">
                            <thead>
                                <tr>
                                    <th></th>
                                    <th scope="col">"Closed trades"</th>
                                    <th scope="col">"All trades (incl. open)"</th>
                                </tr>
                            </thead>
                            <tbody>
                                <tr>
                                    <th scope="row">{format!("Profit {c}").trim_end().to_string()}</th>
                                    <td class=sign_class(p.profit_closed_coin)>{money(p.profit_closed_coin, d, "")}</td>
                                    <td class=sign_class(p.profit_all_coin)>{money(p.profit_all_coin, d, "")}</td>
                                </tr>
                                <tr>
                                    <th scope="row">"Profit % of starting balance"</th>
                                    <td
                                        class=sign_class(p.profit_closed_ratio)
                                        title=format!("ratio {}", number(p.profit_closed_ratio, 6))
                                    >
                                        {percent(p.profit_closed_ratio, 2)}
                                    </td>
                                    <td
                                        class=sign_class(p.profit_all_ratio)
                                        title=format!("ratio {}", number(p.profit_all_ratio, 6))
                                    >
                                        {percent(p.profit_all_ratio, 2)}
                                    </td>
                                </tr>
                                <tr>
                                    <th scope="row">"Mean profit per trade"</th>
                                    <td class=sign_class(p.profit_closed_ratio_mean)>
                                        {percent(p.profit_closed_ratio_mean, 2)}
                                    </td>
                                    <td class=sign_class(p.profit_all_ratio_mean)>
                                        {percent(p.profit_all_ratio_mean, 2)}
                                    </td>
                                </tr>
                                <tr>
                                    <th scope="row">"Trades"</th>
                                    <td class="closed-trade-count">{p.closed_trade_count}</td>
                                    <td>{p.trade_count}</td>
                                </tr>
                            </tbody>
                        </table>
                    </div>
                    <dl class="kv profit-metrics">
                        {rows
                            .into_iter()
                            .map(|m| view! {
                                <div>
                                    <dt>{m.label}</dt>
                                    <dd class=m.class>{m.value}</dd>
                                </div>
                            })
                            .collect_view()}
                    </dl>
                }
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoints;

    fn fixture() -> ProfitAll {
        endpoints::profit_all()
            .decode(include_str!("../../../tests/fixtures/profit_all.json"))
            .unwrap_or_default()
    }

    #[test]
    fn picks_the_side_and_falls_back() {
        let all = fixture();
        assert_eq!(all.all.closed_trade_count, 2);
        // A spot bot has no long/short split: every side shows all trades.
        assert_eq!(
            pick(Some(all.clone()), None, Side::Long),
            Some(all.all.clone())
        );
        let legacy = ProfitStats {
            trade_count: 9,
            ..ProfitStats::default()
        };
        assert_eq!(pick(None, Some(legacy.clone()), Side::Short), Some(legacy));
        let split = ProfitAll {
            long: Some(ProfitStats {
                trade_count: 1,
                ..ProfitStats::default()
            }),
            ..all
        };
        assert_eq!(
            pick(Some(split), None, Side::Long).map(|p| p.trade_count),
            Some(1)
        );
        assert_eq!(pick(None, None, Side::All), None);
    }

    #[test]
    fn metrics_of_the_fixture() {
        let p = fixture().all;
        assert_eq!(draws(&p), 0);
        let rows = metrics(&p, 3, "USDT", &Settings::default());
        let find = |label: &str| {
            rows.iter()
                .find(|m| m.label == label)
                .map(|m| m.value.clone())
                .unwrap_or_default()
        };
        assert_eq!(find("Wins / draws / losses"), "0 / 0 / 2");
        assert_eq!(find("Winrate"), "0.0 %");
        assert_eq!(find("Best pair"), "BTC/USDT (-0.20 %)");
        assert_eq!(find("First trade"), "2026-11-21 13:46:13");
        assert_eq!(find("Max drawdown"), "0.02 % (0.199 USDT)");
        assert_eq!(find("Profit factor"), "0.00");
        assert_eq!(find("Expectancy"), "-0.100 USDT (ratio -1.00)");
        assert_eq!(find("CAGR"), "-7.02 %");
        assert_eq!(find("Bot started"), "2026-11-21 13:46:12");
        assert!(rows
            .iter()
            .any(|m| m.label == "Expectancy" && m.class == "loss"));
    }

    #[test]
    fn missing_ratios_are_left_out() {
        let p = ProfitStats {
            closed_trade_count: 3,
            winning_trades: 1,
            losing_trades: 1,
            ..ProfitStats::default()
        };
        assert_eq!(draws(&p), 1);
        let rows = metrics(&p, 3, "USDT", &Settings::default());
        assert!(!rows
            .iter()
            .any(|m| m.label == "Sharpe" || m.label == "CAGR"));
        assert!(rows
            .iter()
            .any(|m| m.label == "First trade" && m.value == "–"));
    }
}
