//! Log into a bot (a new one, or again into one whose session ended).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::auth;
use crate::api::client::{page_is_https, page_origin};
use crate::api::error::ApiError;
use crate::api::url::{is_mixed_content, normalize_bot_url, origin_of};
use crate::components::app_href::app_base;
use crate::components::error_notice::ErrorNotice;
use crate::runtime::use_view_scope;
use crate::state::persist::BotId;
use crate::state::registry::use_registry;
use crate::state::toasts::{use_toasts, Severity};
use crate::util::redirect::safe_redirect;

#[component]
pub fn LoginPage() -> impl IntoView {
    let scope = use_view_scope();
    let registry = use_registry();
    let toasts = use_toasts();
    let query = use_query_map();
    let navigate = use_navigate();

    let relogin = query
        .with_untracked(|q| q.get("bot"))
        .map(BotId)
        .and_then(|id| registry.entry(&id));
    // Without `?redirect=`, the start page as it is after this login (the fleet from the second bot on).
    let redirect = query
        .with_untracked(|q| q.get("redirect"))
        .map(|asked| safe_redirect(Some(&asked)));

    let name = RwSignal::new(relogin.as_ref().map(|b| b.name.clone()).unwrap_or_default());
    let url = RwSignal::new(
        relogin
            .as_ref()
            .map(|b| b.url.clone())
            // Served by the bot itself or behind a proxy of its /api/: the bot is where this page is.
            .unwrap_or_else(|| format!("{}{}", page_origin(), app_base())),
    );
    let username = RwSignal::new(
        relogin
            .as_ref()
            .map(|b| b.username.clone())
            .unwrap_or_default(),
    );
    let password = RwSignal::new(String::new());
    let remember = RwSignal::new(relogin.as_ref().map(|b| b.remember).unwrap_or(true));
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let existing = relogin.as_ref().map(|b| b.id.clone());

    // Warn when another stored bot already uses this URL (easy to log in twice by mistake).
    let url_in_use = {
        let existing = existing.clone();
        move || {
            let typed = normalize_bot_url(&url.get()).ok()?;
            registry
                .bots()
                .get()
                .into_iter()
                .find(|b| b.url == typed && Some(&b.id) != existing.as_ref())
                .map(|b| b.name)
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let base = match normalize_bot_url(&url.get_untracked()) {
            Ok(base) if is_mixed_content(page_is_https(), &base) => {
                error.set(Some(ApiError::MixedContent(base)));
                return;
            }
            Ok(base) => base,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let user = username.get_untracked().trim().to_string();
        let pass = password.get_untracked();
        let bot_name = match name.get_untracked().trim() {
            "" => origin_of(&base)
                .unwrap_or_else(|| base.clone())
                .replace("http://", "")
                .replace("https://", ""),
            typed => typed.to_string(),
        };
        let keep = remember.get_untracked();
        let existing = existing.clone();
        let navigate = navigate.clone();
        let redirect = redirect.clone();
        pending.set(true);
        error.set(None);
        scope.spawn(async move {
            let result = auth::login(&base, &user, &pass).await;
            pending.set(false);
            match result {
                Ok(tokens) => {
                    password.set(String::new());
                    toasts.show(Severity::Success, bot_name.clone(), "Logged in.");
                    registry.add_logged_in(existing, bot_name, base, user, tokens, keep);
                    let target = redirect.unwrap_or_else(|| registry.start_page().to_string());
                    navigate(&target, Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let is_credentials_error = move || matches!(error.get(), Some(ApiError::BadCredentials));

    view! {
        <section class="card narrow login">
            <h1>{if relogin.is_some() { "Log in again" } else { "Log into a freqtrade bot" }}</h1>
            <form on:submit=submit novalidate>
                <label class="field">
                    <span>"Bot name"</span>
                    <input id="bot-name" name="bot-name" type="text" placeholder="My bot" bind:value=name />
                </label>
                <label class="field">
                    <span>"API URL"</span>
                    <input id="url-input" name="url" type="url" required bind:value=url />
                    <small class="muted">"The bot's api_server address, e.g. http://127.0.0.1:8080"</small>
                    {move || url_in_use().map(|other| view! {
                        <small class="warning-text">{format!("“{other}” already uses this URL.")}</small>
                    })}
                </label>
                <label class="field">
                    <span>"Username"</span>
                    <input
                        id="username"
                        name="username"
                        type="text"
                        autocomplete="username"
                        required
                        class:invalid=is_credentials_error
                        bind:value=username
                    />
                </label>
                <label class="field">
                    <span>"Password"</span>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        class:invalid=is_credentials_error
                        bind:value=password
                    />
                </label>
                <label class="check">
                    <input id="remember" type="checkbox" bind:checked=remember />
                    <span>"Remember me on this browser (otherwise the login ends with this tab)"</span>
                </label>
                <ErrorNotice error=error />
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Logging in…" } else { "Log in" }}
                    </button>
                </div>
            </form>
        </section>
    }
}
