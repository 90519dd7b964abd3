//! Who the period's new and lost customers are: the largest of each by
//! revenue, so that a manager knows whom to call (`new_customers_list`,
//! `lost_customers_list`).

use crate::kpi::core::breakdown::sort_desc;
use crate::kpi::core::sum::Sum;
use crate::kpi::core::view::{filled, row_codes, Attr};
use crate::kpi::prepared::sales::Sales;
use crate::kpi::sales::customer_moves::Lost;
use crate::kpi::sales::walk::SalesWalk;
use crate::parse::date::Days;
use crate::report::BreakdownRow;
use crate::table::MISSING_DAY;

/// How many customers each list names.
const LISTED: usize = 50;

/// The largest `(customer code, revenue)` by revenue, ties by name.
fn listed(cust: &Attr, values: impl Iterator<Item = (u32, f64)>) -> Vec<BreakdownRow> {
    let mut rows: Vec<BreakdownRow> = values
        .map(|(c, value)| BreakdownRow {
            key: cust.name(c).to_string(),
            value,
            share: None,
        })
        .collect();
    sort_desc(&mut rows);
    rows.truncate(LISTED);
    rows
}

/// The new customers, by their revenue in the period (the lines the
/// filters keep).
pub fn new_customers(cust: &Attr, w: &SalesWalk, new: &[u32]) -> Vec<BreakdownRow> {
    let revenue = |c: u32| w.by_customer.as_ref().map_or(0.0, |(g, _)| g.value_of(c));
    listed(cust, new.iter().map(|&c| (c, revenue(c))))
}

/// The lost customers, by their revenue (the lines the filters keep) over
/// the `window` days ending on the day of the purchase their loss follows.
pub fn lost_customers(
    cust: &Attr,
    s: &Sales,
    w: &SalesWalk,
    lost: &[Lost],
    window: u32,
) -> Vec<BreakdownRow> {
    if lost.is_empty() {
        return Vec::new();
    }
    // Per customer code: the days its revenue counts over (empty when not lost).
    let mut days = vec![(Days::MAX, Days::MIN); cust.distinct()];
    for l in lost {
        if let Some(d) = days.get_mut(l.customer as usize) {
            *d = (l.after - window as Days + 1, l.after);
        }
    }
    let mut sums = vec![Sum::default(); days.len()];
    match &w.kept_orders {
        // Whole orders: one entry per order instead of one per line.
        Some(orders) => {
            for o in orders.iter() {
                if let (Some(&(lo, hi)), Some(sum)) = (
                    days.get(o.customer as usize),
                    sums.get_mut(o.customer as usize),
                ) {
                    if lo <= o.day && o.day <= hi {
                        sum.add_micros(o.micros[0]);
                    }
                }
            }
        }
        None => by_rows(s, &days, &mut sums),
    }
    listed(
        cust,
        lost.iter().map(|l| {
            let sum = sums.get(l.customer as usize).copied().unwrap_or_default();
            (l.customer, sum.value())
        }),
    )
}

/// Adds each kept row (filters, a date, an amount) of a customer dated in
/// its days.
fn by_rows(s: &Sales, days_of: &[(Days, Days)], sums: &mut [Sum]) {
    let n = s.rows();
    let cust = row_codes(s.customer.as_ref(), n);
    let mask = filled(s.fact.mask.as_deref().unwrap_or(&[]), n, true);
    let micros = s.micros()[0].filter(|m| m.len() == n);
    let (cust, days, amounts) = (&cust[..n], &s.days[..n], &s.amounts()[..n]);
    for row in 0..n {
        let Some(&(lo, hi)) = days_of.get(cust[row] as usize) else {
            continue;
        };
        let (d, a) = (days[row], amounts[row]);
        if d == MISSING_DAY || d < lo || d > hi || a.is_nan() || !mask[row] {
            continue;
        }
        let sum = &mut sums[cust[row] as usize];
        match micros {
            Some(m) => sum.add_micros(m[row]),
            None => sum.add(a),
        }
    }
}
