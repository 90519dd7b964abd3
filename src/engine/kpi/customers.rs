//! Customers (table `sales`): active, new, lost, retention, churn, repeat
//! purchases, first purchase value, top customers, new vs lost by month and
//! the cohort retention table.

use super::breakdown::row;
use super::period::{month_index, month_index_key, Period};
use super::sales::{Sales, Totals};
use super::sales_walk::{Grid, History, SalesWalk};
use super::stats::ratio;
use super::{put, Sum};
use crate::engine::parse::date::Days;
use crate::engine::report::{BreakdownRow, Cohort, Report};

struct Scalars {
    active: f64,
    new: f64,
    lost: f64,
    retention: Option<f64>,
    repeat: Option<f64>,
    first_purchase: Option<f64>,
}

/// The customer KPIs of `p`, from its totals and those of the period before it.
fn scalars(h: &History, now: &Totals, before: &Totals, p: Period) -> Scalars {
    let kept = now
        .customers
        .iter()
        .zip(&before.customers)
        .filter(|(a, b)| **a && **b)
        .count();
    let n_before = before.active_customers;
    let mut first = Sum::default();
    let mut new = 0usize;
    for (c, &d) in h.first_day.iter().enumerate() {
        if p.contains(d) {
            new += 1;
            if !h.first_order_value[c].is_nan() {
                first.add(h.first_order_value[c]);
            }
        }
    }
    let n_active = now.active_customers;
    Scalars {
        active: n_active as f64,
        new: new as f64,
        lost: (n_before - kept) as f64,
        retention: ratio(kept as f64, n_before as f64),
        repeat: ratio(now.repeat_customers as f64, n_active as f64),
        first_purchase: ratio(first.value(), new as f64),
    }
}

pub fn add(s: &Sales, w: &SalesWalk, p: Period, r: &mut Report) {
    let Some(h) = &w.history else { return };
    let t = &w.periods;
    let cur = scalars(h, &t.cur, &t.prev, p);
    let prev = scalars(h, &t.prev, &t.prev2, p.previous());
    let ly = scalars(h, &t.ly, &t.ly_prev, p.last_year());
    put(
        r,
        "active_customers",
        Some(cur.active),
        Some(prev.active),
        Some(ly.active),
    );
    put(
        r,
        "new_customers",
        Some(cur.new),
        Some(prev.new),
        Some(ly.new),
    );
    put(
        r,
        "lost_customers",
        Some(cur.lost),
        Some(prev.lost),
        Some(ly.lost),
    );
    put(
        r,
        "retention_rate",
        cur.retention,
        prev.retention,
        ly.retention,
    );
    let churn = |x: Option<f64>| x.map(|v| 1.0 - v);
    put(
        r,
        "churn_rate",
        churn(cur.retention),
        churn(prev.retention),
        churn(ly.retention),
    );
    put(r, "repeat_rate", cur.repeat, prev.repeat, ly.repeat);
    put(
        r,
        "first_purchase_value",
        cur.first_purchase,
        prev.first_purchase,
        ly.first_purchase,
    );
    if let (Some(cust), Some((g, unknown))) = (&s.customer, &w.by_customer) {
        // Shares of the period's whole revenue, so that the revenue of lines
        // without a customer is not spread over the known ones.
        let total = t.cur.revenue.value();
        let mut rows = g.rows(cust, total);
        rows.truncate(10);
        r.breakdowns.insert("top_customers".into(), rows);
        if unknown.value() != 0.0 {
            r.breakdowns.insert(
                "revenue_without_customer".into(),
                vec![row("(none)".into(), unknown.value(), total)],
            );
        }
    }
    if let Some(grid) = &w.grid {
        monthly(h, grid, p, r);
    }
}

/// New and lost customers by month, and the cohort retention table, over
/// the period's days only: the first and last months of a period that does
/// not start or end on a month's edge are partial, and a customer whose
/// first purchase is outside the period is in no month's count or cohort.
fn monthly(h: &History, grid: &Grid, p: Period, r: &mut Report) {
    let first_in = |d: Days, month: i32| d != Days::MAX && p.contains(d) && month_index(d) == month;
    let (m0, months, n) = (grid.first_month, grid.months, grid.customers);
    let mut new_rows = Vec::new();
    let mut lost_rows = Vec::new();
    for m in 1..months {
        let new = h
            .first_day
            .iter()
            .filter(|&&d| first_in(d, m0 + m as i32))
            .count();
        let lost = (0..n)
            .filter(|&c| grid.active(m - 1, c) && !grid.active(m, c))
            .count();
        let key = month_index_key(m0 + m as i32);
        new_rows.push(count_row(key.clone(), new));
        lost_rows.push(count_row(key, lost));
    }
    r.breakdowns
        .insert("new_customers_by_month".into(), new_rows);
    r.breakdowns
        .insert("lost_customers_by_month".into(), lost_rows);
    let mut cohorts = Vec::new();
    for m in 1..months {
        let members: Vec<usize> = (0..n)
            .filter(|&c| first_in(h.first_day[c], m0 + m as i32))
            .collect();
        if members.is_empty() {
            continue;
        }
        let retention = (m..months)
            .map(|k| {
                members.iter().filter(|&&c| grid.active(k, c)).count() as f64 / members.len() as f64
            })
            .collect();
        cohorts.push(Cohort {
            cohort: month_index_key(m0 + m as i32),
            customers: members.len(),
            retention,
        });
    }
    r.cohorts = cohorts;
}

fn count_row(key: String, n: usize) -> BreakdownRow {
    BreakdownRow {
        key,
        value: n as f64,
        share: None,
    }
}
