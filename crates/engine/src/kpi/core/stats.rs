//! Small numeric helpers: means with medians, ratios that refuse to divide by zero.

/// `num / den`, or `None` when the denominator is zero (KPIS.md: unavailable, not 0).
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0 && num.is_finite() && den.is_finite()).then(|| num / den)
}

/// Mean and median of the values, or `None` when there are none.
pub fn mean_median(values: &mut [f64]) -> Option<(f64, f64)> {
    if values.is_empty() {
        return None;
    }
    let mut sum = super::sum::Sum::default();
    for &v in values.iter() {
        sum.add(v);
    }
    let mean = sum.value() / values.len() as f64;
    // A selection, not a sort: linear in the values.
    let n = values.len();
    let (below, &mut mid, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    let median = if n % 2 == 1 {
        mid
    } else {
        let below_max = below.iter().copied().max_by(f64::total_cmp).unwrap_or(mid);
        (below_max + mid) / 2.0
    };
    Some((mean, median))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_denominators_and_medians() {
        assert_eq!(ratio(1.0, 0.0), None);
        assert_eq!(ratio(1.0, 4.0), Some(0.25));
        assert_eq!(mean_median(&mut []), None);
        assert_eq!(mean_median(&mut [3.0, 1.0, 2.0, 10.0]), Some((4.0, 2.5)));
        assert_eq!(mean_median(&mut [5.0, 1.0, 3.0]), Some((3.0, 3.0)));
    }
}
