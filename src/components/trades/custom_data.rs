//! What the strategy stored with a trade (`trade.set_custom_data()`, `GET /trades/{id}/custom-data`), in the
//! trade detail: key, value, kind and when it last changed. Values are shown as text, never as HTML.

use leptos::prelude::*;

use crate::api::wire::{CustomDataEntry, TradeCustomData, TradeId};
use crate::runtime::Load;
use crate::state::bot_store::use_bot_store;
use crate::util::format::{json_text, visible};

/// One table row per stored value: key, value, kind, last change (ISO time cut to the second, as sent).
pub fn rows(answer: &[TradeCustomData]) -> Vec<[String; 4]> {
    answer
        .iter()
        .flat_map(|t| t.custom_data.iter())
        .map(|e: &CustomDataEntry| {
            let changed = e.updated_at.as_ref().or(e.created_at.as_ref());
            [
                visible(&e.key),
                json_text(&e.value),
                visible(&e.value_type),
                changed
                    .map(|t| t.replace('T', " ").chars().take(19).collect())
                    .unwrap_or_else(|| "–".to_string()),
            ]
        })
        .collect()
}

/// The trade's custom data, read when the detail opens and, while the trade is open (its strategy may still
/// write), after each refresh of the store; nothing is shown for a trade without any.
#[component]
pub fn CustomData(id: TradeId, open: bool) -> impl IntoView {
    let store = use_bot_store();
    let answer = Load::new(move || {
        if open {
            store.revision.track();
        }
        async move { store.read_custom_data(id).await }
    });
    move || match answer.get() {
        Some(Ok(list)) => {
            let rows = rows(&list);
            (!rows.is_empty()).then(|| {
                view! {
                    <section class="trade-custom-data" aria-label="Custom data">
                        <h3>"Custom data"</h3>
                        <div class="table-wrap">
                            <table class="custom-data">
                                <thead><tr><th>"Key"</th><th>"Value"</th><th>"Kind"</th><th>"Changed (UTC)"</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|[k, v, t, c]| view! {
                                        <tr><td>{k}</td><td class="custom-value">{v}</td><td>{t}</td><td>{c}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                }
            })
            .into_any()
        }
        Some(Err(e)) => view! {
            <p class="muted trade-custom-data">{format!("Custom data could not be read: {e}")}</p>
        }
        .into_any(),
        None => ().into_any(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;
    use crate::api::endpoints;

    #[test]
    fn the_seeded_trade_has_one_value_of_each_kind() {
        let answer = endpoints::trade_custom_data(30)
            .decode(include_str!(
                "../../../tests/fixtures/seeded/trade_custom_data.json"
            ))
            .unwrap_or_default();
        let rows = rows(&answer);
        let keys: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            keys,
            ["entry_rsi", "dca_steps", "note", "levels", "trailing"]
        );
        assert_eq!(rows[0][1], "27.5");
        assert_eq!(rows[0][2], "float");
        assert_eq!(rows[2][1], "<b>seeded</b>");
        assert_eq!(rows[3][1], r#"{"tp":[1.02,1.05]}"#);
        assert_eq!(rows[4][1], "yes");
        assert!(rows[0][3].starts_with("2026-11-29 00:21:34"));
        assert_eq!(rows[0][3].len(), 19);
    }

    #[test]
    fn a_trade_without_custom_data_is_a_404_the_store_reads_as_none() {
        // `BotStore::read_custom_data` turns exactly this error into an empty list.
        let e = crate::api::error::ApiError::from_status(
            404,
            include_str!("../../../tests/fixtures/seeded/trade_custom_data_404.json"),
        );
        assert!(
            matches!(&e, crate::api::error::ApiError::Http { status: 404, detail } if detail.contains("No custom-data")),
            "{e:?}"
        );
    }
}
