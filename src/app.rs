//! The application: context providers, the route table and the page frame.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::lazy_page::{lazy, load_page};
use crate::components::navbar::Navbar;
use crate::components::tab_indicator::TabIndicator;
use crate::components::toasts::ToastList;
use crate::pages::not_found::NotFoundPage;
use crate::pages::split;
use crate::pages::trade::TradePage;
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
    if registry.start_page() == "/fleet" {
        start_on_fleet();
    }
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
                    <Route path=path!("/") view=lazy(|| load_page(split::entry_page(split::EntryPage::Bots))) />
                    <Route path=path!("/login") view=lazy(|| load_page(split::entry_page(split::EntryPage::Login))) />
                    <Route path=path!("/trade") view=TradePage />
                    <Route path=path!("/trade/:id") view=lazy(|| load_page(split::page(split::Page::TradeDetail))) />
                    <Route path=path!("/dashboard") view=lazy(|| load_page(split::page(split::Page::Dashboard))) />
                    <Route path=path!("/fleet") view=lazy(|| load_page(split::page(split::Page::Fleet))) />
                    <Route path=path!("/chart") view=lazy(|| load_page(split::page(split::Page::Chart))) />
                    <Route path=path!("/backtest") view=lazy(|| load_page(split::webserver_page(split::WebserverPage::Backtest))) />
                    <Route path=path!("/data") view=lazy(|| load_page(split::webserver_page(split::WebserverPage::Data))) />
                    <Route path=path!("/pairlists") view=lazy(|| load_page(split::webserver_page(split::WebserverPage::Pairlists))) />
                    <Route path=path!("/analysis") view=lazy(|| load_page(split::webserver_page(split::WebserverPage::Analysis))) />
                    <Route path=path!("/logs") view=lazy(|| load_page(split::page(split::Page::Logs))) />
                    <Route path=path!("/settings") view=lazy(|| load_page(split::page(split::Page::Settings))) />
                </Routes>
            </main>
            <ToastList />
            <TabIndicator />
            <crate::components::shortcuts::Shortcuts />
        </Router>
    }
}

/// Opened at the app's root with two or more bots logged in, the app starts on the fleet: the URL is replaced
/// before the router reads it, so the bot list never flashes. A reload or a step back keeps the bot list, and
/// links to "/" (the brand) still show it.
fn start_on_fleet() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if load_kind(&window).is_some_and(|kind| kind != "navigate") {
        return;
    }
    let Ok(pathname) = window.location().pathname() else {
        return;
    };
    let base = crate::components::app_href::app_base();
    if crate::util::base_path::app_path(&pathname, &base) != "/" {
        return;
    }
    if let Ok(history) = window.history() {
        let href = crate::components::app_href::app_href("/fleet");
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
    }
}

/// How this page load began (Navigation Timing): "navigate", "reload" or "back_forward".
fn load_kind(window: &web_sys::Window) -> Option<String> {
    let entry = window
        .performance()?
        .get_entries_by_type("navigation")
        .get(0);
    js_sys::Reflect::get(&entry, &"type".into())
        .ok()?
        .as_string()
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

    /// A route missing from the list would get a wrong base path on reload under a sub-path, and refuse to be a
    /// login redirect.
    #[test]
    fn every_route_is_a_top_segment() {
        let app = include_str!("app.rs");
        let routes: Vec<&str> = app
            .split("path!(\"/")
            .skip(1)
            .filter_map(|rest| rest.split(['/', '"', ':']).next())
            .filter(|first| !first.is_empty())
            .collect();
        assert!(routes.len() >= 7, "routes found: {routes:?}");
        for first in routes {
            assert!(
                crate::util::base_path::TOP_SEGMENTS.contains(&first),
                "route /{first} is not in TOP_SEGMENTS"
            );
        }
    }
}
