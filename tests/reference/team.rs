//! The reference for the team family of docs/KPIS.md (`active_reps`,
//! `time_to_first_sale_days` with its median) and the rep view's activity
//! columns (`visits`, `visits_per_order`), computed the plain way from rows
//! held as Rust values: team members with hire dates, sales lines, deals
//! and activities. Reps are one rep across tables when their names agree
//! without case, accents or punctuation (`pipeline::fold`). Orders come
//! from the sales reference (`super::report`), deal statuses from the
//! pipeline reference (`pipeline::status`).

use super::families::{Act, Activity};
use super::pipeline::{fold, status, Deal, Status};
use super::{report, Line, Span};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// A row of the team table.
#[derive(Debug, Clone, PartialEq)]
pub struct Hire {
    pub rep: String,
    pub manager: Option<String>,
    pub region: Option<String>,
    pub hired: Option<NaiveDate>,
}

/// The tables of a workspace; `None`: the workspace has no such table.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub team: Option<Vec<Hire>>,
    pub sales: Option<Vec<Line>>,
    pub deals: Option<Vec<Deal>>,
    pub activities: Option<Vec<Activity>>,
}

/// What the engine does where it departs from docs/KPIS.md; the
/// differential test follows the engine and the disagreement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Engine {
    /// `active_reps` counts reps with a *visit*, not any activity.
    pub active_by_visits: bool,
    /// Time to first sale reads won deals of every rep and team rows of
    /// every rep, whatever the rep filter.
    pub first_sale_unfiltered: bool,
}

/// A rep's row of the rep view, for its activity columns.
#[derive(Debug, Clone, PartialEq)]
pub struct RepVisits {
    /// The name shown: as the sales, else the deals, else the activities
    /// write it.
    pub name: String,
    pub visits: f64,
    pub visits_per_order: Option<f64>,
}

#[derive(Debug, Default)]
pub struct TeamReference {
    /// Value over the period, the previous period and last year.
    pub kpis: BTreeMap<&'static str, [Option<f64>; 3]>,
    /// The median time to first sale over the period.
    pub first_sale_median: Option<f64>,
    /// Per folded rep name, the reps with a visit in the period.
    pub reps: BTreeMap<String, RepVisits>,
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| a / b)
}

fn mean(v: &[f64]) -> Option<f64> {
    ratio(v.iter().sum(), v.len() as f64)
}

fn median(v: &[f64]) -> Option<f64> {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    (n > 0).then(|| {
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    })
}

fn within(d: Option<NaiveDate>, s: Span) -> bool {
    d.is_some_and(|d| s.contains(d))
}

