//! The open trades of the bot: count line, force entry / force exit all, a sortable table with per-row actions,
//! and the detail of the selected row.

use crate::util::format::{opt_amount, percent};
use std::hash::{Hash, Hasher};

use leptos::prelude::*;

use super::exit_all::ExitAllButton;
use super::force_entry::entry_blocked_reason;
use super::logic::{count_text, duration_text, shows_side, sorted_head, Column, Dir, Sort};
use super::on_demand::{trade_tool, TradeTool};
use super::table::{
    money_of, now_ms, time_text, trade_cells, trade_row, Cell, Money, RowCtx, SortHeader,
};
use std::collections::HashMap;

use crate::api::wire::{Trade, TradeCustomData, TradeId, TradingMode};
use crate::runtime::Load;
use crate::state::bot_store::use_bot_store;
use crate::state::settings::{use_settings, Settings};
use crate::util::format::{json_text, visible};

/// What an open-trade row needs: the shared row's signals and the actions dialog's (all `Copy`).
#[derive(Clone, Copy)]
struct OpenRowCtx {
    row: RowCtx,
    actions_target: RwSignal<Option<TradeId>>,
    actions_open: RwSignal<bool>,
}

/// Rows rendered at first, and added by each "show more": a bot with thousands of open trades must not make
/// every poll rebuild thousands of rows. 100, not FreqUI's 200: the big-bot benchmark measured the frame that
/// lays out and paints a 200-row table at 108-133 ms, 100 rows at 55 ms (issue 9: no task over 100 ms).
const ROWS_STEP: usize = 100;

/// Open trades whose custom data one read asks for (freqtrade's default page).
const CUSTOM_DATA_LIMIT: u32 = 100;

/// The custom-data column's text per trade: `key=value; key=value` in the bot's order.
fn custom_texts(list: &[TradeCustomData]) -> HashMap<TradeId, String> {
    list.iter()
        .map(|t| {
            let text = t
                .custom_data
                .iter()
                .map(|e| format!("{}={}", visible(&e.key), json_text(&e.value)))
                .collect::<Vec<_>>()
                .join("; ");
            (t.trade_id, text)
        })
        .collect()
}

