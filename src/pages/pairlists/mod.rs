//! Pairlist configurator (issue 13): the bot's pairlist handlers, a chain built from them (generator first,
//! then filters) with typed parameters, blacklist, stake currency, exchange and trading mode; evaluated as a
//! job on the bot, its whitelist shown and handed to Download data; named configs kept in the browser; the
//! chain as the JSON block a freqtrade config takes.

mod chain;
mod outcome;
mod saved;

use leptos::prelude::*;

use crate::api::features::Feature;
use crate::components::error_notice::ErrorNotice;
use crate::components::require_bot::RequireBot;
use crate::components::when::When;
use crate::state::jobs::Jobs;
use crate::state::pairlist_config::ChainEntry;
use crate::state::pairlists::Pairlists;
use crate::state::persist::BotId;

#[component]
pub fn PairlistsPage() -> impl IntoView {
    view! {
        <RequireBot webserver=true let:id>
            <Configurator id=id />
        </RequireBot>
    }
}

#[component]
fn Configurator(id: BotId) -> impl IntoView {
    let jobs = Jobs::of(id.clone());
    let p = Pairlists::of(id);
    let old_api = move || jobs.config.with(Option::is_some) && !jobs.has(Feature::PairlistConfig);
    view! {
        <div class="pairlists-page">
            <ErrorNotice error=p.error />
            <When when=old_api>
                <p class="hint" role="note">"This bot's API is older than 2.30: it has no pairlist configurator. Update freqtrade."</p>
            </When>
            <Handlers p=p />
            <section class="card chain-card">
                <saved::SavedBar p=p />
                <chain::Settings p=p />
                <chain::Chain p=p />
            </section>
            <outcome::Outcome p=p jobs=jobs />
        </div>
    }
}

/// The handlers to add: generators first; a filter cannot start the chain.
#[component]
fn Handlers(p: Pairlists) -> impl IntoView {
    let empty = Memo::new(move |_| p.draft.with(|d| d.chain.is_empty()));
    let list = move || {
        p.handlers.with(|h| match h {
            None => view! { <p class="hint">"Reading the bot's pairlist handlers…"</p> }.into_any(),
            Some(h) => view! {
                <ul class="handler-list" aria-label="Pairlist handlers">
                    {h.iter().map(|h| {
                        let name = h.name.clone();
                        let generator = h.is_pairlist_generator;
                        view! {
                            <li class="handler">
                                <div class="handler-head">
                                    <strong>{h.name.clone()}</strong>
                                    {generator.then(|| view! { <span class="badge">"generator"</span> })}
                                    <button
                                        aria-label=format!("Add {}", h.name)
                                        disabled=move || !generator && empty.get()
                                        on:click=move |_| p.draft.update(|d| d.chain.push(ChainEntry::new(name.clone())))
                                    >"Add"</button>
                                </div>
                                <p class="muted">{h.description.clone()}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        })
    };
    view! {
        <section class="card handlers-card">
            <h2>"Pairlist handlers"</h2>
            {list}
        </section>
    }
}
