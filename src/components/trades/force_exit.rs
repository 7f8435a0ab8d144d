//! The force-exit dialog: the whole position or a part of it, at market or limit (optionally with a price).

use crate::api::features::Feature;
use crate::util::format::{amount as amount_text, trimmed};
use leptos::prelude::*;

use crate::components::when::When;

use super::logic::{build_force_exit, default_exit_type, fraction_of, step_decimals, ExitCaps};
use crate::api::wire::{OrderType, Trade};
use crate::components::modal::Modal;
use crate::runtime::use_view_scope;
use crate::state::bot_store::use_bot_store;

/// Opens over the page while `open` is true; the form is filled afresh from `trade` each time it opens.
#[component]
pub fn ForceExitDialog(
    open: RwSignal<bool>,
    trade: Signal<Option<Trade>>,
    /// Runs after the bot accepted the exit.
    #[prop(optional)]
    on_done: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <Modal open=open title="Force exit">
            <ForceExitForm open=open trade=trade on_done=on_done />
        </Modal>
    }
}

#[component]
fn ForceExitForm(
    open: RwSignal<bool>,
    trade: Signal<Option<Trade>>,
    on_done: Option<Callback<()>>,
) -> impl IntoView {
    let scope = use_view_scope();
    let store = use_bot_store();
    let start = trade.get_untracked();
    let full = start.as_ref().map(|t| t.amount).unwrap_or(0.0);
    let step = start.as_ref().and_then(|t| t.amount_precision);
    let base = start
        .as_ref()
        .map(|t| t.base_currency.clone())
        .unwrap_or_default();
    let (api, default_type, currency) = store.config.with_untracked(|c| match c {
        Some(c) => {
            let types = c.order_types.clone().unwrap_or_default();
            (
                c.api_version(),
                default_exit_type(types.force_exit, types.exit),
                c.stake_currency.clone(),
            )
        }
        None => (1.0, OrderType::Market, String::new()),
    });
    let caps = ExitCaps::for_api(api);
    let missing = start.is_none();

    let amount = RwSignal::new(amount_text(full));
    let order_type = RwSignal::new(default_type);
    let price = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let heading = start
        .as_ref()
        .map(|t| {
            format!(
                "Trade #{} · {} · {} {}",
                t.trade_id,
                t.pair,
                amount_text(t.amount),
                t.base_currency
            )
        })
        .unwrap_or_else(|| "This trade is no longer open.".to_string());

    let estimate = move || {
        let rate = trade.with(|t| t.as_ref().and_then(|t| t.current_rate))?;
        let a = amount.with(|a| crate::util::decimal::parse_decimal(a.trim()))?;
        (a.is_finite() && a > 0.0)
            .then(|| format!("≈ {} {currency} at the current rate", trimmed(a * rate, 4)))
    };
    let is_partial = move || {
        amount
            .with(|a| crate::util::decimal::parse_decimal(a.trim()))
            .is_some_and(|a| a > 0.0 && a < full * (1.0 - 1e-9))
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some((id, now_amount)) =
            trade.with_untracked(|t| t.as_ref().map(|t| (t.trade_id, t.amount)))
        else {
            error.set(Some("This trade is no longer open.".to_string()));
            return;
        };
        let built = build_force_exit(
            id,
            now_amount,
            &amount.get_untracked(),
            order_type.get_untracked(),
            &price.get_untracked(),
            caps,
        );
        match built {
            Err(e) => error.set(Some(e)),
            Ok(payload) => {
                error.set(None);
                pending.set(true);
                scope.spawn(async move {
                    let ok = store.force_exit(payload).await;
                    pending.set(false);
                    if ok {
                        open.set(false);
                        if let Some(cb) = on_done {
                            cb.run(());
                        }
                    }
                });
            }
        }
    };

    let set_fraction = move |fraction: f64| {
        let value = fraction_of(full, fraction, step);
        amount.set(if fraction >= 1.0 {
            amount_text(full)
        } else {
            trimmed(value, step_decimals(step))
        });
    };

    view! {
        <form class="trade-form" on:submit=submit novalidate>
            <p class="muted">{heading}</p>
            <label class="field">
                <span>{format!("Amount to exit ({base})")}</span>
                <input
                    type="number"
                    name="amount"
                    step="any"
                    min="0"
                    inputmode="decimal"
                    disabled=!caps.partial
                    prop:value=move || amount.get()
                    on:input=move |ev| amount.set(event_target_value(&ev))
                />
                {if caps.partial {
                    view! {
                        <small class="muted">
                            "Less than the whole amount is a partial exit. "
                            {move || if is_partial() { "(partial exit)" } else { "(whole position)" }}
                        </small>
                    }
                    .into_any()
                } else {
                    view! { <small class="muted">{format!("This bot exits the whole position only (API < {}).", Feature::PartialExit.min_api())}</small> }
                        .into_any()
                }}
                <small class="muted">{estimate}</small>
            </label>
            {caps.partial.then(|| view! {
                <div class="fraction-buttons" role="group" aria-label="Amount presets">
                    <button type="button" on:click=move |_| set_fraction(0.25)>"25 %"</button>
                    <button type="button" on:click=move |_| set_fraction(0.5)>"50 %"</button>
                    <button type="button" on:click=move |_| set_fraction(0.75)>"75 %"</button>
                    <button type="button" on:click=move |_| set_fraction(1.0)>"100 %"</button>
                </div>
            })}
            <label class="field">
                <span>"Order type"</span>
                <select
                    name="ordertype"
                    prop:value=move || order_type.get().as_str()
                    on:change=move |ev| order_type.set(OrderType::from_wire(&event_target_value(&ev)))
                >
                    <option value="market" selected=move || order_type.get() == OrderType::Market>"Market"</option>
                    <option value="limit" selected=move || order_type.get() == OrderType::Limit>"Limit"</option>
                </select>
            </label>
            <When when=move || order_type.get() == OrderType::Limit && caps.price>
                <label class="field">
                    <span>"Limit price (optional)"</span>
                    <input
                        type="number"
                        name="price"
                        step="any"
                        min="0"
                        inputmode="decimal"
                        placeholder="the bot's exit price"
                        prop:value=move || price.get()
                        on:input=move |ev| price.set(event_target_value(&ev))
                    />
                </label>
            </When>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                <button
                    type="submit"
                    class="primary danger-fill"
                    disabled=move || pending.get() || missing
                    aria-busy=move || pending.get().to_string()
                >
                    "Exit trade"
                </button>
            </div>
            <When when=move || pending.get()>
                <p class="muted" role="status">"Sending the exit order…"</p>
            </When>
        </form>
    }
}
