//! The application: context providers, the route table and the page frame.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::navbar::Navbar;
use crate::components::tab_indicator::TabIndicator;
use crate::components::toasts::ToastList;
use crate::pages::bots::BotsPage;
use crate::pages::chart::ChartPage;
use crate::pages::dashboard::DashboardPage;
use crate::pages::fleet::FleetPage;
use crate::pages::login::LoginPage;
use crate::pages::logs::LogsPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::settings::SettingsPage;
use crate::pages::trade::TradePage;
use crate::pages::trade_detail::TradeDetailPage;
use crate::state::registry::BotRegistry;
use crate::state::settings::provide_settings;
use crate::state::toasts::Toasts;

/// How often every bot is pinged to keep its online state current.
const PING_EVERY: Duration = Duration::from_secs(30);

#[component]
pub fn App() -> impl IntoView {
    crate::runtime::page::provide_page_visible();
    provide_settings();
    Toasts::provide();
    let registry = BotRegistry::provide();
    crate::state::bot_store::install_store_root();
    // Retries of an unreachable bot (pings, websocket reconnects) stop waiting when the user comes back.
    crate::runtime::page::on_page_return(crate::api::wake::wake_all);
    registry.ping_all();
    if let Ok(handle) = set_interval_with_handle(move || registry.ping_all(), PING_EVERY) {
        on_cleanup(move || handle.clear());
    }

    view! {
        // Every route's first segment is in util::base_path::TOP_SEGMENTS.
        <Router base=crate::components::app_href::app_base()>
            <Navbar />
            <main class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=BotsPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/trade") view=TradePage />
                    <Route path=path!("/trade/:id") view=TradeDetailPage />
                    <Route path=path!("/dashboard") view=DashboardPage />
                    <Route path=path!("/fleet") view=FleetPage />
                    <Route path=path!("/chart") view=ChartPage />
                    <Route path=path!("/logs") view=LogsPage />
                    <Route path=path!("/settings") view=SettingsPage />
                </Routes>
            </main>
            <ToastList />
            <TabIndicator />
        </Router>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn boot_script_knows_every_route() {
        let boot = include_str!("boot/boot.js");
        let list = crate::util::base_path::TOP_SEGMENTS
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(
            boot.contains(&format!("var routes = [{list}];")),
            "src/boot/boot.js must list the routes [{list}]"
        );
    }
}
