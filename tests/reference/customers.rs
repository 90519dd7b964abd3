//! The reference's customers (docs/KPIS.md, "Active customers" to "Lost
//! customers, churn, retention"): purchases over every line whatever the
//! filters, new customers by their first purchase, lost ones by dormancy,
//! the lists of who they are, the months and the cohorts, the plain way.

use super::{money, ratio, within, Line, Reference, Span};
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// A purchase: an order (its id's lines over the whole table, whatever
/// their date; a line without an order id alone) whose net over its lines
/// with a day and an amount is positive. Its day, customer and first line
/// are those of its earliest line (on a tie, the first in the file).
#[derive(Debug, Clone, Copy)]
pub struct Purchase<'a> {
    pub day: NaiveDate,
    /// Place of its first line in the file, for ties.
    pub index: usize,
    pub first: &'a Line,
    pub value: i64,
}

/// Each customer's purchases over every line (no filter), by day then
/// place in the file.
pub fn purchases(all: &[Line]) -> BTreeMap<String, Vec<Purchase<'_>>> {
    let mut by_id: BTreeMap<&str, Vec<(usize, &Line)>> = BTreeMap::new();
    let mut orders: Vec<Vec<(usize, &Line)>> = Vec::new();
    for (i, l) in all.iter().enumerate() {
        if l.day.is_none() || l.cents.is_none() {
            continue;
        }
        match l.order.as_deref() {
            Some(id) => by_id.entry(id).or_default().push((i, l)),
            None => orders.push(vec![(i, l)]),
        }
    }
    orders.extend(by_id.into_values());
    let mut out: BTreeMap<String, Vec<Purchase>> = BTreeMap::new();
    for o in orders {
        let value: i64 = o.iter().map(|(_, l)| l.cents.unwrap_or(0)).sum();
        let &(index, first) = o
            .iter()
            .min_by_key(|(i, l)| (l.day, *i))
            .expect("an order has a line");
        // A row of an aggregated extract is a purchase when it holds an order.
        let bought = match first.orders {
            Some(n) => n > 0,
            None => value > 0,
        };
        if let (true, Some(c)) = (bought, &first.customer) {
            out.entry(c.clone()).or_default().push(Purchase {
                day: first.day.expect("a day"),
                index,
                first,
                value,
            });
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|p| (p.day, p.index));
    }
    out
}

/// A customer's losses: for each day it made a purchase with none in the
/// `w` days after, the day `w` later (known only up to `last`), with the
/// last purchase of that day (the one the loss follows).
fn losses<'a>(list: &[Purchase<'a>], w: i64, last: NaiveDate) -> Vec<(NaiveDate, Purchase<'a>)> {
    let mut out = Vec::new();
    for p in list {
        let lost_on = p.day + Duration::days(w);
        let last_that_day = list.iter().rfind(|x| x.day == p.day).expect("itself");
        let again = list.iter().any(|x| x.day > p.day && x.day <= lost_on);
        if !again && lost_on <= last && p.index == last_that_day.index {
            out.push((lost_on, *p));
        }
    }
    out
}

/// Who arrives and leaves over a period.
pub struct Moves<'a> {
    /// Customers whose first purchase is in the period, with it (when
    /// their lines in it net to more than zero).
    pub new: BTreeMap<String, Purchase<'a>>,
    /// Customers with a loss in the period: their last one (day, and the
    /// purchase it follows).
    pub lost: BTreeMap<String, (NaiveDate, Purchase<'a>)>,
    /// Customers live at its start: their last purchase before it is
    /// within the `w` days before it.
    pub live: usize,
    /// Those of them with a loss in the period (whatever the filters).
    pub churned: usize,
}

/// New, lost, live and churned customers of `s`; `kept`: whether the
/// filters keep a line (a purchase passes when its first line does);
/// `every`: every line, whatever the filters.
pub fn customer_moves<'a>(
    every: &[Line],
    bought: &BTreeMap<String, Vec<Purchase<'a>>>,
    kept: &dyn Fn(&&Line) -> bool,
    last: Option<NaiveDate>,
    s: Span,
    w: i64,
) -> Moves<'a> {
    let mut m = Moves {
        new: BTreeMap::new(),
        lost: BTreeMap::new(),
        live: 0,
        churned: 0,
    };
    for (c, list) in bought {
        let first = list[0];
        // New: its first purchase is in `s`, and its lines in `s` (every
        // line) net to more than zero.
        let net: i64 = every
            .iter()
            .filter(|l| l.customer.as_ref() == Some(c) && l.day.is_some_and(|d| s.contains(d)))
            .map(|l| l.cents.unwrap_or(0))
            .sum();
        if s.contains(first.day) && kept(&first.first) && net > 0 {
            m.new.insert(c.clone(), first);
        }
        let in_s: Vec<(NaiveDate, Purchase)> = last
            .map(|last| losses(list, w, last))
            .unwrap_or_default()
            .into_iter()
            .filter(|(d, _)| s.contains(*d))
            .collect();
        if let Some(&(d, after)) = in_s.iter().rev().find(|(_, after)| kept(&after.first)) {
            m.lost.insert(c.clone(), (d, after));
        }
        let before = list.iter().rfind(|x| x.day < s.from);
        if let Some(b) = before.filter(|b| b.day >= s.from - Duration::days(w)) {
            if kept(&b.first) {
                m.live += 1;
                m.churned += usize::from(!in_s.is_empty());
            }
        }
    }
    m
}

