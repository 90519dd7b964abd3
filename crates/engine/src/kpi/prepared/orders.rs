//! The sales lines summed per order, prepared with the tables. When every
//! line of an order has the same day, customer, rep and campaign — as in
//! most exports — a period holds an order whole or not at all, so the walk
//! can read one entry per order instead of one row per line, and count
//! orders without a running total per order code. A filter gathers the
//! orders it keeps, each with the sums of the lines it keeps.

use super::sales::Sales;
use crate::kpi::core::view::{filled, row_codes};
use crate::parse::date::Days;
use crate::schema::Field;
use crate::table::{MISSING_CODE, MISSING_DAY};
use std::borrow::Cow;

/// An order's lines summed.
#[derive(Clone, Copy)]
pub struct Order {
    /// Net total: the lines' amounts added in row order, as the walk would.
    pub net: f64,
    /// Amount, margin and quantity summed in millionths (0 for a column
    /// the table does not have).
    pub micros: [i64; 3],
    pub day: Days,
    pub customer: u32,
    pub rep: u32,
    pub campaign: u32,
}

/// One entry per order (and per line without an order id), in the order
/// of their first line.
pub struct SalesOrders {
    pub orders: Vec<Order>,
    /// Whether margins and quantities are known (their sums are then added).
    pub has_margin: bool,
    pub has_units: bool,
    /// Rows summed: every row with a date and an amount.
    pub rows: usize,
    /// Each row's order entry (`MISSING_CODE`: not summed), to carry a
    /// filter's rows over to orders.
    order_of_row: Vec<u32>,
    /// Each order's first row (its first line: a filter keeping it keeps
    /// the order's purchase).
    pub first_rows: Vec<u32>,
}

impl SalesOrders {
    pub fn len(&self) -> usize {
        self.orders.len()
    }

