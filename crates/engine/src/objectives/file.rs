//! The set-up file as written on disk and in links. Version 2 writes every
//! target and rule threshold with its unit, in the unit the user sees
//! (`{"value": 50, "unit": "percent"}` for a 50 % rate); version 1 wrote bare
//! numbers, read with the meaning they had (see [`from_v1`]). In memory a
//! rate is a ratio (0.5), as the engine computes it.

use super::{AlertRule, Comparison, Objective, ObjectivePeriod, Scope, SetUp};
use crate::kpi::def;
use crate::report::Unit;
use crate::schema::Field;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version this build writes.
pub const CURRENT_VERSION: u32 = 2;

/// The unit a target or threshold is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetUnit {
    /// A rate, in percent: 50 is 50 %.
    Percent,
    /// An amount in the set-up's currency.
    Money,
    Count,
    Days,
    Hours,
    Score,
}

impl TargetUnit {
    /// The unit a KPI's targets are typed and written in.
    pub fn of_kpi(kpi: &str) -> TargetUnit {
        match def(kpi).map(|d| d.unit) {
            Some(Unit::Ratio) => TargetUnit::Percent,
            Some(Unit::Currency) => TargetUnit::Money,
            Some(Unit::Days) => TargetUnit::Days,
            Some(Unit::Hours) => TargetUnit::Hours,
            Some(Unit::Score) => TargetUnit::Score,
            Some(Unit::Count) | None => TargetUnit::Count,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TargetUnit::Percent => "percent",
            TargetUnit::Money => "money",
            TargetUnit::Count => "count",
            TargetUnit::Days => "days",
            TargetUnit::Hours => "hours",
            TargetUnit::Score => "score",
        }
    }

    /// The engine's value (a ratio for rates) of a number written in this unit.
    pub fn to_internal(self, written: f64) -> f64 {
        match self {
            TargetUnit::Percent => written / 100.0,
            _ => written,
        }
    }

    /// The number to write for the engine's value; percents are rounded to
    /// 9 decimals so that 0.45 is written 45, not 45.00000000000001.
    pub fn to_written(self, internal: f64) -> f64 {
        match self {
            TargetUnit::Percent => (internal * 100.0 * 1e9).round() / 1e9,
            _ => internal,
        }
    }
}

/// A number with its unit: `{"value": 50, "unit": "percent"}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub value: f64,
    pub unit: TargetUnit,
}

impl Amount {
    pub fn of(kpi: &str, internal: f64) -> Amount {
        let unit = TargetUnit::of_kpi(kpi);
        Amount {
            value: unit.to_written(internal),
            unit,
        }
    }
}

/// A version-1 number as it was meant: a rate's target above 1 was typed
/// as a percent (50 → 50 %), at or below 1 as a ratio (0.14 → 14 %); every
/// other target, and every rule threshold (the app divided rates by 100
/// before writing them), is the engine's value.
pub fn from_v1(kpi: &str, x: f64, is_target: bool) -> f64 {
    if is_target && TargetUnit::of_kpi(kpi) == TargetUnit::Percent && x > 1.0 {
        x / 100.0
    } else {
        x
    }
}

/// Why a set-up's content cannot be read (its JSON shape is serde's to check).
#[derive(Debug, Clone, PartialEq)]
pub enum ContentError {
    Version(u32),
    /// A version-2 number without `{"value", "unit"}`.
    UnitMissing {
        id: String,
    },
    WrongUnit {
        id: String,
        unit: TargetUnit,
        expected: TargetUnit,
    },
}

