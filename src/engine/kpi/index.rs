//! Rows grouped by day (a counting sort): a period's rows are one slice, so
//! the comparison periods cost only the rows they hold, not a pass over the
//! whole table each.

use super::period::Period;
use crate::engine::parse::date::Days;
use crate::engine::table::MISSING_DAY;

#[derive(Debug, Clone, Default)]
pub struct DayIndex {
    first: Days,
    /// `offsets[d - first] .. offsets[d - first + 1]` are the rows of day `d`.
    offsets: Vec<u32>,
    rows: Vec<u32>,
}

/// Beyond this many days between the first and last date, rows are not indexed
/// (a stray year-9999 date must not allocate gigabytes); passes then scan.
const MAX_SPAN_DAYS: i64 = 200 * 366;

impl DayIndex {
    /// Indexes the rows for which `keep` holds and the day is known.
    pub fn new(days: &[Days], keep: impl Fn(usize) -> bool) -> Option<Self> {
        let (mut lo, mut hi) = (Days::MAX, Days::MIN);
        for &d in days.iter().filter(|&&d| d != MISSING_DAY) {
            lo = lo.min(d);
            hi = hi.max(d);
        }
        if lo > hi || (hi as i64 - lo as i64) > MAX_SPAN_DAYS {
            return None;
        }
        let span = (hi - lo + 1) as usize;
        let mut counts = vec![0u32; span + 1];
        for (row, &d) in days.iter().enumerate() {
            if d != MISSING_DAY && keep(row) {
                counts[(d - lo) as usize + 1] += 1;
            }
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut next = counts.clone();
        let mut rows = vec![0u32; counts[span] as usize];
        for (row, &d) in days.iter().enumerate() {
            if d != MISSING_DAY && keep(row) {
                let slot = &mut next[(d - lo) as usize];
                rows[*slot as usize] = row as u32;
                *slot += 1;
            }
        }
        Some(DayIndex {
            first: lo,
            offsets: counts,
            rows,
        })
    }

    /// The rows whose day is in `p`, in day order.
    pub fn rows_in(&self, p: Period) -> &[u32] {
        let last = self.first + self.offsets.len() as Days - 2;
        let (from, to) = (p.from.max(self.first), p.to.min(last));
        if from > to {
            return &[];
        }
        let a = self.offsets[(from - self.first) as usize] as usize;
        let b = self.offsets[(to - self.first) as usize + 1] as usize;
        &self.rows[a..b]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_a_period() {
        let days = [5, 3, MISSING_DAY, 4, 3, 9];
        let idx = DayIndex::new(&days, |r| r != 3).unwrap();
        assert_eq!(idx.rows_in(Period::new(3, 4)), &[1, 4]);
        assert_eq!(idx.rows_in(Period::new(0, 100)), &[1, 4, 0, 5]);
        assert_eq!(idx.rows_in(Period::new(6, 8)), &[] as &[u32]);
        assert_eq!(idx.rows_in(Period::new(10, 20)), &[] as &[u32]);
        assert!(DayIndex::new(&[0, 1_000_000], |_| true).is_none());
    }
}
