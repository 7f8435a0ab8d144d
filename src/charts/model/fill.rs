//! `fill_to` areas: the band between an indicator and another column, as runs of (x, from, to) split wherever
//! either value is missing. Zoomed out, one sample per pixel column is kept.

use super::column::Column;
use super::scale::TimeScale;
use super::units::Logical;

/// One sample of a band: x and the two edges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandPoint {
    pub x: Logical,
    pub a: f64,
    pub b: f64,
}

/// Runs of band samples over `from..=to`; a candle where either line is missing ends a run. Runs of a single
/// sample are dropped (they enclose no area).
pub fn fill_between(
    a: &Column,
    b: &Column,
    scale: &TimeScale,
    from: usize,
    to: usize,
) -> Vec<Vec<BandPoint>> {
    let n = a.len().min(b.len());
    if n == 0 || from > to || from >= n {
        return Vec::new();
    }
    let to = to.min(n - 1);
    let merge = scale.bar_spacing() < 1.0;
    // Far out, sample every 2^k-th candle (buckets of at most half a pixel, as the LOD pyramids).
    let step = 1usize << super::lod::level_for(scale.bar_spacing());
    let mut runs = Vec::new();
    let mut run: Vec<BandPoint> = Vec::new();
    let mut last_col: Option<i64> = None;
    for i in (from..=to).step_by(step) {
        match (a.get(i), b.get(i)) {
            (Some(va), Some(vb)) => {
                let p = BandPoint {
                    x: Logical(i as f64),
                    a: va,
                    b: vb,
                };
                if merge {
                    let col = scale.x(Logical(i as f64)).floor() as i64;
                    if last_col == Some(col) {
                        if let Some(slot) = run.last_mut() {
                            *slot = p;
                        }
                        continue;
                    }
                    last_col = Some(col);
                }
                run.push(p);
            }
            _ => {
                last_col = None;
                if run.len() > 1 {
                    runs.push(std::mem::take(&mut run));
                } else {
                    run.clear();
                }
            }
        }
    }
    if run.len() > 1 {
        runs.push(run);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::model::units::CssPx;

    #[test]
    fn bands_split_at_gaps_in_either_line() {
        let a = Column::from_options([
            Some(1.0),
            Some(2.0),
            Some(3.0),
            None,
            Some(5.0),
            Some(6.0),
            Some(7.0),
        ]);
        let b = Column::from_options([
            Some(0.0),
            Some(0.5),
            Some(1.0),
            Some(1.0),
            Some(2.0),
            None,
            Some(3.0),
        ]);
        let scale = TimeScale::showing_last(7, 7, 0.0, CssPx(700.0));
        let runs = fill_between(&a, &b, &scale, 0, 6);
        // 0..=2 is a band; 4 alone and 6 alone enclose nothing.
        assert_eq!(runs.len(), 1);
        let first = runs.first().cloned().unwrap_or_default();
        assert_eq!(first.len(), 3);
        assert_eq!(
            first.get(1),
            Some(&BandPoint {
                x: Logical(1.0),
                a: 2.0,
                b: 0.5
            })
        );
    }

    #[test]
    fn missing_or_empty_columns_give_no_band() {
        let a = Column::from_options([Some(1.0), Some(2.0)]);
        let scale = TimeScale::showing_last(2, 2, 0.0, CssPx(100.0));
        assert!(fill_between(&a, &Column::default(), &scale, 0, 1).is_empty());
        assert!(fill_between(&a, &Column::gaps(2), &scale, 0, 1).is_empty());
        assert!(fill_between(&a, &a, &scale, 1, 0).is_empty());
        assert_eq!(fill_between(&a, &a, &scale, 0, 99).len(), 1);
    }

    #[test]
    fn zoomed_out_keeps_one_sample_per_pixel_column() {
        let n = 10_000;
        let a = Column::from_options((0..n).map(|i| Some(i as f64)));
        let b = Column::from_options((0..n).map(|i| Some(i as f64 - 1.0)));
        let scale = TimeScale::showing_last(n, n, 0.0, CssPx(400.0));
        let runs = fill_between(&a, &b, &scale, 0, n - 1);
        assert_eq!(runs.len(), 1);
        let len = runs.first().map(Vec::len).unwrap_or(0);
        assert!((390..=402).contains(&len), "{len} samples");
    }
}
