//! What is known of each customer and rep over the sales table, whatever
//! the period: each customer's purchases over every row (no filter: a
//! customer is new, or lost, once for the whole company, and a filter only
//! picks whose), the table's last date, each rep's first sale. Prepared
//! once with the tables; the reps' first sales are found again per report
//! under a filter.

use super::orders::{Order, SalesOrders};
use super::sales::{lone_orders, Sales};
use crate::kpi::core::sum::Sum;
use crate::kpi::core::view::{filled, row_codes, Attr};
use crate::parse::date::Days;
use crate::table::{MISSING_CODE, MISSING_DAY};

/// A day a customer made a purchase, with the first line of its last
/// purchase that day (file order): the one a loss that day W later follows,
/// whose line a filter must keep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PurchaseDay {
    pub day: Days,
    pub row: u32,
}

/// Each customer's purchases over every row of the sales table. A purchase
/// is an order (a line without an order id is one of its own) whose net
/// over all its lines with a date and an amount is positive; its day,
/// customer and first line are those of its earliest line (on a tie, the
/// first in the file).
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    /// Per customer: the day of its first purchase (`Days::MAX`: none), the
    /// row of that order's first line and the order's net.
    pub first_day: Vec<Days>,
    pub first_row: Vec<u32>,
    pub first_value: Vec<f64>,
    /// Customer `c`'s purchase days are `days[bounds[c]..bounds[c + 1]]`, ascending.
    bounds: Vec<u32>,
    days: Vec<PurchaseDay>,
    /// The sales table's last date (of any row with one): a loss after it
    /// is not known yet.
    pub last_day: Days,
    /// Per customer: some line (a date, an amount) is not a sale (zero or
    /// less). The others' lines in a period holding a purchase's first
    /// line always net to more than zero.
    pub returns: Vec<bool>,
}

impl History {
    pub fn customers(&self) -> usize {
        self.first_day.len()
    }

