//! The selected bot's open-trade count outside the page: in the tab title or as a badge on the tab's icon.

use leptos::prelude::*;

use crate::runtime::effect;
use crate::state::registry::use_registry;
use crate::state::settings::{use_settings, OpenTradesIndicator};

/// Relative: it resolves against `<base href>`, so it works under a sub-path too.
const ICON: &str = "public/favicon.svg";

/// The tab title: `(N) Freqboard – bot` with the count, `Freqboard – bot` without.
pub fn page_title(bot: Option<&str>, count: Option<usize>) -> String {
    let base = match bot {
        Some(name) if !name.is_empty() => format!("Freqboard – {name}"),
        _ => "Freqboard".to_string(),
    };
    match count {
        Some(n) if n > 0 => format!("({n}) {base}"),
        _ => base,
    }
}

/// The app icon with a red count badge, as an SVG data URL (nothing to download, no canvas needed).
pub fn badge_icon(count: usize) -> String {
    let text = if count > 99 {
        "99+".to_string()
    } else {
        count.to_string()
    };
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>\
         <rect width='32' height='32' rx='7' fill='%231f6feb'/>\
         <path d='M5 23l7-8 5 5 7-9 3 3' fill='none' stroke='white' stroke-width='3' stroke-linecap='round'/>\
         <circle cx='22' cy='10' r='10' fill='%23cf222e'/>\
         <text x='22' y='14.5' font-size='{}' font-family='sans-serif' font-weight='bold' fill='white' \
         text-anchor='middle'>{text}</text></svg>",
        if text.len() > 2 { 9 } else { 13 }
    );
    format!(
        "data:image/svg+xml,{}",
        svg.replace('<', "%3C")
            .replace('>', "%3E")
            .replace(' ', "%20")
    )
}

/// Renders nothing; keeps `document.title` and the icon in step with the selected bot.
#[component]
pub fn TabIndicator() -> impl IntoView {
    let registry = use_registry();
    let settings = use_settings().0;
    let selected = registry.selected();
    effect(move || {
        let mode = settings.with(|s| s.open_trades_indicator);
        let bot = selected.get();
        let count = bot.as_ref().and_then(|b| b.open_trades);
        let name = bot.as_ref().map(|b| b.name.as_str());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let title_count = if mode == OpenTradesIndicator::Title {
            count
        } else {
            None
        };
        document.set_title(&page_title(name, title_count));
        let icon = match (mode, count) {
            (OpenTradesIndicator::Badge, Some(n)) if n > 0 => badge_icon(n),
            _ => ICON.to_string(),
        };
        if let Ok(Some(link)) = document.query_selector("link[rel='icon']") {
            let _ = link.set_attribute("href", &icon);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(page_title(Some("alpha"), Some(3)), "(3) Freqboard – alpha");
        assert_eq!(page_title(Some("alpha"), Some(0)), "Freqboard – alpha");
        assert_eq!(page_title(None, None), "Freqboard");
    }

    #[test]
    fn badge_is_an_encoded_svg_with_the_count() {
        let icon = badge_icon(7);
        assert!(icon.starts_with("data:image/svg+xml,"));
        assert!(icon.contains("%3E7%3C/text%3E"), "{icon}");
        assert!(badge_icon(120).contains("99+"));
        assert!(!icon.contains('<') && !icon.contains('#'));
    }
}
