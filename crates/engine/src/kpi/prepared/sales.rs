//! The sales table as a report reads it: its days, amounts (the column, or
//! quantity × unit price) and margins (the column, amount − cost, or
//! amount − quantity × unit cost from `products`), in millionths when no
//! sum can overflow; derived once with the tables ([`SalesColumns`], kept
//! by [`super::Prepared`]) and borrowed by each report's [`Sales`].

use super::history::{History, SalesHistory};
use super::orders::SalesOrders;
use crate::kpi::core::sum::Addends;
use crate::kpi::core::view::{filled, Attr};
use crate::kpi::model::join::through_numbers;
use crate::kpi::model::{Fact, Model};
use crate::parse::date::Days;
use crate::schema::{Field, Kind};
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
    /// The margin of every row: one plain loop per way of knowing it (the
    /// compiler turns them into vector code), not a match per row.
    fn column(&self, amount: &[f64]) -> Vec<f64> {
        // Columns of one table have its rows; a shorter one reads as unknown.
        let n = amount.len();
        let col = |v| filled(v, n, f64::NAN);
        match self {
            Margin::Column(m) => col(m).into_owned(),
            Margin::Cost(c) => amount
                .iter()
                .zip(col(c).iter())
                .map(|(a, c)| a - c)
                .collect(),
            Margin::UnitCost(q, uc) => {
                let (q, uc) = (col(q), col(uc));
                amount
                    .iter()
                    .zip(q.iter().zip(uc.iter()))
                    .map(|(a, (q, uc))| a - q * uc)
                    .collect()
            }
        }
    }
}

/// The sales table's columns, resolved once per report.
pub struct Sales<'m> {
    pub fact: &'m Fact<'m>,
    pub days: Cow<'m, [Days]>,
    /// Amount per row (the column, or quantity × unit price), NaN when unknown.
    amount: Cow<'m, [f64]>,
    /// Margin per row, when the table gives a way to know it.
    margin: Option<Cow<'m, [f64]>>,
    /// Amounts, margins and quantities in millionths, when prepared with
    /// the tables and they fit.
    micros: [Option<&'m [i64]>; 3],
    /// The customers' purchases and reps' first sales over every row,
    /// prepared with the tables.
    history: Option<&'m SalesHistory>,
    /// The rows summed per order, prepared with the tables.
    orders: Option<&'m SalesOrders>,
    /// No order id on two lines, as found with the tables.
    one_line_orders: bool,
    qty: Option<&'m [f64]>,
    /// The orders each row holds, on an aggregated extract.
    order_counts: Option<&'m [f64]>,
    pub rep: Option<Attr<'m>>,
    pub customer: Option<Attr<'m>>,
    pub order: Option<Attr<'m>>,
}

/// The sales columns a report derives from the tables alone, kept by
/// [`super::Prepared`]: each present only when it is not a column as it is.
pub struct SalesColumns {
    /// Days of a date-time column.
    days: Option<Vec<Days>>,
    /// Quantity × unit price, when there is no amount column.
    amount: Option<Vec<f64>>,
    margin: Option<Vec<f64>>,
    /// The amounts, margins and quantities in millionths (0 for unknown
    /// ones), each when no sum of them can overflow.
    micros: [Option<Vec<i64>>; 3],
    /// The customers' purchases and reps' first sales over every row.
    pub(super) history: Option<SalesHistory>,
    /// The rows summed per order, when orders are whole in any period.
    pub(super) orders: Option<SalesOrders>,
    /// No order id on two lines (invoice line numbers): each line is then
    /// an order of its own, counted without a running total per order.
    pub(super) one_line_orders: bool,
}

/// The days, amounts and margins of the sales table: borrowed when they are
/// columns as they are, else computed.
type Derived<'m> = (Cow<'m, [Days]>, Cow<'m, [f64]>, Option<Vec<f64>>);

fn derive<'m>(model: &Model<'m>, fact: &Fact<'m>) -> Option<Derived<'m>> {
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
    // The amount column as it is (no copy per report), or computed.
    let amount: Cow<[f64]> = match amount {
        Amount::Column(a) if a.len() == days.len() => Cow::Borrowed(a),
        other => Cow::Owned((0..days.len()).map(|r| other.at(r)).collect()),
    };
    let margin = margin.map(|m| m.column(&amount));
    Some((days, amount, margin))
}

impl<'m> Sales<'m> {
    /// The sales of the model, reading what was `prepared` of them with
    /// the tables when given (the model's tables must be those it was
    /// made from).
    pub fn new(model: &'m Model<'m>, prepared: Option<&'m SalesColumns>) -> Option<Self> {
        let fact = model.fact(Kind::Sales)?;
        let v = fact.view;
        let (days, amount, margin) = match prepared {
            // Prepared with the tables: what was computed is borrowed.
            Some(c) => (
                match &c.days {
                    Some(d) => Cow::Borrowed(&d[..]),
                    None => v.days(Field::Date)?,
                },
                match &c.amount {
                    Some(a) => Cow::Borrowed(&a[..]),
                    None => Cow::Borrowed(v.numbers(Field::Amount)?),
                },
                c.margin.as_deref().map(Cow::Borrowed),
            ),
            None => {
                let (days, amount, margin) = derive(model, fact)?;
                (days, amount, margin.map(Cow::Owned))
            }
        };
        Some(Sales {
            fact,
            micros: [0, 1, 2].map(|i| prepared.and_then(|c| c.micros[i].as_deref())),
            history: prepared.and_then(|c| c.history.as_ref()),
            orders: prepared.and_then(|c| c.orders.as_ref()),
            one_line_orders: prepared.is_some_and(|c| c.one_line_orders),
            days,
            amount,
            margin,
            qty: v.numbers(Field::Quantity),
            order_counts: aggregated(fact),
            rep: model.attr(fact, Field::Rep),
            customer: model.attr(fact, Field::Customer),
            order: v.attr(Field::OrderId),
        })
    }

