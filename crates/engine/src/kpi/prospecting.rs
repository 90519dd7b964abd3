//! Prospecting (table `leads`): how many leads, how many became
//! opportunities and customers, how fast they were first contacted, and how
//! many hot leads were given to a rep.

use super::day_table::DayTable;
use super::model::Model;
use super::period::Period;
use super::response_times::{PerPeriod, ResponseColumn};
use super::stats::ratio;
use super::view::{secs_of, Attr, DaysRef};
use super::{put, put_with_median};
use crate::parse::date::Days;
use crate::parse::parse_bool;
use crate::report::Report;
use crate::schema::{normalize, Field, Kind};
use crate::table::{ColumnData, MISSING_CODE, MISSING_SECS};

/// A yes/no field of the leads table, per row.
fn flags(attr_or_bool: Option<&crate::table::Column>) -> Option<Vec<bool>> {
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

/// What the leads' KPIs read of each lead, from the tables alone (kept by
/// [`super::Prepared`], else computed per report).
pub struct LeadColumns {
    /// Day of creation ([`crate::table::MISSING_DAY`] when unknown).
    days: Vec<Days>,
    /// Qualified (bit 0), became a customer (bit 1), hot and given to a rep (bit 2).
    flags: Vec<u8>,
    /// Time from creation to first contact, when there is a first contact.
    responses: Option<ResponseColumn>,
    has_qualified: bool,
    has_customer: bool,
    has_hot: bool,
}

pub fn columns(model: &Model) -> Option<LeadColumns> {
    let fact = model.fact(Kind::Leads)?;
    let v = fact.view;
    // A date or date-time column (an empty one leaves the KPIs unavailable).
    v.col(Field::CreatedDate).and_then(DaysRef::of)?;
    let days = v.days(Field::CreatedDate)?.into_owned();
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
    let n = v.rows();
    let at = |v: &Option<Vec<bool>>, row: usize| {
        v.as_ref()
            .and_then(|v| v.get(row))
            .copied()
            .unwrap_or(false)
    };
    let flags = (0..n)
        .map(|row| {
            let is_hot = hot.as_ref().is_some_and(|(t, rep, is_hot)| {
                is_hot.get(t.code(row) as usize).copied().unwrap_or(false)
                    && rep.code(row) != MISSING_CODE
            });
            at(&qualified, row) as u8 | (at(&customer, row) as u8) << 1 | (is_hot as u8) << 2
        })
        .collect();
    let secs = |v: &Option<std::borrow::Cow<[i64]>>, row: usize| {
        v.as_ref()
            .and_then(|v| v.get(row))
            .copied()
            .filter(|&s| s != MISSING_SECS)
    };
    let response = |row| match (secs(&created_secs, row), secs(&contact_secs, row)) {
        (Some(a), Some(b)) if b >= a => Some(b - a),
        _ => None,
    };
    let responses = contact_secs
        .is_some()
        .then(|| ResponseColumn::of((0..n).map(response)));
    Some(LeadColumns {
        days,
        flags,
        responses,
        has_qualified: qualified.is_some(),
        has_customer: customer.is_some(),
        has_hot: hot.is_some(),
    })
}

pub fn add(model: &Model, p: Period, r: &mut Report) {
    let Some(fact) = model.fact(Kind::Leads) else {
        return;
    };
    let derived;
    let leads = match model.prepared.and_then(|p| p.leads.as_ref()) {
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
        "lead_count",
        Some(cur.count),
        Some(prev.count),
        Some(ly.count),
    );
    if leads.has_qualified {
        let q = |s: &S| ratio(s.qualified, s.count);
        put(r, "lead_qualification_rate", q(&cur), q(&prev), q(&ly));
    }
    if leads.has_customer {
        let c = |s: &S| ratio(s.customers, s.count);
        put(r, "lead_conversion_rate", c(&cur), c(&prev), c(&ly));
    }
    if leads.has_hot {
        put(
            r,
            "hot_leads_assigned",
            Some(cur.hot),
            Some(prev.hot),
            Some(ly.hot),
        );
    }
    if let Some(stats) = responses.map(PerPeriod::finish) {
        let [c, pv, l] = stats.mean_median;
        put_with_median(r, "lead_response_hours", c, pv.map(|x| x.0), l.map(|x| x.0));
        r.breakdowns
            .insert("lead_response_distribution".into(), stats.bins);
    }
}
