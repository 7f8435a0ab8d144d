//! Scene and hover tests over the benchmark workload.

use std::collections::HashSet;
use std::sync::Arc;

use super::chart::{ChartModel, ChartOptions, KEY_CANDLES, KEY_TRADES};
use super::layout::PaneKey;
use super::scale::TimeScale;
use super::synthetic::{workload_frame, workload_spec, workload_trades};
use super::tooltip::hit_test;
use super::units::CssPx;

fn model(n: usize, options: ChartOptions, hidden: &[&str]) -> ChartModel {
    let frame = Arc::new(workload_frame(n, 42));
    let trades = workload_trades(&frame);
    ChartModel::new(
        frame,
        workload_spec(),
        &trades,
        options,
        hidden.iter().map(|s| s.to_string()).collect::<HashSet<_>>(),
    )
}

#[test]
fn full_view_of_50k_candles_draws_at_most_one_candle_per_pixel_column() {
    let m = model(50_000, ChartOptions::default(), &[]);
    let scale = TimeScale::showing_last(
        50_000,
        50_000,
        0.0,
        CssPx(1400.0 - super::layout::AXIS_GUTTER),
    );
    let scene = m.scene(1400.0, 800.0, &scale);
    let plot_w = scene.layout.plot.w;
    assert!(
        scene.candles.len() as f64 <= plot_w + 2.0,
        "{} candles",
        scene.candles.len()
    );
    assert!(scene.candles.len() > 1000);
    assert_eq!(scene.volume.len(), scene.candles.len());
    // 6 indicators: 5 lines + fill band on the price pane, the RSI line below.
    assert_eq!(scene.lines.len(), 6);
    assert_eq!(scene.fills.len(), 1);
    for line in &scene.lines {
        let points: usize = line.runs.iter().map(Vec::len).sum();
        assert!(points as f64 <= 2.0 * (plot_w + 2.0));
    }
    assert_eq!(scene.markers.len(), 50);
    assert_eq!(scene.trade_markers, 50);
    assert_eq!(scene.panes.len(), 3);
    assert!(!scene.time_ticks.is_empty());
    // Every candle lies inside the price pane.
    let price = scene
        .pane(PaneKey::Price)
        .map(|p| p.rect)
        .unwrap_or_default();
    assert!(scene
        .candles
        .iter()
        .all(|c| c.high >= price.y - 0.5 && c.low <= price.bottom() + 0.5));
}

#[test]
fn zoomed_in_view_draws_the_visible_candles_only() {
    let m = model(5_000, ChartOptions::default(), &[]);
    let scale = TimeScale::showing_last(5_000, 250, 3.0, CssPx(1328.0));
    let scene = m.scene(1400.0, 800.0, &scale);
    assert!(
        (249..=252).contains(&scene.candles.len()),
        "{}",
        scene.candles.len()
    );
    assert!(scene.candle_width >= 3.0);
    // Markers only where their candle is visible.
    assert!(scene.markers.len() < 10);
}

#[test]
fn legend_toggles_and_heikin_ashi() {
    let m = model(
        1_000,
        ChartOptions::default(),
        &[KEY_CANDLES, KEY_TRADES, "rsi", "Volume"],
    );
    let scale = TimeScale::showing_last(1_000, 250, 0.0, CssPx(1000.0));
    let scene = m.scene(1100.0, 600.0, &scale);
    assert!(scene.candles.is_empty());
    assert!(scene.volume.is_empty());
    assert!(scene.markers.is_empty());
    assert_eq!(scene.lines.len(), 5);
    assert!(scene.pane(PaneKey::Volume).is_none());

    let ha = model(
        1_000,
        ChartOptions {
            heikin_ashi: true,
            ..ChartOptions::default()
        },
        &[],
    );
    let plain = model(1_000, ChartOptions::default(), &[]);
    assert_ne!(ha.ohlc().open.get(10), plain.ohlc().open.get(10));
    assert_eq!(ha.ohlc().volume.get(10), plain.ohlc().volume.get(10));
}

