//! Pipeline (table `opportunities`): won, lost or open deals, amounts (a
//! product's list price when a deal has none), probabilities (a stage's
//! default when a deal has none), and the KPIs of KPIS.md over them. The
//! open pipeline of a day is rebuilt from the deals' dates: open then means
//! created by then and not won or lost by then, whatever the status today.

mod breakdowns;

pub use breakdowns::STAGE_UNKNOWN;

use crate::kpi::core::catalogue::KpiId;
use crate::kpi::core::day_table::DayTable;
use crate::kpi::core::period::{label, Period};
use crate::kpi::core::record::{put, put_with_median};
use crate::kpi::core::stats::{mean_median, ratio};
use crate::kpi::core::sum::Sum;
use crate::kpi::model::Model;
use crate::kpi::prepared::deals::{Opps, Status};
use crate::messages::{DealState, Note, Reason};
use crate::parse::date::Days;
use crate::report::Report;

#[derive(Default)]
struct Scalars {
    new: f64,
    open: f64,
    /// Open deals with an amount.
    open_priced: f64,
    pipeline: Sum,
    weighted: Sum,
    won: f64,
    /// Won deals with an amount.
    won_priced: f64,
    lost: f64,
    won_revenue: Sum,
    cycles: Vec<f64>,
    created: f64,
    created_won: f64,
}

/// Deals kept by the filters that the open pipeline of at least one of the
/// report's days leaves out, since whether they were open then is unknown,
/// or counts at another amount than today's.
#[derive(Default)]
struct LeftOut {
    /// Without a created date.
    no_created: usize,
    /// Won or lost, without a close date.
    no_close: usize,
    /// Lost with an amount of 0, counted in an open pipeline at a list price
    /// or with an unknown amount.
    unsigned: usize,
}

/// The scalars of each period, in one walk over the deals: each deal is
/// counted into a cell (status × the periods it was created in × those it
/// closed in × those it was open at the end of) and the figures of every
/// period are read off the cells.
fn scalars(o: &Opps, periods: [Period; 3]) -> ([Scalars; 3], LeftOut) {
    let table = DayTable::indexed(&periods);
    let cell_of = |status: Status, created: u8, closed: u8, open: u8| {
        ((status as usize * 8 + created as usize) * 8 + closed as usize) * 8 + open as usize
    };
    let cells = 3 * 8 * 8 * 8;
    // Per cell: deals; deals with an amount, and their amounts, as closed
    // and as open (a lost deal's amount may differ while it was open).
    let (mut count, mut priced, mut amount) = (
        vec![0u32; cells],
        vec![0u32; cells],
        vec![Sum::default(); cells],
    );
    let (mut open_priced, mut open_amount, mut weighted) = (
        vec![0u32; cells],
        vec![Sum::default(); cells],
        vec![Sum::default(); cells],
    );
    let mut out: [Scalars; 3] = Default::default();
    let mut left_out = LeftOut::default();
    let bits = |d: Option<Days>| d.map_or(0, |d| table.info(d).0);
    for r in 0..o.rows() {
        if !o.fact.keep(r) {
            continue;
        }
        let status = o.status[r];
        let created_in = bits(o.created_day(r));
        let closed_in = if status == Status::Open {
            0
        } else {
            bits(o.closed_day(r))
        };
        let (mut open_at, mut unknown) = (0u8, 0u8);
        for (k, p) in periods.iter().enumerate() {
            match o.open_on(r, p.to) {
                Some(true) => open_at |= 1 << k,
                Some(false) => {}
                None => unknown |= 1 << k,
            }
        }
        if unknown != 0 {
            match o.created_day(r) {
                None => left_out.no_created += 1,
                Some(_) => left_out.no_close += 1,
            }
        }
        if created_in | closed_in | open_at == 0 {
            continue;
        }
        let cell = cell_of(status, created_in, closed_in, open_at);
        count[cell] += 1;
        let a = o.amount[r];
        if !a.is_nan() {
            priced[cell] += 1;
            amount[cell].add(a);
        }
        let a = o.amount_open(r);
        if open_at != 0 && !a.is_nan() {
            open_priced[cell] += 1;
            open_amount[cell].add(a);
            weighted[cell].add(a * o.probability_open(r));
        }
        if open_at != 0 && status == Status::Lost && o.amount[r] == 0.0 {
            left_out.unsigned += 1;
        }
        if status == Status::Won && closed_in != 0 {
            if let Some(c) = o.cycle_days(r) {
                for (k, s) in out.iter_mut().enumerate() {
                    if closed_in & (1 << k) != 0 {
                        s.cycles.push(c);
                    }
                }
            }
        }
    }
    for (k, s) in out.iter_mut().enumerate() {
        let bit = 1u8 << k;
        for status in [Status::Open, Status::Won, Status::Lost] {
            for created_in in 0..8u8 {
                for closed_in in 0..8u8 {
                    for open_at in 0..8u8 {
                        let cell = cell_of(status, created_in, closed_in, open_at);
                        let n = count[cell] as f64;
                        if n == 0.0 {
                            continue;
                        }
                        if created_in & bit != 0 {
                            s.new += n;
                            s.created += n;
                            if status == Status::Won {
                                s.created_won += n;
                            }
                        }
                        if open_at & bit != 0 {
                            s.open += n;
                            s.open_priced += open_priced[cell] as f64;
                            s.pipeline.merge(&open_amount[cell]);
                            s.weighted.merge(&weighted[cell]);
                        }
                        if closed_in & bit != 0 {
                            if status == Status::Won {
                                s.won += n;
                                s.won_priced += priced[cell] as f64;
                                s.won_revenue.merge(&amount[cell]);
                            } else {
                                s.lost += n;
                            }
                        }
                    }
                }
            }
        }
    }
    (out, left_out)
}

