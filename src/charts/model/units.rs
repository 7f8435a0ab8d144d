//! Newtypes for the coordinate spaces, so a bare number never crosses a layer boundary by accident.

/// A Unix time in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimestampMs(pub i64);

/// A fractional candle index: 0.0 is the centre of the first candle. The x axis is the bar index, not time.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Logical(pub f64);

/// A length or position in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct CssPx(pub f64);

/// A plot area: position and size in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        let fix = |v: f64| if v.is_finite() { v } else { 0.0 };
        Rect {
            x: fix(x),
            y: fix(y),
            w: fix(w).max(0.0),
            h: fix(h).max(0.0),
        }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }
}
