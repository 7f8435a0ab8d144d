//! The results stored on the bot: filter, sort, pick one; load it, edit its notes, or delete it from disk;
//! or load every result the filter shows.

use leptos::prelude::*;

use super::tables::{history_rows, HISTORY_COLUMNS};
use crate::api::features::Feature;
use crate::components::data_table::DataTable;
use crate::components::modal::ConfirmButton;
use crate::components::when::When;
use crate::state::backtest::Backtests;

/// "Load the N shown" is offered for at most this many results (each is a whole result file to read).
const MAX_LOAD_SHOWN: usize = 10;

#[component]
pub fn HistoryPanel(bt: Backtests) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    // The picked entry, by file and strategy (its index moves when the list changes).
    let picked = RwSignal::new(None::<(String, String)>);
    let notes = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        bt.history
            .with(|h| history_rows(h.as_deref().unwrap_or_default(), &filter.get()))
    });
    let entry = Memo::new(move |_| {
        picked.get().and_then(|(file, strategy)| {
            bt.history.with(|h| {
                h.as_ref()?
                    .iter()
                    .find(|e| e.filename == file && e.strategy == strategy)
                    .cloned()
            })
        })
    });
    // The picked entry's position among the shown rows.
    let selected = Signal::derive(move || {
        entry.with(|e| {
            let e = e.as_ref()?;
            bt.history.with(|h| {
                let index = h.as_ref()?.iter().position(|x| x == e)?;
                rows.with(|r| r.iter().position(|(i, _)| *i == index))
            })
        })
    });
    let pick = Callback::new(move |shown: usize| {
        let index = rows.with_untracked(|r| r.get(shown).map(|(i, _)| *i));
        let chosen = index.and_then(|i| {
            bt.history
                .with_untracked(|h| h.as_ref().and_then(|h| h.get(i).cloned()))
        });
        if let Some(e) = chosen {
            notes.set(e.notes.clone());
            picked.set(Some((e.filename, e.strategy)));
        }
    });
    view! {
        <section class="card backtest-history">
            <div class="result-head">
                <input
                    type="search"
                    aria-label="Filter stored results"
                    placeholder="Filter by strategy, timeframe, notes or file"
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
                <button on:click=move |_| bt.load_history()>"Refresh"</button>
                // Several at once: filter the list down to them (Compare shows every loaded result).
                <When when=move || (2..=MAX_LOAD_SHOWN).contains(&rows.with(Vec::len))>
                    <button
                        disabled=move || bt.busy.get()
                        on:click=move |_| {
                            let shown: Vec<_> = bt.history.with_untracked(|h| {
                                let h = h.as_deref().unwrap_or_default();
                                rows.with_untracked(|r| r.iter().filter_map(|(i, _)| h.get(*i).cloned()).collect())
                            });
                            bt.load_results(shown);
                        }
                    >
                        {move || format!("Load the {} shown", rows.with(Vec::len))}
                    </button>
                </When>
            </div>
            {move || {
                bt.history.with(|h| match h {
                    None => Some(view! { <p class="hint">"Reading the stored results…"</p> }.into_any()),
                    Some(h) if h.is_empty() => Some(view! {
                        <p class="hint">"No stored results on this bot yet: run a backtest."</p>
                    }.into_any()),
                    Some(_) => None,
                })
            }}
            <DataTable
                columns=HISTORY_COLUMNS.iter().map(|s| s.to_string()).collect()
                rows=Signal::derive(move || rows.with(|r| r.iter().map(|(_, row)| row.clone()).collect::<Vec<_>>()))
                label="Stored results"
                sortable=true
                on_row=pick
                selected=selected
            />
            <When when=move || entry.with(Option::is_some)>
                <div class="history-actions" role="group" aria-label="Picked result">
                    <p class="picked">
                        {move || entry.with(|e| e.as_ref().map(|e| format!("{} — {}", e.strategy, e.filename)))}
                    </p>
                    <button
                        class="primary"
                        disabled=move || bt.busy.get()
                        on:click=move |_| {
                            if let Some(e) = entry.get_untracked() {
                                bt.load_result(&e);
                            }
                        }
                    >
                        "Load"
                    </button>
                    <When when=move || bt.has(Feature::BacktestDelete)>
                    <ConfirmButton
                        label="Delete…"
                        danger=true
                        message=Signal::derive(move || {
                            entry.with(|e| e.as_ref().map(|e| format!(
                                "Delete the stored result {} ({}) from the bot's disk? This cannot be undone.",
                                e.filename, e.strategy
                            )).unwrap_or_default())
                        })
                        confirm_label="Delete result"
                        disabled=bt.busy
                        on_confirm=Callback::new(move |_| {
                            if let Some(e) = entry.get_untracked() {
                                bt.delete_result(&e);
                                picked.set(None);
                            }
                        })
                    />
                    </When>
                    <When when=move || bt.has(Feature::BacktestNotes)>
                    <label class="field notes">
                        <span>"Notes"</span>
                        <textarea
                            name="notes"
                            rows="2"
                            prop:value=move || notes.get()
                            on:input=move |ev| notes.set(event_target_value(&ev))
                        ></textarea>
                    </label>
                    <button
                        disabled=move || bt.busy.get()
                        on:click=move |_| {
                            if let Some(e) = entry.get_untracked() {
                                bt.save_notes(&e, notes.get_untracked());
                            }
                        }
                    >
                        "Save notes"
                    </button>
                    </When>
                </div>
            </When>
        </section>
    }
}