#[test]
fn hover_finds_the_candle_under_the_pointer() {
    let m = model(1_000, ChartOptions::default(), &[]);
    let scale = TimeScale::showing_last(1_000, 100, 0.0, CssPx(1000.0));
    let scene = m.scene(1072.0, 600.0, &scale);
    let x = scene.x_of(950);
    let price = scene
        .pane(PaneKey::Price)
        .map(|p| p.rect)
        .unwrap_or_default();
    let hit = hit_test(&scene, 1_000, x + 2.0, price.y + 10.0);
    assert_eq!(hit.map(|h| h.index), Some(950));
    assert_eq!(hit.and_then(|h| h.pane), Some(PaneKey::Price));
    assert_eq!(hit.map(|h| h.x), Some(x));
    // Snaps to the nearest candle; outside the plot or without data there is nothing.
    assert_eq!(
        hit_test(&scene, 1_000, scene.x_of(950) + 4.9, 10.0).map(|h| h.index),
        Some(950)
    );
    assert_eq!(
        hit_test(&scene, 1_000, scene.x_of(950) + 5.1, 10.0).map(|h| h.index),
        Some(951)
    );
    assert_eq!(hit_test(&scene, 1_000, 1071.0, 10.0), None);
    assert_eq!(hit_test(&scene, 0, x, 10.0), None);
    assert_eq!(hit_test(&scene, 1_000, f64::NAN, 10.0), None);
    // Past the last candle the last one is shown.
    let wide = m.scene(1072.0, 600.0, &scale.pan(CssPx(-300.0)));
    assert_eq!(
        hit_test(&wide, 1_000, 990.0, 10.0).map(|h| h.index),
        Some(999)
    );

    let tip = m.tooltip(950).unwrap_or_else(|| panic!("no tooltip"));
    let titles: Vec<&str> = tip.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, vec!["Candles", "Indicators", "", "RSI"]);
    let lines = tip.lines();
    assert!(lines.iter().any(|l| l.starts_with("Open ")));
    assert!(lines.iter().any(|l| l.starts_with("ema50 ")));
    assert!(lines.iter().any(|l| l.starts_with("rsi ")));
    assert!(m.tooltip(5_000).is_none());
}

#[test]
fn empty_and_tiny_data_never_panic() {
    for n in [0, 1, 2, 3] {
        let m = model(n, ChartOptions::default(), &[]);
        for (w, h) in [(0.0, 0.0), (1.0, 1.0), (800.0, 400.0), (f64::NAN, 300.0)] {
            let scale = TimeScale::showing_last(n, 250, 3.0, CssPx(w));
            let scene = m.scene(w, h, &scale);
            assert!(scene.candles.len() <= n);
            let _ = hit_test(&scene, n, 10.0, 10.0);
        }
    }
}

#[test]
fn pixel_paths_drop_points_that_draw_nothing() {
    use super::scene::pixel_path;
    let path = pixel_path([(0.0, 0.0), (0.2, 0.3), (0.2, 5.0), (0.4, 5.2), (1.0, 5.2)].into_iter());
    assert_eq!(path, vec![(0.0, 0.0), (0.2, 5.0), (1.0, 5.2)]);
    assert!(pixel_path(std::iter::empty()).is_empty());
}

#[test]
fn annotations_become_areas_lines_and_points_in_the_price_pane() {
    use super::frame::Annotation;
    use super::units::TimestampMs;
    let mut frame = workload_frame(300, 3);
    let t = |i: usize| TimestampMs(frame.ts.get(i).copied().unwrap_or(0));
    frame.annotations = vec![
        Annotation::Area {
            start: t(250),
            end: t(260),
            y_start: None,
            y_end: None,
            color: Some("red".into()),
            label: Some("zone".into()),
        },
        Annotation::Line {
            start: t(255),
            end: t(270),
            y_start: 100.0,
            y_end: 101.0,
            color: None,
            label: None,
            width: 2.0,
        },
        Annotation::Point {
            at: t(280),
            y: 100.5,
            color: Some("#00ff00".into()),
            label: Some("p".into()),
            size: 8.0,
        },
        // Before the data: clamped to the first candle, outside the view, so nothing is drawn for it.
        Annotation::Area {
            start: TimestampMs(0),
            end: TimestampMs(1),
            y_start: Some(1.0),
            y_end: Some(2.0),
            color: None,
            label: None,
        },
    ];
    let with = |show: bool| {
        ChartModel::new(
            Arc::new(frame.clone()),
            workload_spec(),
            &[],
            ChartOptions {
                show_annotations: show,
                ..ChartOptions::default()
            },
            HashSet::new(),
        )
    };
    let scale = TimeScale::showing_last(300, 100, 0.0, CssPx(1000.0));
    let scene = with(true).scene(1072.0, 600.0, &scale);
    let price = scene
        .pane(PaneKey::Price)
        .map(|p| p.rect)
        .unwrap_or_default();
    assert_eq!(scene.areas.len(), 1);
    let area = scene
        .areas
        .first()
        .and_then(|a| a.polygons.first())
        .cloned()
        .unwrap_or_default();
    // A missing y spans the pane.
    assert!(area
        .iter()
        .all(|&(x, y)| x >= price.x && x <= price.right() && y >= price.y && y <= price.bottom()));
    // The area's label is a note; the point's label goes with its marker.
    assert_eq!(scene.notes.len(), 1);
    assert_eq!(scene.lines.len(), 7, "6 indicators + the annotation line");
    assert_eq!(
        scene
            .markers
            .iter()
            .filter(|m| m.label.as_deref() == Some("p"))
            .count(),
        1
    );
    let hidden = with(false).scene(1072.0, 600.0, &scale);
    assert!(hidden.areas.is_empty() && hidden.notes.is_empty());
    assert_eq!(hidden.lines.len(), 6);
}

