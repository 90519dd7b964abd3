//! Pipeline breakdowns: the funnel by stage, the sales cycle histogram, and
//! won revenue and win rate by rep, manager, region, product and sector.

use crate::kpi::core::breakdown::{row, sort_desc, Grouped, Monthly};
use crate::kpi::core::day_table::DayTable;
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::period::{month_index, Period};
use crate::kpi::core::record::set;
use crate::kpi::core::stats::ratio;
use crate::kpi::core::sum::Sum;
use crate::kpi::model::Model;
use crate::kpi::prepared::deals::{status_of, Opps, Status};
use crate::report::{Report, StageRow};
use crate::schema::Field;

/// Bins of the sales cycle histogram, in days.
const CYCLE_BINS: [(f64, &str); 7] = [
    (7.0, "0-7"),
    (14.0, "8-14"),
    (30.0, "15-30"),
    (60.0, "31-60"),
    (90.0, "61-90"),
    (180.0, "91-180"),
    (f64::INFINITY, ">180"),
];

pub fn histogram(cycles: &[f64], r: &mut Report) {
    let mut counts = [0usize; CYCLE_BINS.len()];
    for &c in cycles {
        if let Some(i) = CYCLE_BINS.iter().position(|&(hi, _)| c <= hi) {
            counts[i] += 1;
        }
    }
    let total = cycles.len() as f64;
    let rows = CYCLE_BINS
        .iter()
        .zip(counts)
        .map(|(&(_, k), n)| row(k.into(), n as f64, total))
        .collect();
    set(r, BreakdownId::SalesCycleDistribution, rows);
}

/// The funnel's row of the deals open at the period's end and won or lost
/// since, when their stage name is not an open one: their stage then is unknown.
pub const STAGE_UNKNOWN: &str = "(none)";

/// Deals by stage: those open at the period's end and those closed in it,
/// open stages by rising probability (the funnel, [`STAGE_UNKNOWN`] last),
/// then won, then lost.
pub fn funnel(o: &Opps, p: Period, r: &mut Report) {
    let Some(stage) = &o.stage else { return };
    let n = stage.distinct();
    let is_open: Vec<bool> = (0..n)
        .map(|c| status_of(stage.name(c as u32)) == Status::Open)
        .collect();
    // Per stage code, then the slot of unknown stages: the status of its
    // last deal, count, deals with an amount, amount, weighted amount and
    // the sum of probabilities (strings are made once per stage, after the
    // walk).
    let slots = n + 1;
    let mut status = vec![Status::Open; slots];
    let mut count = vec![0usize; slots];
    let mut priced = vec![0usize; slots];
    let mut amount = vec![0.0; slots];
    let mut weighted = vec![0.0; slots];
    let mut probability = vec![0.0; slots];
    // The probability of its last deal, to order the stages by (a mean
    // summed in floats could part two stages of the same probability), and
    // whether all its deals share it (their mean is then that, not a sum's
    // rounding).
    let mut last = vec![f64::NAN; slots];
    let mut shared = vec![true; slots];
    for i in 0..o.rows() {
        let c = stage.code(i) as usize;
        if c >= n {
            continue;
        }
        let (slot, seen) = if o.closed_in(i, p) {
            (c, o.status[i])
        } else if o.open_at(i, p) {
            // Won or lost since: its stage stands for the one it had only
            // when it is an open one.
            let known = o.status[i] == Status::Open || is_open[c];
            (if known { c } else { n }, Status::Open)
        } else {
            continue;
        };
        status[slot] = seen;
        count[slot] += 1;
        let chance = match seen {
            Status::Open => o.probability_open(i),
            _ => o.probability[i],
        };
        probability[slot] += chance;
        shared[slot] &= last[slot].is_nan() || last[slot] == chance;
        last[slot] = chance;
        let a = match seen {
            Status::Open => o.amount_open(i),
            _ => o.amount[i],
        };
        if !a.is_nan() {
            priced[slot] += 1;
            amount[slot] += a;
            weighted[slot] += a * match seen {
                Status::Open => chance,
                Status::Won => 1.0,
                Status::Lost => 0.0,
            };
        }
    }
    let name = |c: usize| {
        if c < n {
            stage.name(c as u32).to_string()
        } else {
            STAGE_UNKNOWN.to_string()
        }
    };
    let mean = |c: usize| {
        if shared[c] {
            last[c]
        } else {
            probability[c] / count[c] as f64
        }
    };
    let rows: Vec<StageRow> = (0..slots)
        .map(|c| StageRow {
            stage: name(c),
            status: match status[c] {
                Status::Open => "open",
                Status::Won => "won",
                Status::Lost => "lost",
            }
            .into(),
            count: count[c],
            amount: (priced[c] > 0).then_some(amount[c]),
            weighted: (priced[c] > 0).then_some(weighted[c]),
            probability: (status[c] == Status::Open && count[c] > 0).then(|| mean(c)),
        })
        .collect();
    let rank = |s: &str| match s {
        "open" => 0,
        "won" => 1,
        _ => 2,
    };
    let mut order: Vec<usize> = (0..slots).filter(|&c| rows[c].count > 0).collect();
    order.sort_by(|&a, &b| {
        rank(&rows[a].status)
            .cmp(&rank(&rows[b].status))
            .then((a == n).cmp(&(b == n)))
            .then(last[a].total_cmp(&last[b]))
            .then(rows[a].stage.cmp(&rows[b].stage))
    });
    let total: f64 = order.iter().map(|&c| rows[c].count as f64).sum();
    set(
        r,
        BreakdownId::PipelineByStage,
        order
            .iter()
            .map(|&c| row(rows[c].stage.clone(), rows[c].count as f64, total))
            .collect(),
    );
    r.funnel = order.into_iter().map(|c| rows[c].clone()).collect();
}