/// The team figures of `ws` over `p`, with a rep filter (`None`: none;
/// values compared folded).
pub fn report_team(
    ws: &Workspace,
    p: Span,
    reps: Option<&[String]>,
    engine: Engine,
) -> TeamReference {
    let keeps = |rep: &Option<String>| match reps {
        None => true,
        Some(vs) => rep
            .as_ref()
            .is_some_and(|r| vs.iter().any(|v| fold(v) == fold(r))),
    };
    // Sales lines count with a day and an amount.
    let sales: Vec<&Line> = ws
        .sales
        .iter()
        .flatten()
        .filter(|l| l.day.is_some() && l.cents.is_some() && keeps(&l.rep))
        .collect();
    let all_deals: Vec<&Deal> = ws.deals.iter().flatten().collect();
    let deals: Vec<&Deal> = all_deals
        .iter()
        .copied()
        .filter(|d| keeps(&d.rep))
        .collect();
    let acts: Vec<&Activity> = ws
        .activities
        .iter()
        .flatten()
        .filter(|a| keeps(&a.rep))
        .collect();
    let won = |d: &Deal| status(d.stage.as_deref()) == Status::Won;
    let closed = |d: &Deal| status(d.stage.as_deref()) != Status::Open;
    let spans = [p, p.previous(), p.last_year()];
    let mut r = TeamReference::default();
    // Unavailable unless computed below.
    r.kpis.insert("active_reps", [None; 3]);
    r.kpis.insert("time_to_first_sale_days", [None; 3]);

    // Active reps: a sale, a won deal or an activity (a visit, as the
    // engine counts) in the period. A rep column with no value at all (a
    // table of a header alone, or every rep cell empty) has no type, so the
    // engine maps no rep: then the KPI is unavailable rather than 0.
    // Likewise a table whose required columns (docs/DATA.md) hold no value
    // is not used at all: sales need a date and an amount, deals a created
    // or close date and a stage, activities a date and a rep.
    let sales_rows = ws.sales.iter().flatten();
    let deal_rows = ws.deals.iter().flatten();
    let act_rows = ws.activities.iter().flatten();
    let sales_rep = sales_rows.clone().any(|l| l.day.is_some())
        && sales_rows.clone().any(|l| l.cents.is_some())
        && sales_rows.clone().any(|l| l.rep.is_some());
    let deals_rep = deal_rows
        .clone()
        .any(|d| d.created.is_some() || d.closed.is_some())
        && deal_rows.clone().any(|d| d.stage.is_some())
        && deal_rows.clone().any(|d| d.rep.is_some());
    let acts_rep =
        act_rows.clone().any(|a| a.day.is_some()) && act_rows.clone().any(|a| a.rep.is_some());
    if sales_rep || deals_rep || acts_rep {
        let active = |s: Span| {
            let mut names = BTreeSet::new();
            for l in sales.iter().filter(|l| within(l.day, s)) {
                names.extend(l.rep.as_deref().map(fold));
            }
            for d in deals.iter().filter(|d| won(d) && within(d.closed, s)) {
                names.extend(d.rep.as_deref().map(fold));
            }
            for a in acts.iter().filter(|a| within(a.day, s)) {
                if !engine.active_by_visits || a.act == Act::Visit {
                    names.extend(a.rep.as_deref().map(fold));
                }
            }
            Some(names.len() as f64)
        };
        r.kpis.insert("active_reps", spans.map(active));
    }

    // Time to first sale: per rep, the earliest day of a sale or a won
    // deal, whatever the period; for each team row hired in the period,
    // the days from hire to it (none when the first sale came before).
    if let Some(team) = ws
        .team
        .as_ref()
        .filter(|t| t.iter().any(|h| h.hired.is_some()))
    {
        let mut first: BTreeMap<String, NaiveDate> = BTreeMap::new();
        let mut note = |rep: &Option<String>, d: NaiveDate| {
            if let Some(rep) = rep {
                let e = first.entry(fold(rep)).or_insert(d);
                *e = (*e).min(d);
            }
        };
        for l in &sales {
            note(&l.rep, l.day.expect("kept lines have a day"));
        }
        let won_deals = if engine.first_sale_unfiltered {
            &all_deals
        } else {
            &deals
        };
        for d in won_deals.iter().filter(|d| won(d)) {
            if let Some(c) = d.closed {
                note(&d.rep, c);
            }
        }
        // Without any first sale the KPI is unavailable.
        if !first.is_empty() {
            let days = |s: Span| -> Vec<f64> {
                team.iter()
                    .filter(|h| within(h.hired, s))
                    .filter(|h| engine.first_sale_unfiltered || keeps(&Some(h.rep.clone())))
                    .filter_map(|h| {
                        let f = first.get(&fold(&h.rep))?;
                        let h = h.hired?;
                        (*f >= h).then(|| (*f - h).num_days() as f64)
                    })
                    .collect()
            };
            r.kpis
                .insert("time_to_first_sale_days", spans.map(|s| mean(&days(s))));
            r.first_sale_median = median(&days(p));
        }
    }

    // The rep view: visits in the period per rep, over the rep's orders.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut orders: BTreeMap<String, Option<f64>> = BTreeMap::new();
    if ws.sales.is_some() {
        let lines: Vec<Line> = sales.iter().map(|l| (*l).clone()).collect();
        for (rep, row) in report(&lines, p, &BTreeMap::new()).reps {
            names.entry(fold(&rep)).or_insert(rep.clone());
            orders.insert(fold(&rep), row[2]);
        }
    }
    for d in deals.iter().filter(|d| closed(d) && within(d.closed, p)) {
        if let Some(rep) = &d.rep {
            names.entry(fold(rep)).or_insert(rep.clone());
        }
    }
    let mut visits: BTreeMap<String, f64> = BTreeMap::new();
    for a in acts
        .iter()
        .filter(|a| a.act == Act::Visit && within(a.day, p))
    {
        if let Some(rep) = &a.rep {
            names.entry(fold(rep)).or_insert(rep.clone());
            *visits.entry(fold(rep)).or_default() += 1.0;
        }
    }
    for (k, v) in visits {
        let per_order = orders.get(&k).copied().flatten().and_then(|o| ratio(v, o));
        r.reps.insert(
            k.clone(),
            RepVisits {
                name: names[&k].clone(),
                visits: v,
                visits_per_order: per_order,
            },
        );
    }
    // The team's figures read several tables: judged by the span of them all.
    let dates = ws
        .sales
        .iter()
        .flatten()
        .filter_map(|l| l.day)
        .chain(
            ws.deals
                .iter()
                .flatten()
                .flat_map(|d| [d.created, d.closed])
                .flatten(),
        )
        .chain(ws.activities.iter().flatten().filter_map(|a| a.day));
    super::comparisons::keep_covered(&mut r.kpis, dates, p);
    r
}
