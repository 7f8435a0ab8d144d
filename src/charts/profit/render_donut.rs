//! The balance donut's renderer: ring sections as polygons, the legend and the total in the hole.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::model_donut::DonutGeom;
use super::model_theme::ProfitTheme;
use super::render::{fill, font, pt, px, DrawResult};

pub fn draw_donut<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    g: &DonutGeom,
    theme: &ProfitTheme,
) -> DrawResult<DB> {
    for s in &g.slices {
        if s.polygon.len() >= 3 {
            area.draw(&Polygon::new(
                s.polygon.iter().copied().map(pt).collect::<Vec<_>>(),
                fill(s.color),
            ))?;
        }
    }
    for row in &g.legend {
        let (x, cy) = (row.x, row.y + row.h / 2.0);
        area.draw(&Rectangle::new(
            [(px(x), px(cy - 5.0)), (px(x + 10.0), px(cy + 5.0))],
            fill(row.color),
        ))?;
        area.draw(&Text::new(
            row.text.clone(),
            (px(x + 16.0), px(cy)),
            font(12.0, theme.palette.text, HPos::Left, VPos::Center),
        ))?;
    }
    let lines = g.center.len() as f64;
    for (i, line) in g.center.iter().enumerate() {
        let y = g.cy + (i as f64 - (lines - 1.0) / 2.0) * 15.0;
        let (size, c) = if i == 0 {
            (11.0, theme.palette.muted)
        } else {
            (12.0, theme.palette.text)
        };
        area.draw(&Text::new(
            line.clone(),
            (px(g.cx), px(y)),
            font(size, c, HPos::Center, VPos::Center),
        ))?;
    }
    Ok(())
}
