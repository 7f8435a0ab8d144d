//! The bot process: freqtrade version, API version and run mode; CPU and RAM use of its machine; and whether its
//! main loop still runs (health), refreshed every few seconds while shown. (The Trade page puts `EdgePanel`
//! below it.)

use crate::util::format::number;
use std::time::Duration;

use leptos::prelude::*;

use super::common::{resource_view, run_while, time_text};
use crate::api::wire::{Health, SysInfo, TraderState};
use crate::runtime::Load;
use crate::state::bot_store::use_bot_store;
use crate::state::settings::use_settings;
use crate::util::format::ago;

/// How often health and system load are re-read while the panel is shown.
const REFRESH_EVERY: Duration = Duration::from_secs(10);
/// How often the "… ago" text moves on.
const CLOCK_EVERY: Duration = Duration::from_secs(1);
/// Without a known loop interval, a loop older than this is late.
const FALLBACK_STALE_SECS: f64 = 120.0;

/// Seconds after which the bot's last loop counts as late: three loop intervals (`internals.
/// process_throttle_secs`) but at most two minutes when the interval is known, two minutes when it is not (the
/// REST API does not publish it).
pub fn stale_after_secs(throttle_secs: Option<f64>) -> f64 {
    match throttle_secs {
        Some(t) if t.is_finite() && t > 0.0 => (3.0 * t).min(FALLBACK_STALE_SECS),
        _ => FALLBACK_STALE_SECS,
    }
}

