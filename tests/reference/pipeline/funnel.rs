//! The funnel of the reference: per stage, the deals open at P's end and
//! those closed in P (docs/KPIS.md, "funnel").

use super::{money, stage_probability, status, Seen, Stage, Status};
use super::{Crm, Span};
use std::collections::BTreeMap;

/// The funnel's row of deals open at P's end and won or lost since, whose
/// stage name is not an open one.
pub const UNKNOWN: &str = "(none)";

/// Open stages by probability (the unknown stage last), then won, then
/// lost; ties by name.
pub fn funnel(deals: &[&Seen], crm: &Crm, p: Span) -> Vec<Stage> {
    // Per row: the stage, its status as seen, the deals, those with an
    // amount, amount, weighted amount and the sum of probabilities.
    type Row = (Status, usize, usize, f64, f64, f64);
    let mut stages: BTreeMap<String, Row> = BTreeMap::new();
    for x in deals {
        let Some(name) = &x.d.stage else { continue };
        let (key, seen, cents, chance) = if x.closed_in(p) {
            (name.clone(), x.status, x.cents, x.probability)
        } else if x.open_at(p) {
            let known = x.status == Status::Open || status(Some(name)) == Status::Open;
            let key = if known { name.clone() } else { UNKNOWN.into() };
            (key, Status::Open, x.open_cents, x.open_probability)
        } else {
            continue;
        };
        let e = stages.entry(key).or_insert((seen, 0, 0, 0.0, 0.0, 0.0));
        e.0 = seen;
        e.1 += 1;
        e.5 += chance;
        if let Some(c) = cents {
            e.2 += 1;
            e.3 += money(c);
            e.4 += match seen {
                Status::Open => money(c) * chance,
                Status::Won => money(c),
                Status::Lost => 0.0,
            };
        }
    }
    let mut funnel: Vec<Stage> = stages
        .into_iter()
        .map(|(name, (st, n, priced, amount, weighted, chances))| Stage {
            name,
            status: st,
            count: n,
            amount: (priced > 0).then_some(amount),
            weighted: (priced > 0).then_some(weighted),
            probability: (st == Status::Open).then(|| chances / n as f64),
        })
        .collect();
    let rank = |s: &Stage| {
        (
            s.status,
            s.name == UNKNOWN,
            stage_probability(Some(&s.name), &crm.stage_probabilities),
        )
    };
    funnel.sort_by(|a, b| {
        let (ra, rb) = (rank(a), rank(b));
        ra.0.cmp(&rb.0)
            .then(ra.1.cmp(&rb.1))
            .then(ra.2.total_cmp(&rb.2))
            .then(a.name.cmp(&b.name))
    });
    funnel
}
