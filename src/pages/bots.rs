//! The bot list: select, rename, reorder, log in again, remove (log out).

use leptos::prelude::*;

use crate::components::when::When;
use leptos_router::components::A;

use crate::api::ws::SocketState;
use crate::api::ws_protocol::UPGRADE_HELP;
use crate::components::app_href::app_href;
use crate::state::persist::BotId;
use crate::state::registry::{use_registry, BotStatus};
use crate::state::toasts::{use_toasts, Severity};

#[component]
pub fn BotsPage() -> impl IntoView {
    let registry = use_registry();
    let bots = registry.bots();
    view! {
        <section class="card">
            <div class="card-head">
                <h1>"Bots"</h1>
                <A href=app_href("/login") attr:class="button primary">"Add a bot"</A>
            </div>
            <When
                when=move || !bots.with(|b| b.is_empty())
                fallback=|| view! {
                    <p class="muted">
                        "Freqboard watches and steers freqtrade bots through their REST API. Log into a bot to start."
                    </p>
                }
            >
                <ul class="bot-list">
                    // Keyed by id only: a row keeps its edit state while its status or position changes.
                    <For each=move || bots.get() key=|b| b.id.clone() let:bot>
                        <BotRow id=bot.id />
                    </For>
                </ul>
            </When>
        </section>
    }
}

#[component]
fn BotRow(id: BotId) -> impl IntoView {
    let registry = use_registry();
    let toasts = use_toasts();
    let bots = registry.bots();
    let entry = {
        let id = id.clone();
        Memo::new(move |_| bots.with(|list| list.iter().find(|b| b.id == id).cloned()))
    };
    let position = {
        let id = id.clone();
        Memo::new(move |_| bots.with(|list| (list.iter().position(|b| b.id == id), list.len())))
    };
    let is_first = Signal::derive(move || position.get().0 == Some(0));
    let is_last = Signal::derive(move || {
        let (at, len) = position.get();
        at.map(|i| i + 1 >= len).unwrap_or(true)
    });
    let is_selected = {
        let id = id.clone();
        Signal::derive(move || registry.selected_id().get().as_ref() == Some(&id))
    };
    let status =
        Signal::derive(move || entry.get().map(|e| e.status).unwrap_or(BotStatus::Unknown));
    let name = Signal::derive(move || entry.get().map(|e| e.name).unwrap_or_default());
    let details = Signal::derive(move || {
        entry
            .get()
            .map(|e| format!("{} · {}", e.url, e.username))
            .unwrap_or_default()
    });
    let editing = RwSignal::new(false);
    let new_name = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let id = StoredValue::new(id);
    let with_id = move |f: &dyn Fn(&BotId)| id.with_value(|id| f(id));
    let relogin_href = id.with_value(|id| app_href(&format!("/login?bot={}", id.0)));
    // A login that ends within a day (its refresh token's expiry), looked at again with each status change.
    let ending = Memo::new(move |_| {
        status.track();
        id.with_value(|id| registry.session_ending(id))
    });
    let ending_href = relogin_href.clone();

    view! {
        <li class="bot-row" class:selected=is_selected data-bot-id=id.get_value().0>
            <span
                class="bot-badge"
                data-status=move || status.get().label()
                title=move || status.get().explanation()
            >
                <span class="dot" aria-hidden="true"></span>
                <span class="status-text">{move || status.get().label()}</span>
                <span class="socket-state">
                    {move || entry.get().map(|e| format!("ws: {}", e.socket.label())).unwrap_or_default()}
                </span>
            </span>
            <When when=move || entry.get().is_some_and(|e| e.socket == SocketState::Unavailable)>
                <pre class="ws-help" role="note">{UPGRADE_HELP}</pre>
            </When>
            <div class="bot-main">
                <When
                    when=move || editing.get()
                    fallback=move || view! { <strong class="bot-name">{name}</strong> }
                >
                    <form
                        class="inline"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            with_id(&|id| registry.rename(id, new_name.get_untracked()));
                            editing.set(false);
                        }
                    >
                        <input aria-label="New name" type="text" bind:value=new_name />
                        <button type="submit">"Save"</button>
                    </form>
                </When>
                <span class="muted">{details}</span>
                {move || id.with_value(|id| registry.stale_since(id)).get().map(|last| view! {
                    <p class="stale-note warning-text" role="note">
                        {crate::state::stale::stale_text(last, js_sys::Date::now() as i64)}
                    </p>
                })}
                {move || ending.get().map(|left| view! {
                    <p class="session-ending" role="note">
                        {format!("The login ends in {}. ", crate::util::format::duration_minutes(left as f64 / 1_000.0))}
                        <A href=ending_href.clone()>"Log in again"</A>
                    </p>
                })}
            </div>
            <div class="row-actions">
                <button on:click=move |_| with_id(&|id| registry.select(id)) disabled=is_selected>
                    "Select"
                </button>
                <button on:click=move |_| {
                    new_name.set(name.get_untracked());
                    editing.update(|e| *e = !*e);
                }>"Rename"</button>
                <button aria-label="Move up" disabled=is_first on:click=move |_| with_id(&|id| registry.shift(id, -1))>
                    "↑"
                </button>
                <button aria-label="Move down" disabled=is_last on:click=move |_| with_id(&|id| registry.shift(id, 1))>
                    "↓"
                </button>
                <When when=move || status.get() == BotStatus::LoginRequired>
                    <A href=relogin_href.clone() attr:class="button primary">"Log in again"</A>
                </When>
                <When
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button class="danger" on:click=move |_| confirming.set(true)>"Log out"</button>
                    }
                >
                    <span class="confirm" role="alertdialog" aria-label="Confirm logout">
                        <span>"Log out and forget this bot?"</span>
                        <button
                            class="danger"
                            on:click=move |_| {
                                toasts.show(Severity::Info, name.get_untracked(), "Logged out and removed.");
                                with_id(&|id| registry.remove(id));
                            }
                        >
                            "Yes, log out"
                        </button>
                        <button on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </span>
                </When>
            </div>
        </li>
    }
}
