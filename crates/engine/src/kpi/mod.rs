//! KPIs over a workspace of imported tables (KPIS.md). Each family lives in
//! its own file and walks typed columns with a row mask; none allocates per row.

// Columnar loops read several columns at the same row index: indexing by the
// row is the clearest way to write them.
#![allow(clippy::needless_range_loop)]

mod activity;
mod breakdown;
pub mod catalogue;
mod closest;
mod comparisons;
mod customer_lists;
mod customer_moves;
mod customers;
mod day_table;
mod deals;
mod filter_check;
mod join;
mod marketing;
mod model;
mod period;
mod pipeline;
mod pipeline_breakdowns;
mod prepared;
mod prospecting;
mod receivables;
mod response_times;
mod sales;
mod sales_history;
mod sales_lines;
mod sales_orders;
mod sales_totals;
mod sales_walk;
mod satisfaction;
mod sources;
mod stats;
mod sum;
mod team;
mod view;

pub use catalogue::{def, Better, Family, KpiDef, CATALOGUE};
pub use comparisons::{covers, SLACK_DAYS};
pub use customer_moves::DEFAULT_DORMANCY_DAYS;
pub use filter_check::{filter_error, FILTERABLE};
pub use join::Relation;
pub use model::Filters;
pub use period::{CalendarUnit, Period, Preset};
pub use pipeline::no_amount;
pub use pipeline_breakdowns::STAGE_UNKNOWN;
pub use prepared::Prepared;
pub use sum::Sum;

use super::ingest::Imported;
use super::messages::Reason;
use super::parse::date::Days;
use super::report::{KpiValue, PeriodLabel, Report};
use super::schema::{Field, Kind};
use model::Model;
use std::collections::BTreeMap;

/// The tables a user has loaded, each with its kind and mapping.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub tables: Vec<Imported>,
}

impl Workspace {
    /// The first table of a kind with a complete mapping.
    pub fn table(&self, kind: Kind) -> Option<&Imported> {
        self.tables
            .iter()
            .find(|t| t.mapping.kind == kind && t.mapping.complete())
    }
}

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

/// Records a scalar KPI with its comparisons, or why it is unavailable.
pub(crate) fn put(
    r: &mut Report,
    id: &str,
    value: Option<f64>,
    previous: Option<f64>,
    last_year: Option<f64>,
) {
    let Some(d) = def(id) else { return };
    let kv = match value.filter(|v| v.is_finite()) {
        Some(v) => KpiValue {
            value: Some(v),
            previous: previous.filter(|x| x.is_finite()),
            last_year: last_year.filter(|x| x.is_finite()),
            unit: Some(d.unit),
            ..KpiValue::default()
        },
        None => KpiValue {
            unit: Some(d.unit),
            ..KpiValue::unavailable(Reason::ZeroDenominator)
        },
    };
    r.kpis.insert(id.to_string(), kv);
}

/// Like [`put`], with the median beside the mean (durations).
pub(crate) fn put_with_median(
    r: &mut Report,
    id: &str,
    cur: Option<(f64, f64)>,
    previous: Option<f64>,
    last_year: Option<f64>,
) {
    put(r, id, cur.map(|c| c.0), previous, last_year);
    if let (Some(k), Some((_, median))) = (r.kpis.get_mut(id), cur) {
        k.median = Some(median);
    }
}

/// A computed KPI's value over the period, the previous period and last year.
pub(crate) fn triple(r: &Report, id: &str) -> (Option<f64>, Option<f64>, Option<f64>) {
    r.kpis
        .get(id)
        .map_or((None, None, None), |k| (k.value, k.previous, k.last_year))
}

/// First and last day of the data's main dates (sales, deals, invoices…).
pub fn data_span(ws: &Workspace) -> Option<Period> {
    // The fact tables alone: their joins to dimensions do not move dates.
    model::span_of(model::fact_views(ws))
}

