//! Aggregated extracts, the plain way (docs/KPIS.md "Aggregated extracts",
//! docs/WAREHOUSE.md): what the warehouse recipe makes of order lines, and
//! what the reference leaves out on such a table.

use super::{Dim, Line, Reference};
use std::collections::BTreeMap;

/// The extract of `lines` as the recipe writes it: the lines summed per
/// day, customer, rep, region, sector and channel (and product when
/// `by_product`), as SQL's `GROUP BY` and `SUM` do — a row whose lines
/// all lack an amount has none, and still dates the table; quantities
/// and costs are those of the lines with an amount. Each row counts the
/// orders whose first line (with a day and an amount) it holds and whose
/// net over such lines is positive (a line without an order id is an
/// order of its own); rows in the order of their day, then of their
/// first line.
pub fn aggregate(lines: &[Line], by_product: bool) -> Vec<Line> {
    let kept: Vec<(usize, &Line)> = lines.iter().enumerate().collect();
    let priced = |l: &Line| l.day.is_some() && l.cents.is_some();
    // Each order's net and first line.
    let mut orders: BTreeMap<&str, (i64, usize)> = BTreeMap::new();
    for &(i, l) in kept.iter().filter(|(_, l)| priced(l)) {
        if let Some(id) = l.order.as_deref() {
            let o = orders.entry(id).or_insert((0, i));
            o.0 += l.cents.unwrap_or(0);
        }
    }
    let starts_an_order = |i: usize, l: &Line| {
        priced(l)
            && match l.order.as_deref() {
                Some(id) => orders
                    .get(id)
                    .is_some_and(|&(net, first)| first == i && net > 0),
                None => l.cents.unwrap_or(0) > 0,
            }
    };
    type Key = (
        Option<chrono::NaiveDate>,
        [Option<String>; 5],
        Option<String>,
    );
    let mut rows: BTreeMap<Key, (usize, Line)> = BTreeMap::new();
    for &(i, l) in &kept {
        let key = (
            l.day,
            [
                l.customer.clone(),
                l.rep.clone(),
                l.region.clone(),
                l.sector.clone(),
                l.channel.clone(),
            ],
            if by_product { l.product.clone() } else { None },
        );
        let (_, row) = rows.entry(key).or_insert_with(|| {
            (
                i,
                Line {
                    cents: None,
                    order: None,
                    product: if by_product { l.product.clone() } else { None },
                    cost: 0,
                    qty: 0,
                    orders: Some(0),
                    ..l.clone()
                },
            )
        });
        if let Some(c) = l.cents {
            row.cents = Some(row.cents.unwrap_or(0) + c);
            row.cost += l.cost;
            row.qty += l.qty;
        }
        if starts_an_order(i, l) {
            row.orders = Some(row.orders.unwrap_or(0) + 1);
        }
    }
    let mut out: Vec<(usize, Line)> = rows.into_values().collect();
    out.sort_by_key(|(first, l)| (l.day, *first));
    out.into_iter().map(|(_, l)| l).collect()
}

/// Is the table an aggregated extract?
pub fn is_aggregated(all: &[Line]) -> bool {
    all.iter().any(|l| l.orders.is_some())
}

/// On an aggregated extract, what its rows cannot tell is unavailable: the
/// first purchase value (a row may hold several orders) and, under a
/// product filter, every figure that counts orders (an order counts on the
/// row of its first line only).
pub fn hide_gaps(r: &mut Reference, all: &[Line], filters: &BTreeMap<Dim, Vec<String>>) {
    if !is_aggregated(all) {
        return;
    }
    r.kpis.insert("first_purchase_value", [None; 3]);
    if filters.contains_key(&Dim::Product) {
        for id in ["order_count", "avg_order_value", "repeat_rate"] {
            r.kpis.insert(id, [None; 3]);
        }
        for rep in r.reps.values_mut() {
            rep[2] = None;
            rep[3] = None;
        }
    }
}
