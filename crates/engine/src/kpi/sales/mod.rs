//! The sales table's families, revenue and customers: one walk over the
//! orders of the period (`walk`, adding each line's sums with `line_sums`
//! into each period's `totals`), then the revenue KPIs (`revenue`) and the
//! customers' (`customers`, with new and lost customers in
//! `customer_moves` and who they are in `customer_lists`).

pub mod customer_lists;
pub mod customer_moves;
pub mod customers;
pub mod line_sums;
pub mod revenue;
pub mod totals;
pub mod walk;
