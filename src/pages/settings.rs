//! UI settings.

use leptos::prelude::*;

use crate::state::alerts::{self, Permission};
use crate::state::settings::{use_settings, Notify, OpenTradesIndicator, Theme};

/// The websocket events that can toast, with their labels.
const NOTIFY: &[(&str, &str)] = &[
    ("entry_fill", "Entry filled"),
    ("exit_fill", "Exit filled"),
    ("entry_cancel", "Entry order cancelled"),
    ("exit_cancel", "Exit order cancelled"),
];

fn notify_flag<'a>(notify: &'a mut Notify, kind: &str) -> Option<&'a mut bool> {
    match kind {
        "entry_fill" => Some(&mut notify.entry_fill),
        "exit_fill" => Some(&mut notify.exit_fill),
        "entry_cancel" => Some(&mut notify.entry_cancel),
        "exit_cancel" => Some(&mut notify.exit_cancel),
        _ => None,
    }
}

/// Time zones offered for dates; UTC is the default.
const TIMEZONES: &[&str] = &["UTC", "local"];

#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = use_settings().0;
    view! {
        <section class="card narrow">
            <h1>"Settings"</h1>
            <label class="field">
                <span>"Theme"</span>
                <select
                    id="theme-select"
                    on:change=move |ev| settings.update(|s| s.theme = Theme::parse(&event_target_value(&ev)))
                >
                    {[Theme::System, Theme::Light, Theme::Dark]
                        .into_iter()
                        .map(|t| {
                            view! {
                                <option value=t.as_str() prop:selected=move || settings.get().theme == t>
                                    {t.as_str()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                <span>"Time zone for dates"</span>
                <select
                    id="timezone-select"
                    on:change=move |ev| settings.update(|s| s.timezone = event_target_value(&ev))
                >
                    {TIMEZONES
                        .iter()
                        .map(|tz| {
                            let current = tz.to_string();
                            view! {
                                <option value=*tz prop:selected=move || settings.get().timezone == current>
                                    {*tz}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                <span>"Open trades of the selected bot"</span>
                <select
                    id="indicator-select"
                    on:change=move |ev| {
                        settings.update(|s| s.open_trades_indicator = OpenTradesIndicator::parse(&event_target_value(&ev)))
                    }
                >
                    {[
                        (OpenTradesIndicator::Badge, "Badge on the tab icon"),
                        (OpenTradesIndicator::Title, "Count in the tab title"),
                        (OpenTradesIndicator::None, "Not shown"),
                    ]
                        .into_iter()
                        .map(|(mode, label)| {
                            view! {
                                <option value=mode.as_str() prop:selected=move || settings.get().open_trades_indicator == mode>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <fieldset class="field">
                <legend>"Notify me when"</legend>
                {NOTIFY
                    .iter()
                    .map(|(kind, label)| {
                        let kind = *kind;
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || settings.with(|s| s.notify.allows(kind))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        settings.update(|s| {
                                            if let Some(flag) = notify_flag(&mut s.notify, kind) {
                                                *flag = on;
                                            }
                                        });
                                    }
                                />
                                <span>{*label}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <BrowserAlerts />
            <p class="muted about">
                "Freqboard " <span class="ui-version">{crate::util::version::ui_version()}</span>
            </p>
        </section>
    }
}

/// The browser-notification switch: the browser's permission (asked here, on a click, once), and the setting.
#[component]
fn BrowserAlerts() -> impl IntoView {
    let settings = use_settings().0;
    let registry = crate::state::registry::use_registry();
    let permission = RwSignal::new(alerts::permission());
    let scope = crate::runtime::use_view_scope();
    let ask = move |_| scope.spawn(async move { permission.set(alerts::ask().await) });
    view! {
        <fieldset class="field browser-alerts">
            <legend>"Browser notifications"</legend>
            <p class="muted">
                "The notices above, a bot going offline or stale, also as system notifications (they show while this tab "
                "is in the background). Browser: "
                <span class="alert-permission">{move || permission.get().label()}</span>
            </p>
            {move || (permission.get() == Permission::Ask).then(|| view! {
                <button type="button" on:click=ask>"Allow browser notifications"</button>
            })}
            <label class="check">
                <input
                    type="checkbox"
                    disabled=move || permission.get() != Permission::Granted
                    prop:checked=move || settings.with(|s| s.browser_alerts)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        settings.update(|s| s.browser_alerts = on);
                    }
                />
                <span>"Send notices as browser notifications"</span>
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    disabled=move || !settings.with(|s| s.browser_alerts)
                    prop:checked=move || settings.with(|s| s.alert_sound)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        settings.update(|s| s.alert_sound = on);
                    }
                />
                <span>"Play a tone with each notification"</span>
            </label>
            <div class="alert-bots" role="group" aria-label="Bots that notify">
                <span class="muted">"Bots that notify:"</span>
                <For each=move || registry.bots().get() key=|b| (b.id.clone(), b.name.clone()) let:bot>
                    {
                        let id = bot.id.0.clone();
                        let id2 = id.clone();
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    disabled=move || !settings.with(|s| s.browser_alerts)
                                    prop:checked=move || settings.with(|s| !s.quiet_bots.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = id2.clone();
                                        settings.update(|s| {
                                            s.quiet_bots.retain(|b| *b != id);
                                            if !on {
                                                s.quiet_bots.push(id);
                                            }
                                        });
                                    }
                                />
                                <span>{bot.name.clone()}</span>
                            </label>
                        }
                    }
                </For>
            </div>
        </fieldset>
    }
}
