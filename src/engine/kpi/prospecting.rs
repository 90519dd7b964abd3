//! Prospecting (table `leads`): how many leads, how many became
//! opportunities and customers, how fast they were first contacted, and how
//! many hot leads were given to a rep.

use super::day_table::DayTable;
use super::model::Model;
use super::period::Period;
use super::stats::{mean_median, ratio};
use super::view::{secs_of, Attr, DaysRef};
use super::{put, put_with_median};
use crate::engine::parse::parse_bool;
use crate::engine::report::Report;
use crate::engine::schema::{normalize, Field, Kind};
use crate::engine::table::{ColumnData, MISSING_CODE, MISSING_SECS};

/// A yes/no field of the leads table, per row.
fn flags(attr_or_bool: Option<&crate::engine::table::Column>) -> Option<Vec<bool>> {
    let col = attr_or_bool?;
    Some(match &col.data {
        ColumnData::Bool(v) => v.iter().map(|b| b.unwrap_or(false)).collect(),
        _ => {
            // Once per distinct value, not once per row.
            let a = super::view::attr_of(col);
            let yes: Vec<bool> = (0..a.distinct() as u32)
                .map(|c| parse_bool(a.name(c)).unwrap_or(false))
                .collect();
            a.codes
                .iter()
                .map(|&c| yes.get(c as usize).copied().unwrap_or(false))
                .collect()
        }
    })
}

/// Leads whose id appears among the opportunities' lead ids (won ones only when `won_only`).
fn via_opportunities(model: &Model, lead_ids: &Attr, won_only: bool) -> Option<Vec<bool>> {
    let opps = model.fact(Kind::Opportunities)?;
    let refs = opps.view.attr(Field::LeadId)?;
    let stage = opps
        .view
        .attr(Field::Status)
        .or_else(|| opps.view.attr(Field::Stage));
    let mut wanted = std::collections::HashSet::new();
    for r in 0..opps.view.rows() {
        let c = refs.code(r);
        if c == MISSING_CODE {
            continue;
        }
        let won = stage.as_ref().is_some_and(|s| {
            super::pipeline::status_of(s.name(s.code(r))) == super::pipeline::Status::Won
        });
        if !won_only || won {
            wanted.insert(normalize(refs.name(c)));
        }
    }
    let per_code: Vec<bool> = (0..lead_ids.distinct() as u32)
        .map(|c| wanted.contains(&normalize(lead_ids.name(c))))
        .collect();
    Some(
        lead_ids
            .codes
            .iter()
            .map(|&c| per_code.get(c as usize).copied().unwrap_or(false))
            .collect(),
    )
}

