//! The parts of the app that are wasm modules of their own, fetched the first time they show
//! (`components::lazy_page`). Each function below is a `#[wasm_split]` point: when the build is split
//! (`e2e/deploy/split.mjs`), the code only it reaches moves into its module, code two of them share into a chunk
//! both load, and what the main module uses (the frame, the bot sessions, the cockpit's first view) stays there.
//!
//! Few points, each a group of parts, rather than one per page: every distinct set of points that shares some
//! code gets a chunk of its own, so one point per page measured 263 chunks (226 files for the cockpit alone).
//!
//! Two more points sit beside the parts they load, since those take props: the open trades' detail and dialogs
//! (`components::trades::on_demand`) and the plot configurator (`charts::configurator_part`).

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use crate::components::lazy_page::PageBuilder;

/// The pages a newcomer or a returning user starts on: the bot list and the login form.
#[derive(Clone, Copy)]
pub enum EntryPage {
    Bots,
    Login,
}

/// The other pages a navbar link opens, besides the cockpit (in the main module).
#[derive(Clone, Copy)]
pub enum Page {
    TradeDetail,
    Dashboard,
    Fleet,
    Chart,
    Logs,
    Settings,
}

/// The pages only a `freqtrade webserver` serves.
#[derive(Clone, Copy)]
pub enum WebserverPage {
    Backtest,
    Data,
    Pairlists,
    Analysis,
}

#[wasm_split(entry, wasm_split_path = leptos::wasm_split, fallible)]
pub fn entry_page(page: EntryPage) -> Result<PageBuilder, SplitLoaderError> {
    use crate::pages::*;
    let build: PageBuilder = match page {
        EntryPage::Bots => || view! { <bots::BotsPage /> }.into_any(),
        EntryPage::Login => || view! { <login::LoginPage /> }.into_any(),
    };
    Ok(build)
}

#[wasm_split(pages, wasm_split_path = leptos::wasm_split, fallible)]
pub fn page(page: Page) -> Result<PageBuilder, SplitLoaderError> {
    use crate::pages::*;
    let build: PageBuilder = match page {
        Page::TradeDetail => || view! { <trade_detail::TradeDetailPage /> }.into_any(),
        Page::Dashboard => || view! { <dashboard::DashboardPage /> }.into_any(),
        Page::Fleet => || view! { <fleet::FleetPage /> }.into_any(),
        Page::Chart => || view! { <chart::ChartPage /> }.into_any(),
        Page::Logs => || view! { <logs::LogsPage /> }.into_any(),
        Page::Settings => || view! { <settings::SettingsPage /> }.into_any(),
    };
    Ok(build)
}

#[wasm_split(webserver, wasm_split_path = leptos::wasm_split, fallible)]
pub fn webserver_page(page: WebserverPage) -> Result<PageBuilder, SplitLoaderError> {
    use crate::pages::*;
    let build: PageBuilder = match page {
        WebserverPage::Backtest => || view! { <backtest::BacktestPage /> }.into_any(),
        WebserverPage::Data => || view! { <data::DataPage /> }.into_any(),
        WebserverPage::Pairlists => || view! { <pairlists::PairlistsPage /> }.into_any(),
        WebserverPage::Analysis => || view! { <analysis::AnalysisPage /> }.into_any(),
    };
    Ok(build)
}

/// The cockpit's tab panels but the first (open trades, in the main module); `pages::trade` maps its tab keys.
#[wasm_split(cockpit_tabs, wasm_split_path = leptos::wasm_split, fallible)]
pub fn cockpit_tab(tab: CockpitTab) -> Result<PageBuilder, SplitLoaderError> {
    use crate::components::panels::*;
    use crate::components::trades::closed_trades::ClosedTradesTable;
    let build: PageBuilder = match tab {
        CockpitTab::Closed => || view! { <ClosedTradesTable /> }.into_any(),
        CockpitTab::Profit => || view! { <ProfitPanel /> }.into_any(),
        CockpitTab::Performance => || view! { <PerformancePanel /> }.into_any(),
        CockpitTab::Stats => || view! { <StatsPanel /> }.into_any(),
        CockpitTab::Balance => || view! { <BalancePanel /> }.into_any(),
        CockpitTab::Periods => || view! { <PeriodsPanel /> }.into_any(),
        CockpitTab::Pairs => || view! { <PairsPanel /> }.into_any(),
        CockpitTab::Locks => || view! { <LocksPanel /> }.into_any(),
        CockpitTab::Strategy => || view! { <StrategyPanel /> }.into_any(),
        CockpitTab::System => || view! { <SystemPanel /> <EdgePanel /> }.into_any(),
    };
    Ok(build)
}

/// The cockpit's tabs that load their panel on demand.
#[derive(Clone, Copy)]
pub enum CockpitTab {
    Closed,
    Profit,
    Performance,
    Stats,
    Balance,
    Periods,
    Pairs,
    Locks,
    Strategy,
    System,
}

/// The cockpit's candle chart: it mounts after the first paint anyway (`<Deferred>`), so its code arrives while
/// the trade tables show.
#[wasm_split(live_chart, wasm_split_path = leptos::wasm_split, fallible)]
pub fn live_chart() -> Result<PageBuilder, SplitLoaderError> {
    Ok(|| view! { <crate::pages::chart::LiveChartPanel /> }.into_any())
}
