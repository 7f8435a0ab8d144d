//! Wraps pages that need a logged-in, selected bot.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_location;

use crate::components::app_href::app_href;
use crate::state::persist::BotId;
use crate::state::registry::{use_registry, BotStatus};

/// Renders `children` with the selected bot's id, or sends the user to log in. With `webserver`, only for that
/// kind of bot (`Some(false)`: a trading bot; `Some(true)`: a `freqtrade webserver`); the other kind gets a note
/// pointing to its pages.
#[component]
pub fn RequireBot<F, V>(children: F, #[prop(optional)] webserver: Option<bool>) -> impl IntoView
where
    F: Fn(BotId) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let registry = use_registry();
    let location = use_location();
    let selected = registry.selected();
    let selected_id = Memo::new(move |_| selected.get().map(|b| b.id));
    let needs_login =
        Memo::new(move |_| selected.get().map(|b| b.status == BotStatus::LoginRequired));
    // The selected bot is of the other kind than the page needs.
    let wrong_kind = Memo::new(move |_| {
        let kind = selected.with(|b| b.as_ref().and_then(|b| b.webserver));
        webserver.is_some() && kind.is_some() && kind != webserver
    });
    move || {
        if wrong_kind.get() {
            return wrong_kind_note(webserver == Some(true)).into_any();
        }
        match (selected_id.get(), needs_login.get()) {
        (None, _) => {
            // The redirect is an app path: the router adds the base again when it navigates there.
            let pathname = location.pathname.get_untracked();
            let base = crate::components::app_href::app_base();
            let path = crate::util::base_path::app_path(&pathname, &base);
            let redirect = crate::api::request::encode_component(path);
            view! { <Redirect path=format!("/login?redirect={redirect}") /> }.into_any()
        }
        (Some(id), Some(true)) => view! {
            <section class="card login-required" role="alert">
                <h2>"Login required"</h2>
                <p>"The session with this bot has ended. Log in again to continue."</p>
                <A href=app_href(&format!("/login?bot={}", id.0)) attr:class="button primary">"Log in again"</A>
            </section>
        }
        .into_any(),
        (Some(id), _) => children(id).into_any(),
    }
    }
}

/// What a page of the other kind of bot says instead.
fn wrong_kind_note(page_backtests: bool) -> impl IntoView {
    let (title, text, href, link) = if page_backtests {
        (
            "This page needs a freqtrade webserver",
            "The selected bot trades. Backtests and data downloads run on a bot started with `freqtrade \
             webserver`: log into one, or select it in the bot list.",
            "/trade",
            "Trade",
        )
    } else {
        (
            "This bot does not trade",
            "The selected bot is a freqtrade webserver: it backtests and serves downloaded data, but has no \
             trades, balance or pair lists.",
            "/backtest",
            "Backtest",
        )
    };
    view! {
        <section class="card kind-note" role="note">
            <h2>{title}</h2>
            <p>{text}</p>
            <p>
                <A href=app_href(href) attr:class="button primary">{link}</A>
                " "
                <A href=app_href("/chart") attr:class="button">"Chart"</A>
                " "
                <A href=app_href("/") attr:class="button">"Bots"</A>
            </p>
        </section>
    }
}
