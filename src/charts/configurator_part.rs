//! The plot configurator as a wasm module of its own, fetched the first time "Configure plot" opens it: the
//! cockpit's chart (and every other chart) shows without its code (`pages::split` explains the split).

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::configurator::PlotConfigurator;
use super::model::plot::PlotSpec;
use super::model::saved::SavedConfigs;
use crate::components::lazy_page::lazy_part;

/// `<PlotConfigurator>`'s props (all `Copy`).
#[derive(Clone, Copy)]
pub struct ConfiguratorProps {
    pub open: RwSignal<bool>,
    pub draft: RwSignal<PlotSpec>,
    pub saved: RwSignal<SavedConfigs>,
    pub strategy_spec: Signal<PlotSpec>,
    pub columns: Signal<Vec<String>>,
}

/// The configurator, once its module is linked ("Loading..." meanwhile). Mount it only while it shows.
pub fn plot_configurator(props: ConfiguratorProps) -> impl IntoView {
    lazy_part(plot_configurator_module(), props, move || {
        props.open.try_set(false);
    })
}

#[wasm_split(plot_configurator, wasm_split_path = leptos::wasm_split, fallible)]
fn plot_configurator_module() -> Result<fn(ConfiguratorProps) -> AnyView, SplitLoaderError> {
    Ok(|p| {
        view! {
            <PlotConfigurator open=p.open draft=p.draft saved=p.saved strategy_spec=p.strategy_spec columns=p.columns />
        }
        .into_any()
    })
}
