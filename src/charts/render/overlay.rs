//! The overlay canvas: crosshair through every pane at the hovered candle, the value and time labels on the
//! axes, and the tooltip box on the side of the chart away from the pointer. Redrawn on pointer moves alone.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::primitives::{fill, font, mono, px, stroke};
use super::DrawResult;
use crate::charts::model::measure::PlacedMeasure;
use crate::charts::model::scene::Scene;
use crate::charts::model::theme::Palette;
use crate::charts::model::tooltip::{Hit, Tooltip};
use crate::util::format;

const LINE_H: i32 = 15;
const CHAR_W: f64 = 6.7;

/// Draws the crosshair at `hit` (pointer at `cursor_y`) and the tooltip.
pub fn draw_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    palette: &Palette,
    hit: &Hit,
    cursor_y: f64,
    tooltip: Option<&Tooltip>,
) -> DrawResult<DB> {
    let layout = &scene.layout;
    let plot = layout.plot;
    let line = stroke(palette.crosshair, 1.0);
    let x = px(hit.x);
    area.draw(&PathElement::new(
        vec![(x, px(plot.y)), (x, px(plot.bottom()))],
        line,
    ))?;
    if let (Some(_), Some(value)) = (hit.pane, hit.value) {
        let y = px(cursor_y);
        area.draw(&PathElement::new(
            vec![(px(plot.x), y), (px(plot.right()), y)],
            line,
        ))?;
        let text = format::price(value);
        let w = (text.len() as f64 * CHAR_W + 8.0) as i32;
        let (x0, x1, tx, h) = if layout.axis_left {
            (px(plot.x) - w, px(plot.x), px(plot.x) - 4, HPos::Right)
        } else {
            (
                px(plot.right()),
                px(plot.right()) + w,
                px(plot.right()) + 4,
                HPos::Left,
            )
        };
        area.draw(&Rectangle::new(
            [(x0, y - 8), (x1, y + 8)],
            fill(palette.label_bg),
        ))?;
        area.draw(&Text::new(
            text,
            (tx, y),
            mono(11.0, palette.tooltip_text).pos(Pos::new(h, VPos::Center)),
        ))?;
    }
    if let Some(tip) = tooltip {
        let time = &tip.title;
        let w = (time.len() as f64 * CHAR_W + 10.0) as i32;
        let ty = px(layout.time_axis.y);
        area.draw(&Rectangle::new(
            [(x - w / 2, ty), (x + w / 2, ty + 18)],
            fill(palette.label_bg),
        ))?;
        area.draw(&Text::new(
            time.clone(),
            (x, ty + 9),
            mono(11.0, palette.tooltip_text).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
        draw_tooltip(area, scene, palette, hit, tip)?;
    }
    Ok(())
}

fn draw_tooltip<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    palette: &Palette,
    hit: &Hit,
    tip: &Tooltip,
) -> DrawResult<DB> {
    let plot = scene.layout.plot;
    let mut rows: Vec<(
        String,
        Option<String>,
        bool,
        Option<crate::charts::model::color::Rgba>,
    )> = Vec::new();
    rows.push((tip.title.clone(), None, true, None));
    for s in &tip.sections {
        if !s.title.is_empty() {
            rows.push((s.title.clone(), None, true, None));
        }
        for r in &s.rows {
            rows.push((r.label.clone(), Some(r.value.clone()), false, r.color));
        }
    }
    let label_w = rows
        .iter()
        .filter(|r| r.1.is_some())
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(0);
    let widest = rows
        .iter()
        .map(|(l, v, _, _)| match v {
            Some(v) => label_w + 2 + v.chars().count(),
            None => l.chars().count(),
        })
        .max()
        .unwrap_or(10)
        .min(70);
    let w = (widest as f64 * CHAR_W) as i32 + 24;
    let max_rows = ((plot.h - 16.0) / f64::from(LINE_H)).floor().max(1.0) as usize;
    let shown = rows.len().min(max_rows);
    let h = shown as i32 * LINE_H + 10;
    // Opposite side of the pointer.
    let left = if hit.x > plot.x + plot.w / 2.0 {
        px(plot.x) + 8
    } else {
        px(plot.right()) - w - 8
    };
    let top = px(plot.y) + 8;
    area.draw(&Rectangle::new(
        [(left, top), (left + w, top + h)],
        fill(palette.tooltip_bg),
    ))?;
    for (k, (label, value, heading, color)) in rows.into_iter().take(shown).enumerate() {
        let y = top + 5 + k as i32 * LINE_H + LINE_H / 2;
        let mut x = left + 8;
        if let Some(c) = color {
            area.draw(&Rectangle::new([(x, y - 3), (x + 7, y + 4)], fill(c)))?;
        }
        x += 12;
        let text_color = if heading {
            palette.tooltip_text.with_alpha(0.75)
        } else {
            palette.tooltip_text
        };
        let text = match value {
            Some(v) => format!("{label:<label_w$}  {v}"),
            None => label,
        };
        let text: String = text.chars().take(70).collect();
        let style = if heading {
            font(11.0, text_color)
        } else {
            mono(11.0, text_color)
        };
        area.draw(&Text::new(
            text,
            (x, y),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// The measure tool: a shaded box from one end to the other, tinted by direction, an arrow line between the
/// ends and the measured text in a label beside the end.
pub fn draw_measure<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    palette: &Palette,
    placed: &PlacedMeasure,
) -> DrawResult<DB> {
    let tint = if placed.measurement.rising() {
        scene.up
    } else {
        scene.down
    };
    let (a, b) = (placed.from, placed.to);
    area.draw(&Rectangle::new(
        [(px(a.0), px(a.1)), (px(b.0), px(b.1))],
        fill(tint.with_alpha(0.18)),
    ))?;
    area.draw(&PathElement::new(
        vec![(px(a.0), px(a.1)), (px(b.0), px(b.1))],
        stroke(tint, 1.0),
    ))?;
    let text = &placed.text;
    let w = (text.chars().count() as f64 * CHAR_W + 12.0) as i32;
    let plot = scene.layout.plot;
    // Beside the end, kept inside the plot.
    let left = (px(b.0) + 8).min(px(plot.right()) - w).max(px(plot.x));
    let top = if b.1 < a.1 { px(b.1) - 26 } else { px(b.1) + 8 }
        .clamp(px(plot.y), px(plot.bottom()) - 18);
    area.draw(&Rectangle::new(
        [(left, top), (left + w, top + 18)],
        fill(tint.with_alpha(0.9)),
    ))?;
    area.draw(&Text::new(
        text.clone(),
        (left + 6, top + 9),
        mono(11.0, palette.tooltip_text).pos(Pos::new(HPos::Left, VPos::Center)),
    ))?;
    Ok(())
}
