//! Exact sums of amounts: a million amounts add up to the cent, whatever the order.

/// Values counted in millionths: amounts with up to six decimals (every
/// currency, every unit price) add up exactly in an integer, which is also
/// faster than compensated floating-point summation (one integer add instead
/// of a dependent chain of float operations). Values beyond ±9 × 10¹², a
/// total beyond ±9.2 × 10¹² (where a float's 53 bits no longer hold cents
/// anyway), NaN and infinities (which must show) go to a float.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sum {
    micros: i64,
    rest: f64,
}

const SCALE: f64 = 1e6;
/// |x| × 10⁶ must fit an i64 (9.2 × 10¹⁸).
const LIMIT: f64 = 9e12;

/// `x` in millionths, rounded half away from zero without a call to `round`
/// (for |x| below the limit).
#[inline(always)]
fn to_micros(x: f64) -> i64 {
    (x * SCALE + 0.5f64.copysign(x)) as i64
}

impl Sum {
    #[inline(always)]
    pub fn add(&mut self, x: f64) {
        if x.abs() < LIMIT {
            self.add_micros_checked(to_micros(x));
        } else {
            self.rest += x;
        }
    }

    /// Adds another sum, as exactly as adding its values one by one.
    pub fn merge(&mut self, other: &Sum) {
        self.add_micros_checked(other.micros);
        self.rest += other.rest;
    }

    /// Millionths into the integer total, or into the float past its range.
    #[inline(always)]
    fn add_micros_checked(&mut self, m: i64) {
        match self.micros.checked_add(m) {
            Some(total) => self.micros = total,
            None => self.rest += m as f64 / SCALE,
        }
    }

    /// Adds millionths from [`Addends::Micros`], whose totals cannot overflow.
    #[inline(always)]
    pub fn add_micros(&mut self, m: i64) {
        self.micros += m;
    }

    pub fn value(&self) -> f64 {
        // Whole units and millionths apart, so that large totals keep their cents.
        let whole = (self.micros / 1_000_000) as f64;
        let frac = (self.micros % 1_000_000) as f64 / SCALE;
        whole + frac + self.rest
    }
}

/// A column of values to add up, read by row. As millionths when the
/// absolute values of all its rows add up below the limit — then no sum over
/// any of its rows can overflow, and each add is one integer add; else as
/// floats through [`Sum::add`]. NaN values are left out of sums.
pub enum Addends<'a> {
    Micros(Vec<i64>),
    Floats(&'a [f64]),
}

impl<'a> Addends<'a> {
    pub fn new(values: &'a [f64]) -> Self {
        let mut abs_total = 0.0;
        let micros = values
            .iter()
            .map(|&x| {
                if x.is_nan() {
                    return 0;
                }
                abs_total += x.abs();
                to_micros(x)
            })
            .collect();
        if abs_total < LIMIT {
            Addends::Micros(micros)
        } else {
            Addends::Floats(values)
        }
    }

    #[inline(always)]
    pub fn add_to(&self, sum: &mut Sum, row: usize) {
        match self {
            Addends::Micros(m) => sum.add_micros(m.get(row).copied().unwrap_or(0)),
            Addends::Floats(v) => {
                if let Some(&x) = v.get(row).filter(|x| !x.is_nan()) {
                    sum.add(x);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_survive_large_totals() {
        let mut s = Sum::default();
        let mut naive = 0.0;
        for _ in 0..1_000_000 {
            s.add(0.01);
            naive += 0.01;
        }
        assert_eq!((s.value() * 100.0).round(), 1_000_000.0);
        assert!((s.value() - 10_000.0).abs() < 1e-9);
        assert!((naive - 10_000.0_f64).abs() > (s.value() - 10_000.0).abs());
        assert_eq!(s.value(), 10_000.0);
    }

    #[test]
    fn addends_sum_as_sum_does() {
        let small = [1234.56, -0.01, f64::NAN, 0.000_001, 99.99];
        let huge = [1e15, 0.25, -3.5, f64::INFINITY];
        for values in [&small[..], &huge[..]] {
            let addends = Addends::new(values);
            let (mut by_row, mut direct) = (Sum::default(), Sum::default());
            for (row, &x) in values.iter().enumerate() {
                addends.add_to(&mut by_row, row);
                if !x.is_nan() {
                    direct.add(x);
                }
            }
            assert_eq!(by_row.value(), direct.value());
        }
        // Small values go the integer way; a total past the limit the float way.
        assert!(matches!(Addends::new(&small), Addends::Micros(_)));
        assert!(matches!(Addends::new(&huge), Addends::Floats(_)));
        assert!(matches!(Addends::new(&[8e12, 8e12]), Addends::Floats(_)));
    }

    #[test]
    fn signs_huge_values_and_nan() {
        let mut s = Sum::default();
        for x in [1234.56, -0.01, -1234.55, 0.000_001] {
            s.add(x);
        }
        assert_eq!(s.value(), 0.000_001);
        let mut big = Sum::default();
        big.add(1e15);
        big.add(0.25);
        big.add(1e15);
        assert_eq!(big.value(), 2e15 + 0.25);
        let mut many = Sum::default();
        for _ in 0..3 {
            many.add(8e12);
        }
        assert_eq!(many.value(), 24e12);
        let mut nan = Sum::default();
        nan.add(5.0);
        nan.add(f64::NAN);
        assert!(nan.value().is_nan());
    }
}