#[derive(Serialize, Deserialize)]
pub(super) struct ObjectiveFile {
    id: String,
    kpi: String,
    #[serde(default)]
    scope: Scope,
    period: ObjectivePeriod,
    target: Value,
    #[serde(default = "super::default_threshold")]
    alert_threshold: f64,
    #[serde(default)]
    note: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct RuleFile {
    id: String,
    kpi: String,
    when: Comparison,
    threshold: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    for_each: Option<Field>,
    #[serde(default)]
    note: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SetUpFile {
    #[serde(default = "one")]
    version: u32,
    #[serde(default)]
    objectives: Vec<ObjectiveFile>,
    #[serde(default)]
    alert_rules: Vec<RuleFile>,
    #[serde(default, skip_serializing_if = "Value::is_null")]
    mappings: Value,
    #[serde(default, skip_serializing_if = "Value::is_null")]
    settings: Value,
}

fn one() -> u32 {
    1
}

/// A written number of `kpi` as the engine's value. A number that is not
/// a number is left NaN for the validation to refuse.
fn read(
    version: u32,
    id: &str,
    kpi: &str,
    v: &Value,
    is_target: bool,
) -> Result<f64, ContentError> {
    if version == 1 {
        return Ok(from_v1(kpi, v.as_f64().unwrap_or(f64::NAN), is_target));
    }
    let Ok(a) = serde_json::from_value::<Amount>(v.clone()) else {
        return Err(ContentError::UnitMissing { id: id.into() });
    };
    let expected = TargetUnit::of_kpi(kpi);
    if a.unit != expected {
        return Err(ContentError::WrongUnit {
            id: id.into(),
            unit: a.unit,
            expected,
        });
    }
    Ok(a.unit.to_internal(a.value))
}

fn written(kpi: &str, internal: f64) -> Value {
    serde_json::to_value(Amount::of(kpi, internal)).unwrap_or(Value::Null)
}

impl SetUpFile {
    pub(super) fn into_set_up(self) -> Result<SetUp, ContentError> {
        let v = self.version;
        if !(1..=CURRENT_VERSION).contains(&v) {
            return Err(ContentError::Version(v));
        }
        let objectives = self
            .objectives
            .into_iter()
            .map(|o| {
                Ok(Objective {
                    target: read(v, &o.id, &o.kpi, &o.target, true)?,
                    id: o.id,
                    kpi: o.kpi,
                    scope: o.scope,
                    period: o.period,
                    alert_threshold: o.alert_threshold,
                    note: o.note,
                })
            })
            .collect::<Result<_, _>>()?;
        let alert_rules = self
            .alert_rules
            .into_iter()
            .map(|r| {
                Ok(AlertRule {
                    threshold: read(v, &r.id, &r.kpi, &r.threshold, false)?,
                    id: r.id,
                    kpi: r.kpi,
                    when: r.when,
                    for_each: r.for_each,
                    note: r.note,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(SetUp {
            version: CURRENT_VERSION,
            objectives,
            alert_rules,
            mappings: self.mappings,
            settings: self.settings,
        })
    }
}

impl From<SetUp> for SetUpFile {
    fn from(s: SetUp) -> Self {
        SetUpFile {
            version: CURRENT_VERSION,
            objectives: s
                .objectives
                .into_iter()
                .map(|o| ObjectiveFile {
                    target: written(&o.kpi, o.target),
                    id: o.id,
                    kpi: o.kpi,
                    scope: o.scope,
                    period: o.period,
                    alert_threshold: o.alert_threshold,
                    note: o.note,
                })
                .collect(),
            alert_rules: s
                .alert_rules
                .into_iter()
                .map(|r| RuleFile {
                    threshold: written(&r.kpi, r.threshold),
                    id: r.id,
                    kpi: r.kpi,
                    when: r.when,
                    for_each: r.for_each,
                    note: r.note,
                })
                .collect(),
            mappings: s.mappings,
            settings: s.settings,
        }
    }
}

impl TryFrom<SetUpFile> for SetUp {
    type Error = String;
    fn try_from(f: SetUpFile) -> Result<Self, String> {
        f.into_set_up().map_err(|e| e.to_string())
    }
}

impl std::fmt::Display for ContentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ContentError::Version(v) => write!(f, "set-up version {v} is not supported"),
            ContentError::UnitMissing { id } => write!(
                f,
                "{id:?}: a version-2 number needs its unit, e.g. {{\"value\": 50, \"unit\": \"percent\"}}"
            ),
            ContentError::WrongUnit { id, unit, expected } => write!(
                f,
                "{id:?}: written in {}, its indicator is in {}",
                unit.name(),
                expected.name()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_set_up(json: &str) -> Result<SetUp, String> {
        serde_json::from_str::<SetUp>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn version_1_numbers_keep_their_meaning() {
        let s = read_set_up(
            r#"{"version": 1, "objectives": [
                {"id": "a", "kpi": "win_rate", "period": {"year": 2025}, "target": 50},
                {"id": "b", "kpi": "margin_rate", "period": {"year": 2025}, "target": 0.14},
                {"id": "c", "kpi": "win_rate", "period": {"year": 2025}, "target": 1},
                {"id": "d", "kpi": "revenue", "period": {"year": 2025}, "target": 0.5}],
               "alert_rules": [{"id": "r", "kpi": "churn_rate", "when": "above", "threshold": 0.05}]}"#,
        )
        .unwrap_or_default();
        let targets: Vec<f64> = s.objectives.iter().map(|o| o.target).collect();
        assert_eq!(targets, vec![0.5, 0.14, 1.0, 0.5]);
        assert_eq!(s.alert_rules[0].threshold, 0.05);
    }

    #[test]
    fn version_2_writes_what_the_user_typed_with_its_unit() {
        let s = read_set_up(
            r#"{"version": 2, "objectives": [
                {"id": "a", "kpi": "win_rate", "period": {"year": 2025}, "target": {"value": 45, "unit": "percent"}},
                {"id": "b", "kpi": "revenue", "period": {"year": 2025}, "target": {"value": 12000000, "unit": "money"}}],
               "alert_rules": [{"id": "r", "kpi": "churn_rate", "when": "above", "threshold": {"value": 5, "unit": "percent"}}]}"#,
        )
        .unwrap_or_default();
        assert_eq!(s.objectives[0].target, 0.45);
        assert_eq!(s.objectives[1].target, 12_000_000.0);
        assert_eq!(s.alert_rules[0].threshold, 0.05);
        let out = serde_json::to_value(&s).unwrap_or_default();
        assert_eq!(out["version"], 2);
        assert_eq!(
            out["objectives"][0]["target"],
            serde_json::json!({"value": 45.0, "unit": "percent"})
        );
        assert_eq!(
            out["objectives"][1]["target"],
            serde_json::json!({"value": 12000000.0, "unit": "money"})
        );
        assert_eq!(
            out["alert_rules"][0]["threshold"],
            serde_json::json!({"value": 5.0, "unit": "percent"})
        );
    }

    #[test]
    fn version_2_refuses_bare_or_mismatched_numbers_and_later_versions() {
        let bare = read_set_up(
            r#"{"version": 2, "objectives": [{"id": "a", "kpi": "win_rate", "period": {"year": 2025}, "target": 50}]}"#,
        );
        assert!(bare.unwrap_err().contains("needs its unit"));
        let wrong = read_set_up(
            r#"{"version": 2, "objectives": [{"id": "a", "kpi": "win_rate", "period": {"year": 2025}, "target": {"value": 5, "unit": "money"}}]}"#,
        );
        assert!(wrong
            .unwrap_err()
            .contains("written in money, its indicator is in percent"));
        assert!(read_set_up(r#"{"version": 3}"#)
            .unwrap_err()
            .contains("version 3 is not supported"));
    }
}
