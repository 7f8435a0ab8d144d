//! A numeric column of the decoded dataframe: `f64` values where a missing cell is stored as NaN and read
//! back as `None`, so a gap can never turn into a zero.

/// One numeric column, indexed by candle.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Column(Vec<f64>);

impl Column {
    /// A column from optional values; `None` and non-finite values become gaps.
    pub fn from_options<I: IntoIterator<Item = Option<f64>>>(values: I) -> Self {
        Column(
            values
                .into_iter()
                .map(|v| v.filter(|x| x.is_finite()).unwrap_or(f64::NAN))
                .collect(),
        )
    }

    /// A column from raw values; non-finite values are gaps.
    pub fn from_raw(values: Vec<f64>) -> Self {
        Column(values)
    }

    /// A column of `len` gaps.
    pub fn gaps(len: usize) -> Self {
        Column(vec![f64::NAN; len])
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of candle `i`; `None` for a gap or an index past the end.
    #[inline]
    pub fn get(&self, i: usize) -> Option<f64> {
        self.0.get(i).copied().filter(|v| v.is_finite())
    }

    /// The raw values (gaps are non-finite).
    pub fn raw(&self) -> &[f64] {
        &self.0
    }

    /// Minimum and maximum of the finite values in `range` (clamped to the column).
    pub fn min_max(&self, from: usize, to_inclusive: usize) -> Option<(f64, f64)> {
        let end = to_inclusive.saturating_add(1).min(self.0.len());
        let slice = self.0.get(from.min(end)..end)?;
        let mut acc: Option<(f64, f64)> = None;
        for &v in slice {
            if v.is_finite() {
                acc = Some(match acc {
                    Some((lo, hi)) => (lo.min(v), hi.max(v)),
                    None => (v, v),
                });
            }
        }
        acc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_none_never_zero() {
        let c = Column::from_options([Some(1.0), None, Some(f64::INFINITY), Some(3.0)]);
        assert_eq!(c.get(0), Some(1.0));
        assert_eq!(c.get(1), None);
        assert_eq!(c.get(2), None);
        assert_eq!(c.get(9), None);
        assert_eq!(c.min_max(0, 3), Some((1.0, 3.0)));
        assert_eq!(c.min_max(1, 2), None);
        assert_eq!(c.min_max(5, 2), None);
        assert_eq!(Column::gaps(2).min_max(0, 10), None);
    }
}
