//! The objectives the worker measures: the user's, and while the demo is
//! open, its examples; and each with its result as the page shows it.

use crate::engine::demo;
use crate::engine::objectives::{Objective, ObjectiveResult};
use crate::ui::state::AppState;
use crate::ui::worker_client::demo_in_use;
use leptos::prelude::*;

/// The objectives measured, in the order of their results: the user's, then,
/// while the demo is open, the demo's examples the user has not kept (an
/// objective of the same KPI, scope and period). The examples never enter
/// the user's set-up by themselves, so leaving the demo takes them away.
pub fn objectives_in_view(state: AppState) -> Vec<Objective> {
    let mut out = state.setup.with(|s| s.objectives.clone());
    if demo_in_use(state) {
        let examples: Vec<Objective> = demo::objectives::objectives()
            .into_iter()
            .filter(|d| {
                !out.iter()
                    .any(|o| o.kpi == d.kpi && o.scope == d.scope && o.period == d.period)
            })
            .collect();
        out.extend(examples);
    }
    out
}

/// The objectives in view with their results, matched by id: while a new
/// answer is on its way, an earlier result never shows under another
/// objective, and an objective just added waits for its own.
pub fn objectives_with_results(state: AppState) -> Vec<(Objective, ObjectiveResult)> {
    let objectives = objectives_in_view(state);
    state.objectives.with(|results| {
        objectives
            .into_iter()
            .filter_map(|o| {
                let r = results.iter().find(|r| r.id == o.id)?.clone();
                Some((o, r))
            })
            .collect()
    })
}
