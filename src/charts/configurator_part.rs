//! The plot configurator as a wasm module of its own, fetched the first time "Configure plot" opens it: the
//! cockpit's chart (and every other chart) shows without its code (`pages::split` explains the split).

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::configurator::PlotConfigurator;
use super::panel::PlotConfigs;
use crate::components::lazy_page::lazy_part;

/// What the configurator's module builds from: the plot configs and the dataframe's columns.
type Props = (PlotConfigs, Signal<Vec<String>>);

/// The configurator of `configs`, once its module is linked ("Loading..." meanwhile), picking indicators from
/// `columns`. Mount it only while it shows.
pub fn plot_configurator(configs: PlotConfigs, columns: Signal<Vec<String>>) -> impl IntoView {
    lazy_part(plot_configurator_module(), (configs, columns), move || {
        configs.open.try_set(false);
    })
}

#[wasm_split(plot_configurator, wasm_split_path = leptos::wasm_split, fallible)]
fn plot_configurator_module() -> Result<fn(Props) -> AnyView, SplitLoaderError> {
    Ok(|(c, columns)| {
        view! {
            <PlotConfigurator open=c.open draft=c.draft saved=c.saved strategy_spec=c.strategy columns=columns />
        }
        .into_any()
    })
}
