//! UI settings.

use leptos::prelude::*;

use crate::state::settings::{use_settings, Theme};

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
        </section>
    }
}
