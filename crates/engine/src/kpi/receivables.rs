//! Receivables (table `invoices`), as of the period's last day: what
//! customers still owe, what is overdue, days sales outstanding, and aging.

use crate::kpi::core::breakdown::{row, Grouped};
use crate::kpi::core::catalogue::KpiId;
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::period::Period;
use crate::kpi::core::record::put;
use crate::kpi::core::record::set;
use crate::kpi::core::stats::ratio;
use crate::kpi::core::sum::Sum;
use crate::kpi::model::Model;
use crate::parse::date::Days;
use crate::report::Report;
use crate::schema::{Field, Kind};
use crate::table::MISSING_DAY;

const AGING: [(i32, &str); 5] = [
    (0, "not due"),
    (30, "1-30"),
    (60, "31-60"),
    (90, "61-90"),
    (i32::MAX, ">90"),
];

pub fn add(model: &Model, p: Period, r: &mut Report) {
    let Some(fact) = model.fact(Kind::Invoices) else {
        return;
    };
    let v = fact.view;
    let (Some(issued), Some(amount)) = (v.days(Field::IssueDate), v.numbers(Field::Amount)) else {
        return;
    };
    let due = v.days(Field::DueDate);
    let has_due = due.is_some();
    let paid_amount = v.numbers(Field::PaidAmount);
    let paid_date = v.days(Field::PaidDate);
    // Plain slices (empty when the column is absent): the loop reads them
    // without matching an `Option` or a `Cow` per row.
    let (issued, due, paid_date): (&[Days], &[Days], &[Days]) = (
        &issued,
        due.as_deref().unwrap_or(&[]),
        paid_date.as_deref().unwrap_or(&[]),
    );
    let paid_amount = paid_amount.unwrap_or(&[]);
    let day = |c: &[Days], row: usize| c.get(row).copied().filter(|&d| d != MISSING_DAY);
    // The period's last day, the previous period's and last year's: one walk.
    let as_of = [p.to, p.previous().to, p.last_year().to];
    let mut out = [Sum::default(); 3];
    let mut overdue = [Sum::default(); 3];
    let mut billed = [Sum::default(); 3];
    let mut aging = [0.0f64; AGING.len()];
    let customer = model.attr(fact, Field::Customer);
    let mut by_customer = customer.as_ref().map(|c| Grouped::new(c.distinct()));
    for row in 0..v.rows() {
        // An invoice counts from its issue day, with an amount.
        let (Some(i), Some(amt)) = (
            day(issued, row),
            amount.get(row).copied().filter(|x| !x.is_nan()),
        ) else {
            continue;
        };
        if !fact.keep(row) {
            continue;
        }
        let due_day = day(due, row);
        let paid_on = day(paid_date, row);
        let paid_part = paid_amount.get(row).copied().filter(|x| !x.is_nan());
        for (k, &a) in as_of.iter().enumerate() {
            if i > a {
                continue;
            }
            // Outstanding as of `a`: the amount less what was paid by then.
            let paid_by_then = paid_on.is_none_or(|d| d <= a);
            let paid = match paid_part {
                Some(pa) if paid_by_then => pa,
                Some(_) => 0.0,
                None if paid_on.is_some() && paid_by_then => amt,
                None => 0.0,
            };
            let o = amt - paid;
            out[k].add(o);
            if due_day.is_some_and(|d| d < a) {
                overdue[k].add(o);
            }
            if k == 0 && o != 0.0 {
                let late = due_day.map_or(0, |d| a - d);
                if let Some(i) = AGING.iter().position(|&(hi, _)| late <= hi) {
                    aging[i] += o;
                }
                if let (Some(g), Some(c)) = (by_customer.as_mut(), customer.as_ref()) {
                    g.add(c.code(row), o);
                }
            }
            if i > a - 90 {
                billed[k].add(amt);
            }
        }
    }
    let figures = |k: usize| {
        let o = out[k].value();
        (o, overdue[k].value(), ratio(o * 90.0, billed[k].value()))
    };
    let (c, pv, l) = (figures(0), figures(1), figures(2));
    put(
        r,
        KpiId::ReceivablesOutstanding,
        Some(c.0),
        Some(pv.0),
        Some(l.0),
    );
    if has_due {
        put(
            r,
            KpiId::ReceivablesOverdue,
            Some(c.1),
            Some(pv.1),
            Some(l.1),
        );
    }
    put(r, KpiId::DsoDays, c.2, pv.2, l.2);
    set(
        r,
        BreakdownId::ReceivablesAging,
        AGING
            .iter()
            .zip(aging)
            .map(|(&(_, k), x)| row(k.into(), x, c.0))
            .collect(),
    );
    if let (Some(g), Some(cust)) = (by_customer, customer) {
        let mut rows = g.rows(&cust, c.0);
        rows.truncate(10);
        set(r, BreakdownId::ReceivablesByCustomer, rows);
    }
}
