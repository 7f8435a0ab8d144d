//! The Trade page. For now: the selected bot's state and configuration, and its open-trade count, from the bot.
//! The trading cockpit (tables, actions, panels) builds on this.

use leptos::prelude::*;

use crate::api::endpoints;
use crate::api::wire::{CountResponse, ShowConfig, Trade};
use crate::components::error_notice::ErrorNotice;
use crate::components::require_bot::RequireBot;
use crate::state::persist::BotId;
use crate::state::registry::use_registry;
use crate::util::format;

#[component]
pub fn TradePage() -> impl IntoView {
    view! {
        <RequireBot let:id>
            <BotOverview id=id />
        </RequireBot>
    }
}

#[component]
fn BotOverview(id: BotId) -> impl IntoView {
    let registry = use_registry();
    // The three calls start together: with an expired access token they share one refresh.
    let config = {
        let id = id.clone();
        LocalResource::new(move || {
            let id = id.clone();
            async move { registry.call(&id, endpoints::show_config()).await }
        })
    };
    let count = {
        let id = id.clone();
        LocalResource::new(move || {
            let id = id.clone();
            async move { registry.call(&id, endpoints::count()).await }
        })
    };
    let open = LocalResource::new(move || {
        let id = id.clone();
        async move { registry.call(&id, endpoints::status()).await }
    });

    view! {
        <section class="card bot-summary">
            <div class="card-head">
                <h1>"Bot"</h1>
            </div>
            {move || match config.get() {
                None => view! { <p class="muted">"Loading the bot's configuration…"</p> }.into_any(),
                Some(Ok(c)) => view! { <ConfigSummary config=c /> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=Signal::stored(Some(e)) /> }.into_any(),
            }}
        </section>
        <section class="card">
            <h2>"Open trades"</h2>
            {move || match (count.get(), open.get()) {
                (Some(Ok(c)), Some(Ok(trades))) => view! { <OpenTrades count=c trades=trades /> }.into_any(),
                (Some(Err(e)), _) | (_, Some(Err(e))) => {
                    view! { <ErrorNotice error=Signal::stored(Some(e)) /> }.into_any()
                }
                _ => view! { <p class="muted">"Loading open trades…"</p> }.into_any(),
            }}
            <p class="muted">"Trade tables, trade actions and the profit panels are coming."</p>
        </section>
    }
}

#[component]
fn ConfigSummary(config: ShowConfig) -> impl IntoView {
    let mode = if config.dry_run { "dry-run" } else { "live" };
    let rows: Vec<(&'static str, String)> = vec![
        ("Name", config.bot_name.clone()),
        ("State", config.state.to_string()),
        ("Mode", format!("{mode} · {}", config.runmode)),
        ("Strategy", config.strategy.clone().unwrap_or_default()),
        ("Timeframe", config.timeframe.clone().unwrap_or_default()),
        ("Exchange", config.exchange.clone()),
        ("Trading mode", config.trading_mode.to_string()),
        (
            "Stake",
            format!("{} {}", config.stake_amount, config.stake_currency),
        ),
        (
            "Max open trades",
            config
                .max_open_trades
                .map(|m| m.to_string())
                .unwrap_or_else(|| "∞".into()),
        ),
        ("Version", config.version.clone()),
    ];
    view! {
        <dl class="kv">
            {rows
                .into_iter()
                .map(|(k, v)| view! {
                    <div>
                        <dt>{k}</dt>
                        <dd>{v}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
    }
}

#[component]
fn OpenTrades(count: CountResponse, trades: Vec<Trade>) -> impl IntoView {
    let stake = format::opt_fixed(count.total_stake, 2);
    view! {
        <p class="open-trade-count">
            {format!("Open trades {} / max {} · stake in use {stake}", count.current, count.max)}
        </p>
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th>"ID"</th>
                        <th>"Pair"</th>
                        <th>"Amount"</th>
                        <th>"Open rate"</th>
                        <th>"Current rate"</th>
                        <th>"Profit %"</th>
                    </tr>
                </thead>
                <tbody>
                    {trades
                        .into_iter()
                        .map(|t| {
                            let pct = t.profit_pct.or(t.profit_ratio.map(|r| r * 100.0));
                            let class = if pct.unwrap_or(0.0) >= 0.0 { "profit" } else { "loss" };
                            view! {
                                <tr>
                                    <td>{t.trade_id}</td>
                                    <td>{t.pair.clone()}</td>
                                    <td>{format::fixed(t.amount, 6)}</td>
                                    <td>{format::fixed(t.open_rate, 4)}</td>
                                    <td>{format::opt_fixed(t.current_rate, 4)}</td>
                                    <td class=class>{format::opt_fixed(pct, 2)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
