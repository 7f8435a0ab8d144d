//! Numbers, money, percentages, prices and amounts.

/// What any formatter shows for a missing or non-finite value.
pub const MISSING: &str = "–";

fn missing() -> String {
    MISSING.to_string()
}

/// `"-0.000"` reads as a loss that is not there: drop the sign of a number that rounds to zero.
fn unsigned_zero(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// A number with a fixed number of decimals: `1.23`; never "-0.00".
pub fn fixed(value: f64, decimals: usize) -> String {
    if value.is_finite() {
        unsigned_zero(format!("{value:.decimals$}"))
    } else {
        missing()
    }
}

/// An optional number with `decimals` decimals.
pub fn number(value: Option<f64>, decimals: usize) -> String {
    value.map(|v| fixed(v, decimals)).unwrap_or_else(missing)
}

/// A ratio as a percentage: `0.0123` → `"1.23 %"`.
pub fn percent(ratio: Option<f64>, decimals: usize) -> String {
    match ratio {
        Some(r) if r.is_finite() => format!("{} %", fixed(r * 100.0, decimals)),
        _ => missing(),
    }
}

/// A ratio as a signed percentage with two decimals, for labels beside a value: `"+1.23 %"`, `"-0.50 %"`.
pub fn signed_percent(ratio: f64) -> String {
    match fixed(ratio * 100.0, 2) {
        text if text == MISSING => text,
        text if text.starts_with('-') => format!("{text} %"),
        text => format!("+{text} %"),
    }
}

/// An amount of stake currency with its decimals: `"12.345 USDT"` (no currency when `currency` is empty).
pub fn money(value: Option<f64>, decimals: usize, currency: &str) -> String {
    match value {
        Some(v) if v.is_finite() && !currency.is_empty() => {
            format!("{} {currency}", fixed(v, decimals))
        }
        Some(v) if v.is_finite() => fixed(v, decimals),
        _ => missing(),
    }
}

/// The decimals freqtrade writes a currency with (its `decimals_per_coin`, also `/show_config`'s
/// `stake_currency_decimals`): 8 for BTC, 5 for ETH, 3 for anything else.
pub fn coin_decimals(currency: &str) -> usize {
    match currency {
        "BTC" => 8,
        "ETH" => 5,
        _ => 3,
    }
}

/// An amount of `currency` with the decimals freqtrade gives it, where a bot's configuration is not at hand
/// (chart tooltips): `"-0.09980000 BTC"`, `"12.346 USDT"`.
pub fn coin_money(value: f64, currency: &str) -> String {
    money(Some(value), coin_decimals(currency), currency)
}

/// A number with at most `max_decimals` decimals and no trailing zeros: `0.322`, `154.89`, `60000`.
pub fn trimmed(value: f64, max_decimals: usize) -> String {
    if !value.is_finite() {
        return missing();
    }
    let text = format!("{value:.max_decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    unsigned_zero(text)
}

/// A coin amount or a rate as the bot reports it: up to 8 decimals, no trailing zeros.
pub fn amount(value: f64) -> String {
    trimmed(value, 8)
}

/// An optional coin amount or rate.
pub fn opt_amount(value: Option<f64>) -> String {
    value.map(amount).unwrap_or_else(missing)
}

/// A price on a chart, decimals by magnitude (2 above 1,000; up to 8 for fractions of a cent).
pub fn price(value: f64) -> String {
    let a = value.abs();
    let decimals = if a >= 1000.0 || a == 0.0 {
        2
    } else if a >= 1.0 {
        4
    } else if a >= 0.01 {
        6
    } else {
        8
    };
    fixed(value, decimals)
}

/// A compact number for axes: `950`, `12.3k`, `4.56M`, `7.89B`.
pub fn compact(value: f64) -> String {
    let a = value.abs();
    if !value.is_finite() {
        missing()
    } else if a >= 1e9 {
        format!("{}B", fixed(value / 1e9, 2))
    } else if a >= 1e6 {
        format!("{}M", fixed(value / 1e6, 2))
    } else if a >= 1e4 {
        format!("{}k", fixed(value / 1e3, 1))
    } else if a >= 100.0 {
        fixed(value, 0)
    } else {
        fixed(value, 4)
    }
}

/// The CSS class of a signed value: `"profit"` above zero, `"loss"` below, `""` for zero and missing values.
pub fn sign_class(value: Option<f64>) -> &'static str {
    match value {
        Some(v) if v > 0.0 => "profit",
        Some(v) if v < 0.0 => "loss",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_percentages_and_money() {
        assert_eq!(fixed(1.23456, 2), "1.23");
        assert_eq!(fixed(f64::NAN, 2), "–");
        assert_eq!(fixed(-0.0001, 3), "0.000");
        assert_eq!(number(Some(1.23456), 2), "1.23");
        assert_eq!(number(None, 3), "–");
        assert_eq!(number(Some(f64::INFINITY), 3), "–");
        assert_eq!(percent(Some(-0.00020134), 2), "-0.02 %");
        assert_eq!(percent(Some(0.00001), 2), "0.00 %");
        assert_eq!(percent(None, 2), "–");
        assert_eq!(signed_percent(0.0123), "+1.23 %");
        assert_eq!(signed_percent(-0.005), "-0.50 %");
        assert_eq!(signed_percent(-0.00001), "+0.00 %");
        assert_eq!(signed_percent(f64::NAN), "–");
        assert_eq!(money(Some(-0.19933531), 3, "USDT"), "-0.199 USDT");
        assert_eq!(money(Some(-0.0001), 3, "USDT"), "0.000 USDT");
        assert_eq!(money(Some(1.0), 2, ""), "1.00");
        assert_eq!(money(None, 3, "USDT"), "–");
        assert_eq!(coin_money(-0.0998, "BTC"), "-0.09980000 BTC");
        assert_eq!(coin_money(12.3456, "USDT"), "12.346 USDT");
        assert_eq!(coin_money(-0.0, "ETH"), "0.00000 ETH");
        assert_eq!(coin_money(1.5, ""), "1.500");
    }

    #[test]
    fn amounts_drop_trailing_zeros() {
        assert_eq!(amount(0.322), "0.322");
        assert_eq!(amount(81.6), "81.6");
        assert_eq!(amount(899.9379246899999), "899.93792469");
        assert_eq!(amount(0.0), "0");
        assert_eq!(amount(-0.000000001), "0");
        assert_eq!(amount(100.0), "100");
        assert_eq!(amount(f64::INFINITY), "–");
        assert_eq!(opt_amount(None), "–");
        assert_eq!(trimmed(3.0, 2), "3");
        assert_eq!(trimmed(2.5, 2), "2.5");
    }

    #[test]
    fn prices_and_axes() {
        assert_eq!(price(61_375.581), "61375.58");
        assert_eq!(price(1.5), "1.5000");
        assert_eq!(price(0.012345), "0.012345");
        assert_eq!(price(0.00001234), "0.00001234");
        assert_eq!(price(0.0), "0.00");
        assert_eq!(price(f64::NAN), "–");
        assert_eq!(compact(12_345.0), "12.3k");
        assert_eq!(compact(4.91444), "4.9144");
        assert_eq!(compact(2_500_000.0), "2.50M");
        assert_eq!(compact(f64::NAN), "–");
    }

    #[test]
    fn profit_classes() {
        assert_eq!(sign_class(Some(0.1)), "profit");
        assert_eq!(sign_class(Some(-0.1)), "loss");
        assert_eq!(sign_class(Some(0.0)), "");
        assert_eq!(sign_class(None), "");
    }
}
