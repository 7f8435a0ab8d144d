//! Calendar arithmetic on Unix days (proleptic Gregorian, after Howard Hinnant's algorithms), shared by the
//! formatter, the date parsers and the fleet's day / week / month boundaries.

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// Days since 1970-01-01 → (year, month 1–12, day 1–31).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// (year, month 1–12, day) → days since 1970-01-01.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The number of days of a month.
pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The UTC start (ms) of the day, ISO week (Monday) and month that hold `now_ms`.
pub fn period_starts(now_ms: i64) -> (i64, i64, i64) {
    let days = now_ms.div_euclid(DAY_MS);
    // 1970-01-01 was a Thursday: Monday is 3 days before.
    let week = days - (days + 3).rem_euclid(7);
    let (y, m, _) = civil_from_days(days);
    (
        days * DAY_MS,
        week * DAY_MS,
        days_from_civil(y, m, 1) * DAY_MS,
    )
}

/// The length of a freqtrade timeframe (`"5m"`, `"1h"`, `"1d"`, `"1w"`; months as 30 days) in ms.
pub fn timeframe_ms(timeframe: &str) -> Option<i64> {
    let t = timeframe.trim();
    let unit = t.chars().last()?;
    let n: i64 = t.get(..t.len() - unit.len_utf8())?.parse().ok()?;
    let ms = match unit {
        's' => 1_000,
        'm' => 60_000,
        'h' => 3_600_000,
        'd' => DAY_MS,
        'w' => 7 * DAY_MS,
        'M' => 30 * DAY_MS,
        _ => return None,
    };
    Some(n.checked_mul(ms)?).filter(|v| *v > 0)
}

/// `YYYY-MM-DD` → `YYYYMMDD`; `None` when not such a date.
pub fn compact_date(date: &str) -> Option<String> {
    let parts: Vec<&str> = date.trim().split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            let all_digits = [y, m, d]
                .iter()
                .all(|p| p.bytes().all(|b| b.is_ascii_digit()));
            all_digits.then(|| format!("{y}{m}{d}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_starts_are_utc_midnight_monday_and_the_first() {
        // 2026-11-28 12:00 UTC, a Saturday.
        let now = 1_795_867_200_000;
        let (day, week, month) = period_starts(now);
        assert_eq!(day, 1_795_824_000_000); // 2026-11-28 00:00
        assert_eq!(week, day - 5 * DAY_MS); // Monday 2026-11-23
        assert_eq!(month, day - 27 * DAY_MS); // 2026-11-01
        assert_eq!(period_starts(0), (0, -3 * DAY_MS, 0));
        // A Monday is its own week's start.
        assert_eq!(period_starts(now - 5 * DAY_MS).1, week);
    }

    #[test]
    fn timeframes_in_ms() {
        assert_eq!(timeframe_ms("5m"), Some(300_000));
        assert_eq!(timeframe_ms("1h"), Some(3_600_000));
        assert_eq!(timeframe_ms("1d"), Some(DAY_MS));
        assert_eq!(timeframe_ms("1M"), Some(30 * DAY_MS));
        for bad in ["", "m", "5x", "-5m", "0m", "ü"] {
            assert_eq!(timeframe_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_round_trip() {
        for days in [-800_000, -1, 0, 59, 10_956, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(
            days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 1),
            29
        );
        assert_eq!(
            days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 1),
            29
        );
        assert_eq!(
            civil_from_days(days_from_civil(2026, 12, 31)),
            (2026, 12, 31)
        );
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2026, 11), 30);
    }
}
