//! Everything a trader reads about one trade, and its orders. Used by the panel under the trade tables and by
//! the trade page. All texts from the bot are rendered as text.

use leptos::prelude::*;

use crate::components::trades::table::header_row;
use leptos_router::components::A;

use super::actions::TradeActions;
use super::custom_data::CustomData;
use super::logic::{
    duration_text, id_text, leverage_suffix, loss_at_stoploss, side_text, stake_of,
};
use super::table::{money_of, now_ms, time_text, Money};
use crate::api::wire::{Order, OrderSide, Trade, TradeId, TradingMode};
use crate::components::app_href::app_href;
use crate::state::bot_store::use_bot_store;
use crate::state::settings::{use_settings, Settings};
use crate::util::format::{amount, money, opt_amount, percent, sign_class, visible};

/// One `dt`/`dd` pair of a `.kv` list.
fn item(label: &'static str, value: String, class: &'static str) -> impl IntoView {
    view! {
        <div>
            <dt>{label}</dt>
            <dd class=class>{value}</dd>
        </div>
    }
}

/// "12.3 USDT (1.23 %)", the value coloured by its sign.
fn profit_item(
    label: &'static str,
    abs: Option<f64>,
    ratio: Option<f64>,
    money_fmt: &Money,
) -> impl IntoView {
    let text = match (abs, ratio) {
        (None, None) => "–".to_string(),
        (abs, None) => money(abs, money_fmt.decimals, &money_fmt.currency),
        (abs, ratio) => format!(
            "{} ({})",
            money(abs, money_fmt.decimals, &money_fmt.currency),
            percent(ratio, 2)
        ),
    };
    item(label, text, sign_class(abs.or(ratio)))
}

fn opt_text(value: Option<&String>) -> String {
    value
        .filter(|s| !s.is_empty())
        .cloned()
        .unwrap_or_else(|| "–".to_string())
}

fn fee_text(cost: Option<f64>, currency: Option<&String>, rate: Option<f64>) -> String {
    match (cost, rate) {
        (None, None) => "–".to_string(),
        (cost, rate) => {
            let cost = cost
                .map(|c| format!("{} {}", amount(c), opt_text(currency)))
                .unwrap_or_else(|| "–".into());
            match rate {
                Some(r) => format!("{cost} ({})", percent(Some(r), 2)),
                None => cost,
            }
        }
    }
}

