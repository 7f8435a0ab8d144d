//! The chart card: toolbar (pair, timeframe, extra selectors, refresh, Heikin-Ashi, axis side, chart areas,
//! plot-config switcher and configurator), the status line, `<CandleChart>` and the configurator (its code loaded
//! on demand, `configurator_part`). Props only: the page loads the data and persists the preferences and saved
//! configs.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::when::When;

use super::component::CandleChart;
use super::configurator_part::plot_configurator;
use super::model::chart::ChartOptions;
use super::model::color::parse_color;
use super::model::frame::CandleFrame;
use super::model::marks::TradeInput;
use super::model::plot::PlotSpec;
use super::model::saved::{ChartPrefs, SavedConfigs};
use crate::components::select_options::{choices_of, ListSelect};
use crate::runtime::effect;

/// Where the data stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum LoadStatus {
    #[default]
    Idle,
    Loading,
    /// Loading for longer than expected (history requests).
    Slow,
    Loaded,
    Failed(String),
}

/// The plot configs: the strategy's, the saved ones, and the configurator's draft (shown while it is open).
#[derive(Clone, Copy)]
pub struct PlotConfigs {
    pub strategy: RwSignal<PlotSpec>,
    pub saved: RwSignal<SavedConfigs>,
    pub draft: RwSignal<PlotSpec>,
    pub open: RwSignal<bool>,
    /// What the chart shows.
    pub shown: Memo<PlotSpec>,
}

impl PlotConfigs {
    pub fn new(saved: SavedConfigs) -> Self {
        let strategy = RwSignal::new(PlotSpec::default());
        let saved = RwSignal::new(saved);
        let draft = RwSignal::new(PlotSpec::default());
        let open = RwSignal::new(false);
        let shown = Memo::new(move |_| {
            if open.get() {
                draft.get()
            } else {
                let s = strategy.get();
                saved.with(|sv| sv.active(&s).clone())
            }
        });
        PlotConfigs {
            strategy,
            saved,
            draft,
            open,
            shown,
        }
    }
}

