//! `/trade/:id`: one trade of the selected bot, open or closed, with its orders and actions. Works on a
//! reload of the URL: the page has its own `BotStore` (for the actions and the bot's configuration) and reads
//! the trade with `GET /trade/{id}`, again after every refresh of the open trades and after every action.

use leptos::prelude::*;

use crate::components::when::When;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::error::ApiError;
use crate::api::wire::{Trade, TradeId};
use crate::components::app_href::app_href;
use crate::components::error_notice::ErrorNotice;
use crate::components::require_bot::RequireBot;
use crate::components::trades::detail::TradeDetailBody;
use crate::components::trades::logic::parse_trade_id;
use crate::runtime::effect;
use crate::runtime::use_view_scope;
use crate::state::bot_store::BotStore;
use crate::state::persist::BotId;

#[component]
pub fn TradeDetailPage() -> impl IntoView {
    view! {
        <RequireBot webserver=false let:id>
            <TradeDetailForBot bot=id />
        </RequireBot>
    }
}

#[component]
fn TradeDetailForBot(bot: BotId) -> impl IntoView {
    let store = BotStore::provide(bot);
    let params = use_params_map();
    let raw = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let id = Memo::new(move |_| parse_trade_id(&raw.get()));
    view! {
        <section class="card trade-page">
            <div class="card-head">
                <A href=app_href("/trade") attr:class="button back-link">"← Back to trades"</A>
            </div>
            <ErrorNotice error=store.error />
            {move || match id.get() {
                None => view! {
                    <div class="error-notice" role="alert">
                        <p class="error-text">
                            {format!("“{}” is not a trade id. Trade ids are whole numbers such as /trade/12.", raw.get())}
                        </p>
                    </div>
                }
                .into_any(),
                Some(id) => view! { <TradeById store=store id=id /> }.into_any(),
            }}
        </section>
    }
}

/// What the page knows about the trade.
#[derive(Debug, Clone, PartialEq)]
enum Loaded {
    Loading,
    Found(Box<Trade>),
    NotFound,
    Deleted,
    Failed(ApiError),
}

fn is_not_found(e: &ApiError) -> bool {
    matches!(e, ApiError::Http { status: 404, .. })
}

#[component]
fn TradeById(store: BotStore, id: TradeId) -> impl IntoView {
    let scope = use_view_scope();
    let state = RwSignal::new(Loaded::Loading);
    // A refresh failing after the trade was shown keeps it and shows the error above it.
    let refresh_error = RwSignal::new(None::<ApiError>);
    let reloaded = RwSignal::new(false);
    let generation = StoredValue::new(0u64);

    effect(move || {
        // Reload after every poll of the open trades (every few seconds) and after every action.
        store.open_trades.track();
        store.revision.track();
        if state.get_untracked() == Loaded::Deleted {
            return;
        }
        let mine = generation.try_update_value(|g| {
            *g += 1;
            *g
        });
        scope.spawn(async move {
            let result = store.read_trade(id).await;
            // An older answer must not overwrite a newer one.
            if generation.try_get_value() != mine
                || state.try_get_untracked() == Some(Loaded::Deleted)
            {
                return;
            }
            match result {
                Ok(t) => {
                    state.set(Loaded::Found(Box::new(t)));
                    refresh_error.set(None);
                }
                Err(ApiError::Aborted) => {}
                Err(e) if is_not_found(&e) => state.set(Loaded::NotFound),
                Err(e) => {
                    if matches!(state.get_untracked(), Loaded::Found(_)) {
                        refresh_error.set(Some(e));
                    } else {
                        state.set(Loaded::Failed(e));
                    }
                }
            }
        });
    });

    let trade = Memo::new(move |_| {
        state.with(|s| match s {
            Loaded::Found(t) => Some((**t).clone()),
            _ => None,
        })
    });
    let found = Memo::new(move |_| trade.with(|t| t.is_some()));
    let pair = Memo::new(move |_| trade.with(|t| t.as_ref().map(|t| t.pair.clone())));
    let is_open = Memo::new(move |_| trade.with(|t| t.as_ref().map(|t| t.is_open)));

    let on_reloaded = Callback::new(move |t: Trade| {
        state.set(Loaded::Found(Box::new(t)));
        reloaded.set(true);
    });
    let on_deleted = Callback::new(move |_| state.set(Loaded::Deleted));

    view! {
        <h1>
            {format!("Trade #{id}")}
            {move || pair.get().map(|p| format!(" · {p}"))}
            {move || is_open.get().map(|open| view! {
                <span class="state-badge trade-state">{if open { "open" } else { "closed" }}</span>
            })}
        </h1>
        <ErrorNotice error=refresh_error />
        {move || reloaded.get().then(|| view! {
            <p class="muted reload-note" role="status">"Reloaded from the exchange: the bot's answer is shown below."</p>
        })}
        {move || match state.get() {
            Loaded::Loading => view! { <p class="muted" role="status">{format!("Loading trade #{id}…")}</p> }.into_any(),
            Loaded::NotFound => view! {
                <div class="error-notice" role="alert">
                    <p class="error-text">{format!("This bot has no trade #{id} (HTTP 404). It may have been deleted.")}</p>
                </div>
            }
            .into_any(),
            Loaded::Deleted => view! {
                <p class="muted" role="status">{format!("Trade #{id} was deleted.")}</p>
            }
            .into_any(),
            Loaded::Failed(e) => view! { <ErrorNotice error=Signal::stored(Some(e)) /> }.into_any(),
            Loaded::Found(_) => ().into_any(),
        }}
        <When when=move || found.get()>
            <TradeDetailBody trade=trade.into() on_deleted=on_deleted on_reloaded=on_reloaded />
        </When>
    }
}
