//! What a report needs that depends on the tables alone — the joins and
//! their relations, the sales' days, amounts and margins and their lines
//! summed per order, the deals' status, amounts and default
//! probabilities, the leads' days, flags and response times, the
//! customers' first purchases and reps' first sales, the data's span —
//! made once per set of tables and kept across reports: a change of
//! period or filter then skips it.

use super::join::{Link, Relation};
use super::model::{Filters, Model};
use super::period::Period;
use super::pipeline::{DealColumns, Opps};
use super::prospecting::{self, LeadColumns};
use super::sales::{Sales, SalesColumns};
use super::sales_history::{
    rep_first_sale_of_orders, rep_first_sale_of_rows, History, SalesHistory,
};
use super::sales_orders::SalesOrders;
use super::Workspace;
use crate::schema::{Field, Kind, Mapping};
use std::collections::BTreeMap;

pub struct Prepared {
    /// Per fact table (in the order of `model::fact_views`): its joins to
    /// `team`, `customers` and `products`.
    pub(super) joins: Vec<[Option<Link>; 3]>,
    pub(super) relations: Vec<Relation>,
    pub(super) sales: Option<SalesColumns>,
    pub(super) deals: Option<DealColumns>,
    pub(super) leads: Option<LeadColumns>,
    /// First and last day of the fact tables' main dates.
    pub(super) span: Option<Period>,
    /// First and last day of each date column of each fact kind (what a
    /// comparison is judged against): a scan of every row, made once.
    pub(super) date_ranges: BTreeMap<(Kind, Field), Period>,
    /// Each table it was made from, as its file, rows and mapping: a report
    /// checks it is given the same tables, and prepares them again if not.
    tables: Vec<(String, usize, Mapping)>,
}

impl Prepared {
    pub fn new(ws: &Workspace) -> Prepared {
        let model = Model::new(ws, &Filters::new());
        let mut prepared = Prepared {
            joins: model.facts.iter().map(|f| f.links()).collect(),
            relations: model.relations.clone(),
            sales: Sales::columns(&model),
            deals: Opps::columns(&model),
            leads: prospecting::columns(&model),
            span: model.span(),
            date_ranges: super::comparisons::date_ranges(&model),
            tables: tables_of(ws),
        };
        // The sales history and orders read the prepared columns.
        let (history, orders) = {
            let model = Model::prepared(ws, &prepared, &Filters::new());
            match Sales::new(&model) {
                Some(s) => {
                    let orders = SalesOrders::of(&s);
                    let reps = s.rep.as_ref().map_or(0, |r| r.distinct());
                    let history = SalesHistory {
                        customers: History::of(&s, orders.as_ref()),
                        rep_first_sale: match &orders {
                            Some(o) => rep_first_sale_of_orders(&o.orders, reps),
                            None => rep_first_sale_of_rows(&s),
                        },
                    };
                    (Some(history), orders)
                }
                None => (None, None),
            }
        };
        if let Some(columns) = prepared.sales.as_mut() {
            columns.history = history;
            columns.orders = orders;
        }
        prepared
    }

    /// Whether it was made from these tables: the same files, rows and mappings.
    pub fn fits(&self, ws: &Workspace) -> bool {
        self.tables.len() == ws.tables.len()
            && self
                .tables
                .iter()
                .zip(&ws.tables)
                .all(|((file, rows, mapping), t)| {
                    *file == t.summary.file && *rows == t.table.rows && *mapping == t.mapping
                })
    }
}

fn tables_of(ws: &Workspace) -> Vec<(String, usize, Mapping)> {
    ws.tables
        .iter()
        .map(|t| (t.summary.file.clone(), t.table.rows, t.mapping.clone()))
        .collect()
}
