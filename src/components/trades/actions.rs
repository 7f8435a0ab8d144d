//! The actions on one trade: force exit (dialog), cancel the open order, reload, delete, increase position.
//! Destructive ones ask first; each button is disabled while its call runs.

use crate::api::features::Feature;
use leptos::prelude::*;

use crate::components::when::When;

use super::force_entry::ForceEntryDialog;
use super::force_exit::ForceExitDialog;
use crate::api::wire::{Trade, TradeId};
use crate::components::modal::{ConfirmButton, Modal};
use crate::runtime::use_view_scope;
use crate::state::bot_store::use_bot_store;
use crate::util::format::visible;

/// The action buttons of `trade` (none while it is unknown). Open trades get force exit, cancel open order
/// (when one is open), reload and delete; closed trades only delete.
#[component]
pub fn TradeActions(
    trade: Signal<Option<Trade>>,
    /// Runs after the bot accepted a force exit (whole or partial).
    #[prop(optional)]
    on_exited: Option<Callback<()>>,
    /// Runs after the bot deleted the trade.
    #[prop(optional)]
    on_deleted: Option<Callback<()>>,
    /// Receives the bot's answer to a reload.
    #[prop(optional)]
    on_reloaded: Option<Callback<Trade>>,
) -> impl IntoView {
    let scope = use_view_scope();
    let store = use_bot_store();
    let id = Memo::new(move |_| trade.with(|t| t.as_ref().map(|t| t.trade_id)));
    let pair =
        Memo::new(move |_| trade.with(|t| t.as_ref().map(|t| t.pair.clone()).unwrap_or_default()));
    let is_open = Memo::new(move |_| trade.with(|t| t.as_ref().is_some_and(|t| t.is_open)));
    let has_open_orders =
        Memo::new(move |_| trade.with(|t| t.as_ref().is_some_and(|t| t.has_open_orders)));
    let can_cancel = Memo::new(move |_| {
        is_open.get() && has_open_orders.get() && store.has(Feature::CancelOpenOrder)
    });
    let can_reload = Memo::new(move |_| is_open.get() && store.has(Feature::ReloadTrade));
    let can_increase = Memo::new(move |_| {
        store.config.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.force_entry_enable && c.position_adjustment_enable)
        })
    });

    let exit_open = RwSignal::new(false);
    let increase_open = RwSignal::new(false);
    let cancelling = RwSignal::new(false);
    let reloading = RwSignal::new(false);
    let deleting = RwSignal::new(false);

    let label = move || format!("trade #{} ({})", id.get().unwrap_or_default(), pair.get());

    let cancel = move |_| {
        let Some(id) = id.get_untracked() else { return };
        cancelling.set(true);
        scope.spawn(async move {
            store.cancel_open_order(id).await;
            cancelling.set(false);
        });
    };
    let reload = move |_| {
        let Some(id) = id.get_untracked() else { return };
        reloading.set(true);
        scope.spawn(async move {
            let answer = store.reload_trade(id).await;
            reloading.set(false);
            if let (Some(t), Some(cb)) = (answer, on_reloaded) {
                cb.run(t);
            }
        });
    };
    let delete = move |_| {
        let Some(id) = id.get_untracked() else { return };
        deleting.set(true);
        scope.spawn(async move {
            let ok = store.delete_trade(id).await;
            deleting.set(false);
            if let (true, Some(cb)) = (ok, on_deleted) {
                cb.run(());
            }
        });
    };

    view! {
        <div class="trade-actions" role="group" aria-label="Trade actions">
            <When when=move || is_open.get()>
                <button type="button" class="primary" on:click=move |_| exit_open.set(true)>
                    "Force exit…"
                </button>
            </When>
            <When when=move || is_open.get() && can_increase.get()>
                <button type="button" on:click=move |_| increase_open.set(true)>
                    "Increase position…"
                </button>
            </When>
            <When when=move || can_cancel.get()>
                <ConfirmButton
                    label="Cancel open order"
                    message=Signal::derive(move || {
                        format!(
                            "Cancel the open order of {}? If nothing of an entry order was filled, the bot removes the trade.",
                            label(),
                        )
                    })
                    confirm_label="Yes, cancel the order"
                    disabled=cancelling
                    on_confirm=cancel
                />
            </When>
            <When when=move || can_reload.get()>
                <ConfirmButton
                    label="Reload"
                    message=Signal::derive(move || {
                        format!("Reload {} from the exchange's orders?", label())
                    })
                    confirm_label="Reload trade"
                    disabled=reloading
                    on_confirm=reload
                />
            </When>
            <When when=move || id.get().is_some()>
                <ConfirmButton
                    label="Delete"
                    danger=true
                    message=Signal::derive(move || {
                        format!(
                            "Delete {} from the bot's database? Open orders are cancelled. This cannot be undone.",
                            label(),
                        )
                    })
                    confirm_label="Delete trade"
                    disabled=deleting
                    on_confirm=delete
                />
            </When>
            <ForceExitDialog open=exit_open trade=trade on_done=Callback::new(move |_| {
                if let Some(cb) = on_exited {
                    cb.run(());
                }
            }) />
            <ForceEntryDialog open=increase_open fixed_pair=Signal::derive(move || Some(pair.get())) />
        </div>
    }
}

/// The "Actions for trade #N" dialog opened from a table row. `target` is the trade it acts on; the trade is
/// looked up in the store's open trades, so the dialog follows every refresh.
#[component]
pub fn TradeActionsDialog(
    target: RwSignal<Option<TradeId>>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let store = use_bot_store();
    let target = Memo::new(move |_| target.get());
    move || {
        target.get().map(|id| {
            let trade = Memo::new(move |_| {
                store.open_trades.with(|l| {
                    l.as_ref()
                        .and_then(|l| l.iter().find(|t| t.trade_id == id).cloned())
                })
            });
            let pair =
                trade.with_untracked(|t| t.as_ref().map(|t| visible(&t.pair)).unwrap_or_default());
            view! {
                <Modal open=open title=format!("Actions for trade #{id} ({pair})")>
                    {move || {
                        trade
                            .with(|t| t.is_none())
                            .then(|| view! { <p class="muted">"This trade is no longer open."</p> })
                    }}
                    <TradeActions
                        trade=trade.into()
                        on_exited=Callback::new(move |_| open.set(false))
                        on_deleted=Callback::new(move |_| open.set(false))
                    />
                    <div class="actions">
                        <button type="button" on:click=move |_| open.set(false)>"Close"</button>
                    </div>
                </Modal>
            }
        })
    }
}
