//! Colours of the profit charts for the dark and light themes: the chart chrome comes from the candle chart's
//! [`Palette`]; profit and loss match the stylesheet's `--profit` / `--loss`.

use crate::charts::model::color::Rgba;
use crate::charts::model::theme::Palette;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProfitTheme {
    pub dark: bool,
    /// Text, grid and tooltip colours shared with the candle chart.
    pub palette: Palette,
    pub profit: Rgba,
    pub loss: Rgba,
    /// The cumulative profit line.
    pub line: Rgba,
    /// Secondary series (the trade count).
    pub secondary: Rgba,
    /// Zero lines and axis borders.
    pub axis: Rgba,
}

impl ProfitTheme {
    pub fn new(dark: bool) -> Self {
        let palette = Palette::new(dark);
        if dark {
            ProfitTheme {
                dark,
                palette,
                profit: Rgba::rgb(0x3f, 0xb9, 0x50),
                loss: Rgba::rgb(0xf8, 0x51, 0x49),
                line: Rgba::rgb(0x4c, 0x8d, 0xff),
                secondary: Rgba::rgb(0xd2, 0x99, 0x22),
                axis: palette.muted.with_alpha(0.45),
            }
        } else {
            ProfitTheme {
                dark,
                palette,
                profit: Rgba::rgb(0x1a, 0x7f, 0x37),
                loss: Rgba::rgb(0xcf, 0x22, 0x2e),
                line: Rgba::rgb(0x1f, 0x6f, 0xeb),
                secondary: Rgba::rgb(0x9a, 0x67, 0x00),
                axis: palette.muted.with_alpha(0.45),
            }
        }
    }

    /// Profit colour for a value ≥ 0, loss colour below.
    pub fn signed(&self, value: f64) -> Rgba {
        if value < 0.0 {
            self.loss
        } else {
            self.profit
        }
    }
}

/// Donut slice colours: distinct on dark and light backgrounds, used in order (the largest slice first).
pub const SLICE_COLORS: [Rgba; 9] = [
    Rgba::rgb(0x4c, 0x8d, 0xff),
    Rgba::rgb(0xf5, 0x9e, 0x0b),
    Rgba::rgb(0x14, 0xb8, 0xa6),
    Rgba::rgb(0xa8, 0x55, 0xf7),
    Rgba::rgb(0xec, 0x48, 0x99),
    Rgba::rgb(0x84, 0xcc, 0x16),
    Rgba::rgb(0x06, 0xb6, 0xd4),
    Rgba::rgb(0xf9, 0x73, 0x16),
    Rgba::rgb(0x63, 0x66, 0xf1),
];

/// The colour of the `i`-th slice (cycling).
pub fn slice_color(i: usize) -> Rgba {
    SLICE_COLORS
        .get(i % SLICE_COLORS.len())
        .copied()
        .unwrap_or(Rgba::rgb(0x4c, 0x8d, 0xff))
}
