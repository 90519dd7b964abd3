//! Revenue and orders (table `sales`): the scalar KPIs and the breakdowns
//! by time and by dimension.

use super::totals::Totals;
use super::walk::SalesWalk;
use crate::kpi::core::breakdown::{quarter_key, year_key};
use crate::kpi::core::catalogue::KpiId;
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::record::{put, set};
use crate::kpi::core::stats::ratio;
use crate::kpi::prepared::sales::Sales;
use crate::report::Report;

/// The scalar KPIs and breakdowns of the revenue family.
pub fn add(s: &Sales, w: &SalesWalk, r: &mut Report) {
    let t = &w.periods;
    let (cur, prev, ly, prev2, ly_prev) = (&t.cur, &t.prev, &t.ly, &t.prev2, &t.ly_prev);
    let rev = |t: &Totals| Some(t.revenue.value());
    put(r, KpiId::Revenue, rev(cur), rev(prev), rev(ly));
    let growth = |a: &Totals, b: &Totals| {
        ratio(
            a.revenue.value() - b.revenue.value(),
            b.revenue.value().abs(),
        )
    };
    put(
        r,
        KpiId::RevenueGrowth,
        growth(cur, prev),
        growth(prev, prev2),
        growth(ly, ly_prev),
    );
    let orders = |t: &Totals| Some(t.orders as f64);
    put(r, KpiId::OrderCount, orders(cur), orders(prev), orders(ly));
    let aov = |t: &Totals| ratio(t.revenue.value(), t.orders as f64);
    put(r, KpiId::AvgOrderValue, aov(cur), aov(prev), aov(ly));
    if s.has_margin() {
        let m = |t: &Totals| Some(t.margin.value());
        put(r, KpiId::GrossMargin, m(cur), m(prev), m(ly));
        let mr = |t: &Totals| ratio(t.margin.value(), t.revenue.value());
        put(r, KpiId::MarginRate, mr(cur), mr(prev), mr(ly));
    }
    if s.rep.is_some() {
        let rpr = |t: &Totals| ratio(t.revenue.value(), t.reps.unwrap_or(0) as f64);
        put(r, KpiId::RevenuePerRep, rpr(cur), rpr(prev), rpr(ly));
    }
    if s.quantities().is_some() {
        let u = |t: &Totals| Some(t.units.value());
        put(r, KpiId::UnitsSold, u(cur), u(prev), u(ly));
    }
    breakdowns(s, w, r);
}

/// Each breakdown's shares are of its own total: this period's revenue,
/// last year's for last year's months, the margin for the margin's months.
fn breakdowns(s: &Sales, w: &SalesWalk, r: &mut Report) {
    let t = &w.periods;
    let total = t.cur.revenue.value();
    set(r, BreakdownId::RevenueByMonth, w.by_month.rows(total));
    set(
        r,
        BreakdownId::RevenueByMonthLastYear,
        w.last_year_by_month.rows(t.ly.revenue.value()),
    );
    set(
        r,
        BreakdownId::RevenueByQuarter,
        w.by_month.rollup(quarter_key, total),
    );
    set(
        r,
        BreakdownId::RevenueByYear,
        w.by_month.rollup(year_key, total),
    );
    if s.has_margin() {
        set(
            r,
            BreakdownId::MarginByMonth,
            w.margin_by_month.rows(t.cur.margin.value()),
        );
    }
    for (id, attr, g) in &w.dims {
        set(r, *id, g.rows(attr, total));
    }
}
