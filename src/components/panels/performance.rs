//! Closed-trade performance grouped by pair, entry tag, exit reason or entry/exit tag combination, for every
//! pair or one.

use crate::util::format::{money, percent, sign_class};
use leptos::prelude::*;

use crate::components::select_options::{choices_of, ListSelect};

use super::common::{resource_view, stake_currency, stake_decimals};
use crate::api::error::ApiError;
use crate::api::wire::{EntryPerformance, ExitPerformance, MixTagPerformance, PerformanceEntry};
use crate::components::trades::export::{file_name, CsvButton};
use crate::runtime::Load;
use crate::state::bot_store::{use_bot_store, BotStore};
use crate::state::registry::use_registry;
use crate::util::csv::{encode, Field};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grouping {
    Pairs,
    Entries,
    Exits,
    MixTags,
}

impl Grouping {
    const ALL: [Grouping; 4] = [
        Grouping::Pairs,
        Grouping::Entries,
        Grouping::Exits,
        Grouping::MixTags,
    ];

    fn value(self) -> &'static str {
        match self {
            Grouping::Pairs => "pairs",
            Grouping::Entries => "entries",
            Grouping::Exits => "exits",
            Grouping::MixTags => "mix_tags",
        }
    }

    fn parse(value: &str) -> Grouping {
        Grouping::ALL
            .into_iter()
            .find(|g| g.value() == value)
            .unwrap_or(Grouping::Pairs)
    }

    fn label(self) -> &'static str {
        match self {
            Grouping::Pairs => "Pairs",
            Grouping::Entries => "Entry tags",
            Grouping::Exits => "Exit reasons",
            Grouping::MixTags => "Entry + exit tags",
        }
    }

    fn key_header(self) -> &'static str {
        match self {
            Grouping::Pairs => "Pair",
            Grouping::Entries => "Entry tag",
            Grouping::Exits => "Exit reason",
            Grouping::MixTags => "Entry tag + exit reason",
        }
    }
}

/// One line of the table, whatever the grouping.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    key: String,
    count: i64,
    /// Mean profit per trade in percent, as the bot computes it.
    pct: Option<f64>,
    abs: Option<f64>,
}

/// The bot's percent when it sent one, else its ratio in percent.
fn pct_of(pct: Option<f64>, ratio: Option<f64>) -> Option<f64> {
    pct.or(ratio.map(|r| r * 100.0))
}

/// Per-pair rows, limited to `pair` when one is chosen (`/performance` has no pair parameter).
fn pair_rows(entries: Vec<PerformanceEntry>, pair: Option<&str>) -> Vec<Row> {
    entries
        .into_iter()
        .filter(|e| pair.is_none_or(|p| e.pair == p))
        .map(|e| Row {
            pct: pct_of(e.profit_pct, e.profit_ratio),
            abs: e.profit_abs,
            count: e.count,
            key: e.pair,
        })
        .collect()
}

fn entry_row(e: EntryPerformance) -> Row {
    Row {
        pct: pct_of(e.profit_pct, e.profit_ratio),
        abs: e.profit_abs,
        count: e.count,
        key: e.enter_tag,
    }
}

fn exit_row(e: ExitPerformance) -> Row {
    Row {
        pct: pct_of(e.profit_pct, e.profit_ratio),
        abs: e.profit_abs,
        count: e.count,
        key: e.exit_reason,
    }
}

fn mix_row(e: MixTagPerformance) -> Row {
    Row {
        pct: pct_of(e.profit_pct, e.profit_ratio),
        abs: e.profit_abs,
        count: e.count,
        key: e.mix_tag,
    }
}

/// The table as CSV: the grouping's key, trades, average profit in percent and profit in stake currency, as
/// numbers at the bot's precision.
fn performance_csv(rows: &[Row], key_header: &str, currency: &str) -> String {
    let profit = format!("Profit {currency}");
    encode(
        &[key_header, "Trades", "Avg profit %", profit.trim_end()],
        rows.iter().map(|r| {
            vec![
                Field::text(r.key.clone()),
                Field::Integer(r.count),
                Field::Number(r.pct),
                Field::Number(r.abs),
            ]
        }),
    )
}

async fn load(
    store: BotStore,
    grouping: Grouping,
    pair: Option<String>,
) -> Result<Vec<Row>, ApiError> {
    let pair = pair.as_deref();
    match grouping {
        Grouping::Pairs => store.read_performance().await.map(|v| pair_rows(v, pair)),
        Grouping::Entries => store
            .read_entries(pair)
            .await
            .map(|v| v.into_iter().map(entry_row).collect()),
        Grouping::Exits => store
            .read_exits(pair)
            .await
            .map(|v| v.into_iter().map(exit_row).collect()),
        Grouping::MixTags => store
            .read_mix_tags(pair)
            .await
            .map(|v| v.into_iter().map(mix_row).collect()),
    }
}

