//! The balance donut: one slice per currency valued in stake currency (`est_stake`), largest first, labelled
//! "CUR - x%"; beyond [`MAX_SLICES`] the smallest are grouped as "Others". Layout builds the ring's polygons and
//! the legend; hit testing goes by angle in the ring or by legend row.

use std::collections::BTreeMap;
use std::f64::consts::{FRAC_PI_2, TAU};

use super::model_chart::{Hover, Tooltip};
use super::model_input::BalanceInput;
use super::model_theme::{slice_color, ProfitTheme};
use crate::charts::model::color::Rgba;
use crate::charts::model::units::Rect;
use crate::util::format;
use crate::util::format::{amount, coin_money, percent};

/// At most this many slices; the rest become "Others".
pub const MAX_SLICES: usize = 8;

/// A slice: its currency (or "Others"), value in stake currency and share of the total (0..=1).
#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    pub label: String,
    pub value: f64,
    pub share: f64,
    pub tooltip: Tooltip,
}

impl Slice {
    /// "USDT - 90.0%".
    pub fn legend(&self) -> String {
        format!("{} - {}", self.label, format::percent(Some(self.share), 1))
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Donut {
    pub slices: Vec<Slice>,
    pub total: f64,
    pub currency: String,
}

/// The slices of a balance: positive finite values only, merged per currency, largest first (ties by name).
pub fn balance_plot(input: &BalanceInput) -> Donut {
    let mut by_currency: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for item in &input.items {
        let Some(v) = item.est_stake.filter(|v| v.is_finite() && *v > 0.0) else {
            continue;
        };
        let entry = by_currency
            .entry(item.currency.as_str())
            .or_insert((0.0, 0.0));
        entry.0 += v;
        entry.1 += item.balance;
    }
    let mut parts: Vec<(String, f64, Option<f64>)> = by_currency
        .into_iter()
        .map(|(c, (v, b))| (c.to_string(), v, Some(b)))
        .collect();
    crate::util::sort::sort_by(&mut parts, |a, b| {
        b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal)
    });
    if parts.len() > MAX_SLICES {
        let rest: f64 = parts.iter().skip(MAX_SLICES - 1).map(|p| p.1).sum();
        parts.truncate(MAX_SLICES - 1);
        parts.push(("Others".to_string(), rest, None));
    }
    let total: f64 = parts.iter().map(|p| p.1).sum();
    if !total.is_finite() || total <= 0.0 {
        return Donut {
            currency: input.stake_currency.clone(),
            ..Donut::default()
        };
    }
    let cur = input.stake_currency.as_str();
    let slices = parts
        .into_iter()
        .map(|(label, value, held)| {
            let share = value / total;
            let mut tooltip = Tooltip::new(label.clone());
            if let Some(held) = held.filter(|_| label != cur) {
                tooltip = tooltip.row("Balance", format!("{} {label}", amount(held)));
            }
            Slice {
                tooltip: tooltip
                    .row("Value", coin_money(value, cur))
                    .row("Share", percent(Some(share), 2)),
                label,
                value,
                share,
            }
        })
        .collect();
    Donut {
        slices,
        total,
        currency: cur.to_string(),
    }
}

/// A slice in CSS pixels: its angles (0 at the top, clockwise) and the ring section as a polygon.
#[derive(Debug, Clone, PartialEq)]
pub struct SliceGeom {
    pub a0: f64,
    pub a1: f64,
    pub polygon: Vec<(f64, f64)>,
    pub color: Rgba,
}

/// A legend row: swatch at `(x, y)`, text after it; `w`×`h` is the row's hover box.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendRow {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub color: Rgba,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DonutGeom {
    pub size: Rect,
    pub cx: f64,
    pub cy: f64,
    pub r_outer: f64,
    pub r_inner: f64,
    pub slices: Vec<SliceGeom>,
    pub legend: Vec<LegendRow>,
    /// Lines in the hole: "Total", the amount.
    pub center: Vec<String>,
}

const LEGEND_ROW: f64 = 18.0;
const LEGEND_CHAR: f64 = 6.8;

