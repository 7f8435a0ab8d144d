//! The selected bot's state and configuration, its open-trade count, and the start / stop / pause / reload
//! controls (each confirmed; the bot's answer is shown as a toast).

use leptos::prelude::*;

use crate::components::when::When;

use crate::api::wire::{RunMode, ShowConfig, TraderState};
use crate::components::modal::ConfirmButton;
use crate::runtime::use_view_scope;
use crate::state::bot_store::use_bot_store;

#[component]
pub fn BotControls() -> impl IntoView {
    let scope = use_view_scope();
    let store = use_bot_store();
    let config = store.config;
    let state = Signal::derive(move || config.with(|c| c.as_ref().map(|c| c.state)));
    let is = move |s: TraderState| Signal::derive(move || state.get() == Some(s));
    let trading =
        Signal::derive(move || config.with(|c| c.as_ref().is_some_and(|c| !c.is_webserver())));

    view! {
        <section class="card bot-summary">
            <div class="card-head">
                <h2>"Bot"</h2>
                <span class="state-badge" data-state=move || state.get().map(|s| s.as_str()).unwrap_or("loading")>
                    {move || state.get().map(|s| s.as_str().replace('_', " ")).unwrap_or_else(|| "loading…".into())}
                </span>
            </div>
            {move || match config.get() {
                None => view! { <p class="muted">"Loading the bot's configuration…"</p> }.into_any(),
                Some(c) => view! { <ConfigSummary config=c /> }.into_any(),
            }}
            <When when=move || trading.get()>
                <div class="controls">
                    <ConfirmButton
                        label="Start"
                        message=Signal::stored("Start the trader?".to_string())
                        disabled=is(TraderState::Running)
                        on_confirm=move |_| scope.spawn(async move { store.start().await })
                    />
                    <ConfirmButton
                        label="Stop"
                        danger=true
                        message=Signal::stored(
                            "Stop the trader? Open trades stay open and are no longer managed until it is started again."
                                .to_string(),
                        )
                        disabled=is(TraderState::Stopped)
                        on_confirm=move |_| scope.spawn(async move { store.stop().await })
                    />
                    <ConfirmButton
                        label="Pause"
                        message=Signal::stored(
                            "Pause new entries (stopbuy)? Open trades are still managed and exited by their rules."
                                .to_string(),
                        )
                        confirm_label="Pause entries"
                        disabled=Signal::derive(move || state.get() != Some(TraderState::Running))
                        on_confirm=move |_| scope.spawn(async move { store.stopbuy().await })
                    />
                    <ConfirmButton
                        label="Reload config"
                        message=Signal::stored("Reload the bot's configuration file? This also clears a pause.".to_string())
                        on_confirm=move |_| scope.spawn(async move { store.reload_config().await })
                    />
                    <button data-shortcut="refresh" on:click=move |_| store.refresh_everything() aria-label="Refresh now">
                        "Refresh"
                    </button>
                </div>
            </When>
        </section>
    }
}

#[component]
fn ConfigSummary(config: ShowConfig) -> impl IntoView {
    let mode = match (config.dry_run, config.runmode) {
        (_, RunMode::Webserver) => "webserver (no trading)".to_string(),
        (true, _) => "dry-run".to_string(),
        (false, RunMode::Live) => "live".to_string(),
        (false, other) => other.to_string(),
    };
    let rows: Vec<(&'static str, String)> = vec![
        ("Name", config.bot_name.clone()),
        ("Mode", mode),
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
        <dl class="kv compact">
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
