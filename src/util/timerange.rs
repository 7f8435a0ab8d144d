//! freqtrade's timerange text and the date picker's values: `20261101-20261115` ↔ `2026-11-01` and
//! `2026-11-15` (either side may be open: `20261101-`, `-20261115`).

/// `YYYYMMDD` (at the start of `part`, as freqtrade also accepts `YYYYMMDDTHHMM`) as `YYYY-MM-DD`; empty
/// otherwise (a Unix timestamp, nothing).
fn day_of(part: &str) -> String {
    let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
    match (
        digits.len(),
        digits.get(0..4),
        digits.get(4..6),
        digits.get(6..8),
    ) {
        (8, Some(y), Some(m), Some(d)) => format!("{y}-{m}-{d}"),
        _ => String::new(),
    }
}

/// The picker's two dates (`YYYY-MM-DD`, empty when open or not a date) of a timerange.
pub fn dates_of(timerange: &str) -> (String, String) {
    match timerange.trim().split_once('-') {
        Some((from, to)) => (day_of(from), day_of(to)),
        None => (day_of(timerange.trim()), String::new()),
    }
}

/// The timerange of two picked dates (`YYYY-MM-DD`, either may be empty).
pub fn timerange_of(from: &str, to: &str) -> String {
    let compact = |d: &str| d.trim().replace('-', "");
    format!("{}-{}", compact(from), compact(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeranges_and_dates_round_trip() {
        assert_eq!(
            dates_of("20261101-20261115"),
            ("2026-11-01".to_string(), "2026-11-15".to_string())
        );
        assert_eq!(
            dates_of("20261101-"),
            ("2026-11-01".to_string(), String::new())
        );
        assert_eq!(
            dates_of("-20261115"),
            (String::new(), "2026-11-15".to_string())
        );
        // Hour precision (API 2.50) keeps its day; Unix timestamps and junk give no date.
        assert_eq!(dates_of("20261101T1200-").0, "2026-11-01");
        assert_eq!(dates_of("1700000000-"), (String::new(), String::new()));
        assert_eq!(dates_of(""), (String::new(), String::new()));
        assert_eq!(
            timerange_of("2026-11-01", "2026-11-15"),
            "20261101-20261115"
        );
        assert_eq!(timerange_of("2026-11-01", ""), "20261101-");
        assert_eq!(timerange_of("", ""), "-");
    }
}
