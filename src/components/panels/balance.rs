//! The bot's wallet: one row per currency (free, used, total, value in stake currency), the totals, the
//! starting capital and the change since then. Dry-run balances are marked as such.

use crate::util::format::{amount, money, percent, sign_class};
use leptos::prelude::*;

use crate::components::when::When;

use super::common::{stake_decimals, store_view};
use super::wallet_history::WalletHistoryCard;
use crate::api::wire::{BalanceRecord, BalanceResponse};
use crate::charts::profit::{decode, BalanceDonutCard};
use crate::state::bot_store::use_bot_store;
use crate::state::settings::use_dark_theme;

/// Dust: not the stake currency, and worth less than the smallest stake amount the bot shows.
fn is_small(record: &BalanceRecord, stake: &str, decimals: usize, bot_only: bool) -> bool {
    let smallest = 10f64.powi(-(decimals.min(12) as i32));
    let value = if bot_only {
        record.est_stake_bot
    } else {
        record.est_stake
    };
    record.currency != stake && value.unwrap_or(0.0).abs() < smallest
}

/// The first column: the currency, or for a futures position its pair and side.
fn currency_label(record: &BalanceRecord) -> String {
    if record.is_position && !record.side.is_empty() {
        format!("{} ({} position)", record.currency, record.side)
    } else {
        record.currency.clone()
    }
}

fn summary(b: &BalanceResponse, decimals: usize) -> Vec<(&'static str, String, &'static str)> {
    let stake = b.stake.as_str();
    let mut rows = vec![
        (
            "Stake currency",
            if stake.is_empty() {
                "–".to_string()
            } else {
                stake.to_string()
            },
            "",
        ),
        ("Total", money(b.total, decimals, stake), ""),
        (
            "Managed by the bot",
            money(b.total_bot, decimals, stake),
            "",
        ),
        (
            "Starting capital",
            money(b.starting_capital, decimals, stake),
            "",
        ),
        (
            "Change since start",
            percent(b.starting_capital_ratio, 2),
            sign_class(b.starting_capital_ratio),
        ),
    ];
    if !b.symbol.is_empty() && b.value.is_some_and(|v| v != 0.0) {
        rows.push(("Total in fiat", money(b.value, 2, &b.symbol), ""));
    }
    rows
}

