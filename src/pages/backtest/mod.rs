//! Backtest (issue 12): run a backtest on a `freqtrade webserver`, follow it, and analyse, compare and manage
//! its results. The state (`state::backtest::Backtests`) outlives the page: loaded results stay for the session.

mod history;
mod results;
mod run;
pub mod tables;
mod versus;

use leptos::prelude::*;

use crate::components::error_notice::ErrorNotice;
use crate::components::require_bot::RequireBot;
use crate::components::tabs::TabBar;
use crate::state::backtest::Backtests;
use crate::state::persist::BotId;

#[component]
pub fn BacktestPage() -> impl IntoView {
    view! {
        <RequireBot webserver=true let:id>
            <Backtest id=id />
        </RequireBot>
    }
}

#[component]
fn Backtest(id: BotId) -> impl IntoView {
    let bt = Backtests::of(id);
    let tab = RwSignal::new("run");
    // A new result (a run that ended, a loaded one) is shown at once.
    Effect::new(move |was: Option<usize>| {
        let n = bt.results.with(Vec::len);
        if was.is_some_and(|was| n > was) {
            tab.set("result");
        }
        n
    });
    let count = move || bt.results.with(Vec::len);
    view! {
        <div class="backtest-page">
            <ErrorNotice error=bt.error />
            <TabBar
                tabs=vec![("run", "Run"), ("history", "Stored results"), ("result", "Analyse"), ("compare", "Compare"), ("versus", "Versus live")]
                active=tab
            />
            {move || match tab.get() {
                "history" => view! { <history::HistoryPanel bt=bt /> }.into_any(),
                "result" if count() > 0 => view! { <results::ResultPanel bt=bt /> }.into_any(),
                "result" => view! {
                    <p class="hint">"No result loaded: run a backtest, or load a stored result."</p>
                }.into_any(),
                "compare" => view! { <results::ComparePanel bt=bt /> }.into_any(),
                "versus" if count() > 0 => view! { <versus::VersusPanel bt=bt /> }.into_any(),
                "versus" => view! {
                    <p class="hint">"Load a result first: it is compared with a trading bot's trades over the same period."</p>
                }.into_any(),
                _ => view! { <run::RunPanel bt=bt /> }.into_any(),
            }}
        </div>
    }
}
