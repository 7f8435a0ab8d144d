//! The open trades' parts that show only when asked for: the selected trade's detail, the force-entry dialog and a
//! row's actions dialog (force exit, increase, cancel, delete, reload). Their code is a wasm module of its own,
//! fetched the first time one of them opens, so the cockpit's first view does not wait for it (`pages::split`
//! explains the split; `LazyPage` shows "Loading..." meanwhile, or why the module could not be fetched).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::actions::TradeActionsDialog;
use super::detail::TradeDetailPanel;
use super::force_entry::ForceEntryDialog;
use crate::api::wire::{Trade, TradeId};
use crate::components::lazy_page::{LazyPage, Part};

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

/// The part's view, built once its module is linked. Mount it only while the part shows: mounting fetches the
/// module.
pub fn trade_tool(tool: TradeTool) -> impl IntoView {
    let load = Box::pin(async move {
        let build = trade_tools().await?;
        Ok(Arc::new(move || build(tool)) as Part)
    });
    view! { <LazyPage load=load /> }
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
