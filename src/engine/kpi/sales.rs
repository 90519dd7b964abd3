//! Revenue and orders (table `sales`): the scalar KPIs, the breakdowns by
//! time and by dimension, and the per-period totals the customer KPIs and the
//! rep view reuse.

use super::breakdown::{quarter_key, year_key, Grouped, Monthly};
use super::index::DayIndex;
use super::join::through_numbers;
use super::model::{Fact, Model};
use super::period::{month_index, Period};
use super::stats::ratio;
use super::view::{codes_or_none, Attr};
use super::{put, Sum};
use crate::engine::parse::date::Days;
use crate::engine::report::Report;
use crate::engine::schema::{Field, Kind};
use crate::engine::table::{MISSING_CODE, MISSING_DAY};
use std::borrow::Cow;

/// The amount column, or quantity × unit price when there is none.
enum Amount<'a> {
    Column(&'a [f64]),
    Derived(&'a [f64], &'a [f64]),
}

impl Amount<'_> {
    fn at(&self, row: usize) -> f64 {
        match self {
            Amount::Column(v) => v.get(row).copied().unwrap_or(f64::NAN),
            Amount::Derived(q, p) => match (q.get(row), p.get(row)) {
                (Some(q), Some(p)) => q * p,
                _ => f64::NAN,
            },
        }
    }
}

/// How the margin of a row is known.
enum Margin<'a> {
    Column(&'a [f64]),
    /// amount − cost
    Cost(&'a [f64]),
    /// amount − quantity × unit cost from `products`
    UnitCost(&'a [f64], Vec<f64>),
}

impl Margin<'_> {
    fn at(&self, row: usize, amount: f64) -> f64 {
        let get = |v: &[f64]| v.get(row).copied().unwrap_or(f64::NAN);
        match self {
            Margin::Column(m) => get(m),
            Margin::Cost(c) => amount - get(c),
            Margin::UnitCost(q, uc) => amount - get(q) * get(uc),
        }
    }
}

/// The sales table's columns, resolved once per report.
pub struct Sales<'m> {
    pub fact: &'m Fact<'m>,
    pub days: Cow<'m, [Days]>,
    /// Amount per row (the column, or quantity × unit price), NaN when unknown.
    amount: Vec<f64>,
    /// Margin per row, when the table gives a way to know it.
    margin: Option<Vec<f64>>,
    qty: Option<&'m [f64]>,
    pub rep: Option<Attr<'m>>,
    pub customer: Option<Attr<'m>>,
    pub order: Option<Attr<'m>>,
    index: Option<DayIndex>,
}

impl<'m> Sales<'m> {
    pub fn new(model: &'m Model<'m>) -> Option<Self> {
        let fact = model.fact(Kind::Sales)?;
        let v = fact.view;
        let days = v.days(Field::Date)?;
        let amount = match v.numbers(Field::Amount) {
            Some(a) => Amount::Column(a),
            None => Amount::Derived(v.numbers(Field::Quantity)?, v.numbers(Field::UnitPrice)?),
        };
        let qty = v.numbers(Field::Quantity);
        let margin = if let Some(m) = v.numbers(Field::Margin) {
            Some(Margin::Column(m))
        } else if let Some(c) = v.numbers(Field::Cost) {
            Some(Margin::Cost(c))
        } else {
            let unit_cost = model.products.and_then(|p| p.numbers(Field::UnitCost));
            match (qty, fact.product_link(), unit_cost) {
                (Some(q), Some((key, link)), Some(uc)) => {
                    Some(Margin::UnitCost(q, through_numbers(key, link, uc)))
                }
                _ => None,
            }
        };
        let amount: Vec<f64> = (0..days.len()).map(|r| amount.at(r)).collect();
        let margin = margin.map(|m| (0..days.len()).map(|r| m.at(r, amount[r])).collect());
        let mut s = Sales {
            fact,
            days,
            amount,
            margin,
            qty,
            rep: model.attr(fact, Field::Rep),
            customer: model.attr(fact, Field::Customer),
            order: v.attr(Field::OrderId),
            index: None,
        };
        s.index = DayIndex::new(&s.days, |row| fact.keep(row) && !s.amount(row).is_nan());
        Some(s)
    }

