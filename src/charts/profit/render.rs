//! Renderers of the profit charts: plotters, generic over `DrawingBackend`, drawing a laid-out
//! [`ProfitScene`] only. Production passes `plotters_canvas::CanvasBackend` (with the context scaled to the
//! device pixel ratio, so coordinates are CSS pixels); native tests draw into an SVG string.
//!
//! The candle chart's primitives (`render::primitives`) are private to it, so the few conversions needed here
//! (`px`, `stroke`, `fill`, `font`) are small equivalents.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::model_axis::{Frame, X_AXIS};
use super::model_bars::BarsGeom;
use super::model_chart::ProfitScene;
use super::model_cumulative::CumulativeGeom;
use super::model_theme::ProfitTheme;
use crate::charts::model::color::Rgba;

pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A pixel coordinate; non-finite values go to 0 and huge ones are clamped.
pub(super) fn px(v: f64) -> i32 {
    if v.is_finite() {
        v.round().clamp(-1.0e6, 1.0e6) as i32
    } else {
        0
    }
}

pub(super) fn pt((x, y): (f64, f64)) -> (i32, i32) {
    (px(x), px(y))
}

pub(super) fn color(c: Rgba) -> RGBAColor {
    RGBAColor(c.r, c.g, c.b, c.a)
}

pub(super) fn stroke(c: Rgba, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: color(c),
        filled: false,
        stroke_width: width.clamp(1, 8),
    }
}

pub(super) fn fill(c: Rgba) -> ShapeStyle {
    ShapeStyle {
        color: color(c),
        filled: true,
        stroke_width: 1,
    }
}

pub(super) fn font(size: f64, c: Rgba, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle {
        // A variant, not "sans-serif": see charts::render::primitives::text.
        font: (FontFamily::SansSerif, size).into_font(),
        color: color(c).to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// Draws a scene.
pub fn draw_scene<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &ProfitScene,
    theme: &ProfitTheme,
) -> DrawResult<DB> {
    match scene {
        ProfitScene::Cumulative(g) => draw_cumulative(area, g, theme),
        ProfitScene::Bars(g) => draw_bars(area, g, theme),
        ProfitScene::Donut(g) => super::render_donut::draw_donut(area, g, theme),
    }
}

/// Grid lines, the zero line and the axis labels of a cartesian chart.
pub fn draw_frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &ProfitTheme,
) -> DrawResult<DB> {
    let p = f.plot;
    let muted = theme.palette.muted;
    let label = |h| font(11.0, muted, h, VPos::Center);
    for t in &f.y_ticks {
        area.draw(&PathElement::new(
            vec![(px(p.x), px(t.pos)), (px(p.right()), px(t.pos))],
            stroke(theme.palette.grid, 1),
        ))?;
        area.draw(&Text::new(
            t.label.clone(),
            (px(p.x - 6.0), px(t.pos)),
            label(HPos::Right),
        ))?;
    }
    for t in &f.y2_ticks {
        area.draw(&Text::new(
            t.label.clone(),
            (px(p.right() + 6.0), px(t.pos)),
            label(HPos::Left),
        ))?;
    }
    let x_label_y = px(p.bottom() + X_AXIS / 2.0 + 1.0);
    for t in &f.x_ticks {
        if t.pos < p.x - 1.0 || t.pos > p.right() + 1.0 {
            continue;
        }
        area.draw(&Text::new(
            t.label.clone(),
            (px(t.pos), x_label_y),
            label(HPos::Center),
        ))?;
    }
    area.draw(&PathElement::new(
        vec![(px(p.x), px(p.bottom())), (px(p.right()), px(p.bottom()))],
        stroke(theme.axis, 1),
    ))?;
    if let Some(z) = f.zero_y {
        area.draw(&PathElement::new(
            vec![(px(p.x), px(z)), (px(p.right()), px(z))],
            stroke(theme.axis, 1),
        ))?;
    }
    Ok(())
}

/// The cumulative step line and the dotted projection.
pub fn draw_cumulative<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    g: &CumulativeGeom,
    theme: &ProfitTheme,
) -> DrawResult<DB> {
    draw_frame(area, &g.frame, theme)?;
    for (i, other) in g.others.iter().enumerate() {
        if other.len() >= 2 {
            area.draw(&PathElement::new(
                other.iter().copied().map(pt).collect::<Vec<_>>(),
                stroke(crate::charts::model::color::series_color(i), 2),
            ))?;
        }
    }
    if g.line.len() >= 2 {
        area.draw(&PathElement::new(
            g.line.iter().copied().map(pt).collect::<Vec<_>>(),
            stroke(g.line_color, 2),
        ))?;
    }
    if let Some(&last) = g.line.last() {
        area.draw(&Circle::new(pt(last), 3, fill(g.line_color)))?;
    }
    for [a, b] in &g.dashes {
        area.draw(&PathElement::new(
            vec![pt(*a), pt(*b)],
            stroke(g.projection_color, 2),
        ))?;
    }
    if let Some(end) = g.projection_end {
        area.draw(&Circle::new(pt(end), 3, fill(g.projection_color)))?;
    }
    Ok(())
}

/// Bars, the secondary dots and the "last N of M" note.
pub fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    g: &BarsGeom,
    theme: &ProfitTheme,
) -> DrawResult<DB> {
    draw_frame(area, &g.frame, theme)?;
    for b in &g.bars {
        let (x0, x1) = (px(b.x0), px(b.x1).max(px(b.x0) + 1));
        let (y0, y1) = (px(b.y0), px(b.y1).max(px(b.y0) + 1));
        area.draw(&Rectangle::new(
            [(x0, y0), (x1, y1)],
            fill(b.color.with_alpha(0.85)),
        ))?;
    }
    if g.secondary.len() >= 2 {
        area.draw(&PathElement::new(
            g.secondary.iter().copied().map(pt).collect::<Vec<_>>(),
            stroke(g.secondary_color.with_alpha(0.6), 1),
        ))?;
    }
    let r = if g.band >= 8.0 { 3 } else { 2 };
    for &p in &g.secondary {
        area.draw(&Circle::new(pt(p), r, fill(g.secondary_color)))?;
    }
    if let Some(note) = &g.note {
        let p = g.frame.plot;
        area.draw(&Text::new(
            note.clone(),
            (px(p.x + 4.0), px(p.y + 2.0)),
            font(10.0, theme.palette.muted, HPos::Left, VPos::Top),
        ))?;
    }
    Ok(())
}
