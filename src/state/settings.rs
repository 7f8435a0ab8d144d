//! User interface settings, persisted in localStorage.

use leptos::prelude::*;
use serde::Serialize;

use super::storage::{self, Area};
use crate::runtime::effect;
use crate::util::stored_json::Stored;

pub const SETTINGS_KEY: &str = "freqboard.settings.v1";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the operating system's preference (the default).
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    pub theme: Theme,
    /// "UTC" (the default) or "local" — dates are shown in this zone.
    pub timezone: String,
    /// Which live trade events show a toast.
    pub notify: Notify,
    /// Where the selected bot's open-trade count is shown.
    pub open_trades_indicator: OpenTradesIndicator,
    /// Notices also go to the system as browser notifications (once the browser allowed it; off by default).
    pub browser_alerts: bool,
    /// A short tone with each browser notification.
    pub alert_sound: bool,
    /// Bots (ids) that send no browser notification or tone; their toasts still show.
    pub quiet_bots: Vec<String>,
}

impl Settings {
    /// Whether a notice of bot `id` goes to the system (and sounds).
    pub fn alerts_for(&self, id: &str) -> bool {
        self.browser_alerts && !self.quiet_bots.iter().any(|b| b == id)
    }
}

/// Where the open-trade count of the selected bot is shown outside the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OpenTradesIndicator {
    /// A number on the tab's icon.
    #[default]
    Badge,
    /// "(3) Freqboard – bot" as the tab title.
    Title,
    None,
}

impl OpenTradesIndicator {
    pub fn as_str(self) -> &'static str {
        match self {
            OpenTradesIndicator::Badge => "badge",
            OpenTradesIndicator::Title => "title",
            OpenTradesIndicator::None => "none",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "title" => OpenTradesIndicator::Title,
            "none" => OpenTradesIndicator::None,
            _ => OpenTradesIndicator::Badge,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: Theme::System,
            timezone: "UTC".to_string(),
            notify: Notify::default(),
            browser_alerts: false,
            alert_sound: false,
            quiet_bots: Vec::new(),
            open_trades_indicator: OpenTradesIndicator::default(),
        }
    }
}

/// Toasts for the websocket's order events, each switchable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Notify {
    pub entry_fill: bool,
    pub exit_fill: bool,
    pub entry_cancel: bool,
    pub exit_cancel: bool,
}

impl Default for Notify {
    fn default() -> Self {
        Self {
            entry_fill: true,
            exit_fill: true,
            entry_cancel: true,
            exit_cancel: true,
        }
    }
}

impl Notify {
    /// Whether events of this kind (`entry_fill`, …) toast; other kinds always do.
    pub fn allows(&self, kind: &str) -> bool {
        match kind {
            "entry_fill" => self.entry_fill,
            "exit_fill" => self.exit_fill,
            "entry_cancel" => self.entry_cancel,
            "exit_cancel" => self.exit_cancel,
            _ => true,
        }
    }
}

/// Reads stored settings; each field that is missing or unreadable falls back to its default.
pub fn decode_settings(text: Option<&str>) -> Settings {
    let stored = Stored::parse(text);
    let d = Settings::default();
    let n = stored.object("notify");
    let on = |key: &str| n.bool(key).unwrap_or(true);
    Settings {
        theme: stored.str("theme").map_or(d.theme, Theme::parse),
        timezone: stored.str("timezone").map_or(d.timezone, str::to_string),
        notify: Notify {
            entry_fill: on("entry_fill"),
            exit_fill: on("exit_fill"),
            entry_cancel: on("entry_cancel"),
            exit_cancel: on("exit_cancel"),
        },
        open_trades_indicator: stored
            .str("open_trades_indicator")
            .map_or(d.open_trades_indicator, OpenTradesIndicator::parse),
        browser_alerts: stored.bool("browser_alerts").unwrap_or(false),
        alert_sound: stored.bool("alert_sound").unwrap_or(false),
        quiet_bots: stored.strings("quiet_bots"),
    }
}

#[derive(Clone, Copy)]
pub struct SettingsContext(pub RwSignal<Settings>);

