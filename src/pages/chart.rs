//! The Chart page (`/chart`): live candles of a trading bot (`pair_candles`), or history of a
//! `freqtrade webserver` (`pair_history` with strategy, timeframe and timerange). In a build with the `bench`
//! feature, `?bench` opens the chart benchmark instead (no bot needed).
//!
//! This file also holds the state-side chart loaders ([`LiveChartPanel`] for a trading bot's store, and the
//! history loader): they fetch, decode once (`charts::decode`) and hand `<ChartPanel>` signals of decoded data.
//! `LiveChartPanel` is what the Trade page's `.chart-area` card shows.

use crate::api::features::Feature;
use std::sync::Arc;

use leptos::prelude::*;
#[cfg(feature = "bench")]
use leptos_router::hooks::use_query_map;

use crate::api::error::ApiError;
#[cfg(feature = "bench")]
use crate::charts::bench::ChartBench;
use crate::charts::decode::{decode_frame, decode_plot_config, decode_trade};
use crate::charts::model::frame::CandleFrame;
use crate::charts::model::marks::TradeInput;
use crate::charts::model::saved::{ChartPrefs, SavedConfigs};
use crate::charts::panel::{ChartPanel, LoadStatus, PlotConfigs};
use crate::components::deferred::Deferred;
use crate::components::require_bot::RequireBot;
use crate::components::select_options::{choices_of, ListSelect};
use crate::components::when::When;
use crate::runtime::effect;
use crate::runtime::use_view_scope;
use crate::state::bot_store::{use_bot_store, BotStore};
use crate::state::persist::BotId;
use crate::state::reads::HistoryOptions;
use crate::state::registry::use_registry;
use crate::state::settings::{use_dark_theme, use_settings};
use crate::state::storage::{self, Area};
use crate::util::timerange::{dates_of, timerange_of};

/// localStorage keys of the chart preferences and the saved plot configs.
pub const PREFS_KEY: &str = "freqboard.chart.v1";
pub const PLOT_CONFIGS_KEY: &str = "freqboard.plotconfigs.v1";

/// Timeframes offered in the selectors (the bot's own is added when missing).
const TIMEFRAMES: [&str; 12] = [
    "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d",
];
/// Candles asked from a trading bot (at least the first view's count).
const LIVE_LIMIT: usize = 1000;
/// History requests show "taking longer" after this.
const SLOW_AFTER_MS: u64 = 10_000;

#[cfg(feature = "bench")]
#[component]
pub fn ChartPage() -> impl IntoView {
    let query = use_query_map();
    let bench = Memo::new(move |_| query.with(|q| q.get("bench").is_some()));
    move || {
        if bench.get() {
            view! { <ChartBench /> }.into_any()
        } else {
            view! {
                <RequireBot let:id>
                    <ChartHost id=id />
                </RequireBot>
            }
            .into_any()
        }
    }
}

/// The release build: the benchmark and its synthetic workload are left out (issue 10: bytes).
#[cfg(not(feature = "bench"))]
#[component]
pub fn ChartPage() -> impl IntoView {
    view! {
        <RequireBot let:id>
            <ChartHost id=id />
        </RequireBot>
    }
}

/// Reads the bot's run mode once, then shows live or history mode.
#[component]
fn ChartHost(id: BotId) -> impl IntoView {
    let scope = use_view_scope();
    let registry = use_registry();
    // None: not known yet; then the bot's configuration (its kind and API version), or why it is not known.
    // A bot whose store is already open (another page showed it) has its configuration at hand.
    let known =
        BotStore::existing(&id).and_then(|s| s.config.with_untracked(|c| c.clone().map(Ok)));
    let config = RwSignal::new(known);
    if config.with_untracked(Option::is_none) {
        let id = id.clone();
        scope.spawn(async move {
            let answer = registry.read_show_config(&id).await;
            if let Err(ApiError::Aborted) = answer {
                return;
            }
            config.set(Some(answer.map_err(|e| e.to_string())));
        });
    }
    move || match config.get() {
        None => {
            view! { <section class="card"><p class="muted">"Loading..."</p></section> }.into_any()
        }
        Some(Err(e)) => {
            view! { <section class="card" role="alert"><p>{e}</p></section> }.into_any()
        }
        Some(Ok(c)) if c.is_webserver() => {
            let features = (c.has(Feature::HistoryForm), c.has(Feature::HistoryLive));
            view! {
                <section class="card chart-card">
                    <HistoryChartPanel id=id.clone() features=Signal::stored(features) />
                </section>
            }
            .into_any()
        }
        Some(Ok(_)) => {
            let _store = BotStore::provide(id.clone());
            view! { <Deferred><LiveChartGrid /></Deferred> }.into_any()
        }
    }
}

