//! The bot's recent log lines, newest first: time (in the zone chosen in settings), level, logger and message,
//! filtered by minimum level and by text. Reloaded on demand, or every 5 s while auto-refresh is on and the page
//! is visible. Messages are plain text nodes, never HTML.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::wire::{LogEntry, LogLevel};
use crate::components::error_notice::ErrorNotice;
use crate::components::panels::common::{run_while, time_text, zone_label};
use crate::components::require_bot::RequireBot;
use crate::runtime::Load;
use crate::state::persist::BotId;
use crate::state::registry::use_registry;
use crate::state::settings::use_settings;

/// How many lines can be asked for; the bot keeps about a thousand.
/// Line counts offered; `ALL_LINES` asks for every line the bot keeps (no `limit`).
const LINE_CHOICES: [u32; 5] = [100, 200, 500, 1000, ALL_LINES];
const ALL_LINES: u32 = 0;
const DEFAULT_LINES: u32 = 200;
const AUTO_REFRESH_EVERY: Duration = Duration::from_secs(5);

/// The level filter: each option shows its level and the more severe ones.
const LEVEL_CHOICES: [(&str, &str); 5] = [
    ("", "All levels"),
    ("INFO", "Info and above"),
    ("WARNING", "Warnings and above"),
    ("ERROR", "Errors and above"),
    ("CRITICAL", "Critical only"),
];

/// Severity order; unknown levels rank with debug.
fn rank(level: LogLevel) -> u8 {
    match level {
        LogLevel::Debug | LogLevel::Unknown => 0,
        LogLevel::Info => 1,
        LogLevel::Warning => 2,
        LogLevel::Error => 3,
        LogLevel::Critical => 4,
    }
}

/// The lowest rank the level filter lets through (`""` lets everything through).
fn min_rank(choice: &str) -> u8 {
    if choice.is_empty() {
        0
    } else {
        rank(LogLevel::from_wire(choice))
    }
}

/// Whether a line passes the filters: at least `min` severe, and containing `needle` (lower case) in its
/// message or logger name.
fn matches(line: &LogEntry, min: u8, needle: &str) -> bool {
    rank(line.level) >= min
        && (needle.is_empty()
            || line.message.to_ascii_lowercase().contains(needle)
            || line.logger.to_ascii_lowercase().contains(needle))
}

#[component]
pub fn LogsPage() -> impl IntoView {
    view! {
        <RequireBot let:id>
            <BotLogs id=id />
        </RequireBot>
    }
}

