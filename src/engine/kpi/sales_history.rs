//! What is known of each customer and rep over the whole (filtered) sales
//! table, whatever the period: first purchases, the value of each
//! customer's first order, each rep's first sale. Prepared once with the
//! tables for reports without a filter; computed per report otherwise.

use super::sales::Sales;
use super::sales_orders::Order;
use super::view::{filled, row_codes, Attr};
use super::Sum;
use crate::engine::parse::date::Days;
use crate::engine::table::{MISSING_CODE, MISSING_DAY};

/// What is known of each customer over the whole (filtered) data set.
#[derive(Clone)]
pub struct History {
    /// Day of each customer's first purchase (`Days::MAX`: none).
    pub first_day: Vec<Days>,
    /// Net total of each customer's first order (all its lines, whatever their date).
    pub first_order_value: Vec<f64>,
}

/// The customers' history (when there is a customer column) and each
/// rep's first sale.
#[derive(Clone)]
pub struct SalesHistory {
    pub customers: Option<History>,
    /// Per rep code: the day of the first sale (`Days::MAX`: none).
    pub rep_first_sale: Vec<Days>,
}

impl SalesHistory {
    /// The same from whole orders (none of them a line without an order
    /// id, whose first order has no total): a customer's first order is the
    /// first with its earliest day, as the first row with it is that
    /// order's; its value, its lines' millionths.
    pub fn of_orders(orders: &[Order], customers: Option<usize>, reps: usize) -> SalesHistory {
        let n = customers.unwrap_or(0);
        let mut first_day = vec![Days::MAX; n];
        let mut first_order_value = vec![f64::NAN; n];
        let mut rep_first_sale = vec![Days::MAX; reps];
        for o in orders {
            let c = o.customer as usize;
            if let (Some(fd), Some(value)) = (first_day.get_mut(c), first_order_value.get_mut(c)) {
                if o.day < *fd {
                    *fd = o.day;
                    let mut total = Sum::default();
                    total.add_micros(o.micros[0]);
                    *value = total.value();
                }
            }
            if let Some(f) = rep_first_sale.get_mut(o.rep as usize) {
                *f = (*f).min(o.day);
            }
        }
        SalesHistory {
            customers: customers.map(|_| History {
                first_day,
                first_order_value,
            }),
            rep_first_sale,
        }
    }

    /// One walk over the kept sales rows (filters, a date, an amount).
    pub fn of(s: &Sales) -> SalesHistory {
        let n = s.rows();
        let distinct = |a: Option<&Attr>| a.map_or(0, Attr::distinct);
        let (customers, orders, reps) = (
            distinct(s.customer.as_ref()),
            distinct(s.order.as_ref()),
            distinct(s.rep.as_ref()),
        );
        let has_order = s.order.is_some();
        let cust_codes = row_codes(s.customer.as_ref(), n);
        let order_codes = row_codes(s.order.as_ref(), n);
        let rep_codes = row_codes(s.rep.as_ref(), n);
        let (cust_codes, order_codes, rep_codes) =
            (&cust_codes[..n], &order_codes[..n], &rep_codes[..n]);
        let (days, amounts) = (&s.days[..n], &s.amounts()[..n]);
        let mask = s.fact.mask.as_deref().map(|m| filled(m, n, false));
        let mask = mask.as_deref();
        let mut first_day = vec![Days::MAX; customers];
        // The row of each customer's first purchase.
        let mut first_row = vec![usize::MAX; customers];
        let mut rep_first_sale = vec![Days::MAX; reps];
        for row in 0..n {
            let (d, a) = (days[row], amounts[row]);
            if d == MISSING_DAY || a.is_nan() || mask.is_some_and(|m| !m[row]) {
                continue;
            }
            let cust = cust_codes[row] as usize;
            if let Some(fd) = first_day.get_mut(cust) {
                if d < *fd {
                    *fd = d;
                    first_row[cust] = row;
                }
            }
            if let Some(f) = rep_first_sale.get_mut(rep_codes[row] as usize) {
                *f = (*f).min(d);
            }
        }
        // The first purchase is its row's order; a row without an order id
        // is an order of its own.
        let first_key: Vec<u32> = first_row
            .iter()
            .map(|&row| order_codes.get(row).copied().unwrap_or(MISSING_CODE))
            .collect();
        let mut first_order_value = if has_order {
            first_order_totals(s, order_codes, &first_key, orders)
        } else {
            vec![f64::NAN; customers]
        };
        for ((value, &key), &row) in first_order_value.iter_mut().zip(&first_key).zip(&first_row) {
            if key == MISSING_CODE && row != usize::MAX {
                *value = s.amount(row);
            }
        }
        SalesHistory {
            customers: s.customer.is_some().then_some(History {
                first_day,
                first_order_value,
            }),
            rep_first_sale,
        }
    }
}

/// The net total of each customer's first order (`first_key`: its order
/// code), all its lines whatever their date: a second, light walk that adds
/// only those orders' lines, instead of a running total for every order.
fn first_order_totals(
    s: &Sales,
    order_codes: &[u32],
    first_key: &[u32],
    orders: usize,
) -> Vec<f64> {
    // Order code → its place among the first orders (two customers may share one).
    let mut slot = vec![MISSING_CODE; orders];
    let mut wanted = 0u32;
    for &k in first_key {
        if let Some(x) = slot.get_mut(k as usize).filter(|x| **x == MISSING_CODE) {
            *x = wanted;
            wanted += 1;
        }
    }
    let mut totals = vec![Sum::default(); wanted as usize];
    for (row, &o) in order_codes.iter().enumerate() {
        let i = slot.get(o as usize).copied().unwrap_or(MISSING_CODE);
        if i != MISSING_CODE && s.day(row).is_some() {
            totals[i as usize].add(s.amount(row));
        }
    }
    first_key
        .iter()
        .map(|&k| {
            let i = slot.get(k as usize).copied().unwrap_or(MISSING_CODE);
            totals.get(i as usize).map_or(f64::NAN, Sum::value)
        })
        .collect()
}
