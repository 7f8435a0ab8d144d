//! "Force exit all": one confirmed `POST /forceexit {"tradeid": "all"}`, with the order type to exit with: the
//! bot's own (`order_types.force_exit`, named in the choice), market or limit.

use leptos::prelude::*;

use crate::api::wire::{ForceExitPayload, OrderType};
use crate::components::modal::Modal;
use crate::runtime::use_view_scope;
use crate::state::bot_store::use_bot_store;

/// The bot's force-exit order type as the choice names it: `"the bot's (market)"`.
fn bot_default_label(configured: Option<OrderType>) -> String {
    match configured {
        Some(t) => format!("The bot's ({})", t.as_str()),
        None => "The bot's".to_string(),
    }
}

/// The payload for the choice (`""`: the bot's own).
fn exit_all_payload(choice: &str) -> ForceExitPayload {
    let mut payload = ForceExitPayload::all();
    payload.ordertype = match choice {
        "" => None,
        other => Some(OrderType::from_wire(other)),
    };
    payload
}

#[component]
pub fn ExitAllButton(#[prop(into)] open_count: Signal<usize>) -> impl IntoView {
    let scope = use_view_scope();
    let store = use_bot_store();
    let open = RwSignal::new(false);
    let fired = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let choice = RwSignal::new(String::new());
    let configured = Memo::new(move |_| {
        store.config.with(|c| {
            c.as_ref()
                .and_then(|c| c.order_types.as_ref())
                .and_then(|o| o.force_exit)
        })
    });
    let confirm = move |_| {
        // The dialog may take another click before it closes: only the first one sends.
        if fired.get_untracked() {
            return;
        }
        fired.set(true);
        open.set(false);
        busy.set(true);
        let payload = exit_all_payload(&choice.get_untracked());
        scope.spawn(async move {
            store.force_exit(payload).await;
            busy.set(false);
        });
    };
    view! {
        <button
            class="danger"
            disabled=move || busy.get() || open_count.get() == 0
            on:click=move |_| {
                fired.set(false);
                choice.set(String::new());
                open.set(true);
            }
        >
            "Force exit all"
        </button>
        <Modal open=open title="Force exit all">
            <p>{move || format!("Exit all {} open trades now?", open_count.get())}</p>
            <label class="field">
                <span>"Order type"</span>
                <select
                    name="exit-all-ordertype"
                    prop:value=move || choice.get()
                    on:change=move |ev| choice.set(event_target_value(&ev))
                >
                    <option value="">{move || bot_default_label(configured.get())}</option>
                    <option value="market">"Market"</option>
                    <option value="limit">"Limit (at the bot's exit price)"</option>
                </select>
            </label>
            <div class="actions">
                <button on:click=move |_| open.set(false)>"Cancel"</button>
                <button class="confirm danger primary" on:click=confirm>"Exit all trades"</button>
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_becomes_the_order_type_or_none_for_the_bots_own() {
        assert_eq!(exit_all_payload("").ordertype, None);
        assert_eq!(exit_all_payload("").tradeid, "all");
        assert_eq!(exit_all_payload("limit").ordertype, Some(OrderType::Limit));
        assert_eq!(
            exit_all_payload("market").ordertype,
            Some(OrderType::Market)
        );
        assert_eq!(
            bot_default_label(Some(OrderType::Market)),
            "The bot's (market)"
        );
        assert_eq!(bot_default_label(None), "The bot's");
    }
}
