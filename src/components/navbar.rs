//! The top bar: navigation, the selected bot with its online state, the bot selector, the theme toggle and the
//! loading indicator.

use leptos::prelude::*;

use crate::components::when::When;
use leptos_router::components::A;

use crate::api::ws::SocketState;
use crate::api::ws_protocol::UPGRADE_HELP;
use crate::components::app_href::app_href;
use crate::components::icons::{LogoIcon, ThemeIcon};
use crate::state::persist::BotId;
use crate::state::registry::use_registry;
use crate::state::settings::{use_dark_theme, use_settings, Theme};

#[component]
pub fn Navbar() -> impl IntoView {
    let registry = use_registry();
    let settings = use_settings();
    let bots = registry.bots();
    let selected = registry.selected();
    let busy = registry.busy();
    let webserver =
        Memo::new(move |_| selected.with(|b| b.as_ref().and_then(|b| b.webserver) == Some(true)));

    // Phones (<= 600 px): the links fold behind a menu button instead of wrapping over several lines.
    let menu_open = RwSignal::new(false);
    let dark = use_dark_theme();
    let toggle_theme = move |_| {
        let next = if dark.get_untracked() {
            Theme::Light
        } else {
            Theme::Dark
        };
        settings.0.update(|s| s.theme = next)
    };

    view! {
        <header class="navbar">
            <A href=app_href("/") attr:class="brand">
                <LogoIcon />
                <span>"Freqboard"</span>
            </A>
            <button
                type="button"
                class="menu-btn"
                aria-controls="main-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)
            >
                "Menu"
            </button>
            <nav id="main-nav" class="nav-links" class:open=move || menu_open.get() aria-label="Main" on:click=move |_| menu_open.set(false)>
                // A `freqtrade webserver` does not trade: it backtests.
                <When
                    when=move || !webserver.get()
                    fallback=|| view! {
                        <A href=app_href("/backtest")>"Backtest"</A>
                        <A href=app_href("/data")>"Data"</A>
                        <A href=app_href("/pairlists")>"Pairlists"</A>
                        <A href=app_href("/analysis")>"Analysis"</A>
                    }
                >
                    <A href=app_href("/trade")>"Trade"</A>
                    <A href=app_href("/dashboard")>"Dashboard"</A>
                </When>
                <A href=app_href("/fleet")>"Fleet"</A>
                <A href=app_href("/chart")>"Chart"</A>
                <A href=app_href("/logs")>"Logs"</A>
                <A href=app_href("/settings")>"Settings"</A>
            </nav>
            <div class="spacer"></div>
            <div class="activity" class:active=move || busy.get() role="progressbar" aria-label="Loading"></div>
            {move || {
                selected
                    .get()
                    .map(|bot| {
                        let title = bot.status.explanation();
                        view! {
                            <span class="bot-badge" data-status=bot.status.label() title=title>
                                <span class="dot" aria-hidden="true"></span>
                                <span class="bot-name">{bot.name.clone()}</span>
                                <span class="status-text">{bot.status.label()}</span>
                                <span class="socket-state" data-socket=bot.socket.label() title=socket_title(bot.socket)>
                                    {format!("ws: {}", bot.socket.label())}
                                </span>
                                {move || registry.stale_since(&bot.id).get().map(|last| {
                                    let why = crate::state::stale::stale_text(last, js_sys::Date::now() as i64);
                                    view! { <span class="stale-flag" role="status" title=why.clone() aria-label=why>"stale"</span> }
                                })}
                            </span>
                        }
                    })
            }}
            <When when=move || !bots.with(|b| b.is_empty())>
                <select
                    id="bot-select"
                    aria-label="Selected bot"
                    on:change=move |ev| registry.select(&BotId(event_target_value(&ev)))
                >
                    <For each=move || bots.get() key=|b| (b.id.clone(), b.name.clone(), b.status.label()) let:bot>
                        <option
                            value=bot.id.0.clone()
                            prop:selected={
                                let id = bot.id.clone();
                                move || registry.selected_id().get().as_ref() == Some(&id)
                            }
                        >
                            {format!("{} ({})", bot.name, bot.status.label())}
                        </option>
                    </For>
                </select>
            </When>
            <When when=move || bots.with(|b| b.is_empty())>
                <A href=app_href("/login") attr:class="button primary">"Log in"</A>
            </When>
            <button class="icon-btn" aria-label="Toggle theme" title="Toggle dark / light" on:click=toggle_theme>
                <ThemeIcon />
            </button>
        </header>
    }
}

/// The websocket badge's explanation: what it is, or why it is off for good.
fn socket_title(state: SocketState) -> &'static str {
    match state {
        SocketState::Unavailable => UPGRADE_HELP,
        _ => "Live updates (websocket)",
    }
}
