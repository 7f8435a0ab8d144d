//! `LinearScale`: a value domain mapped onto a pixel range, the one value axis of every chart (the candle
//! chart's price panes build on it with headroom; the profit charts use it as is).

/// Maps a value domain onto a pixel range. Never produces NaN for a finite input through [`LinearScale::px`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl LinearScale {
    /// A scale from `domain` to `range`. A non-finite domain becomes `0..1`; an empty one is widened.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        let (mut d0, mut d1) = domain;
        if !d0.is_finite() || !d1.is_finite() {
            (d0, d1) = (0.0, 1.0);
        }
        if d1 < d0 {
            std::mem::swap(&mut d0, &mut d1);
        }
        if d1 - d0 <= f64::EPSILON * d0.abs().max(1.0) {
            let pad = (d0.abs() * 0.1).max(1e-9);
            (d0, d1) = (d0 - pad, d1 + pad);
        }
        let fix = |v: f64| if v.is_finite() { v } else { 0.0 };
        LinearScale {
            d0,
            d1,
            r0: fix(range.0),
            r1: fix(range.1),
        }
    }

    pub fn domain(&self) -> (f64, f64) {
        (self.d0, self.d1)
    }

    /// The pixel of `v`: non-finite values map to the start of the range, far ones are clamped to ±10⁷ px
    /// (what a canvas still draws).
    pub fn px(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return self.r0;
        }
        let p = self.px_raw(v);
        if p.is_finite() {
            p.clamp(-1.0e7, 1.0e7)
        } else {
            self.r0
        }
    }

    /// The pixel of `v` without checks, for hot loops whose callers skip gaps: NaN in, NaN out.
    #[inline]
    pub fn px_raw(&self, v: f64) -> f64 {
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }

    /// The value at pixel `p`: the inverse of [`LinearScale::px`] inside the range.
    pub fn value(&self, p: f64) -> f64 {
        let span = self.r1 - self.r0;
        if span == 0.0 {
            return self.d0;
        }
        self.d0 + (p - self.r0) / span * (self.d1 - self.d0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_repair_degenerate_domains() {
        let s = LinearScale::new((0.0, 10.0), (100.0, 0.0));
        assert_eq!(s.px(5.0), 50.0);
        assert_eq!(s.px(f64::NAN), 100.0);
        assert!(s.px_raw(f64::NAN).is_nan());
        let flat = LinearScale::new((3.0, 3.0), (0.0, 10.0));
        assert!((flat.px(3.0) - 5.0).abs() < 1e-9);
        let zero = LinearScale::new((0.0, 0.0), (0.0, 10.0));
        assert!(zero.px(0.0).is_finite());
        let bad = LinearScale::new((f64::NAN, f64::INFINITY), (0.0, 10.0));
        assert_eq!(bad.domain(), (0.0, 1.0));
        let reversed = LinearScale::new((10.0, 0.0), (0.0, 10.0));
        assert_eq!(reversed.px(0.0), 0.0);
        assert_eq!(LinearScale::new((0.0, 1.0), (0.0, 1.0)).px(1e300), 1.0e7);
    }

    #[test]
    fn value_inverts_px() {
        let s = LinearScale::new((-2.5, 7.5), (300.0, 20.0));
        for v in [-2.5, 0.0, 1.25, 7.5] {
            assert!((s.value(s.px(v)) - v).abs() < 1e-9);
        }
        let flat = LinearScale::new((0.0, 1.0), (5.0, 5.0));
        assert_eq!(flat.value(5.0), 0.0);
    }
}
