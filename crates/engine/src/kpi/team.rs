//! Team (table `team`, with sales, opportunities and activities): active
//! reps, time to first sale, and the rep view ("commerciaux").

use crate::kpi::activity::Activities;
use crate::kpi::core::catalogue::KpiId;
use crate::kpi::core::day_table::DayTable;
use crate::kpi::core::period::Period;
use crate::kpi::core::record::put;
use crate::kpi::core::record::put_with_median;
use crate::kpi::core::stats::{mean_median, ratio};
use crate::kpi::core::sum::Sum;
use crate::kpi::core::view::Attr;
use crate::kpi::model::Model;
use crate::kpi::prepared::deals::{Opps, Status};
use crate::kpi::prepared::sales::Sales;
use crate::kpi::sales::walk::SalesWalk;
use crate::parse::date::Days;
use crate::report::{RepRow, Report};
use crate::schema::{normalize, Field};
use crate::table::{MISSING_CODE, MISSING_DAY};
use std::collections::{BTreeMap, BTreeSet};

/// Reps by normalised name, each with the name as first seen.
type Reps = BTreeMap<String, RepRow>;

fn entry<'r>(reps: &'r mut Reps, name: &str) -> &'r mut RepRow {
    reps.entry(normalize(name)).or_insert_with(|| RepRow {
        rep: name.to_string(),
        ..RepRow::default()
    })
}

fn sales_by_rep(s: &Sales, w: &SalesWalk, reps: &mut Reps) {
    let (Some(rep), Some(by)) = (&s.rep, &w.reps) else {
        return;
    };
    for c in (0..rep.distinct()).filter(|&c| by.seen[c]) {
        let e = entry(reps, rep.name(c as u32));
        e.revenue = Some(by.revenue[c]);
        e.margin = s.has_margin().then_some(by.margin[c]);
        e.orders = Some(by.orders[c]);
        e.avg_order_value = ratio(by.revenue[c], by.orders[c]);
    }
}

/// The rep view's deal figures over `periods[0]`; per rep code, the
/// periods (bits) in which it won a deal, for the active reps.
fn deals_by_rep(o: &Opps, periods: [Period; 3], reps: &mut Reps) -> Option<Vec<u8>> {
    let rep = o.rep.as_ref()?;
    // Without close dates, no deal closed in any period.
    o.closed.as_ref()?;
    let n = rep.distinct();
    let table = DayTable::indexed(&periods);
    let mut won = vec![0.0; n];
    let mut closed = vec![0.0; n];
    let mut won_revenue = vec![0.0; n];
    // Won deals with an amount: without any, a rep's won revenue is unknown.
    let mut priced = vec![0usize; n];
    let mut won_in = vec![0u8; n];
    // Per rep: the sum and count of won deals' cycles (their mean, as
    // `mean_median` computes it, without keeping every value).
    let mut cycles = vec![(Sum::default(), 0usize); n];
    for row in 0..o.rows() {
        let c = rep.code(row) as usize;
        let Some(d) = o.closed_kept(row).filter(|_| c < n) else {
            continue;
        };
        // The periods the deal closed in, one lookup for the three.
        let closed_in = table.info(d).0;
        if o.status[row] == Status::Won {
            won_in[c] |= closed_in;
        }
        if closed_in & 1 == 0 {
            continue;
        }
        closed[c] += 1.0;
        if o.status[row] == Status::Won {
            won[c] += 1.0;
            if !o.amount[row].is_nan() {
                won_revenue[c] += o.amount[row];
                priced[c] += 1;
            }
            if let Some(days) = o.cycle_days(row) {
                cycles[c].0.add(days);
                cycles[c].1 += 1;
            }
        }
    }
    for c in (0..n).filter(|&c| closed[c] > 0.0) {
        let e = entry(reps, rep.name(c as u32));
        e.won_deals = Some(won[c]);
        e.won_revenue = (won[c] == 0.0 || priced[c] > 0).then_some(won_revenue[c]);
        e.win_rate = ratio(won[c], closed[c]);
        let (sum, count) = cycles[c];
        e.avg_sales_cycle_days = (count > 0).then(|| sum.value() / count as f64);
    }
    Some(won_in)
}

