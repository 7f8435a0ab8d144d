//! Every shown bot's open trades and latest closed trades, in one table each, naming the bot.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{now_ms, Row, CLOSED_COLUMNS, CLOSED_ROWS, OPEN_COLUMNS};
use crate::api::wire::Trade;
use crate::components::app_href::app_href;

use crate::components::trades::logic::{sorted_head, Column, Dir, Sort};
use crate::components::trades::table::{cells_view, header_row, Cell};
use crate::state::bot_store::BotStore;
use crate::state::persist::BotId;
use crate::state::registry::use_registry;
use crate::util::format::format_opt_ts;
use crate::util::format::{money, percent, sign_class, visible};

/// What the trade tables need of a shown bot. It changes when the shown bots do, not on every poll of their
/// figures, so the closed-trades table is sorted and drawn again only when a bot's history changes.
#[derive(Clone, PartialEq)]
struct Source {
    id: BotId,
    name: String,
    currency: String,
    decimals: usize,
    store: BotStore,
}

/// The newest `n` trades of all bots together (open trades by open date, closed ones by close date), as (bot
/// index, trade). Each bot's list is ordered by the trade tables' own sort, then merged: no second sort.
fn newest_of_each(rows: &[Source], open: bool, n: usize, now: i64) -> Vec<(usize, Trade)> {
    let column = if open {
        Column::OpenDate
    } else {
        Column::CloseDate
    };
    let sort = Sort::new(column, Dir::Desc);
    let lists: Vec<Vec<Trade>> = rows
        .iter()
        .map(|r| {
            let list = if open {
                r.store.open_trades
            } else {
                r.store.closed_trades
            };
            list.with(|l| sorted_head(l.as_deref().unwrap_or_default(), sort, now, n))
        })
        .collect();
    let key = |t: &Trade| {
        if open {
            t.open_timestamp
        } else {
            t.close_timestamp.unwrap_or(0)
        }
    };
    let mut at = vec![0usize; lists.len()];
    let mut out = Vec::new();
    while out.len() < n {
        // The list whose next trade is the newest.
        let mut best: Option<(usize, i64)> = None;
        for (i, list) in lists.iter().enumerate() {
            if let Some(t) = at.get(i).and_then(|&p| list.get(p)) {
                if best.is_none_or(|(_, k)| key(t) > k) {
                    best = Some((i, key(t)));
                }
            }
        }
        let Some((i, _)) = best else { break };
        if let (Some(p), Some(list)) = (at.get_mut(i), lists.get(i)) {
            if let Some(t) = list.get(*p) {
                out.push((i, t.clone()));
            }
            *p += 1;
        }
    }
    out
}

/// Every shown bot's open trades, and their most recent closed trades, each row naming its bot.
#[component]
pub(super) fn FleetTrades(rows: Memo<Vec<Row>>, offset: Signal<i32>) -> impl IntoView {
    let registry = use_registry();
    let navigate = use_navigate();
    let sources = Memo::new(move |_| {
        rows.with(|rows| {
            rows.iter()
                .map(|r| Source {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    currency: r.currency.clone(),
                    decimals: r.decimals,
                    store: r.store,
                })
                .collect::<Vec<_>>()
        })
    });
    // (bot id, bot name, currency, decimals, trade), newest first.
    let collect = move |open: bool, n: usize| {
        sources.with(|rows| {
            let now = now_ms();
            let merged = newest_of_each(rows, open, n, now);
            merged
                .into_iter()
                .filter_map(|(i, t)| {
                    let r = rows.get(i)?;
                    Some((
                        r.id.clone(),
                        r.name.clone(),
                        r.currency.clone(),
                        r.decimals,
                        t,
                    ))
                })
                .collect::<Vec<_>>()
        })
    };
    // Open trades follow every poll; the closed list only the histories (a memo: unchanged, nothing redraws).
    let open = move || collect(true, usize::MAX);
    let closed = Memo::new(move |_| collect(false, CLOSED_ROWS));
    let open_trade = move |bot: BotId, trade: i64| {
        registry.select(&bot);
        navigate(&app_href(&format!("/trade/{trade}")), Default::default());
    };
    let trade_rows = move |list: Vec<(BotId, String, String, usize, Trade)>, is_open: bool| {
        let open_trade = open_trade.clone();
        list.into_iter()
            .map(|(bot, name, cur, d, t)| {
                let open_trade = open_trade.clone();
                let (ratio, abs) = if is_open {
                    (t.profit_ratio, t.total_profit_abs.or(t.profit_abs))
                } else {
                    (t.close_profit.or(t.profit_ratio), t.close_profit_abs.or(t.profit_abs))
                };
                let when = if is_open { Some(t.open_timestamp) } else { t.close_timestamp };
                let id = t.trade_id;
                let bot_attr = bot.0.clone();
                let cells = vec![
                    Cell::new("", visible(&t.pair)),
                    Cell::new(format!("num {}", sign_class(ratio)), percent(ratio, 2)),
                    Cell::new(format!("num {}", sign_class(abs)), money(abs, d, &cur)),
                    Cell::new("", format_opt_ts(when, offset.get_untracked())),
                ];
                view! {
                    <tr data-bot-id=bot_attr data-trade-id=id>
                        <td class="fleet-trade-bot">{name}</td>
                        <td>
                            <button class="link" on:click=move |_| open_trade(bot.clone(), id)>{format!("#{id}")}</button>
                        </td>
                        {cells_view(cells)}
                    </tr>
                }
            })
            .collect_view()
    };
    let trade_rows_open = trade_rows.clone();
    let open_title = move || format!("Open trades, all bots ({})", open().len());
    let open_body = move || trade_rows_open(open(), true);
    let closed_body = move || trade_rows(closed.get(), false);
    view! {
        {trades_card("fleet-open", "fleet-open-trades", OPEN_COLUMNS, view! { {open_title} }.into_any(), view! { {open_body} }.into_any())}
        {trades_card(
            "fleet-closed",
            "fleet-closed-trades",
            CLOSED_COLUMNS,
            view! { {format!("Last {CLOSED_ROWS} closed trades, all bots")} }.into_any(),
            view! { {closed_body} }.into_any(),
        )}
    }
}

/// A card with a title and a table of trades of all bots.
fn trades_card(
    card: &'static str,
    table: &'static str,
    columns: &'static [(&'static str, &'static str)],
    title: AnyView,
    body: AnyView,
) -> impl IntoView {
    view! {
        <section class=format!("card {card}")>
            <h2>{title}</h2>
            <div class="table-wrap">
                <table class=table>
                    <thead>{header_row(columns)}</thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
