//! Objectives and alert rules (KPIS.md, "Objectives and alert levels"):
//! a target for a KPI over a period, for the team or one rep, region…,
//! evaluated against the data with its pace and projection, and rules such as
//! "churn rate above 5 %" or "win rate below 25 % for any rep".

mod evaluate;
pub mod file;
pub mod share;
mod to_date;

pub use evaluate::{evaluate, evaluate_prepared, evaluate_rules, evaluate_rules_prepared};

use crate::kpi::Period;
use crate::messages::{Reason, Said, Typed, Wording};
use crate::parse::date::{days_from_ymd, parse_iso_day};
use crate::schema::Field;
use serde::{Deserialize, Serialize};

/// Who an objective is for: the whole team, or the rows of one rep, region, sector…
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Scope {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl Scope {
    pub fn team() -> Self {
        Scope::default()
    }
    pub fn of(field: Field, value: &str) -> Self {
        Scope {
            field: Some(field),
            value: Some(value.to_string()),
        }
    }
    /// `team`, or `rep: Ann`.
    pub fn label(&self) -> String {
        match (&self.field, &self.value) {
            (Some(f), Some(v)) => format!("{}: {v}", f.name()),
            _ => "team".into(),
        }
    }
}

/// The period of an objective: a month (`2024-03`), a quarter (`2024-Q1`),
/// a year (`2024`) or a custom range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectivePeriod {
    Month(String),
    Quarter(String),
    Year(i32),
    Custom { from: String, to: String },
}

fn month_bounds(y: i32, m: u32, months: u32) -> Option<Period> {
    let from = days_from_ymd(y, m, 1)?;
    let end_m = m + months;
    let (ey, em) = if end_m > 12 {
        (y + 1, end_m - 12)
    } else {
        (y, end_m)
    };
    Some(Period::new(from, days_from_ymd(ey, em, 1)? - 1))
}

impl ObjectivePeriod {
    pub fn period(&self) -> Option<Period> {
        match self {
            ObjectivePeriod::Month(s) => {
                let (y, m) = s.split_once('-')?;
                month_bounds(y.parse().ok()?, m.parse().ok()?, 1)
            }
            ObjectivePeriod::Quarter(s) => {
                let (y, q) = s.split_once("-Q").or_else(|| s.split_once("-q"))?;
                let q: u32 = q.parse().ok()?;
                if !(1..=4).contains(&q) {
                    return None;
                }
                month_bounds(y.parse().ok()?, (q - 1) * 3 + 1, 3)
            }
            ObjectivePeriod::Year(y) => month_bounds(*y, 1, 12),
            ObjectivePeriod::Custom { from, to } => {
                Some(Period::new(parse_iso_day(from)?, parse_iso_day(to)?))
            }
        }
    }

    /// The same length of period, right after this one (to copy objectives forward).
    pub fn next(&self) -> Option<ObjectivePeriod> {
        let p = self.period()?;
        Some(match self {
            ObjectivePeriod::Month(_) => {
                let d = crate::parse::date::ymd_from_days(p.to + 1)?;
                ObjectivePeriod::Month(d.format("%Y-%m").to_string())
            }
            ObjectivePeriod::Quarter(_) => {
                let d = crate::parse::date::ymd_from_days(p.to + 1)?;
                use chrono::Datelike;
                ObjectivePeriod::Quarter(format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1))
            }
            ObjectivePeriod::Year(y) => ObjectivePeriod::Year(y + 1),
            ObjectivePeriod::Custom { .. } => {
                let n = Period::new(p.to + 1, p.to + p.days());
                ObjectivePeriod::Custom {
                    from: n.from_label(),
                    to: n.to_label(),
                }
            }
        })
    }
}

pub(crate) fn default_threshold() -> f64 {
    0.9
}

/// A target for one KPI, for a scope and a period. The target is the
/// engine's value (a ratio for rates); the set-up file writes it with its
/// unit ([`file`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    pub id: String,
    pub kpi: String,
    #[serde(default)]
    pub scope: Scope,
    pub period: ObjectivePeriod,
    pub target: f64,
    /// Below this share of the target (projected), the level is `alert`.
    #[serde(default = "default_threshold")]
    pub alert_threshold: f64,
    #[serde(default)]
    pub note: String,
}

/// The three layers of a sales director's dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Something must be done now.
    Alert,
    /// On its way, between the threshold and the target.
    Balance,
    /// At or above the target: resources can move elsewhere.
    Ahead,
}

/// An objective measured against the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "W::Reason: Serialize",
    deserialize = "W::Reason: Deserialize<'de>"
))]
pub struct ObjectiveResult<W: Wording = Typed> {
    pub id: String,
    pub kpi: String,
    pub scope: String,
    pub period: crate::report::PeriodLabel,
    pub target: f64,
    /// The KPI from the period's start to `measured_to`.
    pub actual: Option<f64>,
    /// The last day the actual counts: today, or the period's end once it is
    /// over; absent before the period starts (nothing is measured yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_to: Option<String>,
    /// actual / target for ↑ KPIs, target / actual for ↓ KPIs.
    pub attainment: Option<f64>,
    /// Share of the period elapsed on today.
    pub pace: f64,
    /// For sums and counts: target × pace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_to_date: Option<f64>,
    /// The KPI's value projected at the period's end (run rate for sums, current value for ratios).
    pub projected_value: Option<f64>,
    /// The attainment of the projected value.
    pub projection: Option<f64>,
    pub level: Option<Level>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<W::Reason>,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub note: String,
    /// Month by month: the cumulative actual and where the target's pace stands
    /// (for sums and counts with a monthly series).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub cumulative: Vec<CumulativePoint>,
}