/// Points of an arc of radius `r` from angle `a0` to `a1` (0 = top, clockwise), one per 2° at most.
fn arc(cx: f64, cy: f64, r: f64, a0: f64, a1: f64) -> impl Iterator<Item = (f64, f64)> {
    let steps = (((a1 - a0).abs() / (TAU / 180.0)).ceil() as usize).clamp(1, 360);
    (0..=steps).map(move |i| {
        let a = a0 + (a1 - a0) * i as f64 / steps as f64 - FRAC_PI_2;
        (cx + r * a.cos(), cy + r * a.sin())
    })
}

/// Lays the donut out on a `w`×`h` canvas: the legend right of the ring when wide, under it otherwise.
pub fn layout_donut(d: &Donut, w: f64, h: f64, _theme: &ProfitTheme) -> DonutGeom {
    let size = Rect::new(0.0, 0.0, w, h);
    let texts: Vec<String> = d.slices.iter().map(Slice::legend).collect();
    let widest =
        texts.iter().map(|t| t.chars().count()).max().unwrap_or(0) as f64 * LEGEND_CHAR + 18.0;
    let rows = texts.len() as f64 * LEGEND_ROW;
    let side = size.w >= 300.0 && size.w - widest >= size.h * 0.8;
    let (ring_w, ring_h) = if side {
        (size.w - widest - 12.0, size.h)
    } else {
        (size.w, size.h - rows - 8.0)
    };
    let r_outer = (ring_w.min(ring_h) / 2.0 - 6.0).max(4.0);
    let r_inner = r_outer * 0.6;
    let (cx, cy) = (
        ring_w.max(0.0) / 2.0,
        if side { size.h / 2.0 } else { r_outer + 6.0 },
    );
    let mut slices = Vec::with_capacity(d.slices.len());
    let mut a = 0.0;
    for (i, s) in d.slices.iter().enumerate() {
        let span = if s.share.is_finite() {
            s.share.clamp(0.0, 1.0) * TAU
        } else {
            0.0
        };
        let (a0, a1) = (a, (a + span).min(TAU));
        let mut polygon: Vec<(f64, f64)> = arc(cx, cy, r_outer, a0, a1).collect();
        polygon.extend(arc(cx, cy, r_inner, a1, a0));
        slices.push(SliceGeom {
            a0,
            a1,
            polygon,
            color: slice_color(i),
        });
        a = a1;
    }
    let (lx, ly) = if side {
        (ring_w + 12.0, (size.h - rows).max(0.0) / 2.0)
    } else {
        (((size.w - widest) / 2.0).max(0.0), cy + r_outer + 8.0)
    };
    let legend = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| LegendRow {
            x: lx,
            y: ly + i as f64 * LEGEND_ROW,
            w: widest,
            h: LEGEND_ROW,
            color: slice_color(i),
            text,
        })
        .collect();
    let center = if r_inner >= 34.0 && !d.slices.is_empty() {
        vec!["Total".to_string(), coin_money(d.total, &d.currency)]
    } else {
        Vec::new()
    };
    DonutGeom {
        size,
        cx,
        cy,
        r_outer,
        r_inner,
        slices,
        legend,
        center,
    }
}

impl DonutGeom {
    /// The square around the ring.
    pub fn ring_box(&self) -> Rect {
        Rect::new(
            self.cx - self.r_outer,
            self.cy - self.r_outer,
            2.0 * self.r_outer,
            2.0 * self.r_outer,
        )
    }

