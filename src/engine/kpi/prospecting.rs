//! Prospecting (table `leads`): how many leads, how many became
//! opportunities and customers, how fast they were first contacted, and how
//! many hot leads were given to a rep.

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
    let hot: Option<Vec<bool>> = match (v.attr(Field::Temperature), v.attr(Field::Rep)) {
        (Some(t), Some(rep)) => {
            let is_hot: Vec<bool> = (0..t.distinct() as u32)
                .map(|c| {
                    let n = normalize(t.name(c));
                    n.contains("hot") || n.contains("chaud") || n == "a"
                })
                .collect();
            Some(
                (0..v.rows())
                    .map(|r| {
                        is_hot.get(t.code(r) as usize).copied().unwrap_or(false)
                            && rep.code(r) != MISSING_CODE
                    })
                    .collect(),
            )
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
    let mut out: [S; 3] = Default::default();
    let yes = |f: &Option<Vec<bool>>, row: usize| {
        f.as_ref()
            .and_then(|f| f.get(row))
            .copied()
            .unwrap_or(false) as u8 as f64
    };
    let secs = |c: &Option<std::borrow::Cow<[i64]>>, row: usize| {
        c.as_ref()
            .and_then(|c| c.get(row))
            .copied()
            .filter(|&s| s != MISSING_SECS)
    };
    // One walk over the leads for the three periods.
    for row in 0..v.rows() {
        let Some(d) = created.get(row).filter(|_| fact.keep(row)) else {
            continue;
        };
        let (q, c, h) = (yes(&qualified, row), yes(&customer, row), yes(&hot, row));
        let response = match (secs(&created_secs, row), secs(&contact_secs, row)) {
            (Some(a), Some(b)) if b >= a => Some((b - a) as f64 / 3600.0),
            _ => None,
        };
        for (s, period) in out.iter_mut().zip(periods) {
            if !period.contains(d) {
                continue;
            }
            s.count += 1.0;
            s.qualified += q;
            s.customers += c;
            s.hot += h;
            if let Some(hours) = response {
                s.hours.push(hours);
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