/// Loads the settings, provides them, keeps storage and the page's theme in step with them.
pub fn provide_settings() -> SettingsContext {
    let settings = RwSignal::new(decode_settings(
        storage::get(Area::Local, SETTINGS_KEY).as_deref(),
    ));
    effect(move || {
        let current = settings.get();
        if let Ok(text) = serde_json::to_string(&current) {
            storage::set(Area::Local, SETTINGS_KEY, &text);
        }
        apply_theme(current.theme);
    });
    let ctx = SettingsContext(settings);
    provide_context(ctx);
    provide_context(DarkTheme(dark_theme(settings)));
    ctx
}

pub fn use_settings() -> SettingsContext {
    expect_context::<SettingsContext>()
}

/// `System` leaves the choice to the stylesheet's `prefers-color-scheme` rules.
fn apply_theme(theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Theme::System => root.remove_attribute("data-theme"),
        other => root.set_attribute("data-theme", other.as_str()),
    };
}

/// Whether the page shows the dark theme, for what is drawn on canvas: the chosen theme, or while "System" is
/// chosen the OS's, followed when the user switches it at run time (as the stylesheet's rules do).
#[derive(Clone, Copy)]
struct DarkTheme(Signal<bool>);

fn dark_theme(settings: RwSignal<Settings>) -> Signal<bool> {
    let os_dark = crate::runtime::page::use_media_query("(prefers-color-scheme: dark)");
    Signal::derive(move || match settings.with(|s| s.theme) {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => os_dark.get(),
    })
}

pub fn use_dark_theme() -> Signal<bool> {
    use_context::<DarkTheme>()
        .map(|d| d.0)
        .unwrap_or_else(|| dark_theme(use_settings().0))
}

/// The offset in minutes to add to UTC for displayed dates: 0 for "UTC", the browser's offset at `ms` for
/// "local" (which follows daylight saving time).
pub fn display_offset_minutes(timezone: &str, ms: i64) -> i32 {
    if timezone == "local" {
        // getTimezoneOffset is UTC minus local, in minutes.
        -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64)).get_timezone_offset()
            as i32)
    } else {
        0
    }
}

/// Formats an optional Unix millisecond time in the chosen zone; a missing or zero time shows as "–".
pub fn format_opt_time(settings: &Settings, ms: Option<i64>) -> String {
    match ms {
        Some(ms) if ms > 0 => format_time(settings, ms),
        _ => "–".to_string(),
    }
}

/// The name of the zone dates are shown in, for column headers.
pub fn zone_label(settings: &Settings) -> &'static str {
    if settings.timezone == "local" {
        "local"
    } else {
        "UTC"
    }
}

/// Formats a Unix millisecond time in the zone chosen in settings.
pub fn format_time(settings: &Settings, ms: i64) -> String {
    crate::util::format::format_ts(ms, display_offset_minutes(&settings.timezone, ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_tolerate_damage() {
        let s = Settings {
            theme: Theme::Dark,
            timezone: "local".into(),
            notify: Notify {
                exit_cancel: false,
                ..Notify::default()
            },
            open_trades_indicator: OpenTradesIndicator::Title,
            browser_alerts: true,
            alert_sound: true,
            quiet_bots: vec!["b2".into()],
        };
        assert!(s.alerts_for("b1") && !s.alerts_for("b2"));
        let text = serde_json::to_string(&s).unwrap_or_default();
        assert_eq!(decode_settings(Some(&text)), s);
        assert_eq!(decode_settings(Some("garbage")), Settings::default());
        assert_eq!(
            decode_settings(Some(r#"{"theme":"light"}"#)).timezone,
            "UTC"
        );
        assert_eq!(
            decode_settings(Some(r#"{"theme":"neon"}"#)),
            Settings::default()
        );
        assert_eq!(decode_settings(None).theme, Theme::System);
        // Settings saved before notifications existed get them all on.
        assert_eq!(
            decode_settings(Some(r#"{"theme":"dark","timezone":"UTC"}"#)).notify,
            Notify::default()
        );
        assert!(!Notify {
            entry_fill: false,
            ..Notify::default()
        }
        .allows("entry_fill"));
        assert!(Notify {
            entry_fill: false,
            ..Notify::default()
        }
        .allows("warning"));
    }
}
