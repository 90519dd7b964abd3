//! Compensated summation: a million amounts add up to the cent.

/// Neumaier's variant of Kahan summation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sum {
    sum: f64,
    compensation: f64,
}

impl Sum {
    #[inline]
    pub fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
    }
    pub fn value(&self) -> f64 {
        self.sum + self.compensation
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
    }
}
