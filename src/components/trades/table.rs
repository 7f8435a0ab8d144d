//! Pieces shared by the trade tables: sortable headers, the stake currency, dates in the chosen zone.

pub use crate::state::settings::{format_opt_time as time_text, zone_label};
use leptos::prelude::*;

use super::logic::{id_text, leverage_suffix, side_label, stake_of, Column, Dir, Sort};
use crate::api::wire::{Trade, TradeId};
use crate::state::bot_store::BotStore;
use crate::util::format::{amount, money, percent, sign_class, visible};

/// A column header that sorts its table when clicked, announcing the order with `aria-sort`.
#[component]
pub fn SortHeader(label: &'static str, column: Column, sort: RwSignal<Sort>) -> impl IntoView {
    view! {
        <th scope="col" aria-sort=move || sort.get().aria(column)>
            <button type="button" class="sort-btn" on:click=move |_| sort.update(|s| *s = s.clicked(column))>
                {label}
                <span class="sort-mark" aria-hidden="true">
                    {move || {
                        let s = sort.get();
                        match (s.column == column, s.dir) {
                            (false, _) => "",
                            (true, Dir::Asc) => "▲",
                            (true, Dir::Desc) => "▼",
                        }
                    }}
                </span>
            </button>
        </th>
    }
}

/// What a trade row needs from its table (all `Copy`).
#[derive(Clone, Copy)]
pub struct RowCtx {
    pub store: BotStore,
    pub selected: RwSignal<Option<TradeId>>,
    pub show_side: Memo<bool>,
}

/// A cell of a trade row after the pair: its classes and its text.
pub struct Cell(pub String, pub String);

impl Cell {
    pub fn new(class: impl Into<String>, text: String) -> Self {
        Self(class.into(), text)
    }
}

/// The cells both trade tables show after the pair: amount, stake (with leverage), open rate, then `rate` (the
/// current or the close rate), profit % and profit, coloured by the profit's sign.
pub fn trade_cells(t: &Trade, m: &Money, rate: Cell) -> Vec<Cell> {
    let profit_class = sign_class(t.profit_ratio.or(t.profit_abs));
    vec![
        Cell::new("num amount", amount(t.amount)),
        Cell::new(
            "num",
            format!(
                "{}{}",
                money(stake_of(t), m.decimals, ""),
                leverage_suffix(t.leverage)
            ),
        ),
        Cell::new("num", amount(t.open_rate)),
        rate,
        Cell::new(
            format!("num profit-pct {profit_class}"),
            percent(t.profit_ratio, 2),
        ),
        Cell::new(
            format!("num profit-abs {profit_class}"),
            money(t.profit_abs, m.decimals, ""),
        ),
    ]
}

/// A header row from (class, label) pairs: one compiled renderer for every fixed header.
pub fn header_row(cols: &'static [(&'static str, &'static str)]) -> impl IntoView {
    view! {
        <tr>
            {cols
                .iter()
                .map(|(class, label)| view! { <th scope="col" class=*class>{*label}</th> })
                .collect_view()}
        </tr>
    }
}

/// Table cells from their classes and texts: one compiled renderer for every data-driven row.
pub fn cells_view(cells: Vec<Cell>) -> impl IntoView {
    cells
        .into_iter()
        .map(|Cell(class, text)| view! { <td class=class>{text}</td> })
        .collect_view()
}

/// A row of either trade table: id, side (when the table shows sides), pair with an open-order mark, then
/// `cells`, then `last` (the open trades' actions). A click, Enter or Space selects the trade and its pair.
/// One function for both tables: as two view-macro rows, each compiled its own copy of the rendering code.
pub fn trade_row(t: &Trade, ctx: RowCtx, cells: Vec<Cell>, last: Option<AnyView>) -> impl IntoView {
    let id = t.trade_id;
    let pair = t.pair.clone();
    let short = t.is_short;
    let toggle = move || {
        if ctx.selected.get_untracked() == Some(id) {
            ctx.selected.set(None);
        } else {
            ctx.selected.set(Some(id));
            ctx.store.selected_pair.set(Some(pair.clone()));
        }
    };
    let on_key = {
        let toggle = toggle.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Enter" || ev.key() == " " {
                ev.prevent_default();
                toggle();
            }
        }
    };
    view! {
        <tr
            data-trade-id=id
            class="trade-row"
            class:selected=move || ctx.selected.get() == Some(id)
            tabindex="0"
            on:click=move |_| toggle()
            on:keydown=on_key
        >
            <td class="num trade-id">{id_text(id)}</td>
            {move || ctx.show_side.get().then(|| view! { <td class="side">{side_label(short)}</td> })}
            <td class="pair">
                {visible(&t.pair)}
                {t.has_open_orders.then(|| view! {
                    <span class="open-order-mark" title="Has an open order" aria-label="has an open order">"*"</span>
                })}
            </td>
            {cells_view(cells)}
            {last}
        </tr>
    }
}

/// The stake currency and its decimals, from the bot's configuration (USDT-like defaults until it is loaded).
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub currency: String,
    pub decimals: usize,
}

pub fn money_of(store: &BotStore) -> Memo<Money> {
    let config = store.config;
    Memo::new(move |_| {
        config.with(|c| Money {
            currency: c
                .as_ref()
                .map(|c| c.stake_currency.clone())
                .unwrap_or_default(),
            decimals: c
                .as_ref()
                .and_then(|c| c.stake_currency_decimals)
                .unwrap_or(3)
                .min(12) as usize,
        })
    })
}

/// The current time in Unix ms (browser clock).
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
