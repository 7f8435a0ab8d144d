//! The force-entry dialog: open a trade (or add to one) on a whitelisted pair. Enter submits the form.

use crate::api::features::Feature;
use leptos::prelude::*;

use crate::components::when::When;

use super::logic::{build_force_enter, default_entry_type, EnterCaps, EnterForm};
use crate::api::wire::{Direction, OrderType, ShowConfig, TraderState, TradingMode};
use crate::components::modal::Modal;
use crate::components::select_options::{choices_of, ListSelect};
use crate::runtime::use_view_scope;
use crate::state::bot_store::{use_bot_store, BotStore};

/// Why a force entry cannot be made now, or `None` when it can.
pub fn entry_blocked_reason(config: Option<&ShowConfig>) -> Option<&'static str> {
    let config = match config {
        None => return Some("Loading the bot's configuration…"),
        Some(c) => c,
    };
    if !config.force_entry_enable {
        Some("Force entry is off in the bot's configuration (force_entry_enable).")
    } else if config.state != TraderState::Running {
        Some("The bot is not running: start it to enter trades.")
    } else {
        None
    }
}

/// The bot's force-entry capabilities.
fn caps_of(config: Option<&ShowConfig>) -> EnterCaps {
    match config {
        None => EnterCaps {
            side: false,
            short: false,
            tag: false,
            leverage: false,
        },
        Some(c) => {
            let derivatives = matches!(c.trading_mode, TradingMode::Futures | TradingMode::Margin);
            EnterCaps {
                side: c.has(Feature::ForceEntrySide),
                short: c.has(Feature::ForceEntrySide)
                    && c.short_allowed
                    && c.trading_mode != TradingMode::Spot,
                tag: c.has(Feature::ForceEntryTagAndLeverage),
                leverage: derivatives && c.has(Feature::ForceEntryTagAndLeverage),
            }
        }
    }
}

/// Opens while `open` is true. With `fixed_pair` it adds to that pair's position ("increase position").
#[component]
pub fn ForceEntryDialog(
    open: RwSignal<bool>,
    #[prop(into, optional)] fixed_pair: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <Modal open=open title="Force entry">
            <ForceEntryForm open=open fixed_pair=fixed_pair />
        </Modal>
    }
}

/// The pair preselected in the form: the fixed one, else the selected pair when whitelisted, else the first.
fn initial_pair(store: &BotStore, fixed: Option<String>) -> String {
    if let Some(p) = fixed.filter(|p| !p.is_empty()) {
        return p;
    }
    let selected = store.selected_pair.get_untracked();
    store.whitelist.with_untracked(|w| {
        let list = w
            .as_ref()
            .map(|w| w.whitelist.as_slice())
            .unwrap_or_default();
        selected
            .filter(|p| list.contains(p))
            .or_else(|| list.first().cloned())
            .unwrap_or_default()
    })
}

