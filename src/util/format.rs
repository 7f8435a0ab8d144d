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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
