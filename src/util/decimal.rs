//! Decimal text to `f64`, for numbers a bot sends as strings and for what a user types in a form.
//!
//! Why not `str::parse::<f64>` (issue 10, bytes): the standard parser is exact for every input, and for that it
//! carries a 10.4 KB table of 128-bit powers of five (10.3 KB gzip: it does not compress) and a big-decimal
//! fallback. Here a decimal of up to 19 significant digits is one integer times or divided by an exact power
//! of ten: correctly rounded whenever the digits fit in 53 bits and the exponent in ±22 (any price, amount or
//! ratio a bot sends or a user types), within a few units in the last place beyond that. Clippy cannot refuse
//! `parse::<f64>` by name (it is the generic `str::parse`); `src/util/decimal.rs`'s tests name the rule and the
//! bundle budget holds it.

/// Exact powers of ten as `f64` (every one up to 10^22 is exactly representable).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Significant digits kept: 19 always fit in a `u64`.
const MAX_DIGITS: u32 = 19;

/// Reads `[+-]digits[.digits][(e|E)[+-]digits]` (`"12"`, `"-0.5"`, `".5"`, `"5."`, `"1e-8"`); `None` for anything
/// else (spaces, `inf`, `NaN`, an empty text) and for a number too large for `f64`. No trimming: callers trim.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let negative = minus(bytes, &mut pos);
    let mut mantissa: u64 = 0;
    let mut kept = 0u32;
    let mut digits = 0u32;
    // The power of ten the mantissa is scaled by: fraction digits lower it, integer digits past the kept ones
    // raise it.
    let mut exponent: i64 = 0;
    let mut in_fraction = false;
    while let Some(&b) = bytes.get(pos) {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if kept < MAX_DIGITS {
                    if mantissa != 0 || b != b'0' {
                        kept += 1;
                    }
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    if in_fraction {
                        exponent -= 1;
                    }
                } else if !in_fraction {
                    exponent += 1;
                }
            }
            b'.' if !in_fraction => in_fraction = true,
            _ => break,
        }
        pos += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(pos) {
        pos += 1;
        let exponent_negative = minus(bytes, &mut pos);
        let start = pos;
        let mut written: i64 = 0;
        while let Some(&b) = bytes.get(pos).filter(|b| b.is_ascii_digit()) {
            // Past 10^5 every value is 0 or too large anyway; stop growing.
            written = (written * 10 + i64::from(b - b'0')).min(100_000);
            pos += 1;
        }
        if pos == start {
            return None;
        }
        exponent += if exponent_negative { -written } else { written };
    }
    if pos != bytes.len() {
        return None;
    }
    let value = scale(mantissa as f64, exponent);
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

/// Steps over an optional sign at `pos`; whether it was a minus.
fn minus(bytes: &[u8], pos: &mut usize) -> bool {
    match bytes.get(*pos) {
        Some(&sign @ (b'-' | b'+')) => {
            *pos += 1;
            sign == b'-'
        }
        _ => false,
    }
}

/// `value × 10^exponent`, in as few roundings as the exponent allows.
fn scale(mut value: f64, mut exponent: i64) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    while exponent > 22 {
        value *= 1e22;
        exponent -= 22;
        if value.is_infinite() {
            return value;
        }
    }
    while exponent < -22 {
        value /= 1e22;
        exponent += 22;
        if value == 0.0 {
            return value;
        }
    }
    // Within ±22 here, so always found.
    let Some(&power) = POW10.get(exponent.unsigned_abs() as usize) else {
        return value;
    };
    if exponent < 0 {
        value / power
    } else {
        value * power
    }
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    #[test]
    fn reads_what_people_and_bots_write() {
        for (text, want) in [
            ("0", 0.0),
            ("12", 12.0),
            ("-0.5", -0.5),
            ("+1.25", 1.25),
            (".5", 0.5),
            ("5.", 5.0),
            ("0.1", 0.1),
            ("0.00001234", 0.00001234),
            ("1e-8", 1e-8),
            ("2.5E3", 2500.0),
            ("1e+2", 100.0),
            ("000123.4500", 123.45),
            ("29125.12345678", 29125.12345678),
            ("9007199254740993", 9007199254740992.0),
        ] {
            assert_eq!(parse_decimal(text), Some(want), "{text}");
        }
        assert_eq!(
            parse_decimal("-0").map(f64::to_bits),
            Some((-0.0f64).to_bits())
        );
    }

    #[test]
    fn refuses_what_is_not_a_finite_decimal() {
        for text in [
            "", " 1", "1 ", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "abc", "inf", "NaN",
            "infinity", "0x10", "1e400", "--1",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
        assert_eq!(parse_decimal("1e-400"), Some(0.0));
    }

    /// The same value as the standard parser (exact) wherever the digits fit in 53 bits and the exponent in ±22,
    /// and within a few units in the last place elsewhere.
    #[test]
    fn agrees_with_the_standard_parser() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let digits = (next() % 20 + 1) as usize;
            let mut text: String = (0..digits)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let point = (next() % (digits as u64 + 1)) as usize;
            text.insert(point, '.');
            let exact_range = next() % 2 == 0;
            let exp = if exact_range {
                next() % 45
            } else {
                next() % 600
            } as i64
                - if exact_range { 22 } else { 300 };
            let text = format!("{text}e{exp}");
            let Ok(want) = text.parse::<f64>() else {
                continue;
            };
            let got = parse_decimal(&text);
            if !want.is_finite() {
                assert_eq!(got, None, "{text}");
                continue;
            }
            let got = got.unwrap_or(f64::NAN);
            // Digits from the first significant one: at most 15 fit in 53 bits.
            let significant = text
                .split('e')
                .next()
                .unwrap_or("")
                .trim_start_matches(['0', '.']);
            let fits = significant.replace('.', "").len() <= 15;
            let decimal_exp = exp - (digits - point) as i64;
            if fits && (-22..=22).contains(&decimal_exp) {
                assert_eq!(got, want, "{text}");
            } else if want.abs() > f64::MIN_POSITIVE {
                assert!(
                    ((got - want) / want).abs() < 1e-14,
                    "{text}: {got} vs {want}"
                );
            }
        }
    }

    #[test]
    fn no_standard_float_parsing_in_the_app() {
        // The rule of the module doc, for the spellings that name the type.
        for (path, text) in sources() {
            for (n, line) in text.lines().enumerate() {
                if line.contains("#[cfg(test)]") {
                    break;
                }
                let code = line.split("//").next().unwrap_or("");
                assert!(
                    !code.contains("parse::<f64>") && !code.contains("parse::<f32>"),
                    "{path}:{}: use util::decimal::parse_decimal, not str::parse::<f64> (module doc)",
                    n + 1
                );
            }
        }
    }

    fn sources() -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    out.push((path.display().to_string(), text));
                }
            }
        }
        assert!(out.len() > 50, "sources not found");
        out
    }
}
