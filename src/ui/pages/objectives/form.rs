//! What the objectives page's forms share: a fresh id in the set-up, a
//! typed period read the same way everywhere, a KPI's unit.

use crate::engine::kpi::def;
use crate::engine::objectives::ObjectivePeriod;
use crate::engine::report::Unit;
use crate::locale::input::{period_error, read_period};
use crate::locale::Lang;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// An id no objective or alert rule of the set-up has yet: `o3`, `r4`.
pub fn next_id(state: AppState, prefix: &str) -> String {
    let n = state
        .setup
        .with_untracked(|s| s.objectives.len() + s.alert_rules.len());
    let mut i = n + 1;
    loop {
        let id = format!("{prefix}{i}");
        let taken = state.setup.with_untracked(|s| {
            s.objectives.iter().any(|o| o.id == id) || s.alert_rules.iter().any(|r| r.id == id)
        });
        if !taken {
            return id;
        }
        i += 1;
    }
}

/// A typed period, read the same way on every form; the error in words.
pub fn typed_period(text: &str, lang: Lang) -> Result<ObjectivePeriod, String> {
    read_period(text).map_err(|e| period_error(e, lang).to_string())
}

/// The unit a target for this KPI is typed in (a count when unknown).
pub fn unit_of(kpi: &str) -> Unit {
    def(kpi).map_or(Unit::Count, |d| d.unit)
}
