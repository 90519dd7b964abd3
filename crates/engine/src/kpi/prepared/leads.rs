//! The leads table as its KPIs read it, from the tables alone: each lead's
//! day, flags (qualified, became a customer, hot and given to a rep: read
//! from the leads' own columns, else from the opportunities' lead ids) and
//! response time. Kept by [`super::Prepared`], else computed per report.

use super::deals::{status_of, Status};
use super::response_times::ResponseColumn;
use crate::kpi::core::view::{attr_of, secs_of, Attr, DaysRef};
use crate::kpi::model::Model;
use crate::parse::date::Days;
use crate::parse::parse_bool;
use crate::schema::{normalize, Field, Kind};
use crate::table::{ColumnData, MISSING_CODE, MISSING_SECS};

/// A yes/no field of the leads table, per row.
fn flags(attr_or_bool: Option<&crate::table::Column>) -> Option<Vec<bool>> {
    let col = attr_or_bool?;
    Some(match &col.data {
        ColumnData::Bool(v) => v.iter().map(|b| b.unwrap_or(false)).collect(),
        _ => {
            // Once per distinct value, not once per row.
            let a = attr_of(col);
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
        let won = stage
            .as_ref()
            .is_some_and(|s| status_of(s.name(s.code(r))) == Status::Won);
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
    pub days: Vec<Days>,
    /// Qualified (bit 0), became a customer (bit 1), hot and given to a rep (bit 2).
    pub flags: Vec<u8>,
    /// Time from creation to first contact, when there is a first contact.
    pub responses: Option<ResponseColumn>,
    pub has_qualified: bool,
    pub has_customer: bool,
    pub has_hot: bool,
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
