//! Cumulative profit over time: a step line of the realized profit of the closed trades in close order,
//! starting at 0 when the first trade opened, plus a dotted projection from the last point to now that adds the
//! open trades' unrealized profit.

use super::model_axis::{frame, nice_range, time_ticks, Frame, Unit};
use super::model_chart::{Hover, Tooltip};
use super::model_input::{ClosedTrade, OpenProfit};
use super::model_theme::ProfitTheme;
use crate::charts::kit::scale::LinearScale;
use crate::charts::model::color::Rgba;
use crate::util::format::format_ts;
use crate::util::format::{coin_money, percent};

/// A point of the cumulative series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CumPoint {
    /// Unix ms.
    pub t: i64,
    /// Cumulative realized profit in stake currency.
    pub value: f64,
}

/// The dotted segment from the last realized point to the projected value now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub from: CumPoint,
    pub to: CumPoint,
    pub open: OpenProfit,
}

/// The closed trades in close order (ties by id).
pub fn sorted_by_close(trades: &[ClosedTrade]) -> Vec<&ClosedTrade> {
    let mut sorted: Vec<&ClosedTrade> = trades.iter().collect();
    crate::util::sort::sort_by_key(&mut sorted, |t| (t.close_ms, t.id));
    sorted
}

/// 0 when the first trade opened, then the running sum of `profit_abs` at each close. Empty without trades.
pub fn cumulative_series(trades: &[ClosedTrade]) -> Vec<CumPoint> {
    let sorted = sorted_by_close(trades);
    let Some(first) = sorted.first() else {
        return Vec::new();
    };
    let start = sorted
        .iter()
        .map(|t| t.open_ms)
        .min()
        .unwrap_or(first.close_ms)
        .min(first.close_ms);
    let mut out = Vec::with_capacity(sorted.len() + 1);
    out.push(CumPoint {
        t: start,
        value: 0.0,
    });
    let mut sum = 0.0_f64;
    for t in sorted {
        let next = sum + t.profit_abs;
        if next.is_finite() {
            sum = next;
        }
        out.push(CumPoint {
            t: t.close_ms,
            value: sum,
        });
    }
    out
}

/// The projection from the series' last point to `now_ms` (never before that point), adding the open trades'
/// profit; `None` without a series or without open trades.
pub fn projection(
    series: &[CumPoint],
    open: Option<OpenProfit>,
    now_ms: i64,
) -> Option<Projection> {
    let last = *series.last()?;
    let open = open.filter(|o| o.count > 0)?;
    let value = last.value + open.profit_abs;
    Some(Projection {
        from: last,
        to: CumPoint {
            t: now_ms.max(last.t),
            value: if value.is_finite() { value } else { last.value },
        },
        open,
    })
}

/// The cumulative chart's data and tooltips (one per point, then the projection's).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cumulative {
    pub points: Vec<CumPoint>,
    pub projection: Option<Projection>,
    pub tooltips: Vec<Tooltip>,
    pub offset_minutes: i32,
    /// Curves drawn beside the main one for comparison (other backtests, a live bot), without tooltips.
    pub others: Vec<Vec<CumPoint>>,
    /// How the values are labelled: amounts of stake currency, or ratios shown as percent.
    pub unit: Unit,
    /// The value axis reaches 0 (profit and return curves); a balance over time is scaled to its own range,
    /// or a 0.5 % change of a 1000 USDT wallet would be a flat line at the top.
    pub from_zero: bool,
}

impl Cumulative {
    pub fn tooltip(&self, index: usize) -> Option<&Tooltip> {
        self.tooltips.get(index)
    }
}

fn when(ms: i64, offset_minutes: i32) -> String {
    let text = format_ts(ms, offset_minutes);
    text.get(0..16).unwrap_or(&text).to_string()
}

