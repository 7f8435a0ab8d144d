//! Renderer tests: draw scenes into an SVG string and check what was drawn.

use std::collections::HashSet;
use std::sync::Arc;

use plotters::prelude::*;

use super::{draw_grid, draw_main, draw_overlay, draw_series, Candles};
use crate::charts::model::chart::{ChartModel, ChartOptions};
use crate::charts::model::scale::TimeScale;
use crate::charts::model::synthetic::{workload_frame, workload_spec, workload_trades};
use crate::charts::model::tooltip::hit_test;
use crate::charts::model::units::CssPx;

fn model(n: usize) -> ChartModel {
    let frame = Arc::new(workload_frame(n, 7));
    let trades = workload_trades(&frame);
    ChartModel::new(
        frame,
        workload_spec(),
        &trades,
        ChartOptions::default(),
        HashSet::new(),
    )
}

fn svg(draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>)) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (700, 400)).into_drawing_area();
        draw(&root);
        let _ = root.present();
    }
    out
}

#[test]
fn draws_every_candle_as_wick_and_body() {
    let m = model(300);
    let scene = m.scene(
        700.0,
        400.0,
        &TimeScale::showing_last(300, 60, 0.0, CssPx(628.0)),
    );
    let text = svg(|a| {
        assert!(draw_main(a, &scene, &m.palette).is_ok());
    });
    let up = format!(
        "#{:02X}{:02X}{:02X}",
        m.options.up.r, m.options.up.g, m.options.up.b
    );
    let down = format!(
        "#{:02X}{:02X}{:02X}",
        m.options.down.r, m.options.down.g, m.options.down.b
    );
    let colored = text.matches(&up).count() + text.matches(&down).count();
    // Wick + body per candle, + volume bar per candle.
    assert!(
        colored >= 3 * scene.candles.len(),
        "{colored} coloured items for {} candles",
        scene.candles.len()
    );
    assert!(text.contains("<polyline"), "indicator lines");
    assert!(text.contains("<text"), "axis labels");
}

#[test]
fn skipping_candles_leaves_them_to_the_batched_renderer() {
    let m = model(300);
    let scene = m.scene(
        700.0,
        400.0,
        &TimeScale::showing_last(300, 60, 0.0, CssPx(628.0)),
    );
    let with = svg(|a| {
        let _ = draw_series(a, &scene, &m.palette, Candles::Plotters);
    });
    let without = svg(|a| {
        let _ = draw_series(a, &scene, &m.palette, Candles::Skip);
    });
    assert!(with.matches("<rect").count() > without.matches("<rect").count() + scene.candles.len());
    let grid = svg(|a| {
        let _ = draw_grid(a, &scene, &m.palette);
    });
    assert!(grid.contains("<polyline") || grid.contains("<line"));
}

#[test]
fn overlay_draws_crosshair_and_tooltip() {
    let m = model(300);
    let scene = m.scene(
        700.0,
        400.0,
        &TimeScale::showing_last(300, 60, 0.0, CssPx(628.0)),
    );
    let Some(hit) = hit_test(&scene, 300, 300.0, 50.0) else {
        panic!("no hit");
    };
    let tip = m.tooltip(hit.index);
    let text = svg(|a| {
        assert!(draw_overlay(a, &scene, &m.palette, &hit, 50.0, tip.as_ref()).is_ok());
    });
    assert!(text.contains("Open"));
    assert!(text.contains("rsi"));
}
