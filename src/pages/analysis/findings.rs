//! What an ended analysis found: biased or not, with its signals and indicators (lookahead); the recommended
//! startup candle count and each indicator's difference per count (recursive); or why it failed.

use leptos::prelude::*;

use crate::api::wire::{BackgroundJob, LookaheadResult, RecursiveResult, SETTLED_DIFFERENCE};
use crate::state::jobs::{JobResult, Jobs, ResultState};
use crate::util::format::percent;

#[component]
pub fn Findings(jobs: Jobs, job: Memo<Option<BackgroundJob>>) -> impl IntoView {
    move || {
        let job = job.get().filter(BackgroundJob::finished)?;
        let state = jobs.results.with(|r| r.get(&job.job_id).cloned());
        Some(match state {
            None | Some(ResultState::Reading) => {
                view! { <p class="hint">"Reading the result…"</p> }.into_any()
            }
            Some(ResultState::Failed(e)) => {
                view! { <p class="error-text" role="alert">{e.to_string()}</p> }.into_any()
            }
            Some(ResultState::Ready(JobResult::Lookahead(s))) => match s.result {
                Some(r) if s.status == "ended" => lookahead(&r).into_any(),
                _ => failed(&s.status_msg).into_any(),
            },
            Some(ResultState::Ready(JobResult::Recursive(s))) => match s.result {
                Some(r) if s.status == "ended" => recursive(&r).into_any(),
                _ => failed(&s.status_msg).into_any(),
            },
            Some(ResultState::Ready(JobResult::Whitelist(_))) => ().into_any(),
        })
    }
}

fn failed(msg: &str) -> impl IntoView {
    view! { <p class="error-text analysis-failed" role="alert">{msg.to_string()}</p> }
}

fn lookahead(r: &LookaheadResult) -> impl IntoView {
    let verdict = if r.has_bias {
        "Lookahead bias detected"
    } else {
        "No lookahead bias detected"
    };
    let indicators = if r.biased_indicators.is_empty() {
        "none".to_string()
    } else {
        r.biased_indicators.join(", ")
    };
    view! {
        <div class="analysis-result">
            <p class=if r.has_bias { "verdict bad" } else { "verdict good" } role="status">{verdict}</p>
            <table class="data-table compact">
                <tbody>
                    <tr><th>"Strategy"</th><td>{r.strategy.clone()}</td></tr>
                    <tr><th>"Signals checked"</th><td>{r.total_signals}</td></tr>
                    <tr><th>"Biased entry signals"</th><td>{r.biased_entry_signals}</td></tr>
                    <tr><th>"Biased exit signals"</th><td>{r.biased_exit_signals}</td></tr>
                    <tr><th>"Biased indicators"</th><td>{indicators}</td></tr>
                </tbody>
            </table>
        </div>
    }
}

fn recursive(r: &RecursiveResult) -> impl IntoView {
    let counts = r.counts();
    let recommended = match r.recommended_startup() {
        Some(c) => format!("Recommended startup candle count: {c}"),
        None => "No tested startup candle count is enough: test larger ones.".to_string(),
    };
    let own = r
        .strategy_scc
        .map(|c| format!("{}'s startup_candle_count: {c}", r.strategy))
        .unwrap_or_default();
    let affected: Vec<&str> = r
        .results
        .iter()
        .filter(|(_, by)| {
            by.values()
                .any(|v| v.is_none_or(|d| d.abs() >= SETTLED_DIFFERENCE))
        })
        .map(|(name, _)| name)
        .collect();
    let summary = if affected.is_empty() {
        "No indicator differs by 0.1 % or more with any tested count.".to_string()
    } else {
        format!(
            "{} indicator(s) differ by 0.1 % or more with a tested count: {}",
            affected.len(),
            affected.join(", ")
        )
    };
    let header = counts
        .iter()
        .map(|c| view! { <th class="num">{*c}</th> })
        .collect_view();
    let rows = r
        .results
        .keys()
        .map(|name| {
            let cells = counts
                .iter()
                .map(|c| {
                    let d = r.difference(name, *c);
                    let class = if d.is_some_and(|d| d.abs() < SETTLED_DIFFERENCE) {
                        "num"
                    } else {
                        "num unsettled"
                    };
                    view! { <td class=class>{d.map(|d| percent(Some(d), 3)).unwrap_or_else(|| "n/a".into())}</td> }
                })
                .collect_view();
            view! { <tr><th>{name.to_string()}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="analysis-result">
            <p class="verdict" role="status">{recommended}</p>
            <p class="muted">{own}</p>
            <p>{summary}</p>
            <div class="table-scroll">
                <table class="data-table compact recursive-table" aria-label="Difference per indicator and startup candle count">
                    <thead><tr><th>"Indicator"</th>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
}
