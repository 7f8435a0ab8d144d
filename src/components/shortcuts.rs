//! Keyboard shortcuts: `?` lists them; `g` then a letter goes to a page; `[` and `]` switch the bot; `/` focuses
//! the pair filter; `n` opens the force-entry dialog and `r` refreshes; `Esc` closes any dialog. No key ever
//! sends a trading action by itself: `n` only opens the dialog, whose form still has to be submitted.
//! Keys typed into a field, or with Ctrl, Alt or Meta, are left alone.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::components::modal::Modal;
use crate::runtime::page::listen;
use crate::state::registry::use_registry;

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Help,
    /// `g` was pressed: the next key names a page.
    AwaitPage,
    Go(&'static str),
    /// The previous (-1) or next (+1) bot.
    SwitchBot(isize),
    FocusFilter,
    /// Clicks the element marked `data-shortcut="…"` (a button that is on the page now).
    Click(&'static str),
    CloseDialog,
    Nothing,
}

/// The pages `g` leads to: key, path, name.
pub const PAGES: &[(&str, &str, &str)] = &[
    ("h", "/", "Bots"),
    ("t", "/trade", "Trade"),
    ("d", "/dashboard", "Dashboard"),
    ("f", "/fleet", "Fleet"),
    ("c", "/chart", "Chart"),
    ("b", "/backtest", "Backtest"),
    ("l", "/logs", "Logs"),
    ("s", "/settings", "Settings"),
];

/// The help dialog's lines: keys, what they do.
pub const HELP: &[(&str, &str)] = &[
    ("?", "Show these shortcuts"),
    (
        "g h / t / d / f / c / b / l / s",
        "Go to Bots, Trade, Dashboard, Fleet, Chart, Backtest, Logs, Settings",
    ),
    ("[  ]", "Previous / next bot"),
    ("/", "Focus the pair filter"),
    (
        "n",
        "Open the force-entry dialog (nothing is sent until you submit it)",
    ),
    ("r", "Refresh the bot's data"),
    ("Esc", "Close the dialog"),
];

/// The action of `key` (a `KeyboardEvent.key`), `after_g` when the key before it was `g`.
pub fn action(key: &str, after_g: bool) -> Action {
    if after_g {
        return PAGES
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, path, _)| Action::Go(path))
            .unwrap_or(Action::Nothing);
    }
    match key {
        "?" => Action::Help,
        "g" => Action::AwaitPage,
        "[" => Action::SwitchBot(-1),
        "]" => Action::SwitchBot(1),
        "/" => Action::FocusFilter,
        "n" => Action::Click("force-entry"),
        "r" => Action::Click("refresh"),
        "Escape" => Action::CloseDialog,
        _ => Action::Nothing,
    }
}

/// The index `step` places from `current` in a list of `len`, wrapping around.
pub fn cycle(current: Option<usize>, step: isize, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let len_i = len as isize;
    let from = current
        .map(|c| c as isize)
        .unwrap_or(if step > 0 { -1 } else { 0 });
    Some((from + step).rem_euclid(len_i) as usize)
}

/// Whether the key went to something the user types into.
fn typing(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

fn query(selector: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// The listener and the help dialog; mounted once inside the router.
#[component]
pub fn Shortcuts() -> impl IntoView {
    let help = RwSignal::new(false);
    let after_g = StoredValue::new(false);
    let registry = use_registry();
    let navigate = use_navigate();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return ().into_any();
    };
    listen(&document, "keydown", move |ev| {
        let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if key.ctrl_key() || key.alt_key() || key.meta_key() || key.default_prevented() {
            return;
        }
        let name = key.key();
        if name != "Escape" && typing(ev.target()) {
            return;
        }
        let pending = after_g.get_value();
        after_g.set_value(false);
        match action(&name, pending) {
            Action::Nothing => return,
            Action::Help => help.update(|h| *h = !*h),
            Action::AwaitPage => after_g.set_value(true),
            Action::Go(path) => navigate(path, Default::default()),
            Action::SwitchBot(step) => {
                let bots = registry.bots().get_untracked();
                let current = registry.selected_id().get_untracked();
                let at = current.and_then(|id| bots.iter().position(|b| b.id == id));
                if let Some(next) = cycle(at, step, bots.len()).and_then(|i| bots.get(i)) {
                    registry.select(&next.id);
                }
            }
            Action::FocusFilter => {
                if let Some(el) = query("[data-shortcut='filter']") {
                    let _ = el.focus();
                } else {
                    return;
                }
            }
            Action::Click(what) => {
                match query(&format!("[data-shortcut='{what}']:not([disabled])")) {
                    Some(el) => el.click(),
                    None => return,
                }
            }
            Action::CloseDialog => {
                // The dialog closes through its backdrop, as a click beside it does (one is open at a time).
                match query(".modal-backdrop") {
                    Some(el) => el.click(),
                    None => return,
                }
            }
        }
        ev.prevent_default();
    });
    view! {
        <Modal open=help title="Keyboard shortcuts">
            <table class="shortcuts">
                <tbody>
                    {HELP.iter().map(|(keys, what)| view! {
                        <tr><th scope="row"><kbd>{*keys}</kbd></th><td>{*what}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="actions">
                <button type="button" on:click=move |_| help.set(false)>"Close"</button>
            </div>
        </Modal>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_pages() {
        assert_eq!(action("?", false), Action::Help);
        assert_eq!(action("g", false), Action::AwaitPage);
        assert_eq!(action("t", true), Action::Go("/trade"));
        assert_eq!(action("h", true), Action::Go("/"));
        // A page letter alone does nothing; an unknown letter after g neither.
        assert_eq!(action("t", false), Action::Nothing);
        assert_eq!(action("x", true), Action::Nothing);
        assert_eq!(action("n", false), Action::Click("force-entry"));
        assert_eq!(action("Escape", false), Action::CloseDialog);
        // Every page has its own letter.
        let mut keys: Vec<&str> = PAGES.iter().map(|p| p.0).collect();
        keys.dedup();
        assert_eq!(keys.len(), PAGES.len());
    }

    #[test]
    fn no_key_sends_a_trading_action() {
        // The only clicks a key makes: the force-entry dialog's opener and the refresh button.
        let clicks: Vec<&str> = ('!'..='~')
            .map(|c| c.to_string())
            .chain(["Enter".to_string(), " ".to_string(), "Escape".to_string()])
            .filter_map(|k| match action(&k, false) {
                Action::Click(what) => Some(what),
                _ => None,
            })
            .collect();
        assert_eq!(clicks, ["force-entry", "refresh"]);
    }

    #[test]
    fn bots_cycle_both_ways() {
        assert_eq!(cycle(Some(0), 1, 3), Some(1));
        assert_eq!(cycle(Some(2), 1, 3), Some(0));
        assert_eq!(cycle(Some(0), -1, 3), Some(2));
        assert_eq!(cycle(None, 1, 3), Some(0));
        assert_eq!(cycle(None, -1, 3), Some(2));
        assert_eq!(cycle(Some(0), 1, 0), None);
    }
}