/// Builds the chart: series, projection (at `now_ms`) and tooltip texts with times in the display zone.
pub fn cumulative_plot(
    trades: &[ClosedTrade],
    open: Option<OpenProfit>,
    now_ms: i64,
    offset_minutes: i32,
    currency: &str,
) -> Cumulative {
    let points = cumulative_series(trades);
    let projection = projection(&points, open, now_ms);
    let sorted = sorted_by_close(trades);
    let mut tooltips = Vec::with_capacity(points.len() + 1);
    if let Some(start) = points.first() {
        tooltips.push(
            Tooltip::new(when(start.t, offset_minutes))
                .row("Profit", coin_money(0.0, currency))
                .row("Start", "first trade opened"),
        );
    }
    for (p, t) in points.iter().skip(1).zip(sorted) {
        let side = if t.is_short { "Short" } else { "Long" };
        let mut trade = coin_money(t.profit_abs, currency);
        if let Some(r) = t.profit_ratio {
            trade.push_str(&format!(" ({})", percent(Some(r), 2)));
        }
        tooltips.push(
            Tooltip::new(when(p.t, offset_minutes))
                .row("Profit", coin_money(p.value, currency))
                .row("Trade", format!("#{} {} {side}", t.id, t.pair))
                .row("Trade profit", trade),
        );
    }
    if let Some(pr) = &projection {
        tooltips.push(
            Tooltip::new(when(pr.to.t, offset_minutes))
                .row(
                    "Projected profit (incl. unrealized)",
                    coin_money(pr.to.value, currency),
                )
                .row("Unrealized", coin_money(pr.open.profit_abs, currency))
                .row("Open trades", pr.open.count.to_string()),
        );
    }
    Cumulative {
        points,
        projection,
        tooltips,
        offset_minutes,
        others: Vec::new(),
        unit: Unit::Amount,
        from_zero: true,
    }
}

/// A chart of values over time (a wallet's balance in `currency`, or ratios with [`Unit::Percent`]) with
/// comparison curves, on the cumulative chart's renderer: each point's tooltip names `what` and the value.
pub fn series_plot(
    points: Vec<CumPoint>,
    others: Vec<Vec<CumPoint>>,
    offset_minutes: i32,
    (unit, currency): (Unit, &str),
    what: &str,
) -> Cumulative {
    let tooltips = points
        .iter()
        .map(|p| {
            let value = match unit {
                Unit::Percent => percent(Some(p.value), 2),
                _ => coin_money(p.value, currency),
            };
            Tooltip::new(when(p.t, offset_minutes)).row(what, value)
        })
        .collect();
    Cumulative {
        points,
        projection: None,
        tooltips,
        offset_minutes,
        others,
        unit,
        // Amounts over time (a wallet) use their own range; returns in percent start from 0.
        from_zero: unit == Unit::Percent,
    }
}

/// A backtest's return over time as a ratio of `starting_balance` (a step at each trade's close, from 0 at
/// `from_ms`), to set beside the market's change: `None` without a positive starting balance.
pub fn return_series(
    trades: &[ClosedTrade],
    starting_balance: f64,
    from_ms: Option<i64>,
) -> Option<Vec<CumPoint>> {
    if !(starting_balance.is_finite() && starting_balance > 0.0) {
        return None;
    }
    let mut points: Vec<CumPoint> = cumulative_series(trades)
        .into_iter()
        .map(|p| CumPoint {
            t: p.t,
            value: p.value / starting_balance,
        })
        .collect();
    if let Some(from) = from_ms {
        match points.first() {
            Some(first) if first.t <= from => {}
            _ => points.insert(
                0,
                CumPoint {
                    t: from,
                    value: 0.0,
                },
            ),
        }
    }
    Some(points)
}

/// The cumulative chart in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct CumulativeGeom {
    pub frame: Frame,
    /// The step line through every point.
    pub line: Vec<(f64, f64)>,
    /// The comparison curves' step lines, in `Cumulative::others`' order.
    pub others: Vec<Vec<(f64, f64)>>,
    pub line_color: Rgba,
    /// Hover targets: each point, then the projection's end.
    pub targets: Vec<(f64, f64)>,
    /// The projection as short dashes, and its colour (profit or loss of the projected value).
    pub dashes: Vec<[(f64, f64); 2]>,
    pub projection_color: Rgba,
    /// Where the projection ends (drawn as a dot).
    pub projection_end: Option<(f64, f64)>,
}

