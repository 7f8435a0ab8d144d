//! Text from a bot, made safe to show.

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

/// A JSON value as a trader reads it: numbers without trailing zeros, strings bare, booleans as yes/no.
pub fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Number(n) => n
            .as_f64()
            .map(|v| super::trimmed(v, 8))
            .unwrap_or_else(|| n.to_string()),
        serde_json::Value::String(s) => visible(s),
        serde_json::Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        serde_json::Value::Null => "–".to_string(),
        other => visible(&other.to_string()),
    }
}

fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
        )
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
}
