//! The machinery every family shares, with no knowledge of any: sums and
//! statistics, periods and the day table, column views, breakdown rows,
//! the catalogue and which tables its KPIs read, how a KPI is recorded.

pub mod breakdown;
pub mod catalogue;
pub mod closest;
pub mod day_table;
pub mod ids;
pub mod period;
pub mod record;
pub mod sources;
pub mod stats;
pub mod sum;
pub mod view;
