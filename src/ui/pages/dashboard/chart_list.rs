//! The dashboard's charts: which builder draws each one, which breakdown it
//! reads, what its table view lists, and in which unit its values read.

use crate::charts::{self, Orientation, Series, TableOf};
use crate::engine::kpi::{BreakdownId, ChartId, KpiId};
use crate::engine::report::Unit;
use crate::engine::Report;
use crate::locale::Lang;
use charming::Chart;

pub struct ChartSpec {
    /// The element id ECharts mounts on, and the chart's key in `chart_title`.
    pub id: ChartId,
    pub build: fn(&Report, Lang) -> Option<Chart>,
    /// The breakdown the chart reads.
    pub table: BreakdownId,
    /// The unit of its values where the chart does not say (tooltips, axes).
    pub unit: Unit,
    /// What its table view and CSV list: every series the chart draws.
    pub view: TableOf,
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

/// A breakdown's first `limit` rows as bars: its table lists them all.
fn bars(r: &Report, lang: Lang, of: TableOf, limit: usize, o: Orientation) -> Option<Chart> {
    let TableOf::Breakdown { id, series, unit } = of else {
        return None;
    };
    charts::breakdown_bars(r, id, series.name(lang), unit, limit, o, lang)
}

const fn bd(id: BreakdownId, series: Series, unit: Unit) -> TableOf {
    TableOf::Breakdown { id, series, unit }
}

const BY_REP: TableOf = bd(BreakdownId::RevenueByRep, Series::Revenue, Unit::Currency);
const BY_REGION: TableOf = bd(
    BreakdownId::RevenueByRegion,
    Series::Revenue,
    Unit::Currency,
);
const BY_SECTOR: TableOf = bd(
    BreakdownId::RevenueBySector,
    Series::Revenue,
    Unit::Currency,
);
const BY_CHANNEL: TableOf = bd(
    BreakdownId::RevenueByChannel,
    Series::Revenue,
    Unit::Currency,
);
const BY_PRODUCT: TableOf = bd(
    BreakdownId::RevenueByProduct,
    Series::Revenue,
    Unit::Currency,
);
const TOP_CUSTOMERS: TableOf = bd(BreakdownId::TopCustomers, Series::Revenue, Unit::Currency);
const NEW_LIST: TableOf = bd(
    BreakdownId::NewCustomersList,
    Series::Revenue,
    Unit::Currency,
);
const LOST_LIST: TableOf = bd(
    BreakdownId::LostCustomersList,
    Series::Revenue,
    Unit::Currency,
);
const WON_BY_REP: TableOf = bd(BreakdownId::WonRevenueByRep, Series::Amount, Unit::Currency);
const WIN_RATE: TableOf = bd(BreakdownId::WinRateByRep, Series::WinRate, Unit::Ratio);
const CYCLE: TableOf = bd(
    BreakdownId::SalesCycleDistribution,
    Series::Deals,
    Unit::Count,
);
const RESPONSE: TableOf = bd(
    BreakdownId::LeadResponseDistribution,
    Series::Leads,
    Unit::Count,
);
const ACTIVITY: TableOf = bd(BreakdownId::ActivitiesByRep, Series::Contacts, Unit::Count);
const CAC: TableOf = bd(
    BreakdownId::AcquisitionCostByMonth,
    Series::Cac,
    Unit::Currency,
);
const SPEND: TableOf = bd(BreakdownId::SpendByChannel, Series::Amount, Unit::Currency);
const ROI: TableOf = bd(BreakdownId::CampaignRoi, Series::Roi, Unit::Ratio);
const NPS: TableOf = bd(BreakdownId::NpsBreakdown, Series::Answers, Unit::Count);
const AGING: TableOf = bd(
    BreakdownId::ReceivablesAging,
    Series::Amount,
    Unit::Currency,
);
const MARGIN: TableOf = bd(
    BreakdownId::MarginByMonth,
    Series::GrossMargin,
    Unit::Currency,
);

pub const CHARTS: &[ChartSpec] = &[
    ChartSpec {
        id: ChartId::RevenueByMonth,
        build: charts::revenue_by_month,
        table: BreakdownId::RevenueByMonth,
        unit: Unit::Currency,
        view: TableOf::RevenueByMonth,
    },
    ChartSpec {
        id: ChartId::MarginByMonth,
        build: charts::margin_by_month,
        table: BreakdownId::MarginByMonth,
        unit: Unit::Currency,
        view: MARGIN,
    },
    ChartSpec {
        id: ChartId::RevenueByRep,
        build: |r, l| bars(r, l, BY_REP, 20, Orientation::Horizontal),
        table: BreakdownId::RevenueByRep,
        unit: Unit::Currency,
        view: BY_REP,
    },
    ChartSpec {
        id: ChartId::RevenueByRegion,
        build: |r, l| bars(r, l, BY_REGION, 20, Orientation::Horizontal),
        table: BreakdownId::RevenueByRegion,
        unit: Unit::Currency,
        view: BY_REGION,
    },
    ChartSpec {
        id: ChartId::RevenueBySector,
        build: |r, l| bars(r, l, BY_SECTOR, 20, Orientation::Horizontal),
        table: BreakdownId::RevenueBySector,
        unit: Unit::Currency,
        view: BY_SECTOR,
    },
    ChartSpec {
        id: ChartId::RevenueByChannel,
        build: |r, l| bars(r, l, BY_CHANNEL, 20, Orientation::Horizontal),
        table: BreakdownId::RevenueByChannel,
        unit: Unit::Currency,
        view: BY_CHANNEL,
    },
    ChartSpec {
        id: ChartId::RevenueByProduct,
        build: |r, l| bars(r, l, BY_PRODUCT, 15, Orientation::Horizontal),
        table: BreakdownId::RevenueByProduct,
        unit: Unit::Currency,
        view: BY_PRODUCT,
    },
    ChartSpec {
        id: ChartId::TopCustomers,
        build: |r, l| bars(r, l, TOP_CUSTOMERS, 10, Orientation::Horizontal),
        table: BreakdownId::TopCustomers,
        unit: Unit::Currency,
        view: TOP_CUSTOMERS,
    },
    ChartSpec {
        id: ChartId::NewVsLost,
        build: charts::new_vs_lost,
        table: BreakdownId::NewCustomersByMonth,
        unit: Unit::Count,
        view: TableOf::NewVsLost,
    },
    // Who the new and lost customers are: the chart shows the largest, the
    // table view all the report lists (50).
    ChartSpec {
        id: ChartId::NewCustomers,
        build: |r, l| bars(r, l, NEW_LIST, 15, Orientation::Horizontal),
        table: BreakdownId::NewCustomersList,
        unit: Unit::Currency,
        view: NEW_LIST,
    },
    ChartSpec {
        id: ChartId::LostCustomers,
        build: |r, l| bars(r, l, LOST_LIST, 15, Orientation::Horizontal),
        table: BreakdownId::LostCustomersList,
        unit: Unit::Currency,
        view: LOST_LIST,
    },
    ChartSpec {
        id: ChartId::Cohorts,
        build: charts::cohort_heatmap,
        table: BreakdownId::NewCustomersByMonth,
        unit: Unit::Ratio,
        view: TableOf::Cohorts,
    },
    ChartSpec {
        id: ChartId::Funnel,
        build: charts::funnel,
        table: BreakdownId::PipelineByStage,
        unit: Unit::Currency,
        view: TableOf::Funnel,
    },
    ChartSpec {
        id: ChartId::WonRevenueByRep,
        build: |r, l| bars(r, l, WON_BY_REP, 20, Orientation::Horizontal),
        table: BreakdownId::WonRevenueByRep,
        unit: Unit::Currency,
        view: WON_BY_REP,
    },
    ChartSpec {
        id: ChartId::WinRateByRep,
        build: |r, l| bars(r, l, WIN_RATE, 20, Orientation::Horizontal),
        table: BreakdownId::WinRateByRep,
        unit: Unit::Ratio,
        view: WIN_RATE,
    },
    ChartSpec {
        id: ChartId::SalesCycle,
        build: |r, l| bars(r, l, CYCLE, 10, Orientation::Vertical),
        table: BreakdownId::SalesCycleDistribution,
        unit: Unit::Count,
        view: CYCLE,
    },
    ChartSpec {
        id: ChartId::LeadResponse,
        build: |r, l| bars(r, l, RESPONSE, 5, Orientation::Vertical),
        table: BreakdownId::LeadResponseDistribution,
        unit: Unit::Count,
        view: RESPONSE,
    },
    ChartSpec {
        id: ChartId::ActivityByRep,
        build: |r, l| bars(r, l, ACTIVITY, 20, Orientation::Horizontal),
        table: BreakdownId::ActivitiesByRep,
        unit: Unit::Count,
        view: ACTIVITY,
    },
    ChartSpec {
        id: ChartId::CacByMonth,
        build: |r, l| bars(r, l, CAC, 36, Orientation::Vertical),
        table: BreakdownId::AcquisitionCostByMonth,
        unit: Unit::Currency,
        view: CAC,
    },
    ChartSpec {
        id: ChartId::SpendByChannel,
        build: |r, l| bars(r, l, SPEND, 10, Orientation::Horizontal),
        table: BreakdownId::SpendByChannel,
        unit: Unit::Currency,
        view: SPEND,
    },
    ChartSpec {
        id: ChartId::CampaignRoi,
        build: |r, l| bars(r, l, ROI, 10, Orientation::Horizontal),
        table: BreakdownId::CampaignRoi,
        unit: Unit::Ratio,
        view: ROI,
    },
    ChartSpec {
        id: ChartId::Nps,
        build: |r, l| bars(r, l, NPS, 3, Orientation::Vertical),
        table: BreakdownId::NpsBreakdown,
        unit: Unit::Count,
        view: NPS,
    },
    ChartSpec {
        id: ChartId::ReceivablesAging,
        build: |r, l| bars(r, l, AGING, 5, Orientation::Vertical),
        table: BreakdownId::ReceivablesAging,
        unit: Unit::Currency,
        view: AGING,
    },
];
