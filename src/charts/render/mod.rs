//! Renderers: plotters, generic over `DrawingBackend`, drawing a prepared [`Scene`] only (no model logic).
//! Production passes `plotters_canvas::CanvasBackend`; native tests draw into an SVG string.
//!
//! The split: grid, axes, labels, indicators, fills, markers, stoploss lines, annotations and the overlay
//! (crosshair and tooltip) are always drawn by plotters. Candles and volume bars can be drawn by plotters too
//! ([`Candles::Plotters`]), but plotters-canvas sets a style string per primitive, so the browser passes
//! [`Candles::Skip`] and draws them batched straight on the context from the same geometry (see
//! `canvas::draw_candles_batched`); the benchmark measures both.

mod overlay;
mod primitives;

pub use overlay::{draw_measure, draw_overlay};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::charts::model::layout::PaneKey;
use crate::charts::model::scene::Scene;
use crate::charts::model::theme::Palette;
use primitives::{fill, font, px, stroke};

/// Who draws candles and volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candles {
    Plotters,
    Skip,
}

pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Grid lines of every pane and the time ticks (under the series).
pub fn draw_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    palette: &Palette,
) -> DrawResult<DB> {
    let grid = stroke(palette.grid, 1.0);
    for pane in &scene.panes {
        let r = pane.rect;
        for (y, _) in &pane.ticks {
            area.draw(&PathElement::new(
                vec![(px(r.x), px(*y)), (px(r.right()), px(*y))],
                grid,
            ))?;
        }
        for (x, _) in &scene.time_ticks {
            area.draw(&PathElement::new(
                vec![(px(*x), px(r.y)), (px(*x), px(r.bottom()))],
                grid,
            ))?;
        }
    }
    Ok(())
}

/// What lies under the candles: annotation areas and fill_to bands.
pub fn draw_backdrop<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
) -> DrawResult<DB> {
    for a in &scene.areas {
        for poly in &a.polygons {
            area.draw(&Polygon::new(
                poly.iter()
                    .map(|&(x, y)| (px(x), px(y)))
                    .collect::<Vec<_>>(),
                fill(a.color),
            ))?;
        }
    }
    for f in &scene.fills {
        for poly in &f.polygons {
            area.draw(&Polygon::new(
                poly.iter()
                    .map(|&(x, y)| (px(x), px(y)))
                    .collect::<Vec<_>>(),
                fill(f.color),
            ))?;
        }
    }
    Ok(())
}

