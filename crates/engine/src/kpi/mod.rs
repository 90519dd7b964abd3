//! KPIs over a workspace of imported tables (KPIS.md), in layers that
//! import one way only (a test, `tests/layers.rs`, keeps them so):
//! `core` (shared machinery) ← `model` (the workspace, its facts, joins and
//! filters) ← `prepared` (what is made once per set of tables, per table
//! kind) ← the families (`sales`, `pipeline`, `prospecting`, `activity`,
//! `marketing`, `satisfaction`, `receivables`, `team`) and the `checks` run
//! on the whole report ← this file, which runs them in order. Each family
//! walks typed columns with a row mask; none allocates per row.

// Columnar loops read several columns at the same row index: indexing by the
// row is the clearest way to write them.
#![allow(clippy::needless_range_loop)]

mod activity;
mod checks;
mod core;
mod marketing;
mod model;
mod pipeline;
mod prepared;
mod prospecting;
mod receivables;
mod sales;
mod satisfaction;
mod team;

pub use self::core::catalogue::KpiId;
pub use self::core::catalogue::{self, def, Better, Family, KpiDef, CATALOGUE};
pub use self::core::ids::{BreakdownId, ChartId, UnknownId};
pub use self::core::period::{CalendarUnit, Period, Preset};
pub use self::core::sum::Sum;
pub use checks::comparisons::{covers, SLACK_DAYS};
pub use checks::filters::{filter_error, FILTERABLE};
pub use model::filters::{filter_fields, filter_options, FILTER_FIELDS};
pub use model::join::Relation;
pub use model::span::data_span;
pub use model::{Filters, Workspace};
pub use pipeline::{no_amount, STAGE_UNKNOWN};
pub use prepared::Prepared;
pub use sales::customer_moves::DEFAULT_DORMANCY_DAYS;

use self::core::sources::source;
use crate::messages::Reason;
use crate::parse::date::Days;
use crate::report::{Inputs, KpiValue, PeriodLabel, Report};
use crate::schema::{Field, Kind};
use model::Model;
use prepared::deals::Opps;
use prepared::sales::Sales;
use std::collections::BTreeMap;

/// What a report is asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// `None`: the whole span of the data (or the preset, when one is given).
    pub period: Option<Period>,
    pub preset: Option<Preset>,
    /// The day presets are relative to; default: the last date in the data.
    pub today: Option<Days>,
    pub filters: Filters,
    pub currency: Option<String>,
    /// Probability of an open deal per stage name, over the built-in defaults.
    pub stage_probabilities: BTreeMap<String, f64>,
    /// The dormancy window W: a customer is lost W days after a purchase
    /// with none in the W days after it. `None`: 365.
    pub dormancy_days: Option<u32>,
}

/// How many rows of a table fall in the period.
fn inputs(model: &Model, kind: Kind, dates: &[Field], p: Period) -> Option<Inputs> {
    let fact = model.fact(kind)?;
    let columns: Vec<_> = dates
        .iter()
        .filter_map(|&f| self::core::view::DaysRef::of(fact.view.col(f)?))
        .collect();
    let rows = match &columns[..] {
        // The common case, one date: a tight count.
        [one] => one.count_in(p, fact.mask.as_deref()) as u64,
        _ => (0..fact.view.rows())
            .filter(|&row| {
                fact.keep(row)
                    && columns
                        .iter()
                        .any(|c| c.get(row).is_some_and(|d| p.contains(d)))
            })
            .count() as u64,
    };
    Some(Inputs {
        table: fact.view.file().to_string(),
        rows,
    })
}

/// Computes the report of a workspace for a query.
pub fn report(ws: &Workspace, q: &Query) -> Report {
    report_prepared(ws, &Prepared::new(ws), q)
}