/// The fields of `t` grouped in sections, then its orders.
pub fn trade_body(t: &Trade, settings: &Settings, m: &Money) -> impl IntoView {
    let now = now_ms();
    let cur = &m.currency;
    let derivatives = matches!(
        t.trading_mode,
        Some(TradingMode::Futures) | Some(TradingMode::Margin)
    );
    let stoploss = match (t.stop_loss_abs, t.stop_loss_ratio) {
        (None, None) => "–".to_string(),
        (abs, ratio) => format!("{} ({})", opt_amount(abs), percent(ratio, 2)),
    };
    let initial_stoploss = match (t.initial_stop_loss_abs, t.initial_stop_loss_ratio) {
        (None, None) => "–".to_string(),
        (abs, ratio) => format!("{} ({})", opt_amount(abs), percent(ratio, 2)),
    };
    let distance = match (t.stoploss_current_dist, t.stoploss_current_dist_ratio) {
        (None, None) => "–".to_string(),
        (abs, ratio) => format!("{} ({})", opt_amount(abs), percent(ratio, 2)),
    };
    let stake = format!(
        "{}{}",
        money(stake_of(t), m.decimals, cur),
        leverage_suffix(t.leverage)
    );
    let profit_section = if t.is_open {
        view! {
            {profit_item("Unrealized profit", t.profit_abs, t.profit_ratio, m)}
            {profit_item("Realized profit", t.realized_profit, t.realized_profit_ratio, m)}
            {profit_item("Total profit", t.total_profit_abs, t.total_profit_ratio, m)}
        }
        .into_any()
    } else {
        view! {
            {profit_item("Profit", t.profit_abs, t.profit_ratio, m)}
            {profit_item("Realized profit", t.realized_profit, t.realized_profit_ratio, m)}
        }
        .into_any()
    };
    let orders: Vec<Order> = t.orders.clone();
    let trade = t.clone();
    view! {
        <div class="trade-detail" data-trade-id=t.trade_id>
            <h3>"General"</h3>
            <dl class="kv">
                {item("Pair", visible(&t.pair), "")}
                {item("Trade ID", id_text(t.trade_id), "")}
                {item("Status", if t.is_open { "Open".into() } else { "Closed".into() }, "")}
                {item("Side", side_text(t).to_string(), "")}
                {item("Leverage", t.leverage.map(amount).unwrap_or_else(|| "1".into()), "")}
                {item("Open orders", if t.has_open_orders { "Yes".into() } else { "No".into() }, "")}
                {item("Amount", format!("{} {}", amount(t.amount), t.base_currency), "amount")}
                {item("Stake", stake, "")}
                {item("Open rate", amount(t.open_rate), "")}
                {t.is_open.then(|| item("Current rate", opt_amount(t.current_rate), "current-rate"))}
                {(!t.is_open).then(|| item("Close rate", opt_amount(t.close_rate), ""))}
                {item("Open date", time_text(settings, Some(t.open_timestamp)), "")}
                {(!t.is_open).then(|| item("Close date", time_text(settings, t.close_timestamp), ""))}
                {item("Duration", duration_text(t, now), "")}
                {item("Entry tag", opt_text(t.enter_tag.as_ref()), "")}
                {(!t.is_open).then(|| item("Exit reason", opt_text(t.exit_reason.as_ref()), ""))}
            </dl>
            <h3>"Profit"</h3>
            <dl class="kv">{profit_section}</dl>
            <h3>"Stoploss"</h3>
            <dl class="kv">
                {item("Stoploss", stoploss, "")}
                {t.is_open.then(|| item("Distance to stoploss", distance, ""))}
                {item("Loss at stoploss", money(loss_at_stoploss(t), m.decimals, cur), "")}
                {item("Initial stoploss", initial_stoploss, "")}
                {item("Stoploss last update", time_text(settings, t.stoploss_last_update_timestamp), "")}
            </dl>
            <h3>"Details"</h3>
            <dl class="kv">
                {item("Min rate", opt_amount(t.min_rate), "")}
                {item("Max rate", opt_amount(t.max_rate), "")}
                {item("Open fee", fee_text(t.fee_open_cost, t.fee_open_currency.as_ref(), t.fee_open), "")}
                {item("Close fee", fee_text(t.fee_close_cost, t.fee_close_currency.as_ref(), t.fee_close), "")}
                {derivatives.then(|| item("Funding fees", money(t.funding_fees, m.decimals, cur), sign_class(t.funding_fees)))}
                {derivatives.then(|| item("Interest rate", opt_amount(t.interest_rate), ""))}
                {derivatives.then(|| item("Liquidation price", opt_amount(t.liquidation_price), ""))}
                {item("Exchange", opt_text(Some(&t.exchange)), "")}
                {item("Strategy", opt_text(Some(&t.strategy)), "")}
            </dl>
            <h3>{format!("Orders ({})", orders.len())}</h3>
            {orders_table(&trade, orders, settings)}
        </div>
    }
}

fn order_side_text(t: &Trade, o: &Order) -> String {
    let side = match o.ft_order_side {
        OrderSide::Buy => "Buy",
        OrderSide::Sell => "Sell",
        OrderSide::Stoploss => "Stoploss",
        OrderSide::Unknown => "?",
    };
    let role = if o.ft_order_side == OrderSide::Stoploss {
        ""
    } else if t.is_entry(o) {
        " (entry)"
    } else {
        " (exit)"
    };
    format!("{side}{role}")
}

