//! Edge: per-pair win rate, expectancy and stoploss from freqtrade's Edge module. freqtrade removed Edge in
//! 2025.6, so current bots answer 404, and older bots without Edge refuse the call: both read as "not enabled",
//! not as an error.

use crate::util::format::{number, percent};
use leptos::prelude::*;

use crate::components::trades::table::header_row;

use super::common::{error_view, loading_view};
use crate::api::error::ApiError;
use crate::api::wire::EdgePair;
use crate::runtime::Load;
use crate::state::bot_store::use_bot_store;

/// Whether the bot said it has no Edge (404 on freqtrade >= 2025.6, "Edge is not enabled." before).
fn is_not_enabled(error: &ApiError) -> bool {
    match error {
        ApiError::Http { status: 404, .. } => true,
        ApiError::Http { detail, .. } => detail.contains("Edge is not enabled"),
        _ => false,
    }
}

fn table(pairs: Vec<EdgePair>) -> AnyView {
    if pairs.is_empty() {
        return view! { <p class="muted panel-empty">"No Edge data yet."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="edge">
                <thead>{header_row(&[("", "Pair"), ("num", "Winrate"), ("num", "Expectancy"), ("num", "Stoploss")])}</thead>
                <tbody>
                    {pairs
                        .into_iter()
                        .map(|p| view! {
                            <tr>
                                <td>{p.pair}</td>
                                <td class="num">{percent(p.winrate, 1)}</td>
                                <td class="num">{number(p.expectancy, 2)}</td>
                                <td class="num">{percent(p.stoploss, 2)}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn EdgePanel() -> impl IntoView {
    let store = use_bot_store();
    let edge = Load::new(move || async move { store.read_edge().await });
    view! {
        <section class="panel panel-edge" aria-label="Edge">
            <div class="panel-head">
                <h2>"Edge"</h2>
                <button on:click=move |_| edge.refetch()>"Reload Edge"</button>
            </div>
            {move || match edge.get() {
                None => loading_view("Loading Edge…"),
                Some(Err(e)) if is_not_enabled(&e) => view! {
                    <p class="edge-off">"Edge is not enabled on this bot."</p>
                    <p class="muted hint">"freqtrade removed Edge in version 2025.6; only older bots with Edge configured show it."</p>
                }
                .into_any(),
                Some(Err(e)) => error_view(e),
                Some(Ok(pairs)) => table(pairs),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_edge_is_not_an_error() {
        let gone =
            ApiError::from_status(404, include_str!("../../../tests/fixtures/edge_404.json"));
        assert!(is_not_enabled(&gone));
        let old = ApiError::from_status(
            502,
            r#"{"error": "Error querying /api/v1/edge: Edge is not enabled."}"#,
        );
        assert!(is_not_enabled(&old));
        let other = ApiError::from_status(502, r#"{"error": "Error querying /api/v1/edge: boom"}"#);
        assert!(!is_not_enabled(&other));
        assert!(!is_not_enabled(&ApiError::Timeout { ms: 20_000 }));
    }
}