/// The dimensions a dashboard can filter on.
pub const FILTER_FIELDS: [Field; 7] = [
    Field::Rep,
    Field::Manager,
    Field::Region,
    Field::Sector,
    Field::Segment,
    Field::Channel,
    Field::Product,
];

/// For each filter dimension, the values found in the fact tables (directly or
/// through a dimension table), sorted, each written as first seen.
pub fn filter_options(ws: &Workspace) -> BTreeMap<Field, Vec<String>> {
    let model = Model::new(ws, &Filters::new());
    let mut out = BTreeMap::new();
    for field in FILTER_FIELDS {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for fact in &model.facts {
            for name in model.used_names(fact, field) {
                seen.entry(super::schema::normalize(&name)).or_insert(name);
            }
        }
        if !seen.is_empty() {
            let mut values: Vec<String> = seen.into_values().collect();
            values.sort_by_key(|v| v.to_lowercase());
            out.insert(field, values);
        }
    }
    out
}

/// The table a family reads, and the dates that place its rows in a period.
pub(crate) fn source(family: Family) -> Option<(Kind, &'static [Field])> {
    Some(match family {
        Family::Revenue | Family::Customers => (Kind::Sales, &[Field::Date]),
        Family::Pipeline => (Kind::Opportunities, &[Field::CreatedDate, Field::CloseDate]),
        Family::Prospecting => (Kind::Leads, &[Field::CreatedDate]),
        Family::Activity => (Kind::Activities, &[Field::Date]),
        Family::Marketing => (Kind::Spend, &[Field::Date]),
        Family::Satisfaction => (Kind::Feedback, &[Field::Date]),
        Family::Receivables => (Kind::Invoices, &[Field::IssueDate]),
        Family::Team => return None,
    })
}

/// How many rows of a table fall in the period.
fn inputs(model: &Model, kind: Kind, dates: &[Field], p: Period) -> Option<super::report::Inputs> {
    let fact = model.fact(kind)?;
    let columns: Vec<_> = dates
        .iter()
        .filter_map(|&f| view::DaysRef::of(fact.view.col(f)?))
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
    Some(super::report::Inputs {
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
    let model = Model::prepared(ws, prepared, &q.filters);
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
        dormancy_days: customer_moves::dormancy_days(q.dormancy_days),
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
        let sales = sales::Sales::new(&model);
        let walk = sales
            .as_ref()
            .map(|s| sales_walk::SalesWalk::new(&model, s, p));
        if let (Some(s), Some(w)) = (&sales, &walk) {
            sales::add(s, w, &mut r);
            customers::add(s, w, p, r.dormancy_days, &mut r);
        }
        let opps = pipeline::Opps::new(&model, &q.stage_probabilities);
        if let Some(o) = &opps {
            pipeline::add(&model, o, p, &mut r);
        }
        prospecting::add(&model, p, &mut r);
        // Activity ratios read orders and won deals, CAC reads new customers: after them.
        let acts = activity::Activities::new(&model, p);
        if let Some(a) = &acts {
            activity::add(a, &mut r);
        }
        let with_walk = sales.as_ref().zip(walk.as_ref());
        marketing::add(&model, with_walk, p, &mut r);
        satisfaction::add(&model, p, &mut r);
        receivables::add(&model, p, &mut r);
        team::add(&model, with_walk, opps.as_ref(), acts.as_ref(), p, &mut r);
    }
    if let Some(p) = period {
        // Revenue and customers read the same table: its rows are counted once.
        let mut counted: BTreeMap<Kind, Option<super::report::Inputs>> = BTreeMap::new();
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
        comparisons::apply(&model, p, &mut r);
    }
    // Every KPI of the catalogue is in the report: computed, or said why not.
    for d in CATALOGUE {
        r.kpis.entry(d.id.to_string()).or_insert_with(|| KpiValue {
            unit: Some(d.unit),
            ..KpiValue::unavailable(Reason::Needs(d.needs))
        });
    }
    filter_check::check(&model, &q.filters, &mut r);
    r
}
