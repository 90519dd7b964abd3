//! What the user types: numbers (`12 000 000`, `12 M€`, `45 %`), targets in
//! their KPI's unit, and periods (`T4 2025`, `mars 2025`, a date range). Pure,
//! so every form reads the same way and it is tested natively.

mod number;
mod period;
mod target;
mod words;

pub use number::{read_number, NumberError, Reading, Written};
pub use period::{period_label, read_period, PeriodError};
pub use target::{format_typed, read_target, trimmed, TargetError};
pub use words::{period_error, target_error};
