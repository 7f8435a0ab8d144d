//! The open trades' parts that show only when asked for: the selected trade's detail, the force-entry dialog and a
//! row's actions dialog (force exit, increase, cancel, delete, reload). Their code is a wasm module of its own,
//! fetched the first time one of them opens, so the cockpit's first view does not wait for it (`pages::split`
//! explains the split; `LazyPage` shows "Loading..." meanwhile, or why the module could not be fetched).

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::actions::TradeActionsDialog;
use super::detail::TradeDetailPanel;
use super::force_entry::ForceEntryDialog;
use crate::api::wire::{Trade, TradeId};
use crate::components::lazy_page::lazy_part;

/// One of the parts, with its props (all `Copy`).
#[derive(Clone, Copy)]
pub enum TradeTool {
    /// The panel under the table for the selected row.
    Detail {
        id: TradeId,
        trade: Signal<Option<Trade>>,
        on_close: Callback<()>,
        gone: &'static str,
    },
    /// The force-entry dialog, shown while `open`.
    ForceEntry { open: RwSignal<bool> },
    /// The actions dialog of the trade `target`, shown while `open`.
    Actions {
        target: RwSignal<Option<TradeId>>,
        open: RwSignal<bool>,
    },
}

impl TradeTool {
    /// Closes the part, as its own close button would.
    fn close(self) {
        match self {
            TradeTool::Detail { on_close, .. } => {
                on_close.try_run(());
            }
            TradeTool::ForceEntry { open } | TradeTool::Actions { open, .. } => {
                open.try_set(false);
            }
        }
    }
}

/// The part's view, built once its module is linked. Mount it only while the part shows: mounting fetches the
/// module.
pub fn trade_tool(tool: TradeTool) -> impl IntoView {
    lazy_part(trade_tools(), tool, move || tool.close())
}

#[wasm_split(trade_tools, wasm_split_path = leptos::wasm_split, fallible)]
fn trade_tools() -> Result<fn(TradeTool) -> AnyView, SplitLoaderError> {
    Ok(build_tool)
}

fn build_tool(tool: TradeTool) -> AnyView {
    match tool {
        TradeTool::Detail {
            id,
            trade,
            on_close,
            gone,
        } => {
            view! { <TradeDetailPanel id=id trade=trade on_close=on_close gone=gone /> }.into_any()
        }
        TradeTool::ForceEntry { open } => view! { <ForceEntryDialog open=open /> }.into_any(),
        TradeTool::Actions { target, open } => {
            view! { <TradeActionsDialog target=target open=open /> }.into_any()
        }
    }
}
