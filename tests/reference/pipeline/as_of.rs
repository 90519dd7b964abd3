//! The open pipeline as it was on a day (docs/KPIS.md, "Open
//! opportunities"), the plain way: a deal was open at the end of day D when
//! it was created by D and not won or lost by D, whatever its status today.

use super::{stage_probability, status, Crm, Deal, Status};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The last day a deal was created, won or lost: statuses are today's as
/// of then. An open deal's close date is only expected: it does not count.
pub fn data_end(crm: &Crm) -> Option<NaiveDate> {
    crm.deals
        .iter()
        .enumerate()
        .flat_map(|(i, d)| {
            let closed = d.closed.filter(|_| crm.status(i) != Status::Open);
            [d.created, closed]
        })
        .flatten()
        .max()
}

/// Whether the deal was open at the end of day `d`; `None` when the data
/// cannot tell (before the data's end: no created date and not closed by
/// then, or won or lost without a close date).
pub fn open_on(deal: &Deal, st: Status, d: NaiveDate, end: Option<NaiveDate>) -> Option<bool> {
    let at_end = end.is_none_or(|e| d >= e);
    if st == Status::Open {
        return match deal.created {
            Some(c) => Some(c <= d),
            None if at_end => Some(true),
            None => None,
        };
    }
    if at_end || deal.closed.is_some_and(|x| x <= d) {
        return Some(false);
    }
    match (deal.created, deal.closed) {
        (Some(c), _) if c > d => Some(false),
        (Some(_), Some(_)) => Some(true),
        _ => None,
    }
}

/// The probability of a deal won or lost today while it was open: its
/// stage's when the stage's name is an open one, else the mean over the
/// open stage names of the table, each counted once (25 % without any).
pub fn probability_before_close(deal: &Deal, crm: &Crm) -> f64 {
    let settings = &crm.stage_probabilities;
    if let Some(name) = deal.stage.as_deref() {
        if status(Some(name)) == Status::Open {
            return stage_probability(Some(name), settings);
        }
    }
    let open: BTreeMap<String, f64> = crm
        .deals
        .iter()
        .filter_map(|d| d.stage.as_deref())
        .filter(|s| status(Some(s)) == Status::Open)
        .map(|s| (super::fold(s), stage_probability(Some(s), settings)))
        .collect();
    if open.is_empty() {
        0.25
    } else {
        open.values().sum::<f64>() / open.len() as f64
    }
}

/// A deal's amount while open: a lost deal at 0 (nothing signed) takes its
/// list price, or has none.
pub fn open_cents(st: Status, cents: Option<i64>, list_price: Option<i64>) -> Option<i64> {
    match (st, cents) {
        (Status::Lost, Some(0)) => list_price,
        _ => cents,
    }
}