    /// Customer `c`'s purchase days, ascending.
    pub fn days_of(&self, c: usize) -> &[PurchaseDay] {
        match (self.bounds.get(c), self.bounds.get(c + 1)) {
            (Some(&a), Some(&b)) => &self.days[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Over every row with a date and an amount, whatever the filters:
    /// from the orders prepared with the tables when there are (every
    /// line of one shares its day and customer), else row by row. `None`
    /// without a customer column.
    pub fn of(s: &Sales, orders: Option<&SalesOrders>) -> Option<History> {
        Self::built(s, orders, None)
    }

    /// The same, with the per-day table (`dense`) or the sort, else the
    /// one that fits.
    fn built(s: &Sales, orders: Option<&SalesOrders>, dense: Option<bool>) -> Option<History> {
        let customers = s.customer.as_ref()?.distinct();
        let ((lo, hi), returns) = span_and_returns(s, customers);
        let mut h = History {
            first_day: vec![Days::MAX; customers],
            first_row: vec![u32::MAX; customers],
            first_value: vec![f64::NAN; customers],
            bounds: Vec::with_capacity(customers + 1),
            days: Vec::new(),
            last_day: hi,
            returns,
        };
        match orders {
            Some(o) => {
                let bought = || {
                    o.orders
                        .iter()
                        .zip(&o.first_rows)
                        .enumerate()
                        .filter(|(_, (x, _))| x.micros[0] > 0)
                        .map(|(i, (x, &row))| Bought {
                            customer: x.customer,
                            day: x.day,
                            row,
                            net: i as u32,
                        })
                };
                let net = |i: u32| {
                    let mut net = Sum::default();
                    net.add_micros(o.orders[i as usize].micros[0]);
                    net.value()
                };
                h.group(bought, o.len(), (lo, hi), net, dense);
            }
            // Each line its own order: its purchases are its lines, in
            // file order, without a running total per order.
            None if s.one_line_orders() => {
                let line = line_net(s);
                let net = |row: u32| line(row as usize);
                let rows = purchase_lines(s, &line);
                let cust = row_codes(s.customer.as_ref(), s.rows());
                let (cust, days) = (&cust[..], &s.days[..]);
                let span = (hi as i64 - lo as i64 + 1).max(0) as usize;
                let dense = dense.unwrap_or(dense_fits(customers, span, rows.len()));
                let placed = if dense {
                    None
                } else {
                    by_customer_and_day(&rows, cust, days, customers, lo, span)
                };
                match placed {
                    Some(placed) => h.group_placed(&placed, days, net),
                    // The per-day table, or over many more days than
                    // purchases, the sort.
                    None => {
                        let bought = || {
                            rows.iter().map(|&row| Bought {
                                customer: cust[row as usize],
                                day: days[row as usize],
                                row,
                                net: row,
                            })
                        };
                        h.group(bought, rows.len(), (lo, hi), net, Some(dense));
                    }
                }
            }
            None => {
                let (bought, nets) = purchases_of_rows(s);
                let net = |i: u32| nets[i as usize];
                h.group(
                    || bought.iter().copied(),
                    bought.len(),
                    (lo, hi),
                    net,
                    dense,
                );
            }
        }
        Some(h)
    }

    /// Fills in each customer's purchases from `bought` (in any order, at
    /// most `count`, their days within `days`); `net`: a purchase's net
    /// from its `net` index.
    fn group<I: Iterator<Item = Bought>>(
        &mut self,
        bought: impl Fn() -> I,
        count: usize,
        days: (Days, Days),
        net: impl Fn(u32) -> f64,
        dense: Option<bool>,
    ) {
        let customers = self.customers();
        // The first purchase of each: the earliest, on a tie the first row.
        let mut first = vec![(Days::MAX, u32::MAX, 0u32); customers];
        let span = (days.1 as i64 - days.0 as i64 + 1).max(0) as usize;
        let cells = customers.saturating_mul(span);
        if dense.unwrap_or(dense_fits(customers, span, count)) {
            // A customer × day table of the row of that day's last
            // purchase (+ 1; 0: none), read in order: no sort.
            let mut last = vec![0u32; cells];
            for p in bought() {
                let c = p.customer as usize;
                let Some(f) = first.get_mut(c) else { continue };
                if (p.day, p.row) < (f.0, f.1) {
                    *f = (p.day, p.row, p.net);
                }
                let cell = &mut last[c * span + (p.day - days.0) as usize];
                *cell = (*cell).max(p.row + 1);
            }
            for per_day in last.chunks_exact(span.max(1)).take(customers) {
                self.bounds.push(self.days.len() as u32);
                for (d, &row) in per_day.iter().enumerate().filter(|(_, &r)| r != 0) {
                    let day = days.0 + d as Days;
                    self.days.push(PurchaseDay { day, row: row - 1 });
                }
            }
        } else {
            // Few purchases over many days and customers: sorted.
            let all = by_customer(bought, customers);
            let mut rest = &all[..];
            for (c, f) in first.iter_mut().enumerate() {
                self.bounds.push(self.days.len() as u32);
                let n = rest.iter().take_while(|p| p.customer as usize == c).count();
                let (own, later) = rest.split_at(n);
                rest = later;
                if let Some(p) = own.first() {
                    *f = (p.day, p.row, p.net);
                }
                let from = self.days.len();
                for p in own {
                    let started = self.days.len() > from;
                    match self.days.last_mut() {
                        // Later on the same day: that day's last purchase.
                        Some(last) if started && last.day == p.day => last.row = p.row,
                        _ => self.days.push(PurchaseDay {
                            day: p.day,
                            row: p.row,
                        }),
                    }
                }
            }
        }
        self.bounds.resize(customers + 1, self.days.len() as u32);
        for (c, &(day, row, i)) in first.iter().enumerate().filter(|(_, f)| f.0 != Days::MAX) {
            (self.first_day[c], self.first_row[c]) = (day, row);
            self.first_value[c] = net(i);
        }
    }
}

impl History {
    /// Fills in each customer's purchases from their rows placed by
    /// customer, day and row ([`by_customer_and_day`]); `net`: a
    /// purchase's net from its row.
    fn group_placed(&mut self, placed: &Placed, days: &[Days], net: impl Fn(u32) -> f64) {
        let customers = self.customers();
        // Slices written in place (see `purchase_lines`): at most one
        // purchase day per row.
        let unset = PurchaseDay { day: 0, row: 0 };
        let mut out = vec![unset; placed.rows.len()];
        let (starts, rows, out_days) = (&placed.starts[..], &placed.rows[..], &mut out[..]);
        let (first_day, first_row) = (&mut self.first_day[..], &mut self.first_row[..]);
        let mut n = 0;
        for c in 0..customers {
            self.bounds.push(n as u32);
            let run = &rows[starts[c] as usize..starts[c + 1] as usize];
            let Some(&first) = run.first() else { continue };
            let day = days[first as usize];
            (first_day[c], first_row[c]) = (day, first);
            self.first_value[c] = net(first);
            let mut last = PurchaseDay { day, row: first };
            for &row in &run[1..] {
                let day = days[row as usize];
                // Later on the same day: that day's last purchase.
                if day != last.day {
                    out_days[n] = last;
                    n += 1;
                }
                last = PurchaseDay { day, row };
            }
            out_days[n] = last;
            n += 1;
        }
        out.truncate(n);
        self.days = out;
        self.bounds.push(n as u32);
    }
}

/// Whether a customer × day table of `customers` × `span` cells stays
/// within a few times the memory of `count` purchases.
fn dense_fits(customers: usize, span: usize, count: usize) -> bool {
    customers.saturating_mul(span) <= (4 * count).max(1 << 16)
}

/// Purchase rows placed by customer, then day, then row: customer `c`'s
/// are `rows[starts[c]..starts[c + 1]]`.
struct Placed {
    starts: Vec<u32>,
    rows: Vec<u32>,
}

/// The purchase `rows` (ascending) placed by day, then by customer, each
/// placing keeping the order before it: [`by_customer`]'s order without
/// comparing, in plain loops. `None` over many more days than purchases.
fn by_customer_and_day(
    rows: &[u32],
    cust: &[u32],
    days: &[Days],
    customers: usize,
    first_day: Days,
    span: usize,
) -> Option<Placed> {
    if span > rows.len().max(1 << 12) {
        return None;
    }
    // Indexed as slices, not Vecs (see `purchase_lines`).
    let mut next = vec![0u32; span + 1];
    let next = &mut next[..];
    for &row in rows {
        next[(days[row as usize] - first_day) as usize + 1] += 1;
    }
    for d in 1..next.len() {
        next[d] += next[d - 1];
    }
    let mut by_day = vec![0u32; rows.len()];
    let by_day = &mut by_day[..];
    for &row in rows {
        let slot = &mut next[(days[row as usize] - first_day) as usize];
        by_day[*slot as usize] = row;
        *slot += 1;
    }
    let mut next = vec![0u32; customers + 1];
    let next = &mut next[..];
    for &row in &*by_day {
        next[cust[row as usize] as usize + 1] += 1;
    }
    for c in 1..next.len() {
        next[c] += next[c - 1];
    }
    let starts = next.to_vec();
    let mut placed = vec![0u32; rows.len()];
    let into = &mut placed[..];
    for &row in &*by_day {
        let slot = &mut next[cust[row as usize] as usize];
        into[*slot as usize] = row;
        *slot += 1;
    }
    Some(Placed {
        starts,
        rows: placed,
    })
}

/// The purchases of customers below `customers`, sorted by customer, day
/// and row: counted per customer and placed in their customer's run, then
/// each run sorted (tens of purchases each) — a million purchases in a few
/// milliseconds where one sort of them all took tens.
fn by_customer<I: Iterator<Item = Bought>>(
    bought: impl Fn() -> I,
    customers: usize,
) -> Vec<Bought> {
    let kept = || bought().filter(|p| (p.customer as usize) < customers);
    // Where each customer's run starts (then, while placing: its next slot).
    let mut next = vec![0u32; customers + 1];
    for p in kept() {
        next[p.customer as usize + 1] += 1;
    }
    for c in 1..next.len() {
        next[c] += next[c - 1];
    }
    let starts = next.clone();
    let unset = Bought {
        customer: 0,
        day: 0,
        row: 0,
        net: 0,
    };
    let mut all = vec![unset; next[customers] as usize];
    for p in kept() {
        let slot = &mut next[p.customer as usize];
        all[*slot as usize] = p;
        *slot += 1;
    }
    for run in starts.windows(2) {
        all[run[0] as usize..run[1] as usize].sort_unstable_by_key(|p| (p.day, p.row));
    }
    all
}

/// The first and last dates of the table (rows with one), and per
/// customer whether some line with a date and an amount is zero or less
/// (in millionths when they are prepared, as nets are compared): one pass.
fn span_and_returns(s: &Sales, customers: usize) -> ((Days, Days), Vec<bool>) {
    let n = s.rows();
    let cust = row_codes(s.customer.as_ref(), n);
    let micros = s.micros()[0].filter(|m| m.len() == n);
    let (cust, days, amounts) = (&cust[..n], &s.days[..n], &s.amounts()[..n]);
    let (mut lo, mut hi) = (Days::MAX, Days::MIN);
    let mut returns = vec![false; customers];
    for row in 0..n {
        let d = days[row];
        if d == MISSING_DAY {
            continue;
        }
        (lo, hi) = (lo.min(d), hi.max(d));
        let a = amounts[row];
        let sale = match micros {
            Some(m) => m[row] > 0,
            None => a > 0.0,
        };
        if !sale && !a.is_nan() {
            if let Some(r) = returns.get_mut(cust[row] as usize) {
                *r = true;
            }
        }
    }
    ((lo, hi), returns)
}

/// A purchase as found: its customer, day, first line's row, and where
/// its net is.
#[derive(Clone, Copy)]
struct Bought {
    customer: u32,
    day: Days,
    row: u32,
    net: u32,
}

/// A line's net: its amount, exact in millionths when prepared — what a
/// line that is its own order is worth as a purchase.
fn line_net<'s>(s: &'s Sales) -> impl Fn(usize) -> f64 + 's {
    let n = s.rows();
    let amounts = &s.amounts()[..n];
    let micros = s.micros()[0].filter(|m| m.len() == n);
    move |row| {
        let mut net = Sum::default();
        match micros {
            Some(m) => net.add_micros(m[row]),
            None => net.add(amounts[row]),
        }
        net.value()
    }
}

/// The rows that are purchases when no order id is on two lines, in file
/// order: each line with a customer, a date and an amount is an order of
/// its own, as [`purchases_of_rows`] finds it with a total per order.
fn purchase_lines(s: &Sales, net: &impl Fn(usize) -> f64) -> Vec<u32> {
    let n = s.rows();
    let customers = s.customer.as_ref().map_or(0, Attr::distinct);
    let cust = row_codes(s.customer.as_ref(), n);
    let (cust, days, amounts) = (&cust[..n], &s.days[..n], &s.amounts()[..n]);
    let micros = s.micros()[0].filter(|m| m.len() == n);
    let counts = s.order_counts();
    // Written in place, not pushed: the Wasm, built for size, calls a
    // function per push (and per index into a Vec rather than a slice).
    let mut rows = vec![0u32; n];
    let mut kept = 0;
    for row in 0..n {
        if cust[row] as usize >= customers || days[row] == MISSING_DAY || amounts[row].is_nan() {
            continue;
        }
        let bought = match (counts, micros) {
            // A net in millionths is positive when they are, without a division.
            (None, Some(m)) => m[row] > 0,
            _ => lone_orders(counts, row, net(row)) > 0,
        };
        if bought {
            rows[kept] = row as u32;
            kept += 1;
        }
    }
    rows.truncate(kept);
    rows
}

/// The purchases row by row, and their nets: each order's lines summed,
/// whatever their date; its earliest line gives its day, customer and
/// first line.
fn purchases_of_rows(s: &Sales) -> (Vec<Bought>, Vec<f64>) {
    let n = s.rows();
    let cust = row_codes(s.customer.as_ref(), n);
    let order_codes = row_codes(s.order.as_ref(), n);
    let orders = s.order.as_ref().map_or(0, Attr::distinct);
    let (cust, order_codes) = (&cust[..n], &order_codes[..n]);
    let (days, amounts) = (&s.days[..n], &s.amounts()[..n]);
    let micros = s.micros()[0].filter(|m| m.len() == n);
    // Exact nets: a sale and its cancellation make 0, not 1e-13.
    let add = |total: &mut Sum, row: usize| match micros {
        Some(m) => total.add_micros(m[row]),
        None => total.add(amounts[row]),
    };
    let mut net = vec![Sum::default(); orders];
    // Each order's earliest line: (day, row).
    let mut first = vec![(Days::MAX, u32::MAX); orders];
    let (mut bought, mut nets) = (Vec::new(), Vec::new());
    let counts = s.order_counts();
    let mut push = |customer: u32, day: Days, row: u32, value: f64, is_purchase: bool| {
        if is_purchase && customer != MISSING_CODE {
            bought.push(Bought {
                customer,
                day,
                row,
                net: nets.len() as u32,
            });
            nets.push(value);
        }
    };
    for row in 0..n {
        let d = days[row];
        if d == MISSING_DAY || amounts[row].is_nan() {
            continue;
        }
        let o = order_codes[row] as usize;
        if let (Some(total), Some(f)) = (net.get_mut(o), first.get_mut(o)) {
            add(total, row);
            *f = (*f).min((d, row as u32));
        } else {
            // A line without an order id: an order of its own; a row of
            // an aggregated extract: a purchase when it holds an order.
            let mut total = Sum::default();
            add(&mut total, row);
            let value = total.value();
            let bought = lone_orders(counts, row, value) > 0;
            push(cust[row], d, row as u32, value, bought);
        }
    }
    for (total, &(d, row)) in net.iter().zip(&first) {
        let c = cust.get(row as usize).copied().unwrap_or(MISSING_CODE);
        let value = total.value();
        push(c, d, row, value, value > 0.0);
    }
    (bought, nets)
}

/// Per rep code, the day of its first sale over whole orders (those a
/// filter keeps).
pub fn rep_first_sale_of_orders(orders: &[Order], reps: usize) -> Vec<Days> {
    let mut first = vec![Days::MAX; reps];
    for o in orders {
        if let Some(f) = first.get_mut(o.rep as usize) {
            *f = (*f).min(o.day);
        }
    }
    first
}

/// Per rep code, the day of its first sale over the kept rows (filters, a
/// date, an amount).
pub fn rep_first_sale_of_rows(s: &Sales) -> Vec<Days> {
    let n = s.rows();
    let reps = s.rep.as_ref().map_or(0, Attr::distinct);
    let rep_codes = row_codes(s.rep.as_ref(), n);
    let (rep_codes, days, amounts) = (&rep_codes[..n], &s.days[..n], &s.amounts()[..n]);
    let mask = s.fact.mask.as_deref().map(|m| filled(m, n, false));
    let mask = mask.as_deref();
    let mut first = vec![Days::MAX; reps];
    for row in 0..n {
        let (d, a) = (days[row], amounts[row]);
        if d == MISSING_DAY || a.is_nan() || mask.is_some_and(|m| !m[row]) {
            continue;
        }
        if let Some(f) = first.get_mut(rep_codes[row] as usize) {
            *f = (*f).min(d);
        }
    }
    first
}

/// The customers' purchases (every row) and the reps' first sales (every
/// row), prepared with the tables.
pub struct SalesHistory {
    pub customers: Option<History>,
    pub rep_first_sale: Vec<Days>,
}

#[cfg(test)]
mod tests {
    use super::super::Prepared;
    use super::*;
    use crate::kpi::model::{Filters, Model, Workspace};
    use crate::{read, Options};

