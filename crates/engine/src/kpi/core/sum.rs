//! Exact sums of amounts: a million amounts add up to the cent, whatever the order.

use std::borrow::Cow;

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

    /// Adds a value of a column that [`fits`] (else every addend is a float).
    #[inline(always)]
    pub fn add_addend(&mut self, a: Addend) {
        self.micros += a.micros;
        if a.big != 0.0 {
            self.rest += a.big;
        }
    }

    /// Adds millionths from [`Addends::Micros`], whose totals cannot overflow.
    #[inline(always)]
    pub fn add_micros(&mut self, m: i64) {
        self.micros += m;
    }

    pub fn value(&self) -> f64 {
        // Below 2⁵³ the millionths are an exact float, and one division is
        // correctly rounded (1.36, where 1 + 0.36 gives 1.3599999999999999);
        // beyond, whole units and millionths apart keep the cents.
        let exact = if self.micros.unsigned_abs() < 1 << 53 {
            self.micros as f64 / SCALE
        } else {
            let whole = (self.micros / 1_000_000) as f64;
            let frac = (self.micros % 1_000_000) as f64 / SCALE;
            whole + frac
        };
        exact + self.rest
    }
}

/// A value split once for the sums it goes to: its millionths, or itself
/// (past the integer range, NaN, infinities) for the float part. A walk that
/// adds a row's amount to several sums converts it once.
#[derive(Debug, Clone, Copy, Default)]
pub struct Addend {
    micros: i64,
    big: f64,
}

impl Addend {
    /// `x` to add to sums of a column that [`fits`]; `fits` false sends
    /// every value to the float part.
    #[inline(always)]
    pub fn of(x: f64, fits: bool) -> Self {
        if fits && x.abs() < LIMIT {
            Addend {
                micros: to_micros(x),
                big: 0.0,
            }
        } else {
            Addend { micros: 0, big: x }
        }
    }

    /// Millionths of a column that fits, computed ahead.
    #[inline(always)]
    pub fn from_micros(micros: i64) -> Self {
        Addend { micros, big: 0.0 }
    }

    /// Its millionths (zero when it goes to the float part).
    #[inline(always)]
    pub fn micros(&self) -> i64 {
        self.micros
    }
}

/// Whether the absolute values of a column (NaN left out) add up below the
/// limit: then no sum over any of its rows can overflow an integer of
/// millionths, and [`Sum::add_addend`] needs no check.
pub fn fits(values: &[f64]) -> bool {
    // Eight running totals: a float sum in one waits on every add.
    let mut lanes = [0.0f64; 8];
    let mut chunks = values.chunks_exact(8);
    for chunk in &mut chunks {
        for (total, &x) in lanes.iter_mut().zip(chunk) {
            *total += if x.is_nan() { 0.0 } else { x.abs() };
        }
    }
    let rest: f64 = chunks
        .remainder()
        .iter()
        .filter(|x| !x.is_nan())
        .map(|x| x.abs())
        .sum();
    lanes.iter().sum::<f64>() + rest < LIMIT
}

/// A column of values to add up, read by row. As millionths when the
/// absolute values of all its rows add up below the limit — then no sum over
/// any of its rows can overflow, and each add is one integer add; else as
/// floats through [`Sum::add`]. NaN values are left out of sums.
pub enum Addends<'a> {
    Micros(Cow<'a, [i64]>),
    Floats(&'a [f64]),
}

impl<'a> Addends<'a> {
    pub fn new(values: &'a [f64]) -> Self {
        if fits(values) {
            let micros = values
                .iter()
                .map(|&x| if x.is_nan() { 0 } else { to_micros(x) })
                .collect();
            Addends::Micros(Cow::Owned(micros))
        } else {
            Addends::Floats(values)
        }
    }

    /// The millionths a walk computed while reading the column (zero for
    /// NaN), when the column [`fits`].
    pub fn from_micros(micros: Cow<'a, [i64]>) -> Addends<'a> {
        Addends::Micros(micros)
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
    fn a_total_is_the_float_nearest_its_exact_value() {
        // 1 + 0.36 is 1.3599999999999999 in floats: the total must print 1.36.
        for (values, want) in [
            (&[1.36][..], 1.36),
            (&[-16.88, 15.52][..], -1.36),
            (&[0.1, 0.2][..], 0.3),
            (&[123_456_789.01, 0.02][..], 123_456_789.03),
        ] {
            let mut s = Sum::default();
            for &x in values {
                s.add(x);
            }
            assert_eq!(s.value(), want, "{values:?}");
        }
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
    fn addends_converted_once_sum_as_sum_does() {
        // Small values as millionths; a huge one, NaN and an infinity as floats.
        let small = [1234.56, -0.01, 0.000_001, 99.99, -1234.55];
        let mixed = [1e15, 0.25, -3.5, f64::INFINITY, 7.0];
        for values in [&small[..], &mixed[..], &[f64::NAN, 1.0][..]] {
            let fit = fits(values);
            let (mut once, mut direct) = (Sum::default(), Sum::default());
            for &x in values {
                once.add_addend(Addend::of(x, fit));
                direct.add(x);
            }
            assert_eq!(
                once.value().to_bits(),
                direct.value().to_bits(),
                "{values:?}"
            );
        }
        assert!(fits(&small));
        // NaN is left out of the check; a total past the limit is not.
        assert!(fits(&[f64::NAN, 1.0]));
        assert!(!fits(&[5e12, -5e12]));
        assert!(!fits(&mixed));
        // A column that does not fit adds every value as a float.
        let mut floats = Sum::default();
        for x in [0.1, 0.2] {
            floats.add_addend(Addend::of(x, false));
        }
        assert_eq!(floats.value(), 0.1 + 0.2);
        assert_eq!(Addend::of(0.1, false).micros(), 0);
        assert_eq!(Addend::of(0.1, true).micros(), 100_000);
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
