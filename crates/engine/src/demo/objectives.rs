//! The demo company's objectives: a few targets over its last year, so that
//! a first visit shows objective tracking and its three levels at once.
//! They belong to the demo: the page adds them to its requests while the
//! demo is open, and writes one into the user's set-up only when the user
//! keeps it.

use crate::kpi::KpiId;
use crate::objectives::{Objective, ObjectivePeriod, Scope};

/// Every demo objective's id starts with this, so the page tells them apart.
pub const ID_PREFIX: &str = "demo-";

/// Team revenue, win rate and revenue per rep over the demo's last year.
/// The targets are set against the generated data (`tests/demo.rs` checks
/// that they give one objective at each level).
pub fn objectives() -> Vec<Objective> {
    let year = ObjectivePeriod::Year(super::FIRST_YEAR + 1);
    let objective = |name: &str, kpi: KpiId, target: f64| Objective {
        id: format!("{ID_PREFIX}{name}"),
        kpi: kpi.as_str().to_string(),
        scope: Scope::team(),
        period: year.clone(),
        target,
        alert_threshold: 0.9,
        note: String::new(),
    };
    vec![
        objective("team-revenue", KpiId::Revenue, TEAM_REVENUE),
        objective("win-rate", KpiId::WinRate, WIN_RATE),
        objective("revenue-per-rep", KpiId::RevenuePerRep, REVENUE_PER_REP),
    ]
}

const TEAM_REVENUE: f64 = 10_500_000.0;
const WIN_RATE: f64 = 0.47;
const REVENUE_PER_REP: f64 = 1_050_000.0;

/// Whether an objective is one of the demo's.
pub fn is_demo(objective: &Objective) -> bool {
    objective.id.starts_with(ID_PREFIX)
}
