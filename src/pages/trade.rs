//! The Trade page: the trading cockpit of the selected bot.

use leptos::prelude::*;

use crate::components::bot::controls::BotControls;
use crate::components::bot::pair_list::PairList;
use crate::components::deferred::Deferred;
use crate::components::error_notice::ErrorNotice;
use crate::components::lazy_page::{load_page, LazyPage};
use crate::components::require_bot::RequireBot;
use crate::components::tabs::TabBar;
use crate::components::trades::open_trades::OpenTradesTable;
use crate::pages::split::{self, CockpitTab};
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
                    <Deferred><LazyPage load=load_page(split::live_chart()) /></Deferred>
                </section>
                <section class="card">
                    <TabBar tabs=TABS.to_vec() active=tab />
                    <div class="tab-panel" role="tabpanel">
                        <Deferred>{move || {
                            let lazy = |part| view! { <LazyPage load=load_page(split::cockpit_tab(part)) /> }.into_any();
                            match tab.get() {
                                "closed" => lazy(CockpitTab::Closed),
                                "profit" => lazy(CockpitTab::Profit),
                                "performance" => lazy(CockpitTab::Performance),
                                "stats" => lazy(CockpitTab::Stats),
                                "balance" => lazy(CockpitTab::Balance),
                                "periods" => lazy(CockpitTab::Periods),
                                "pairs" => lazy(CockpitTab::Pairs),
                                "locks" => lazy(CockpitTab::Locks),
                                "strategy" => lazy(CockpitTab::Strategy),
                                "system" => lazy(CockpitTab::System),
                                _ => view! { <OpenTradesTable /> }.into_any(),
                            }
                        }}</Deferred>
                    </div>
                </section>
            </div>
        </div>
    }
}