/// The dimensions won revenue is broken down by.
const DIMENSIONS: [(Field, BreakdownId); 5] = [
    (Field::Rep, BreakdownId::WonRevenueByRep),
    (Field::Manager, BreakdownId::WonRevenueByManager),
    (Field::Region, BreakdownId::WonRevenueByRegion),
    (Field::Product, BreakdownId::WonRevenueByProduct),
    (Field::Sector, BreakdownId::WonRevenueBySector),
];

/// Won revenue by close month and by dimension, win rate by rep: one walk
/// over the deals closed in the period.
pub fn by_dimension(model: &Model, o: &Opps, p: Period, r: &mut Report) {
    if o.closed.is_none() {
        return;
    }
    let (m0, m1) = (month_index(p.from), month_index(p.to));
    let mut monthly = Monthly::span(m0, m1);
    // The month of a close day by lookup, not a calendar computation per deal.
    let months = DayTable::indexed(&[p]);
    let mut won_total = Sum::default();
    // Won deals, and those with an amount: without any, the breakdowns of
    // won revenue are unknown rather than zero.
    let (mut won_deals, mut won_priced) = (0usize, 0usize);
    // Fields found through a join are summed per key (a deal's rep, not its
    // manager) and carried over to their names after the walk.
    let dims: Vec<_> = DIMENSIONS
        .iter()
        .filter_map(|&(field, id)| Some((field, id, model.keyed(o.fact, field)?)))
        .collect();
    // Fields read through the same join key (a deal's rep, manager and
    // region) share one sum per key, rolled up to each field's names.
    let shared: Vec<usize> = dims
        .iter()
        .enumerate()
        .map(|(i, (_, _, k))| {
            dims[..i]
                .iter()
                .position(|(_, _, e)| std::ptr::eq(&e.rows.codes[..], &k.rows.codes[..]))
                .unwrap_or(i)
        })
        .collect();
    let mut won: Vec<Grouped> = dims
        .iter()
        .map(|(_, _, k)| Grouped::new(k.rows.distinct()))
        .collect();
    // Per rep code: (won, closed) deals.
    let rep = dims.iter().position(|(f, _, _)| *f == Field::Rep);
    let mut closed = vec![(0.0f64, 0.0f64); rep.map_or(0, |i| dims[i].2.rows.distinct())];
    for i in 0..o.rows() {
        if !o.closed_in(i, p) {
            continue;
        }
        let is_won = o.status[i] == Status::Won;
        let a = o.amount[i];
        won_deals += is_won as usize;
        if is_won && !a.is_nan() {
            won_priced += 1;
            won_total.add(a);
            if let Some(d) = o.closed_day(i) {
                monthly.add(months.info(d).1, a);
            }
            for (j, (g, (_, _, k))) in won.iter_mut().zip(&dims).enumerate() {
                if shared[j] == j {
                    g.add(k.rows.code(i), a);
                }
            }
        }
        if let Some(x) = rep.and_then(|k| closed.get_mut(dims[k].2.rows.code(i) as usize)) {
            x.1 += 1.0;
            if is_won {
                x.0 += 1.0;
            }
        }
    }
    let total = won_total.value();
    if won_deals == 0 || won_priced > 0 {
        set(r, BreakdownId::WonRevenueByMonth, monthly.rows(total));
        for (j, (_, id, k)) in dims.iter().enumerate() {
            let by_name = won[shared[j]].rolled_up(&k.to_name, k.names.distinct());
            set(r, *id, by_name.rows(&k.names, total));
        }
    }
    if let Some(k) = rep {
        // The rep is the deals' own column or a join key: its codes are names.
        let attr = &dims[k].2.names;
        let mut rates: Vec<_> = closed
            .iter()
            .enumerate()
            .filter_map(|(c, &(w, n))| {
                Some(row(attr.name(c as u32).to_string(), ratio(w, n)?, f64::NAN))
            })
            .collect();
        sort_desc(&mut rates);
        set(r, BreakdownId::WinRateByRep, rates);
    }
}
