//! Wraps pages that need a logged-in, selected bot.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_location;

use crate::components::app_href::app_href;
use crate::state::persist::BotId;
use crate::state::registry::{use_registry, BotStatus};

/// Renders `children` with the selected bot's id, or sends the user to log in.
#[component]
pub fn RequireBot<F, V>(children: F) -> impl IntoView
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
    move || {
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
