//! Number formatting for axes and tooltips.

/// A price with decimals chosen by magnitude (2 above 1,000; up to 8 for fractions of a cent).
pub fn price(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let a = v.abs();
    let decimals = if a >= 1000.0 {
        2
    } else if a >= 1.0 {
        4
    } else if a >= 0.01 {
        6
    } else if a == 0.0 {
        2
    } else {
        8
    };
    format!("{v:.decimals$}")
}

/// A value with a fixed number of decimals (axis labels).
pub fn fixed(v: f64, decimals: usize) -> String {
    if v.is_finite() {
        format!("{v:.decimals$}")
    } else {
        "–".to_string()
    }
}

/// A compact number: 950, 12.3k, 4.56M, 7.89B.
pub fn compact(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.2}B", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.2}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.1}k", v / 1e3)
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(price(61_375.581), "61375.58");
        assert_eq!(price(1.5), "1.5000");
        assert_eq!(price(0.012345), "0.012345");
        assert_eq!(price(0.00001234), "0.00001234");
        assert_eq!(price(0.0), "0.00");
        assert_eq!(price(f64::NAN), "–");
        assert_eq!(fixed(1.0, 1), "1.0");
        assert_eq!(fixed(f64::INFINITY, 1), "–");
        assert_eq!(compact(12_345.0), "12.3k");
        assert_eq!(compact(4.91444), "4.9144");
        assert_eq!(compact(2_500_000.0), "2.50M");
        assert_eq!(compact(f64::NAN), "–");
    }
}
