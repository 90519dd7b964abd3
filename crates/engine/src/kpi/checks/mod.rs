//! What is done to the whole report once the families have run: a
//! comparison the KPI's table does not cover is made unavailable and the
//! others get their changes (`comparisons`); a figure from a table that
//! cannot take a filter is left out, and a filter value no row has is
//! said with the nearest names (`filters`); what an aggregated extract
//! cannot tell is said instead of a wrong figure (`aggregated`).

pub mod aggregated;
pub mod comparisons;
pub mod filters;
