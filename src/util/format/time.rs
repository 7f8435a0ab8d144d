//! Times and durations: Unix milliseconds in UTC or a fixed offset, "ago" texts, compact durations.

use super::MISSING;
use crate::util::calendar::civil_from_days;

/// `YYYY-MM-DD HH:MM:SS` for a Unix time in milliseconds shifted by `offset_minutes` (0 for UTC).
pub fn format_ts(ms: i64, offset_minutes: i32) -> String {
    let secs = ms.div_euclid(1000) + i64::from(offset_minutes) * 60;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, mo, d) = civil_from_days(days);
    format!(
        "{y:04}-{mo:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3_600,
        (rem % 3_600) / 60,
        rem % 60
    )
}

/// Like `format_ts`, for an optional time; a missing or zero time shows as "–".
pub fn format_opt_ts(ms: Option<i64>, offset_minutes: i32) -> String {
    match ms {
        Some(ms) if ms > 0 => format_ts(ms, offset_minutes),
        _ => MISSING.to_string(),
    }
}

/// "5s ago", "3m ago", "2h ago", "4d ago" between two Unix millisecond times.
pub fn ago(then_ms: i64, now_ms: i64) -> String {
    let s = (now_ms - then_ms).max(0) / 1000;
    match s {
        0..=59 => format!("{s}s ago"),
        60..=3_599 => format!("{}m ago", s / 60),
        3_600..=86_399 => format!("{}h ago", s / 3_600),
        _ => format!("{}d ago", s / 86_400),
    }
}

/// "3d 4h", "2h 5m", "45s": a compact duration from seconds.
pub fn duration_short(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return MISSING.to_string();
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
        return MISSING.to_string();
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
    fn formats_utc_and_offsets() {
        assert_eq!(format_ts(0, 0), "1970-01-01 00:00:00");
        // 2026-11-21 13:40:01 UTC
        assert_eq!(format_ts(1_763_732_401_097, 0), "2025-11-21 13:40:01");
        assert_eq!(format_ts(1_795_268_401_000, 0), "2026-11-21 13:40:01");
        assert_eq!(format_ts(1_795_268_401_000, 60), "2026-11-21 14:40:01");
        assert_eq!(
            format_ts(1_795_268_401_000, -14 * 60),
            "2026-11-20 23:40:01"
        );
        // Leap day and a time before 1970.
        assert_eq!(format_ts(951_782_400_000, 0), "2000-02-29 00:00:00");
        assert_eq!(format_ts(-1_000, 0), "1969-12-31 23:59:59");
        assert_eq!(format_opt_ts(None, 0), "–");
        assert_eq!(format_opt_ts(Some(0), 0), "–");
    }

    #[test]
    fn durations() {
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

    #[test]
    fn ago_texts() {
        assert_eq!(ago(0, 5_000), "5s ago");
        assert_eq!(ago(0, 180_000), "3m ago");
        assert_eq!(ago(0, 7_200_000), "2h ago");
        assert_eq!(ago(0, 4 * 86_400_000), "4d ago");
        assert_eq!(ago(10_000, 0), "0s ago");
    }
}
