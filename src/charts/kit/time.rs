//! Time units (ms) and calendar months in a display zone, shared by the candle chart's bar-index time axis
//! and the profit charts' continuous one.

pub const SECOND: i64 = 1_000;
pub const MINUTE: i64 = 60 * SECOND;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;
/// The length a month step is counted as when comparing steps (labels use real month starts).
pub const MONTH: i64 = 30 * DAY;

/// Months since year 0 (`year * 12 + month - 1`) of the instant `t` seen `offset_minutes` east of UTC.
pub fn month_index(t: i64, offset_minutes: i32) -> i64 {
    let text = crate::util::format::format_ts(t, offset_minutes);
    let year: i64 = text.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(1970);
    let month: i64 = text.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    year * 12 + (month - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_index_follows_the_zone() {
        // 2024-01-31 23:30 UTC is already February two hours east.
        let t = 1_706_743_800_000;
        assert_eq!(month_index(t, 0), 2024 * 12);
        assert_eq!(month_index(t, 120), 2024 * 12 + 1);
    }
}
