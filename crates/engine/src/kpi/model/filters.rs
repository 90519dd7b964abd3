//! The dimensions a dashboard filters on, and the values it offers.

use super::workspace::Workspace;
use super::Model;
use crate::schema::{normalize, Field};
use std::collections::BTreeMap;

/// Filters on dimensions: a row is kept when, for every field, its value is
/// one of the listed ones. A table without that field (directly or through
/// a dimension table) gets no mask for it, and `checks::filters` leaves its
/// figures out of the report.
pub type Filters = BTreeMap<Field, Vec<String>>;

/// The dimensions a dashboard can filter on. The customer comes last: it
/// was filterable (command line, links) before the dashboard offered it,
/// and the order is that of the fields listed in the notes.
pub const FILTER_FIELDS: [Field; 8] = [
    Field::Rep,
    Field::Manager,
    Field::Region,
    Field::Sector,
    Field::Segment,
    Field::Channel,
    Field::Product,
    Field::Customer,
];

/// The filter dimensions the fact tables have values for: the keys of
/// [`filter_options`], found without gathering the values (a report needs
/// them; the values, thousands of customers' names, only the filter bar),
/// in the options' order.
pub fn filter_fields(ws: &Workspace) -> Vec<Field> {
    let model = Model::new(ws, &Filters::new());
    let mut fields: Vec<Field> = FILTER_FIELDS
        .into_iter()
        .filter(|&field| {
            model
                .facts
                .iter()
                .any(|fact| model.uses_a_name(fact, field))
        })
        .collect();
    fields.sort();
    fields
}

/// For each filter dimension, the values found in the fact tables (directly or
/// through a dimension table), sorted, each written as first seen.
pub fn filter_options(ws: &Workspace) -> BTreeMap<Field, Vec<String>> {
    let model = Model::new(ws, &Filters::new());
    let mut out = BTreeMap::new();
    for field in FILTER_FIELDS {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for fact in &model.facts {
            for name in model.used_names(fact, field) {
                seen.entry(normalize(&name)).or_insert(name);
            }
        }
        if !seen.is_empty() {
            let mut values: Vec<String> = seen.into_values().collect();
            values.sort_by_cached_key(|v| v.to_lowercase());
            out.insert(field, values);
        }
    }
    out
}
