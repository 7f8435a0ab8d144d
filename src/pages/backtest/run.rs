//! Run a backtest: the form (validated before anything is sent), and the run's progress with abort and reset.

use leptos::prelude::*;

use crate::api::wire::{BacktestPayload, BacktestStatus, FreqaiInput};
use crate::components::select_options::{choices_of, ListSelect};
use crate::components::when::When;
use crate::runtime::effect;
use crate::state::backtest::Backtests;
use crate::util::calendar::{civil_from_days, compact_date, DAY_MS};
use crate::util::format::percent;

/// Timeframes offered (freqtrade's usual ones); empty: the strategy's own.
const TIMEFRAMES: [&str; 13] = [
    "", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d",
];

/// Presets of the timerange: days back from today, open end.
const PRESETS: [(&str, i64); 4] = [
    ("Last 2 days", 2),
    ("Last week", 7),
    ("Last 30 days", 30),
    ("Last 90 days", 90),
];

/// The form's values as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunForm {
    pub strategy: String,
    pub timeframe: String,
    pub timeframe_detail: String,
    /// `YYYY-MM-DD` (a date input's value) or empty.
    pub from: String,
    pub to: String,
    pub wallet: String,
    pub stake: String,
    pub unlimited_stake: bool,
    pub max_open_trades: String,
    pub protections: bool,
    pub cache: String,
    pub freqaimodel: String,
    pub freqai_identifier: String,
}