#[component]
fn ForceEntryForm(open: RwSignal<bool>, fixed_pair: MaybeProp<String>) -> impl IntoView {
    let scope = use_view_scope();
    let store = use_bot_store();
    let fixed = fixed_pair.get_untracked().filter(|p| !p.is_empty());
    let is_increase = fixed.is_some();
    let (caps, default_type, stake_hint, blocked) = store.config.with_untracked(|c| {
        let c = c.as_ref();
        let types = c.and_then(|c| c.order_types.clone()).unwrap_or_default();
        let hint = c
            .map(|c| match c.stake_amount.as_str() {
                "unlimited" => "the bot's stake (unlimited)".to_string(),
                "" => "the bot's stake amount".to_string(),
                amount => format!("{amount} {}", c.stake_currency),
            })
            .unwrap_or_default();
        (
            caps_of(c),
            default_entry_type(types.force_entry, types.entry),
            hint,
            entry_blocked_reason(c),
        )
    });
    let currency = store.config.with_untracked(|c| {
        c.as_ref()
            .map(|c| c.stake_currency.clone())
            .unwrap_or_default()
    });

    let pair = RwSignal::new(initial_pair(&store, fixed.clone()));
    let side = RwSignal::new(Direction::Long);
    let order_type = RwSignal::new(default_type);
    let price = RwSignal::new(String::new());
    let stake = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let leverage = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let pairs = Memo::new(move |_| {
        store
            .whitelist
            .with(|w| w.as_ref().map(|w| w.whitelist.clone()).unwrap_or_default())
    });
    // Without a whitelist the pair is typed; the field is rebuilt only when that changes.
    let no_pairs = Memo::new(move |_| pairs.with(Vec::is_empty));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let form = EnterForm {
            pair: pair.get_untracked(),
            side: side.get_untracked(),
            order_type: order_type.get_untracked(),
            price: price.get_untracked(),
            stake: stake.get_untracked(),
            tag: tag.get_untracked(),
            leverage: leverage.get_untracked(),
        };
        match build_force_enter(&form, caps) {
            Err(e) => error.set(Some(e)),
            Ok(payload) => {
                error.set(None);
                pending.set(true);
                scope.spawn(async move {
                    let ok = store.force_enter(payload).await;
                    pending.set(false);
                    if ok {
                        open.set(false);
                    }
                });
            }
        }
    };

    let text_input =
        move |name: &'static str, value: RwSignal<String>, placeholder: String, numeric: bool| {
            view! {
                <input
                    type=if numeric { "number" } else { "text" }
                    name=name
                    step=numeric.then_some("any")
                    min=numeric.then_some("0")
                    inputmode=numeric.then_some("decimal")
                    placeholder=placeholder
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            }
        };

    view! {
        <form class="trade-form" on:submit=submit novalidate>
            {blocked.map(|reason| view! { <p class="warning-text">{reason}</p> })}
            {if is_increase {
                view! {
                    <p class="muted">
                        {format!("Adds to the open position of {}.", fixed.clone().unwrap_or_default())}
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <label class="field">
                        <span>"Pair"</span>
                        {move || {
                            if no_pairs.get() {
                                text_input("pair", pair, "BTC/USDT".to_string(), false).into_any()
                            } else {
                                view! {
                                    <ListSelect
                                        name="pair"
                                        choices=Signal::derive(move || choices_of(pairs.get()))
                                        value=pair
                                        on_change=Callback::new(move |v| pair.set(v))
                                    />
                                }
                                .into_any()
                            }
                        }}
                    </label>
                }
                .into_any()
            }}
            {(caps.short && !is_increase).then(|| view! {
                <label class="field">
                    <span>"Direction"</span>
                    <select
                        name="side"
                        prop:value=move || side.get().as_str()
                        on:change=move |ev| side.set(Direction::from_wire(&event_target_value(&ev)))
                    >
                        <option value="long">"Long"</option>
                        <option value="short">"Short"</option>
                    </select>
                </label>
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
            <label class="field">
                <span>"Price (optional)"</span>
                {text_input("price", price, "the current rate".to_string(), true)}
            </label>
            <label class="field">
                <span>{format!("Stake amount (optional, {currency})")}</span>
                {text_input("stakeamount", stake, stake_hint.clone(), true)}
            </label>
            {caps.tag.then(|| view! {
                <label class="field">
                    <span>"Entry tag (optional)"</span>
                    {text_input("entry_tag", tag, "force_entry".to_string(), false)}
                </label>
            })}
            {caps.leverage.then(|| view! {
                <label class="field">
                    <span>"Leverage (optional)"</span>
                    {text_input("leverage", leverage, "1".to_string(), true)}
                </label>
            })}
            {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                <button
                    type="submit"
                    class="primary"
                    disabled=move || pending.get()
                    aria-busy=move || pending.get().to_string()
                >
                    "Enter trade"
                </button>
            </div>
            <When when=move || pending.get()>
                <p class="muted" role="status">"Sending the entry order…"</p>
            </When>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_reasons_and_caps() {
        assert!(entry_blocked_reason(None).is_some());
        let mut c = ShowConfig {
            force_entry_enable: true,
            state: TraderState::Running,
            ..ShowConfig::default()
        };
        assert_eq!(entry_blocked_reason(Some(&c)), None);
        c.state = TraderState::Paused;
        assert!(entry_blocked_reason(Some(&c)).is_some_and(|r| r.contains("not running")));
        c.force_entry_enable = false;
        assert!(entry_blocked_reason(Some(&c)).is_some_and(|r| r.contains("force_entry_enable")));

        c.api_version = Some(2.5);
        c.trading_mode = TradingMode::Spot;
        c.short_allowed = true;
        assert_eq!(
            caps_of(Some(&c)),
            EnterCaps {
                side: true,
                short: false,
                tag: true,
                leverage: false
            }
        );
        c.trading_mode = TradingMode::Futures;
        assert_eq!(
            caps_of(Some(&c)),
            EnterCaps {
                side: true,
                short: true,
                tag: true,
                leverage: true
            }
        );
        c.api_version = Some(2.1);
        assert_eq!(
            caps_of(Some(&c)),
            EnterCaps {
                side: false,
                short: false,
                tag: false,
                leverage: false
            }
        );
    }
}
