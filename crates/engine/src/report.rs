//! The one report the UI renders, the charts read, the app exports and the
//! command line prints (KPIS.md, "The JSON report").

use crate::messages::{Note, Reason, Said, Typed, Wording};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a KPI's number measures, for formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Currency,
    Count,
    Ratio,
    Days,
    Hours,
    Score,
}

impl Unit {
    /// Its name as the JSON writes it (`currency`, `ratio`…).
    pub const fn name(self) -> &'static str {
        match self {
            Unit::Currency => "currency",
            Unit::Count => "count",
            Unit::Ratio => "ratio",
            Unit::Days => "days",
            Unit::Hours => "hours",
            Unit::Score => "score",
        }
    }
}

/// A scalar KPI: its value over the period and the comparisons, or why it is unavailable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "W::Reason: Serialize, W::Note: Serialize",
    deserialize = "W::Reason: Deserialize<'de>, W::Note: Deserialize<'de>"
))]
pub struct KpiValue<W: Wording = Typed> {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub median: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub previous: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub last_year: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit: Option<Unit>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unavailable: Option<W::Reason>,
    /// Which table, and how many of its rows (dated in the period, kept by the filters), it read.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub inputs: Option<Inputs>,
    /// How much it changed since the previous period, or why that is unknown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub vs_previous: Option<Change<W>>,
    /// How much it changed since the same period last year, or why that is unknown.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub vs_last_year: Option<Change<W>>,
}

/// A KPI's change against one comparison period (KPIS.md, "Comparisons").
/// Both figures are `null` when the comparison is unavailable, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "W::Reason: Serialize, W::Note: Serialize",
    deserialize = "W::Reason: Deserialize<'de>, W::Note: Deserialize<'de>"
))]
pub struct Change<W: Wording = Typed> {
    /// Value − comparison value, in the KPI's unit (points for a rate).
    pub absolute: Option<f64>,
    /// (Value − comparison value) ÷ |comparison value|, for amounts and
    /// counts only; `null` for rates, scores and durations, or when the
    /// comparison value is 0.
    pub relative: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unavailable: Option<W::Reason>,
}

impl Change {
    /// The change of `value` against `reference`, in the way `unit` reads.
    pub fn of(value: f64, reference: f64, unit: Unit) -> Change {
        let relative = matches!(unit, Unit::Currency | Unit::Count) && reference != 0.0;
        Change {
            absolute: Some(value - reference),
            relative: relative.then(|| (value - reference) / reference.abs()),
            unavailable: None,
        }
    }
    pub fn unavailable(reason: Reason) -> Change {
        Change {
            unavailable: Some(reason),
            ..Change::default()
        }
    }
}

/// The data behind a KPI, so that a number can be traced back to rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    pub table: String,
    pub rows: u64,
}

impl KpiValue {
    pub fn unavailable(reason: Reason) -> Self {
        KpiValue {
            unavailable: Some(reason),
            ..Self::default()
        }
    }
}

impl<W: Wording> KpiValue<W> {
    /// Relative change against a reference, unavailable when the reference is 0.
    pub fn change(&self, reference: Option<f64>) -> Option<f64> {
        let (v, r) = (self.value?, reference?);
        (r != 0.0).then(|| (v - r) / r.abs())
    }
    /// The change against a comparison.
    pub fn vs(&self, c: Comparison) -> Option<&Change<W>> {
        match c {
            Comparison::Previous => self.vs_previous.as_ref(),
            Comparison::LastYear => self.vs_last_year.as_ref(),
        }
    }
}

// By hand: a derived `Default` would ask the reason type for one.
impl<W: Wording> Default for KpiValue<W> {
    fn default() -> Self {
        KpiValue {
            value: None,
            median: None,
            previous: None,
            last_year: None,
            unit: None,
            unavailable: None,
            inputs: None,
            vs_previous: None,
            vs_last_year: None,
        }
    }
}

impl<W: Wording> Default for Change<W> {
    fn default() -> Self {
        Change {
            absolute: None,
            relative: None,
            unavailable: None,
        }
    }
}

/// The two periods every KPI is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// The previous calendar unit, or the same number of days before.
    Previous,
    /// The same days one year before.
    LastYear,
}

/// One line of a breakdown: a key (month, rep, region…), its value and its share of the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakdownRow {
    pub key: String,
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub share: Option<f64>,
}

/// The period the report covers, both dates inclusive (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodLabel {
    pub from: String,
    pub to: String,
}

/// Customers grouped by month of first purchase, and the share of them
/// active in each following month (the retention heatmap).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cohort {
    pub cohort: String,
    pub customers: usize,
    /// `retention[k]`: share active `k` months after the first purchase.
    pub retention: Vec<f64>,
}

