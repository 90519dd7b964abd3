//! Breakdowns: a value per key (rep, region, month…) with its share of the total.

use super::period::month_index_key;
use super::sum::{Addends, Sum};
use super::view::Attr;
use crate::engine::report::BreakdownRow;
use crate::engine::table::MISSING_CODE;

/// Sums per code of `attr`; rows are fed with [`Grouped::add`].
pub struct Grouped {
    sums: Vec<Sum>,
    seen: Vec<bool>,
    missing: Sum,
    any_missing: bool,
}

impl Grouped {
    pub fn new(distinct: usize) -> Self {
        Grouped {
            sums: vec![Sum::default(); distinct],
            seen: vec![false; distinct],
            missing: Sum::default(),
            any_missing: false,
        }
    }

    /// The sum a code's rows go to (missing and unknown codes: `(none)`).
    #[inline(always)]
    fn slot(&mut self, code: u32) -> &mut Sum {
        match (
            self.sums.get_mut(code as usize),
            self.seen.get_mut(code as usize),
        ) {
            (Some(s), Some(seen)) if code != MISSING_CODE => {
                *seen = true;
                s
            }
            _ => {
                self.any_missing = true;
                &mut self.missing
            }
        }
    }

    #[inline(always)]
    pub fn add(&mut self, code: u32, value: f64) {
        self.slot(code).add(value);
    }

    /// Adds the rows whose `bits` have `bit`, code by code: one narrow loop,
    /// integer adds when the addends allow them.
    pub fn add_column(&mut self, codes: &[u32], bits: &[u8], bit: u8, values: &Addends) {
        let rows = codes.iter().zip(bits).enumerate();
        match values {
            Addends::Micros(m) => {
                for ((&c, &b), &x) in codes.iter().zip(bits).zip(m) {
                    if b & bit != 0 {
                        self.slot(c).add_micros(x);
                    }
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
        if self.any_missing {
            out.slot(MISSING_CODE).merge(&self.missing);
        }
        out
    }

    /// Rows sorted by value, largest first; missing keys as `(none)`.
    pub fn rows(&self, attr: &Attr, total: f64) -> Vec<BreakdownRow> {
        let mut out: Vec<BreakdownRow> = self
            .sums
            .iter()
            .zip(&self.seen)
            .enumerate()
            .filter(|(_, (_, &seen))| seen)
            .map(|(c, (s, _))| row(attr.name(c as u32).to_string(), s.value(), total))
            .collect();
        if self.any_missing {
            out.push(row("(none)".into(), self.missing.value(), total));
        }
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
    /// Rolled up by `key(month index)` (quarters, years), in order.
    pub fn rollup(&self, key: impl Fn(i32) -> String, total: f64) -> Vec<BreakdownRow> {
        let mut out: Vec<BreakdownRow> = Vec::new();
        for (m, v) in self.values() {
            let k = key(m);
            match out.last_mut() {
                Some(last) if last.key == k => last.value += v,
                _ => out.push(row(k, v, total)),
            }
        }
        for r in &mut out {
            r.share = super::stats::ratio(r.value, total);
        }
        out
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
        let mut pool = crate::engine::table::StringPool::default();
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
        let mut pool = crate::engine::table::StringPool::default();
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