#[component]
pub fn OpenTradesTable() -> impl IntoView {
    let store = use_bot_store();
    let settings = use_settings().0;
    let money_fmt = money_of(&store);
    let sort = RwSignal::new(Sort::new(Column::Id, Dir::Desc));
    let selected = RwSignal::new(None::<TradeId>);
    let actions_target = RwSignal::new(None::<TradeId>);
    let actions_open = RwSignal::new(false);
    let entry_open = RwSignal::new(false);
    // The optional custom-data column: read when shown, and again when the open trades or the store's revision
    // change (a strategy may store data at any loop).
    let show_custom = RwSignal::new(false);
    let open_ids = Memo::new(move |_| {
        store.open_trades.with(|l| {
            l.as_ref()
                .map(|l| l.iter().map(|t| t.trade_id).collect::<Vec<_>>())
        })
    });
    let custom = Load::new(move || {
        let on = show_custom.get();
        // Read here, not in the future (`Load::new`): one read per change.
        let open = open_ids.with(|ids| ids.as_ref().map_or(0, Vec::len));
        store.revision.track();
        async move {
            if !on {
                return None;
            }
            Some(
                store
                    .read_open_custom_data(CUSTOM_DATA_LIMIT, open)
                    .await
                    .map(|l| custom_texts(&l)),
            )
        }
    });
    // A failed read leaves the cells empty and says why above the table.
    let custom_map = Signal::derive(move || {
        show_custom.get().then(|| {
            custom
                .get()
                .flatten()
                .and_then(Result::ok)
                .unwrap_or_default()
        })
    });
    let custom_error = move || match custom.get().flatten() {
        Some(Err(e)) if show_custom.get() => Some(format!("Custom data could not be read: {e}")),
        _ => None,
    };

    let row_cap = RwSignal::new(ROWS_STEP);
    // The rows shown: the first `row_cap` open trades in table order.
    let rows = Memo::new(move |_| {
        let (sort, cap) = (sort.get(), row_cap.get());
        store
            .open_trades
            .with(|list| list.as_ref().map(|l| sorted_head(l, sort, now_ms(), cap)))
    });
    // `None` while loading, else whether there is no open trade: the table itself is built once.
    let empty = Memo::new(move |_| store.open_trades.with(|r| r.as_ref().map(|l| l.is_empty())));
    let open_count = Memo::new(move |_| {
        store
            .open_trades
            .with(|r| r.as_ref().map(|l| l.len()).unwrap_or(0))
    });
    let show_side = Memo::new(move |_| {
        let derivatives = store.config.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.trading_mode != TradingMode::Spot)
        });
        derivatives
            || store
                .open_trades
                .with(|r| r.as_ref().is_some_and(|l| l.iter().any(shows_side)))
    });
    let blocked = Memo::new(move |_| store.config.with(|c| entry_blocked_reason(c.as_ref())));
    let selected_id = Memo::new(move |_| selected.get());

    let count_line = move || match store.count.get() {
        Some(c) => {
            money_fmt.with(|m| count_text(c.current, c.max, c.total_stake, &m.currency, m.decimals))
        }
        None => "Open trades … (loading)".to_string(),
    };
    let ctx = OpenRowCtx {
        row: RowCtx {
            store,
            selected,
            show_side,
        },
        actions_target,
        actions_open,
    };

    view! {
        <div class="trades open-trades">
            <div class="trades-toolbar">
                <p class="open-trade-count">{count_line}</p>
                <div class="row-actions">
                    <button
                        type="button"
                        class="primary"
                        data-shortcut="force-entry"
                        disabled=move || blocked.get().is_some()
                        on:click=move |_| entry_open.set(true)
                    >
                        "Force entry"
                    </button>
                    <ExitAllButton open_count=open_count />
                    <label class="check custom-data-toggle">
                        <input type="checkbox" prop:checked=move || show_custom.get()
                            on:change=move |ev| show_custom.set(event_target_checked(&ev)) />
                        "Custom data"
                    </label>
                </div>
                {move || blocked.get().map(|reason| view! { <p class="muted entry-blocked">{reason}</p> })}
                {move || custom_error().map(|text| view! { <p class="muted custom-data-error" role="alert">{text}</p> })}
            </div>
            {move || match empty.get() {
                None => view! { <p class="muted" role="status">"Loading open trades…"</p> }.into_any(),
                Some(true) => view! { <p class="muted no-trades">"No open trades."</p> }.into_any(),
                Some(false) => view! {
                    <div class="table-wrap">
                        <table class="trades-table open-trades-table">
                            <thead>
                                <tr>
                                    <SortHeader label="ID" column=Column::Id sort=sort />
                                    {move || show_side.get().then(|| view! {
                                        <SortHeader label="Side" column=Column::Side sort=sort />
                                    })}
                                    <SortHeader label="Pair" column=Column::Pair sort=sort />
                                    <SortHeader label="Amount" column=Column::Amount sort=sort />
                                    <SortHeader label="Stake" column=Column::Stake sort=sort />
                                    <SortHeader label="Open rate" column=Column::OpenRate sort=sort />
                                    <SortHeader label="Current rate" column=Column::CurrentRate sort=sort />
                                    <SortHeader label="Profit %" column=Column::ProfitPct sort=sort />
                                    <SortHeader label="Profit" column=Column::ProfitAbs sort=sort />
                                    <SortHeader label="Open date" column=Column::OpenDate sort=sort />
                                    <SortHeader label="Duration" column=Column::Duration sort=sort />
                                    <SortHeader label="Stoploss dist." column=Column::StoplossDist sort=sort />
                                    {move || show_custom.get().then(|| view! { <th scope="col" class="custom-data">"Custom data"</th> })}
                                    <th scope="col" aria-label="Actions"></th>
                                </tr>
                            </thead>
                            <tbody>
                                <For
                                    each=move || {
                                        let list = rows.get().unwrap_or_default();
                                        let custom = custom_map.get();
                                        settings.with(|s| money_fmt.with(|m| {
                                            list.into_iter()
                                                .map(|t| {
                                                    let text = custom.as_ref().map(|c| c.get(&t.trade_id).map_or("", String::as_str));
                                                    let (key, cells) = open_cells(&t, s, m, text);
                                                    (key, t, cells)
                                                })
                                                .collect::<Vec<_>>()
                                        }))
                                    }
                                    key=|(key, _, _)| *key
                                    children=move |(_, t, cells)| open_row(t, cells, ctx)
                                />
                            </tbody>
                        </table>
                    </div>
                    {move || {
                        let (shown, total) = (row_cap.get(), open_count.get());
                        (total > shown).then(|| view! {
                            <button type="button" class="show-more" on:click=move |_| row_cap.update(|c| *c += ROWS_STEP)>
                                {format!("Show {} more ({shown} of {total} shown)", ROWS_STEP.min(total - shown))}
                            </button>
                        })
                    }}
                }
                .into_any(),
            }}
            {move || selected_id.get().map(|id| {
                let trade = Memo::new(move |_| {
                    store.open_trades.with(|l| l.as_ref().and_then(|l| l.iter().find(|t| t.trade_id == id).cloned()))
                });
                trade_tool(TradeTool::Detail {
                    id,
                    trade: trade.into(),
                    on_close: Callback::new(move |_| selected.set(None)),
                    gone: "This trade is no longer open: see Closed trades.",
                })
            })}
            // Mounted only while open: the first opening fetches their module.
            {move || entry_open.get().then(|| trade_tool(TradeTool::ForceEntry { open: entry_open }))}
            {move || {
                actions_open.get().then(|| trade_tool(TradeTool::Actions { target: actions_target, open: actions_open }))
            }}
        </div>
    }
}

