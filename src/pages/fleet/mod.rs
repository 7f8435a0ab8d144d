//! The fleet: every logged-in bot at once. A comparison table (one row per bot, totals per stake currency), the
//! cumulative profit per stake currency, and every bot's open and recent closed trades in one table each, each
//! row naming its bot. Each bot's figures come from its session store (`BotStore`), the same data its own pages
//! show; the recent log levels and the last bot loop are read here, once a minute while the page is visible.

mod curve;
mod trades;

use crate::util::format::{money, percent, sign_class};
use curve::FleetCurve;
use trades::FleetTrades;

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use crate::api::wire::{LogLevel, RunMode, TraderState};
use crate::components::app_href::app_href;
use crate::runtime::effect;

use crate::components::select_options::ListSelect;
use crate::components::trades::table::{cells_view, header_row, Cell};
use crate::components::when::When;
use crate::runtime::page::use_page_visible;
use crate::runtime::use_view_scope;
use crate::state::bot_store::BotStore;
use crate::state::fleet::{figures, same_bot_pairs, totals, BotData, BotFigures, Fingerprint};
use crate::state::persist::BotId;
use crate::state::registry::{use_registry, BotStatus};
use crate::state::settings::{display_offset_minutes, use_dark_theme, use_settings};
use crate::state::storage::{self, Area};
use crate::util::format::{ago, format_opt_ts};

/// The bots the user chose to hide: `{"hidden": ["<bot id>", …]}`.
const PREFS_KEY: &str = "freqboard.fleet.v1";
/// Log lines read per bot for its warning and error counts.
const LOG_LINES: u32 = 100;
/// How often the last bot loop is read again (a small answer)…
const EXTRAS_EVERY: Duration = Duration::from_secs(60);
/// …and the log, every this many of those (100 lines are ~10 KB: read every minute, the log was most of a
/// fleet's traffic, measured with `e2e/bench/traffic-bench.ts`).
const LOGS_STRIDE: u32 = 5;
/// The comparison table's columns: (class, label).
const FLEET_COLUMNS: &[(&str, &str)] = &[
    ("", "Bot"),
    ("", "State"),
    ("num", "Open"),
    ("num", "Open profit"),
    ("num", "Today"),
    ("num", "This week"),
    ("num", "This month"),
    ("num", "All closed"),
    ("num", "Win / loss"),
    ("num", "Balance"),
    ("", "Last trade"),
    ("num", "Log"),
    ("", "Bot loop"),
];
const OPEN_COLUMNS: &[(&str, &str)] = &[
    ("", "Bot"),
    ("", "ID"),
    ("", "Pair"),
    ("num", "Profit %"),
    ("num", "Profit"),
    ("", "Opened"),
];
const CLOSED_COLUMNS: &[(&str, &str)] = &[
    ("", "Bot"),
    ("", "ID"),
    ("", "Pair"),
    ("num", "Profit %"),
    ("num", "Profit"),
    ("", "Closed"),
];
/// Rows of the combined closed-trades list.
const CLOSED_ROWS: usize = 50;

fn load_hidden() -> Vec<String> {
    storage::get(Area::Local, PREFS_KEY)
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| {
            v.get("hidden")?.as_array().map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
        })
        .unwrap_or_default()
}

fn save_hidden(hidden: &[String]) {
    let text = serde_json::json!({ "hidden": hidden }).to_string();
    storage::set(Area::Local, PREFS_KEY, &text);
}

fn now_ms() -> i64 {
    let now = js_sys::Date::now();
    if now.is_finite() {
        now as i64
    } else {
        0
    }
}

/// One bot's row: what the registry and its store know.
#[derive(Clone, PartialEq)]
struct Row {
    id: BotId,
    store: BotStore,
    name: String,
    status: BotStatus,
    /// "running", "stopped", …; empty before the configuration is read.
    state: &'static str,
    /// "dry" or "live" (or "webserver").
    mode: &'static str,
    currency: String,
    decimals: usize,
    /// The bot's timeframe: a last bot loop older than twice this is stale (`state::health::is_stale`).
    timeframe_ms: Option<i64>,
    figures: BotFigures,
    print: Option<Fingerprint>,
}

impl Row {
    fn offline(&self) -> bool {
        matches!(
            self.status,
            BotStatus::Offline(_) | BotStatus::LoginRequired
        )
    }

    fn matches(&self, state: &str, name: &str) -> bool {
        let by_state = match state {
            "dry" => self.mode == "dry",
            "live" => self.mode == "live",
            "offline" => self.offline(),
            _ => true,
        };
        by_state
            && self
                .name
                .to_ascii_lowercase()
                .contains(&name.trim().to_ascii_lowercase())
    }
}

