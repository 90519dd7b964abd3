//! Periods: [from, to] in days, both inclusive, and the comparison periods.

use crate::engine::parse::date::{days_from_ymd, ymd_from_days, Days};
use chrono::Datelike;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Days,
    pub to: Days,
}

impl Period {
    pub fn new(from: Days, to: Days) -> Self {
        Period {
            from: from.min(to),
            to: from.max(to),
        }
    }
    pub fn contains(&self, d: Days) -> bool {
        d >= self.from && d <= self.to
    }
    pub fn days(&self) -> i32 {
        self.to - self.from + 1
    }
    /// The same number of days, ending the day before `from`.
    pub fn previous(&self) -> Period {
        Period::new(self.from - self.days(), self.from - 1)
    }
    /// Shifted back one calendar year (29 February falls on the 28th).
    pub fn last_year(&self) -> Period {
        Period::new(shift_year(self.from), shift_year(self.to))
    }
    pub fn from_label(&self) -> String {
        label(self.from)
    }
    pub fn to_label(&self) -> String {
        label(self.to)
    }
}

fn shift_year(d: Days) -> Days {
    let Some(date) = ymd_from_days(d) else {
        return d - 365;
    };
    let (y, m) = (date.year() - 1, date.month());
    days_from_ymd(y, m, date.day())
        .or_else(|| days_from_ymd(y, m, 28))
        .unwrap_or(d - 365)
}

/// `YYYY-MM-DD`.
pub fn label(d: Days) -> String {
    ymd_from_days(d).map_or_else(String::new, |x| x.format("%Y-%m-%d").to_string())
}

/// `YYYY-MM` of a day.
pub fn month_key(d: Days) -> String {
    ymd_from_days(d).map_or_else(String::new, |x| x.format("%Y-%m").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_periods() {
        let p = Period::new(
            days_from_ymd(2024, 3, 1).unwrap(),
            days_from_ymd(2024, 3, 31).unwrap(),
        );
        assert_eq!(p.days(), 31);
        let prev = p.previous();
        assert_eq!(
            (prev.from_label(), prev.to_label()),
            ("2024-01-30".into(), "2024-02-29".into())
        );
        let ly = Period::new(
            days_from_ymd(2024, 2, 29).unwrap(),
            days_from_ymd(2024, 2, 29).unwrap(),
        )
        .last_year();
        assert_eq!(ly.from_label(), "2023-02-28");
    }
}
