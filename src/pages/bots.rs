//! The bot list: select, rename, reorder, log in again, remove (log out).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::persist::BotId;
use crate::state::registry::{use_registry, BotEntry, BotStatus};

#[component]
pub fn BotsPage() -> impl IntoView {
    let registry = use_registry();
    let bots = registry.bots();
    view! {
        <section class="card">
            <div class="card-head">
                <h1>"Bots"</h1>
                <A href="/login" attr:class="button primary">"Add a bot"</A>
            </div>
            <Show
                when=move || !bots.with(|b| b.is_empty())
                fallback=|| view! {
                    <p class="muted">
                        "Freqboard watches and steers freqtrade bots through their REST API. Log into a bot to start."
                    </p>
                }
            >
                <ul class="bot-list">
                    <For
                        each={move || bots.get().into_iter().enumerate().collect::<Vec<_>>()}
                        key={|row: &(usize, BotEntry)| (row.0, row.1.id.clone(), row.1.name.clone(), row.1.status.label())}
                        let:row
                    >
                        <BotRow index=row.0 bot=row.1 />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn BotRow(index: usize, bot: BotEntry) -> impl IntoView {
    let registry = use_registry();
    let count = Memo::new(move |_| registry.bots().with(|b| b.len()));
    let is_selected = {
        let id = bot.id.clone();
        Signal::derive(move || registry.selected_id().get().as_ref() == Some(&id))
    };
    let editing = RwSignal::new(false);
    let new_name = RwSignal::new(bot.name.clone());
    let confirming = RwSignal::new(false);
    let id = StoredValue::new(bot.id.clone());
    let with_id = move |f: &dyn Fn(&BotId)| id.with_value(|id| f(id));
    let title = match &bot.status {
        BotStatus::Offline(why) => why.clone(),
        other => other.label().to_string(),
    };
    let needs_login = bot.status == BotStatus::LoginRequired;
    let relogin_href = format!("/login?bot={}", bot.id.0);
    let name = bot.name.clone();

    view! {
        <li class="bot-row" class:selected=is_selected data-bot-id=bot.id.0.clone()>
            <span class="bot-badge" data-status=bot.status.label() title=title>
                <span class="dot" aria-hidden="true"></span>
                <span class="status-text">{bot.status.label()}</span>
            </span>
            <div class="bot-main">
                <Show
                    when=move || editing.get()
                    fallback={
                        let name = name.clone();
                        move || view! { <strong class="bot-name">{name.clone()}</strong> }
                    }
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
                </Show>
                <span class="muted">{format!("{} · {}", bot.url, bot.username)}</span>
            </div>
            <div class="row-actions">
                <button on:click=move |_| with_id(&|id| registry.select(id)) disabled=is_selected>
                    "Select"
                </button>
                <button on:click=move |_| editing.update(|e| *e = !*e)>"Rename"</button>
                <button aria-label="Move up" disabled={index == 0} on:click=move |_| with_id(&|id| registry.shift(id, -1))>
                    "↑"
                </button>
                <button
                    aria-label="Move down"
                    disabled={move || index + 1 >= count.get()}
                    on:click=move |_| with_id(&|id| registry.shift(id, 1))
                >
                    "↓"
                </button>
                {needs_login.then(|| view! { <A href=relogin_href.clone() attr:class="button primary">"Log in again"</A> })}
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button class="danger" on:click=move |_| confirming.set(true)>"Log out"</button>
                    }
                >
                    <span class="confirm" role="alertdialog" aria-label="Confirm logout">
                        <span>"Log out and forget this bot?"</span>
                        <button class="danger" on:click=move |_| with_id(&|id| registry.remove(id))>
                            "Yes, log out"
                        </button>
                        <button on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </span>
                </Show>
            </div>
        </li>
    }
}
