//! The running strategy's hyperoptable parameters (`GET /strategy/{name}`, API >= 2.47), grouped by space
//! (buy, sell, protection, …), with their values and ranges, and the strategy's source on demand.

use leptos::prelude::*;

use super::common::{empty_view, resource_view};
use crate::api::features::Feature;
use crate::api::wire::StrategyParameter;
use crate::runtime::Load;
use crate::state::bot_store::use_bot_store;
use crate::util::format::{json_text as value_text, trimmed};

/// The spaces in the order a strategy developer reads them; any other space follows, alphabetically.
const SPACE_ORDER: &[&str] = &[
    "buy",
    "sell",
    "enter",
    "exit",
    "protection",
    "roi",
    "stoploss",
    "trailing",
];

/// The parameters grouped by space, in `SPACE_ORDER`, each group sorted by name.
pub fn by_space(params: &[StrategyParameter]) -> Vec<(String, Vec<StrategyParameter>)> {
    let rank = |space: &str| {
        SPACE_ORDER
            .iter()
            .position(|s| *s == space)
            .unwrap_or(SPACE_ORDER.len())
    };
    let mut sorted: Vec<StrategyParameter> = params.to_vec();
    crate::util::sort::sort_by(&mut sorted, |a, b| {
        (rank(&a.space), &a.space, &a.name).cmp(&(rank(&b.space), &b.space, &b.name))
    });
    let mut groups: Vec<(String, Vec<StrategyParameter>)> = Vec::new();
    for p in sorted {
        match groups.last_mut() {
            Some((space, list)) if *space == p.space => list.push(p),
            _ => groups.push((p.space.clone(), vec![p])),
        }
    }
    groups
}

/// The values the parameter may take: "1 – 50" for numbers (with the decimals of a decimal parameter), the
/// choices of a categorical or boolean one.
pub fn range_text(p: &StrategyParameter) -> String {
    match (&p.opt_range, p.low, p.high) {
        (Some(choices), _, _) if !choices.is_empty() => choices
            .iter()
            .map(value_text)
            .collect::<Vec<_>>()
            .join(", "),
        (_, Some(low), Some(high)) => {
            let decimals = p
                .decimals
                .and_then(|d| usize::try_from(d).ok())
                .unwrap_or(8)
                .min(12);
            format!("{} – {}", trimmed(low, decimals), trimmed(high, decimals))
        }
        _ => "–".to_string(),
    }
}

/// "Int", "Real", "Decimal", "Boolean", "Categorical" from freqtrade's class names.
fn kind_text(param_type: &str) -> &str {
    param_type.strip_suffix("Parameter").unwrap_or(param_type)
}