/// What a backtest result fixes of the history chart: its strategy, timeframe, timerange and pairs, its trades
/// as markers, and the pair and time range picked in its trade list.
#[derive(Clone)]
pub struct HistoryPreset {
    pub strategy: String,
    pub timeframe: String,
    pub timerange: String,
    pub pairs: Vec<String>,
    pub trades: Signal<Vec<TradeInput>>,
    pub pair: RwSignal<Option<String>>,
    pub focus: Signal<Option<(i64, i64)>>,
}

/// Chart preferences and saved plot configs, loaded from and saved to localStorage.
fn stored_chart_state() -> (RwSignal<ChartPrefs>, PlotConfigs) {
    let prefs = RwSignal::new(ChartPrefs::decode(
        storage::get(Area::Local, PREFS_KEY).as_deref(),
    ));
    let configs = PlotConfigs::new(SavedConfigs::decode(
        storage::get(Area::Local, PLOT_CONFIGS_KEY).as_deref(),
    ));
    effect(move || {
        let text = prefs.with(ChartPrefs::encode);
        storage::set(Area::Local, PREFS_KEY, &text);
    });
    let saved = configs.saved;
    effect(move || {
        let text = saved.with(SavedConfigs::encode);
        storage::set(Area::Local, PLOT_CONFIGS_KEY, &text);
    });
    (prefs, configs)
}

fn theme_signals() -> (Signal<bool>, Signal<bool>) {
    let settings = use_settings().0;
    let dark = use_dark_theme();
    let local = Signal::derive(move || settings.with(|s| s.timezone == "local"));
    (dark, local)
}

fn timeframe_list(own: Option<String>) -> Vec<String> {
    let mut list: Vec<String> = TIMEFRAMES.iter().map(|s| s.to_string()).collect();
    if let Some(tf) = own.filter(|t| !t.is_empty() && !list.contains(t)) {
        list.insert(0, tf);
    }
    list
}

/// What the cells of a live chart share: preferences, plot configs (the strategy's is read once), theme.
#[derive(Clone, Copy)]
struct LiveShared {
    prefs: RwSignal<ChartPrefs>,
    configs: PlotConfigs,
    /// The strategy's plot config has been read (or failed): candles are asked with its columns after that.
    config_known: RwSignal<bool>,
    dark: Signal<bool>,
    local_time: Signal<bool>,
}

impl LiveShared {
    fn new(store: BotStore) -> Self {
        let scope = use_view_scope();
        let (prefs, configs) = stored_chart_state();
        let (dark, local_time) = theme_signals();
        let config_known = RwSignal::new(false);
        scope.spawn(async move {
            if let Ok(p) = store.read_plot_config(None).await {
                configs.strategy.set(decode_plot_config(&p));
            }
            config_known.set(true);
        });
        LiveShared {
            prefs,
            configs,
            config_known,
            dark,
            local_time,
        }
    }
}

/// The live chart of the bot store in context (the Trade page's chart card): one chart following the store's
/// selected pair.
#[component]
pub fn LiveChartPanel() -> impl IntoView {
    let store = use_bot_store();
    let shared = LiveShared::new(store);
    view! { <LiveChartCell shared=shared pair=store.selected_pair /> }
}

/// localStorage key of the Chart page's layout (how many charts).
const GRID_KEY: &str = "freqboard.chartgrid.v1";
/// The layouts offered: one chart, two side by side, four in a square.
const GRID_SIZES: [usize; 3] = [1, 2, 4];

