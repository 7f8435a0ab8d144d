//! The cumulative profit of a stake currency's bots, together or one of them.

use leptos::prelude::*;

use super::Row;
use crate::api::wire::Trade;
use crate::charts::profit::decode;
use crate::charts::profit::CumulativeProfitCard;
use crate::components::select_options::ListSelect;
use crate::state::bot_store::BotStore;
use crate::state::persist::BotId;

/// The cumulative profit of one stake currency's bots together, or of one of them (a choice above the chart).
#[component]
pub(super) fn FleetCurve(
    currency: String,
    rows: Memo<Vec<Row>>,
    offset: Signal<i32>,
    dark: Signal<bool>,
) -> impl IntoView {
    // `None`: every bot of this currency.
    let only = RwSignal::new(None::<BotId>);
    let cur = StoredValue::new(currency.clone());
    // The stores whose curve is drawn: the chosen bot, or every shown bot of this currency. A memo, so a poll
    // that changes a row's figures does not decode the histories again.
    let chosen = Memo::new(move |_| {
        let only = only.get();
        rows.with(|rows| {
            cur.with_value(|cur| {
                rows.iter()
                    .filter(|r| &r.currency == cur && only.as_ref().is_none_or(|o| o == &r.id))
                    .map(|r| r.store)
                    .collect::<Vec<BotStore>>()
            })
        })
    });
    let closed = Memo::new(move |_| {
        let mut all = Vec::new();
        let mut any = false;
        for store in chosen.get() {
            store.closed_trades.with(|t| {
                if let Some(t) = t {
                    any = true;
                    all.extend(decode::closed_trades(t));
                }
            });
        }
        any.then_some(all)
    });
    let open = Memo::new(move |_| {
        let trades: Vec<Trade> = chosen
            .get()
            .iter()
            .flat_map(|s| s.open_trades.with(|t| t.clone().unwrap_or_default()))
            .collect();
        decode::open_profit(&trades)
    });
    let choices = Signal::derive(move || {
        let mut list = vec![(String::new(), cur.with_value(|c| format!("All {c} bots")))];
        rows.with(|rows| {
            cur.with_value(|cur| {
                list.extend(
                    rows.iter()
                        .filter(|r| &r.currency == cur)
                        .map(|r| (r.id.0.clone(), r.name.clone())),
                )
            })
        });
        list
    });
    let value = Signal::derive(move || only.get().map(|id| id.0).unwrap_or_default());
    let on_change = Callback::new(move |v: String| only.set((!v.is_empty()).then_some(BotId(v))));
    let select_id = format!("fleet-curve-{currency}");
    let label = Signal::stored(currency.clone());
    view! {
        <div class="fleet-curve" data-currency=currency.clone()>
            <div class="control">
                <label for=select_id.clone()>{format!("Cumulative profit ({currency})")}</label>
                <ListSelect id=select_id choices=choices value=value on_change=on_change />
            </div>
            <CumulativeProfitCard closed=closed open=open currency=label offset_minutes=offset dark=dark />
        </div>
    }
}
