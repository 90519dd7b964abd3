//! Who arrives and who leaves over a period, from each customer's
//! purchases over the whole sales table (KPIS.md, "New customers" and
//! "Lost customers, retention, churn"): new customers, lost customers by
//! dormancy, customers live at the period's start and those of them lost.
//! A filter only picks whose: a customer is new, or lost, once for the
//! whole company, so slices add up.

use crate::kpi::core::period::Period;
use crate::kpi::core::sum::Sum;
use crate::kpi::core::sum::{fits, Addend};
use crate::kpi::core::view::row_codes;
use crate::kpi::prepared::history::History;
use crate::kpi::prepared::sales::Sales;
use crate::parse::date::Days;
use crate::table::MISSING_DAY;

/// The dormancy window when a query names none: a customer without a
/// purchase for a year is lost.
pub const DEFAULT_DORMANCY_DAYS: u32 = 365;

/// The longest window taken (a century): day numbers stay far from overflow.
const MAX_DORMANCY_DAYS: u32 = 36_600;

/// The window of a query, in days (at least one).
pub fn dormancy_days(asked: Option<u32>) -> u32 {
    asked
        .unwrap_or(DEFAULT_DORMANCY_DAYS)
        .clamp(1, MAX_DORMANCY_DAYS)
}

/// A lost customer: the last day within the period it was lost on, and the
/// day of the purchase that loss follows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lost {
    pub customer: u32,
    pub day: Days,
    pub after: Days,
}

/// The customers who arrive and leave over one period.
#[derive(Default)]
pub struct Moves {
    /// Customers whose first purchase is in the period (and passes the
    /// filters): new when their lines in it net to more than zero.
    pub new: Vec<u32>,
    pub lost: Vec<Lost>,
    /// Customers live at the period's start: a purchase within the window
    /// before it (the last one passing the filters).
    pub live: usize,
    /// Those of them lost within the period.
    pub churned: usize,
}

impl Moves {
    /// `keep`: whether the filters keep a row (a purchase passes them when
    /// they keep its first line); `window`: W, in days.
    pub fn of(h: &History, keep: impl Fn(u32) -> bool, p: Period, window: u32) -> Moves {
        let w = window as Days;
        // A loss is known only up to the table's last date.
        let known = p.to.min(h.last_day);
        let mut m = Moves::default();
        for c in 0..h.customers() {
            if p.contains(h.first_day[c]) && keep(h.first_row[c]) {
                m.new.push(c as u32);
            }
            let days = h.days_of(c);
            // Losses in the period follow purchases W days before it.
            let start = days.partition_point(|x| x.day + w < p.from);
            let (mut lost, mut last_kept) = (false, None);
            for (i, x) in days.iter().enumerate().skip(start) {
                if x.day + w > known {
                    break;
                }
                // Lost W days after a purchase with none in the W days after.
                if days.get(i + 1).is_none_or(|next| next.day > x.day + w) {
                    lost = true;
                    if keep(x.row) {
                        last_kept = Some(Lost {
                            customer: c as u32,
                            day: x.day + w,
                            after: x.day,
                        });
                    }
                }
            }
            m.lost.extend(last_kept);
            let before = days.partition_point(|x| x.day < p.from);
            if let Some(last) = before.checked_sub(1).map(|i| days[i]) {
                if last.day >= p.from - w && keep(last.row) {
                    m.live += 1;
                    m.churned += usize::from(lost);
                }
            }
        }
        m
    }

    /// Keeps the new customers whose lines in the period net to more than
    /// zero (`net`: per customer code, needed for those with returns): one
    /// whose purchase was returned within the period is not new.
    pub fn keep_new_with(&mut self, h: &History, net: &[Sum]) {
        self.new.retain(|&c| {
            let c = c as usize;
            !h.returns[c] || net.get(c).is_some_and(|n| n.value() > 0.0)
        });
    }

    /// The sum of the new customers' first purchases.
    pub fn first_values(&self, h: &History) -> Sum {
        let mut total = Sum::default();
        for &c in &self.new {
            total.add(h.first_value[c as usize]);
        }
        total
    }
}

/// Per period, the net of each customer's lines in it over every row,
/// whatever the filters, for the customers `wanted` (the others stay at
/// zero): whether a filtered report's new customers bought for good is a
/// fact about the whole company, so that slices add up.
pub fn unfiltered_nets(s: &Sales, periods: &[Period], wanted: &[bool]) -> Vec<Vec<Sum>> {
    let mut nets = vec![vec![Sum::default(); wanted.len()]; periods.len()];
    let mut add = |c: u32, d: Days, x: Addend| {
        if wanted.get(c as usize).copied().unwrap_or(false) {
            for (net, q) in nets.iter_mut().zip(periods) {
                if q.contains(d) {
                    net[c as usize].add_addend(x);
                }
            }
        }
    };
    match s.orders() {
        // Whole orders, every one: each lies in a period whole.
        Some(orders) => {
            for o in &orders.orders {
                add(o.customer, o.day, Addend::from_micros(o.micros[0]));
            }
        }
        None => {
            let n = s.rows();
            let cust = row_codes(s.customer.as_ref(), n);
            let micros = s.micros()[0].filter(|m| m.len() == n);
            let fit = micros.is_some() || fits(s.amounts());
            let (cust, days, amounts) = (&cust[..n], &s.days[..n], &s.amounts()[..n]);
            for row in 0..n {
                let (d, a) = (days[row], amounts[row]);
                if d == MISSING_DAY || a.is_nan() {
                    continue;
                }
                let x = match micros {
                    Some(m) => Addend::from_micros(m[row]),
                    None => Addend::of(a, fit),
                };
                add(cust[row], d, x);
            }
        }
    }
    nets
}
