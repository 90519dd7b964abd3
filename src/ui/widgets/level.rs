//! An objective's level as the code the style sheet and the tests read
//! (`class`, `data-level`): on the objectives page and on a KPI card.

use crate::engine::objectives::Level;

pub fn level_code(l: Option<Level>) -> &'static str {
    match l {
        Some(Level::Ahead) => "ahead",
        Some(Level::Balance) => "balance",
        Some(Level::Alert) => "alert",
        None => "none",
    }
}