/// The row of `store` at `now`.
fn row_of(entry_name: String, status: BotStatus, store: BotStore, now: i64) -> Row {
    let config = store.config.get();
    let (state, mode, currency, timeframe_ms, bot_name) = match &config {
        Some(c) => (
            match c.state {
                TraderState::Running => "running",
                TraderState::Paused => "paused",
                TraderState::Stopped => "stopped",
                TraderState::ReloadConfig => "reloading",
                _ => "",
            },
            if c.runmode == RunMode::Webserver {
                "webserver"
            } else if c.dry_run {
                "dry"
            } else {
                "live"
            },
            c.stake_currency.clone(),
            c.timeframe_ms,
            c.bot_name.clone(),
        ),
        None => ("", "", String::new(), None, String::new()),
    };
    let decimals = config
        .as_ref()
        .and_then(|c| c.stake_currency_decimals)
        .and_then(|d| usize::try_from(d).ok())
        .unwrap_or(3)
        .min(8);
    // Borrowed, not cloned: a big bot's history is thousands of trades.
    let figures = store.open_trades.with(|open| {
        store.closed_trades.with(|closed| {
            store.profit.with(|profit| {
                store.count.with(|count| {
                    store.balance.with(|balance| {
                        figures(
                            BotData {
                                open: open.as_deref(),
                                closed: closed.as_deref(),
                                profit: profit.as_ref(),
                                count: count.as_ref(),
                                balance: balance.as_ref(),
                            },
                            now,
                        )
                    })
                })
            })
        })
    });
    let print = store.profit.with(|profit| {
        profit.as_ref().map(|p| Fingerprint {
            bot_name,
            trade_count: p.trade_count,
            first_trade_ms: p.first_trade_timestamp,
            closed_profit: p.profit_closed_coin,
        })
    });
    Row {
        id: store.id(),
        store,
        name: entry_name,
        status,
        state,
        mode,
        currency,
        decimals,
        timeframe_ms,
        figures,
        print,
    }
}

/// The recent log levels and last bot loop of one bot (read by the page, not kept by the store).
#[derive(Clone, Copy, Default, PartialEq)]
struct Extras {
    warnings: usize,
    errors: usize,
    last_loop_ms: Option<i64>,
}

