//! One walk over the sales per report: every sum, count and mark that the
//! revenue, customer, team and campaign KPIs need, for all the periods at
//! once. Each order is read once — whole, as prepared with the tables, when
//! its lines share a day, customer, rep and campaign; else each row, in
//! table order (memory read front to back) — instead of once per KPI and
//! per comparison period.

use crate::kpi::core::breakdown::{Grouped, Monthly};
use crate::kpi::core::day_table::{DayTable, CUR, LY, LY_PREV, PREV, PREV2};
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::period::{month_index, Period};
use crate::kpi::core::sum::{fits, Addend, Addends, Sum};
use crate::kpi::core::view::{filled, row_codes, Attr};
use crate::kpi::model::{Keyed, Model};
pub use crate::kpi::prepared::history::History;
use crate::kpi::prepared::history::{rep_first_sale_of_orders, rep_first_sale_of_rows};
use crate::kpi::prepared::orders::{Order, SalesOrders};
use crate::kpi::prepared::sales::{lone_orders, Sales};
use crate::kpi::sales::line_sums::LineSums;
use crate::kpi::sales::totals::Periods;
use crate::kpi::sales::totals::{Line, Sizes};
use crate::parse::date::Days;
use crate::schema::Field;
use crate::table::{MISSING_CODE, MISSING_DAY};
use std::borrow::Cow;

/// Most cells the customer × month activity grid may hold (cohorts are skipped beyond).
const MAX_GRID: usize = 64 << 20;

/// The revenue breakdowns by dimension (`model.attr`: own column or through a join).
pub const DIMENSIONS: [(BreakdownId, Field); 5] = [
    (BreakdownId::RevenueByRep, Field::Rep),
    (BreakdownId::RevenueByRegion, Field::Region),
    (BreakdownId::RevenueBySector, Field::Sector),
    (BreakdownId::RevenueByChannel, Field::Channel),
    (BreakdownId::RevenueByProduct, Field::Product),
];

/// Which customers had a line in which month of the period.
pub struct Grid {
    /// Month index of row 0 (the period's first month).
    pub first_month: i32,
    pub months: usize,
    pub customers: usize,
    cells: Vec<bool>,
}

impl Grid {
    pub fn active(&self, month: usize, customer: usize) -> bool {
        self.cells
            .get(month * self.customers + customer)
            .copied()
            .unwrap_or(false)
    }
}

/// Per rep code, over the period.
pub struct RepSales {
    pub seen: Vec<bool>,
    pub revenue: Vec<f64>,
    pub margin: Vec<f64>,
    /// Orders with a positive net total, each counted for the rep of its first line.
    pub orders: Vec<f64>,
}