    /// The slice under the pointer: in the ring by angle, or on its legend row.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hover> {
        let (dx, dy) = (x - self.cx, y - self.cy);
        let dist = (dx * dx + dy * dy).sqrt();
        let index = if dist >= self.r_inner - 2.0 && dist <= self.r_outer + 2.0 {
            let angle = (dy.atan2(dx) + FRAC_PI_2).rem_euclid(TAU);
            self.slices
                .iter()
                .position(|s| angle >= s.a0 && angle < s.a1)
                .or_else(|| (!self.slices.is_empty()).then(|| self.slices.len() - 1))?
        } else {
            self.legend
                .iter()
                .position(|r| x >= r.x && x <= r.x + r.w && y >= r.y && y < r.y + r.h)?
        };
        let s = self.slices.get(index)?;
        let mid = (s.a0 + s.a1) / 2.0 - FRAC_PI_2;
        let r = (self.r_outer + self.r_inner) / 2.0;
        Some(Hover {
            index,
            x: self.cx + r * mid.cos(),
            y: self.cy + r * mid.sin(),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use super::*;
    use crate::charts::profit::model_input::BalanceItem;

    fn input(values: &[(&str, Option<f64>)]) -> BalanceInput {
        BalanceInput {
            items: values
                .iter()
                .map(|(c, v)| BalanceItem {
                    currency: c.to_string(),
                    balance: 1.0,
                    est_stake: *v,
                })
                .collect(),
            stake_currency: "USDT".into(),
        }
    }

    #[test]
    fn slices_are_largest_first_with_shares_summing_to_one() {
        let d = balance_plot(&input(&[
            ("SOL", Some(50.0)),
            ("USDT", Some(900.0)),
            ("XRP", Some(50.0)),
            ("BAD", Some(f64::NAN)),
            ("NEG", Some(-3.0)),
            ("NONE", None),
            ("ZERO", Some(0.0)),
        ]));
        let labels: Vec<String> = d.slices.iter().map(Slice::legend).collect();
        assert_eq!(labels, vec!["USDT - 90.0 %", "SOL - 5.0 %", "XRP - 5.0 %"]);
        assert!((d.slices.iter().map(|s| s.share).sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(d.total, 1000.0);
        assert_eq!(
            d.slices[0].tooltip.text(),
            "USDT\nValue: 900.000 USDT\nShare: 90.00 %"
        );
        assert!(d.slices[1].tooltip.text().contains("Balance: 1 SOL"));
    }

    #[test]
    fn many_currencies_group_into_others_and_duplicates_merge() {
        let names: Vec<String> = (0..12).map(|i| format!("C{i:02}")).collect();
        let mut values: Vec<(&str, Option<f64>)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), Some(100.0 - i as f64)))
            .collect();
        values.push(("C00", Some(10.0)));
        let d = balance_plot(&input(&values));
        assert_eq!(d.slices.len(), MAX_SLICES);
        assert_eq!(d.slices[0].value, 110.0);
        assert_eq!(d.slices.last().map(|s| s.label.as_str()), Some("Others"));
        assert!(balance_plot(&input(&[("X", None)])).slices.is_empty());
        assert!(
            balance_plot(&input(&[("X", Some(f64::MAX)), ("Y", Some(f64::MAX))]))
                .slices
                .is_empty()
        );
    }

    #[test]
    fn layout_and_hit_by_angle_and_legend() {
        let d = balance_plot(&input(&[("USDT", Some(75.0)), ("SOL", Some(25.0))]));
        let g = layout_donut(&d, 400.0, 220.0, &ProfitTheme::new(true));
        assert_eq!(g.slices.len(), 2);
        assert!((g.slices[1].a1 - TAU).abs() < 1e-9);
        assert!(g.slices.iter().all(|s| s.polygon.len() > 4));
        let r = (g.r_inner + g.r_outer) / 2.0;
        // Right of the centre is a quarter turn: USDT (0..270°).
        assert_eq!(g.hit(g.cx + r, g.cy).map(|h| h.index), Some(0));
        // Left of the centre is 270°: SOL.
        assert_eq!(g.hit(g.cx - r, g.cy - 1.0).map(|h| h.index), Some(1));
        assert_eq!(g.hit(g.cx, g.cy), None, "the hole");
        let row = &g.legend[1];
        assert_eq!(g.hit(row.x + 3.0, row.y + 3.0).map(|h| h.index), Some(1));
        assert!(
            g.legend[0].x > g.cx + g.r_outer,
            "legend beside the ring when wide"
        );
        let narrow = layout_donut(&d, 200.0, 300.0, &ProfitTheme::new(true));
        assert!(
            narrow.legend[0].y > narrow.cy + narrow.r_outer,
            "legend under the ring when narrow"
        );
        let empty = layout_donut(&Donut::default(), 0.0, 0.0, &ProfitTheme::new(true));
        assert!(empty.hit(0.0, 0.0).is_none());
    }
}