    /// What a report would compute of the sales table from the tables alone.
    pub fn columns(model: &Model) -> Option<SalesColumns> {
        let fact = model.fact(Kind::Sales)?;
        let (days, amount, margin) = derive(model, fact)?;
        let micros_of = |values: &[f64]| match Addends::new(values) {
            Addends::Micros(m) => Some(m.into_owned()),
            Addends::Floats(_) => None,
        };
        let micros = [
            micros_of(&amount),
            margin.as_deref().and_then(micros_of),
            fact.view.numbers(Field::Quantity).and_then(micros_of),
        ];
        Some(SalesColumns {
            history: None,
            orders: None,
            one_line_orders: one_line_orders(fact.view.attr(Field::OrderId).as_ref()),
            micros,
            days: matches!(days, Cow::Owned(_)).then(|| days.into_owned()),
            amount: matches!(amount, Cow::Owned(_)).then(|| amount.into_owned()),
            margin,
        })
    }

    pub fn rows(&self) -> usize {
        self.days.len()
    }

    /// The same sales without their prepared orders and history: walked,
    /// and their history found, row by row, with a running total per order.
    #[cfg(test)]
    pub(crate) fn without_orders(self) -> Self {
        Sales {
            orders: None,
            history: None,
            one_line_orders: false,
            ..self
        }
    }

    /// Whether no order id is on two lines, as found with the tables
    /// (false when not prepared): a line's order is then the line itself.
    pub fn one_line_orders(&self) -> bool {
        self.one_line_orders
    }

    /// The customers' purchases over every row, whatever the filters,
    /// when prepared with the tables.
    pub fn customer_history(&self) -> Option<&'m History> {
        self.history.and_then(|h| h.customers.as_ref())
    }

    /// Each rep's first sale, when prepared with the tables and no filter
    /// is set (prepared over every row).
    pub fn rep_first_sale(&self) -> Option<&'m [Days]> {
        self.history
            .filter(|_| self.fact.mask.is_none())
            .map(|h| &h.rep_first_sale[..])
    }

    /// The rows summed per order (every row, whatever the filters), when
    /// prepared with the tables and every order's lines share a day,
    /// customer, rep and campaign.
    pub fn orders(&self) -> Option<&'m SalesOrders> {
        self.orders
    }

    /// Amount, margin and quantity per row in millionths (0 when unknown),
    /// each when prepared with the tables and no sum of them can overflow.
    pub fn micros(&self) -> [Option<&'m [i64]>; 3] {
        self.micros
    }

    /// Amount per row, NaN when unknown.
    pub fn amounts(&self) -> &[f64] {
        &self.amount
    }

    /// Margin per row, when the table gives a way to know it.
    pub fn margins(&self) -> Option<&[f64]> {
        self.margin.as_deref()
    }

    /// Quantity per row, when there is a quantity column.
    pub fn quantities(&self) -> Option<&'m [f64]> {
        self.qty
    }

    pub fn has_margin(&self) -> bool {
        self.margin.is_some()
    }

    /// The orders each row holds, when the table is an aggregated extract
    /// (an order count and no order id; DATA.md §4b).
    pub fn order_counts(&self) -> Option<&'m [f64]> {
        self.order_counts
    }
}

/// Whether no order code is on two rows (true without an order column:
/// every line is then an order of its own anyway).
fn one_line_orders(order: Option<&Attr>) -> bool {
    let Some(order) = order else {
        return true;
    };
    let mut seen = vec![false; order.distinct()];
    order.codes.iter().all(|&c| match seen.get_mut(c as usize) {
        Some(s) => !std::mem::replace(s, true),
        None => true,
    })
}

/// The order count column of an aggregated extract: mapped, and no order
/// id beside it (an order id's lines are counted as orders themselves).
pub(crate) fn aggregated<'m>(fact: &Fact<'m>) -> Option<&'m [f64]> {
    let v = fact.view;
    v.attr(Field::OrderId)
        .is_none()
        .then(|| v.numbers(Field::Orders))
        .flatten()
}

/// The orders a row counts for when no order id ties it to others: its
/// count on an aggregated extract (none when missing or below one), else
/// one when its amount is positive (a line is an order of its own).
#[inline(always)]
pub fn lone_orders(counts: Option<&[f64]>, row: usize, amount: f64) -> u32 {
    match counts {
        Some(c) => {
            let n = c.get(row).copied().unwrap_or(0.0);
            // NaN and negatives saturate to 0; counts are whole numbers.
            n.round() as u32
        }
        None => u32::from(amount > 0.0),
    }
}