    /// The orders a filter keeps (`mask`: per row), each with the sums of
    /// the lines it keeps — a filter on products splits orders — in the
    /// order of their first kept line, as the rows come: borrowed without
    /// a filter. `None` when the sales are not the ones prepared.
    pub fn kept_by<'o>(&'o self, s: &Sales, mask: Option<&[bool]>) -> Option<Cow<'o, [Order]>> {
        let Some(mask) = mask else {
            return Some(Cow::Borrowed(&self.orders));
        };
        let n = self.order_of_row.len();
        let [Some(amount_micros), margin_micros, units_micros] = s.micros() else {
            return None;
        };
        let amounts = s.amounts();
        let columns = [Some(amount_micros), margin_micros, units_micros];
        if amounts.len() != n || columns.iter().flatten().any(|c| c.len() != n) {
            return None;
        }
        let mask = filled(mask, n, false);
        // Prepared order → its place among the kept ones.
        let mut place = vec![MISSING_CODE; self.len()];
        let mut kept: Vec<Order> = Vec::with_capacity(self.len());
        for (row, (&e, &keep)) in self.order_of_row.iter().zip(mask.iter()).enumerate() {
            let (Some(prepared), Some(place)) =
                (self.orders.get(e as usize), place.get_mut(e as usize))
            else {
                continue;
            };
            if !keep {
                continue;
            }
            if *place == MISSING_CODE {
                *place = kept.len() as u32;
                kept.push(Order {
                    net: 0.0,
                    micros: [0; 3],
                    ..*prepared
                });
            }
            let Some(o) = kept.get_mut(*place as usize) else {
                continue;
            };
            o.net += amounts[row];
            for (sum, column) in o.micros.iter_mut().zip(columns) {
                if let Some(column) = column {
                    *sum += column[row];
                }
            }
        }
        Some(Cow::Owned(kept))
    }

    /// `None` when a filter is set, when the table has no order ids, when
    /// one order's lines differ in day, customer, rep or campaign, when a
    /// column's millionths are not prepared (a sum could overflow them), or
    /// when orders are hardly fewer than lines.
    pub fn of(s: &Sales) -> Option<SalesOrders> {
        let order = s.order.as_ref()?;
        let [amount_micros, margin_micros, units_micros] = s.micros();
        let amount_micros = amount_micros?;
        if s.fact.mask.is_some()
            || s.margins().is_some() != margin_micros.is_some()
            || s.quantities().is_some() != units_micros.is_some()
        {
            return None;
        }
        let n = s.rows();
        if [Some(amount_micros), margin_micros, units_micros]
            .iter()
            .flatten()
            .any(|c| c.len() != n)
        {
            return None;
        }
        let campaign = s.fact.view.attr(Field::Campaign);
        let (cust, rep, campaign, order_codes) = (
            row_codes(s.customer.as_ref(), n),
            row_codes(s.rep.as_ref(), n),
            row_codes(campaign.as_ref(), n),
            row_codes(Some(order), n),
        );
        let (days, amounts) = (&s.days[..n], &s.amounts()[..n]);
        // One order number per line (invoice line numbers): counted first
        // when the first lines look so, and given up before the sums are
        // allocated (an entry of 56 bytes per line, its pages touched).
        let sample = n.min(SAMPLE_ROWS);
        if entries(days, amounts, &order_codes[..sample], order.distinct()) * 4 > sample * 3
            && entries(days, amounts, &order_codes, order.distinct()) * 4 > n * 3
        {
            return None;
        }
        // At most one entry per order code and per line without one:
        // allocated once (a growing vector costs its pages twice or more).
        let lone = order_codes.iter().filter(|&&c| c == MISSING_CODE).count();
        // One slot more: each row writes its order's first values at the
        // end, kept only when it starts an order. Without a branch, as new
        // and continued orders alternate without a pattern to predict.
        let blank = Order {
            net: 0.0,
            micros: [0; 3],
            day: MISSING_DAY,
            customer: MISSING_CODE,
            rep: MISSING_CODE,
            campaign: MISSING_CODE,
        };
        let mut orders = vec![blank; order.distinct() + lone + 1];
        let mut len = 0;
        // Order code → its entry.
        let mut entry_of = vec![MISSING_CODE; order.distinct()];
        let mut order_of_row = vec![MISSING_CODE; n];
        let mut first_rows = vec![u32::MAX; orders.len()];
        let (mut rows, mut differ) = (0, false);
        for row in 0..n {
            let (day, a) = (days[row], amounts[row]);
            if day == MISSING_DAY || a.is_nan() {
                continue;
            }
            rows += 1;
            let (customer, rep, campaign) = (cust[row], rep[row], campaign[row]);
            let slot = entry_of.get_mut(order_codes[row] as usize);
            let known = slot.as_deref().copied().unwrap_or(MISSING_CODE);
            let e = if known == MISSING_CODE {
                len
            } else {
                known as usize
            };
            if let Some(slot) = slot {
                *slot = e as u32;
            }
            order_of_row[row] = e as u32;
            if let (Some(next), Some(first)) = (orders.get_mut(len), first_rows.get_mut(len)) {
                *next = Order {
                    day,
                    customer,
                    rep,
                    campaign,
                    ..blank
                };
                *first = row as u32;
            }
            len += usize::from(known == MISSING_CODE);
            let Some(o) = orders.get_mut(e) else {
                continue;
            };
            differ |= (o.day != day)
                | (o.customer != customer)
                | (o.rep != rep)
                | (o.campaign != campaign);
            o.net += a;
            o.micros[0] += amount_micros[row];
            if let Some(m) = margin_micros {
                o.micros[1] += m[row];
            }
            if let Some(q) = units_micros {
                o.micros[2] += q[row];
            }
        }
        if differ {
            return None;
        }
        orders.truncate(len);
        first_rows.truncate(len);
        (orders.len() * 4 <= n * 3).then_some(SalesOrders {
            orders,
            has_margin: margin_micros.is_some(),
            has_units: units_micros.is_some(),
            rows,
            order_of_row,
            first_rows,
        })
    }
}

