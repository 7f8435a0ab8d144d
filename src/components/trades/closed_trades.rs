//! Every closed trade of the bot (all pages of `/trades`): filter by pair and by tag, sort, page through
//! 50 at a time, and the detail of the selected row.

use crate::util::format::opt_amount;
use leptos::prelude::*;

use super::detail::TradeDetailPanel;
use super::export::{closed_trades_csv, file_name, CsvButton};
use super::logic::{
    clamp_page, duration_text, filtered_order, page_count, page_range, shows_side, Column, Dir,
    Sort, PAGE_SIZE,
};
use super::table::{money_of, time_text, trade_cells, trade_row, Cell, Money, RowCtx, SortHeader};
use crate::api::wire::{Trade, TradeId, TradingMode};
use crate::state::bot_store::use_bot_store;
use crate::state::registry::use_registry;
use crate::state::settings::{display_offset_minutes, use_settings, zone_label, Settings};

#[component]
pub fn ClosedTradesTable() -> impl IntoView {
    let store = use_bot_store();
    let settings = use_settings().0;
    let money_fmt = money_of(&store);
    let sort = RwSignal::new(Sort::new(Column::CloseDate, Dir::Desc));
    let pair_q = RwSignal::new(String::new());
    let tag_q = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);
    let selected = RwSignal::new(None::<TradeId>);

    // Positions in `store.closed_trades` of the matching trades, in table order.
    let order = Memo::new(move |_| {
        let s = sort.get();
        pair_q.with(|p| {
            tag_q.with(|g| {
                store
                    .closed_trades
                    .with(|l| l.as_ref().map(|l| filtered_order(l, p, g, s, 0)))
            })
        })
    });
    let total = Memo::new(move |_| store.closed_trades.with(|l| l.as_ref().map(|l| l.len())));
    let shown = Memo::new(move |_| order.with(|o| o.as_ref().map(|o| o.len()).unwrap_or(0)));
    let pages = Memo::new(move |_| page_count(shown.get(), PAGE_SIZE));
    let current = Memo::new(move |_| clamp_page(page.get(), shown.get(), PAGE_SIZE));
    let at_last = Memo::new(move |_| current.get() + 1 >= pages.get());
    let show_side = Memo::new(move |_| {
        let derivatives = store.config.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.trading_mode != TradingMode::Spot)
        });
        derivatives
            || store
                .closed_trades
                .with(|l| l.as_ref().is_some_and(|l| l.iter().any(shows_side)))
    });
    let selected_id = Memo::new(move |_| selected.get());
    let ctx = RowCtx {
        store,
        selected,
        show_side,
    };

    let count_line = move || match (total.get(), shown.get()) {
        (None, _) => String::new(),
        (Some(all), n) if n == all => format!("{all} closed trades"),
        (Some(all), n) => format!("{n} of {all} closed trades match"),
    };
    let filter_input =
        move |label: &'static str, placeholder: &'static str, value: RwSignal<String>| {
            view! {
                <label class="field">
                    <span>{label}</span>
                    <input
                        type="text"
                        placeholder=placeholder
                        prop:value=move || value.get()
                        on:input=move |ev| {
                            value.set(event_target_value(&ev));
                            page.set(0);
                        }
                    />
                </label>
            }
        };
    let header = move |label: &'static str, column: Column| view! { <SortHeader label=label column=column sort=sort /> };
    let registry = use_registry();
    let export_label = Signal::derive(move || match (total.get(), shown.get()) {
        (Some(all), n) if n < all => format!("Export the {n} shown as CSV"),
        _ => "Export as CSV".to_string(),
    });
    // The matching trades in table order: what the table shows over all its pages.
    let export = Callback::new(move |_| {
        let now = js_sys::Date::now() as i64;
        let (timezone, zone) = settings.with_untracked(|s| (s.timezone.clone(), zone_label(s)));
        let offset_at = move |ms: i64| display_offset_minutes(&timezone, ms);
        let text = store.closed_trades.with_untracked(|list| {
            order.with_untracked(|o| {
                let (list, o) = (list.as_ref()?, o.as_ref()?);
                (!o.is_empty()).then(|| {
                    closed_trades_csv(o.iter().filter_map(|&i| list.get(i)), &offset_at, zone)
                })
            })
        })?;
        let bot = registry
            .entry(&store.id())
            .map(|e| e.name)
            .unwrap_or_default();
        Some((file_name(&bot, "closed-trades", now), text))
    });

    view! {
        <div class="trades closed-trades">
            <div class="trades-filters">
                {filter_input("Filter by pair", "e.g. BTC", pair_q)}
                {filter_input("Filter by tag or exit reason", "e.g. roi", tag_q)}
                <p class="muted closed-count">{count_line}</p>
                <CsvButton label=export_label make=export />
            </div>
            {move || match total.get() {
                None => view! { <p class="muted" role="status">"Loading closed trades…"</p> }.into_any(),
                Some(0) => view! { <p class="muted no-trades">"No closed trades yet."</p> }.into_any(),
                Some(_) => view! {
                    <div class="table-wrap">
                        <table class="trades-table closed-trades-table">
                            <thead>
                                <tr on:click=move |_| page.set(0)>
                                    {header("ID", Column::Id)}
                                    {move || show_side.get().then(|| header("Side", Column::Side))}
                                    {header("Pair", Column::Pair)}
                                    {header("Amount", Column::Amount)}
                                    {header("Stake", Column::Stake)}
                                    {header("Open rate", Column::OpenRate)}
                                    {header("Close rate", Column::CloseRate)}
                                    {header("Profit %", Column::ProfitPct)}
                                    {header("Profit", Column::ProfitAbs)}
                                    {header("Open date", Column::OpenDate)}
                                    {header("Close date", Column::CloseDate)}
                                    {header("Duration", Column::Duration)}
                                    {header("Exit reason", Column::ExitReason)}
                                </tr>
                            </thead>
                            <tbody>
                                {move || {
                                    let cur = current.get();
                                    settings.with(|s| money_fmt.with(|m| store.closed_trades.with(|list| order.with(|o| {
                                        let (Some(list), Some(o)) = (list.as_ref(), o.as_ref()) else {
                                            return Vec::new();
                                        };
                                        o.get(page_range(cur, o.len(), PAGE_SIZE))
                                            .unwrap_or_default()
                                            .iter()
                                            .filter_map(|&i| list.get(i))
                                            .map(|t| closed_row(t, ctx, s, m))
                                            .collect::<Vec<_>>()
                                    }))))
                                }}
                            </tbody>
                        </table>
                    </div>
                    {move || (shown.get() == 0).then(|| view! {
                        <p class="muted no-trades">"No closed trade matches the filter."</p>
                    })}
                }
                .into_any(),
            }}
            <nav class="pager" aria-label="Closed trades pages">
                <button type="button" disabled=move || current.get() == 0 on:click=move |_| page.set(0)>"First"</button>
                <button
                    type="button"
                    disabled=move || current.get() == 0
                    on:click=move |_| page.set(current.get_untracked().saturating_sub(1))
                >
                    "Prev"
                </button>
                <span class="page-label" aria-live="polite">
                    {move || format!("page {} of {}", current.get() + 1, pages.get())}
                </span>
                <button
                    type="button"
                    disabled=move || at_last.get()
                    on:click=move |_| page.set(current.get_untracked() + 1)
                >
                    "Next"
                </button>
                <button
                    type="button"
                    disabled=move || at_last.get()
                    on:click=move |_| page.set(pages.get_untracked().saturating_sub(1))
                >
                    "Last"
                </button>
            </nav>
            {move || selected_id.get().map(|id| {
                let trade = Memo::new(move |_| {
                    store.closed_trades.with(|l| l.as_ref().and_then(|l| l.iter().find(|t| t.trade_id == id).cloned()))
                });
                view! {
                    <TradeDetailPanel
                        id=id
                        trade=trade.into()
                        on_close=Callback::new(move |_| selected.set(None))
                        gone="This trade is not in the bot's closed trades any more."
                    />
                }
            })}
        </div>
    }
}

fn closed_row(t: &Trade, ctx: RowCtx, settings: &Settings, m: &Money) -> impl IntoView {
    let mut cells = trade_cells(t, m, Cell::new("num", opt_amount(t.close_rate)));
    cells.extend([
        Cell::new("open-date", time_text(settings, Some(t.open_timestamp))),
        Cell::new("close-date", time_text(settings, t.close_timestamp)),
        Cell::new("duration", duration_text(t, 0)),
        Cell::new("exit-reason", t.exit_reason.clone().unwrap_or_default()),
    ]);
    trade_row(t, ctx, cells, None)
}