    /// Every kept row (filters, a date, an amount) dated in `p`, with its day.
    /// An iterator rather than a callback: the caller's loop body is then
    /// compiled into the loop, its sums kept in registers.
    #[inline]
    pub fn rows_in(&self, p: Period) -> RowsIn<'_> {
        // The index jumps around memory: worth it for a small share of the rows,
        // while a large share reads faster in row order.
        let few = self
            .index
            .as_ref()
            .map(|ix| ix.rows_in(p))
            .filter(|rows| rows.len() * 8 < self.rows());
        let (listed, end) = match few {
            Some(rows) => (rows, 0),
            None => (&[][..], self.rows()),
        };
        RowsIn {
            sales: self,
            listed: listed.iter(),
            next: 0,
            end,
            p,
        }
    }

    /// Every kept row, whatever its date.
    pub fn rows_all(&self) -> impl Iterator<Item = (usize, Days)> + '_ {
        self.rows_in(Period::new(Days::MIN / 2, Days::MAX / 2))
    }

    pub fn rows(&self) -> usize {
        self.days.len()
    }

    /// The row's day when it is kept by the filters and has a date and an amount.
    #[inline]
    pub fn day(&self, row: usize) -> Option<Days> {
        let d = *self.days.get(row)?;
        (d != MISSING_DAY && self.fact.keep(row) && !self.amount(row).is_nan()).then_some(d)
    }

    #[inline]
    pub fn amount(&self, row: usize) -> f64 {
        self.amount.get(row).copied().unwrap_or(f64::NAN)
    }

    /// The row's margin; `None` when the table gives no way to know it.
    #[inline]
    pub fn margin(&self, row: usize) -> Option<f64> {
        Some(self.margin.as_ref()?.get(row).copied().unwrap_or(f64::NAN))
    }

    pub fn has_margin(&self) -> bool {
        self.margin.is_some()
    }

    /// Totals over one period: one pass over the rows.
    pub fn totals(&self, p: Period) -> Totals {
        let mut t = Totals::default();
        let n_orders = self.order.as_ref().map_or(0, Attr::distinct);
        let n_customers = self.customer.as_ref().map_or(0, Attr::distinct);
        let mut order_net = vec![0.0f64; n_orders];
        let mut order_seen = vec![false; n_orders];
        let mut order_customer = vec![MISSING_CODE; n_orders];
        let mut customer_orders = vec![0u32; n_customers];
        let mut rep_seen = vec![false; self.rep.as_ref().map_or(0, Attr::distinct)];
        let mut customers = vec![false; n_customers];
        // Local sums and plain slices: the loop keeps them in registers.
        let (mut revenue, mut margin, mut units) = (Sum::default(), Sum::default(), Sum::default());
        let mut lone_orders = 0u64;
        let (rep, customer, order) = (
            codes_or_none(self.rep.as_ref()),
            codes_or_none(self.customer.as_ref()),
            codes_or_none(self.order.as_ref()),
        );
        for (row, _) in self.rows_in(p) {
            let a = self.amount[row];
            revenue.add(a);
            if let Some(m) = self.margin.as_ref().map(|m| m[row]).filter(|m| !m.is_nan()) {
                margin.add(m);
            }
            if let Some(q) = self.qty.and_then(|q| q.get(row)).filter(|q| !q.is_nan()) {
                units.add(*q);
            }
            if let Some(s) =
                rep_seen.get_mut(rep.get(row).copied().unwrap_or(MISSING_CODE) as usize)
            {
                *s = true;
            }
            let customer = customer.get(row).copied().unwrap_or(MISSING_CODE);
            if let Some(active) = customers.get_mut(customer as usize) {
                *active = true;
            }
            let order = order.get(row).copied().unwrap_or(MISSING_CODE) as usize;
            if order < n_orders {
                order_net[order] += a;
                if !order_seen[order] {
                    order_seen[order] = true;
                    order_customer[order] = customer;
                }
            } else if a > 0.0 {
                // A line without an order id is an order of its own.
                lone_orders += 1;
                if let Some(n) = customer_orders.get_mut(customer as usize) {
                    *n += 1;
                }
            }
        }
        t.revenue = revenue;
        t.margin = margin;
        t.units = units;
        t.orders = lone_orders;
        for o in 0..n_orders {
            if order_seen[o] && order_net[o] > 0.0 {
                t.orders += 1;
                if let Some(n) = customer_orders.get_mut(order_customer[o] as usize) {
                    *n += 1;
                }
            }
        }
        t.reps = self
            .rep
            .is_some()
            .then(|| rep_seen.iter().filter(|&&x| x).count() as u64);
        t.active_customers = customers.iter().filter(|&&x| x).count();
        t.customers = customers;
        t.repeat_customers = customer_orders.iter().filter(|&&n| n >= 2).count();
        t.order_net = order_net;
        t
    }
}

/// The rows of a period: a list from the day index, or a scan of the table.
pub struct RowsIn<'s> {
    sales: &'s Sales<'s>,
    listed: std::slice::Iter<'s, u32>,
    next: usize,
    end: usize,
    p: Period,
}

impl Iterator for RowsIn<'_> {
    type Item = (usize, Days);

    #[inline]
    fn next(&mut self) -> Option<(usize, Days)> {
        loop {
            let row = match self.listed.next() {
                Some(&r) => r as usize,
                None if self.next < self.end => {
                    self.next += 1;
                    self.next - 1
                }
                None => return None,
            };
            if let Some(d) = self.sales.day(row).filter(|&d| self.p.contains(d)) {
                return Some((row, d));
            }
        }
    }
}

/// Sums over one period.
#[derive(Default)]
pub struct Totals {
    pub revenue: Sum,
    pub margin: Sum,
    pub units: Sum,
    /// Distinct orders whose net total in the period is positive.
    pub orders: u64,
    /// Reps with at least one sale, when there is a rep column.
    pub reps: Option<u64>,
    /// Per order code: net total in the period.
    pub order_net: Vec<f64>,
    /// Per customer code: active in the period.
    pub customers: Vec<bool>,
    pub active_customers: usize,
    /// Customers with two orders or more (with a positive total) in the period.
    pub repeat_customers: usize,
}

