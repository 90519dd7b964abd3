//! Periods: [from, to] in days, both inclusive, and the comparison periods.

use crate::parse::date::{days_from_ymd, ymd_from_days, Days};
use chrono::Datelike;
use serde::{Deserialize, Serialize};

/// The period presets of KPIS.md, relative to a "today".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    ThisMonth,
    LastMonth,
    ThisQuarter,
    LastQuarter,
    ThisYear,
    LastYear,
    Last12Months,
    YearToDate,
}

impl Preset {
    pub const ALL: [Preset; 8] = [
        Preset::ThisMonth,
        Preset::LastMonth,
        Preset::ThisQuarter,
        Preset::LastQuarter,
        Preset::ThisYear,
        Preset::LastYear,
        Preset::Last12Months,
        Preset::YearToDate,
    ];

    /// The period this preset means when today is `today`.
    pub fn period(self, today: Days) -> Option<Period> {
        let t = ymd_from_days(today)?;
        let (y, m) = (t.year(), t.month());
        let month_start = |y: i32, m: u32| days_from_ymd(y, m, 1);
        let month_end = |y: i32, m: u32| {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            days_from_ymd(ny, nm, 1).map(|d| d - 1)
        };
        let q0 = (m - 1) / 3 * 3 + 1; // first month of this quarter
        let (lqy, lq0) = if q0 == 1 { (y - 1, 10) } else { (y, q0 - 3) };
        let (lmy, lm) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
        let p = match self {
            Preset::ThisMonth => Period::new(month_start(y, m)?, month_end(y, m)?),
            Preset::LastMonth => Period::new(month_start(lmy, lm)?, month_end(lmy, lm)?),
            Preset::ThisQuarter => Period::new(month_start(y, q0)?, month_end(y, q0 + 2)?),
            Preset::LastQuarter => Period::new(month_start(lqy, lq0)?, month_end(lqy, lq0 + 2)?),
            Preset::ThisYear => Period::new(days_from_ymd(y, 1, 1)?, days_from_ymd(y, 12, 31)?),
            Preset::LastYear => {
                Period::new(days_from_ymd(y - 1, 1, 1)?, days_from_ymd(y - 1, 12, 31)?)
            }
            Preset::Last12Months => Period::new(shift_year(today) + 1, today),
            Preset::YearToDate => Period::new(days_from_ymd(y, 1, 1)?, today),
        };
        Some(p)
    }
}

/// The calendar unit a period can be exactly: its previous period is then
/// the previous unit (Q4 compares with Q3, 2025 with 2024), not the same
/// number of days before, which would leave a day out or take one too many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarUnit {
    Month,
    Quarter,
    Year,
}