/// Whether a loop that ended at `last_secs` (Unix seconds) is late at `now_ms`.
pub fn is_stale(last_secs: i64, now_ms: f64, throttle_secs: Option<f64>) -> bool {
    let age = now_ms / 1_000.0 - last_secs as f64;
    age > stale_after_secs(throttle_secs)
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[component]
pub fn SystemPanel() -> impl IntoView {
    let store = use_bot_store();
    let version = Load::new(move || {
        store.revision.track();
        async move { store.read_version().await }
    });
    let health = Load::new(move || async move { store.read_health().await });
    let sysinfo = Load::new(move || async move { store.read_sysinfo().await });
    let now = RwSignal::new(now_ms());
    run_while(Signal::stored(true), REFRESH_EVERY, move || {
        health.refetch();
        sysinfo.refetch();
    });
    run_while(Signal::stored(true), CLOCK_EVERY, move || now.set(now_ms()));
    let config = store.config;

    view! {
        <div class="panel panel-system">
            <section aria-label="Version">
                <div class="panel-head">
                    <h2>"Version"</h2>
                </div>
                {resource_view(version, "Loading the version…", move |v| {
                    let (api, mode) = config.with(|c| {
                        c.as_ref()
                            .map(|c| (number(Some(c.api_version()), 2), c.runmode.as_str().replace('_', " ")))
                            .unwrap_or_else(|| ("–".to_string(), "–".to_string()))
                    });
                    view! {
                        <dl class="kv compact">
                            <div>
                                <dt>"freqtrade"</dt>
                                <dd class="bot-version">{v.version}</dd>
                            </div>
                            <div>
                                <dt>"API version"</dt>
                                <dd>{api}</dd>
                            </div>
                            <div>
                                <dt>"Run mode"</dt>
                                <dd>{mode}</dd>
                            </div>
                        </dl>
                    }
                })}
            </section>
            <section aria-label="Health">
                <div class="panel-head">
                    <h2>"Health"</h2>
                </div>
                {resource_view(health, "Loading health…", move |h| view! { <HealthView health=h now=now /> })}
            </section>
            <section aria-label="System load">
                <div class="panel-head">
                    <h2>"System load"</h2>
                </div>
                {resource_view(sysinfo, "Loading system load…", |s| view! { <SysInfoView info=s /> })}
            </section>
        </div>
    }
}

#[component]
fn HealthView(health: Health, now: RwSignal<f64>) -> impl IntoView {
    let store = use_bot_store();
    let settings = use_settings().0;
    let stopped = Signal::derive(move || {
        store
            .config
            .with(|c| c.as_ref().is_some_and(|c| c.state == TraderState::Stopped))
    });
    let last = health.last_process_ts;
    let started = health.bot_start_ts;
    let startup = health.bot_startup_ts;
    let last_line = move || match last {
        None => view! { <p class="muted">"The bot has not completed a loop yet."</p> }.into_any(),
        Some(secs) => {
            let when = time_text(&settings.get(), Some(secs * 1_000));
            let age = ago(secs * 1_000, now.get() as i64);
            let stale = is_stale(secs, now.get(), None);
            let note = match (stale, stopped.get()) {
                (false, _) => None,
                (true, true) => Some(format!("The trader is stopped: its last loop ran {age}.")),
                (true, false) => Some(format!(
                    "No loop for {}: the bot may be stuck or overloaded.",
                    age.trim_end_matches(" ago")
                )),
            };
            view! {
                <p class="last-loop" class:stale=stale class:warning-text=stale>
                    {format!("Last loop: {when} ({age})")}
                </p>
                {note.map(|n| view! { <p class="warning-text health-warning" role="alert">{n}</p> })}
            }
            .into_any()
        }
    };
    view! {
        {last_line}
        <dl class="kv compact">
            <div>
                <dt>"Trader started"</dt>
                <dd>{move || time_text(&settings.get(), started.map(|s| s * 1_000))}</dd>
            </div>
            <div>
                <dt>"Process started"</dt>
                <dd>{move || time_text(&settings.get(), startup.map(|s| s * 1_000))}</dd>
            </div>
        </dl>
    }
}

#[component]
fn SysInfoView(info: SysInfo) -> impl IntoView {
    // `cpu_load` (per core) replaced the deprecated `cpu_pct` list.
    let cores: Vec<(i64, Option<f64>)> = if info.cpu_load.is_empty() {
        info.cpu_pct
            .iter()
            .enumerate()
            .map(|(i, p)| (i as i64, Some(*p)))
            .collect()
    } else {
        info.cpu_load.iter().map(|c| (c.cpu, c.pct)).collect()
    };
    let pct = |v: Option<f64>| {
        v.map(|v| format!("{} %", number(Some(v), 1)))
            .unwrap_or_else(|| "–".to_string())
    };
    let load = &info.cpu_load_avg;
    let load_text = format!(
        "{} / {} / {}",
        number(load.one_minute, 2),
        number(load.five_minutes, 2),
        number(load.fifteen_minutes, 2)
    );
    view! {
        <dl class="kv compact sysinfo">
            <div>
                <dt>"CPU (average)"</dt>
                <dd class="cpu-avg">{pct(info.cpu_avg)}</dd>
            </div>
            <div>
                <dt>"RAM"</dt>
                <dd class="ram">{pct(info.ram_pct)}</dd>
            </div>
            <div>
                <dt>"Load (1 / 5 / 15 min)"</dt>
                <dd>{load_text}</dd>
            </div>
        </dl>
        <ul class="cpu-cores">
            {cores
                .into_iter()
                .map(|(cpu, p)| view! { <li>{format!("CPU {cpu}: {}", pct(p))}</li> })
                .collect_view()}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staleness_threshold() {
        assert_eq!(stale_after_secs(None), 120.0);
        assert_eq!(stale_after_secs(Some(5.0)), 15.0);
        assert_eq!(stale_after_secs(Some(300.0)), 120.0);
        assert_eq!(stale_after_secs(Some(0.0)), 120.0);
        assert_eq!(stale_after_secs(Some(f64::NAN)), 120.0);
    }

    #[test]
    fn stale_loops() {
        let last = 1_795_268_777;
        let now = |secs_later: i64| ((last + secs_later) * 1_000) as f64;
        assert!(!is_stale(last, now(5), None));
        assert!(!is_stale(last, now(120), None));
        assert!(is_stale(last, now(121), None));
        assert!(is_stale(last, now(16), Some(5.0)));
        assert!(!is_stale(last, now(14), Some(5.0)));
        // A bot clock ahead of ours is not late.
        assert!(!is_stale(last, now(-30), None));
    }
}
