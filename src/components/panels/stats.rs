//! Closed-trade statistics: wins, draws and losses per exit reason, and average durations by outcome.

use leptos::prelude::*;

use crate::components::trades::table::header_row;

use super::common::resource_view;
use crate::api::wire::{ExitReasonStats, StatsResponse};
use crate::runtime::Load;
use crate::state::bot_store::use_bot_store;
use crate::util::format::{duration_short, percent};

/// Wins among all closed trades of a reason; `None` without trades.
fn win_rate(s: &ExitReasonStats) -> Option<f64> {
    let total = s.wins + s.draws + s.losses;
    (total > 0).then(|| s.wins as f64 / total as f64)
}

/// An average duration in seconds; "–" when there was no such trade.
fn duration_text(seconds: Option<f64>) -> String {
    seconds
        .map(duration_short)
        .unwrap_or_else(|| "–".to_string())
}

/// A count's cell class: coloured only when there is something to count.
fn count_class(count: i64, colour: &str) -> String {
    if count > 0 {
        format!("num {colour}")
    } else {
        "num".to_string()
    }
}

fn render(stats: StatsResponse) -> AnyView {
    if stats.exit_reasons.is_empty() {
        return view! { <p class="muted panel-empty">"No closed trades yet."</p> }.into_any();
    }
    let durations = [
        ("Winning trades", stats.durations.wins),
        ("Draws", stats.durations.draws),
        ("Losing trades", stats.durations.losses),
    ];
    view! {
        <h3>"Exit reasons"</h3>
        <div class="table-wrap">
            <table class="exit-reasons">
                <thead>{header_row(&[("", "Exit reason"), ("num", "Wins"), ("num", "Draws"), ("num", "Losses"), ("num", "Total"), ("num", "Winrate")])}</thead>
                <tbody>
                    {stats
                        .exit_reasons
                        .iter()
                        .map(|(reason, s)| {
                            view! {
                                <tr>
                                    <td class="key">{reason.to_string()}</td>
                                    <td class=count_class(s.wins, "profit")>{s.wins}</td>
                                    <td class="num">{s.draws}</td>
                                    <td class=count_class(s.losses, "loss")>{s.losses}</td>
                                    <td class="num">{s.wins + s.draws + s.losses}</td>
                                    <td class="num">{percent(win_rate(s), 1)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <h3>"Average duration"</h3>
        <dl class="kv compact trade-durations">
            {durations
                .into_iter()
                .map(|(label, secs)| view! {
                    <div>
                        <dt>{label}</dt>
                        <dd>{duration_text(secs)}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
    }
    .into_any()
}

#[component]
pub fn StatsPanel() -> impl IntoView {
    let store = use_bot_store();
    let stats = Load::new(move || {
        store.revision.track();
        async move { store.read_stats().await }
    });
    view! {
        <div class="panel panel-stats">
            <div class="panel-head">
                <h2>"Statistics"</h2>
                <button on:click=move |_| stats.refetch()>"Reload"</button>
            </div>
            {resource_view(stats, "Loading statistics…", render)}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoints;

    #[test]
    fn win_rates_and_durations() {
        assert_eq!(
            win_rate(&ExitReasonStats {
                wins: 1,
                draws: 1,
                losses: 2
            }),
            Some(0.25)
        );
        assert_eq!(win_rate(&ExitReasonStats::default()), None);
        assert_eq!(duration_text(None), "–");
        assert_eq!(duration_text(Some(0.201518)), "0s");
        assert_eq!(duration_text(Some(3_700.0)), "1h 1m");
    }

    #[test]
    fn the_fixture_decodes() {
        let stats = endpoints::stats()
            .decode(include_str!("../../../tests/fixtures/stats.json"))
            .unwrap_or_default();
        let force = stats.exit_reasons.get("force_exit").cloned();
        assert_eq!(
            force,
            Some(ExitReasonStats {
                wins: 0,
                losses: 2,
                draws: 0
            })
        );
        assert_eq!(stats.durations.losses, Some(0.201518));
    }
}