/// Why a sum of deals' amounts is unavailable when none of its deals has
/// one (`which`: "open" or "won").
pub fn no_amount(deals: DealState, list_prices: bool) -> Reason {
    Reason::NoAmount { deals, list_prices }
}

/// A sum over `n` deals of which `priced` have an amount: unknown when
/// there are deals and none has one.
fn known(n: f64, priced: f64, sum: &Sum) -> Option<f64> {
    (n == 0.0 || priced > 0.0).then(|| sum.value())
}

pub fn add(model: &Model, o: &Opps, p: Period, r: &mut Report) {
    let periods = [p, p.previous(), p.last_year()];
    let ([mut cur, mut prev, mut ly], left_out) = scalars(o, periods);
    let all = [&cur, &prev, &ly];
    let each = |f: &dyn Fn(&Scalars) -> Option<f64>| (f(all[0]), f(all[1]), f(all[2]));
    let mut record = |id: KpiId, f: &dyn Fn(&Scalars) -> Option<f64>| {
        let (a, b, c) = each(f);
        put(r, id, a, b, c);
    };
    record(KpiId::NewOpportunities, &|s| Some(s.new));
    record(KpiId::OpenOpportunities, &|s| Some(s.open));
    record(KpiId::PipelineValue, &|s| {
        known(s.open, s.open_priced, &s.pipeline)
    });
    record(KpiId::WeightedPipeline, &|s| {
        known(s.open, s.open_priced, &s.weighted)
    });
    if o.closed.is_some() {
        record(KpiId::WonDeals, &|s| Some(s.won));
        record(KpiId::WonRevenue, &|s| {
            known(s.won, s.won_priced, &s.won_revenue)
        });
        record(KpiId::WinRate, &|s| ratio(s.won, s.won + s.lost));
        // Over the won deals with an amount: the others would count as 0.
        record(KpiId::AvgDealValue, &|s| {
            ratio(s.won_revenue.value(), s.won_priced)
        });
    }
    record(KpiId::OpportunityConversionRate, &|s| {
        ratio(s.created_won, s.created)
    });
    if o.closed.is_some() {
        let m = |s: &mut Scalars| mean_median(&mut s.cycles);
        let (c, pv, l) = (m(&mut cur), m(&mut prev), m(&mut ly));
        put_with_median(
            r,
            KpiId::AvgSalesCycleDays,
            c,
            pv.map(|x| x.0),
            l.map(|x| x.0),
        );
        breakdowns::histogram(&cur.cycles, r);
    }
    amounts_known(o, &cur, p, r);
    breakdowns::funnel(o, p, r);
    breakdowns::by_dimension(model, o, p, r);
    if o.estimated > 0 {
        r.notes.push(Note::EstimatedAmounts {
            deals: o.estimated as u64,
        });
    }
    let end = o.end.map_or_else(String::new, label);
    if left_out.no_created > 0 {
        r.notes.push(Note::NoCreatedDate {
            deals: left_out.no_created as u64,
            last_day: end.clone(),
        });
    }
    if left_out.unsigned > 0 {
        r.notes.push(Note::LostUnsigned {
            deals: left_out.unsigned as u64,
        });
    }
    if left_out.no_close > 0 {
        r.notes.push(Note::NoCloseDate {
            deals: left_out.no_close as u64,
            last_day: end,
        });
    }
}

/// Sums of amounts over the period: unavailable, with the reason, when
/// none of their deals has an amount; kept, with a note, when some lack one.
fn amounts_known(o: &Opps, s: &Scalars, p: Period, r: &mut Report) {
    let mut reason = |ids: &[KpiId], deals: DealState| {
        for id in ids {
            if let Some(k) = r.kpis.get_mut(id.as_str()) {
                k.unavailable = Some(no_amount(deals, o.list_prices));
            }
        }
    };
    if s.open > 0.0 && s.open_priced == 0.0 {
        reason(
            &[KpiId::PipelineValue, KpiId::WeightedPipeline],
            DealState::Open,
        );
    }
    if o.closed.is_some() && s.won > 0.0 && s.won_priced == 0.0 {
        reason(&[KpiId::WonRevenue, KpiId::AvgDealValue], DealState::Won);
    }
    let missing = s.open - s.open_priced;
    if missing > 0.0 && s.open_priced > 0.0 {
        r.notes.push(Note::OpenUnpriced {
            missing,
            open: s.open,
            on: label(p.to),
        });
    }
    let missing = s.won - s.won_priced;
    if o.closed.is_some() && missing > 0.0 && s.won_priced > 0.0 {
        r.notes.push(Note::WonUnpriced {
            missing,
            won: s.won,
        });
    }
}