/// Splits the segment `a`–`b` into dashes `dash` px long with `gap` px between (at most 2000).
pub fn dashes(a: (f64, f64), b: (f64, f64), dash: f64, gap: f64) -> Vec<[(f64, f64); 2]> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    let period = dash.max(0.5) + gap.max(0.0);
    if !len.is_finite() || len < 0.5 {
        return Vec::new();
    }
    let (ux, uy) = (dx / len, dy / len);
    let mut out = Vec::new();
    let mut s = 0.0;
    while s < len && out.len() < 2000 {
        let e = (s + dash.max(0.5)).min(len);
        out.push([(a.0 + ux * s, a.1 + uy * s), (a.0 + ux * e, a.1 + uy * e)]);
        s += period;
    }
    out
}

/// Lays the chart out on a `w`×`h` canvas.
pub fn layout_cumulative(c: &Cumulative, w: f64, h: f64, theme: &ProfitTheme) -> CumulativeGeom {
    let all = || c.points.iter().chain(c.others.iter().flatten());
    let values = all()
        .map(|p| p.value)
        .chain(c.projection.map(|p| p.to.value));
    let (mut frame, y, _) = frame(w, h, nice_range(values, c.from_zero), c.unit, None);
    let plot = frame.plot;
    let t0 = all().map(|p| p.t).min().unwrap_or(0);
    let t_last = all().map(|p| p.t).max().unwrap_or(t0);
    let t1 = c.projection.map(|p| p.to.t).unwrap_or(t_last).max(t_last);
    // A little room on the right so the last point is not on the border; a minute either side of a single time.
    let span = (t1 - t0).max(0);
    let (d0, d1) = if span == 0 {
        (t0 - 60_000, t1 + 60_000)
    } else {
        (t0, t1 + span / 30)
    };
    let x = LinearScale::new((d0 as f64, d1 as f64), (plot.x, plot.right()));
    frame.x_ticks = time_ticks(d0, d1, plot.x, plot.w, 72.0, c.offset_minutes);
    let at = |p: &CumPoint| (x.px(p.t as f64), y.px(p.value));
    let step_line = |points: &[CumPoint]| {
        let mut line = Vec::with_capacity(points.len() * 2);
        let mut prev: Option<(f64, f64)> = None;
        for p in points {
            let (px, py) = at(p);
            if let Some((_, last_y)) = prev {
                line.push((px, last_y));
            }
            line.push((px, py));
            prev = Some((px, py));
        }
        line
    };
    let line = step_line(&c.points);
    let others = c.others.iter().map(|o| step_line(o)).collect();
    let mut targets: Vec<(f64, f64)> = c.points.iter().map(at).collect();
    let (mut dash_list, mut projection_end, mut projection_color) =
        (Vec::new(), None, theme.profit);
    if let Some(pr) = &c.projection {
        let (a, b) = (at(&pr.from), at(&pr.to));
        dash_list = dashes(a, b, 4.0, 4.0);
        projection_end = Some(b);
        projection_color = theme.signed(pr.to.value - pr.from.value);
        targets.push(b);
    }
    CumulativeGeom {
        frame,
        line,
        others,
        line_color: theme.line,
        targets,
        dashes: dash_list,
        projection_color,
        projection_end,
    }
}

/// Slack around the plot in which the pointer still hits.
const SLACK: f64 = 8.0;