#[component]
pub fn StrategyPanel() -> impl IntoView {
    let store = use_bot_store();
    let name = Memo::new(move |_| {
        store.config.with(|c| {
            c.as_ref()
                .filter(|c| c.has(Feature::StrategyParams))
                .and_then(|c| c.strategy.clone())
                .filter(|s| !s.is_empty())
        })
    });
    // Read once per strategy: parameters change only when the bot reloads its configuration, and then the
    // strategy name is read again with it.
    let strategy = Load::new(move || {
        let name = name.get();
        async move {
            match name {
                Some(n) => store.read_strategy(&n).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let known = Signal::derive(move || store.config.with(Option::is_some));
    view! {
        <div class="panel panel-strategy">
            <div class="panel-head">
                <h2>"Strategy"</h2>
            </div>
            {move || match (known.get(), name.get()) {
                (false, _) => empty_view("Reading the bot's configuration…"),
                (true, None) => empty_view("This bot does not serve its strategy's parameters (freqtrade API 2.47 or later does)."),
                (true, Some(_)) => resource_view(strategy, "Reading the strategy…", |s| match s {
                    None => empty_view("No strategy"),
                    Some(s) => {
                        let groups = by_space(&s.params);
                        let code = s.code.clone();
                        view! {
                            <p class="strategy-name">
                                <strong>{s.strategy.clone()}</strong>
                                {s.timeframe.clone().map(|t| view! { <span class="muted">{format!(" · timeframe {t}")}</span> })}
                            </p>
                            {if groups.is_empty() {
                                view! { <p class="muted panel-empty">"The strategy has no hyperoptable parameters."</p> }.into_any()
                            } else {
                                view! {
                                    <div class="table-wrap">
                                        <table class="strategy-params">
                                            <thead>
                                                <tr>
                                                    <th>"Parameter"</th>
                                                    <th class="num">"Value"</th>
                                                    <th>"Range"</th>
                                                    <th>"Kind"</th>
                                                    <th>"Hyperopt"</th>
                                                </tr>
                                            </thead>
                                            {groups.into_iter().map(|(space, params)| { let label = space.clone(); view! {
                                                <tbody data-space=space>
                                                    <tr class="group"><th colspan="5" scope="rowgroup">{label}</th></tr>
                                                    {params.into_iter().map(|p| view! {
                                                        <tr>
                                                            <td>{p.name.clone()}</td>
                                                            <td class="num">{value_text(&p.value)}</td>
                                                            <td>{range_text(&p)}</td>
                                                            <td>{kind_text(&p.param_type).to_string()}</td>
                                                            <td>{if p.optimize { "optimized" } else { "fixed" }}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            }}).collect_view()}
                                        </table>
                                    </div>
                                }.into_any()
                            }}
                            {(!code.is_empty()).then(|| view! {
                                <details class="strategy-code">
                                    <summary>"Source"</summary>
                                    <pre>{code}</pre>
                                </details>
                            })}
                        }.into_any()
                    }
                }).into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;
    use crate::api::endpoints;
    use serde_json::json;

    #[test]
    fn sample_strategy_groups_and_ranges() {
        let s = endpoints::strategy("SampleStrategy")
            .decode(include_str!(
                "../../../tests/fixtures/strategy_SampleStrategy.json"
            ))
            .unwrap_or_default();
        let groups = by_space(&s.params);
        let spaces: Vec<&str> = groups.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(spaces, ["buy", "sell", "exit"]);
        let sell: Vec<&str> = groups[1].1.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(sell, ["sell_rsi", "short_rsi"]);
        assert_eq!(value_text(&groups[0].1[0].value), "30");
        assert_eq!(range_text(&groups[0].1[0]), "1 – 50");
        assert_eq!(kind_text(&groups[0].1[0].param_type), "Int");
    }

    #[test]
    fn every_parameter_shape_reads() {
        let decimal = StrategyParameter {
            param_type: "DecimalParameter".into(),
            value: json!(0.05),
            low: Some(0.01),
            high: Some(0.1),
            decimals: Some(3),
            ..StrategyParameter::default()
        };
        assert_eq!(range_text(&decimal), "0.01 – 0.1");
        assert_eq!(value_text(&decimal.value), "0.05");
        let categorical = StrategyParameter {
            value: json!("ema"),
            opt_range: Some(vec![json!("ema"), json!("sma"), json!(3)]),
            ..StrategyParameter::default()
        };
        assert_eq!(range_text(&categorical), "ema, sma, 3");
        assert_eq!(value_text(&json!(true)), "yes");
        assert_eq!(value_text(&json!(null)), "–");
        assert_eq!(value_text(&json!([1, 2])), "[1,2]");
        // A parameter without a range, and spaces beyond the known ones, sort after them.
        assert_eq!(range_text(&StrategyParameter::default()), "–");
        let p = |space: &str| StrategyParameter {
            space: space.into(),
            ..StrategyParameter::default()
        };
        let groups = by_space(&[p("zeta"), p("protection"), p("alpha"), p("buy")]);
        let order: Vec<&str> = groups.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(order, ["buy", "protection", "alpha", "zeta"]);
    }
}