/// `/chart` of a trading bot: one chart, or a grid of two or four, each with its own pair and timeframe and a
/// shared crosshair time. The first follows the bot's selected pair (the pair list), the others start on the
/// whitelist's next pairs.
#[component]
fn LiveChartGrid() -> impl IntoView {
    let store = use_bot_store();
    let shared = LiveShared::new(store);
    let size = RwSignal::new(
        storage::get(Area::Local, GRID_KEY)
            .and_then(|t| t.trim().parse::<usize>().ok())
            .filter(|n| GRID_SIZES.contains(n))
            .unwrap_or(1),
    );
    effect(move || {
        storage::set(Area::Local, GRID_KEY, &size.get().to_string());
    });
    // Made once, so a cell keeps its pair when the layout changes.
    let mut pairs = vec![store.selected_pair];
    pairs.extend((1..4).map(|_| RwSignal::new(None::<String>)));
    let crosshair = RwSignal::new(None::<i64>);
    let cells = move || {
        let n = size.get();
        pairs
            .iter()
            .take(n)
            .enumerate()
            .map(|(k, pair)| {
                let pair = *pair;
                let linked = (n > 1).then_some(crosshair);
                view! {
                    <section class="card chart-card" data-cell=k.to_string()>
                        <LiveChartCell shared=shared pair=pair crosshair=linked nth_pair=k />
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <div class="chart-layout" role="group" aria-label="Charts">
            <span class="muted">"Charts"</span>
            <span class="segmented">
                {GRID_SIZES
                    .into_iter()
                    .map(|n| {
                        view! {
                            <button type="button" class="button" class:active=move || size.get() == n
                                aria-pressed=move || (size.get() == n).to_string()
                                on:click=move |_| size.set(n)>{n.to_string()}</button>
                        }
                    })
                    .collect_view()}
            </span>
        </div>
        <div class="chart-grid" data-charts=move || size.get().to_string()>{cells}</div>
    }
}

/// One live chart: its own pair and timeframe, reloaded on the bot's `new_candle` events for what it shows.
#[component]
fn LiveChartCell(
    shared: LiveShared,
    pair: RwSignal<Option<String>>,
    /// A grid's shared crosshair time.
    #[prop(optional_no_strip)]
    crosshair: Option<RwSignal<Option<i64>>>,
    /// Which whitelist pair the cell starts on (0: the first).
    #[prop(optional)]
    nth_pair: usize,
) -> impl IntoView {
    let scope = use_view_scope();
    let store = use_bot_store();
    let LiveShared {
        prefs,
        configs,
        config_known,
        dark,
        local_time,
    } = shared;
    let frame = RwSignal::new(None::<Arc<CandleFrame>>);
    let status = RwSignal::new(LoadStatus::Idle);
    let timeframe = RwSignal::new(None::<String>);
    let seq = StoredValue::new(0u64);

    let pairs = store.pairs;
    // Follow the bot: its timeframe, and a whitelist pair until the user picks one.
    effect(move || {
        let own = store
            .config
            .with(|c| c.as_ref().and_then(|c| c.timeframe.clone()));
        if timeframe.get_untracked().is_none() {
            if let Some(tf) = own {
                timeframe.set(Some(tf));
            }
        }
    });
    effect(move || {
        // The whitelist's pair once it is known (not whichever open trade's pair loaded first).
        let first = store.whitelist.with(|w| {
            w.as_ref().map(|w| {
                w.whitelist
                    .get(nth_pair)
                    .or_else(|| w.whitelist.first())
                    .cloned()
                    .or_else(|| pairs.with(|p| p.first().cloned()))
            })
        });
        if pair.get_untracked().is_none() {
            if let Some(p) = first.flatten() {
                pair.set(Some(p));
            }
        }
    });
    let timeframes = Signal::derive(move || {
        timeframe_list(
            store
                .config
                .with(|c| c.as_ref().and_then(|c| c.timeframe.clone())),
        )
    });

    let columns = Memo::new(move |_| configs.shown.with(|s| s.columns_needed()));
    let reduced = Memo::new(move |_| {
        store
            .config
            .with(|c| c.as_ref().is_some_and(|c| c.has(Feature::CandleColumns)))
    });
    let load = move || {
        let (Some(p), Some(tf), true) = (
            pair.get_untracked(),
            timeframe.get_untracked(),
            config_known.get_untracked(),
        ) else {
            return;
        };
        let cols = columns.get_untracked();
        let limit = Some(prefs.with_untracked(|p| p.default_candles).max(LIVE_LIMIT) as u32);
        let reduced = reduced.get_untracked();
        let n = seq.get_value() + 1;
        seq.set_value(n);
        status.set(LoadStatus::Loading);
        scope.spawn(async move {
            let answer = store
                .read_candles(&p, &tf, limit, reduced.then_some(cols.as_slice()))
                .await;
            if seq.get_value() != n {
                return;
            }
            match answer {
                Ok(h) => {
                    frame.set(Some(Arc::new(decode_frame(&h))));
                    status.set(LoadStatus::Loaded);
                }
                Err(ApiError::Aborted) => {}
                Err(e) => status.set(LoadStatus::Failed(e.to_string())),
            }
        });
    };
    // A new series clears the chart; the column list (plot config) or the API level reloads it.
    Effect::new(move |prev: Option<(Option<String>, Option<String>)>| {
        let key = (pair.get(), timeframe.get());
        columns.track();
        reduced.track();
        config_known.track();
        if prev.as_ref().is_some_and(|p| *p != key) {
            frame.set(None);
        }
        load();
        key
    });
    effect(move || {
        if let Some((p, tf, _)) = store.new_candle.get() {
            let shown = (pair.get_untracked(), timeframe.get_untracked());
            if shown == (Some(p), Some(tf)) {
                load();
            }
        }
    });

    let trades = Memo::new(move |_| {
        let Some(p) = pair.get() else {
            return Vec::<TradeInput>::new();
        };
        let mut out: Vec<TradeInput> = Vec::new();
        for list in [store.open_trades, store.closed_trades] {
            list.with(|l| out.extend(l.iter().flatten().filter(|t| t.pair == p).map(decode_trade)));
        }
        out
    });

    view! {
        <ChartPanel
            frame=frame
            status=status
            trades=trades
            pairs=pairs
            pair=pair
            timeframes=timeframes
            timeframe=timeframe
            configs=configs
            prefs=prefs
            dark=dark
            local_time=local_time
            crosshair=crosshair
            on_refresh=Callback::new(move |_| load())
        />
    }
}

/// `YYYYMMDD-` of `days` ago (the default history timerange).
fn timerange_since_days(days: f64) -> String {
    let ms = js_sys::Date::now() - days * 86_400_000.0;
    let text = crate::util::format::format_ts(ms as i64, 0);
    format!("{}-", text.get(0..10).unwrap_or("").replace('-', ""))
}

/// The history chart of a `freqtrade webserver`: strategy, timeframe, timerange and a pair with data.
#[component]
pub fn HistoryChartPanel(
    id: BotId,
    /// A backtest result's strategy, timeframe, range, pairs and trades (the Backtest page's chart).
    #[prop(optional)]
    preset: Option<HistoryPreset>,
    /// What the webserver's API allows: the form with options (FreqAI model, exchange), live candles.
    #[prop(optional, into)]
    features: Signal<(bool, bool)>,
) -> impl IntoView {
    let scope = use_view_scope();
    let registry = use_registry();
    let (prefs, configs) = stored_chart_state();
    let (dark, local_time) = theme_signals();
    let id = StoredValue::new(id);
    let frame = RwSignal::new(None::<Arc<CandleFrame>>);
    let status = RwSignal::new(LoadStatus::Idle);
    let strategies = RwSignal::new(Vec::<String>::new());
    let strategy = RwSignal::new(preset.as_ref().map(|p| p.strategy.clone()));
    let timeframe = RwSignal::new(Some(
        preset
            .as_ref()
            .map_or_else(|| "5m".to_string(), |p| p.timeframe.clone()),
    ));
    let timerange = RwSignal::new(
        preset
            .as_ref()
            .map_or_else(|| timerange_since_days(2.0), |p| p.timerange.clone()),
    );
    let pairs = RwSignal::new(preset.as_ref().map(|p| p.pairs.clone()).unwrap_or_default());
    let pair = preset
        .as_ref()
        .map_or_else(|| RwSignal::new(None::<String>), |p| p.pair);
    if pair.get_untracked().is_none() {
        pair.set(pairs.get_untracked().first().cloned());
    }
    let trades = preset
        .as_ref()
        .map_or_else(|| Signal::derive(Vec::new), |p| p.trades);
    let focus = preset.as_ref().map(|p| p.focus).unwrap_or_default();
    let fixed_pairs = preset.is_some();
    let seq = StoredValue::new(0u64);
    let options = RwSignal::new(HistoryOptions::default());

    scope.spawn(async move {
        if let Ok(list) = registry.read_strategies(&id.get_value()).await {
            if strategy.get_untracked().is_none() {
                strategy.set(list.strategies.first().cloned());
            }
            strategies.set(list.strategies);
        }
    });
    // Pairs with data for the timeframe (a backtest result brings its own).
    effect(move || {
        let tf = timeframe.get();
        if fixed_pairs {
            return;
        }
        scope.spawn(async move {
            if let Ok(answer) = registry
                .read_available_pairs(&id.get_value(), tf.as_deref())
                .await
            {
                let list = answer.pairs;
                if pair.get_untracked().is_none_or(|p| !list.contains(&p)) {
                    pair.set(list.first().cloned());
                }
                pairs.set(list);
            }
        });
    });
    // The strategy's plot config.
    effect(move || {
        let Some(s) = strategy.get() else { return };
        scope.spawn(async move {
            if let Ok(p) = registry.read_plot_config(&id.get_value(), Some(&s)).await {
                configs.strategy.set(decode_plot_config(&p));
            }
        });
    });
    let load = move || {
        let (Some(p), Some(tf), Some(s)) = (
            pair.get_untracked(),
            timeframe.get_untracked(),
            strategy.get_untracked(),
        ) else {
            return;
        };
        let range = timerange.get_untracked();
        let opts = options.get_untracked();
        let n = seq.get_value() + 1;
        seq.set_value(n);
        status.set(LoadStatus::Loading);
        scope.timeout(std::time::Duration::from_millis(SLOW_AFTER_MS), move || {
            if seq.get_value() == n && status.get_untracked() == LoadStatus::Loading {
                status.set(LoadStatus::Slow);
            }
        });
        scope.spawn(async move {
            let answer = registry
                .read_pair_history(&id.get_value(), &p, &tf, &range, &s, &opts)
                .await;
            if seq.get_value() != n {
                return;
            }
            match answer {
                Ok(h) => {
                    frame.set(Some(Arc::new(decode_frame(&h))));
                    status.set(LoadStatus::Loaded);
                }
                Err(ApiError::Aborted) => {}
                Err(e) => status.set(LoadStatus::Failed(e.to_string())),
            }
        });
    };
    Effect::new(
        move |prev: Option<(Option<String>, Option<String>, Option<String>)>| {
            let key = (pair.get(), timeframe.get(), strategy.get());
            if prev.as_ref().is_some_and(|p| *p != key) {
                frame.set(None);
            }
            load();
            key
        },
    );

    view! {
        <ChartPanel
            frame=frame
            status=status
            trades=trades
            focus=focus
            pairs=pairs
            pair=pair
            timeframes=Signal::derive(move || timeframe_list(None))
            timeframe=timeframe
            configs=configs
            prefs=prefs
            dark=dark
            local_time=local_time
            on_refresh=Callback::new(move |_| load())
        >
            <label>"Strategy"
                <ListSelect aria_label="Strategy" choices=Signal::derive(move || choices_of(strategies.get()))
                    value=Signal::derive(move || strategy.get().unwrap_or_default())
                    on_change=Callback::new(move |v| strategy.set(Some(v))) />
            </label>
            <label>"From"
                <input type="date" aria-label="From" prop:value=move || dates_of(&timerange.get()).0
                    on:change=move |ev| {
                        let to = dates_of(&timerange.get_untracked()).1;
                        timerange.set(timerange_of(&event_target_value(&ev), &to));
                        load();
                    } />
            </label>
            <label>"To"
                <input type="date" aria-label="To" prop:value=move || dates_of(&timerange.get()).1
                    on:change=move |ev| {
                        let from = dates_of(&timerange.get_untracked()).0;
                        timerange.set(timerange_of(&from, &event_target_value(&ev)));
                        load();
                    } />
            </label>
            <details class="history-options">
                <summary>"Data options"</summary>
                <label>"Timerange"
                    <input type="text" aria-label="Timerange" placeholder="20261101-" prop:value=move || timerange.get()
                        on:change=move |ev| { timerange.set(event_target_value(&ev)); load(); } />
                </label>
                <When when=move || features.get().1>
                    <label class="check">
                        <input type="checkbox" aria-label="Live data" prop:checked=move || options.with(|o| o.live)
                            on:change=move |ev| { let on = event_target_checked(&ev); options.update(|o| o.live = on); load(); } />
                        "Live data (from the exchange, not the downloaded files)"
                    </label>
                </When>
                <When when=move || features.get().0>
                    <label>"Exchange"
                        <input type="text" aria-label="Exchange" placeholder="the configured one" prop:value=move || options.with(|o| o.exchange.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); options.update(|o| o.exchange = v); load(); } />
                    </label>
                    <label>"FreqAI model"
                        <input type="text" aria-label="FreqAI model" placeholder="the configured one" prop:value=move || options.with(|o| o.freqaimodel.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); options.update(|o| o.freqaimodel = v); load(); } />
                    </label>
                </When>
            </details>
        </ChartPanel>
    }
}