pub fn add(model: &Model, p: Period, r: &mut Report) {
    let Some(fact) = model.fact(Kind::Leads) else {
        return;
    };
    let v = fact.view;
    let Some(created) = v.col(Field::CreatedDate).and_then(DaysRef::of) else {
        return;
    };
    let ids = v.attr(Field::Id);
    let qualified = flags(v.col(Field::Converted)).or_else(|| {
        ids.as_ref()
            .and_then(|i| via_opportunities(model, i, false))
    });
    let customer = flags(v.col(Field::ConvertedToCustomer))
        .or_else(|| ids.as_ref().and_then(|i| via_opportunities(model, i, true)));
    let created_secs = v.col(Field::CreatedDate).and_then(secs_of);
    let contact_secs = v.col(Field::FirstContactDate).and_then(secs_of);
    // A hot lead given to a rep: hot by its temperature's name, once per name.
    let hot = match (v.attr(Field::Temperature), v.attr(Field::Rep)) {
        (Some(t), Some(rep)) => {
            let is_hot: Vec<bool> = (0..t.distinct() as u32)
                .map(|c| {
                    let n = normalize(t.name(c));
                    n.contains("hot") || n.contains("chaud") || n == "a"
                })
                .collect();
            Some((t, rep, is_hot))
        }
        _ => None,
    };
    #[derive(Default)]
    struct S {
        count: f64,
        qualified: f64,
        customers: f64,
        hot: f64,
        hours: Vec<f64>,
    }
    let periods = [p, p.previous(), p.last_year()];
    let table = DayTable::indexed(&periods);
    let mut out: [S; 3] = Default::default();
    // Plain slices (empty when the column is absent): the loop reads them
    // without matching an `Option` or a `Cow` per row.
    let (is_qualified, is_customer): (&[bool], &[bool]) = (
        qualified.as_deref().unwrap_or(&[]),
        customer.as_deref().unwrap_or(&[]),
    );
    let (created_at, contacted_at): (&[i64], &[i64]) = (
        created_secs.as_deref().unwrap_or(&[]),
        contact_secs.as_deref().unwrap_or(&[]),
    );
    let (temperature, assigned, hot_code): (&[u32], &[u32], &[bool]) = match &hot {
        Some((t, rep, is_hot)) => (&t.codes, &rep.codes, is_hot),
        None => (&[], &[], &[]),
    };
    // Every column as a slice of exactly the table's rows (absent ones
    // filled): the loop indexes them without a bounds check per read.
    let n = v.rows();
    use super::sales_walk::filled;
    let (is_qualified, is_customer) = (
        filled(is_qualified, n, false),
        filled(is_customer, n, false),
    );
    let (is_qualified, is_customer) = (&is_qualified[..n], &is_customer[..n]);
    let (created_at, contacted_at) = (
        filled(created_at, n, MISSING_SECS),
        filled(contacted_at, n, MISSING_SECS),
    );
    let (created_at, contacted_at) = (&created_at[..n], &contacted_at[..n]);
    let (temperature, assigned) = (
        filled(temperature, n, MISSING_CODE),
        filled(assigned, n, MISSING_CODE),
    );
    let (temperature, assigned) = (&temperature[..n], &assigned[..n]);
    // Leads counted by the periods their day is in × qualified × customer
    // × hot: one count per row, in four lanes filled in turn (runs of one
    // cell then add to four counters instead of each waiting on the one
    // before); the response times go to their periods.
    let mut cells = [[[0u32; 8]; 8]; 4];
    // Response times per period, written without a branch on the period
    // (last year's rows come in no order a predictor could follow): each
    // value goes to the next slot of every period, which keeps it when the
    // row is in that period.
    let mut hours = [0; 3].map(|_| vec![0.0; n + 1]);
    let mut kept = [0usize; 3];
    for row in 0..n {
        let Some(d) = created.get(row).filter(|_| fact.keep(row)) else {
            continue;
        };
        let (in_periods, _) = table.info(d);
        if in_periods == 0 {
            continue;
        }
        let is_hot = hot_code
            .get(temperature[row] as usize)
            .copied()
            .unwrap_or(false)
            && assigned[row] != MISSING_CODE;
        let flags =
            is_qualified[row] as usize | (is_customer[row] as usize) << 1 | (is_hot as usize) << 2;
        cells[row & 3][in_periods as usize & 7][flags] += 1;
        let (a, b) = (created_at[row], contacted_at[row]);
        if a != MISSING_SECS && b != MISSING_SECS && b >= a {
            let h = (b - a) as f64 / 3600.0;
            for (k, (values, n)) in hours.iter_mut().zip(&mut kept).enumerate() {
                if let Some(slot) = values.get_mut(*n) {
                    *slot = h;
                }
                *n += (in_periods as usize >> k) & 1;
            }
        }
    }
    for ((s, mut values), n) in out.iter_mut().zip(hours).zip(kept) {
        values.truncate(n);
        s.hours = values;
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
    let [mut cur, mut prev, mut ly] = out;
    put(
        r,
        "lead_count",
        Some(cur.count),
        Some(prev.count),
        Some(ly.count),
    );
    if qualified.is_some() {
        let q = |s: &S| ratio(s.qualified, s.count);
        put(r, "lead_qualification_rate", q(&cur), q(&prev), q(&ly));
    }
    if customer.is_some() {
        let c = |s: &S| ratio(s.customers, s.count);
        put(r, "lead_conversion_rate", c(&cur), c(&prev), c(&ly));
    }
    if hot.is_some() {
        put(
            r,
            "hot_leads_assigned",
            Some(cur.hot),
            Some(prev.hot),
            Some(ly.hot),
        );
    }
    if contact_secs.is_some() {
        let (c, pv, l) = (
            mean_median(&mut cur.hours),
            mean_median(&mut prev.hours),
            mean_median(&mut ly.hours),
        );
        put_with_median(r, "lead_response_hours", c, pv.map(|x| x.0), l.map(|x| x.0));
        r.breakdowns.insert(
            "lead_response_distribution".into(),
            response_bins(&cur.hours),
        );
    }
}

/// Bins of the lead response time histogram, in hours.
const RESPONSE_BINS: [(f64, &str); 5] = [
    (1.0, "< 1 h"),
    (4.0, "1-4 h"),
    (24.0, "4-24 h"),
    (72.0, "1-3 d"),
    (f64::INFINITY, "> 3 d"),
];

fn response_bins(hours: &[f64]) -> Vec<crate::engine::report::BreakdownRow> {
    let mut counts = [0usize; RESPONSE_BINS.len()];
    for &h in hours {
        if let Some(i) = RESPONSE_BINS.iter().position(|&(hi, _)| h < hi) {
            counts[i] += 1;
        }
    }
    RESPONSE_BINS
        .iter()
        .zip(counts)
        .map(|(&(_, k), n)| super::breakdown::row(k.into(), n as f64, hours.len() as f64))
        .collect()
}