/// The first lines looked at to guess whether orders are hardly fewer
/// than lines.
const SAMPLE_ROWS: usize = 4096;

/// How many entries the first `order_codes.len()` rows make: an order
/// with a line summed (a date and an amount), each such line without an
/// order id (codes from `orders` up).
fn entries(days: &[Days], amounts: &[f64], order_codes: &[u32], orders: usize) -> usize {
    let mut seen = vec![false; orders];
    let mut entries = 0;
    for (row, &code) in order_codes.iter().enumerate() {
        if days[row] == MISSING_DAY || amounts[row].is_nan() {
            continue;
        }
        match seen.get_mut(code as usize) {
            Some(seen) => {
                entries += usize::from(!*seen);
                *seen = true;
            }
            None => entries += 1,
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::super::sales::Sales;
    use super::super::Prepared;
    use crate::kpi::core::period::Period;
    use crate::kpi::model::{Filters, Model, Workspace};
    use crate::kpi::sales::{customers, revenue, walk::SalesWalk};
    use crate::parse::date::days_from_ymd;
    use crate::{demo, read, Field, Options, Report};

    /// The prepared orders of a sales file: (entries, rows summed, nets).
    fn orders_of(csv: &str) -> Option<(usize, usize, Vec<f64>)> {
        let table = read("sales.csv", csv.as_bytes(), &Options::default()).unwrap();
        let prepared = Prepared::new(&Workspace {
            tables: vec![table],
        });
        let orders = prepared.sales.as_ref().unwrap().orders.as_ref()?;
        Some((
            orders.len(),
            orders.rows,
            orders.orders.iter().map(|o| o.net).collect(),
        ))
    }

    const HEADER: &str = "Date,Order,Customer,Rep,Amount,Cost\n";

    #[test]
    fn lines_of_an_order_are_summed_when_they_agree() {
        let csv = format!(
            "{HEADER}2024-01-05,A1,Acme,Ann,100,60\n2024-01-05,A1,Acme,Ann,50,20\n\
             2024-01-20,A2,Beta,Bob,200,150\n2024-01-05,A1,Acme,Ann,-30,-10\n\
             2024-01-21,,Beta,Bob,40,10\n,A2,Beta,Bob,999,0\n2024-01-20,A2,Beta,Bob,5,1\n"
        );
        // A1: 100 + 50 − 30 (its third line comes after A2's first); A2:
        // 200 + 5, its undated line left out; the line without an order
        // id is an order of its own. 6 rows summed into 3 entries.
        assert_eq!(orders_of(&csv), Some((3, 6, vec![120.0, 205.0, 40.0])));
    }

    #[test]
    fn orders_whose_lines_differ_are_walked_line_by_line() {
        let day = format!(
            "{HEADER}2024-01-05,A1,Acme,Ann,100,60\n2024-01-06,A1,Acme,Ann,50,20\n\
             2024-01-05,A2,Acme,Ann,1,1\n2024-01-05,A2,Acme,Ann,1,1\n"
        );
        assert_eq!(orders_of(&day), None);
        let rep = day.replace("2024-01-06,A1,Acme,Ann", "2024-01-05,A1,Acme,Bob");
        assert_eq!(orders_of(&rep), None);
        let same = day.replace("2024-01-06", "2024-01-05");
        assert_eq!(orders_of(&same).map(|o| o.0), Some(2));
        // One line per order: nothing to gain.
        let lone = format!("{HEADER}2024-01-05,A1,Acme,Ann,100,60\n2024-01-05,A2,Acme,Ann,1,1\n");
        assert_eq!(orders_of(&lone), None);
    }

    /// Orders are found whole past the first lines looked at, whether
    /// those had one order number per line or not.
    #[test]
    fn the_first_lines_only_decide_what_is_counted_first() {
        // (lines with their own number first, then lines in orders of 10)
        for (lone, grouped, whole) in [(5_000, 20_000, true), (5_000, 0, false), (0, 30, true)] {
            let mut csv = HEADER.to_string();
            for i in 0..lone {
                csv += &format!("2024-01-05,L{i},Acme,Ann,1,0\n");
            }
            for i in 0..grouped {
                csv += &format!("2024-01-06,G{},Beta,Bob,2,1\n", i / 10);
            }
            let orders = orders_of(&csv);
            assert_eq!(orders.is_some(), whole, "{lone} + {grouped}");
            if let Some((entries, rows, _)) = orders {
                assert_eq!((entries, rows), (lone + grouped / 10, lone + grouped));
            }
        }
    }

    /// What the sales walk gives, as JSON: the revenue and customer KPIs
    /// and breakdowns, the reps' and campaigns' sums.
    fn walked(model: &Model, s: &Sales, p: Period) -> String {
        let w = SalesWalk::new(model, s, p);
        let mut r = Report {
            period: None,
            previous_period: None,
            last_year_period: None,
            currency: "EUR".into(),
            kpis: Default::default(),
            breakdowns: Default::default(),
            cohorts: Vec::new(),
            funnel: Vec::new(),
            reps: Vec::new(),
            relations: Vec::new(),
            objectives: Vec::new(),
            alerts: Vec::new(),
            notes: Vec::new(),
            dormancy_days: 365,
        };
        revenue::add(s, &w, &mut r);
        customers::add(s, &w, p, 365, &mut r);
        let reps = w.reps.as_ref().unwrap();
        let campaigns = w.campaign.as_ref().map(|c| &c.1);
        format!(
            "{} {:?} {:?} {:?} {:?} {campaigns:?}",
            serde_json::to_string(&r).unwrap(),
            reps.seen,
            reps.revenue,
            reps.margin,
            reps.orders
        )
    }

    /// Whether a filter keeps some lines of an order and drops others.
    fn splits(orders: &super::SalesOrders, mask: &[bool]) -> bool {
        let mut lines = vec![(false, false); orders.len()];
        for (&e, &keep) in orders.order_of_row.iter().zip(mask) {
            if let Some(l) = lines.get_mut(e as usize) {
                *l = (l.0 || keep, l.1 || !keep);
            }
        }
        lines.contains(&(true, true))
    }

    #[test]
    fn whole_orders_and_rows_give_the_same_figures() {
        let tables = demo::workspace_files(5, 3_000)
            .into_iter()
            .filter(|(name, _)| name.contains("ventes"))
            .map(|(name, bytes)| read(&name, &bytes, &Options::default()).unwrap())
            .collect();
        let ws = Workspace { tables };
        let prepared = Prepared::new(&ws);
        let day = |y, m, d| days_from_ymd(y, m, d).unwrap();
        let quarter = Period::new(day(2025, 4, 1), day(2025, 6, 30));
        let mut region = Filters::new();
        region.insert(Field::Region, vec![demo::REGIONS[2].into()]);
        let mut product = Filters::new();
        product.insert(Field::Product, vec!["Pack capteurs".into()]);
        // (filters, whether they keep or drop each order whole)
        for (filters, whole) in [(Filters::new(), true), (region, true), (product, false)] {
            let model = Model::scanned(&ws, Some(&prepared.scans), &filters);
            let span = model.span().unwrap();
            for p in [span, quarter] {
                let s = Sales::new(&model, prepared.sales.as_ref()).unwrap();
                let orders = s.orders().unwrap();
                let splits = s.fact.mask.as_deref().is_some_and(|m| splits(orders, m));
                assert_eq!(splits, !whole);
                let by_rows = Sales::new(&model, prepared.sales.as_ref())
                    .unwrap()
                    .without_orders();
                assert_eq!(walked(&model, &s, p), walked(&model, &by_rows, p));
            }
        }
    }

    /// One order id per line (the realistic export's invoice lines): each
    /// line counted as its order gives what a running total per order gives.
    #[test]
    fn one_line_orders_count_as_with_a_total_per_order() {
        let realistic = demo::realistic::Realistic::new(4_000);
        // Returns, a zero line, lines without a customer, rep or order id.
        let small = "Date,Order,Customer,Rep,Product,Amount\n\
                     2024-01-05,A1,Acme,Ann,Gadget,100\n2024-01-05,A2,Acme,Ann,Widget,-30\n\
                     2024-02-05,A3,,Bob,Widget,50\n2024-02-06,,Beta,Bob,Widget,70\n\
                     2024-03-06,A4,Beta,,Gadget,0\n2024-03-07,A5,Acme,Bob,Gadget,12.5\n\
                     2024-03-08,A6,Beta,Ann,Widget,-1\n2024-04-01,A7,Beta,Ann,Widget,5\n";
        let twice = small.replace(",A5,", ",A1,");
        let cases = [
            (realistic.csv(), realistic.product_names()[0].clone(), true),
            (small.as_bytes().to_vec(), "Widget".to_string(), true),
            (twice.as_bytes().to_vec(), "Widget".to_string(), false),
        ];
        for (csv, product, one_line) in cases {
            let ws = Workspace {
                tables: vec![read("sales.csv", &csv, &Options::default()).unwrap()],
            };
            let prepared = Prepared::new(&ws);
            let mut kept = Filters::new();
            kept.insert(Field::Product, vec![product]);
            for filters in [Filters::new(), kept] {
                let model = Model::scanned(&ws, Some(&prepared.scans), &filters);
                let span = model.span().unwrap();
                let start = Period::new(span.from, span.from + 40);
                for p in [span, start] {
                    let s = Sales::new(&model, prepared.sales.as_ref()).unwrap();
                    assert_eq!(s.one_line_orders(), one_line);
                    assert!(s.orders().is_none());
                    let by_orders = Sales::new(&model, prepared.sales.as_ref())
                        .unwrap()
                        .without_orders();
                    assert!(!by_orders.one_line_orders());
                    assert_eq!(walked(&model, &s, p), walked(&model, &by_orders, p));
                }
            }
        }
    }

    /// A filter keeps a new customer when it keeps the first line of its
    /// first purchase, found over every row: here Acme's is A1 (its line
    /// comes first on the day), whose first line is a Gadget, so under a
    /// Widget filter only Beta, whose first purchase C1 nets 71, is new.
    #[test]
    fn a_filter_keeps_new_customers_by_their_first_purchase() {
        let csv = "Date,Order,Customer,Rep,Product,Amount\n\
                   2024-01-05,A1,Acme,Ann,Gadget,100\n2024-01-05,B1,Acme,Ann,Widget,30\n\
                   2024-01-05,A1,Acme,Ann,Widget,50\n2024-01-06,C1,Beta,Bob,Widget,70\n\
                   2024-01-06,C1,Beta,Bob,Widget,1\n";
        let ws = Workspace {
            tables: vec![read("sales.csv", csv.as_bytes(), &Options::default()).unwrap()],
        };
        let prepared = Prepared::new(&ws);
        let mut widgets = Filters::new();
        widgets.insert(Field::Product, vec!["Widget".into()]);
        let model = Model::scanned(&ws, Some(&prepared.scans), &widgets);
        let s = Sales::new(&model, prepared.sales.as_ref()).unwrap();
        let p = model.span().unwrap();
        let json = walked(&model, &s, p);
        assert!(json.contains(r#""new_customers":{"value":1.0"#), "{json}");
        assert!(
            json.contains(r#""first_purchase_value":{"value":71.0"#),
            "{json}"
        );
        let by_rows = Sales::new(&model, prepared.sales.as_ref())
            .unwrap()
            .without_orders();
        assert_eq!(json, walked(&model, &by_rows, p));
    }
}