impl CalendarUnit {
    fn months(self) -> i32 {
        match self {
            CalendarUnit::Month => 1,
            CalendarUnit::Quarter => 3,
            CalendarUnit::Year => 12,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The calendar month, quarter or year the period is exactly, if any.
    pub fn calendar_unit(&self) -> Option<CalendarUnit> {
        let (first, after) = (ymd_from_days(self.from)?, ymd_from_days(self.to + 1)?);
        if first.day() != 1 || after.day() != 1 {
            return None;
        }
        let months =
            (after.year() - first.year()) * 12 + after.month() as i32 - first.month() as i32;
        match months {
            1 => Some(CalendarUnit::Month),
            3 if first.month() % 3 == 1 => Some(CalendarUnit::Quarter),
            12 if first.month() == 1 => Some(CalendarUnit::Year),
            _ => None,
        }
    }

    /// The period a change is measured against: the previous calendar
    /// unit when the period is exactly one; the same days of the previous
    /// unit when it runs from a unit's first day to a day inside it (year,
    /// else quarter, else month to date: 1 January – 30 September compares
    /// with 1 January – 30 September of the year before, not with the 273
    /// days before it, which would take the busy end of a year); else the
    /// same number of days ending the day before `from`.
    pub fn previous(&self) -> Period {
        if let Some(unit) = self.calendar_unit().or_else(|| self.unit_to_date()) {
            let m = month_index(self.from) - unit.months();
            if let Some(from) = days_from_ymd(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1) {
                let to = if self.calendar_unit().is_some() {
                    self.from - 1
                } else {
                    shift_months(self.to, unit.months())
                };
                return Period::new(from, to);
            }
        }
        Period::new(self.from - self.days(), self.from - 1)
    }
    /// The largest calendar unit the period starts on the first day of and
    /// ends inside of, short of its last day: the period is that unit to date.
    fn unit_to_date(&self) -> Option<CalendarUnit> {
        let (first, last) = (ymd_from_days(self.from)?, ymd_from_days(self.to)?);
        if first.day() != 1 || self.calendar_unit().is_some() {
            return None;
        }
        let (m0, m1) = (month_index(self.from), month_index(self.to));
        [
            CalendarUnit::Year,
            CalendarUnit::Quarter,
            CalendarUnit::Month,
        ]
        .into_iter()
        .find(|u| {
            let n = u.months();
            (first.month() as i32 - 1) % n == 0 && m1 - m0 < n && last.year() == first.year()
        })
    }
    /// Shifted back one calendar year (29 February falls on the 28th).
    pub fn last_year(&self) -> Period {
        Period::new(shift_year(self.from), shift_year(self.to))
    }
    /// Calendar months the period touches, each counted for the share of its
    /// days inside the period (so a full quarter is 3.0, 15 days of April 0.5).
    pub fn months(&self) -> f64 {
        let mut total = 0.0;
        let mut d = self.from;
        while d <= self.to {
            let Some(date) = ymd_from_days(d) else { break };
            let (y, m) = (date.year(), date.month());
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let (Some(start), Some(next)) = (days_from_ymd(y, m, 1), days_from_ymd(ny, nm, 1))
            else {
                break;
            };
            let inside = (next.min(self.to + 1) - d) as f64;
            total += inside / (next - start) as f64;
            d = next;
        }
        total
    }

    /// The share of the period elapsed on `today` (0 before it starts, 1 after it ends).
    pub fn pace(&self, today: Days) -> f64 {
        ((today - self.from + 1) as f64 / self.days() as f64).clamp(0.0, 1.0)
    }

    pub fn from_label(&self) -> String {
        label(self.from)
    }
    pub fn to_label(&self) -> String {
        label(self.to)
    }
}

/// `months` calendar months earlier, on the same day of the month or the
/// last day of a shorter month (31 May − 3 months = 28 February).
fn shift_months(d: Days, months: i32) -> Days {
    let Some(date) = ymd_from_days(d) else {
        return d;
    };
    let m = month_index(d) - months;
    let (y, mo) = (m.div_euclid(12), m.rem_euclid(12) as u32 + 1);
    (28..=date.day())
        .rev()
        .find_map(|day| days_from_ymd(y, mo, day))
        .or_else(|| days_from_ymd(y, mo, date.day()))
        .unwrap_or(d)
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

/// Year and month (1–12) of a day number, by Howard Hinnant's civil-from-days
/// (no table, no allocation: it runs once per row in monthly breakdowns).
#[inline]
pub fn year_month(d: Days) -> (i32, u32) {
    let z = d as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y as i32, m as u32)
}

/// Months since year 0, for dense monthly arrays.
#[inline(always)]
pub fn month_index(d: Days) -> i32 {
    let (y, m) = year_month(d);
    y * 12 + m as i32 - 1
}

/// `YYYY-MM` of a month index.
pub fn month_index_key(i: i32) -> String {
    format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_periods() {
        let p = Period::new(
            days_from_ymd(2024, 3, 5).unwrap(),
            days_from_ymd(2024, 4, 4).unwrap(),
        );
        assert_eq!(p.days(), 31);
        let prev = p.previous();
        assert_eq!(
            (prev.from_label(), prev.to_label()),
            ("2024-02-03".into(), "2024-03-04".into())
        );
        let ly = Period::new(
            days_from_ymd(2024, 2, 29).unwrap(),
            days_from_ymd(2024, 2, 29).unwrap(),
        )
        .last_year();
        assert_eq!(ly.from_label(), "2023-02-28");
    }

    #[test]
    fn a_calendar_unit_compares_with_the_previous_unit() {
        let prev = |a, b| {
            let x = p(a, b).previous();
            (x.from_label(), x.to_label())
        };
        let l = |a: &str, b: &str| (a.to_string(), b.to_string());
        // 2025 has 365 days; the 365 days before it would leave out 1 January 2024.
        assert_eq!(
            prev((2025, 1, 1), (2025, 12, 31)),
            l("2024-01-01", "2024-12-31")
        );
        assert_eq!(
            prev((2024, 3, 1), (2024, 3, 31)),
            l("2024-02-01", "2024-02-29")
        );
        assert_eq!(
            prev((2024, 1, 1), (2024, 3, 31)),
            l("2023-10-01", "2023-12-31")
        );
        assert_eq!(
            prev((2024, 10, 1), (2024, 12, 31)),
            l("2024-07-01", "2024-09-30")
        );
        // Not a calendar unit: the same number of days before.
        assert_eq!(
            prev((2024, 2, 1), (2024, 4, 30)),
            l("2023-11-03", "2024-01-31")
        );
        assert_eq!(
            prev((2024, 3, 2), (2024, 3, 31)),
            l("2024-02-01", "2024-03-01")
        );
        assert_eq!(p((2024, 2, 1), (2024, 4, 30)).calendar_unit(), None);
        // To date: the same days of the previous year, quarter or month.
        assert_eq!(
            prev((2025, 1, 1), (2025, 9, 30)),
            l("2024-01-01", "2024-09-30")
        );
        // Superstore's year to date (its last day is 30 December).
        assert_eq!(
            prev((2017, 1, 1), (2017, 12, 30)),
            l("2016-01-01", "2016-12-30")
        );
        assert_eq!(
            prev((2024, 1, 1), (2024, 2, 29)),
            l("2023-01-01", "2023-02-28")
        );
        assert_eq!(
            prev((2025, 4, 1), (2025, 5, 31)),
            l("2025-01-01", "2025-02-28")
        );
        assert_eq!(
            prev((2025, 3, 1), (2025, 3, 30)),
            l("2025-02-01", "2025-02-28")
        );
        assert_eq!(
            prev((2025, 8, 1), (2025, 8, 15)),
            l("2025-07-01", "2025-07-15")
        );
        // Starting on the 1st of a month but running into the next: not to date.
        assert_eq!(
            prev((2025, 8, 1), (2025, 9, 15)),
            l("2025-06-16", "2025-07-31")
        );
        assert_eq!(
            p((2023, 12, 1), (2023, 12, 31)).calendar_unit(),
            Some(CalendarUnit::Month)
        );
    }

    #[test]
    fn civil_from_days_matches_chrono() {
        for d in (-800_000..800_000).step_by(997) {
            let c = ymd_from_days(d).unwrap();
            assert_eq!(year_month(d), (c.year(), c.month()), "day {d}");
        }
        assert_eq!(
            month_index_key(month_index(days_from_ymd(2024, 2, 29).unwrap())),
            "2024-02"
        );
    }

    fn p(a: (i32, u32, u32), b: (i32, u32, u32)) -> Period {
        Period::new(
            days_from_ymd(a.0, a.1, a.2).unwrap(),
            days_from_ymd(b.0, b.1, b.2).unwrap(),
        )
    }

    #[test]
    fn presets_relative_to_today() {
        let today = days_from_ymd(2024, 2, 15).unwrap();
        let got = |x: Preset| x.period(today).unwrap();
        assert_eq!(got(Preset::ThisMonth), p((2024, 2, 1), (2024, 2, 29)));
        assert_eq!(got(Preset::LastMonth), p((2024, 1, 1), (2024, 1, 31)));
        assert_eq!(got(Preset::ThisQuarter), p((2024, 1, 1), (2024, 3, 31)));
        assert_eq!(got(Preset::LastQuarter), p((2023, 10, 1), (2023, 12, 31)));
        assert_eq!(got(Preset::ThisYear), p((2024, 1, 1), (2024, 12, 31)));
        assert_eq!(got(Preset::LastYear), p((2023, 1, 1), (2023, 12, 31)));
        assert_eq!(got(Preset::Last12Months), p((2023, 2, 16), (2024, 2, 15)));
        assert_eq!(got(Preset::YearToDate), p((2024, 1, 1), (2024, 2, 15)));
    }

    #[test]
    fn months_are_pro_rated() {
        assert!((p((2024, 1, 1), (2024, 3, 31)).months() - 3.0).abs() < 1e-12);
        assert!((p((2024, 4, 1), (2024, 4, 15)).months() - 0.5).abs() < 1e-12);
        assert!(
            (p((2024, 1, 17), (2024, 2, 14)).months() - (15.0 / 31.0 + 14.0 / 29.0)).abs() < 1e-12
        );
        assert_eq!(
            p((2024, 1, 1), (2024, 1, 10)).pace(days_from_ymd(2024, 1, 5).unwrap()),
            0.5
        );
    }
}