/// Everything the walk gathered.
pub struct SalesWalk<'m> {
    pub periods: Periods,
    pub by_month: Monthly,
    pub margin_by_month: Monthly,
    pub last_year_by_month: Monthly,
    /// Revenue per dimension code over the period (`DIMENSIONS` that exist).
    pub dims: Vec<(BreakdownId, Attr<'m>, Grouped)>,
    /// Revenue per customer over the period, and the revenue of the rows
    /// without a customer.
    pub by_customer: Option<(Grouped, Sum)>,
    /// The customers' purchases over every row, whatever the filters.
    pub history: Option<Cow<'m, History>>,
    /// The orders the filters keep, each with the sums of the lines they
    /// keep, when the sales were read as whole orders.
    pub kept_orders: Option<Cow<'m, [Order]>>,
    pub grid: Option<Grid>,
    pub reps: Option<RepSales>,
    /// Per rep code: the day of the first sale, whatever the period (`Days::MAX`: none).
    pub rep_first_sale: Vec<Days>,
    /// Revenue per campaign code of the sales table over the period.
    pub campaign: Option<(Attr<'m>, Vec<f64>)>,
}

impl<'m> SalesWalk<'m> {
    /// Walks the kept sales rows (filters, a date, an amount) once for `p`.
    pub fn new(model: &'m Model<'m>, s: &Sales<'m>, p: Period) -> Self {
        let (m0, m1) = (month_index(p.from), month_index(p.to));
        let periods = [
            (CUR, p),
            (PREV, p.previous()),
            (PREV2, p.previous().previous()),
            (LY, p.last_year()),
            (LY_PREV, p.last_year().previous()),
        ];
        let table = DayTable::new(&periods);
        let z = Sizes {
            // One line per order id: each line counts as its order, as a
            // line without one does (same counts, no running total per
            // order code, sized to a million of them on such an export).
            orders: match &s.order {
                Some(o) if !s.one_line_orders() => o.distinct(),
                _ => 0,
            },
            customers: s.customer.as_ref().map_or(0, Attr::distinct),
            reps: s.rep.as_ref().map_or(0, Attr::distinct),
        };
        // Fields found through a join (a rep's region) are summed per key
        // and carried over to their names after the walk.
        let dims: Vec<(BreakdownId, Keyed<'m>)> = DIMENSIONS
            .iter()
            .filter_map(|&(id, field)| Some((id, model.keyed(s.fact, field)?)))
            .collect();
        let months = (m1 - m0 + 1) as usize;
        let grid = (s.customer.is_some() && months.saturating_mul(z.customers) <= MAX_GRID)
            .then(|| vec![false; months * z.customers]);
        let campaign = s.fact.view.attr(Field::Campaign);
        let campaigns = campaign.as_ref().map_or(0, Attr::distinct);

        let n = s.rows();
        // Whole orders, those a filter keeps: no running total per order code.
        let mask = s.fact.mask.as_deref();
        let whole = s.orders().and_then(|o| Some((o, o.kept_by(s, mask)?)));
        // Whatever the period: prepared with the tables when no filter is
        // set, else from the orders the filter keeps or from its rows.
        let reps = s.rep.as_ref().map_or(0, Attr::distinct);
        let rep_first_sale = match (s.rep_first_sale(), &whole) {
            (Some(first), _) => first.to_vec(),
            (None, Some((_, kept))) => rep_first_sale_of_orders(kept, reps),
            (None, None) => rep_first_sale_of_rows(s),
        };
        let mut kept_orders = None;
        let (sums, bits, amounts) = match whole {
            Some((prepared, kept)) => {
                let z = Sizes { orders: 0, ..z };
                let mut sums = LineSums::new(z, m0, m1, grid, campaigns);
                let every_row_in_cur = walk_orders(prepared, &kept, &table, &mut sums)
                    && mask.is_none()
                    && prepared.rows == n;
                let bits = (!every_row_in_cur).then(|| row_bits(s, &table));
                kept_orders = Some(kept);
                let amounts = s.micros()[0].map(|m| Addends::from_micros(Cow::Borrowed(m)));
                (
                    sums,
                    bits,
                    amounts.unwrap_or_else(|| Addends::new(s.amounts())),
                )
            }
            None => {
                let sums = LineSums::new(z, m0, m1, grid, campaigns);
                walk_rows(s, campaign.as_ref(), &table, sums)
            }
        };

        let by_code = |codes: &[u32], distinct: usize| {
            let mut g = Grouped::new(distinct);
            match (&amounts, &bits) {
                // Every row in the period (the whole span, no filter): no bits to read.
                (Addends::Micros(m), None) => g.add_every(codes, m),
                (_, Some(bits)) => g.add_column(codes, bits, CUR, &amounts),
                // Float amounts of rows all in the period: every row's bit set.
                (_, None) => g.add_column(codes, &vec![CUR; n], CUR, &amounts),
            }
            g
        };
        let dim_sums: Vec<Grouped> = dims
            .iter()
            .map(|(_, k)| by_code(&k.rows.codes, k.rows.distinct()))
            .collect();
        // Revenue per customer, and of the rows without one (shown beside
        // the top customers, whose shares are of the whole revenue).
        let by_customer = s.customer.as_ref().map(|c| {
            let mut g = by_code(&row_codes(Some(c), n), c.distinct());
            let unknown = g.forget_missing();
            (g, unknown)
        });

        let mut sums = sums;
        let has_rep = s.rep.is_some();
        let acc = std::mem::take(&mut sums.acc);
        let [(cur, cur_orders), prev, prev2, ly, ly_prev] = acc.map(|a| a.finish(sums.z, has_rep));
        let [prev, prev2, ly, ly_prev] = [prev, prev2, ly, ly_prev].map(|(t, _)| t);
        let reps = sums.rep_sales(|o| cur_orders.get(o).map_or(0.0, |o| o.net));
        // Over every row: prepared with the tables, else found here.
        let history = match s.customer_history() {
            Some(h) => Some(Cow::Borrowed(h)),
            None => History::of(s, None).map(Cow::Owned),
        };
        SalesWalk {
            periods: Periods {
                cur,
                prev,
                prev2,
                ly,
                ly_prev,
            },
            by_month: sums.by_month,
            margin_by_month: sums.margin_by_month,
            last_year_by_month: sums.last_year_by_month,
            dims: dims
                .into_iter()
                .zip(dim_sums)
                .map(|((id, k), g)| {
                    let by_name = g.rolled_up(&k.to_name, k.names.distinct());
                    (id, k.names, by_name)
                })
                .collect(),
            by_customer,
            history,
            kept_orders,
            grid: sums.grid.map(|cells| Grid {
                first_month: m0,
                months,
                customers: z.customers,
                cells,
            }),
            reps: has_rep.then_some(reps),
            rep_first_sale,
            campaign: campaign.map(|c| (c, sums.campaign_revenue.iter().map(Sum::value).collect())),
        }
    }
}

/// Adds whole orders (of `prepared`: those a filter keeps); whether every
/// one is in the period.
fn walk_orders(
    prepared: &SalesOrders,
    orders: &[Order],
    table: &DayTable,
    sums: &mut LineSums,
) -> bool {
    let mut in_cur = 0;
    for o in orders {
        let (in_periods, month) = table.info(o.day);
        if in_periods == 0 {
            continue;
        }
        in_cur += usize::from(in_periods & CUR != 0);
        let line = Line {
            amount: o.net,
            a: Addend::from_micros(o.micros[0]),
            m: prepared
                .has_margin
                .then(|| Addend::from_micros(o.micros[1])),
            q: prepared.has_units.then(|| Addend::from_micros(o.micros[2])),
            rep: o.rep,
            cust: o.customer,
            order: MISSING_CODE,
            orders: u32::from(o.net > 0.0),
        };
        sums.add(in_periods, month, &line, o.campaign);
    }
    in_cur == orders.len()
}

/// Each row's period bits (0 for rows a filter drops or without a date
/// or an amount).
fn row_bits(s: &Sales, table: &DayTable) -> Vec<u8> {
    let n = s.rows();
    let (days, amounts) = (&s.days[..n], &s.amounts()[..n]);
    let mask = filled(s.fact.mask.as_deref().unwrap_or(&[]), n, true);
    days.iter()
        .zip(amounts)
        .zip(mask.iter())
        .map(|((&d, a), &keep)| {
            if d == MISSING_DAY || a.is_nan() || !keep {
                0
            } else {
                table.info(d).0
            }
        })
        .collect()
}

/// Row `row`'s addend: its millionths computed ahead when there are, else
/// `x`. A function, not closures: in the Wasm, built for size, they stayed
/// calls, three per row (a third of the walk's time).
#[inline(always)]
fn addend(micros: Option<&[i64]>, row: usize, x: f64, fits: bool) -> Addend {
    match micros {
        Some(micros) => Addend::from_micros(micros[row]),
        None => Addend::of(x, fits),
    }
}

/// Adds every kept row (filters, a date, an amount); each row's period
/// bits (`None` when every row is in the period), and the amounts the
/// breakdowns by dimension add.
fn walk_rows<'s>(
    s: &'s Sales,
    campaign: Option<&Attr>,
    table: &DayTable,
    mut sums: LineSums,
) -> (LineSums, Option<Vec<u8>>, Addends<'s>) {
    // Every column as a slice of exactly the table's rows (absent ones
    // filled): indexed by the row, the loop below runs without a bounds
    // check or an `Option` per read, which cost as much as its work.
    let n = s.rows();
    let (cust_codes, order_codes, rep_codes, campaign_codes) = (
        row_codes(s.customer.as_ref(), n),
        row_codes(s.order.as_ref(), n),
        row_codes(s.rep.as_ref(), n),
        row_codes(campaign, n),
    );
    let (cust_codes, order_codes, rep_codes, campaign_codes) = (
        &cust_codes[..n],
        &order_codes[..n],
        &rep_codes[..n],
        &campaign_codes[..n],
    );
    let margins = filled(s.margins().unwrap_or(&[]), n, f64::NAN);
    let quantities = filled(s.quantities().unwrap_or(&[]), n, f64::NAN);
    let (days, amounts, margins, quantities) = (
        &s.days[..n],
        &s.amounts()[..n],
        &margins[..n],
        &quantities[..n],
    );
    let mask = s.fact.mask.as_deref().map(|m| filled(m, n, false));
    let mask = mask.as_deref();
    let counts = s.order_counts().map(|c| filled(c, n, f64::NAN));
    let counts = counts.as_deref();
    // The period bits of each row, for the breakdowns by dimension that
    // run after this loop, each in a narrow loop of its own: inside this
    // one they took a third of its time.
    let mut bits = vec![0u8; n];
    // Amounts, margins and quantities in millionths: prepared with the
    // tables, else converted here once per row (the amounts then kept for
    // the breakdowns by dimension).
    let [prepared_micros, margin_micros, units_micros] =
        s.micros().map(|m| m.filter(|m| m.len() == n));
    let a_fits = prepared_micros.is_some() || fits(amounts);
    let m_fits = margin_micros.is_none() && fits(margins);
    let q_fits = units_micros.is_none() && fits(quantities);
    let mut cur_micros = vec![
        0i64;
        if a_fits && prepared_micros.is_none() {
            n
        } else {
            0
        }
    ];
    let mut cur_rows = 0;
    for row in 0..n {
        let (d, a) = (days[row], amounts[row]);
        if d == MISSING_DAY || a.is_nan() || mask.is_some_and(|m| !m[row]) {
            continue;
        }
        let (in_periods, month) = table.info(d);
        bits[row] = in_periods;
        if in_periods == 0 {
            continue;
        }
        let (m, q) = (margins[row], quantities[row]);
        let line = Line {
            amount: a,
            a: addend(prepared_micros, row, a, a_fits),
            m: if m.is_nan() {
                None
            } else {
                Some(addend(margin_micros, row, m, m_fits))
            },
            q: if q.is_nan() {
                None
            } else {
                Some(addend(units_micros, row, q, q_fits))
            },
            rep: rep_codes[row],
            cust: cust_codes[row],
            order: order_codes[row],
            orders: lone_orders(counts, row, a),
        };
        if in_periods & CUR != 0 {
            cur_rows += 1;
            if let Some(x) = cur_micros.get_mut(row) {
                *x = line.a.micros();
            }
        }
        sums.add(in_periods, month, &line, campaign_codes[row]);
    }
    let amounts = match prepared_micros {
        // Every row's: the breakdowns read the period's rows by their bits.
        Some(m) => Addends::from_micros(Cow::Borrowed(m)),
        None if a_fits => Addends::from_micros(Cow::Owned(cur_micros)),
        None => Addends::new(s.amounts()),
    };
    let bits = (cur_rows != n).then_some(bits);
    (sums, bits, amounts)
}
