//! Prospecting (table `leads`): how many leads, how many became
//! opportunities and customers, how fast they were first contacted, and how
//! many hot leads were given to a rep.

use crate::kpi::core::catalogue::KpiId;
use crate::kpi::core::day_table::DayTable;
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::period::Period;
use crate::kpi::core::record::set;
use crate::kpi::core::record::{put, put_with_median};
use crate::kpi::core::stats::ratio;
use crate::kpi::model::Model;
use crate::kpi::prepared::leads::{columns, LeadColumns};
use crate::kpi::prepared::response_times::{PerPeriod, ResponseColumn};
use crate::report::Report;
use crate::schema::Kind;

/// The leads' KPIs, reading what was `prepared` of the leads with the
/// tables when given.
pub fn add(model: &Model, prepared: Option<&LeadColumns>, p: Period, r: &mut Report) {
    let Some(fact) = model.fact(Kind::Leads) else {
        return;
    };
    let derived;
    let leads = match prepared {
        Some(l) => l,
        None => {
            let Some(l) = columns(model) else { return };
            derived = l;
            &derived
        }
    };
    #[derive(Default)]
    struct S {
        count: f64,
        qualified: f64,
        customers: f64,
        hot: f64,
    }
    let periods = [p, p.previous(), p.last_year()];
    let table = DayTable::indexed(&periods);
    let mut out: [S; 3] = Default::default();
    let n = leads.days.len();
    let (days, flags) = (&leads.days[..n], &leads.flags[..n]);
    // Leads counted by the periods their day is in × qualified × customer
    // × hot: one count per row, in four lanes filled in turn (runs of one
    // cell then add to four counters instead of each waiting on the one
    // before); the response times go to their periods.
    let mut cells = [[[0u32; 8]; 8]; 4];
    let mut responses = leads.responses.as_ref().map(ResponseColumn::per_period);
    for row in 0..n {
        let in_periods = fact.periods_of(&table, days, row);
        if in_periods == 0 {
            continue;
        }
        cells[row & 3][in_periods as usize & 7][flags[row] as usize & 7] += 1;
        if let Some(r) = responses.as_mut() {
            r.add(row, in_periods);
        }
    }
    let cells = cells.iter().fold([[0u32; 8]; 8], |mut all, lane| {
        for (total, part) in all.iter_mut().flatten().zip(lane.iter().flatten()) {
            *total += part;
        }
        all
    });
    for (k, s) in out.iter_mut().enumerate() {
        for (in_periods, by_flags) in cells.iter().enumerate() {
            if in_periods & (1 << k) == 0 {
                continue;
            }
            for (flags, &n) in by_flags.iter().enumerate() {
                let n = n as f64;
                s.count += n;
                s.qualified += if flags & 1 != 0 { n } else { 0.0 };
                s.customers += if flags & 2 != 0 { n } else { 0.0 };
                s.hot += if flags & 4 != 0 { n } else { 0.0 };
            }
        }
    }
    let [cur, prev, ly] = out;
    put(
        r,
        KpiId::LeadCount,
        Some(cur.count),
        Some(prev.count),
        Some(ly.count),
    );
    if leads.has_qualified {
        let q = |s: &S| ratio(s.qualified, s.count);
        put(r, KpiId::LeadQualificationRate, q(&cur), q(&prev), q(&ly));
    }
    if leads.has_customer {
        let c = |s: &S| ratio(s.customers, s.count);
        put(r, KpiId::LeadConversionRate, c(&cur), c(&prev), c(&ly));
    }
    if leads.has_hot {
        put(
            r,
            KpiId::HotLeadsAssigned,
            Some(cur.hot),
            Some(prev.hot),
            Some(ly.hot),
        );
    }
    if let Some(stats) = responses.map(PerPeriod::finish) {
        let [c, pv, l] = stats.mean_median;
        put_with_median(
            r,
            KpiId::LeadResponseHours,
            c,
            pv.map(|x| x.0),
            l.map(|x| x.0),
        );
        set(r, BreakdownId::LeadResponseDistribution, stats.bins);
    }
}
