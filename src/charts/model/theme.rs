//! Colours of the chart's chrome (axes, grid, crosshair, tooltip) for the dark and light themes, and of the
//! markers FreqUI uses.

use super::color::Rgba;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub text: Rgba,
    pub muted: Rgba,
    pub grid: Rgba,
    pub crosshair: Rgba,
    pub tooltip_bg: Rgba,
    pub tooltip_text: Rgba,
    pub volume: Rgba,
    pub label_bg: Rgba,
}

impl Palette {
    pub fn new(dark: bool) -> Self {
        if dark {
            Palette {
                text: Rgba::rgb(0xe6, 0xe9, 0xee),
                muted: Rgba::rgb(0x9a, 0xa4, 0xb2),
                grid: Rgba::rgb(0x9a, 0xa4, 0xb2).with_alpha(0.12),
                crosshair: Rgba::rgb(0xcf, 0xd6, 0xe0).with_alpha(0.7),
                tooltip_bg: Rgba::rgb(0x10, 0x14, 0x1a).with_alpha(0.88),
                tooltip_text: Rgba::rgb(0xe6, 0xe9, 0xee),
                volume: Rgba::rgb(0x9a, 0xa4, 0xb2).with_alpha(0.45),
                label_bg: Rgba::rgb(0x2d, 0x34, 0x40),
            }
        } else {
            Palette {
                text: Rgba::rgb(0x1b, 0x1f, 0x24),
                muted: Rgba::rgb(0x5d, 0x66, 0x73),
                grid: Rgba::rgb(0x5d, 0x66, 0x73).with_alpha(0.12),
                crosshair: Rgba::rgb(0x3d, 0x44, 0x4f).with_alpha(0.7),
                tooltip_bg: Rgba::rgb(0x1b, 0x1f, 0x24).with_alpha(0.85),
                tooltip_text: Rgba::rgb(0xf6, 0xf7, 0xf9),
                volume: Rgba::rgb(0x5d, 0x66, 0x73).with_alpha(0.35),
                label_bg: Rgba::rgb(0x3d, 0x44, 0x4f),
            }
        }
    }
}

/// Trade markers: blue for long, purple for short (FreqUI's colours).
pub const LONG_TRADE: Rgba = Rgba::rgb(0x00, 0x66, 0xff);
pub const SHORT_TRADE: Rgba = Rgba::rgb(0xad, 0x00, 0xff);
/// Signal markers: green entries, orange exits.
pub const SIGNAL_ENTRY: Rgba = Rgba::rgb(0x00, 0xa8, 0x3c);
pub const SIGNAL_EXIT: Rgba = Rgba::rgb(0xff, 0x8c, 0x00);
pub const STOPLOSS: Rgba = Rgba::rgb(0xef, 0x44, 0x44);
pub const ANNOTATION: Rgba = Rgba::rgb(0x8e, 0x8e, 0x8e);