#[test]
fn a_trade_in_the_forming_slot_outside_the_candles_range_stays_in_the_price_pane() {
    // An entry that just opened (no candle in its slot yet) at a price below every visible candle: the price
    // pane's scale takes it in, so its marker is not drawn over the volume pane.
    let mut m = model(2_000, ChartOptions::default(), &[]);
    let n = m.frame.len();
    let lowest = (0..n)
        .filter_map(|i| m.frame.low.get(i))
        .fold(f64::INFINITY, f64::min);
    m.trade_marks.push(super::marks::TradeMark {
        trade_id: 999_999,
        index: n,
        price: lowest * 0.5,
        kind: super::marks::TradeMarkKind::Entry,
        is_short: false,
        open_order: true,
        label: "Long".into(),
        details: Vec::new(),
    });
    let scale = TimeScale::showing_last(n, 250, 3.0, CssPx(1328.0));
    let scene = m.scene(1400.0, 800.0, &scale);
    let price = scene
        .pane(PaneKey::Price)
        .map(|p| p.rect)
        .unwrap_or_default();
    assert!(!scene.markers.is_empty());
    for marker in &scene.markers {
        assert!(
            marker.y >= price.y - 0.5 && marker.y <= price.bottom() + 0.5,
            "marker at y {} outside the price pane {}..{}",
            marker.y,
            price.y,
            price.bottom()
        );
    }
}

#[test]
fn the_measure_reads_both_ends_on_the_pane_where_it_started() {
    use super::measure::measure_on;
    let m = model(500, ChartOptions::default(), &[]);
    let scale = TimeScale::showing_last(500, 100, 0.0, CssPx(900.0));
    let scene = m.scene(1000.0, 700.0, &scale);
    let price = scene
        .pane(PaneKey::Price)
        .unwrap_or_else(|| panic!("a price pane"));
    let r = price.rect;
    let (x0, x1) = (r.x + r.w * 0.2, r.x + r.w * 0.7);
    let (y0, y1) = (r.y + r.h * 0.7, r.y + r.h * 0.3);
    let placed = measure_on(&scene, &m.frame.ts, (x0, y0), (x1, y1))
        .unwrap_or_else(|| panic!("a measurement"));
    let i0 = hit_test(&scene, 500, x0, y0).map(|h| h.index);
    let i1 = hit_test(&scene, 500, x1, y1).map(|h| h.index);
    let (Some(i0), Some(i1)) = (i0, i1) else {
        panic!("both ends over candles");
    };
    assert_eq!(placed.measurement.candles, i1 as i64 - i0 as i64);
    assert!(placed.measurement.candles > 10);
    assert_eq!(
        placed.measurement.duration_ms,
        m.frame.ts[i1] - m.frame.ts[i0]
    );
    // Upwards on screen is a higher price: a rise.
    assert!(placed.measurement.rising());
    let want = (price.scale.value(y1) - price.scale.value(y0)) / price.scale.value(y0);
    assert!((placed.measurement.change.unwrap_or(0.0) - want).abs() < 1e-9);
    // Snapped to the candles' x; the end dragged below the pane is held at its bottom.
    assert_eq!(placed.from.0, scene.x_of(i0));
    let low = measure_on(&scene, &m.frame.ts, (x0, y0), (x1, 10_000.0))
        .unwrap_or_else(|| panic!("a measurement"));
    assert_eq!(low.to.1, r.bottom());
    assert!(!low.measurement.rising());
    // Starting on the time axis measures nothing.
    let axis_y = scene.layout.time_axis.y + 2.0;
    assert_eq!(
        measure_on(&scene, &m.frame.ts, (x0, axis_y), (x1, y1)),
        None
    );
}