/// Computes the report of a workspace for a query, with what was prepared
/// of its tables (made again if they are not the ones it was made from).
pub fn report_prepared(ws: &Workspace, prepared: &Prepared, q: &Query) -> Report {
    // What was prepared of other tables is not used: all is made again.
    let prepared = Some(prepared).filter(|p| p.fits(ws));
    let model = Model::scanned(ws, prepared.map(|p| &p.scans), &q.filters);
    // "Today" is the last day in the data, so that old exports show a full dashboard.
    let span = model.span();
    let today = q.today.or(span.map(|s| s.to));
    let period = q
        .period
        .or_else(|| q.preset.and_then(|p| p.period(today?)))
        .or(span);
    let label = |p: Period| PeriodLabel {
        from: p.from_label(),
        to: p.to_label(),
    };
    let mut r = Report {
        period: period.map(label),
        previous_period: period.map(|p| label(p.previous())),
        last_year_period: period.map(|p| label(p.last_year())),
        currency: q.currency.clone().unwrap_or_else(|| "EUR".into()),
        kpis: BTreeMap::new(),
        breakdowns: BTreeMap::new(),
        cohorts: Vec::new(),
        funnel: Vec::new(),
        reps: Vec::new(),
        relations: model.relations.clone(),
        objectives: Vec::new(),
        alerts: Vec::new(),
        notes: Vec::new(),
        dormancy_days: sales::customer_moves::dormancy_days(q.dormancy_days),
    };
    // Amounts are added as written: say when files are in other currencies.
    let written = ws.tables.iter().filter_map(|t| {
        let s = &t.summary;
        Some((s.file.as_str(), s.currency.as_ref()?))
    });
    if let Some(d) = crate::currency::disagreement(written, &r.currency) {
        r.notes.push(d.note());
    }
    if let Some(p) = period {
        let sales = Sales::new(&model, prepared.and_then(|p| p.sales.as_ref()));
        let walk = sales
            .as_ref()
            .map(|s| sales::walk::SalesWalk::new(&model, s, p));
        if let (Some(s), Some(w)) = (&sales, &walk) {
            sales::revenue::add(s, w, &mut r);
            sales::customers::add(s, w, p, r.dormancy_days, &mut r);
        }
        let deals = prepared.and_then(|p| p.deals.as_ref());
        let opps = Opps::new(&model, deals, &q.stage_probabilities);
        if let Some(o) = &opps {
            pipeline::add(&model, o, p, &mut r);
        }
        prospecting::add(&model, prepared.and_then(|p| p.leads.as_ref()), p, &mut r);
        // Activity ratios read orders and won deals, CAC reads new customers: after them.
        let acts = activity::Activities::new(&model, p);
        if let Some(a) = &acts {
            activity::add(a, &mut r);
        }
        // Campaign ROI reads the walk's revenue per campaign: passed in.
        let campaigns = walk.as_ref().and_then(|w| w.campaign.as_ref());
        marketing::add(&model, campaigns, p, &mut r);
        let with_walk = sales.as_ref().zip(walk.as_ref());
        satisfaction::add(&model, p, &mut r);
        receivables::add(&model, p, &mut r);
        team::add(&model, with_walk, opps.as_ref(), acts.as_ref(), p, &mut r);
    }
    if let Some(p) = period {
        // Revenue and customers read the same table: its rows are counted once.
        let mut counted: BTreeMap<Kind, Option<Inputs>> = BTreeMap::new();
        for family in Family::ALL {
            let Some((kind, dates)) = source(family) else {
                continue;
            };
            let found = counted
                .entry(kind)
                .or_insert_with(|| inputs(&model, kind, dates, p));
            let Some(inputs) = found.clone() else {
                continue;
            };
            for d in CATALOGUE.iter().filter(|d| d.family == family) {
                if let Some(k) = r.kpis.get_mut(d.id).filter(|k| k.value.is_some()) {
                    k.inputs = Some(inputs.clone());
                }
            }
        }
    }
    if let Some(p) = period {
        checks::comparisons::apply(&model, p, &mut r);
    }
    // Every KPI of the catalogue is in the report: computed, or said why not.
    for d in CATALOGUE {
        r.kpis.entry(d.id.to_string()).or_insert_with(|| KpiValue {
            unit: Some(d.unit),
            ..KpiValue::unavailable(Reason::Needs(d.needs))
        });
    }
    checks::filters::check(&model, &q.filters, &mut r);
    checks::aggregated::check(&model, &q.filters, &mut r);
    r
}