#[component]
pub fn FleetPage() -> impl IntoView {
    let registry = use_registry();
    let bots = registry.bots();
    let hidden = RwSignal::new(load_hidden());
    effect(move || hidden.with(|h| save_hidden(h)));
    let state_filter = RwSignal::new(String::from("all"));
    let name_filter = RwSignal::new(String::new());
    let extras = RwSignal::new(HashMap::<BotId, Extras>::new());

    // The shown bots' stores: opened here if no page did yet; they live until logout.
    let stores = Memo::new(move |_| {
        bots.with(|list| {
            hidden.with(|h| {
                list.iter()
                    .filter(|e| !h.contains(&e.id.0))
                    .map(|e| BotStore::open(e.id.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let rows = Memo::new(move |_| {
        let now = now_ms();
        stores.with(|stores| {
            bots.with(|list| {
                stores
                    .iter()
                    .filter_map(|store| {
                        let id = store.id();
                        let e = list.iter().find(|e| e.id == id)?;
                        Some(row_of(e.name.clone(), e.status.clone(), *store, now))
                    })
                    .collect::<Vec<Row>>()
            })
        })
    });
    let filtered = Memo::new(move |_| {
        let (state, name) = (state_filter.get(), name_filter.get());
        rows.with(|r| {
            r.iter()
                .filter(|r| r.matches(&state, &name))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let currency_totals = move || {
        filtered.with(|rows| totals(rows.iter().map(|r| (r.currency.as_str(), &r.figures))))
    };
    let same_bots = move || {
        rows.with(|rows| {
            let prints: Vec<Option<Fingerprint>> = rows.iter().map(|r| r.print.clone()).collect();
            same_bot_pairs(&prints)
                .into_iter()
                .filter_map(|(a, b)| Some((rows.get(a)?.name.clone(), rows.get(b)?.name.clone())))
                .collect::<Vec<_>>()
        })
    };

    // The last bot loop: now, then once a minute while the page is visible; the log levels every 5 minutes.
    let scope = use_view_scope();
    let visible = use_page_visible();
    let read_extras = move |with_logs: bool| {
        for store in stores.get_untracked() {
            scope.spawn(async move {
                let id = store.id();
                let logs = match with_logs {
                    true => registry.read_logs(&id, Some(LOG_LINES)).await.ok(),
                    false => None,
                };
                // `/health` needs a trading bot (a webserver answers 503).
                let health = match store.trading() {
                    Some(true) => store.read_health().await.ok(),
                    _ => None,
                };
                let mut e = extras
                    .with_untracked(|m| m.get(&id).copied())
                    .unwrap_or_default();
                if let Some(logs) = logs {
                    e.warnings = logs
                        .logs
                        .iter()
                        .filter(|l| l.level == LogLevel::Warning)
                        .count();
                    e.errors = logs
                        .logs
                        .iter()
                        .filter(|l| matches!(l.level, LogLevel::Error | LogLevel::Critical))
                        .count();
                }
                e.last_loop_ms = health.and_then(|h| h.last_process_ts).map(|s| s * 1000);
                extras.try_update(|m| {
                    m.insert(id, e);
                });
            });
        }
    };
    effect(move || {
        stores.track();
        if visible.get() {
            read_extras(true);
        }
    });
    let ticks = StoredValue::new(0u32);
    scope.interval(EXTRAS_EVERY, move || {
        let tick = ticks.try_update_value(|t| {
            *t = t.wrapping_add(1);
            *t
        });
        if visible.get_untracked() {
            read_extras(tick.is_some_and(|t| t.is_multiple_of(LOGS_STRIDE)));
        }
    });

    let settings = use_settings().0;
    let dark = use_dark_theme();
    let offset =
        Signal::derive(move || settings.with(|s| display_offset_minutes(&s.timezone, now_ms())));
    let currencies = Memo::new(move |_| {
        currency_totals()
            .into_iter()
            .map(|t| t.currency)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
    });

    view! {
        <div class="fleet">
            <h1>"Fleet"</h1>
            <When when=move || bots.with(Vec::is_empty)>
                <p class="muted">"No bot is logged in. " <a href=app_href("/login")>"Log into a bot"</a> " to see it here."</p>
            </When>
            {move || {
                same_bots()
                    .into_iter()
                    .map(|(a, b)| {
                        view! {
                            <p class="notice warning same-bot" role="alert">
                                {format!(
                                    "“{a}” and “{b}” show the same bot (same name and trade history). If they are two bots, \
                                     they share a jwt_secret_key and one accepts the other's login: give each bot its own \
                                     jwt_secret_key in api_server, then log in again."
                                )}
                            </p>
                        }
                    })
                    .collect_view()
            }}
            <div class="fleet-controls">
                <div class="control">
                    <label for="fleet-state">"Show"</label>
                    <ListSelect
                        id="fleet-state"
                        choices=Signal::stored(
                            [("all", "All bots"), ("dry", "Dry-run"), ("live", "Live"), ("offline", "Offline")]
                                .map(|(v, l)| (v.to_string(), l.to_string()))
                                .to_vec(),
                        )
                        value=state_filter
                        on_change=Callback::new(move |v| state_filter.set(v))
                    />
                </div>
                <div class="control">
                    <label for="fleet-name">"Name"</label>
                    <input id="fleet-name" type="search" placeholder="Filter by name" bind:value=name_filter />
                </div>
                <BotChooser hidden=hidden />
            </div>
            <div class="table-wrap">
                <table class="fleet-table">
                    <thead>{header_row(FLEET_COLUMNS)}                    </thead>
                    <tbody>
                        {move || {
                            let now = now_ms();
                            let selected = registry.selected_id().get();
                            let offset = offset.get();
                            extras.with(|extras| {
                                filtered
                                    .get()
                                    .into_iter()
                                    .map(|r| row_view(r.clone(), extras.get(&r.id).copied(), selected.as_ref() == Some(&r.id), now, offset))
                                    .collect_view()
                            })
                        }}
                    </tbody>
                    <tfoot>
                        {move || {
                            currency_totals()
                                .into_iter()
                                .filter(|t| !t.currency.is_empty())
                                .map(|t| {
                                    let c = t.currency.as_str();
                                    // The currency's decimals, as its bots report them (8 for BTC, 3 for USDT).
                                    let d = filtered.with(|rows| {
                                        rows.iter().filter(|r| r.currency == t.currency).map(|r| r.decimals).max().unwrap_or(3)
                                    });
                                    let cells = vec![
                                        Cell::new("", String::new()),
                                        Cell::new("num", t.open_count.to_string()),
                                        Cell::new(
                                            format!("num {}", sign_class(Some(t.open_profit))),
                                            format!("{} ({})", money(Some(t.open_profit), d, c), percent(t.open_ratio(), 2)),
                                        ),
                                        Cell::new("num", money(Some(t.closed_day), d, c)),
                                        Cell::new("num", money(Some(t.closed_week), d, c)),
                                        Cell::new("num", money(Some(t.closed_month), d, c)),
                                        Cell::new(format!("num {}", sign_class(Some(t.closed_all))), money(Some(t.closed_all), d, c)),
                                        Cell::new("num", format!("{} / {}", t.wins, t.losses)),
                                        Cell::new("num", money(Some(t.balance), d, c)),
                                    ];
                                    view! {
                                        <tr class="fleet-total" data-currency=t.currency.clone()>
                                            <th>{format!("Total {c} ({} bot{})", t.bots, if t.bots == 1 { "" } else { "s" })}</th>
                                            {cells_view(cells)}
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tfoot>
                </table>
            </div>
            <div class="profit-grid">
                {move || {
                    currencies
                        .get()
                        .into_iter()
                        .map(|currency| view! { <FleetCurve currency=currency rows=filtered offset=offset dark=dark /> })
                        .collect_view()
                }}
            </div>
            <FleetTrades rows=filtered offset=offset />
        </div>
    }
}

/// One bot's row of the comparison table.
fn row_view(
    r: Row,
    extras: Option<Extras>,
    selected: bool,
    now: i64,
    offset: i32,
) -> impl IntoView {
    let registry = use_registry();
    let f = &r.figures;
    let c = r.currency.as_str();
    let d = r.decimals;
    let id = r.id.clone();
    let open = match f.max_open {
        Some(max) if max >= 0 => format!("{} / {max}", f.open_count),
        _ => f.open_count.to_string(),
    };
    let state = match &r.status {
        BotStatus::Online | BotStatus::Slow(_) | BotStatus::Unknown => [r.state, r.mode]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
        other => other.label().to_string(),
    };
    let (log, loop_text, stale) = match extras {
        Some(e) => {
            let stale = crate::state::health::is_stale(e.last_loop_ms, r.timeframe_ms, now);
            let loop_text = e
                .last_loop_ms
                .map(|ms| ago(ms, now))
                .unwrap_or_else(|| "–".into());
            (
                format!("{} warn · {} err", e.warnings, e.errors),
                loop_text,
                stale,
            )
        }
        None => ("…".into(), "…".into(), false),
    };
    let signed = |class: &str, v: Option<f64>| format!("num {class} {}", sign_class(v));
    let cells = vec![
        Cell::new("fleet-state", state),
        Cell::new("num fleet-open", open),
        Cell::new(
            signed("fleet-open-profit", Some(f.open_profit)),
            format!(
                "{} ({})",
                money(Some(f.open_profit), d, c),
                percent(f.open_ratio(), 2)
            ),
        ),
        Cell::new(
            signed("", Some(f.closed_day)),
            money(Some(f.closed_day), d, c),
        ),
        Cell::new(
            signed("", Some(f.closed_week)),
            money(Some(f.closed_week), d, c),
        ),
        Cell::new(
            signed("", Some(f.closed_month)),
            money(Some(f.closed_month), d, c),
        ),
        Cell::new(
            signed("fleet-closed", f.closed_all),
            format!(
                "{} ({})",
                money(f.closed_all, d, c),
                percent(f.closed_all_ratio, 2)
            ),
        ),
        Cell::new("num fleet-winloss", format!("{} / {}", f.wins, f.losses)),
        Cell::new("num fleet-balance", money(f.balance, d, c)),
        Cell::new("", format_opt_ts(f.last_trade_ms, offset)),
        Cell::new("num fleet-log", log),
        if stale {
            Cell::new("fleet-loop stale", format!("stale: {loop_text}"))
        } else {
            Cell::new("fleet-loop", loop_text)
        },
    ];
    view! {
        <tr
            class="fleet-row"
            class:selected=selected
            class:offline=r.offline()
            data-bot-id=r.id.0.clone()
            data-status=r.status.label()
            title="Select this bot"
            on:click=move |_| registry.select(&id)
        >
            <th scope="row" class="bot-name">{r.name.clone()}</th>
            {cells_view(cells)}
        </tr>
    }
}

/// The bots shown, as checkboxes (kept in the browser).
#[component]
fn BotChooser(hidden: RwSignal<Vec<String>>) -> impl IntoView {
    let bots = use_registry().bots();
    view! {
        <fieldset class="fleet-chooser">
            <legend>"Bots shown"</legend>
            {move || bots.get().into_iter().map(|bot| {
                    let id = bot.id.0.clone();
                    let checked = {
                        let id = id.clone();
                        move || hidden.with(|h| !h.contains(&id))
                    };
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    hidden.update(|h| {
                                        h.retain(|x| x != &id);
                                        if !on {
                                            h.push(id.clone());
                                        }
                                    });
                                }
                            />
                            {bot.name.clone()}
                        </label>
                    }
                }).collect_view()}
        </fieldset>
    }
}