#[component]
pub fn ChartPanel(
    #[prop(into)] frame: Signal<Option<Arc<CandleFrame>>>,
    #[prop(into)] status: Signal<LoadStatus>,
    #[prop(into)] trades: Signal<Vec<TradeInput>>,
    #[prop(into)] pairs: Signal<Vec<String>>,
    pair: RwSignal<Option<String>>,
    #[prop(into)] timeframes: Signal<Vec<String>>,
    timeframe: RwSignal<Option<String>>,
    configs: PlotConfigs,
    prefs: RwSignal<ChartPrefs>,
    #[prop(into)] dark: Signal<bool>,
    #[prop(into)] local_time: Signal<bool>,
    on_refresh: Callback<()>,
    /// A time range (Unix ms) the chart moves to when it changes.
    #[prop(optional, into)]
    focus: Signal<Option<(i64, i64)>>,
    /// A crosshair time shared by the charts of a grid.
    #[prop(optional_no_strip)]
    crosshair: Option<RwSignal<Option<i64>>>,
    /// Extra selectors (history mode: strategy and timerange).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let options = Memo::new(move |_| {
        let p = prefs.get();
        let (up, down) = p.candle_colors();
        let d = ChartOptions::default();
        ChartOptions {
            heikin_ashi: p.heikin_ashi,
            axis_left: p.axis_left,
            up: parse_color(up).unwrap_or(d.up),
            down: parse_color(down).unwrap_or(d.down),
            show_annotations: p.show_annotations,
            offset_minutes: 0,
            dark: dark.get(),
        }
    });
    let columns = Signal::derive(move || {
        frame.with(|f| {
            f.as_ref()
                .map(|f| f.all_columns.clone())
                .unwrap_or_default()
        })
    });
    let default_candles = Signal::derive(move || prefs.with(|p| p.default_candles));
    let shown = configs.shown;
    let header = move || {
        frame.with(|f| {
            f.as_ref().map(|f| {
                let count = |c: &super::model::column::Column| (0..f.len()).filter(|&i| c.get(i).is_some()).count();
                let s = &f.signals;
                format!(
                    "{} · {} | {} · {} candles · long entries {} / exits {} · short entries {} / exits {}",
                    f.pair,
                    if f.strategy.is_empty() { "–" } else { &f.strategy },
                    f.timeframe,
                    f.len(),
                    count(&s.enter_long),
                    count(&s.exit_long),
                    count(&s.enter_short),
                    count(&s.exit_short),
                )
            })
        })
    };
    let empty = move || match status.get() {
        LoadStatus::Idle => Some("Not loaded yet.".to_string()),
        LoadStatus::Loading if frame.with(Option::is_none) => Some("Loading...".into()),
        LoadStatus::Slow => Some("Loading... This is taking longer than expected.".into()),
        LoadStatus::Failed(e) => Some(format!("Failed to load data: {e}")),
        LoadStatus::Loaded if frame.with(|f| f.as_ref().is_none_or(|f| f.is_empty())) => {
            Some("No data available".into())
        }
        _ => None,
    };
    // The cells of a grid share the plot configs: only the cell whose button opened the configurator shows it.
    let opened_here = RwSignal::new(false);
    effect(move || {
        if !configs.open.get() {
            opened_here.set(false);
        }
    });
    let open_configurator = move |_| {
        if !configs.open.get_untracked() {
            configs.draft.set(configs.shown.get_untracked());
            opened_here.set(true);
        }
        configs.open.update(|o| *o = !*o);
    };

    view! {
        <div class="chart-panel">
            <div class="chart-toolbar">
                <label>"Pair"
                    <ListSelect aria_label="Pair" choices=Signal::derive(move || choices_of(pairs.get()))
                        value=Signal::derive(move || pair.get().unwrap_or_default())
                        on_change=Callback::new(move |v| pair.set(Some(v))) />
                </label>
                <label>"Timeframe"
                    <ListSelect aria_label="Timeframe" choices=Signal::derive(move || choices_of(timeframes.get()))
                        value=Signal::derive(move || timeframe.get().unwrap_or_default())
                        on_change=Callback::new(move |v| timeframe.set(Some(v))) />
                </label>
                {children.map(|c| c())}
                <button type="button" class="button" on:click=move |_| on_refresh.run(())>"Refresh chart"</button>
                <label class="check">
                    <input type="checkbox" prop:checked=move || prefs.with(|p| p.heikin_ashi)
                        on:change=move |ev| { let on = event_target_checked(&ev); prefs.update(|p| p.heikin_ashi = on) } />
                    "Heikin-Ashi"
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=move || prefs.with(|p| p.axis_left)
                        on:change=move |ev| { let on = event_target_checked(&ev); prefs.update(|p| p.axis_left = on) } />
                    "Price axis left"
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=move || prefs.with(|p| p.show_annotations)
                        on:change=move |ev| { let on = event_target_checked(&ev); prefs.update(|p| p.show_annotations = on) } />
                    "Chart areas"
                </label>
                <label>"Plot config"
                    <ListSelect aria_label="Plot config" choices=Signal::derive(move || choices_of(configs.saved.with(SavedConfigs::names)))
                        value=Signal::derive(move || configs.saved.with(SavedConfigs::selected_name))
                        on_change=Callback::new(move |v| configs.saved.update(|s| s.selected = v)) />
                </label>
                <button type="button" class="button" aria-pressed=move || configs.open.get().to_string() on:click=open_configurator>"Configure plot"</button>
                <details class="chart-settings">
                    <summary>"Chart settings"</summary>
                    <label>"Candles in first view"
                        <input type="number" min="10" max="100000" step="10" aria-label="Candles in first view"
                            prop:value=move || prefs.with(|p| p.default_candles.to_string())
                            on:change=move |ev| {
                                if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
                                    prefs.update(|p| p.default_candles = n.clamp(10, 100_000));
                                }
                            } />
                    </label>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || prefs.with(|p| p.inverted_colors)
                            on:change=move |ev| { let on = event_target_checked(&ev); prefs.update(|p| p.inverted_colors = on) } />
                        "Red up, green down"
                    </label>
                </details>
            </div>
            <p class="chart-header muted">
                {header}
                {move || matches!(status.get(), LoadStatus::Loading | LoadStatus::Slow).then(|| view! { <span class="chart-spinner" aria-label="Loading"></span> })}
            </p>
            <div class="chart-body">
                <CandleChart frame=frame spec=shown trades=trades options=options default_candles=default_candles local_time=local_time focus=focus crosshair=crosshair />
                {move || empty().map(|t| view! { <p class="chart-empty" role="status">{t}</p> })}
            </div>
            <When when=move || configs.open.get() && opened_here.get()>
                {plot_configurator(configs, columns)}
            </When>
        </div>
    }
}
