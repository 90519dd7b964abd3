//! KPIs over a workspace of imported tables (KPIS.md). Each family lives in
//! its own file and walks typed columns with a row mask; none allocates per row.

mod period;
mod sales;
mod sum;

pub use period::Period;
pub use sum::Sum;

use super::ingest::Imported;
use super::report::{PeriodLabel, Report};
use super::schema::Kind;
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
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// `None`: the whole span of the data.
    pub period: Option<Period>,
    pub currency: Option<String>,
}

/// Computes the report of a workspace for a query.
pub fn report(ws: &Workspace, q: &Query) -> Report {
    let period = q.period.or_else(|| sales::data_span(ws));
    let mut r = Report {
        period: period.map(|p| PeriodLabel {
            from: p.from_label(),
            to: p.to_label(),
        }),
        currency: q.currency.clone().unwrap_or_else(|| "EUR".into()),
        kpis: BTreeMap::new(),
        breakdowns: BTreeMap::new(),
        objectives: Vec::new(),
    };
    sales::revenue_family(ws, period, &mut r);
    r
}
