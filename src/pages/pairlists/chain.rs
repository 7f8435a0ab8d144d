//! The chain editor: stake currency, exchange, trading mode and blacklist; then each handler of the chain with
//! its parameters, one input per parameter by type (a select for booleans and options, text for numbers,
//! strings and lists), its help text and its check. Inputs write on `change`, so the chain is not redrawn
//! while one is typed in.

use leptos::prelude::*;

use crate::api::wire::{OrderedMap, PairlistHandler, PairlistParam};
use crate::components::when::When;
use crate::pages::data::form::parse_pairs;
use crate::state::pairlist_config::{default_text, move_entry, param_value, PairlistConfig};
use crate::state::pairlists::Pairlists;

/// A text field of the draft.
fn text_field(
    p: Pairlists,
    label: &'static str,
    placeholder: &'static str,
    get: fn(&PairlistConfig) -> String,
    set: fn(&mut PairlistConfig, String),
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                placeholder=placeholder
                prop:value=move || p.draft.with(get)
                on:change=move |ev| p.draft.update(|d| set(d, event_target_value(&ev)))
            />
        </label>
    }
}

#[component]
pub fn Settings(p: Pairlists) -> impl IntoView {
    view! {
        <div class="form-grid">
            {text_field(p, "Stake currency", "the bot's", |d| d.stake_currency.clone(), |d, v| d.stake_currency = v.trim().to_string())}
            {text_field(p, "Exchange", "the bot's", |d| d.exchange.clone(), |d, v| d.exchange = v.trim().to_string())}
            <label class="field">
                <span>"Trading mode"</span>
                <select
                    prop:value=move || p.draft.with(|d| d.trading_mode.clone())
                    on:change=move |ev| p.draft.update(|d| d.trading_mode = event_target_value(&ev))
                >
                    <option value="">"the bot's"</option>
                    <option value="spot">"spot"</option>
                    <option value="futures">"futures"</option>
                </select>
            </label>
        </div>
        <label class="field wide">
            <span>"Blacklist (pairs or regular expressions)"</span>
            <textarea
                rows="2"
                placeholder="BNB/.* DOGE/USDT"
                prop:value=move || p.draft.with(|d| d.blacklist.join(" "))
                on:change=move |ev| p.draft.update(|d| d.blacklist = parse_pairs(&event_target_value(&ev)))
            ></textarea>
        </label>
    }
}

#[component]
pub fn Chain(p: Pairlists) -> impl IntoView {
    let entries = move || {
        let handlers = p.handlers.get().unwrap_or_default();
        p.draft.with(|d| {
            let last = d.chain.len().saturating_sub(1);
            d.chain
                .iter()
                .enumerate()
                .map(|(i, entry)| {
                    let handler = handlers.iter().find(|h| h.name == entry.method).cloned();
                    let params = handler
                        .as_ref()
                        .map(|h| params_view(p, i, h, &entry.params))
                        .unwrap_or_else(|| {
                            view! { <p class="muted">"Unknown to this bot: its parameters are kept as typed."</p> }
                                .into_any()
                        });
                    let generator = handler.as_ref().is_some_and(|h| h.is_pairlist_generator);
                    view! {
                        <li class="chain-entry" data-method=entry.method.clone()>
                            <div class="handler-head">
                                <span class="muted">{i + 1}"."</span>
                                <strong>{entry.method.clone()}</strong>
                                {generator.then(|| view! { <span class="badge">"generator"</span> })}
                                <button aria-label="Move up" disabled=i == 0 on:click=move |_| p.draft.update(|d| move_entry(&mut d.chain, i, -1))>"↑"</button>
                                <button aria-label="Move down" disabled=i == last on:click=move |_| p.draft.update(|d| move_entry(&mut d.chain, i, 1))>"↓"</button>
                                <button aria-label="Remove" on:click=move |_| p.draft.update(|d| { if i < d.chain.len() { d.chain.remove(i); } })>"✕"</button>
                            </div>
                            {params}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <h3>"Chain"</h3>
        <When when=move || p.draft.with(|d| d.chain.is_empty())>
            <p class="hint">"Add a generator (such as StaticPairList, the config's own pairs) from the list, then filters."</p>
        </When>
        <ol class="chain" aria-label="Pairlist chain">{entries}</ol>
    }
}

/// The parameters of the chain's entry `at`.
fn params_view(
    p: Pairlists,
    at: usize,
    handler: &PairlistHandler,
    values: &OrderedMap<String>,
) -> AnyView {
    let value_of = |name: &str| values.get(name).cloned().unwrap_or_default();
    handler
        .params
        .iter()
        .map(|(name, param)| {
            let value = value_of(name);
            param_input(p, at, name.to_string(), param.clone(), value)
        })
        .collect_view()
        .into_any()
}

fn param_input(
    p: Pairlists,
    at: usize,
    name: String,
    param: PairlistParam,
    value: String,
) -> impl IntoView {
    let problem = param_value(&param, &value).err();
    let key = name.clone();
    let write = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        p.draft.update(|d| {
            if let Some(e) = d.chain.get_mut(at) {
                e.set(&key, v);
            }
        });
    };
    let default = default_text(&param);
    let label = if param.description.is_empty() {
        name.clone()
    } else {
        format!("{} ({name})", param.description)
    };
    let input = match param.kind.as_str() {
        "boolean" | "option" => {
            let options: Vec<String> = if param.kind == "boolean" {
                vec!["true".into(), "false".into()]
            } else {
                param
                    .options
                    .iter()
                    .filter(|o| !o.is_empty())
                    .cloned()
                    .collect()
            };
            view! {
                <select on:change=write prop:value=value.clone()>
                    <option value="">{format!("default ({default})")}</option>
                    {options.into_iter().map(|o| {
                        let selected = o == value;
                        let label = o.clone();
                        view! { <option value=o selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        kind => {
            let hint = if kind == "list" {
                "comma separated"
            } else {
                ""
            };
            view! {
                <input
                    type="text"
                    inputmode=if kind == "number" { "decimal" } else { "text" }
                    placeholder=if default.is_empty() { hint.to_string() } else { default.clone() }
                    prop:value=value.clone()
                    on:change=write
                />
            }
            .into_any()
        }
    };
    view! {
        <label class="field param" data-param=name.clone()>
            <span>{label}</span>
            {input}
            {(!param.help.is_empty()).then(|| view! { <small class="muted">{param.help.clone()}</small> })}
            {problem.map(|e| view! { <small class="error-text" role="alert">{e}</small> })}
        </label>
    }
}
