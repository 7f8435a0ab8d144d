//! Formatting of numbers and durations for display.

/// Formats a number with a fixed number of decimals; non-finite values show as "–".
pub fn fixed(value: f64, decimals: usize) -> String {
    if value.is_finite() {
        format!("{value:.decimals$}")
    } else {
        "–".to_string()
    }
}

/// Formats an optional number; a missing value shows as "–".
pub fn opt_fixed(value: Option<f64>, decimals: usize) -> String {
    value
        .map(|v| fixed(v, decimals))
        .unwrap_or_else(|| "–".to_string())
}

/// Text from a bot, made safe to read: control characters and bidirectional formatting characters (which can
/// make `\u{202e}TDSU/CTB` look like "BTC/USDT") are shown as visible `⟨U+202E⟩` marks. Views also isolate such
/// text (CSS `unicode-bidi: isolate`), so right-to-left names do not reorder what is around them.
pub fn visible(text: &str) -> String {
    if !text.chars().any(is_hidden_char) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden_char(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
        )
}

/// "3d 4h", "2h 5m", "45s": a compact duration from seconds.
pub fn duration_short(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "–".to_string();
    }
    let s = seconds.round() as u64;
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3_600, (s % 3_600) / 60);
    if d > 0 {
        format!("{d}d {h}h")
    } else if h > 0 {
        format!("{h}h {m}m")
    } else if m > 0 {
        format!("{m}m {}s", s % 60)
    } else {
        format!("{s}s")
    }
}

/// A running duration, to the minute: "<1m", "12m", "2h 5m", "3d 4h". A live table redrawn every few seconds
/// would otherwise change every row's text (and redraw it) on every poll, ticking in jumps of the poll interval.
pub fn duration_minutes(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "–".to_string();
    }
    match seconds as u64 {
        s if s < 60 => "<1m".to_string(),
        s if s < 3_600 => format!("{}m", s / 60),
        s => duration_short(s as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_become_visible() {
        assert_eq!(visible("BTC/USDT"), "BTC/USDT");
        assert_eq!(visible("\u{202e}TDSU/CTB"), "⟨U+202E⟩TDSU/CTB");
        assert_eq!(visible("a\u{0}b\nc"), "a⟨U+0000⟩b⟨U+000A⟩c");
        assert_eq!(visible("x\u{2066}y\u{200f}"), "x⟨U+2066⟩y⟨U+200F⟩");
        // Letters of right-to-left scripts are text, not controls: they stay (the view isolates them).
        assert_eq!(visible("שקל/USDT"), "שקל/USDT");
    }

    #[test]
    fn numbers_and_durations() {
        assert_eq!(fixed(1.23456, 2), "1.23");
        assert_eq!(fixed(f64::NAN, 2), "–");
        assert_eq!(opt_fixed(None, 3), "–");
        assert_eq!(duration_short(45.0), "45s");
        assert_eq!(duration_short(125.0), "2m 5s");
        assert_eq!(duration_short(7_500.0), "2h 5m");
        assert_eq!(duration_short(3.0 * 86_400.0 + 4.0 * 3_600.0), "3d 4h");
        assert_eq!(duration_short(-1.0), "–");
        assert_eq!(duration_minutes(45.0), "<1m");
        assert_eq!(duration_minutes(125.0), "2m");
        assert_eq!(duration_minutes(3_599.9), "59m");
        assert_eq!(duration_minutes(7_500.0), "2h 5m");
        assert_eq!(duration_minutes(f64::NAN), "–");
    }
}
