//! What the objectives page's forms share: a fresh id in the set-up, a
//! typed period read the same way everywhere, a KPI's unit, an edit that
//! keeps a demo example.

use crate::engine::demo;
use crate::engine::kpi::def;
use crate::engine::objectives::{Objective, ObjectivePeriod};
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

/// Changes one of the objectives shown. A demo example changed (or kept as
/// is) enters the user's set-up under an id of theirs: until then it is the
/// demo's, not written anywhere.
pub fn edit_objective(state: AppState, id: &str, edit: impl FnOnce(&mut Objective)) {
    if state
        .setup
        .with_untracked(|s| s.objectives.iter().any(|o| o.id == id))
    {
        state.setup.update(|s| {
            if let Some(o) = s.objectives.iter_mut().find(|o| o.id == id) {
                edit(o);
            }
        });
        return;
    }
    let Some(mut kept) = demo::objectives::objectives()
        .into_iter()
        .find(|o| o.id == id)
    else {
        return;
    };
    kept.id = next_id(state, "o");
    edit(&mut kept);
    state.setup.update(|s| s.objectives.push(kept));
}
