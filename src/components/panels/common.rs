//! What the panels share: the bot's stake currency and decimals, number and profit formatting, the loading,
//! error and empty states, and a timer that runs only while it is wanted and the page is visible.

pub use crate::state::settings::{format_opt_time as time_text, zone_label};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use crate::api::error::ApiError;
use crate::components::error_notice::ErrorNotice;
use crate::state::bot_store::BotStore;
use crate::state::visibility::use_page_visible;
use crate::util::format::fixed;

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

/// `"-0.000"` reads as a loss that is not there: drop the sign of a number that rounds to zero.
fn unsigned_zero(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// A number with `decimals` decimals; unknown or non-finite values show as "–".
pub fn number(value: Option<f64>, decimals: usize) -> String {
    match value {
        Some(v) if v.is_finite() => unsigned_zero(fixed(v, decimals)),
        _ => "–".to_string(),
    }
}

/// A ratio as a percentage: `0.0123` → `"1.23 %"`.
pub fn percent(ratio: Option<f64>, decimals: usize) -> String {
    match ratio {
        Some(r) if r.is_finite() => format!("{} %", unsigned_zero(fixed(r * 100.0, decimals))),
        _ => "–".to_string(),
    }
}

/// An amount of stake currency: `"12.345 USDT"`.
pub fn money(value: Option<f64>, decimals: usize, currency: &str) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{} {currency}", unsigned_zero(fixed(v, decimals)))
            .trim_end()
            .to_string(),
        _ => "–".to_string(),
    }
}

/// A coin amount with up to 8 decimals and no trailing zeros: `0.322`, `81.6`, `0`.
pub fn amount(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let text = format!("{value:.8}");
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    unsigned_zero(trimmed.to_string())
}

/// The CSS class of a profit: `"profit"` above zero, `"loss"` below, `""` otherwise.
pub fn sign_class(value: Option<f64>) -> &'static str {
    match value {
        Some(v) if v > 0.0 => "profit",
        Some(v) if v < 0.0 => "loss",
        _ => "",
    }
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
    resource: LocalResource<Result<T, ApiError>>,
    loading: &'static str,
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
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
    fn numbers_percentages_and_money() {
        assert_eq!(number(Some(1.23456), 2), "1.23");
        assert_eq!(number(Some(-0.0001), 3), "0.000");
        assert_eq!(number(None, 3), "–");
        assert_eq!(number(Some(f64::NAN), 3), "–");
        assert_eq!(percent(Some(-0.00020134), 2), "-0.02 %");
        assert_eq!(percent(Some(0.00001), 2), "0.00 %");
        assert_eq!(percent(None, 2), "–");
        assert_eq!(money(Some(-0.19933531), 3, "USDT"), "-0.199 USDT");
        assert_eq!(money(Some(1.0), 2, ""), "1.00");
        assert_eq!(money(None, 3, "USDT"), "–");
    }

    #[test]
    fn amounts_drop_trailing_zeros() {
        assert_eq!(amount(0.322), "0.322");
        assert_eq!(amount(81.6), "81.6");
        assert_eq!(amount(899.9379246899999), "899.93792469");
        assert_eq!(amount(0.0), "0");
        assert_eq!(amount(-0.000000001), "0");
        assert_eq!(amount(100.0), "100");
        assert_eq!(amount(f64::INFINITY), "–");
    }

    #[test]
    fn profit_classes() {
        assert_eq!(sign_class(Some(0.1)), "profit");
        assert_eq!(sign_class(Some(-0.1)), "loss");
        assert_eq!(sign_class(Some(0.0)), "");
        assert_eq!(sign_class(None), "");
    }

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