/// One stage of the pipeline funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageRow {
    pub stage: String,
    /// `open`, `won` or `lost`.
    pub status: String,
    pub count: usize,
    /// `None` when none of its deals has an amount.
    #[serde(default)]
    pub amount: Option<f64>,
    /// Amount × probability for open stages; the amount when won; 0 when
    /// lost (`None` with the amount).
    #[serde(default)]
    pub weighted: Option<f64>,
    /// Open stages: the mean probability their deals count at.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub probability: Option<f64>,
}

/// One line of the rep view ("commerciaux"): what each rep did in the period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RepRow {
    pub rep: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub revenue: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub margin: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub orders: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub avg_order_value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub won_deals: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub won_revenue: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub win_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub avg_sales_cycle_days: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub visits: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub visits_per_order: Option<f64>,
}

/// Everything computed for a period, generic over how its reasons and notes
/// are held ([`Wording`]): typed as the engine makes it, or worded
/// ([`Report::say`]) for the JSON of `cadran kpis`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "W::Reason: Serialize, W::Note: Serialize",
    deserialize = "W::Reason: Deserialize<'de>, W::Note: Deserialize<'de>"
))]
pub struct Report<W: Wording = Typed> {
    pub period: Option<PeriodLabel>,
    /// The periods the comparisons are measured against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_period: Option<PeriodLabel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_year_period: Option<PeriodLabel>,
    pub currency: String,
    pub kpis: BTreeMap<String, KpiValue<W>>,
    pub breakdowns: BTreeMap<String, Vec<BreakdownRow>>,
    #[serde(default)]
    pub cohorts: Vec<Cohort>,
    #[serde(default)]
    pub funnel: Vec<StageRow>,
    #[serde(default)]
    pub reps: Vec<RepRow>,
    /// Joins between tables, with unmatched keys counted.
    #[serde(default)]
    pub relations: Vec<crate::kpi::Relation>,
    pub objectives: Vec<crate::objectives::ObjectiveResult<W>>,
    #[serde(default)]
    pub alerts: Vec<crate::objectives::AlertResult<W>>,
    /// What the reader should know about how figures were obtained.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<W::Note>,
    /// The dormancy window W in days: lost customers and churn count a
    /// customer lost W days after a purchase with none in the W days after.
    #[serde(default = "default_dormancy_days")]
    pub dormancy_days: u32,
}

fn default_dormancy_days() -> u32 {
    crate::kpi::DEFAULT_DORMANCY_DAYS
}

impl<W: Wording> Report<W> {
    /// A KPI by its id: a `KpiId` (`report.kpi(KpiId::WinRate)`), or its
    /// text where it arrives as text.
    pub fn kpi(&self, id: impl AsRef<str>) -> Option<&KpiValue<W>> {
        self.kpis.get(id.as_ref())
    }
    /// A breakdown by its id: a `BreakdownId`, or its text.
    pub fn breakdown(&self, id: impl AsRef<str>) -> &[BreakdownRow] {
        self.breakdowns.get(id.as_ref()).map_or(&[], Vec::as_slice)
    }
}

impl Report {
    /// The report with each reason and note worded by `reason` and `note`.
    pub fn say(
        self,
        reason: &dyn Fn(&Reason) -> String,
        note: &dyn Fn(&Note) -> String,
    ) -> Report<Said> {
        Report {
            period: self.period,
            previous_period: self.previous_period,
            last_year_period: self.last_year_period,
            currency: self.currency,
            kpis: self
                .kpis
                .into_iter()
                .map(|(id, k)| (id, k.say(reason)))
                .collect(),
            breakdowns: self.breakdowns,
            cohorts: self.cohorts,
            funnel: self.funnel,
            reps: self.reps,
            relations: self.relations,
            objectives: self.objectives.into_iter().map(|o| o.say(reason)).collect(),
            alerts: self.alerts.into_iter().map(|a| a.say(reason)).collect(),
            notes: self.notes.iter().map(note).collect(),
            dormancy_days: self.dormancy_days,
        }
    }
}

impl KpiValue {
    /// The value with its reasons worded by `reason`.
    pub fn say(self, reason: &dyn Fn(&Reason) -> String) -> KpiValue<Said> {
        KpiValue {
            value: self.value,
            median: self.median,
            previous: self.previous,
            last_year: self.last_year,
            unit: self.unit,
            unavailable: self.unavailable.as_ref().map(reason),
            inputs: self.inputs,
            vs_previous: self.vs_previous.map(|c| c.say(reason)),
            vs_last_year: self.vs_last_year.map(|c| c.say(reason)),
        }
    }
}

impl Change {
    /// The change with its reason worded by `reason`.
    pub fn say(self, reason: &dyn Fn(&Reason) -> String) -> Change<Said> {
        Change {
            absolute: self.absolute,
            relative: self.relative,
            unavailable: self.unavailable.as_ref().map(reason),
        }
    }
}
