//! Breakdowns: a value per key (rep, region, month…) with its share of the total.

use super::period::month_index_key;
use super::sum::{Addend, Addends, Sum};
use super::view::Attr;
use crate::report::BreakdownRow;
use crate::table::MISSING_CODE;

/// Sums per code of `attr`; rows are fed with [`Grouped::add`]. Missing
/// and unknown codes (`(none)`) have the last slot, so that a row finds its
/// slot without a branch.
pub struct Grouped {
    sums: Vec<Sum>,
    seen: Vec<bool>,
}

impl Grouped {
    pub fn new(distinct: usize) -> Self {
        Grouped {
            sums: vec![Sum::default(); distinct + 1],
            seen: vec![false; distinct + 1],
        }
    }

    /// Number of codes (the `(none)` slot aside).
    fn distinct(&self) -> usize {
        self.sums.len() - 1
    }

    /// The slot of a code's rows: its own, or the last one for missing and
    /// unknown codes ([`MISSING_CODE`] is past every code).
    #[inline(always)]
    fn index(&self, code: u32) -> usize {
        (code as usize).min(self.distinct())
    }

    #[inline(always)]
    fn slot(&mut self, code: u32) -> &mut Sum {
        let i = self.index(code);
        self.seen[i] = true;
        &mut self.sums[i]
    }

    #[inline(always)]
    pub fn add(&mut self, code: u32, value: f64) {
        self.slot(code).add(value);
    }

    /// The sum of a code's rows (0 when none).
    pub fn value_of(&self, code: u32) -> f64 {
        self.sums.get(code as usize).map_or(0.0, Sum::value)
    }

    /// Leaves out the rows without a code (or with an unknown one), and
    /// gives their sum.
    pub fn forget_missing(&mut self) -> Sum {
        let none = self.distinct();
        self.seen[none] = false;
        std::mem::take(&mut self.sums[none])
    }

    /// Adds every row's value (all of them count: the period holds every
    /// row and no filter is set).
    pub fn add_every(&mut self, codes: &[u32], micros: &[i64]) {
        // Four running totals per code, filled in turn: runs of one code (a
        // rep's rows, an order's lines) then add to four places instead of
        // each add waiting on the one before.
        let mut lanes = vec![[0i64; 4]; self.sums.len()];
        let rows = codes.len().min(micros.len());
        let (codes, micros) = (&codes[..rows], &micros[..rows]);
        let whole = rows - rows % 4;
        for (c4, m4) in codes[..whole]
            .chunks_exact(4)
            .zip(micros[..whole].chunks_exact(4))
        {
            for lane in 0..4 {
                let i = self.index(c4[lane]);
                self.seen[i] = true;
                lanes[i][lane] += m4[lane];
            }
        }
        for (&c, &x) in codes[whole..].iter().zip(&micros[whole..]) {
            let i = self.index(c);
            self.seen[i] = true;
            lanes[i][0] += x;
        }
        for (sum, lane) in self.sums.iter_mut().zip(&lanes) {
            sum.add_micros(lane.iter().sum());
        }
    }

    /// Adds the rows whose `bits` have `bit`, code by code: one narrow loop,
    /// integer adds when the addends allow them.
    pub fn add_column(&mut self, codes: &[u32], bits: &[u8], bit: u8, values: &Addends) {
        let rows = codes.iter().zip(bits).enumerate();
        match values {
            Addends::Micros(m) => {
                // Without a branch: with a filter or a short period, which
                // rows count comes in no order a predictor could follow.
                for ((&c, &b), &x) in codes.iter().zip(bits).zip(m.iter()) {
                    let counted = b & bit != 0;
                    let i = self.index(c);
                    self.seen[i] |= counted;
                    self.sums[i].add_micros(if counted { x } else { 0 });
                }
            }
            Addends::Floats(_) => {
                for (row, (&c, &b)) in rows {
                    if b & bit != 0 {
                        values.add_to(self.slot(c), row);
                    }
                }
            }
        }
    }

