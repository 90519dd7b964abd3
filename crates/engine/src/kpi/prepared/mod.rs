//! What a report needs that depends on the tables alone — the joins and
//! their relations, the sales' days, amounts and margins and their lines
//! summed per order, the deals' status, amounts and default
//! probabilities, the leads' days, flags and response times, the
//! customers' first purchases and reps' first sales, the data's span —
//! made once per set of tables and kept across reports: a change of
//! period or filter then skips it. One file per table kind (the sales
//! have three: their columns, their orders, their history), each with the
//! view a report reads that table through.

pub mod deals;
pub mod history;
pub mod leads;
pub mod orders;
pub mod response_times;
pub mod sales;

use crate::kpi::model::{Filters, Model, Scans, Workspace};
use deals::{DealColumns, Opps};
use history::{rep_first_sale_of_orders, rep_first_sale_of_rows, History, SalesHistory};
use leads::LeadColumns;
use orders::SalesOrders;
use sales::{Sales, SalesColumns};

pub struct Prepared {
    /// The joins, relations, span and date ranges the model scans.
    pub(crate) scans: Scans,
    pub(crate) sales: Option<SalesColumns>,
    pub(crate) deals: Option<DealColumns>,
    pub(crate) leads: Option<LeadColumns>,
}

impl Prepared {
    pub fn new(ws: &Workspace) -> Prepared {
        let model = Model::new(ws, &Filters::new());
        let mut prepared = Prepared {
            scans: Scans::of(ws, &model),
            sales: Sales::columns(&model),
            deals: Opps::columns(&model),
            leads: leads::columns(&model),
        };
        // The sales history and orders read the prepared columns.
        let (history, orders) = {
            let model = Model::scanned(ws, Some(&prepared.scans), &Filters::new());
            match Sales::new(&model, prepared.sales.as_ref()) {
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
        self.scans.fits(ws)
    }
}