    /// The purchases placed per customer then sorted per customer come in
    /// the order of one sort of them all, customers out of range left out.
    #[test]
    fn placing_by_customer_sorts_as_one_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |below: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as u32
        };
        for (customers, count) in [(0, 0), (1, 5), (7, 300), (500, 20_000), (20_000, 3_000)] {
            let bought: Vec<Bought> = (0..count)
                .map(|i: u32| Bought {
                    // A few beyond the range: not kept.
                    customer: next(customers as u32 + 2),
                    day: next(40) as Days - 10,
                    // Rows distinct, as purchases' first lines are, in
                    // no order (an odd factor maps u32s one to one).
                    row: i.wrapping_mul(0x9E37_79B1),
                    net: i,
                })
                .collect();
            let mut one_sort: Vec<Bought> = bought
                .iter()
                .copied()
                .filter(|p| (p.customer as usize) < customers)
                .collect();
            one_sort.sort_unstable_by_key(|p| (p.customer, p.day, p.row));
            let placed = by_customer(|| bought.iter().copied(), customers);
            let key = |p: &Bought| (p.customer, p.day, p.row, p.net);
            assert_eq!(
                placed.iter().map(key).collect::<Vec<_>>(),
                one_sort.iter().map(key).collect::<Vec<_>>()
            );
        }
    }

    /// Purchase rows placed by day then by customer come in the order of
    /// one sort of them all; over many more days than purchases, they are
    /// left to the sort.
    #[test]
    fn placing_by_day_then_customer_sorts_as_one_sort() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |below: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as u32
        };
        for (customers, count, days) in [(1, 5, 3), (7, 300, 40), (500, 20_000, 731)] {
            let cust: Vec<u32> = (0..count).map(|_| next(customers)).collect();
            let day: Vec<Days> = (0..count).map(|_| next(days) as Days - 10).collect();
            // Ascending with gaps: the rows of a file that are purchases.
            let rows: Vec<u32> = (0..count).filter(|_| next(4) != 0).collect();
            let placed =
                by_customer_and_day(&rows, &cust, &day, customers as usize, -10, days as usize)
                    .expect("as many days as purchases");
            let mut sorted = rows.clone();
            sorted.sort_unstable_by_key(|&r| (cust[r as usize], day[r as usize], r));
            assert_eq!(placed.rows, sorted);
            for c in 0..customers as usize {
                let run = &placed.rows[placed.starts[c] as usize..placed.starts[c + 1] as usize];
                assert!(run.iter().all(|&r| cust[r as usize] as usize == c));
            }
        }
        let one = [0u32];
        assert!(by_customer_and_day(&one, &[0], &[0], 1, 0, 100_000).is_none());
    }

    /// Equal histories, a customer without a purchase (a NaN first
    /// value) included.
    fn same(a: &History, b: &History) -> bool {
        let bits = |h: &History| {
            h.first_value
                .iter()
                .map(|v| v.to_bits())
                .collect::<Vec<_>>()
        };
        (
            &a.first_day,
            &a.first_row,
            &a.bounds,
            &a.days,
            a.last_day,
            &a.returns,
        ) == (
            &b.first_day,
            &b.first_row,
            &b.bounds,
            &b.days,
            b.last_day,
            &b.returns,
        ) && bits(a) == bits(b)
    }

    /// The history of `csv`'s lines read each as its own purchase, by the
    /// table and by placing, against the one found with a running total
    /// per order; the number of purchase days.
    fn lines_agree(csv: &str) -> usize {
        let ws = Workspace {
            tables: vec![read("sales.csv", csv.as_bytes(), &Options::default()).unwrap()],
        };
        let prepared = Prepared::new(&ws);
        let model = Model::scanned(&ws, Some(&prepared.scans), &Filters::new());
        let s = Sales::new(&model, prepared.sales.as_ref()).unwrap();
        assert!(s.one_line_orders());
        let with_totals = Sales::new(&model, prepared.sales.as_ref())
            .unwrap()
            .without_orders();
        let by_totals = History::built(&with_totals, None, Some(true)).unwrap();
        for dense in [true, false] {
            for h in [&s, &with_totals] {
                let built = History::built(h, None, Some(dense)).unwrap();
                assert!(same(&built, &by_totals), "{built:?}\n{by_totals:?}");
            }
        }
        by_totals.days.len()
    }

    /// Lines of random files, `years` of dates from 2024 back, amounts
    /// times `scale`; with `ids`, an order id per line (some missing),
    /// else an order count per line (an aggregated extract).
    fn random_lines(lines: u32, years: u64, scale: &str, ids: bool) -> String {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |below: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % below
        };
        let mut csv = String::from(if ids {
            "Date,Order,Customer,Amount\n"
        } else {
            "Date,Orders,Customer,Amount\n"
        });
        for i in 0..lines {
            let day = if next(50) == 0 {
                String::new()
            } else {
                let year = 2024 - next(years);
                format!("{year}-{:02}-{:02}", 1 + next(12), 1 + next(28))
            };
            let order = match (ids, next(20)) {
                (_, 0) => String::new(),
                (true, _) => format!("F{i}"),
                (false, n) => (n % 3).to_string(),
            };
            let customer = if next(30) == 0 {
                String::new()
            } else {
                format!("C{}", next(120))
            };
            let amount = match next(25) {
                0 => String::new(),
                1 => "0".to_string(),
                2 => format!("-{}.5{scale}", next(90)),
                _ => format!("{}.{:02}{scale}", next(900), next(100)),
            };
            csv.push_str(&format!("{day},{order},{customer},{amount}\n"));
        }
        // A customer whose only line is a return: no purchase.
        csv.push_str(&format!(
            "2024-03-01,{},Z,-5\n",
            if ids { "R1" } else { "1" }
        ));
        csv
    }

    /// A file whose order ids are each on one line: its lines read as
    /// purchases in file order give the history found with a running total
    /// per order — with lines without an id, customer, date or amount,
    /// returns, zero lines and a customer without a purchase among them;
    /// on an aggregated extract; with amounts too large for millionths;
    /// and over more days than purchases (placed by the sort).
    #[test]
    fn lines_of_their_own_give_the_orders_history() {
        assert!(lines_agree(&random_lines(3_000, 1, "", true)) > 1_000);
        assert!(lines_agree(&random_lines(3_000, 1, "", false)) > 500);
        assert!(lines_agree(&random_lines(2_000, 1, "e13", true)) > 500);
        assert!(lines_agree(&random_lines(300, 40, "", true)) > 200);
    }

    /// The per-day table and the sort find the same purchases, from whole
    /// orders and from rows: first purchases on a tie of days by row, one
    /// entry per day with its last purchase, returns and cancelled orders
    /// left out.
    #[test]
    fn the_table_and_the_sort_agree() {
        let csv = "Date,Order,Customer,Amount\n\
                   2024-01-05,A1,Acme,100\n2024-01-05,A1,Acme,-100\n\
                   2024-01-06,B1,Beta,30\n2024-01-06,B1,Beta,20\n\
                   2024-01-05,A2,Acme,20\n2024-01-05,A2,Acme,10\n\
                   2024-01-05,A3,Acme,15\n2024-01-05,A3,Acme,5\n\
                   2024-01-04,C1,Acme,-3\n2024-01-04,C1,Acme,-2\n\
                   2024-03-01,B2,Beta,70\n2024-03-01,B2,Beta,1\n\
                   2024-01-06,,Beta,9\n";
        let ws = Workspace {
            tables: vec![read("sales.csv", csv.as_bytes(), &Options::default()).unwrap()],
        };
        let prepared = Prepared::new(&ws);
        let model = Model::scanned(&ws, Some(&prepared.scans), &Filters::new());
        let s = Sales::new(&model, prepared.sales.as_ref()).unwrap();
        let orders = SalesOrders::of(&s);
        assert!(orders.is_some(), "whole orders");
        let built = |o, dense| History::built(&s, o, Some(dense)).unwrap();
        let by_rows = built(None, true);
        for h in [
            built(None, false),
            built(orders.as_ref(), true),
            built(orders.as_ref(), false),
        ] {
            assert_eq!(h, by_rows);
        }
        let acme = s.customer.as_ref().unwrap().code(0) as usize;
        let beta = s.customer.as_ref().unwrap().code(2) as usize;
        // Acme: A1 nets 0, C1 is a return; A2 (row 4) then A3 (row 6) on the 5th.
        assert_eq!(by_rows.first_row[acme], 4);
        assert_eq!(by_rows.first_value[acme], 30.0);
        assert_eq!(by_rows.days_of(acme).len(), 1);
        assert_eq!(by_rows.days_of(acme)[0].row, 6);
        // Beta: B1 and the lone line on the 6th (the day's last, row 12), B2 in March.
        assert_eq!(by_rows.first_value[beta], 50.0);
        let rows: Vec<u32> = by_rows.days_of(beta).iter().map(|d| d.row).collect();
        assert_eq!(rows, [12, 10]);
    }
}
