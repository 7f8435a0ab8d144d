//! The Trade page: the trading cockpit of the selected bot.

use leptos::prelude::*;

use crate::components::bot::controls::BotControls;
use crate::components::bot::pair_list::PairList;
use crate::components::deferred::Deferred;
use crate::components::error_notice::ErrorNotice;
use crate::components::panels::{
    BalancePanel, EdgePanel, LocksPanel, PairsPanel, PerformancePanel, PeriodsPanel, ProfitPanel,
    StatsPanel, StrategyPanel, SystemPanel,
};
use crate::components::require_bot::RequireBot;
use crate::components::tabs::TabBar;
use crate::components::trades::closed_trades::ClosedTradesTable;
use crate::components::trades::open_trades::OpenTradesTable;
use crate::pages::chart::LiveChartPanel;
use crate::state::bot_store::BotStore;
use crate::state::persist::BotId;

#[component]
pub fn TradePage() -> impl IntoView {
    view! {
        <RequireBot webserver=false let:id>
            <Cockpit id=id />
        </RequireBot>
    }
}

/// Tabs of the lower right area, in order.
const TABS: &[(&str, &str)] = &[
    ("open", "Open trades"),
    ("closed", "Closed trades"),
    ("profit", "Profit"),
    ("performance", "Performance"),
    ("stats", "Stats"),
    ("balance", "Balance"),
    ("periods", "Periods"),
    ("pairs", "Pairs"),
    ("locks", "Locks"),
    ("strategy", "Strategy"),
    ("system", "System"),
];

#[component]
fn Cockpit(id: BotId) -> impl IntoView {
    let store = BotStore::provide(id);
    let tab = RwSignal::new("open");
    view! {
        <div class="cockpit">
            <aside class="cockpit-side">
                <BotControls />
                <Deferred><PairList /></Deferred>
            </aside>
            <div class="cockpit-main">
                <ErrorNotice error=store.error />
                <section class="card chart-area">
                    <Deferred><LiveChartPanel /></Deferred>
                </section>
                <section class="card">
                    <TabBar tabs=TABS.to_vec() active=tab />
                    <div class="tab-panel" role="tabpanel">
                        <Deferred>{move || match tab.get() {
                            "closed" => view! { <ClosedTradesTable /> }.into_any(),
                            "profit" => view! { <ProfitPanel /> }.into_any(),
                            "performance" => view! { <PerformancePanel /> }.into_any(),
                            "stats" => view! { <StatsPanel /> }.into_any(),
                            "balance" => view! { <BalancePanel /> }.into_any(),
                            "periods" => view! { <PeriodsPanel /> }.into_any(),
                            "pairs" => view! { <PairsPanel /> }.into_any(),
                            "locks" => view! { <LocksPanel /> }.into_any(),
                            "strategy" => view! { <StrategyPanel /> }.into_any(),
                            "system" => view! {
                                <SystemPanel />
                                <EdgePanel />
                            }
                            .into_any(),
                            _ => view! { <OpenTradesTable /> }.into_any(),
                        }}</Deferred>
                    </div>
                </section>
            </div>
        </div>
    }
}