#[component]
fn BotLogs(id: BotId) -> impl IntoView {
    let registry = use_registry();
    let settings = use_settings().0;
    let lines = RwSignal::new(DEFAULT_LINES);
    let level = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let auto = RwSignal::new(false);
    let logs = Load::new(move || {
        let id = id.clone();
        let limit = Some(lines.get()).filter(|n| *n != ALL_LINES);
        async move { registry.read_logs(&id, limit).await }
    });
    run_while(auto.into(), AUTO_REFRESH_EVERY, move || logs.refetch());

    view! {
        <section class="card logs-card">
            <div class="card-head">
                <h1>"Logs"</h1>
                <button on:click=move |_| logs.refetch()>"Reload logs"</button>
            </div>
            <div class="log-filters">
                <div class="control">
                    <label for="logs-level">"Level"</label>
                    <select
                        id="logs-level"
                        prop:value=move || level.get()
                        on:change=move |ev| level.set(event_target_value(&ev))
                    >
                        {LEVEL_CHOICES
                            .into_iter()
                            .map(|(value, label)| view! { <option value=value>{label}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="control">
                    <label for="logs-search">"Search"</label>
                    <input
                        id="logs-search"
                        type="search"
                        placeholder="text in message or logger"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                </div>
                <div class="control">
                    <label for="logs-lines">"Lines"</label>
                    <select
                        id="logs-lines"
                        prop:value=move || lines.get().to_string()
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                                lines.set(n);
                            }
                        }
                    >
                        {LINE_CHOICES
                            .into_iter()
                            .map(|n| {
                                view! {
                                    <option value=n.to_string() selected={n == DEFAULT_LINES}>
                                        {if n == ALL_LINES { "All the bot keeps".to_string() } else { n.to_string() }}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || auto.get()
                        on:change=move |ev| auto.set(event_target_checked(&ev))
                    />
                    "Auto-refresh every 5 s"
                </label>
            </div>
            {move || match logs.get() {
                None => view! { <p class="muted" role="status">"Loading logs…"</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=Signal::stored(Some(e)) /> }.into_any(),
                Some(Ok(answer)) if answer.logs.is_empty() => {
                    view! { <p class="muted">"No log lines yet."</p> }.into_any()
                }
                Some(Ok(answer)) => {
                    let s = settings.get();
                    let (min, needle) = (min_rank(&level.get()), text.get().trim().to_ascii_lowercase());
                    let total = answer.logs.len();
                    // A bot that ignores `limit` (or keeps more) cannot make the page render thousands of rows.
                    let cap = match lines.get() {
                        ALL_LINES => usize::MAX,
                        n => n as usize,
                    };
                    let shown: Vec<LogEntry> = answer.logs.into_iter().rev().filter(|l| matches(l, min, &needle)).take(cap).collect();
                    view! {
                        <p class="muted log-count">{format!(
                                "Showing {} of {total} lines, newest first; times in {}.",
                                shown.len(),
                                zone_label(&s),
                            )}</p>
                        {if shown.is_empty() {
                            view! { <p class="muted">"No lines match the filter."</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap">
                                    <table class="logs">
                                        <thead>
                                            <tr>
                                                <th>{format!("Time ({})", zone_label(&s))}</th>
                                                <th>"Level"</th>
                                                <th>"Logger"</th>
                                                <th>"Message"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {shown
                                                .into_iter()
                                                .map(|line| {
                                                    let when = if line.timestamp_ms > 0.0 {
                                                        time_text(&s, Some(line.timestamp_ms as i64))
                                                    } else {
                                                        line.date.clone()
                                                    };
                                                    let level = line.level.as_str().to_ascii_lowercase();
                                                    view! {
                                                        <tr class=format!("log-line level-{level}")>
                                                            <td>{when}</td>
                                                            <td class="log-level">{line.level.as_str()}</td>
                                                            <td class="log-logger">{line.logger}</td>
                                                            <td class="msg">{line.message}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                            .into_any()
                        }}
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoints;

    fn line(level: LogLevel, logger: &str, message: &str) -> LogEntry {
        LogEntry {
            level,
            logger: logger.into(),
            message: message.into(),
            ..LogEntry::default()
        }
    }

    #[test]
    fn level_filter() {
        let warn = line(LogLevel::Warning, "freqtrade.worker", "slow");
        assert!(matches(&warn, min_rank(""), ""));
        assert!(matches(&warn, min_rank("INFO"), ""));
        assert!(matches(&warn, min_rank("WARNING"), ""));
        assert!(!matches(&warn, min_rank("ERROR"), ""));
        assert!(!matches(
            &line(LogLevel::Debug, "x", "y"),
            min_rank("INFO"),
            ""
        ));
        assert!(matches(
            &line(LogLevel::Critical, "x", "y"),
            min_rank("ERROR"),
            ""
        ));
        for (value, _) in LEVEL_CHOICES {
            assert!(
                value.is_empty() || LogLevel::from_wire(value) != LogLevel::Unknown,
                "{value}"
            );
        }
    }

    #[test]
    fn text_filter_is_case_insensitive_on_message_and_logger() {
        let l = line(
            LogLevel::Info,
            "freqtrade.rpc.rpc_manager",
            "Sending rpc message: <img src=x onerror=alert(1)>",
        );
        assert!(matches(&l, 0, "onerror"));
        assert!(matches(&l, 0, "rpc_manager"));
        assert!(matches(&l, 0, &"SENDING".to_ascii_lowercase()));
        assert!(!matches(&l, 0, "heartbeat"));
    }

    #[test]
    fn the_fixture_decodes() {
        let answer = endpoints::logs(None)
            .decode(include_str!("../../tests/fixtures/logs.json"))
            .unwrap_or_default();
        assert_eq!(answer.logs.len(), 20);
        assert!(answer.logs.iter().any(|l| l.level == LogLevel::Error));
        let errors = answer
            .logs
            .iter()
            .filter(|l| matches(l, min_rank("ERROR"), ""))
            .count();
        assert!(errors > 0 && errors < answer.logs.len());
    }
}
