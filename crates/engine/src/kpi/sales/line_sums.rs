//! What the sales walk adds up one line at a time — a row, or a whole
//! order prepared with the tables: each period's totals, the months, the
//! customers' activity grid, the reps' and campaigns' sums.

use crate::kpi::core::breakdown::Monthly;
use crate::kpi::core::day_table::{CUR, LY};
use crate::kpi::core::sum::Sum;
use crate::kpi::sales::totals::{Line, Sizes, TotalsAcc};
use crate::kpi::sales::walk::RepSales;
use crate::table::MISSING_CODE;

pub(super) struct LineSums {
    pub z: Sizes,
    /// Totals of the periods CUR, PREV, PREV2, LY and LY_PREV (bit order).
    pub acc: [TotalsAcc; 5],
    pub by_month: Monthly,
    pub margin_by_month: Monthly,
    pub last_year_by_month: Monthly,
    /// Customer × month activity over the period's months, from `m0`.
    pub grid: Option<Vec<bool>>,
    pub m0: i32,
    rep_seen: Vec<bool>,
    rep_revenue: Vec<Sum>,
    rep_margin: Vec<Sum>,
    rep_orders: Vec<f64>,
    /// The rep of each order's first line in the period, to count it once.
    order_rep: Vec<u32>,
    pub campaign_revenue: Vec<Sum>,
}

impl LineSums {
    /// `z.orders` 0 when each line is a whole order; months `m0..=m1` of the period.
    pub fn new(z: Sizes, m0: i32, m1: i32, grid: Option<Vec<bool>>, campaigns: usize) -> Self {
        LineSums {
            z,
            acc: Default::default(),
            by_month: Monthly::span(m0, m1),
            margin_by_month: Monthly::span(m0, m1),
            last_year_by_month: Monthly::span(m0 - 12, m1 - 12),
            grid,
            m0,
            rep_seen: vec![false; z.reps],
            rep_revenue: vec![Sum::default(); z.reps],
            rep_margin: vec![Sum::default(); z.reps],
            rep_orders: vec![0.0; z.reps],
            order_rep: vec![MISSING_CODE; if z.reps > 0 { z.orders } else { 0 }],
            campaign_revenue: vec![Sum::default(); campaigns],
        }
    }

    /// Adds a line in the periods `in_periods` (bits), of month `month`.
    #[inline(always)]
    pub fn add(&mut self, in_periods: u8, month: i32, line: &Line, campaign: u32) {
        let z = self.z;
        // The periods the line is in, one bit at a time.
        let mut todo = in_periods;
        while todo != 0 {
            if let Some(a_k) = self.acc.get_mut(todo.trailing_zeros() as usize) {
                a_k.add(z, line);
            }
            todo &= todo - 1;
        }
        if in_periods & CUR != 0 {
            self.by_month.add_addend(month, line.a);
            if let Some(m) = line.m {
                self.margin_by_month.add_addend(month, m);
            }
            let r = line.rep as usize;
            if r < z.reps {
                self.rep_seen[r] = true;
                self.rep_revenue[r].add_addend(line.a);
                if let Some(m) = line.m {
                    self.rep_margin[r].add_addend(m);
                }
                if let Some(first) = self.order_rep.get_mut(line.order as usize) {
                    // A select, not a branch: first and later lines of
                    // orders alternate without a pattern to predict.
                    *first = if *first == MISSING_CODE {
                        line.rep
                    } else {
                        *first
                    };
                } else {
                    // A line without an order id (or a whole order, or
                    // an aggregated row) counts its own orders.
                    self.rep_orders[r] += f64::from(line.orders);
                }
            }
            if let Some(x) = self.campaign_revenue.get_mut(campaign as usize) {
                x.add_addend(line.a);
            }
            if let Some(cells) = self.grid.as_mut() {
                let c = line.cust as usize;
                let i = (month - self.m0) as usize * z.customers + c;
                if c < z.customers {
                    if let Some(cell) = cells.get_mut(i) {
                        *cell = true;
                    }
                }
            }
        }
        if in_periods & LY != 0 {
            self.last_year_by_month.add_addend(month, line.a);
        }
    }

    /// The reps' sums over the period, given each order's net total in it
    /// (empty when lines were whole orders).
    pub fn rep_sales(&mut self, order_net: impl Fn(usize) -> f64) -> RepSales {
        for (o, &r) in self.order_rep.iter().enumerate() {
            if r != MISSING_CODE && order_net(o) > 0.0 {
                self.rep_orders[r as usize] += 1.0;
            }
        }
        let values = |sums: &[Sum]| sums.iter().map(Sum::value).collect();
        RepSales {
            seen: std::mem::take(&mut self.rep_seen),
            revenue: values(&self.rep_revenue),
            margin: values(&self.rep_margin),
            orders: std::mem::take(&mut self.rep_orders),
        }
    }
}
