//! Breakdowns: a value per key (rep, region, month…) with its share of the total.

use super::period::month_index_key;
use super::view::Attr;
use super::Sum;
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

    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn add(&mut self, code: u32, value: f64) {
        match (
            self.sums.get_mut(code as usize),
            self.seen.get_mut(code as usize),
        ) {
            (Some(s), Some(seen)) if code != MISSING_CODE => {
                s.add(value);
                *seen = true;
            }
            _ => {
                self.missing.add(value);
                self.any_missing = true;
            }
        }
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
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
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
