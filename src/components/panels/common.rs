//! What the panels share: the bot's stake currency and decimals, number and profit formatting, the loading,
//! error and empty states, and a timer that runs only while it is wanted and the page is visible.

pub use crate::state::settings::{format_opt_time as time_text, zone_label};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use crate::api::error::ApiError;
use crate::components::error_notice::ErrorNotice;
use crate::runtime::page::use_page_visible;
use crate::runtime::Load;
use crate::state::bot_store::BotStore;

/// Decimals of stake-currency amounts when the bot does not say (`stake_currency_decimals`).
pub const DEFAULT_STAKE_DECIMALS: usize = 3;

/// The decimals the bot uses for its stake currency.
pub fn stake_decimals(store: BotStore) -> Signal<usize> {
    let config = store.config;
    Signal::derive(move || {
        config
            .with(|c| c.as_ref().and_then(|c| c.stake_currency_decimals))
            .map(|d| d.min(8) as usize)
            .unwrap_or(DEFAULT_STAKE_DECIMALS)
    })
}

/// The bot's stake currency (`""` until the configuration is loaded).
pub fn stake_currency(store: BotStore) -> Signal<String> {
    let config = store.config;
    Signal::derive(move || {
        config.with(|c| {
            c.as_ref()
                .map(|c| c.stake_currency.clone())
                .unwrap_or_default()
        })
    })
}

/// "Loading …" while a panel's data is on its way.
pub fn loading_view(text: &'static str) -> AnyView {
    view! { <p class="muted panel-loading" role="status">{text}</p> }.into_any()
}

/// A failed load, with the reason.
pub fn error_view(error: ApiError) -> AnyView {
    view! { <ErrorNotice error=Signal::stored(Some(error)) /> }.into_any()
}

/// What a panel says when there is nothing to show yet.
pub fn empty_view(text: &'static str) -> AnyView {
    view! { <p class="muted panel-empty">{text}</p> }.into_any()
}

/// The state of a panel fed by one of the store's signals: loading (or the store's error while nothing has
/// arrived yet) until the first value, then `render`.
pub fn store_view<T, V>(
    store: BotStore,
    data: impl Get<Value = Option<T>> + Send + 'static,
    loading: &'static str,
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match data.get() {
        Some(value) => render(value).into_any(),
        None => match store.error.get() {
            Some(e) => error_view(e),
            None => loading_view(loading),
        },
    }
}

/// The state of a panel fed by an on-demand resource: loading, the error, or `render`.
pub fn resource_view<T, V>(
    resource: Load<Result<T, ApiError>>,
    loading: &'static str,
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => loading_view(loading),
        Some(Err(e)) => error_view(e),
        Some(Ok(value)) => render(value).into_any(),
    }
}

/// Calls `tick` every `period` while `active` is true and the page is visible, and once right away whenever
/// that starts again. It stops for good when the calling owner is cleaned up (the view unmounts).
pub fn run_while(active: Signal<bool>, period: Duration, tick: impl Fn() + 'static) {
    let visible = use_page_visible();
    let tick = Rc::new(tick);
    let handle = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(h) = handle.try_update_value(Option::take).flatten() {
            h.clear();
        }
    };
    Effect::new(move |was_on: Option<bool>| {
        let on = active.get() && visible.get();
        stop();
        if on {
            // The first run is the view's own first load: only a restart needs an immediate tick.
            if was_on == Some(false) {
                tick();
            }
            let tick = Rc::clone(&tick);
            if let Ok(h) = set_interval_with_handle(move || tick(), period) {
                handle.set_value(Some(h));
            }
        }
        on
    });
    on_cleanup(stop);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::settings::Settings;

    #[test]
    fn zone_labels_follow_the_settings() {
        let mut s = Settings::default();
        assert_eq!(zone_label(&s), "UTC");
        assert_eq!(time_text(&s, Some(0)), "–");
        assert_eq!(time_text(&s, None), "–");
        assert_eq!(
            time_text(&s, Some(1_795_268_401_000)),
            "2026-11-21 13:40:01"
        );
        s.timezone = "local".into();
        assert_eq!(zone_label(&s), "local");
    }
}
