//! The bot's wallet over time (`GET /historic_balance`, API >= 2.48): one point a day, read again when a trade
//! closes (the bot's count of closed trades moves) or a new day starts, not on every poll. Shown on the
//! Dashboard and in the Balance tab.

use leptos::prelude::*;

use super::common::stake_currency;
use crate::api::features::Feature;
use crate::charts::profit::decode::column_points;
use crate::charts::profit::model_cumulative::CumPoint;
use crate::charts::profit::SeriesCard;
use crate::state::bot_store::use_bot_store;
use crate::state::settings::{display_offset_minutes, use_dark_theme, use_settings};

#[component]
pub fn WalletHistoryCard() -> impl IntoView {
    let store = use_bot_store();
    let settings = use_settings().0;
    let offset = Signal::derive(move || {
        let now = js_sys::Date::now();
        let now = if now.is_finite() { now as i64 } else { 0 };
        settings.with(|s| display_offset_minutes(&s.timezone, now))
    });
    let supported = Memo::new(move |_| {
        store
            .config
            .with(|c| c.as_ref().map(|c| c.has(Feature::WalletHistory)))
    });
    // What makes a new answer likely: a closed trade, or a new UTC day (a new row).
    let closed = Memo::new(move |_| {
        store
            .profit
            .with(|p| p.as_ref().map(|p| p.closed_trade_count))
    });
    let day = Memo::new(move |_| {
        store.revision.track();
        (js_sys::Date::now() / 86_400_000.0).floor() as i64
    });
    let history = LocalResource::new(move || {
        let closed = closed.get();
        day.track();
        let supported = supported.get();
        async move {
            match supported {
                // Until the configuration (the API version) and the profit (the closed-trade count) are read:
                // "loading", so the first answer is not asked for twice.
                None => None,
                Some(true) if closed.is_none() => None,
                Some(false) => Some(Vec::new()),
                // A failed read shows as "no history" rather than an error card: the Balance tab's table above
                // already says when the bot is unreachable.
                Some(true) => Some(
                    store
                        .read_wallet_history((closed.unwrap_or(0), day.get_untracked()))
                        .await
                        .map(|w| column_points(&w, "total_quote", |v| v))
                        .unwrap_or_default(),
                ),
            }
        }
    });
    let points = Signal::derive(move || history.get().flatten());
    let others = Signal::derive(Vec::<Vec<CumPoint>>::new);
    view! {
        <SeriesCard
            kind="wallet-history"
            title="Wallet over time"
            what="Wallet"
            points=points
            others=others
            currency=stake_currency(store)
            offset_minutes=offset
            dark=use_dark_theme()
            empty_text="No wallet history yet (it needs freqtrade with API 2.48 or later, and a day of trading)"
        />
    }
}