impl ObjectiveResult {
    /// The result with its reason worded by `reason`.
    pub fn say(self, reason: &dyn Fn(&Reason) -> String) -> ObjectiveResult<Said> {
        ObjectiveResult {
            id: self.id,
            kpi: self.kpi,
            scope: self.scope,
            period: self.period,
            target: self.target,
            actual: self.actual,
            measured_to: self.measured_to,
            attainment: self.attainment,
            pace: self.pace,
            expected_to_date: self.expected_to_date,
            projected_value: self.projected_value,
            projection: self.projection,
            level: self.level,
            unavailable: self.unavailable.as_ref().map(reason),
            note: self.note,
            cumulative: self.cumulative,
        }
    }
}

/// One month of an objective's cumulative progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CumulativePoint {
    /// `YYYY-MM`.
    pub month: String,
    pub actual: f64,
    /// Target × share of the period elapsed at the month's end.
    pub target: f64,
}

/// Which way a rule fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    Above,
    Below,
}

/// "churn rate above 5 %", "win rate below 25 % for any rep".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertRule {
    pub id: String,
    pub kpi: String,
    pub when: Comparison,
    pub threshold: f64,
    /// Checked for each value of this dimension ("for any rep") instead of the team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_each: Option<Field>,
    #[serde(default)]
    pub note: String,
}

/// A value that broke a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertHit {
    /// `team`, or the rep, region… it is about.
    pub key: String,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "W::Reason: Serialize",
    deserialize = "W::Reason: Deserialize<'de>"
))]
pub struct AlertResult<W: Wording = Typed> {
    pub id: String,
    pub kpi: String,
    pub when: Comparison,
    pub threshold: f64,
    pub triggered: bool,
    pub hits: Vec<AlertHit>,
    /// The last day the values count: today when it falls inside the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_to: Option<String>,
    /// Why the rule was not checked (its period starts after today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<W::Reason>,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub note: String,
}

impl AlertResult {
    /// The result with its reason worded by `reason`.
    pub fn say(self, reason: &dyn Fn(&Reason) -> String) -> AlertResult<Said> {
        AlertResult {
            id: self.id,
            kpi: self.kpi,
            when: self.when,
            threshold: self.threshold,
            triggered: self.triggered,
            hits: self.hits,
            measured_to: self.measured_to,
            unavailable: self.unavailable.as_ref().map(reason),
            note: self.note,
        }
    }
}

/// What a team shares: objectives, alert rules, and (for the app) mappings and
/// settings. Never any data row. Read from either version of the file and
/// always written as the current one ([`file`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "file::SetUpFile", into = "file::SetUpFile")]
pub struct SetUp {
    /// In memory, always [`file::CURRENT_VERSION`]: the numbers are the engine's.
    pub version: u32,
    pub objectives: Vec<Objective>,
    pub alert_rules: Vec<AlertRule>,
    pub mappings: serde_json::Value,
    pub settings: serde_json::Value,
}

impl SetUp {
    /// The team's dormancy window (`settings.dormancy_days`), when the
    /// set-up gives a sensible one (1 day to 100 years).
    pub fn dormancy_days(&self) -> Option<u32> {
        let d = self.settings.get("dormancy_days")?.as_u64()?;
        u32::try_from(d).ok().filter(|d| (1..=36_600).contains(d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(p: &ObjectivePeriod) -> (String, String) {
        let p = p.period().unwrap_or(Period::new(0, 0));
        (p.from_label(), p.to_label())
    }

    #[test]
    fn periods_and_the_next_one() {
        let q = ObjectivePeriod::Quarter("2024-Q4".into());
        assert_eq!(labels(&q), ("2024-10-01".into(), "2024-12-31".into()));
        assert_eq!(q.next(), Some(ObjectivePeriod::Quarter("2025-Q1".into())));
        let m = ObjectivePeriod::Month("2024-02".into());
        assert_eq!(labels(&m), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(m.next(), Some(ObjectivePeriod::Month("2024-03".into())));
        assert_eq!(
            labels(&ObjectivePeriod::Year(2023)),
            ("2023-01-01".into(), "2023-12-31".into())
        );
        assert!(ObjectivePeriod::Quarter("2024-Q5".into())
            .period()
            .is_none());
        let c = ObjectivePeriod::Custom {
            from: "2024-01-01".into(),
            to: "2024-01-10".into(),
        };
        assert_eq!(
            c.next(),
            Some(ObjectivePeriod::Custom {
                from: "2024-01-11".into(),
                to: "2024-01-20".into()
            })
        );
    }

    #[test]
    fn set_up_json_shape() {
        let s: SetUp = serde_json::from_str(
            r#"{"objectives": [{"id": "o1", "kpi": "revenue", "period": {"year": 2017}, "target": 1000,
                "scope": {"field": "region", "value": "West"}}],
                "alert_rules": [{"id": "r1", "kpi": "win_rate", "when": "below", "threshold": 0.25, "for_each": "rep"}]}"#,
        )
        .unwrap_or_default();
        assert_eq!(s.version, file::CURRENT_VERSION);
        assert_eq!(s.objectives[0].alert_threshold, 0.9);
        assert_eq!(s.objectives[0].scope.label(), "region: West");
        assert_eq!(s.alert_rules[0].for_each, Some(Field::Rep));
    }
}