fn orders_table(t: &Trade, orders: Vec<Order>, settings: &Settings) -> impl IntoView {
    if orders.is_empty() {
        return view! { <p class="muted">"No orders."</p> }.into_any();
    }
    let rows = orders
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let side = order_side_text(t, &o);
            let entry = o.ft_order_side != OrderSide::Stoploss && t.is_entry(&o);
            let price = o.price.or(Some(o.safe_price)).filter(|p| *p > 0.0);
            // `/status`-like answers leave out `average`; `safe_price` is the average once something filled.
            let average = o
                .average
                .or_else(|| o.filled.filter(|f| *f > 0.0).map(|_| o.safe_price));
            let placed = o
                .order_timestamp
                .map(|ms| time_text(settings, Some(ms)))
                .or_else(|| o.order_date.clone());
            let filled_at = o
                .order_filled_timestamp
                .map(|ms| time_text(settings, Some(ms)))
                .or_else(|| o.order_filled_date.clone());
            view! {
                <tr class=if entry { "order-entry" } else { "order-exit" }>
                    <td>{i + 1}</td>
                    <td>{side}</td>
                    <td>{o.order_type.clone()}</td>
                    <td>{o.status.as_str()}{o.is_open.then_some(" (open)")}</td>
                    <td class="num">{amount(o.amount)}</td>
                    <td class="num">{opt_amount(o.filled)}</td>
                    <td class="num">{opt_amount(o.remaining)}</td>
                    <td class="num">{opt_amount(price)}</td>
                    <td class="num">{opt_amount(average)}</td>
                    <td class="num">{amount(o.cost)}</td>
                    <td class="num">{opt_amount(o.ft_fee_base)}</td>
                    <td>{placed.unwrap_or_else(|| "–".into())}</td>
                    <td>{filled_at.unwrap_or_else(|| "–".into())}</td>
                    <td>{o.ft_order_tag.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="orders-table">
                <thead>{header_row(&[("", "#"), ("", "Side"), ("", "Type"), ("", "Status"), ("", "Amount"), ("", "Filled"), ("", "Remaining"), ("", "Price"), ("", "Average"), ("", "Cost"), ("", "Fee (base)"), ("", "Placed"), ("", "Filled at"), ("", "Tag")])}</thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The live detail of `trade`: the fields re-render on every refresh, the actions stay put (so an open
/// confirmation survives a refresh).
#[component]
pub fn TradeDetailBody(
    trade: Signal<Option<Trade>>,
    #[prop(optional)] on_deleted: Option<Callback<()>>,
    #[prop(optional)] on_reloaded: Option<Callback<Trade>>,
) -> impl IntoView {
    let store = use_bot_store();
    let settings = use_settings().0;
    let m = money_of(&store);
    // The custom data section stays while the trade's fields refresh.
    let id = Memo::new(move |_| trade.with(|t| t.as_ref().map(|t| (t.trade_id, t.is_open))));
    view! {
        <TradeActions trade=trade on_deleted=on_deleted.unwrap_or_else(|| Callback::new(|_| {})) on_reloaded=on_reloaded.unwrap_or_else(|| Callback::new(|_| {})) />
        {move || {
            trade.with(|t| t.as_ref().map(|t| settings.with(|s| m.with(|m| trade_body(t, s, m)))))
        }}
        {move || id.get().map(|(id, open)| view! { <CustomData id=id open=open /> })}
    }
}

/// The panel under a trade table for the selected row: the detail, a link to the trade's page, and close.
#[component]
pub fn TradeDetailPanel(
    id: TradeId,
    trade: Signal<Option<Trade>>,
    on_close: Callback<()>,
    gone: &'static str,
) -> impl IntoView {
    let pair = Memo::new(move |_| trade.with(|t| t.as_ref().map(|t| t.pair.clone())));
    view! {
        <section class="trade-detail-panel" aria-label=format!("Trade #{id}")>
            <div class="card-head">
                <h2>
                    {format!("Trade #{id}")}
                    {move || pair.get().map(|p| format!(" · {p}"))}
                </h2>
                <div class="row-actions">
                    <A href=app_href(&format!("/trade/{id}")) attr:class="button">"Open trade page"</A>
                    <button type="button" on:click=move |_| on_close.run(())>"Close detail"</button>
                </div>
            </div>
            {move || trade.with(|t| t.is_none()).then(|| view! { <p class="muted">{gone}</p> })}
            <TradeDetailBody trade=trade on_deleted=on_close />
        </section>
    }
}
