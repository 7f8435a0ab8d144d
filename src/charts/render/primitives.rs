//! Conversions from the scene's `f64` CSS pixels and colours to plotters' types, and marker shapes.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::DrawResult;
use crate::charts::model::color::Rgba;
use crate::charts::model::scene::{MarkerGeom, MarkerShape};
use crate::charts::model::theme::Palette;

/// A pixel coordinate; non-finite values go to 0 and huge ones are clamped (never a panic or overflow).
#[inline]
pub fn px(v: f64) -> i32 {
    if v.is_finite() {
        v.round().clamp(-1.0e6, 1.0e6) as i32
    } else {
        0
    }
}

pub fn rgba(c: Rgba) -> RGBAColor {
    RGBAColor(c.r, c.g, c.b, c.a)
}

pub fn stroke(c: Rgba, width: f64) -> ShapeStyle {
    ShapeStyle {
        color: rgba(c),
        filled: false,
        stroke_width: width.round().clamp(1.0, 8.0) as u32,
    }
}

pub fn fill(c: Rgba) -> ShapeStyle {
    ShapeStyle {
        color: rgba(c),
        filled: true,
        stroke_width: 1,
    }
}

/// The family is named by its variant, not a string: plotters reads a family name through `str::to_lowercase`,
/// which would bring the Unicode case table (4.3 KB gzip) into the chart's module (issue 10).
fn text(family: FontFamily<'static>, size: f64, color: Rgba) -> TextStyle<'static> {
    TextStyle {
        font: (family, size).into_font(),
        color: rgba(color).to_backend_color(),
        pos: Pos::new(HPos::Left, VPos::Top),
    }
}

pub fn font(size: f64, color: Rgba) -> TextStyle<'static> {
    text(FontFamily::SansSerif, size, color)
}

pub fn mono(size: f64, color: Rgba) -> TextStyle<'static> {
    text(FontFamily::Monospace, size, color)
}

/// A marker and its label (rotated labels would need per-label transforms; ours sit beside the marker).
pub fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    m: &MarkerGeom,
    palette: &Palette,
) -> DrawResult<DB> {
    let (x, y) = (px(m.x), px(m.y));
    let s = px(m.size).max(2);
    let style = fill(m.color);
    match m.shape {
        MarkerShape::TriangleUp => {
            // Below the price, pointing up at it.
            area.draw(&Polygon::new(
                vec![(x, y + 2), (x - s, y + 2 + 2 * s), (x + s, y + 2 + 2 * s)],
                style,
            ))?
        }
        MarkerShape::TriangleDown => area.draw(&Polygon::new(
            vec![(x, y - 2), (x - s, y - 2 - 2 * s), (x + s, y - 2 - 2 * s)],
            style,
        ))?,
        MarkerShape::Diamond => area.draw(&Polygon::new(
            vec![(x, y - s), (x + s, y), (x, y + s), (x - s, y)],
            style,
        ))?,
        MarkerShape::Circle => area.draw(&Circle::new((x, y), s as u32, style))?,
        MarkerShape::Square => area.draw(&Rectangle::new(
            [(x - s + 1, y - s + 1), (x + s - 1, y + s - 1)],
            style,
        ))?,
    }
    if let Some(label) = &m.label {
        let (ly, v) = match m.shape {
            MarkerShape::TriangleDown => (y - 4 - 2 * s, VPos::Bottom),
            _ => (y + 4 + 2 * s, VPos::Top),
        };
        let w = (label.chars().count() as i32) * 6 + 6;
        let (top, bottom) = match v {
            VPos::Bottom => (ly - 14, ly),
            _ => (ly, ly + 14),
        };
        area.draw(&Rectangle::new(
            [(x - w / 2, top), (x + w / 2, bottom)],
            fill(palette.label_bg.with_alpha(0.85)),
        ))?;
        area.draw(&Text::new(
            label.clone(),
            (x, (top + bottom) / 2),
            font(10.0, Rgba::rgb(255, 255, 255)).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    Ok(())
}