    /// The sums per code carried over to other codes (`to[code]`, a join
    /// key's to the names it matches); codes that map to none go to `(none)`.
    pub fn rolled_up(&self, to: &[u32], distinct: usize) -> Grouped {
        let mut out = Grouped::new(distinct);
        for (code, (sum, &seen)) in self.sums.iter().zip(&self.seen).enumerate() {
            if seen {
                let target = to.get(code).copied().unwrap_or(MISSING_CODE);
                out.slot(target).merge(sum);
            }
        }
        out
    }

    /// Rows sorted by value, largest first; missing keys as `(none)`.
    pub fn rows(&self, attr: &Attr, total: f64) -> Vec<BreakdownRow> {
        let named = self.distinct();
        let mut out: Vec<BreakdownRow> = self
            .sums
            .iter()
            .zip(&self.seen)
            .enumerate()
            .filter(|(_, (_, &seen))| seen)
            .map(|(c, (s, _))| {
                let key = if c < named {
                    attr.name(c as u32).to_string()
                } else {
                    "(none)".into()
                };
                row(key, s.value(), total)
            })
            .collect();
        sort_desc(&mut out);
        out
    }
}

pub fn row(key: String, value: f64, total: f64) -> BreakdownRow {
    BreakdownRow {
        key,
        value,
        share: super::stats::ratio(value, total),
    }
}

/// Largest value first; ties by key, so the order is stable.
pub fn sort_desc(rows: &mut [BreakdownRow]) {
    rows.sort_by(|a, b| b.value.total_cmp(&a.value).then_with(|| a.key.cmp(&b.key)));
}

/// Sums per month index, dense from the first to the last month seen.
#[derive(Default)]
pub struct Monthly {
    first: i32,
    sums: Vec<Sum>,
}

impl Monthly {
    /// Months `first..=last` (month indexes), all starting at zero.
    pub fn span(first: i32, last: i32) -> Self {
        Monthly {
            first,
            sums: vec![Sum::default(); (last - first + 1).max(0) as usize],
        }
    }
    #[inline(always)]
    pub fn add(&mut self, month: i32, value: f64) {
        if let Some(s) = self.sums.get_mut((month - self.first) as usize) {
            s.add(value);
        }
    }
    #[inline(always)]
    pub fn add_addend(&mut self, month: i32, value: Addend) {
        if let Some(s) = self.sums.get_mut((month - self.first) as usize) {
            s.add_addend(value);
        }
    }
    pub fn values(&self) -> impl Iterator<Item = (i32, f64)> + '_ {
        self.sums
            .iter()
            .enumerate()
            .map(|(i, s)| (self.first + i as i32, s.value()))
    }
    /// One row per month (`YYYY-MM`), in calendar order, empty months included.
    pub fn rows(&self, total: f64) -> Vec<BreakdownRow> {
        self.values()
            .map(|(m, v)| row(month_index_key(m), v, total))
            .collect()
    }
    /// Rolled up by `key(month index)` (quarters, years), in order; the
    /// months' exact sums are merged, so a year is its lines' exact total.
    pub fn rollup(&self, key: impl Fn(i32) -> String, total: f64) -> Vec<BreakdownRow> {
        let mut out: Vec<(String, Sum)> = Vec::new();
        for (i, sum) in self.sums.iter().enumerate() {
            let k = key(self.first + i as i32);
            match out.last_mut() {
                Some((last, s)) if *last == k => s.merge(sum),
                _ => out.push((k, *sum)),
            }
        }
        out.into_iter()
            .map(|(k, s)| row(k, s.value(), total))
            .collect()
    }
}

pub fn quarter_key(month: i32) -> String {
    format!(
        "{:04}-Q{}",
        month.div_euclid(12),
        month.rem_euclid(12) / 3 + 1
    )
}