#[component]
pub fn BalancePanel() -> impl IntoView {
    let store = use_bot_store();
    let decimals = stake_decimals(store);
    let hide_small = RwSignal::new(true);
    // The whole account, or only what the bot owns (`bot_owned`, `est_stake_bot`).
    let bot_only = RwSignal::new(false);
    let donut = Memo::new(move |_| {
        let bot = bot_only.get();
        store
            .balance
            .with(|b| b.as_ref().map(|b| decode::balance(b, bot)))
    });
    let dry = Signal::derive(move || store.config.with(|c| c.as_ref().is_some_and(|c| c.dry_run)));

    view! {
        <div class="panel panel-balance">
            <div class="panel-head">
                <h2>
                    "Balance"
                    <When when=move || dry.get()>
                        <span class="dry-marker" title="Dry-run: simulated balances">" (dry)"</span>
                    </When>
                </h2>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || hide_small.get()
                        on:change=move |ev| hide_small.set(event_target_checked(&ev))
                    />
                    "Hide small balances"
                </label>
                <div class="segmented" role="group" aria-label="Balances of">
                    <button type="button" class:active=move || !bot_only.get() aria-pressed=move || (!bot_only.get()).to_string() on:click=move |_| bot_only.set(false)>"Account"</button>
                    <button type="button" class:active=move || bot_only.get() aria-pressed=move || bot_only.get().to_string() on:click=move |_| bot_only.set(true)>"Bot"</button>
                </div>
            </div>
            {store_view(store, store.balance, "Loading balance…", move |b| {
                let d = decimals.get();
                let bot = bot_only.get();
                let stake = b.stake.clone();
                let total_count = b.currencies.len();
                let shown: Vec<BalanceRecord> = b
                    .currencies
                    .iter()
                    .filter(|r| !(hide_small.get() && is_small(r, &stake, d, bot)))
                    .cloned()
                    .collect();
                let hidden = total_count - shown.len();
                view! {
                    <dl class="kv compact balance-summary">
                        {summary(&b, d)
                            .into_iter()
                            .map(|(label, value, class)| view! {
                                <div>
                                    <dt>{label}</dt>
                                    <dd class=class>{value}</dd>
                                </div>
                            })
                            .collect_view()}
                    </dl>
                    {(!b.note.is_empty()).then(|| view! { <p class="muted balance-note">{b.note.clone()}</p> })}
                    {if total_count == 0 {
                        view! { <p class="muted panel-empty">"No balances yet."</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-wrap">
                                <table class="balances">
                                    <thead>
                                        <tr>
                                            <th>"Currency"</th>
                                            {(!bot).then(|| view! {
                                                <th class="num">"Free"</th>
                                                <th class="num">"Used"</th>
                                            })}
                                            <th class="num">{if bot { "Owned by the bot" } else { "Balance" }}</th>
                                            <th class="num">{format!("Est. {stake}").trim_end().to_string()}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {shown
                                            .into_iter()
                                            .map(|r| view! {
                                                <tr>
                                                    <td>{currency_label(&r)}</td>
                                                    {(!bot).then(|| view! {
                                                        <td class="num">{amount(r.free)}</td>
                                                        <td class="num">{amount(r.used)}</td>
                                                    })}
                                                    <td class="num">{amount(if bot { r.bot_owned.unwrap_or(0.0) } else { r.balance })}</td>
                                                    <td class="num">{money(if bot { r.est_stake_bot } else { r.est_stake }, d, "")}</td>
                                                </tr>
                                            })
                                            .collect_view()}
                                    </tbody>
                                    <tfoot>
                                        <tr>
                                            <th scope="row" colspan=if bot { "2" } else { "4" }>"Total"</th>
                                            <td class="num balance-total">{money(if bot { b.total_bot } else { b.total }, d, "")}</td>
                                        </tr>
                                    </tfoot>
                                </table>
                            </div>
                            {(hidden > 0).then(|| view! {
                                <p class="muted">{format!("{hidden} small balance(s) hidden.")}</p>
                            })}
                        }
                        .into_any()
                    }}
                }
            })}
            <div class="profit-grid balance-charts">
                <BalanceDonutCard balance=donut dark=use_dark_theme() />
                <WalletHistoryCard />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoints;

    #[test]
    fn the_fixture_summary() {
        let b = endpoints::balance()
            .decode(include_str!("../../../tests/fixtures/balance.json"))
            .unwrap_or_default();
        let rows = summary(&b, 3);
        assert!(rows.contains(&("Total", "999.789 USDT".to_string(), "")));
        assert!(rows.contains(&("Starting capital", "990.000 USDT".to_string(), "")));
        assert!(rows.contains(&("Change since start", "-0.02 %".to_string(), "loss")));
        assert!(!rows.iter().any(|r| r.0 == "Total in fiat"));
        assert!(b.currencies.iter().all(|r| !is_small(r, "USDT", 3, false)));
    }

    #[test]
    fn dust_and_positions() {
        let dust = BalanceRecord {
            currency: "DOGE".into(),
            est_stake: Some(0.0004),
            ..BalanceRecord::default()
        };
        assert!(is_small(&dust, "USDT", 3, false));
        assert!(is_small(&dust, "USDT", 2, false));
        assert!(!is_small(
            &BalanceRecord {
                est_stake: Some(0.002),
                ..dust
            },
            "USDT",
            3,
            false
        ));
        let stake = BalanceRecord {
            currency: "USDT".into(),
            ..BalanceRecord::default()
        };
        assert!(!is_small(&stake, "USDT", 3, false));
        // The bot's part of a coin it does not hold is dust, whatever the account holds.
        let held = BalanceRecord {
            currency: "DOGE".into(),
            est_stake: Some(50.0),
            ..BalanceRecord::default()
        };
        assert!(!is_small(&held, "USDT", 3, false));
        assert!(is_small(&held, "USDT", 3, true));
        let pos = BalanceRecord {
            currency: "BTC/USDT:USDT".into(),
            is_position: true,
            side: "short".into(),
            ..BalanceRecord::default()
        };
        assert_eq!(currency_label(&pos), "BTC/USDT:USDT (short position)");
        assert_eq!(currency_label(&stake), "USDT");
    }
}
