//! Pieces shared by the trade tables: sortable headers, the stake currency, dates in the chosen zone.

pub use crate::state::settings::{format_opt_time as time_text, zone_label};
use leptos::prelude::*;

use super::logic::{Column, Dir, Sort};
use crate::state::bot_store::BotStore;

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
