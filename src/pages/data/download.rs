//! Download data: pairs (typed, picked from the exchange's markets, or every pair of a quote currency),
//! timeframes, days or dates, and the options the bot's API version has. The download runs as a job.
//!
//! The form's fields are plain inputs read once on submit (`FormData`), not a signal each: the same checks
//! (`form::DownloadForm::payload`) at a fraction of the code a bound field costs in the bundle.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::form::{
    pairs_quoted_in, parse_pairs, quotes, DownloadForm, Span, CANDLE_TYPES, TIMEFRAMES,
};
use crate::api::features::Feature;
use crate::components::select_options::ListSelect;
use crate::components::when::When;
use crate::runtime::effect;
use crate::state::jobs::Jobs;

/// The form's values as the browser holds them.
fn read_form(form: &web_sys::HtmlFormElement) -> Option<DownloadForm> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let text = |name: &str| data.get(name).as_string().unwrap_or_default();
    let all = |name: &str| {
        data.get_all(name)
            .iter()
            .filter_map(|v| v.as_string())
            .collect::<Vec<_>>()
    };
    let from = text("from");
    Some(DownloadForm {
        pairs: text("pairs"),
        timeframes: all("timeframe"),
        // A start date means dates; without one, the last days.
        span: if from.trim().is_empty() {
            Span::Days
        } else {
            Span::Dates
        },
        days: text("days"),
        from,
        to: text("to"),
        erase: data.has("erase"),
        prepend: data.has("prepend"),
        download_trades: data.has("download_trades"),
        candle_types: all("candle_type"),
        exchange: text("exchange"),
        trading_mode: text("trading_mode"),
        margin_mode: text("margin_mode"),
    })
}

/// Checkboxes named `name`, one per value; `checked` ones ticked.
fn checks(
    name: &'static str,
    values: &'static [&'static str],
    checked: &'static [&'static str],
) -> impl IntoView {
    values
        .iter()
        .map(|&v| {
            view! {
                <label class="check">
                    <input type="checkbox" name=name value=v checked=checked.contains(&v) />
                    {v}
                </label>
            }
        })
        .collect_view()
}

/// A plain input in a labelled field.
fn field(
    label: &'static str,
    name: &'static str,
    kind: &'static str,
    value: &'static str,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type=kind name=name value=value />
        </label>
    }
}

