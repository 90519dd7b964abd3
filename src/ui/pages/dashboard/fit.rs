//! A dashboard that fits the data: a KPI or chart whose table or column is
//! missing is not shown as an empty card; it folds into one "À débloquer"
//! panel at the end, grouped by what would unlock it. A figure that has its
//! data but nothing in this period or filter stays where it is and says so.
//! Pure, so that it is tested natively on real files.

use super::chart_list::{ChartSpec, CHARTS};
use crate::engine::kpi::{ChartId, KpiDef, KpiId, CATALOGUE};
use crate::engine::messages::{AggregateGap, Reason};
use crate::engine::{Field, Report};
use crate::locale::{needs_column, reason, Lang};
use std::collections::BTreeMap;

/// What a figure lacks: data the engine names, or a column to draw it by.
#[derive(Debug, Clone, PartialEq)]
pub enum Lack {
    Data(Reason),
    Column(Field),
}

impl Lack {
    pub fn said(&self, lang: Lang) -> String {
        match self {
            Lack::Data(r) => reason(r, lang),
            Lack::Column(f) => needs_column(*f, lang),
        }
    }
}

/// A reason that says a table or a column is missing (rather than the
/// period or the filters leaving nothing), or that the table can never
/// give the figure (an aggregated extract's first purchase value). Not
/// `NoAmount`: it is about the period's deals, so a filter could move a
/// card in and out of the panel; nor an extract's orders under a product
/// filter, for the same reason.
fn is_missing_data(r: &Reason) -> bool {
    matches!(
        r,
        Reason::Needs(_)
            | Reason::Aggregated {
                gap: AggregateGap::FirstPurchaseValue,
                ..
            }
    )
}

/// The KPI whose data a chart is drawn from.
fn drawn_from(chart: ChartId) -> KpiId {
    match chart {
        // Who the customers are: the sales need a customer column.
        ChartId::TopCustomers => KpiId::ActiveCustomers,
        // The sales need a rep: the same lack as revenue per rep, one group.
        ChartId::RevenueByRep => KpiId::RevenuePerRep,
        // The funnel counts deals even when none has an amount.
        ChartId::Funnel => KpiId::OpenOpportunities,
        other => super::chart_list::reason_kpi(other),
    }
}

/// What a KPI lacks, if it is missing data (not if the period is empty).
pub fn kpi_lacks(id: KpiId, report: &Report) -> Option<Lack> {
    report
        .kpi(id)
        .and_then(|k| k.unavailable.clone())
        .filter(is_missing_data)
        .map(Lack::Data)
}

/// What a chart lacks: its KPI's data, or the column it is drawn by
/// (`columns`: the dimensions the data has, as the filter bar offers them).
pub fn chart_lacks(
    chart: ChartId,
    report: &Report,
    columns: &BTreeMap<Field, Vec<String>>,
) -> Option<Lack> {
    kpi_lacks(drawn_from(chart), report).or_else(|| {
        chart
            .dimension()
            .filter(|f| !columns.contains_key(f))
            .map(Lack::Column)
    })
}

/// The charts the data can draw, in the dashboard's order; none before the
/// first report over the data (the page starts from the report of no table,
/// which would fold every chart for a moment).
pub fn charts_with_data(
    report: &Report,
    columns: &BTreeMap<Field, Vec<String>>,
) -> Vec<&'static ChartSpec> {
    if report.period.is_none() {
        return Vec::new();
    }
    CHARTS
        .iter()
        .filter(|s| chart_lacks(s.id, report, columns).is_none())
        .collect()
}

/// A KPI or a chart the panel lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Locked {
    Kpi(&'static KpiDef),
    Chart(ChartId),
}

