//! Analysis (issue 13): freqtrade's lookahead-bias and recursive-formula analyses of a strategy, each started
//! as a background job on a `freqtrade webserver` (API >= 2.49), followed inline and in Data's job list, and
//! its finding shown plainly. freqtrade runs one analysis at a time.
//!
//! The forms are plain inputs read once on submit (`FormData`), like Download data.

mod findings;
pub mod form;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::features::Feature;
use crate::components::error_notice::ErrorNotice;
use crate::components::require_bot::RequireBot;
use crate::components::select_options::{choices_of, ListSelect};
use crate::components::when::When;
use crate::pages::data::form::TIMEFRAMES;
use crate::state::jobs::Jobs;
use crate::state::persist::BotId;
use crate::util::format::percent;
use form::{Common, DEFAULT_STARTUP};

#[component]
pub fn AnalysisPage() -> impl IntoView {
    view! {
        <RequireBot webserver=true let:id>
            <Analysis id=id />
        </RequireBot>
    }
}

/// Which analysis a form starts.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Lookahead,
    Recursive,
}

impl Kind {
    fn category(self) -> &'static str {
        match self {
            Kind::Lookahead => "lookahead_analysis",
            Kind::Recursive => "recursive_analysis",
        }
    }
}

#[component]
fn Analysis(id: BotId) -> impl IntoView {
    let jobs = Jobs::of(id);
    jobs.load_strategies();
    let old_api = move || jobs.config.with(Option::is_some) && !jobs.has(Feature::Analysis);
    view! {
        <div class="analysis-page">
            <ErrorNotice error=jobs.error />
            <When when=old_api>
                <p class="hint" role="note">"This bot's API is older than 2.49: it cannot run analyses. Update freqtrade."</p>
            </When>
            <AnalysisCard jobs=jobs kind=Kind::Lookahead />
            <AnalysisCard jobs=jobs kind=Kind::Recursive />
        </div>
    }
}

/// The form's values as the browser holds them.
fn read(form: &web_sys::HtmlFormElement) -> Option<(Common, web_sys::FormData)> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let text = |name: &str| data.get(name).as_string().unwrap_or_default();
    let common = Common {
        strategy: text("strategy"),
        timeframe: text("timeframe"),
        from: text("from"),
        to: text("to"),
    };
    Some((common, data))
}

#[component]
fn AnalysisCard(jobs: Jobs, kind: Kind) -> impl IntoView {
    let form_ref = NodeRef::<html::Form>::new();
    let problem = RwSignal::new(None::<String>);
    let strategy = RwSignal::new(String::new());
    let job = Memo::new(move |_| jobs.latest(kind.category()));
    // One analysis at a time on a bot, of either kind.
    let running = Memo::new(move |_| {
        jobs.list.with(|l| {
            l.as_ref().is_some_and(|l| {
                l.iter().any(|j| {
                    (j.job_category == "lookahead_analysis"
                        || j.job_category == "recursive_analysis")
                        && !j.finished()
                })
            })
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((common, data)) = form_ref
            .get_untracked()
            .and_then(|f| read(f.unchecked_ref()))
        else {
            return;
        };
        let text = |name: &str| data.get(name).as_string().unwrap_or_default();
        let started = match kind {
            Kind::Lookahead => form::lookahead(
                &common,
                &text("minimum"),
                &text("targeted"),
                data.has("limit_orders"),
            )
            .map(|p| jobs.start_lookahead(&p)),
            Kind::Recursive => {
                form::recursive(&common, &text("startup")).map(|p| jobs.start_recursive(&p))
            }
        };
        problem.set(started.err());
    };
    let strategies = Signal::derive(move || match jobs.strategies.get() {
        None => vec![(String::new(), "Reading the strategy list…".to_string())],
        Some(list) if list.is_empty() => {
            vec![(String::new(), "No strategy on this bot".to_string())]
        }
        Some(list) => {
            let mut c = vec![(String::new(), "Pick a strategy".to_string())];
            c.extend(choices_of(list));
            c
        }
    });
    let (title, about) = match kind {
        Kind::Lookahead => (
            "Lookahead analysis",
            "Does the strategy look into the future? freqtrade backtests it, then recomputes each signal with only the data before it; a signal or indicator that changes is biased.",
        ),
        Kind::Recursive => (
            "Recursive analysis",
            "How many startup candles do the indicators need? freqtrade computes them with each startup candle count and compares them with the longest.",
        ),
    };
    let fields = match kind {
        Kind::Lookahead => view! {
            <label class="field"><span>"Minimum trade amount"</span><input type="number" name="minimum" value="10" min="1" /></label>
            <label class="field"><span>"Targeted trade amount"</span><input type="number" name="targeted" value="20" min="1" /></label>
            <label class="check"><input type="checkbox" name="limit_orders" />"Allow limit orders"</label>
        }
        .into_any(),
        Kind::Recursive => view! {
            <label class="field wide"><span>"Startup candle counts (comma separated)"</span><input type="text" name="startup" value=DEFAULT_STARTUP /></label>
        }
        .into_any(),
    };
    let progress = move || {
        job.get().filter(|j| !j.finished()).map(|j| {
            view! {
                <p class="hint job-inline" aria-live="polite">
                    {format!("{} is {}… {}", title, j.status, j.fraction().map(|f| percent(Some(f), 0)).unwrap_or_default())}
                </p>
            }
        })
    };
    view! {
        <section class=format!("card analysis-card {}", kind.category()) aria-label=title>
            <form node_ref=form_ref on:submit=submit novalidate>
                <h2>{title}</h2>
                <p class="muted">{about}</p>
                <div class="form-grid">
                    <label class="field">
                        <span>"Strategy"</span>
                        <ListSelect name="strategy" choices=strategies value=strategy on_change=Callback::new(move |s| strategy.set(s)) />
                    </label>
                    <label class="field">
                        <span>"Timeframe"</span>
                        <select name="timeframe">
                            <option value="">"the strategy's"</option>
                            {TIMEFRAMES.iter().map(|t| view! { <option value=*t>{*t}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="field"><span>"From"</span><input type="date" name="from" /></label>
                    <label class="field"><span>"To (empty: the data's end)"</span><input type="date" name="to" /></label>
                    {fields}
                </div>
                {move || problem.get().map(|p| view! { <p class="error-text" role="alert">{p}</p> })}
                <button type="submit" class="primary" disabled=move || jobs.busy.get() || running.get() || !jobs.has(Feature::Analysis)>
                    {format!("Start {}", title.to_ascii_lowercase())}
                </button>
                <When when=move || running.get() && job.with(|j| j.as_ref().is_none_or(|j| j.finished()))>
                    <span class="muted">" The other analysis is running (one at a time)."</span>
                </When>
            </form>
            {progress}
            <findings::Findings jobs=jobs job=job />
        </section>
    }
}
