//! Customers (table `sales`): active, new, lost, retention, churn, repeat
//! purchases, first purchase value, top customers, the new and lost
//! customers by month and by name, and the cohort retention table.

use crate::kpi::core::breakdown::row;
use crate::kpi::core::catalogue::KpiId;
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::period::{month_index, month_index_key, Period};
use crate::kpi::core::record::put;
use crate::kpi::core::record::set;
use crate::kpi::core::stats::ratio;
use crate::kpi::prepared::sales::Sales;
use crate::kpi::sales::customer_lists;
use crate::kpi::sales::customer_moves::{unfiltered_nets, Moves};
use crate::kpi::sales::totals::Totals;
use crate::kpi::sales::walk::{Grid, History, SalesWalk};
use crate::parse::date::Days;
use crate::report::{BreakdownRow, Cohort, Report};

/// The customer KPIs of one period, from its totals and its moves.
struct Scalars {
    active: f64,
    new: f64,
    lost: f64,
    churn: Option<f64>,
    repeat: Option<f64>,
    first_purchase: Option<f64>,
}

/// How a KPI reads a period's scalars.
type Figure = fn(&Scalars) -> Option<f64>;

fn scalars(h: &History, t: &Totals, m: &Moves) -> Scalars {
    let n_active = t.active_customers;
    Scalars {
        active: n_active as f64,
        new: m.new.len() as f64,
        lost: m.lost.len() as f64,
        churn: ratio(m.churned as f64, m.live as f64),
        repeat: ratio(t.repeat_customers as f64, n_active as f64),
        first_purchase: ratio(m.first_values(h).value(), m.new.len() as f64),
    }
}

/// `window`: the dormancy window W, in days.
pub fn add(s: &Sales, w: &SalesWalk, p: Period, window: u32, r: &mut Report) {
    let Some(h) = &w.history else { return };
    let t = &w.periods;
    // The filters keep a purchase when they keep its first line.
    let keep = |row: u32| s.fact.keep(row as usize);
    let periods = [p, p.previous(), p.last_year()];
    let mut moves = periods.map(|q| Moves::of(h, keep, q, window));
    // A new customer's lines in the period must net to more than zero,
    // over every row: the period's totals without a filter, else a light
    // walk for those with returns.
    let totals = [&t.cur, &t.prev, &t.ly];
    if s.fact.mask.is_none() {
        for (m, t) in moves.iter_mut().zip(totals) {
            m.keep_new_with(h, &t.customer_net);
        }
    } else {
        // Only customers with returns can net to zero or less.
        let mut wanted = vec![false; h.customers()];
        for &c in moves.iter().flat_map(|m| &m.new) {
            wanted[c as usize] = h.returns[c as usize];
        }
        if wanted.contains(&true) {
            let nets = unfiltered_nets(s, &periods, &wanted);
            for (m, net) in moves.iter_mut().zip(&nets) {
                m.keep_new_with(h, net);
            }
        }
    }
    let [m_cur, m_prev, m_ly] = &moves;
    let cur = scalars(h, &t.cur, m_cur);
    let prev = scalars(h, &t.prev, m_prev);
    let ly = scalars(h, &t.ly, m_ly);
    let each = |f: Figure| (f(&cur), f(&prev), f(&ly));
    let kpis: [(KpiId, Figure); 7] = [
        (KpiId::ActiveCustomers, |x| Some(x.active)),
        (KpiId::NewCustomers, |x| Some(x.new)),
        (KpiId::LostCustomers, |x| Some(x.lost)),
        (KpiId::ChurnRate, |x| x.churn),
        (KpiId::RetentionRate, |x| x.churn.map(|c| 1.0 - c)),
        (KpiId::RepeatRate, |x| x.repeat),
        (KpiId::FirstPurchaseValue, |x| x.first_purchase),
    ];
    for (id, f) in kpis {
        let (a, b, c) = each(f);
        put(r, id, a, b, c);
    }
    if let (Some(cust), Some((g, unknown))) = (&s.customer, &w.by_customer) {
        // Shares of the period's whole revenue, so that the revenue of lines
        // without a customer is not spread over the known ones.
        let total = t.cur.revenue.value();
        let mut rows = g.rows(cust, total);
        rows.truncate(10);
        set(r, BreakdownId::TopCustomers, rows);
        if unknown.value() != 0.0 {
            set(
                r,
                BreakdownId::RevenueWithoutCustomer,
                vec![row("(none)".into(), unknown.value(), total)],
            );
        }
    }
    if let Some(cust) = &s.customer {
        set(
            r,
            BreakdownId::NewCustomersList,
            customer_lists::new_customers(cust, w, &m_cur.new),
        );
        set(
            r,
            BreakdownId::LostCustomersList,
            customer_lists::lost_customers(cust, s, w, &m_cur.lost, window),
        );
    }
    let first_day = |c: u32| h.first_day[c as usize];
    let lost_days: Vec<Days> = m_cur.lost.iter().map(|l| l.day).collect();
    let new_days: Vec<Days> = m_cur.new.iter().map(|&c| first_day(c)).collect();
    set(r, BreakdownId::NewCustomersByMonth, by_month(p, &new_days));
    set(
        r,
        BreakdownId::LostCustomersByMonth,
        by_month(p, &lost_days),
    );
    if let Some(grid) = &w.grid {
        r.cohorts = cohorts(grid, &m_cur.new, first_day);
    }
}

/// How many of `days` fall in each month of the period (all in it), one
/// row per month.
fn by_month(p: Period, days: &[Days]) -> Vec<BreakdownRow> {
    let (m0, m1) = (month_index(p.from), month_index(p.to));
    let mut counts = vec![0usize; (m1 - m0 + 1).max(0) as usize];
    for &d in days {
        if let Some(n) = counts.get_mut((month_index(d) - m0) as usize) {
            *n += 1;
        }
    }
    counts
        .iter()
        .enumerate()
        .map(|(i, &n)| BreakdownRow {
            key: month_index_key(m0 + i as i32),
            value: n as f64,
            share: None,
        })
        .collect()
}

/// The new customers grouped by the month of their first purchase, each
/// group with the share of it that has a line in each month after, up to
/// the period's last.
fn cohorts(grid: &Grid, new: &[u32], first_day: impl Fn(u32) -> Days) -> Vec<Cohort> {
    let m0 = grid.first_month;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); grid.months];
    for &c in new {
        if let Some(group) = members.get_mut((month_index(first_day(c)) - m0) as usize) {
            group.push(c as usize);
        }
    }
    members
        .iter()
        .enumerate()
        .filter(|(_, group)| !group.is_empty())
        .map(|(m, group)| Cohort {
            cohort: month_index_key(m0 + m as i32),
            customers: group.len(),
            retention: (m..grid.months)
                .map(|k| {
                    group.iter().filter(|&&c| grid.active(k, c)).count() as f64 / group.len() as f64
                })
                .collect(),
        })
        .collect()
}