pub fn year_key(month: i32) -> String {
    format!("{:04}", month.div_euclid(12))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_adds_match_row_adds() {
        use super::super::sum::Addends;
        // Codes 0 and 1, a missing code, and a row outside the period (bit 2).
        let codes = [0, 1, MISSING_CODE, 0, 1];
        let bits = [1, 1, 1, 2, 1];
        let mut pool = crate::table::StringPool::default();
        pool.push("a");
        pool.push("b");
        let attr = Attr {
            codes: std::borrow::Cow::Borrowed(&codes[..]),
            pool: std::borrow::Cow::Owned(pool),
        };
        let rows_of = |values: &[f64]| {
            let mut by_row = Grouped::new(2);
            for (row, (&c, &b)) in codes.iter().zip(&bits).enumerate() {
                if b & 1 != 0 {
                    by_row.add(c, values[row]);
                }
            }
            by_row.rows(&attr, 1.0)
        };
        // Small amounts add as integers, huge ones as floats: both as row by row.
        for values in [[10.5, 0.25, 3.0, 99.0, -0.5], [1e15, 0.25, 3.0, 99.0, -0.5]] {
            let addends = Addends::new(&values);
            let mut by_column = Grouped::new(2);
            by_column.add_column(&codes, &bits, 1, &addends);
            assert_eq!(by_column.rows(&attr, 1.0), rows_of(&values));
        }
        let small = Addends::new(&[10.5, 0.25]);
        assert!(matches!(small, Addends::Micros(_)));
        // Every row counted: the four-lane loop gives the same sums, the
        // missing code included, over a length that is not a multiple of four.
        let values = [10.5, 0.25, 3.0, 99.0, -0.5];
        let Addends::Micros(micros) = Addends::new(&values) else {
            panic!("small values add as millionths");
        };
        let mut every = Grouped::new(2);
        every.add_every(&codes, &micros);
        let mut one_by_one = Grouped::new(2);
        for (&c, &x) in codes.iter().zip(&values) {
            one_by_one.add(c, x);
        }
        assert_eq!(every.rows(&attr, 1.0), one_by_one.rows(&attr, 1.0));
        assert_eq!(every.rows(&attr, 1.0).len(), 3);
    }

    #[test]
    fn sums_per_key_roll_up_to_names() {
        // Keys 0 and 1 belong to name 0, key 2 matches no name; a row without a key.
        let mut by_key = Grouped::new(3);
        for (key, x) in [
            (0, 10.0),
            (1, 2.5),
            (2, 4.0),
            (MISSING_CODE, 1.0),
            (0, 0.25),
        ] {
            by_key.add(key, x);
        }
        let mut pool = crate::table::StringPool::default();
        pool.push("North");
        pool.push("South");
        let names = Attr {
            codes: std::borrow::Cow::Owned(Vec::new()),
            pool: std::borrow::Cow::Owned(pool),
        };
        let rows = by_key
            .rolled_up(&[0, 0, MISSING_CODE], 2)
            .rows(&names, 17.75);
        let got: Vec<(&str, f64)> = rows.iter().map(|r| (r.key.as_str(), r.value)).collect();
        // South had no rows: not listed.
        assert_eq!(got, [("North", 12.75), ("(none)", 5.0)]);
    }

    #[test]
    fn monthly_rollups() {
        let mut m = Monthly::span(2024 * 12 + 10, 2025 * 12 + 1); // Nov 2024 .. Feb 2025
        m.add(2024 * 12 + 10, 10.0);
        m.add(2025 * 12 + 1, 5.0);
        let months: Vec<String> = m.rows(15.0).into_iter().map(|r| r.key).collect();
        assert_eq!(months, ["2024-11", "2024-12", "2025-01", "2025-02"]);
        let q = m.rollup(quarter_key, 15.0);
        assert_eq!((q[0].key.as_str(), q[0].value), ("2024-Q4", 10.0));
        assert_eq!(
            (q[1].key.as_str(), q[1].share),
            ("2025-Q1", Some(1.0 / 3.0))
        );
        assert_eq!(m.rollup(year_key, 15.0).len(), 2);
    }
}
