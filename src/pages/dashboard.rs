//! The Dashboard: profit charts of the selected bot (cumulative profit, profit per day/week/month, profit
//! distribution, trades log, balance) and a small profit summary. The page owns the data: its own
//! [`BotStore`] (closed and open trades, balance) and the period breakdown, loaded on demand; the charts only
//! get decoded inputs.

use leptos::prelude::*;

use crate::charts::profit::decode;
use crate::charts::profit::model_histogram::{BIN_CHOICES, DEFAULT_BINS};
use crate::charts::profit::model_input::{chart_period_count, Period};
use crate::charts::profit::{
    BalanceDonutCard, CumulativeProfitCard, PeriodProfitCard, ProfitDistributionCard,
    ProfitSummary, TradesLogCard,
};
use crate::components::deferred::Deferred;
use crate::components::error_notice::ErrorNotice;
use crate::components::panels::WalletHistoryCard;
use crate::components::require_bot::RequireBot;
use crate::runtime::effect;
use crate::runtime::Load;
use crate::state::bot_store::BotStore;
use crate::state::persist::BotId;
use crate::state::settings::{display_offset_minutes, use_dark_theme, use_settings};
use crate::state::storage::{self, Area};

/// The dashboard's choices: `{"bins": 20, "period": "daily"}`.
const PREFS_KEY: &str = "freqboard.dashboard.v1";

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <RequireBot webserver=false let:id>
            <Dashboard id=id />
        </RequireBot>
    }
}

/// The stored bin count and period; anything unreadable falls back to 20 bins, daily.
fn load_prefs() -> (usize, Period) {
    let value: serde_json::Value = storage::get(Area::Local, PREFS_KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let bins = value
        .get("bins")
        .and_then(serde_json::Value::as_u64)
        .and_then(|b| usize::try_from(b).ok())
        .filter(|b| BIN_CHOICES.contains(b))
        .unwrap_or(DEFAULT_BINS);
    let period = value
        .get("period")
        .and_then(serde_json::Value::as_str)
        .and_then(Period::from_key)
        .unwrap_or_default();
    (bins, period)
}

#[component]
fn Dashboard(id: BotId) -> impl IntoView {
    let store = BotStore::provide(id);
    let settings = use_settings().0;
    let dark = use_dark_theme();
    let offset = Signal::derive(move || {
        let now = js_sys::Date::now();
        let now = if now.is_finite() { now as i64 } else { 0 };
        settings.with(|s| display_offset_minutes(&s.timezone, now))
    });
    let currency = Signal::derive(move || {
        store
            .config
            .with(|c| c.as_ref().map(|c| c.stake_currency.clone()))
            .unwrap_or_default()
    });
    let closed = Memo::new(move |_| {
        store
            .closed_trades
            .with(|t| t.as_deref().map(decode::closed_trades))
    });
    let open = Memo::new(move |_| {
        store
            .open_trades
            .with(|t| t.as_deref().and_then(decode::open_profit))
    });
    let open_loaded = Signal::derive(move || store.open_trades.with(Option::is_some));
    let balance = Memo::new(move |_| {
        store
            .balance
            .with(|b| b.as_ref().map(|b| decode::balance(b, false)))
    });

    let (saved_bins, saved_period) = load_prefs();
    let bins = RwSignal::new(saved_bins);
    let period = RwSignal::new(saved_period);
    effect(move || {
        let text = serde_json::json!({ "bins": bins.get(), "period": period.get().key() });
        storage::set(Area::Local, PREFS_KEY, &text.to_string());
    });
    // Reloaded when the period changes and after every refresh of the store (actions, new trades).
    let periods = Load::new(move || {
        let p = period.get();
        store.revision.track();
        async move {
            store
                .read_period_summary(p, chart_period_count(p))
                .await
                .map(|answer| decode::period_series(p, &answer))
                .map_err(|e| e.to_string())
        }
    });
    let period_data = Signal::derive(move || {
        // Only the answer for the period on screen (a switch shows "Loading…" until its own answer).
        periods
            .get()
            .filter(|r| r.as_ref().map_or(true, |s| s.period == period.get()))
    });

    view! {
        <div class="dashboard">
            <h1>"Dashboard"</h1>
            <ErrorNotice error=store.error />
            <Deferred>
                <ProfitSummary closed=closed open=open open_loaded=open_loaded currency=currency />
            </Deferred>
            <div class="profit-grid">
                <Deferred>
                    <CumulativeProfitCard closed=closed open=open currency=currency offset_minutes=offset dark=dark />
                </Deferred>
                <Deferred><PeriodProfitCard period=period data=period_data dark=dark /></Deferred>
                <Deferred><ProfitDistributionCard closed=closed bins=bins dark=dark /></Deferred>
                <Deferred>
                    <TradesLogCard closed=closed currency=currency offset_minutes=offset dark=dark />
                </Deferred>
                <Deferred><BalanceDonutCard balance=balance dark=dark /></Deferred>
                <Deferred><WalletHistoryCard /></Deferred>
            </div>
        </div>
    }
}
