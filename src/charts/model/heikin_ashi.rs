//! The Heikin-Ashi transform, computed from OHLC in the browser.
//!
//! A candle with any missing value stays a gap (never 0, which FreqUI's version draws as a false candle), and
//! the candle after a gap starts afresh from its own open and close.

use super::column::Column;

/// Heikin-Ashi open, high, low and close.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeikinAshi {
    pub open: Column,
    pub high: Column,
    pub low: Column,
    pub close: Column,
}

pub fn heikin_ashi(open: &Column, high: &Column, low: &Column, close: &Column) -> HeikinAshi {
    let n = open.len().min(high.len()).min(low.len()).min(close.len());
    let (mut o, mut h, mut l, mut c) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let mut prev: Option<(f64, f64)> = None;
    for i in 0..n {
        match (open.get(i), high.get(i), low.get(i), close.get(i)) {
            (Some(op), Some(hi), Some(lo), Some(cl)) => {
                let ha_close = (op + hi + lo + cl) / 4.0;
                let ha_open = match prev {
                    Some((po, pc)) => (po + pc) / 2.0,
                    None => (op + cl) / 2.0,
                };
                o.push(ha_open);
                c.push(ha_close);
                h.push(hi.max(ha_open).max(ha_close));
                l.push(lo.min(ha_open).min(ha_close));
                prev = Some((ha_open, ha_close));
            }
            _ => {
                for v in [&mut o, &mut h, &mut l, &mut c] {
                    v.push(f64::NAN);
                }
                prev = None;
            }
        }
    }
    HeikinAshi {
        open: Column::from_raw(o),
        high: Column::from_raw(h),
        low: Column::from_raw(l),
        close: Column::from_raw(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(v: &[Option<f64>]) -> Column {
        Column::from_options(v.iter().copied())
    }

    #[test]
    fn transform_matches_the_definition() {
        let ha = heikin_ashi(
            &col(&[Some(10.0), Some(11.0)]),
            &col(&[Some(12.0), Some(13.0)]),
            &col(&[Some(9.0), Some(10.0)]),
            &col(&[Some(11.0), Some(12.0)]),
        );
        assert_eq!(ha.close.get(0), Some(10.5));
        assert_eq!(ha.open.get(0), Some(10.5));
        assert_eq!(ha.high.get(0), Some(12.0));
        assert_eq!(ha.low.get(0), Some(9.0));
        assert_eq!(ha.open.get(1), Some(10.5));
        assert_eq!(ha.close.get(1), Some(11.5));
        assert_eq!(ha.high.get(1), Some(13.0));
        assert_eq!(ha.low.get(1), Some(10.0));
    }

    #[test]
    fn a_missing_value_is_a_gap_never_zero() {
        let ha = heikin_ashi(
            &col(&[Some(10.0), None, Some(20.0)]),
            &col(&[Some(12.0), Some(13.0), Some(22.0)]),
            &col(&[Some(9.0), Some(10.0), Some(18.0)]),
            &col(&[Some(11.0), Some(12.0), Some(21.0)]),
        );
        for c in [&ha.open, &ha.high, &ha.low, &ha.close] {
            assert_eq!(c.get(1), None, "the candle with a missing open is a gap");
            assert_ne!(c.raw().get(1).copied(), Some(0.0));
        }
        // After the gap the transform restarts from the candle's own open and close.
        assert_eq!(ha.open.get(2), Some(20.5));
        assert_eq!(ha.close.get(2), Some(20.25));
        assert!(ha.low.get(2).is_some_and(|v| v > 0.0));
    }

    #[test]
    fn columns_of_different_length_are_cut_to_the_shortest() {
        let ha = heikin_ashi(
            &col(&[Some(1.0), Some(1.0)]),
            &col(&[Some(1.0)]),
            &col(&[Some(1.0), Some(1.0)]),
            &col(&[Some(1.0), Some(1.0)]),
        );
        assert_eq!(ha.open.len(), 1);
    }
}
