//! The dashboard's charts: which builder draws each one, which breakdown is
//! its table view, and in which unit its values read.

use crate::charts::{self, Orientation};
use crate::engine::kpi::{BreakdownId, ChartId, KpiId};
use crate::engine::report::Unit;
use crate::engine::Report;
use crate::locale::{t, Lang, Text};
use charming::Chart;

pub struct ChartSpec {
    /// The element id ECharts mounts on, and the chart's key in `chart_title`.
    pub id: ChartId,
    pub build: fn(&Report, Lang) -> Option<Chart>,
    /// The breakdown shown by the table view.
    pub table: BreakdownId,
    pub unit: Unit,
}

/// The KPI whose missing data also leaves this chart empty (to say why).
pub fn reason_kpi(chart: ChartId) -> KpiId {
    match chart {
        ChartId::MarginByMonth => KpiId::GrossMargin,
        ChartId::NewVsLost | ChartId::Cohorts | ChartId::NewCustomers => KpiId::NewCustomers,
        ChartId::LostCustomers => KpiId::LostCustomers,
        ChartId::Funnel => KpiId::PipelineValue,
        ChartId::WonRevenueByRep | ChartId::WinRateByRep | ChartId::SalesCycle => KpiId::WinRate,
        ChartId::LeadResponse => KpiId::LeadResponseHours,
        ChartId::ActivityByRep => KpiId::Calls,
        ChartId::CacByMonth => KpiId::AcquisitionCost,
        ChartId::SpendByChannel | ChartId::CampaignRoi => KpiId::MarketingSpend,
        ChartId::Nps => KpiId::Nps,
        ChartId::ReceivablesAging => KpiId::ReceivablesOutstanding,
        ChartId::RevenueByMonth
        | ChartId::RevenueByRep
        | ChartId::RevenueByRegion
        | ChartId::RevenueBySector
        | ChartId::RevenueByChannel
        | ChartId::RevenueByProduct
        | ChartId::TopCustomers => KpiId::Revenue,
    }
}

fn bars(r: &Report, id: BreakdownId, lang: Lang, limit: usize, o: Orientation) -> Option<Chart> {
    charts::breakdown_bars(r, id, t(lang, Text::Revenue), limit, o, lang)
}

pub const CHARTS: &[ChartSpec] = &[
    ChartSpec {
        id: ChartId::RevenueByMonth,
        build: charts::revenue_by_month,
        table: BreakdownId::RevenueByMonth,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::MarginByMonth,
        build: charts::margin_by_month,
        table: BreakdownId::MarginByMonth,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::RevenueByRep,
        build: |r, l| bars(r, BreakdownId::RevenueByRep, l, 20, Orientation::Horizontal),
        table: BreakdownId::RevenueByRep,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::RevenueByRegion,
        build: |r, l| {
            bars(
                r,
                BreakdownId::RevenueByRegion,
                l,
                20,
                Orientation::Horizontal,
            )
        },
        table: BreakdownId::RevenueByRegion,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::RevenueBySector,
        build: |r, l| {
            bars(
                r,
                BreakdownId::RevenueBySector,
                l,
                20,
                Orientation::Horizontal,
            )
        },
        table: BreakdownId::RevenueBySector,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::RevenueByChannel,
        build: |r, l| {
            bars(
                r,
                BreakdownId::RevenueByChannel,
                l,
                20,
                Orientation::Horizontal,
            )
        },
        table: BreakdownId::RevenueByChannel,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::RevenueByProduct,
        build: |r, l| {
            bars(
                r,
                BreakdownId::RevenueByProduct,
                l,
                15,
                Orientation::Horizontal,
            )
        },
        table: BreakdownId::RevenueByProduct,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::TopCustomers,
        build: |r, l| bars(r, BreakdownId::TopCustomers, l, 10, Orientation::Horizontal),
        table: BreakdownId::TopCustomers,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::NewVsLost,
        build: charts::new_vs_lost,
        table: BreakdownId::NewCustomersByMonth,
        unit: Unit::Count,
    },
    // Who the new and lost customers are: the chart shows the largest, the
    // table view all the report lists (50).
    ChartSpec {
        id: ChartId::NewCustomers,
        build: |r, l| {
            bars(
                r,
                BreakdownId::NewCustomersList,
                l,
                15,
                Orientation::Horizontal,
            )
        },
        table: BreakdownId::NewCustomersList,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::LostCustomers,
        build: |r, l| {
            bars(
                r,
                BreakdownId::LostCustomersList,
                l,
                15,
                Orientation::Horizontal,
            )
        },
        table: BreakdownId::LostCustomersList,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::Cohorts,
        build: charts::cohort_heatmap,
        table: BreakdownId::NewCustomersByMonth,
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::Funnel,
        build: charts::funnel,
        table: BreakdownId::PipelineByStage,
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::WonRevenueByRep,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                BreakdownId::WonRevenueByRep,
                t(l, Text::Amount),
                20,
                Orientation::Horizontal,
                l,
            )
        },
        table: BreakdownId::WonRevenueByRep,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::WinRateByRep,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                BreakdownId::WinRateByRep,
                t(l, Text::Deals),
                20,
                Orientation::Horizontal,
                l,
            )
        },
        table: BreakdownId::WinRateByRep,
        unit: Unit::Ratio,
    },
    ChartSpec {
        id: ChartId::SalesCycle,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                BreakdownId::SalesCycleDistribution,
                t(l, Text::Deals),
                10,
                Orientation::Vertical,
                l,
            )
        },
        table: BreakdownId::SalesCycleDistribution,
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::LeadResponse,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                BreakdownId::LeadResponseDistribution,
                t(l, Text::Leads),
                5,
                Orientation::Vertical,
                l,
            )
        },
        table: BreakdownId::LeadResponseDistribution,
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::ActivityByRep,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                BreakdownId::ActivitiesByRep,
                t(l, Text::Contacts),
                20,
                Orientation::Horizontal,
                l,
            )
        },
        table: BreakdownId::ActivitiesByRep,
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::CacByMonth,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                BreakdownId::AcquisitionCostByMonth,
                "CAC",
                36,
                Orientation::Vertical,
                l,
            )
        },
        table: BreakdownId::AcquisitionCostByMonth,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::SpendByChannel,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                BreakdownId::SpendByChannel,
                t(l, Text::Amount),
                10,
                Orientation::Horizontal,
                l,
            )
        },
        table: BreakdownId::SpendByChannel,
        unit: Unit::Currency,
    },
    ChartSpec {
        id: ChartId::CampaignRoi,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                BreakdownId::CampaignRoi,
                "ROI",
                10,
                Orientation::Horizontal,
                l,
            )
        },
        table: BreakdownId::CampaignRoi,
        unit: Unit::Ratio,
    },
    ChartSpec {
        id: ChartId::Nps,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                BreakdownId::NpsBreakdown,
                t(l, Text::Answers),
                3,
                Orientation::Vertical,
                l,
            )
        },
        table: BreakdownId::NpsBreakdown,
        unit: Unit::Count,
    },
    ChartSpec {
        id: ChartId::ReceivablesAging,
        build: |r, l| {
            charts::breakdown_bars(
                r,
                BreakdownId::ReceivablesAging,
                t(l, Text::Amount),
                5,
                Orientation::Vertical,
                l,
            )
        },
        table: BreakdownId::ReceivablesAging,
        unit: Unit::Currency,
    },
];
