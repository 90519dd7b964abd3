//! What a report says beside its figures, as typed values: why a figure or
//! a comparison is unavailable ([`Reason`]) and what its reader should know
//! about how figures were obtained ([`Note`]). The engine holds no sentence:
//! the app's `locale` words each of them in French and English, and its
//! English is the JSON report's (`cadran kpis`).
//!
//! A [`Report`](crate::Report) is generic over its [`Wording`]: [`Typed`] as
//! the engine makes it (the worker sends it so to the page, which words it in
//! the user's language), [`Said`] once worded (the JSON of `cadran kpis`).

use crate::currency::Currency;
use crate::report::{Comparison, PeriodLabel};
use crate::schema::Field;
use serde::{Deserialize, Serialize};
use std::fmt::Debug;

/// How a report holds its reasons and notes.
pub trait Wording: Clone + Debug + PartialEq {
    type Reason: Clone + Debug + PartialEq;
    type Note: Clone + Debug + PartialEq;
}

/// As the engine makes them: typed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Typed;

impl Wording for Typed {
    type Reason = Reason;
    type Note = Note;
}

/// Worded in one language: sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Said;

impl Wording for Said {
    type Reason = String;
    type Note = String;
}

/// Why a figure, or its comparison, is unavailable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The data it is computed from is not loaded (the catalogue's `needs`).
    Needs(Need),
    /// Its denominator is zero over the period.
    ZeroDenominator,
    /// None of the deals it adds up has an amount.
    NoAmount { deals: DealState, list_prices: bool },
    /// A filter of the view cannot apply to the table it reads.
    Unfilterable { file: String, field: Field },
    /// The sales table is an aggregated extract, which does not hold it.
    Aggregated { file: String, gap: AggregateGap },
    /// A period it needs lies outside its table's dates.
    Uncovered {
        /// The table's file; `None`: the data as a whole.
        file: Option<String>,
        over: Span,
        span: PeriodLabel,
        data: PeriodLabel,
    },
    /// Its comparison has no value over the comparison period.
    NoComparisonData,
    /// An objective names a KPI or a period the engine does not know.
    UnknownObjective { id: String },
    /// An objective's or a rule's period starts after today.
    NotStarted { from: String, today: String },
}

/// The data a KPI needs, as the catalogue says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Sales,
    SalesCustomer,
    SalesMargin,
    SalesRep,
    SalesQuantity,
    Opportunities,
    OpportunitiesClose,
    Leads,
    LeadsContact,
    LeadsTemperature,
    Activities,
    ActivitiesDuration,
    Spend,
    Carts,
    Feedback,
    Complaints,
    Invoices,
    InvoicesDue,
    TeamHire,
    Reps,
}

/// What an aggregated extract's rows cannot tell (DATA.md §4b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregateGap {
    /// A row may hold several orders: a first purchase's own total is not in it.
    FirstPurchaseValue,
    /// Each order is counted on one row only, that of its first line,
    /// while its lines may be of several products: orders cannot be
    /// counted for a product.
    OrdersByProduct,
}

/// Which deals a sum of amounts is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealState {
    Open,
    Won,
}

/// The period a comparison needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    /// The comparison period itself.
    Compared(Comparison),
    /// The period before the previous one (a growth's own comparison).
    PeriodBeforeIt,
    /// The dormancy window before a comparison period (lost customers, churn).
    DaysBefore { days: u32, of: Comparison },
}

/// What the reader should know about how the figures were obtained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// Files written in other currencies than each other or the report's:
    /// amounts are added as they are.
    Currencies {
        files: Vec<(String, Vec<Currency>)>,
        report: String,
    },
    /// Opportunities without an amount counted at their product's list price.
    EstimatedAmounts { deals: u64 },
    /// Opportunities without a created date, in the open pipeline from the
    /// data's last day only.
    NoCreatedDate { deals: u64, last_day: String },
    /// Opportunities lost with an amount of 0, counted at their list price
    /// in the open pipeline of the days before.
    LostUnsigned { deals: u64 },
    /// Closed opportunities without a close date, left out of the open
    /// pipeline before the data's last day.
    NoCloseDate { deals: u64, last_day: String },
    /// Open deals on a day without an amount or a list price.
    OpenUnpriced { missing: f64, open: f64, on: String },
    /// Deals won in the period without an amount or a list price.
    WonUnpriced { missing: f64, won: f64 },
    /// A filter on a field no table has; `fields`: those it could be.
    NoTableHas { field: Field, fields: Vec<Field> },
    /// A table without the filtered field: its figures are left out.
    LeftOut { file: String, field: Field },
    /// A filtered value no row has, with the nearest names.
    NoRowHas {
        field: Field,
        value: String,
        closest: Vec<String>,
    },
}

/// Why the filters asked for cannot be applied at all (`cadran kpis` stops).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilterError {
    /// No table has the field; `fields`: those the data can be filtered on.
    NoTableHas { field: Field, fields: Vec<Field> },
    /// The field is not one to filter on.
    NotAFilter { field: Field, fields: Vec<Field> },
}
