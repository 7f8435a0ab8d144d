//! Dates and times: formatting of Unix milliseconds in UTC or a fixed offset, and "ago" texts.

/// Days since 1970-01-01 to a civil date (proleptic Gregorian), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

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
        _ => "–".to_string(),
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
    fn ago_texts() {
        assert_eq!(ago(0, 5_000), "5s ago");
        assert_eq!(ago(0, 180_000), "3m ago");
        assert_eq!(ago(0, 7_200_000), "2h ago");
        assert_eq!(ago(0, 4 * 86_400_000), "4d ago");
        assert_eq!(ago(10_000, 0), "0s ago");
    }
}