impl CumulativeGeom {
    /// The point nearest the pointer horizontally (the nearest vertically among those at the same x).
    pub fn hit(&self, x: f64, y: f64) -> Option<Hover> {
        let p = self.frame.plot;
        if x < p.x - SLACK || x > p.right() + SLACK || y < p.y - SLACK || y > p.bottom() + SLACK {
            return None;
        }
        self.targets
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| {
                let key = |t: &(f64, f64)| ((t.0 - x).abs().round(), (t.1 - y).abs());
                key(a)
                    .partial_cmp(&key(b))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .map(|(index, &(tx, ty))| Hover {
                index,
                x: tx,
                y: ty,
            })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use super::*;

    fn trade(id: i64, open: i64, close: i64, abs: f64) -> ClosedTrade {
        ClosedTrade {
            id,
            pair: "BTC/USDT".into(),
            is_short: false,
            open_ms: open,
            close_ms: close,
            profit_abs: abs,
            profit_ratio: Some(abs / 100.0),
        }
    }

    #[test]
    fn series_starts_at_zero_and_sums_in_close_order() {
        let trades = vec![
            trade(2, 500, 3_000, -1.0),
            trade(1, 1_000, 2_000, 2.5),
            trade(3, 2_500, 3_000, 0.5),
        ];
        let s = cumulative_series(&trades);
        let got: Vec<(i64, f64)> = s.iter().map(|p| (p.t, p.value)).collect();
        assert_eq!(
            got,
            vec![(500, 0.0), (2_000, 2.5), (3_000, 1.5), (3_000, 2.0)]
        );
        assert!(cumulative_series(&[]).is_empty());
        // An overflowing sum keeps the last finite value.
        let huge = vec![trade(1, 0, 1, f64::MAX), trade(2, 0, 2, f64::MAX)];
        assert!(cumulative_series(&huge).iter().all(|p| p.value.is_finite()));
    }

    #[test]
    fn return_series_is_a_ratio_of_the_start_from_the_market_start() {
        let trades = vec![trade(1, 1_000, 2_000, 50.0), trade(2, 1_500, 3_000, -20.0)];
        let r = return_series(&trades, 1_000.0, Some(100)).unwrap_or_default();
        let got: Vec<(i64, f64)> = r.iter().map(|p| (p.t, p.value)).collect();
        assert_eq!(
            got,
            vec![(100, 0.0), (1_000, 0.0), (2_000, 0.05), (3_000, 0.03)]
        );
        // A market start after the first trade adds nothing; no trades is one point at 0.
        assert_eq!(
            return_series(&trades, 1_000.0, Some(1_000)).map(|r| r.len()),
            Some(3)
        );
        assert_eq!(
            return_series(&[], 1_000.0, Some(5)),
            Some(vec![CumPoint { t: 5, value: 0.0 }])
        );
        assert!(return_series(&trades, 0.0, None).is_none());
        assert!(return_series(&trades, f64::NAN, None).is_none());
        // Percent plots label values as percent.
        let plot = series_plot(r, vec![], 0, (Unit::Percent, "USDT"), "Strategy");
        assert_eq!(plot.unit, Unit::Percent);
        assert_eq!(plot.tooltips[2].rows[0].1, "5.00 %");
    }

    #[test]
    fn projection_adds_the_open_profit_up_to_now() {
        let s = cumulative_series(&[trade(1, 0, 1_000, 2.0)]);
        let open = OpenProfit {
            count: 2,
            profit_abs: -3.0,
        };
        let p = projection(&s, Some(open), 5_000).unwrap_or_else(|| unreachable!());
        assert_eq!((p.from.t, p.from.value), (1_000, 2.0));
        assert_eq!((p.to.t, p.to.value), (5_000, -1.0));
        // A clock behind the last close: the projection is vertical, never backwards.
        let back = projection(&s, Some(open), 10).map(|p| p.to.t);
        assert_eq!(back, Some(1_000));
        assert_eq!(projection(&s, None, 5_000), None);
        assert_eq!(projection(&[], Some(open), 5_000), None);
    }

    #[test]
    fn tooltips_name_the_trade_and_the_projection() {
        let c = cumulative_plot(
            &[trade(7, 0, 60_000, -0.5)],
            Some(OpenProfit {
                count: 1,
                profit_abs: 1.0,
            }),
            120_000,
            0,
            "USDT",
        );
        assert_eq!(c.tooltips.len(), 3);
        assert!(c.tooltips[1].text().contains("#7 BTC/USDT Long"));
        assert!(c.tooltips[1].text().contains("Profit: -0.500 USDT"));
        assert!(c.tooltips[2]
            .text()
            .contains("Projected profit (incl. unrealized): 0.500 USDT"));
        assert_eq!(c.tooltips[0].title, "1970-01-01 00:00");
    }

    #[test]
    fn a_wallet_over_time_fills_the_height_a_return_starts_from_zero() {
        let theme = ProfitTheme::new(false);
        let wallet: Vec<CumPoint> = [990.0, 995.0, 1_000.0]
            .iter()
            .enumerate()
            .map(|(i, v)| CumPoint {
                t: i as i64 * 86_400_000,
                value: *v,
            })
            .collect();
        let span = |g: &CumulativeGeom| {
            let ys = g.targets.iter().map(|p| p.1);
            ys.clone().fold(f64::MIN, f64::max) - ys.fold(f64::MAX, f64::min)
        };
        let amounts = series_plot(
            wallet.clone(),
            Vec::new(),
            0,
            (Unit::Amount, "USDT"),
            "Wallet",
        );
        assert!(!amounts.from_zero);
        let g = layout_cumulative(&amounts, 400.0, 250.0, &theme);
        // A 1 % change spans most of the plot, not 1 % of it.
        assert!(
            span(&g) > g.frame.plot.h / 2.0,
            "{} of {}",
            span(&g),
            g.frame.plot.h
        );
        let ratios: Vec<CumPoint> = wallet
            .iter()
            .map(|p| CumPoint {
                value: p.value / 1_000.0,
                ..*p
            })
            .collect();
        let returns = series_plot(ratios, Vec::new(), 0, (Unit::Percent, ""), "Strategy");
        assert!(returns.from_zero);
        let g = layout_cumulative(&returns, 400.0, 250.0, &theme);
        assert!(span(&g) < g.frame.plot.h / 10.0);
    }

    #[test]
    fn layout_draws_a_step_line_and_a_dotted_projection() {
        let theme = ProfitTheme::new(true);
        let c = cumulative_plot(
            &[trade(1, 0, 3_600_000, 1.0), trade(2, 0, 7_200_000, 1.0)],
            Some(OpenProfit {
                count: 1,
                profit_abs: -3.0,
            }),
            10_800_000,
            0,
            "USDT",
        );
        let g = layout_cumulative(&c, 500.0, 250.0, &theme);
        // start, then horizontal + vertical per trade.
        assert_eq!(g.line.len(), 5);
        assert_eq!(g.line[1].1, g.line[0].1, "horizontal first");
        assert_eq!(g.line[2].0, g.line[1].0, "then vertical");
        assert!(g.dashes.len() > 3);
        assert_eq!(g.projection_color, theme.loss);
        assert!(g.line.iter().all(|(x, y)| g.frame.plot.contains(*x, *y)));
        assert!(!g.frame.x_ticks.is_empty());
        // Hover: the nearest point horizontally; outside the plot nothing.
        let (x, y) = g.targets[1];
        assert_eq!(g.hit(x + 2.0, y + 40.0).map(|h| h.index), Some(1));
        let end = g.projection_end.unwrap_or_default();
        assert_eq!(g.hit(end.0, end.1).map(|h| h.index), Some(3));
        assert_eq!(g.hit(-50.0, y), None);
    }

    #[test]
    fn comparison_curves_share_the_axes() {
        let theme = ProfitTheme::new(false);
        let mut c = cumulative_plot(&[trade(1, 0, 3_600_000, 1.0)], None, 0, 0, "USDT");
        let alone = layout_cumulative(&c, 500.0, 250.0, &theme);
        // A longer, deeper curve: the axes grow to hold both, and the main line is drawn narrower and higher.
        c.others = vec![cumulative_series(&[trade(2, 0, 7_200_000, -5.0)])];
        let both = layout_cumulative(&c, 500.0, 250.0, &theme);
        assert_eq!(both.others.len(), 1);
        assert_eq!(both.others[0].len(), 3);
        let plot = both.frame.plot;
        assert!(both.others[0].iter().all(|(x, y)| plot.contains(*x, *y)));
        assert!(both.line.last().map(|p| p.0) < alone.line.last().map(|p| p.0));
        assert!(both.line.iter().all(|(x, y)| plot.contains(*x, *y)));
        // Hover targets stay the main curve's.
        assert_eq!(both.targets.len(), alone.targets.len());
    }

    #[test]
    fn degenerate_inputs_lay_out_without_nan() {
        let theme = ProfitTheme::new(false);
        let c = cumulative_plot(&[trade(1, 5, 5, 0.0)], None, 5, 0, "");
        let g = layout_cumulative(&c, 0.0, 0.0, &theme);
        assert!(g.line.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
        let empty = layout_cumulative(&Cumulative::default(), 300.0, 200.0, &theme);
        assert!(empty.line.is_empty() && empty.hit(150.0, 100.0).is_none());
        assert!(dashes((0.0, 0.0), (0.0, 0.0), 4.0, 4.0).is_empty());
        assert!(dashes((0.0, 0.0), (f64::NAN, 0.0), 4.0, 4.0).is_empty());
        assert_eq!(dashes((0.0, 0.0), (20.0, 0.0), 4.0, 4.0).len(), 3);
        assert!(dashes((0.0, 0.0), (1e9, 0.0), 4.0, 4.0).len() <= 2000);
    }
}