/// What is locked, grouped by what would unlock it, in the catalogue's order.
pub fn locked_groups(
    report: &Report,
    columns: &BTreeMap<Field, Vec<String>>,
) -> Vec<(Lack, Vec<Locked>)> {
    let mut groups: Vec<(Lack, Vec<Locked>)> = Vec::new();
    if report.period.is_none() {
        return groups; // no report over the data yet: nothing is known to be missing
    }
    let mut add = |lack: Lack, item: Locked| match groups.iter_mut().find(|(l, _)| *l == lack) {
        Some((_, items)) => items.push(item),
        None => groups.push((lack, vec![item])),
    };
    for d in CATALOGUE.iter() {
        if let Some(lack) = kpi_lacks(d.kpi, report) {
            add(lack, Locked::Kpi(d));
        }
    }
    for s in CHARTS {
        if let Some(lack) = chart_lacks(s.id, report, columns) {
            add(lack, Locked::Chart(s.id));
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kpi::{self, Query, Workspace};
    use crate::engine::Options;

    fn report_of(files: &[&str]) -> (Report, BTreeMap<Field, Vec<String>>) {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
        let tables = files
            .iter()
            .map(|f| {
                let bytes = std::fs::read(format!("{root}{f}")).unwrap();
                crate::engine::read(f, &bytes, &Options::default()).unwrap()
            })
            .collect();
        let ws = Workspace { tables };
        (
            kpi::report(&ws, &Query::default()),
            kpi::filter_options(&ws),
        )
    }

    fn said(groups: &[(Lack, Vec<Locked>)], item: &Locked) -> String {
        groups
            .iter()
            .find(|(_, items)| items.contains(item))
            .map(|(lack, _)| lack.said(Lang::En))
            .unwrap_or_default()
    }

    #[test]
    fn superstore_alone_folds_what_it_lacks_and_keeps_what_it_has() {
        let (r, columns) = report_of(&["superstore/Superstore.csv"]);
        let shown: Vec<ChartId> = charts_with_data(&r, &columns)
            .iter()
            .map(|s| s.id)
            .collect();
        for id in [
            ChartId::RevenueByMonth,
            ChartId::RevenueByRegion,
            ChartId::TopCustomers,
        ] {
            assert!(shown.contains(&id), "{id:?} not in {shown:?}");
        }
        // Every chart shown draws something over all the data.
        for s in charts_with_data(&r, &columns) {
            assert!((s.build)(&r, Lang::Fr).is_some(), "{:?} shown empty", s.id);
        }
        let groups = locked_groups(&r, &columns);
        let funnel = said(&groups, &Locked::Chart(ChartId::Funnel));
        assert!(funnel.contains("opportunities"), "{funnel}");
        // Superstore has no rep: the chart by rep waits with revenue per rep.
        assert!(!columns.contains_key(&Field::Rep));
        let by_rep = said(&groups, &Locked::Chart(ChartId::RevenueByRep));
        let per_rep = crate::engine::kpi::def("revenue_per_rep").unwrap();
        assert_eq!(by_rep, said(&groups, &Locked::Kpi(per_rep)));
        assert!(by_rep.contains("rep column"), "{by_rep}");
        // No channel: the chart by channel names the column it needs.
        let by_channel = said(&groups, &Locked::Chart(ChartId::RevenueByChannel));
        assert!(by_channel.contains("\"Channel\" column"), "{by_channel}");
        // The funnel and the pipeline's value wait for the same data: one group.
        let pipeline = crate::engine::kpi::def("pipeline_value").unwrap();
        assert_eq!(said(&groups, &Locked::Kpi(pipeline)), funnel);
    }

    #[test]
    fn nothing_folds_or_shows_before_the_first_report() {
        let empty = kpi::report(&Workspace::default(), &Query::default());
        assert!(charts_with_data(&empty, &BTreeMap::new()).is_empty());
        assert!(locked_groups(&empty, &BTreeMap::new()).is_empty());
    }

    #[test]
    fn the_crm_files_unlock_the_pipeline_charts() {
        let crm = [
            "crm_sales_opportunities/sales_pipeline.csv",
            "crm_sales_opportunities/accounts.csv",
            "crm_sales_opportunities/products.csv",
            "crm_sales_opportunities/sales_teams.csv",
        ];
        let (r, columns) = report_of(&crm);
        let shown: Vec<ChartId> = charts_with_data(&r, &columns)
            .iter()
            .map(|s| s.id)
            .collect();
        for id in [ChartId::Funnel, ChartId::WinRateByRep, ChartId::SalesCycle] {
            assert!(shown.contains(&id), "{id:?} not in {shown:?}");
        }
        for s in charts_with_data(&r, &columns) {
            assert!((s.build)(&r, Lang::Fr).is_some(), "{:?} shown empty", s.id);
        }
    }
}