#[component]
pub fn PerformancePanel() -> impl IntoView {
    let store = use_bot_store();
    let registry = use_registry();
    let grouping = RwSignal::new(Grouping::Pairs);
    // "" is every pair.
    let pair = RwSignal::new(String::new());
    let decimals = stake_decimals(store);
    let currency = stake_currency(store);
    let rows = Load::new(move || {
        store.revision.track();
        let (g, p) = (grouping.get(), pair.get());
        async move { load(store, g, Some(p).filter(|p| !p.is_empty())).await }
    });
    let pairs = Signal::derive(move || {
        store
            .whitelist
            .with(|w| w.as_ref().map(|w| w.whitelist.clone()).unwrap_or_default())
    });

    view! {
        <div class="panel panel-performance">
            <div class="panel-head">
                <h2>"Performance"</h2>
                <div class="panel-controls">
                    <div class="control">
                        <label for="perf-grouping">"Group by"</label>
                        <select
                            id="perf-grouping"
                            prop:value=move || grouping.get().value()
                            on:change=move |ev| grouping.set(Grouping::parse(&event_target_value(&ev)))
                        >
                            {Grouping::ALL
                                .into_iter()
                                .map(|g| view! { <option value=g.value()>{g.label()}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="control">
                        <label for="perf-pair">"Pair"</label>
                        <ListSelect
                            id="perf-pair"
                            choices=Signal::derive(move || {
                                let mut list = vec![(String::new(), "All pairs".to_string())];
                                list.extend(choices_of(pairs.get()));
                                list
                            })
                            value=pair
                            on_change=Callback::new(move |v| pair.set(v))
                        />
                    </div>
                    <button on:click=move |_| rows.refetch()>"Reload"</button>
                </div>
            </div>
            {resource_view(rows, "Loading performance…", move |rows| {
                if rows.is_empty() {
                    return view! { <p class="muted panel-empty">"No closed trades yet."</p> }.into_any();
                }
                let (d, c) = (decimals.get(), currency.get());
                let g = grouping.get_untracked();
                let csv = performance_csv(&rows, g.key_header(), &c);
                let make = Callback::new(move |_| {
                    let bot = registry.entry(&store.id()).map(|e| e.name).unwrap_or_default();
                    let what = format!("performance-{}", g.value().replace('_', "-"));
                    Some((file_name(&bot, &what, js_sys::Date::now() as i64), csv.clone()))
                });
                view! {
                    <div class="table-export"><CsvButton label=Signal::stored("Export as CSV".to_string()) make=make /></div>
                    <div class="table-wrap">
                        <table class="performance">
                            <thead>
                                <tr>
                                    <th>{grouping.get_untracked().key_header()}</th>
                                    <th class="num">"Trades"</th>
                                    <th class="num">"Avg profit %"</th>
                                    <th class="num">{format!("Profit {c}").trim_end().to_string()}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|r| {
                                        let pct = r.pct.map(|p| p / 100.0);
                                        view! {
                                            <tr>
                                                <td class="key">{r.key}</td>
                                                <td class="num">{r.count}</td>
                                                <td class=format!("num {}", sign_class(r.pct))>{percent(pct, 2)}</td>
                                                <td class=format!("num {}", sign_class(r.abs))>{money(r.abs, d, "")}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoints;

    #[test]
    fn groupings_round_trip() {
        for g in Grouping::ALL {
            assert_eq!(Grouping::parse(g.value()), g);
        }
        assert_eq!(Grouping::parse("nonsense"), Grouping::Pairs);
    }

    #[test]
    fn fixture_rows() {
        let perf = endpoints::performance()
            .decode(include_str!("../../../tests/fixtures/performance.json"))
            .unwrap_or_default();
        let all = pair_rows(perf.clone(), None);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].key, "BTC/USDT");
        assert_eq!(all[0].pct, Some(-0.2));
        let eth = pair_rows(perf, Some("ETH/USDT"));
        assert_eq!(eth.len(), 1);
        assert_eq!(eth[0].abs, Some(-0.10018134));

        let mix = endpoints::mix_tags(None)
            .decode(include_str!("../../../tests/fixtures/mix_tags.json"))
            .unwrap_or_default();
        let rows: Vec<Row> = mix.into_iter().map(mix_row).collect();
        assert_eq!(
            rows.first().map(|r| (r.key.as_str(), r.count)),
            Some(("force_entry force_exit", 2))
        );
    }

    #[test]
    fn the_csv_has_the_bots_numbers() {
        let rows = vec![Row {
            key: "BTC/USDT".into(),
            count: 3,
            pct: Some(1.25),
            abs: Some(-0.5),
        }];
        let csv = performance_csv(&rows, "Pair", "USDT");
        assert_eq!(
            csv.strip_prefix(crate::util::csv::BOM),
            Some("Pair,Trades,Avg profit %,Profit USDT\r\nBTC/USDT,3,1.25,-0.5\r\n")
        );
    }

    #[test]
    fn percent_falls_back_to_the_ratio() {
        assert_eq!(pct_of(Some(1.5), Some(0.9)), Some(1.5));
        assert_eq!(pct_of(None, Some(0.015)), Some(1.5));
        assert_eq!(pct_of(None, None), None);
    }
}