/// The date `days` before `now_ms`, as a date input's value.
pub fn days_before(now_ms: f64, days: i64) -> String {
    let today = (now_ms / DAY_MS as f64).floor() as i64;
    let (y, m, d) = civil_from_days(today - days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn positive(text: &str, what: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match crate::util::decimal::parse_decimal(text) {
        Some(v) if v > 0.0 => Ok(Some(v)),
        _ => Err(format!("{what} must be a number above 0.")),
    }
}

impl RunForm {
    /// The request, or what is wrong with the form.
    pub fn payload(&self) -> Result<BacktestPayload, String> {
        if self.strategy.trim().is_empty() {
            return Err("Choose a strategy.".into());
        }
        let from = match self.from.trim() {
            "" => String::new(),
            f => compact_date(f).ok_or("The start date is not a date.")?,
        };
        let to = match self.to.trim() {
            "" => String::new(),
            t => compact_date(t).ok_or("The end date is not a date.")?,
        };
        if !from.is_empty() && !to.is_empty() && from >= to {
            return Err("The start date must be before the end date.".into());
        }
        let timerange = (!from.is_empty() || !to.is_empty()).then(|| format!("{from}-{to}"));
        let wallet = positive(&self.wallet, "The starting capital")?;
        let stake = if self.unlimited_stake {
            Some("unlimited".to_string())
        } else {
            positive(&self.stake, "The stake amount")?.map(|v| v.to_string())
        };
        let max_open_trades = match self.max_open_trades.trim() {
            "" => None,
            t => match t.parse::<i64>() {
                Ok(n) if n == -1 || n > 0 => Some(n),
                _ => {
                    return Err(
                        "Max open trades must be a whole number above 0, or -1 for no limit."
                            .into(),
                    )
                }
            },
        };
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let freqaimodel = opt(&self.freqaimodel);
        let identifier = opt(&self.freqai_identifier);
        if freqaimodel.is_some() && identifier.is_none() {
            return Err("A FreqAI model needs an identifier.".into());
        }
        Ok(BacktestPayload {
            strategy: self.strategy.trim().to_string(),
            timeframe: opt(&self.timeframe),
            timeframe_detail: opt(&self.timeframe_detail),
            timerange,
            max_open_trades,
            stake_amount: stake,
            enable_protections: self.protections,
            dry_run_wallet: wallet,
            backtest_cache: opt(&self.cache),
            freqai: freqaimodel
                .as_ref()
                .and(identifier.map(|identifier| FreqaiInput { identifier })),
            freqaimodel,
        })
    }
}

#[component]
pub fn RunPanel(bt: Backtests) -> impl IntoView {
    let form = RwSignal::new(RunForm {
        from: days_before(js_sys::Date::now(), 7),
        wallet: "1000".into(),
        unlimited_stake: true,
        max_open_trades: "3".into(),
        ..Default::default()
    });
    let problem = RwSignal::new(None::<String>);
    // The first strategy once the list is known.
    effect(move || {
        let first = bt
            .strategies
            .with(|s| s.as_ref().and_then(|s| s.first().cloned()));
        if let Some(first) = first {
            if form.with_untracked(|f| f.strategy.is_empty()) {
                form.update(|f| f.strategy = first);
            }
        }
    });
    let running = Memo::new(move |_| bt.status.with(|s| s.as_ref().is_some_and(|s| s.running)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.with_untracked(RunForm::payload) {
            Ok(payload) => {
                problem.set(None);
                bt.start(payload);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    // A text or number input bound to one field of the form.
    let input = move |name: &'static str,
                      kind: &'static str,
                      get: fn(&RunForm) -> &String,
                      set: fn(&mut RunForm, String)| {
        view! {
            <input
                type=kind
                name=name
                step=(kind == "number").then_some("any")
                prop:value=move || form.with(|f| get(f).clone())
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
            />
        }
    };
    let check =
        move |name: &'static str, get: fn(&RunForm) -> bool, set: fn(&mut RunForm, bool)| {
            view! {
                <input
                    type="checkbox"
                    name=name
                    prop:checked=move || form.with(get)
                    on:change=move |ev| form.update(|f| set(f, event_target_checked(&ev)))
                />
            }
        };
    let timeframes = || {
        TIMEFRAMES
            .iter()
            .map(|t| {
                let label = if t.is_empty() {
                    "the strategy's".to_string()
                } else {
                    t.to_string()
                };
                (t.to_string(), label)
            })
            .collect::<Vec<_>>()
    };
    let now = js_sys::Date::now();
    view! {
        <form class="backtest-form card" on:submit=submit novalidate>
            <h2>"Run a backtest"</h2>
            <div class="form-grid">
                <label class="field">
                    <span>"Strategy"</span>
                    <span class="inline">
                        <ListSelect
                            name="strategy"
                            choices=Signal::derive(move || match bt.strategies.get() {
                                // An empty select would look broken: say what is going on instead.
                                None => vec![(String::new(), "Reading the strategy list…".to_string())],
                                Some(l) if l.is_empty() => vec![(String::new(), "No strategy in the bot's strategy folder".to_string())],
                                Some(l) => choices_of(l),
                            })
                            value=Signal::derive(move || form.with(|f| f.strategy.clone()))
                            on_change=Callback::new(move |v| form.update(|f| f.strategy = v))
                        />
                        <button type="button" title="Read the strategy list again" on:click=move |_| bt.load_strategies()>
                            "Refresh"
                        </button>
                    </span>
                </label>
                <label class="field">
                    <span>"Timeframe"</span>
                    <ListSelect
                        name="timeframe"
                        choices=Signal::derive(timeframes)
                        value=Signal::derive(move || form.with(|f| f.timeframe.clone()))
                        on_change=Callback::new(move |v| form.update(|f| f.timeframe = v))
                    />
                </label>
                <label class="field">
                    <span>"Detail timeframe"</span>
                    <ListSelect
                        name="timeframe_detail"
                        choices=Signal::derive(move || {
                            let mut list = timeframes();
                            if let Some(first) = list.first_mut() {
                                first.1 = "none".into();
                            }
                            list
                        })
                        value=Signal::derive(move || form.with(|f| f.timeframe_detail.clone()))
                        on_change=Callback::new(move |v| form.update(|f| f.timeframe_detail = v))
                    />
                </label>
                <label class="field">
                    <span>"From"</span>
                    {input("from", "date", |f| &f.from, |f, v| f.from = v)}
                </label>
                <label class="field">
                    <span>"To (empty: up to the newest data)"</span>
                    {input("to", "date", |f| &f.to, |f, v| f.to = v)}
                </label>
                <div class="field presets">
                    <span>"Timerange presets"</span>
                    <span class="inline">
                        {PRESETS
                            .iter()
                            .map(|&(label, days)| {
                                view! {
                                    <button
                                        type="button"
                                        on:click=move |_| {
                                            form.update(|f| {
                                                f.from = days_before(now, days);
                                                f.to.clear();
                                            })
                                        }
                                    >
                                        {label}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </span>
                </div>
                <label class="field">
                    <span>"Starting capital"</span>
                    {input("dry_run_wallet", "number", |f| &f.wallet, |f, v| f.wallet = v)}
                </label>
                <label class="field">
                    <span>"Stake amount"</span>
                    <span class="inline">
                        <When when=move || !form.with(|f| f.unlimited_stake)>
                            {input("stake_amount", "number", |f| &f.stake, |f, v| f.stake = v)}
                        </When>
                        <label class="check">
                            {check("unlimited_stake", |f| f.unlimited_stake, |f, v| f.unlimited_stake = v)}
                            "unlimited"
                        </label>
                    </span>
                </label>
                <label class="field">
                    <span>"Max open trades (-1: no limit)"</span>
                    {input("max_open_trades", "number", |f| &f.max_open_trades, |f, v| f.max_open_trades = v)}
                </label>
                <label class="field check">
                    {check("enable_protections", |f| f.protections, |f, v| f.protections = v)}
                    <span>"Enable protections"</span>
                </label>
                <label class="field">
                    <span>"Reuse a cached result"</span>
                    <ListSelect
                        name="backtest_cache"
                        choices=Signal::derive(|| {
                            [("", "the bot's setting"), ("none", "never"), ("day", "up to a day old"), ("week", "up to a week old"), ("month", "up to a month old")]
                                .iter()
                                .map(|(v, l)| (v.to_string(), l.to_string()))
                                .collect::<Vec<_>>()
                        })
                        value=Signal::derive(move || form.with(|f| f.cache.clone()))
                        on_change=Callback::new(move |v| form.update(|f| f.cache = v))
                    />
                </label>
                <When when=move || bt.freqai_models.with(|m| !m.is_empty())>
                    <label class="field">
                        <span>"FreqAI model"</span>
                        <ListSelect
                            name="freqaimodel"
                            choices=Signal::derive(move || {
                                let mut list = vec![(String::new(), "none".to_string())];
                                list.extend(choices_of(bt.freqai_models.get()));
                                list
                            })
                            value=Signal::derive(move || form.with(|f| f.freqaimodel.clone()))
                            on_change=Callback::new(move |v| form.update(|f| f.freqaimodel = v))
                        />
                    </label>
                    <label class="field">
                        <span>"FreqAI identifier"</span>
                        {input("freqai_identifier", "text", |f| &f.freqai_identifier, |f, v| f.freqai_identifier = v)}
                    </label>
                </When>
            </div>
            {move || problem.get().map(|p| view! { <p class="error-text" role="alert">{p}</p> })}
            <div class="actions">
                <When
                    when=move || running.get()
                    fallback=move || view! {
                        <button type="submit" class="primary" disabled=move || bt.busy.get()>"Start backtest"</button>
                    }
                >
                    <p class="warning-text">"A backtest is running on this bot: only one runs at a time."</p>
                </When>
            </div>
        </form>
        <RunProgress bt=bt />
    }
}

/// The bot's backtest state: step and progress while it runs (with Abort), the last outcome after (with Reset).
/// Its elements stay while it runs (only their texts and values follow the polls), so Abort can be clicked.
#[component]
fn RunProgress(bt: Backtests) -> impl IntoView {
    let status = bt.status;
    let field = move |f: fn(&BacktestStatus) -> String| {
        move || status.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    let running = Signal::derive(move || status.with(|s| s.as_ref().is_some_and(|s| s.running)));
    // freqtrade clears the abort flag once its data is loaded (and has no backtest object before): an abort
    // counts from the analysis on.
    let abortable = Signal::derive(move || {
        status.with(|s| {
            s.as_ref().is_some_and(|s| {
                s.running && matches!(s.step.as_str(), "analyze" | "convert" | "backtest")
            })
        })
    });
    let ended = Signal::derive(move || {
        status.with(|s| {
            s.as_ref()
                .is_some_and(|s| !s.running && s.status == "ended")
        })
    });
    let progress = move || {
        status.with(|s| {
            s.as_ref()
                .map(|s| s.progress.clamp(0.0, 1.0))
                .unwrap_or_default()
        })
    };
    let step = field(|s| {
        let step = if s.step.is_empty() {
            s.status.clone()
        } else {
            s.step.replace('_', " ")
        };
        let trades = s
            .trade_count
            .map(|n| format!(", {n:.0} trades so far"))
            .unwrap_or_default();
        format!(
            "Step: {step} — {}{trades}",
            percent(Some(s.progress.clamp(0.0, 1.0)), 0)
        )
    });
    view! {
        <When when=move || status.with(Option::is_some)>
            <section class="card backtest-status" data-status=field(|s| s.status.clone()) aria-live="polite">
                <p class="status-msg">{field(|s| s.status_msg.clone())}</p>
                <When when=running>
                    <p class="step">{step}</p>
                    <progress max="1" value=move || progress().to_string() aria-label="Backtest progress"></progress>
                </When>
                <div class="actions">
                    <When when=running>
                        <button
                            class="danger"
                            title="freqtrade can stop a backtest once its data is loaded"
                            disabled=move || bt.busy.get() || !abortable.get()
                            on:click=move |_| bt.abort()
                        >
                            "Abort"
                        </button>
                    </When>
                    <When when=ended>
                        <button
                            title="Forget the bot's last result (stored results stay)"
                            disabled=move || bt.busy.get()
                            on:click=move |_| bt.reset()
                        >
                            "Reset"
                        </button>
                    </When>
                </div>
            </section>
        </When>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RunForm {
        RunForm {
            strategy: "SampleStrategy".into(),
            timeframe: "5m".into(),
            from: "2026-11-26".into(),
            to: "2026-11-28".into(),
            wallet: "1000".into(),
            unlimited_stake: true,
            max_open_trades: "3".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_form_makes_the_request() {
        let p = form().payload().unwrap_or_default();
        assert_eq!(
            serde_json::to_value(&p).unwrap_or_default(),
            serde_json::json!({
                "strategy": "SampleStrategy", "timeframe": "5m", "timerange": "20261126-20261128",
                "max_open_trades": 3, "stake_amount": "unlimited", "enable_protections": false,
                "dry_run_wallet": 1000.0
            })
        );
        let open_end = RunForm {
            to: String::new(),
            stake: "50".into(),
            unlimited_stake: false,
            ..form()
        };
        let p = open_end.payload().unwrap_or_default();
        assert_eq!(p.timerange.as_deref(), Some("20261126-"));
        assert_eq!(p.stake_amount.as_deref(), Some("50"));
    }

    #[test]
    fn mistakes_are_named_before_sending() {
        let err = |f: RunForm| f.payload().err().unwrap_or_default();
        assert_eq!(
            err(RunForm {
                strategy: " ".into(),
                ..form()
            }),
            "Choose a strategy."
        );
        assert!(err(RunForm {
            from: "2026-11-28".into(),
            to: "2026-11-26".into(),
            ..form()
        })
        .contains("before"));
        assert!(err(RunForm {
            from: "26.11.2026".into(),
            ..form()
        })
        .contains("start date"));
        assert!(err(RunForm {
            wallet: "-5".into(),
            ..form()
        })
        .contains("starting capital"));
        assert!(err(RunForm {
            unlimited_stake: false,
            stake: "abc".into(),
            ..form()
        })
        .contains("stake amount"));
        assert!(err(RunForm {
            max_open_trades: "0".into(),
            ..form()
        })
        .contains("Max open trades"));
        assert!(err(RunForm {
            freqaimodel: "LightGBMRegressor".into(),
            ..form()
        })
        .contains("identifier"));
        let unlimited_trades = RunForm {
            max_open_trades: "-1".into(),
            ..form()
        };
        assert_eq!(
            unlimited_trades.payload().map(|p| p.max_open_trades),
            Ok(Some(-1))
        );
    }

    #[test]
    fn presets_count_back_from_today() {
        // 2026-11-28 12:00 UTC.
        let now = 1_795_867_200_000.0;
        assert_eq!(days_before(now, 2), "2026-11-26");
        assert_eq!(days_before(now, 30), "2026-10-29");
    }
}