/// A row's cells as data, and a key that changes exactly when what the row shows changes: rows are keyed by
/// it, so a poll that moves one trade's profit re-renders that row only (and an unchanged row keeps its DOM).
fn open_cells(t: &Trade, settings: &Settings, m: &Money, custom: Option<&str>) -> (u64, Vec<Cell>) {
    let mut cells = trade_cells(
        t,
        m,
        Cell::new("num current-rate", opt_amount(t.current_rate)),
    );
    cells.extend([
        Cell::new("open-date", time_text(settings, Some(t.open_timestamp))),
        Cell::new("duration", duration_text(t, now_ms())),
        Cell::new(
            "num stoploss-dist",
            percent(t.stoploss_current_dist_ratio, 2),
        ),
    ]);
    if let Some(text) = custom {
        cells.push(Cell::new("custom-data", text.to_string()));
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (t.trade_id, &t.pair, t.is_short, t.has_open_orders).hash(&mut h);
    for Cell(class, text) in &cells {
        (class, text).hash(&mut h);
    }
    (h.finish(), cells)
}

fn open_row(t: Trade, cells: Vec<Cell>, ctx: OpenRowCtx) -> impl IntoView {
    let id = t.trade_id;
    let actions = view! {
        <td class="actions">
            <button
                type="button"
                class="small"
                title=format!("Actions for trade #{id}")
                on:click=move |ev| {
                    ev.stop_propagation();
                    ctx.actions_target.set(Some(id));
                    ctx.actions_open.set(true);
                }
                on:keydown=|ev| ev.stop_propagation()
            >
                "Actions"
            </button>
        </td>
    };
    trade_row(&t, ctx.row, cells, Some(actions.into_any()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::wire::CustomDataEntry;

    #[test]
    fn custom_data_reads_as_keys_and_values_per_trade() {
        let entry = |key: &str, value: serde_json::Value| CustomDataEntry {
            key: key.into(),
            value,
            ..Default::default()
        };
        let list = vec![
            TradeCustomData {
                trade_id: 7,
                custom_data: vec![
                    entry("entry_rsi", serde_json::json!(27.5)),
                    entry("note", serde_json::json!("<b>x</b>")),
                ],
            },
            TradeCustomData {
                trade_id: 9,
                custom_data: vec![],
            },
        ];
        let texts = custom_texts(&list);
        assert_eq!(
            texts.get(&7).map(String::as_str),
            Some("entry_rsi=27.5; note=<b>x</b>")
        );
        assert_eq!(texts.get(&9).map(String::as_str), Some(""));
    }
}
