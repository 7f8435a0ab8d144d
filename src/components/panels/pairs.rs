//! The whitelist with the pairlist handlers that built it, and the blacklist: add several pairs at once, remove
//! the selected ones. Blacklist changes made here last until the bot reloads its configuration.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::common::store_view;
use crate::components::modal::ConfirmButton;
use crate::runtime::use_view_scope;
use crate::state::bot_store::use_bot_store;
use crate::util::format::visible;

/// Splits what the user typed into pairs: commas, semicolons and whitespace separate them; empty entries and
/// repeats are dropped, the order is kept. Pairs are case-sensitive (and may be wildcards such as `.*/BNB`).
pub fn parse_pairs(input: &str) -> Vec<String> {
    let mut pairs: Vec<String> = Vec::new();
    for pair in input.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        if !pair.is_empty() && !pairs.iter().any(|p| p == pair) {
            pairs.push(pair.to_string());
        }
    }
    pairs
}

#[component]
pub fn PairsPanel() -> impl IntoView {
    view! {
        <div class="panel panel-pairs">
            <Whitelist />
            <Blacklist />
        </div>
    }
}

#[component]
fn Whitelist() -> impl IntoView {
    let store = use_bot_store();
    view! {
        <section class="whitelist" aria-label="Whitelist">
            <div class="panel-head">
                <h2>"Whitelist"</h2>
            </div>
            {store_view(store, store.whitelist, "Loading the whitelist…", |w| {
                view! {
                    <p class="pairlist-methods">
                        <span class="muted">"Pairlist handlers: "</span>
                        {w.method.into_iter().map(|m| view! { <span class="chip">{m}</span> }).collect_view()}
                    </p>
                    {if w.whitelist.is_empty() {
                        view! { <p class="muted panel-empty">"No pairs in the whitelist yet."</p> }.into_any()
                    } else {
                        view! {
                            <p class="muted">{format!("{} pair(s)", w.whitelist.len())}</p>
                            <ul class="pair-chips">
                                {w.whitelist.into_iter().map(|p| view! { <li class="chip">{p}</li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                }
            })}
        </section>
    }
}

#[component]
fn Blacklist() -> impl IntoView {
    let scope = use_view_scope();
    let store = use_bot_store();
    let input = RwSignal::new(String::new());
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let busy = RwSignal::new(false);
    let entries = Signal::derive(move || {
        store
            .blacklist
            .with(|b| b.as_ref().map(|b| b.blacklist.clone()).unwrap_or_default())
    });
    // Only entries still on the list count as selected.
    let chosen = Signal::derive(move || {
        let list = entries.get();
        selected.with(|s| {
            s.iter()
                .filter(|p| list.contains(p))
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let add = move || {
        let pairs = parse_pairs(&input.get_untracked());
        if pairs.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        scope.spawn(async move {
            store.blacklist_add(pairs.clone()).await;
            // Keep the text when something did not make it, so it can be corrected.
            let listed = store.blacklist.with_untracked(|b| {
                b.as_ref()
                    .is_some_and(|b| pairs.iter().all(|p| b.blacklist.contains(p)))
            });
            if listed {
                input.set(String::new());
            }
            busy.set(false);
        });
    };
    // Confirmed first (ConfirmButton): removing a pair lets the bot trade it again.
    let remove = move |()| {
        let pairs = chosen.get_untracked();
        if pairs.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        scope.spawn(async move {
            store.blacklist_delete(pairs).await;
            // The panel may be gone by the time the bot answers.
            selected.try_set(BTreeSet::new());
            busy.try_set(false);
        });
    };
    let remove_question = Signal::derive(move || {
        let pairs = chosen.get();
        let list = pairs
            .iter()
            .map(|p| visible(p))
            .collect::<Vec<_>>()
            .join(", ");
        format!("Remove {list} from the blacklist? The bot may trade them again.")
    });

    view! {
        <section class="blacklist" aria-label="Blacklist">
            <div class="panel-head">
                <h2>"Blacklist"</h2>
            </div>
            <form
                class="blacklist-add"
                on:submit=move |ev| {
                    ev.prevent_default();
                    add();
                }
            >
                <div class="field">
                    <label for="blacklist-input">"Pairs to blacklist"</label>
                    <input
                        id="blacklist-input"
                        type="text"
                        placeholder="e.g. BNB/USDT, DOGE/USDT"
                        autocomplete="off"
                        prop:value=move || input.get()
                        on:input=move |ev| input.set(event_target_value(&ev))
                    />
                </div>
                <button
                    type="submit"
                    class="primary"
                    disabled=move || busy.get() || parse_pairs(&input.get()).is_empty()
                >
                    "Add to blacklist"
                </button>
            </form>
            <p class="muted hint">"Separate pairs with commas or spaces. The bot keeps these until its configuration is reloaded."</p>
            {store_view(store, store.blacklist, "Loading the blacklist…", move |b| {
                if b.blacklist.is_empty() {
                    return view! { <p class="muted panel-empty">"No blacklisted pairs yet."</p> }.into_any();
                }
                let expanded = b.blacklist_expanded.len();
                view! {
                    <p class="muted">
                        {format!("{} entr{}, matching {expanded} market(s)", b.blacklist.len(), if b.blacklist.len() == 1 { "y" } else { "ies" })}
                    </p>
                    <ul class="blacklist-entries">
                        {b
                            .blacklist
                            .into_iter()
                            .map(|pair| {
                                let key = pair.clone();
                                let toggle_key = pair.clone();
                                view! {
                                    <li>
                                        <label class="check">
                                            <input
                                                type="checkbox"
                                                prop:checked=move || selected.with(|s| s.contains(&key))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    let pair = toggle_key.clone();
                                                    selected.update(|s| {
                                                        if on {
                                                            s.insert(pair);
                                                        } else {
                                                            s.remove(&pair);
                                                        }
                                                    });
                                                }
                                            />
                                            <span class="pair-name">{visible(&pair)}</span>
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            })}
            <div class="actions start">
                <ConfirmButton
                    label="Remove selected"
                    message=remove_question
                    confirm_label="Remove".to_string()
                    danger=true
                    disabled=Signal::derive(move || busy.get() || chosen.get().is_empty())
                    on_confirm=Callback::new(remove)
                />
                <span class="muted selected-count">
                    {move || match chosen.get().len() {
                        0 => String::new(),
                        n => format!("{n} selected"),
                    }}
                </span>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_split_trimmed_and_deduplicated() {
        assert_eq!(
            parse_pairs("BNB/USDT, DOGE/USDT"),
            vec!["BNB/USDT", "DOGE/USDT"]
        );
        assert_eq!(
            parse_pairs("  BNB/USDT\tDOGE/USDT\n;ADA/USDT,,"),
            vec!["BNB/USDT", "DOGE/USDT", "ADA/USDT"]
        );
        assert_eq!(
            parse_pairs("BNB/USDT BNB/USDT bnb/usdt"),
            vec!["BNB/USDT", "bnb/usdt"]
        );
        assert_eq!(parse_pairs(".*/BNB"), vec![".*/BNB"]);
        assert!(parse_pairs(" , ; ").is_empty());
        assert!(parse_pairs("").is_empty());
    }
}
