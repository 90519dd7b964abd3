//! Customers (table `sales`): active, new, lost, retention, churn, repeat
//! purchases, first purchase value, top customers, new vs lost by month and
//! the cohort retention table.

use super::breakdown::Grouped;
use super::period::{month_index, month_index_key, Period};
use super::sales::{Periods, Sales, Totals};
use super::stats::ratio;
use super::{put, Sum};
use crate::engine::parse::date::Days;
use crate::engine::report::{BreakdownRow, Cohort, Report};
use crate::engine::table::MISSING_CODE;

/// What is known of each customer over the whole (filtered) data set.
struct History {
    first_day: Vec<Days>,
    /// Net total of each customer's first order (all its lines, whatever their date).
    first_order_value: Vec<f64>,
}

fn history(s: &Sales) -> Option<History> {
    let cust = s.customer.as_ref()?;
    let n = cust.distinct();
    let mut first_day = vec![Days::MAX; n];
    let mut first_key = vec![MISSING_CODE; n]; // order code, or row when there is no order id
    for (row, d) in s.rows_all() {
        let c = cust.code(row) as usize;
        if let Some(fd) = first_day.get_mut(c) {
            if d < *fd {
                *fd = d;
                first_key[c] = s.order.as_ref().map_or(row as u32, |o| o.code(row));
            }
        }
    }
    let mut first_order_value = vec![0.0; n];
    match &s.order {
        Some(o) => {
            let mut order_total = vec![Sum::default(); o.distinct()];
            for (row, _) in s.rows_all() {
                if let Some(t) = order_total.get_mut(o.code(row) as usize) {
                    t.add(s.amount(row));
                }
            }
            for (c, &k) in first_key.iter().enumerate() {
                first_order_value[c] = order_total.get(k as usize).map_or(f64::NAN, Sum::value);
            }
        }
        None => {
            for (c, &k) in first_key.iter().enumerate() {
                first_order_value[c] = if k == MISSING_CODE {
                    f64::NAN
                } else {
                    s.amount(k as usize)
                };
            }
        }
    }
    Some(History {
        first_day,
        first_order_value,
    })
}

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

pub fn add(s: &Sales, t: &Periods, p: Period, r: &mut Report) {
    let Some(h) = history(s) else { return };
    let cur = scalars(&h, &t.cur, &t.prev, p);
    let prev = scalars(&h, &t.prev, &t.prev2, p.previous());
    let ly = scalars(&h, &t.ly, &t.ly_prev, p.last_year());
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
    top_customers(s, p, r);
    monthly(s, &h, p, r);
}

fn top_customers(s: &Sales, p: Period, r: &mut Report) {
    let Some(cust) = &s.customer else { return };
    let mut g = Grouped::new(cust.distinct());
    let mut total = Sum::default();
    for (row, _) in s.rows_in(p) {
        if cust.code(row) != MISSING_CODE {
            g.add(cust.code(row), s.amount(row));
            total.add(s.amount(row));
        }
    }
    let mut rows = g.rows(cust, total.value());
    rows.truncate(10);
    r.breakdowns.insert("top_customers".into(), rows);
}

/// Most cells the customer × month activity grid may hold (cohorts are skipped beyond).
const MAX_GRID: usize = 64 << 20;

/// New and lost customers by month, and the cohort retention table.
fn monthly(s: &Sales, h: &History, p: Period, r: &mut Report) {
    let Some(cust) = &s.customer else { return };
    // Months of the period, plus the one before (to know who was lost in the first).
    let (m0, m1) = (month_index(p.from) - 1, month_index(p.to));
    let months = (m1 - m0 + 1) as usize;
    let n = cust.distinct();
    if months.saturating_mul(n) > MAX_GRID {
        return;
    }
    let mut grid = vec![false; months * n];
    let start = Period::new(p.from.min(first_day_of_month(m0)), p.to);
    for (row, d) in s.rows_in(start) {
        let c = cust.code(row) as usize;
        if c < n {
            let m = (month_index(d) - m0) as usize;
            if let Some(cell) = grid.get_mut(m * n + c) {
                *cell = true;
            }
        }
    }
    let active_in = |m: usize, c: usize| grid.get(m * n + c).copied().unwrap_or(false);
    let mut new_rows = Vec::new();
    let mut lost_rows = Vec::new();
    for m in 1..months {
        let new = h
            .first_day
            .iter()
            .filter(|&&d| d != Days::MAX && month_index(d) == m0 + m as i32)
            .count();
        let lost = (0..n)
            .filter(|&c| active_in(m - 1, c) && !active_in(m, c))
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
            .filter(|&c| {
                h.first_day[c] != Days::MAX && month_index(h.first_day[c]) == m0 + m as i32
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        let retention = (m..months)
            .map(|k| {
                members.iter().filter(|&&c| active_in(k, c)).count() as f64 / members.len() as f64
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

fn first_day_of_month(m: i32) -> Days {
    crate::engine::parse::date::days_from_ymd(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(Days::MIN)
}
