//! What the reference's notes count, and why a sum of amounts is
//! unavailable (docs/KPIS.md, "Open opportunities" and "Amounts").

use super::{PipelineReference, Seen, Span, Status};

/// What the report's notes count.
#[derive(Debug, Default, PartialEq)]
pub struct Notes {
    /// Deals (all, whatever the filters) priced from the products table.
    pub estimated: usize,
    /// Deals kept by the filters that an open pipeline of the report's
    /// three days leaves out: without a created date; won or lost without
    /// a close date.
    pub no_created: usize,
    pub no_close: usize,
    /// Lost deals at 0 counted in one of those pipelines (at a list price).
    pub unsigned: usize,
    /// Deals open at P's end, and won in P, without an amount: (without,
    /// all), when some but not all lack one.
    pub open_unpriced: Option<(usize, usize)>,
    pub won_unpriced: Option<(usize, usize)>,
}

/// The notes' counts and the reasons of KPIs unavailable for want of
/// amounts.
pub fn notes(r: &mut PipelineReference, deals: &[&Seen], spans: [Span; 3], list_prices: bool) {
    let n = &mut r.notes;
    for x in deals {
        let days = spans.map(|s| x.open_on(s.to));
        if days.contains(&None) {
            match x.d.created {
                None => n.no_created += 1,
                Some(_) => n.no_close += 1,
            }
        }
        if days.contains(&Some(true)) && x.status == Status::Lost && x.cents == Some(0) {
            n.unsigned += 1;
        }
    }
    let p = spans[0];
    let some_missing = |f: &dyn Fn(&Seen) -> Option<i64>, keep: &dyn Fn(&Seen) -> bool| {
        let all = deals.iter().filter(|x| keep(x)).count();
        let missing = deals.iter().filter(|x| keep(x) && f(x).is_none()).count();
        (missing > 0 && missing < all).then_some((missing, all))
    };
    let won = |x: &Seen| x.status == Status::Won && x.closed_in(p);
    n.open_unpriced = some_missing(&|x| x.open_cents, &|x| x.open_at(p));
    n.won_unpriced = some_missing(&|x| x.cents, &won);
    let none = |f: &dyn Fn(&Seen) -> Option<i64>, keep: &dyn Fn(&Seen) -> bool| {
        let kept: Vec<_> = deals.iter().filter(|x| keep(x)).collect();
        !kept.is_empty() && kept.iter().all(|x| f(x).is_none())
    };
    let reason = |which: &str| {
        if list_prices {
            format!("no {which} deal has an amount, nor a list price in the products table")
        } else {
            format!(
                "no {which} deal has an amount: a products table with list prices would give them"
            )
        }
    };
    if none(&|x| x.open_cents, &|x| x.open_at(p)) {
        for id in ["pipeline_value", "weighted_pipeline"] {
            r.reasons.insert(id, reason("open"));
        }
    }
    if none(&|x| x.cents, &won) {
        for id in ["won_revenue", "avg_deal_value"] {
            r.reasons.insert(id, reason("won"));
        }
    }
}