#[component]
pub fn DownloadPanel(jobs: Jobs) -> impl IntoView {
    let form_ref = NodeRef::<html::Form>::new();
    let pairs_ref = NodeRef::<html::Textarea>::new();
    let add_ref = NodeRef::<html::Input>::new();
    let problem = RwSignal::new(None::<String>);
    let quote = RwSignal::new(String::new());
    jobs.load_markets();
    let markets = Signal::derive(move || jobs.markets.get().unwrap_or_default());
    // The stake currency's pairs are the usual template.
    effect(move || {
        let stake = jobs
            .config
            .with(|c| c.as_ref().map(|c| c.stake_currency.clone()));
        if let Some(stake) = stake.filter(|s| !s.is_empty()) {
            if quote.get_untracked().is_empty() {
                quote.set(stake);
            }
        }
    });
    // Adds pairs to the text area, keeping what is there.
    let append = move |pairs: Vec<String>| {
        if let Some(area) = pairs_ref.get_untracked() {
            let mut list = parse_pairs(&area.value());
            for p in pairs {
                if !list.contains(&p) {
                    list.push(p);
                }
            }
            area.set_value(&list.join(" "));
        }
    };
    // Pairs handed over by the pairlist configurator.
    effect(move || {
        if let (Some(pairs), Some(area)) = (jobs.download_pairs.get(), pairs_ref.get()) {
            area.set_value(&pairs.join(" "));
            jobs.download_pairs.set(None);
        }
    });
    let evaluated = Memo::new(move |_| jobs.evaluated_whitelist());
    let running = Memo::new(move |_| {
        jobs.list.with(|l| {
            l.as_ref().is_some_and(|l| {
                l.iter()
                    .any(|j| j.job_category == "download_data" && !j.finished())
            })
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(values) = form_ref
            .get_untracked()
            .and_then(|f| read_form(f.unchecked_ref()))
        else {
            return;
        };
        match values.payload(
            jobs.has(Feature::DownloadCandleTypes),
            jobs.has(Feature::DownloadPrepend),
        ) {
            Ok(payload) => {
                problem.set(None);
                jobs.start_download(payload);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    let mode_choices = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(v, l)| (v.to_string(), l.to_string()))
            .collect()
    };
    view! {
        <form class="card download-form" node_ref=form_ref on:submit=submit novalidate>
            <h2>"Download data"</h2>
            <When when=move || !jobs.config.with(Option::is_none) && !jobs.has(Feature::DownloadData)>
                <p class="hint" role="note">"This bot's API is older than 2.41: it cannot download data. Update freqtrade."</p>
            </When>
            <label class="field wide">
                <span>"Pairs"</span>
                <textarea name="pairs" rows="3" placeholder="BTC/USDT ETH/USDT" node_ref=pairs_ref></textarea>
            </label>
            <div class="pair-tools">
                <input type="text" list="market-pairs" aria-label="Pair to add" placeholder="Add a pair of the exchange" node_ref=add_ref />
                <datalist id="market-pairs">
                    {move || markets.with(|m| m.iter().map(|p| view! { <option value=p.clone()></option> }).collect_view())}
                </datalist>
                <button type="button" on:click=move |_| {
                    if let Some(input) = add_ref.get_untracked() {
                        append(parse_pairs(&input.value()));
                        input.set_value("");
                    }
                }>"Add"</button>
                <ListSelect
                    aria_label="Quote currency"
                    choices=Signal::derive(move || markets.with(|m| quotes(m).into_iter().map(|q| (q.clone(), q)).collect::<Vec<_>>()))
                    value=quote
                    on_change=Callback::new(move |q| quote.set(q))
                />
                <button type="button" on:click=move |_| {
                    let q = quote.get_untracked();
                    append(markets.with_untracked(|m| pairs_quoted_in(m, &q).into_iter().map(str::to_string).collect()));
                }>
                    {move || {
                        let q = quote.get();
                        if jobs.markets.with(Option::is_none) {
                            return "Reading the exchange's pairs…".to_string();
                        }
                        format!("Add all {} {q} pairs", markets.with(|m| pairs_quoted_in(m, &q).len()))
                    }}
                </button>
                {move || evaluated.get().map(|pairs| {
                    let label = format!("Add the {} evaluated pairlist pairs", pairs.len());
                    view! { <button type="button" on:click=move |_| append(pairs.clone())>{label}</button> }
                })}
            </div>
            <fieldset class="field wide">
                <legend>"Timeframes"</legend>
                <span class="inline">{checks("timeframe", &TIMEFRAMES, &["5m"])}</span>
            </fieldset>
            <div class="form-grid">
                {field("Days back (without a start date)", "days", "number", "30")}
                {field("From", "from", "date", "")}
                {field("To (empty: now)", "to", "date", "")}
            </div>
            <details class="advanced">
                <summary>"Advanced"</summary>
                <div class="inline">
                    <label class="check"><input type="checkbox" name="erase" />"Erase the stored data first"</label>
                    <When when=move || jobs.has(Feature::DownloadPrepend)>
                        <label class="check"><input type="checkbox" name="prepend" />"Prepend (only data before what is stored)"</label>
                    </When>
                    <label class="check"><input type="checkbox" name="download_trades" />"Download trades (for orderflow)"</label>
                </div>
                <div class="form-grid">
                    <label class="field">
                        <span>"Exchange"</span>
                        <input
                            type="text"
                            name="exchange"
                            placeholder=move || jobs.config.with(|c| c.as_ref().map(|c| c.exchange.clone()).unwrap_or_default())
                        />
                    </label>
                    <label class="field">
                        <span>"Trading mode"</span>
                        <select name="trading_mode">
                            {mode_choices(&[("", "the bot's"), ("spot", "spot"), ("margin", "margin"), ("futures", "futures")])
                                .into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>"Margin mode"</span>
                        <select name="margin_mode">
                            {mode_choices(&[("", "the bot's"), ("isolated", "isolated"), ("cross", "cross")])
                                .into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                <When when=move || jobs.has(Feature::DownloadCandleTypes)>
                    <fieldset class="field wide">
                        <legend>"Candle types (none: the trading mode's)"</legend>
                        <span class="inline">{checks("candle_type", &CANDLE_TYPES, &[])}</span>
                    </fieldset>
                </When>
            </details>
            {move || problem.get().map(|p| view! { <p class="error-text" role="alert">{p}</p> })}
            <div class="inline">
                <button type="submit" class="primary" disabled=move || jobs.busy.get() || running.get()>
                    "Start download"
                </button>
                <When when=move || running.get()>
                    <span class="muted">"A download is running (one at a time): follow it below."</span>
                </When>
            </div>
        </form>
    }
}