/// The series over the backdrop, in z order: volume, candles, indicator bars, lines and points, markers,
/// stoploss lines, annotation labels.
pub fn draw_series<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    palette: &Palette,
    candles: Candles,
) -> DrawResult<DB> {
    if candles == Candles::Plotters {
        draw_volume(area, scene, palette)?;
        draw_candles(area, scene)?;
    }
    for b in &scene.bars {
        let half = (b.width / 2.0).max(0.5);
        for &(x, y, zero) in &b.bars {
            let (top, bottom) = if y < zero { (y, zero) } else { (zero, y) };
            area.draw(&Rectangle::new(
                [
                    (px(x - half), px(top)),
                    (
                        px(x + half).max(px(x - half) + 1),
                        px(bottom).max(px(top) + 1),
                    ),
                ],
                fill(b.color.with_alpha(0.8)),
            ))?;
        }
    }
    for l in &scene.lines {
        let style = stroke(l.color, l.width);
        for run in &l.runs {
            if run.len() < 2 {
                if let Some(&(x, y)) = run.first() {
                    area.draw(&Circle::new((px(x), px(y)), 1, fill(l.color)))?;
                }
                continue;
            }
            area.draw(&PathElement::new(
                run.iter().map(|&(x, y)| (px(x), px(y))).collect::<Vec<_>>(),
                style,
            ))?;
        }
    }
    for p in &scene.points {
        let r = p.radius.round().max(1.0) as u32;
        for &(x, y) in &p.points {
            area.draw(&Circle::new((px(x), px(y)), r, fill(p.color)))?;
        }
    }
    for m in &scene.markers {
        primitives::marker(area, m, palette)?;
    }
    for h in &scene.hlines {
        area.draw(&PathElement::new(
            vec![(px(h.x0), px(h.y)), (px(h.x1), px(h.y))],
            stroke(h.color, 1.0),
        ))?;
        area.draw(&Text::new(
            h.label.clone(),
            (px(h.x0) + 4, px(h.y) - 2),
            font(10.0, h.color).pos(Pos::new(HPos::Left, VPos::Bottom)),
        ))?;
    }
    for n in &scene.notes {
        area.draw(&Text::new(
            n.text.clone(),
            (px(n.x), px(n.y)),
            font(10.0, palette.muted).pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }
    Ok(())
}

/// Candles with plotters: a wick line and a body rectangle each.
pub fn draw_candles<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
) -> DrawResult<DB> {
    let half = ((scene.candle_width - 1.0) / 2.0).max(0.0);
    for c in &scene.candles {
        let color = if c.up { scene.up } else { scene.down };
        let x = px(c.x);
        area.draw(&PathElement::new(
            vec![(x, px(c.high)), (x, px(c.low))],
            stroke(color, 1.0),
        ))?;
        if half >= 1.0 {
            let (top, bottom) = (c.open.min(c.close), c.open.max(c.close));
            let h = half.round() as i32;
            area.draw(&Rectangle::new(
                [(x - h, px(top)), (x + h + 1, px(bottom).max(px(top) + 1))],
                fill(color),
            ))?;
        }
    }
    Ok(())
}

/// Volume bars with plotters.
pub fn draw_volume<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    _palette: &Palette,
) -> DrawResult<DB> {
    let half = ((scene.candle_width - 1.0) / 2.0).max(0.0).round() as i32;
    for v in &scene.volume {
        let color = if v.up { scene.up } else { scene.down }.with_alpha(0.45);
        let x = px(v.x);
        area.draw(&Rectangle::new(
            [
                (x - half, px(v.top)),
                (x + half + 1, px(v.bottom).max(px(v.top) + 1)),
            ],
            fill(color),
        ))?;
    }
    Ok(())
}

/// Price labels, pane titles and the time axis (over the series, outside the plot clip).
pub fn draw_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    palette: &Palette,
) -> DrawResult<DB> {
    let layout = &scene.layout;
    let label_x = px(layout.label_x());
    let h_pos = if layout.axis_left {
        HPos::Right
    } else {
        HPos::Left
    };
    let border = stroke(
        palette.grid.with_alpha((palette.grid.a * 2.5).min(1.0)),
        1.0,
    );
    for pane in &scene.panes {
        let r = pane.rect;
        let edge = if layout.axis_left { r.x } else { r.right() };
        area.draw(&PathElement::new(
            vec![(px(edge), px(r.y)), (px(edge), px(r.bottom()))],
            border,
        ))?;
        area.draw(&PathElement::new(
            vec![(px(r.x), px(r.bottom())), (px(r.right()), px(r.bottom()))],
            border,
        ))?;
        for (y, label) in &pane.ticks {
            area.draw(&Text::new(
                label.clone(),
                (label_x, px(*y)),
                font(11.0, palette.muted).pos(Pos::new(h_pos, VPos::Center)),
            ))?;
        }
        if !pane.title.is_empty() && pane.key != PaneKey::Price {
            area.draw(&Text::new(
                pane.title.clone(),
                (px(r.x) + 6, px(r.y) + 3),
                font(11.0, palette.muted).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
    }
    let ty = px(layout.time_axis.y + layout.time_axis.h / 2.0);
    let min_x = layout.plot.x + 16.0;
    let max_x = layout.plot.right() - 16.0;
    for (x, label) in &scene.time_ticks {
        if *x < min_x || *x > max_x {
            continue;
        }
        area.draw(&Text::new(
            label.clone(),
            (px(*x), ty),
            font(11.0, palette.muted).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// The whole main canvas with plotters only (tests and the benchmark's plotters-only mode).
pub fn draw_main<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    palette: &Palette,
) -> DrawResult<DB> {
    draw_grid(area, scene, palette)?;
    draw_backdrop(area, scene)?;
    draw_series(area, scene, palette, Candles::Plotters)?;
    draw_axes(area, scene, palette)
}

#[cfg(test)]
mod tests;
