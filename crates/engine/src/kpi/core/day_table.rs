//! Which of a report's periods each day belongs to, and its month: a table
//! over the days the periods cover, so that a walk over rows classifies a
//! row with one lookup instead of a dozen comparisons and a calendar
//! computation.

use super::period::{month_index, Period};
use crate::parse::date::Days;

/// The comparison periods, as bits of a day's membership.
pub const CUR: u8 = 1;
pub const PREV: u8 = 1 << 1;
pub const PREV2: u8 = 1 << 2;
pub const LY: u8 = 1 << 3;
pub const LY_PREV: u8 = 1 << 4;

/// Beyond this many days between the periods' ends, days are classified one
/// by one rather than through a table (a stray year-9999 date must not
/// allocate gigabytes).
const MAX_TABLE_DAYS: i64 = 400 * 366;

/// For each day: the periods it belongs to and its month index.
pub enum DayTable {
    Table {
        first: Days,
        bits: Vec<u8>,
        months: Vec<i32>,
    },
    Direct(Vec<(u8, Period)>),
}

impl DayTable {
    pub fn new(periods: &[(u8, Period)]) -> Self {
        let lo = periods.iter().map(|(_, p)| p.from).min().unwrap_or(0);
        let hi = periods.iter().map(|(_, p)| p.to).max().unwrap_or(0);
        if hi as i64 - lo as i64 > MAX_TABLE_DAYS {
            return DayTable::Direct(periods.to_vec());
        }
        let (bits, months) = (lo..=hi)
            .map(|d| (Self::classify(periods, d), month_index(d)))
            .unzip();
        DayTable::Table {
            first: lo,
            bits,
            months,
        }
    }

    /// A table where period `k` of the list is bit `1 << k`.
    pub fn indexed(periods: &[Period]) -> Self {
        let bits: Vec<(u8, Period)> = periods
            .iter()
            .enumerate()
            .map(|(k, &p)| (1 << k, p))
            .collect();
        Self::new(&bits)
    }

    fn classify(periods: &[(u8, Period)], d: Days) -> u8 {
        periods
            .iter()
            .filter(|(_, p)| p.contains(d))
            .fold(0, |acc, (bit, _)| acc | bit)
    }

    /// The day's period bits, and its month index when it is in one.
    #[inline(always)]
    pub fn info(&self, d: Days) -> (u8, i32) {
        match self {
            DayTable::Table {
                first,
                bits,
                months,
            } => {
                let i = d.wrapping_sub(*first) as usize;
                match (bits.get(i), months.get(i)) {
                    (Some(&b), Some(&m)) if d >= *first => (b, m),
                    _ => (0, 0),
                }
            }
            DayTable::Direct(periods) => {
                let b = Self::classify(periods, d);
                (b, if b == 0 { 0 } else { month_index(d) })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::date::days_from_ymd;

    fn periods(p: Period) -> [(u8, Period); 5] {
        [
            (CUR, p),
            (PREV, p.previous()),
            (PREV2, p.previous().previous()),
            (LY, p.last_year()),
            (LY_PREV, p.last_year().previous()),
        ]
    }

    #[test]
    fn day_table_agrees_with_classifying_each_day() {
        let jan = days_from_ymd(2024, 1, 1).unwrap_or(0);
        // Two years: the first is also in the "last year" comparison.
        let p = Period::new(jan, jan + 730);
        let table = DayTable::new(&periods(p));
        assert!(matches!(table, DayTable::Table { .. }));
        let direct = DayTable::Direct(periods(p).to_vec());
        for d in (jan - 3 * 366)..(jan + 2 * 366) {
            assert_eq!(table.info(d), direct.info(d), "day {d}");
        }
        // A day in the period and last year's: both bits, and its month.
        let (bits, month) = table.info(jan + 100);
        assert_eq!(bits & (CUR | LY), CUR | LY);
        assert_eq!(month, month_index(jan + 100));
        assert_eq!(table.info(jan - 10_000).0, 0);
    }

    #[test]
    fn a_stray_far_date_classifies_day_by_day() {
        // A period up to year 9999 (a typo in the data) must not build a
        // table of millions of days.
        let far = days_from_ymd(9999, 12, 31).unwrap_or(0);
        let jan = days_from_ymd(2024, 1, 1).unwrap_or(0);
        let table = DayTable::new(&periods(Period::new(jan, far)));
        assert!(matches!(table, DayTable::Direct(_)));
        assert_eq!(table.info(jan).0 & CUR, CUR);
        assert_eq!(table.info(jan - 1).0 & CUR, 0);
    }
}
