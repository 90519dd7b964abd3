//! A period's totals (`Totals`; `Periods`: the period's and its
//! comparisons') and how the sales walk adds them up as it reads rows:
//! revenue, margin and units, orders with a positive net total, active and
//! repeat customers (each customer's net: a return alone is no customer),
//! reps with a sale.

use crate::kpi::core::sum::{Addend, Sum};
use crate::table::MISSING_CODE;

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
    /// Customers whose lines in the period net to more than zero.
    pub active_customers: usize,
    /// Per customer code, the net of its lines (empty when the period has none).
    pub customer_net: Vec<Sum>,
    /// Customers with two orders or more (with a positive total) in the period.
    pub repeat_customers: usize,
    /// Per rep code: a sale in the period.
    pub rep_seen: Vec<bool>,
}

/// The totals of the period and of the periods its comparisons need.
pub struct Periods {
    pub cur: Totals,
    pub prev: Totals,
    pub prev2: Totals,
    pub ly: Totals,
    pub ly_prev: Totals,
}

/// Sizes of the code spaces a period's totals count over.
#[derive(Clone, Copy)]
pub(super) struct Sizes {
    pub orders: usize,
    pub customers: usize,
    pub reps: usize,
}

/// One order's lines in a period so far.
#[derive(Clone, Copy)]
pub(super) struct OrderAcc {
    pub net: f64,
    /// The customer of its first line that names one (as the rep of an
    /// order is, for the rep view).
    customer: u32,
}

const NO_ORDER: OrderAcc = OrderAcc {
    net: 0.0,
    customer: MISSING_CODE,
};

/// A row's values, read and converted once for every sum they go to.
#[derive(Clone, Copy)]
pub(super) struct Line {
    pub amount: f64,
    pub a: Addend,
    /// Margin and quantity; `None` when unknown.
    pub m: Option<Addend>,
    pub q: Option<Addend>,
    pub rep: u32,
    pub cust: u32,
    pub order: u32,
    /// The orders it counts for when it has no order id: 1 for a line
    /// with a positive amount (or a whole order with a positive net), its
    /// count for a row of an aggregated extract, else 0.
    pub orders: u32,
}

/// A period's totals while rows come in; its arrays are allocated by the
/// first row, so an empty comparison period costs nothing.
#[derive(Default)]
pub(super) struct TotalsAcc {
    started: bool,
    revenue: Sum,
    margin: Sum,
    units: Sum,
    lone_orders: u64,
    /// Per order code, its fields side by side: one bounds check, one cache line.
    orders: Vec<OrderAcc>,
    /// Per customer code: the net of its lines, compared with 0 exactly.
    customer_net: Vec<Sum>,
    customer_orders: Vec<u32>,
    rep_seen: Vec<bool>,
}

impl TotalsAcc {
    #[inline(always)]
    pub fn add(&mut self, z: Sizes, l: &Line) {
        if !self.started {
            self.started = true;
            self.orders = vec![NO_ORDER; z.orders];
            self.customer_net = vec![Sum::default(); z.customers];
            self.customer_orders = vec![0; z.customers];
            self.rep_seen = vec![false; z.reps];
        }
        self.revenue.add_addend(l.a);
        if let Some(m) = l.m {
            self.margin.add_addend(m);
        }
        if let Some(q) = l.q {
            self.units.add_addend(q);
        }
        if let Some(s) = self.rep_seen.get_mut(l.rep as usize) {
            *s = true;
        }
        if let Some(net) = self.customer_net.get_mut(l.cust as usize) {
            net.add_addend(l.a);
        }
        if let Some(o) = self.orders.get_mut(l.order as usize) {
            o.net += l.amount;
            // A select, not a branch (as for `order_rep` in the walk).
            o.customer = if o.customer == MISSING_CODE {
                l.cust
            } else {
                o.customer
            };
        } else if l.orders > 0 {
            // A line without an order id is an order of its own.
            self.lone_orders += u64::from(l.orders);
            if let Some(n) = self.customer_orders.get_mut(l.cust as usize) {
                *n += l.orders;
            }
        }
    }

    /// The totals, and each order's net total in the period (0 when none of its lines is).
    pub fn finish(mut self, z: Sizes, has_rep: bool) -> (Totals, Vec<OrderAcc>) {
        if !self.started {
            self.rep_seen = vec![false; z.reps];
        }
        let mut orders = self.lone_orders;
        for o in &self.orders {
            if o.net > 0.0 {
                orders += 1;
                if let Some(n) = self.customer_orders.get_mut(o.customer as usize) {
                    *n += 1;
                }
            }
        }
        let totals = Totals {
            revenue: self.revenue,
            margin: self.margin,
            units: self.units,
            orders,
            reps: has_rep.then(|| self.rep_seen.iter().filter(|&&x| x).count() as u64),
            active_customers: self.customer_net.iter().filter(|n| n.value() > 0.0).count(),
            repeat_customers: self.customer_orders.iter().filter(|&&n| n >= 2).count(),
            customer_net: self.customer_net,
            rep_seen: self.rep_seen,
        };
        (totals, self.orders)
    }
}