/// The rep view and the team KPIs.
pub fn add(
    model: &Model,
    sales: Option<(&Sales, &SalesWalk)>,
    opps: Option<&Opps>,
    acts: Option<&Activities>,
    p: Period,
    r: &mut Report,
) {
    let mut reps = Reps::new();
    if let Some((s, w)) = sales {
        sales_by_rep(s, w, &mut reps);
    }
    let periods = [p, p.previous(), p.last_year()];
    let won_in = opps.and_then(|o| deals_by_rep(o, periods, &mut reps));
    for (name, visits) in acts.iter().flat_map(|a| a.visits_by_rep()) {
        if visits > 0.0 {
            // Added, not set: a rep written two ways ("Anne", "ANNE") is one row.
            let e = entry(&mut reps, name);
            let visits = e.visits.unwrap_or(0.0) + visits;
            e.visits = Some(visits);
            e.visits_per_order = e.orders.and_then(|o| ratio(visits, o));
        }
    }
    // A rep column without a single name (every cell empty) is no rep
    // column: the KPI is then unavailable, not 0. Nor does a sales table
    // count without a single date or amount (docs/DATA.md: its required
    // columns hold no value): no period could say who sold.
    let named = |rep: Option<&Attr>| rep.is_some_and(|a| a.distinct() > 0);
    let dated = |s: &Sales| {
        s.days.iter().any(|&d| d != MISSING_DAY) && s.amounts().iter().any(|a| !a.is_nan())
    };
    if sales.is_some_and(|(s, _)| named(s.rep.as_ref()) && dated(s))
        || opps.is_some_and(|o| named(o.rep.as_ref()))
        || acts.is_some_and(|a| named(Some(&a.rep)))
    {
        let seen = sales.map(|(s, w)| {
            let t = &w.periods;
            let seen: [&[bool]; 3] = [&t.cur.rep_seen, &t.prev.rep_seen, &t.ly.rep_seen];
            (s, seen)
        });
        let won = opps.and_then(|o| o.rep.as_ref()).zip(won_in.as_deref());
        let [now, before, last_year] = active_reps(seen, won, acts);
        put(
            r,
            KpiId::ActiveReps,
            Some(now),
            Some(before),
            Some(last_year),
        );
    }
    time_to_first_sale(model, sales, opps, p, r);
    let mut rows: Vec<RepRow> = reps.into_values().collect();
    rows.sort_by(|a, b| {
        let key = |x: &RepRow| x.revenue.or(x.won_revenue).unwrap_or(0.0);
        key(b).total_cmp(&key(a)).then_with(|| a.rep.cmp(&b.rep))
    });
    r.reps = rows;
}

/// Reps with a sale, a won deal or an activity in each period: the sales
/// walk marked each period's reps, the rep view the periods each rep won
/// a deal in (bits), activities the periods each rep was active in.
fn active_reps(
    sales: Option<(&Sales, [&[bool]; 3])>,
    won: Option<(&Attr, &[u8])>,
    acts: Option<&Activities>,
) -> [f64; 3] {
    let mut names: [BTreeSet<String>; 3] = Default::default();
    for (k, into) in names.iter_mut().enumerate() {
        if let Some(a) = acts {
            add_names(&a.rep, |c| a.active(c, k), into);
        }
        if let Some((Some(rep), seen)) = sales.map(|(s, seen)| (s.rep.as_ref(), seen)) {
            add_names(rep, |c| seen[k].get(c).copied().unwrap_or(false), into);
        }
        if let Some((rep, won_in)) = won {
            let won = |c: usize| won_in.get(c).is_some_and(|&b| b & (1 << k) != 0);
            add_names(rep, won, into);
        }
    }
    names.map(|n| n.len() as f64)
}

/// Adds to `names` the normalised name of each code of `rep` for which `seen(code)`.
fn add_names(rep: &Attr, seen: impl Fn(usize) -> bool, names: &mut BTreeSet<String>) {
    for c in (0..rep.distinct()).filter(|&c| seen(c)) {
        names.insert(normalize(rep.name(c as u32)));
    }
}

/// The earliest day per code of `rep` among the rows that have one.
fn earliest(rep: &Attr, rows: usize, day: impl Fn(usize) -> Option<Days>) -> Vec<Days> {
    let mut first = vec![Days::MAX; rep.distinct()];
    for row in 0..rows {
        if let (Some(d), Some(f)) = (day(row), first.get_mut(rep.code(row) as usize)) {
            *f = (*f).min(d);
        }
    }
    first
}

/// Days from hire to first sale (or first won deal), over reps hired in the period.
fn time_to_first_sale(
    model: &Model,
    sales: Option<(&Sales, &SalesWalk)>,
    opps: Option<&Opps>,
    p: Period,
    r: &mut Report,
) {
    let Some(team) = model.team else { return };
    let (Some(names), Some(hired)) = (team.attr(Field::Rep), team.days(Field::HireDate)) else {
        return;
    };
    // Earliest day per rep code first, then one name normalisation per rep.
    let mut first: BTreeMap<String, Days> = BTreeMap::new();
    let mut note = |rep: &Attr, per_code: Vec<Days>| {
        for (c, d) in per_code
            .into_iter()
            .enumerate()
            .filter(|(_, d)| *d != Days::MAX)
        {
            let e = first.entry(normalize(rep.name(c as u32))).or_insert(d);
            *e = (*e).min(d);
        }
    };
    if let Some((s, w)) = sales {
        if let Some(rep) = &s.rep {
            note(rep, w.rep_first_sale.clone());
        }
    }
    if let Some(o) = opps {
        if let (Some(rep), Some(closed)) = (&o.rep, &o.closed) {
            let won_on = |row: usize| {
                let d = closed.get(row).copied().unwrap_or(MISSING_DAY);
                (d != MISSING_DAY && o.status[row] == Status::Won).then_some(d)
            };
            note(rep, earliest(rep, o.rows(), won_on));
        }
    }
    if first.is_empty() {
        return;
    }
    let days = |p: Period| {
        let mut v = Vec::new();
        for row in 0..team.rows() {
            let h = hired.get(row).copied().unwrap_or(MISSING_DAY);
            if h == MISSING_DAY || !p.contains(h) || names.code(row) == MISSING_CODE {
                continue;
            }
            if let Some(&f) = first.get(&normalize(names.name(names.code(row)))) {
                if f >= h {
                    v.push((f - h) as f64);
                }
            }
        }
        v
    };
    let (mut c, mut pv, mut l) = (days(p), days(p.previous()), days(p.last_year()));
    put_with_median(
        r,
        KpiId::TimeToFirstSaleDays,
        mean_median(&mut c),
        mean_median(&mut pv).map(|x| x.0),
        mean_median(&mut l).map(|x| x.0),
    );
}