/// The totals of the period and of the periods its comparisons need.
pub struct Periods {
    pub cur: Totals,
    pub prev: Totals,
    pub prev2: Totals,
    pub ly: Totals,
    pub ly_prev: Totals,
}

impl Periods {
    pub fn new(s: &Sales, p: Period) -> Self {
        Periods {
            cur: s.totals(p),
            prev: s.totals(p.previous()),
            prev2: s.totals(p.previous().previous()),
            ly: s.totals(p.last_year()),
            ly_prev: s.totals(p.last_year().previous()),
        }
    }
}

/// The scalar KPIs and breakdowns of the revenue family.
pub fn add(model: &Model, s: &Sales, t: &Periods, p: Period, r: &mut Report) {
    let (cur, prev, ly, prev2, ly_prev) = (&t.cur, &t.prev, &t.ly, &t.prev2, &t.ly_prev);
    let rev = |t: &Totals| Some(t.revenue.value());
    put(r, "revenue", rev(cur), rev(prev), rev(ly));
    let growth = |a: &Totals, b: &Totals| {
        ratio(
            a.revenue.value() - b.revenue.value(),
            b.revenue.value().abs(),
        )
    };
    put(
        r,
        "revenue_growth",
        growth(cur, prev),
        growth(prev, prev2),
        growth(ly, ly_prev),
    );
    let orders = |t: &Totals| Some(t.orders as f64);
    put(r, "order_count", orders(cur), orders(prev), orders(ly));
    let aov = |t: &Totals| ratio(t.revenue.value(), t.orders as f64);
    put(r, "avg_order_value", aov(cur), aov(prev), aov(ly));
    if s.has_margin() {
        let m = |t: &Totals| Some(t.margin.value());
        put(r, "gross_margin", m(cur), m(prev), m(ly));
        let mr = |t: &Totals| ratio(t.margin.value(), t.revenue.value());
        put(r, "margin_rate", mr(cur), mr(prev), mr(ly));
    }
    if s.rep.is_some() {
        let rpr = |t: &Totals| ratio(t.revenue.value(), t.reps.unwrap_or(0) as f64);
        put(r, "revenue_per_rep", rpr(cur), rpr(prev), rpr(ly));
    }
    if s.qty.is_some() {
        let u = |t: &Totals| Some(t.units.value());
        put(r, "units_sold", u(cur), u(prev), u(ly));
    }
    breakdowns(model, s, p, cur.revenue.value(), r);
}

fn breakdowns(model: &Model, s: &Sales, p: Period, total: f64, r: &mut Report) {
    let (m0, m1) = (month_index(p.from), month_index(p.to));
    let mut by_month = Monthly::span(m0, m1);
    let mut last_year = Monthly::span(m0 - 12, m1 - 12);
    let mut margin = Monthly::span(m0, m1);
    let ly = p.last_year();
    for (row, d) in s.rows_in(p) {
        let m = month_index(d);
        by_month.add(m, s.amount(row));
        if let Some(x) = s.margin(row).filter(|x| !x.is_nan()) {
            margin.add(m, x);
        }
    }
    for (row, d) in s.rows_in(ly) {
        last_year.add(month_index(d), s.amount(row));
    }
    let b = &mut r.breakdowns;
    b.insert("revenue_by_month".into(), by_month.rows(total));
    b.insert("revenue_by_month_last_year".into(), last_year.rows(total));
    b.insert(
        "revenue_by_quarter".into(),
        by_month.rollup(quarter_key, total),
    );
    b.insert("revenue_by_year".into(), by_month.rollup(year_key, total));
    if s.has_margin() {
        b.insert("margin_by_month".into(), margin.rows(total));
    }
    // Every dimension in one walk over the period's rows.
    let attrs: Vec<(&str, Attr)> = DIMENSIONS
        .iter()
        .filter_map(|&(id, field)| Some((id, model.attr(s.fact, field)?)))
        .collect();
    let mut groups: Vec<Grouped> = attrs
        .iter()
        .map(|(_, a)| Grouped::new(a.distinct()))
        .collect();
    for (row, _) in s.rows_in(p) {
        let a = s.amount(row);
        for (g, (_, attr)) in groups.iter_mut().zip(&attrs) {
            g.add(attr.code(row), a);
        }
    }
    for (g, (id, attr)) in groups.into_iter().zip(&attrs) {
        r.breakdowns.insert((*id).into(), g.rows(attr, total));
    }
}

/// The dimension breakdowns of revenue.
const DIMENSIONS: [(&str, Field); 5] = [
    ("revenue_by_rep", Field::Rep),
    ("revenue_by_region", Field::Region),
    ("revenue_by_sector", Field::Sector),
    ("revenue_by_channel", Field::Channel),
    ("revenue_by_product", Field::Product),
];