/// Calendar months from `from`'s to `to`'s, as `(year, month)`.
fn months(from: NaiveDate, to: NaiveDate) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        out.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The customer KPIs and breakdowns of `p` (and its comparisons) into
/// `r`: `all` every line, `lines` those with a day and an amount the
/// filters keep (`kept`), `w` the dormancy window, `t` the active and
/// repeat customers of P, the previous period and last year.
pub fn add(
    r: &mut Reference,
    all: &[Line],
    lines: &[&Line],
    kept: &dyn Fn(&&Line) -> bool,
    p: Span,
    w: i64,
    t: [(usize, usize); 3],
) {
    let spans = [p, p.previous(), p.last_year()];
    let each = |f: &dyn Fn(usize) -> Option<f64>| [f(0), f(1), f(2)];
    r.kpis
        .insert("active_customers", each(&|i| Some(t[i].0 as f64)));
    let bought = purchases(all);
    let last = all.iter().filter_map(|l| l.day).max();
    let moves = spans.map(|s| customer_moves(all, &bought, kept, last, s, w));
    r.kpis
        .insert("new_customers", each(&|i| Some(moves[i].new.len() as f64)));
    r.kpis.insert(
        "first_purchase_value",
        each(&|i| {
            let values: i64 = moves[i].new.values().map(|p| p.value).sum();
            ratio(money(values), moves[i].new.len() as f64)
        }),
    );
    r.kpis.insert(
        "lost_customers",
        each(&|i| Some(moves[i].lost.len() as f64)),
    );
    let churn = |i: usize| ratio(moves[i].churned as f64, moves[i].live as f64);
    r.kpis.insert("churn_rate", each(&churn));
    r.kpis
        .insert("retention_rate", each(&|i| churn(i).map(|c| 1.0 - c)));
    r.kpis.insert(
        "repeat_rate",
        each(&|i| ratio(t[i].1 as f64, t[i].0 as f64)),
    );
    // Who they are: the new customers' revenue in P, the lost ones' over
    // the w days ending on the purchase their loss follows (kept lines).
    let revenue = |c: &str, from: NaiveDate, to: NaiveDate| -> i64 {
        lines
            .iter()
            .filter(|l| l.customer.as_deref() == Some(c))
            .filter(|l| l.day.is_some_and(|d| from <= d && d <= to))
            .map(|l| l.cents.unwrap_or(0))
            .sum()
    };
    let m = &moves[0];
    r.breakdowns.insert(
        "new_customers_list",
        m.new
            .keys()
            .map(|c| (c.clone(), money(revenue(c, p.from, p.to))))
            .collect(),
    );
    r.breakdowns.insert(
        "lost_customers_list",
        m.lost
            .iter()
            .map(|(c, (_, after))| {
                let from = after.day - Duration::days(w - 1);
                (c.clone(), money(revenue(c, from, after.day)))
            })
            .collect(),
    );

    // New customers by the month of their first purchase, lost ones by
    // the month of their last loss in P, and cohorts: the new customers by
    // month, with the share of each that has a kept line in each month of
    // P after.
    let ms = months(p.from, p.to);
    let active_in = |(y, m): (i32, u32)| -> BTreeSet<String> {
        within(lines, p)
            .filter(|l| {
                let d = l.day.expect("a day");
                (d.year(), d.month()) == (y, m)
            })
            .filter_map(|l| l.customer.clone())
            .collect()
    };
    let actives: Vec<BTreeSet<String>> = ms.iter().map(|&ym| active_in(ym)).collect();
    let mut new_by_month = BTreeMap::new();
    let mut lost_by_month = BTreeMap::new();
    for (i, &(y, m)) in ms.iter().enumerate() {
        let key = format!("{y:04}-{m:02}");
        let in_month = |d: NaiveDate| (d.year(), d.month()) == (y, m);
        let new: Vec<&String> = moves[0]
            .new
            .iter()
            .filter(|(_, f)| in_month(f.day))
            .map(|(c, _)| c)
            .collect();
        new_by_month.insert(key.clone(), new.len() as f64);
        let lost = moves[0].lost.values().filter(|(d, _)| in_month(*d)).count();
        lost_by_month.insert(key.clone(), lost as f64);
        if !new.is_empty() {
            let retention = (i..actives.len())
                .map(|k| {
                    new.iter().filter(|c| actives[k].contains(**c)).count() as f64
                        / new.len() as f64
                })
                .collect();
            r.cohorts.insert(key, (new.len(), retention));
        }
    }
    r.breakdowns.insert("new_customers_by_month", new_by_month);
    r.breakdowns
        .insert("lost_customers_by_month", lost_by_month);
}
