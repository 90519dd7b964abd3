//! Acquisition and marketing (tables `spend`, `carts`, with `sales`):
//! spend, customer acquisition cost, campaign ROI, cart abandonment.

use crate::kpi::core::breakdown::{row, sort_desc, Grouped, Monthly};
use crate::kpi::core::catalogue::KpiId;
use crate::kpi::core::day_table::DayTable;
use crate::kpi::core::ids::BreakdownId;
use crate::kpi::core::period::Period;
use crate::kpi::core::period::{month_index, month_index_key};
use crate::kpi::core::record::put;
use crate::kpi::core::record::set;
use crate::kpi::core::record::triple;
use crate::kpi::core::stats::ratio;
use crate::kpi::core::sum::Sum;
use crate::kpi::core::view::filled;
use crate::kpi::core::view::{Attr, View};
use crate::kpi::model::Fact;
use crate::kpi::model::Model;
use crate::report::Report;
use crate::schema::{normalize, Field, Kind};
use crate::table::{MISSING_CODE, MISSING_DAY};
use std::collections::BTreeMap;

/// `campaigns`: the sales' revenue per campaign code over the period.
pub fn add(model: &Model, campaigns: Option<&(Attr, Vec<f64>)>, p: Period, r: &mut Report) {
    spend(model, campaigns, p, r);
    carts(model, p, r);
}

fn spend(model: &Model, campaigns: Option<&(Attr, Vec<f64>)>, p: Period, r: &mut Report) {
    let Some(fact) = model.fact(Kind::Spend) else {
        return;
    };
    let v = fact.view;
    let (Some(days), Some(amount)) = (v.days(Field::Date), v.numbers(Field::Amount)) else {
        return;
    };
    let total = |p: Period| {
        let mut s = Sum::default();
        for row in 0..v.rows() {
            let d = days.get(row).copied().unwrap_or(MISSING_DAY);
            if d != MISSING_DAY && p.contains(d) && fact.keep(row) && !amount[row].is_nan() {
                s.add(amount[row]);
            }
        }
        s.value()
    };
    let spent = [total(p), total(p.previous()), total(p.last_year())];
    put(
        r,
        KpiId::MarketingSpend,
        Some(spent[0]),
        Some(spent[1]),
        Some(spent[2]),
    );
    let new = triple(r, KpiId::NewCustomers);
    if new.0.is_some() {
        let cac = |i: usize| [new.0, new.1, new.2][i].and_then(|n| ratio(spent[i], n));
        put(r, KpiId::AcquisitionCost, cac(0), cac(1), cac(2));
    }
    // Spend per month over new customers that month.
    let new_by_month: BTreeMap<String, f64> = r
        .breakdown(BreakdownId::NewCustomersByMonth)
        .iter()
        .map(|b| (b.key.clone(), b.value))
        .collect();
    if !new_by_month.is_empty() {
        let (m0, m1) = (month_index(p.from), month_index(p.to));
        let mut monthly = Monthly::span(m0, m1);
        for row in 0..v.rows() {
            let d = days.get(row).copied().unwrap_or(MISSING_DAY);
            if d != MISSING_DAY && p.contains(d) && fact.keep(row) && !amount[row].is_nan() {
                monthly.add(month_index(d), amount[row]);
            }
        }
        let rows = monthly
            .values()
            .filter_map(|(m, spent)| {
                let key = month_index_key(m);
                let new = new_by_month.get(&key).copied().unwrap_or(0.0);
                Some(row(key, ratio(spent, new)?, f64::NAN))
            })
            .collect();
        set(r, BreakdownId::AcquisitionCostByMonth, rows);
    }
    if let Some(channel) = v.attr(Field::Channel) {
        let mut g = Grouped::new(channel.distinct());
        for row in 0..v.rows() {
            let d = days.get(row).copied().unwrap_or(MISSING_DAY);
            if d != MISSING_DAY && p.contains(d) && fact.keep(row) && !amount[row].is_nan() {
                g.add(channel.code(row), amount[row]);
            }
        }
        set(r, BreakdownId::SpendByChannel, g.rows(&channel, spent[0]));
    }
    campaign_roi(v, &days, amount, fact, campaigns, p, r);
}

/// Per campaign: (revenue with that campaign − spend on it) / spend on it.
fn campaign_roi(
    v: View,
    days: &[i32],
    amount: &[f64],
    fact: &Fact,
    campaigns: Option<&(Attr, Vec<f64>)>,
    p: Period,
    r: &mut Report,
) {
    let (Some(campaign), Some((sales_campaign, by_code))) = (v.attr(Field::Campaign), campaigns)
    else {
        return;
    };
    let mut spend: BTreeMap<String, (String, f64)> = BTreeMap::new();
    for row in 0..v.rows() {
        let d = days.get(row).copied().unwrap_or(MISSING_DAY);
        if d == MISSING_DAY || !p.contains(d) || !fact.keep(row) || amount[row].is_nan() {
            continue;
        }
        let name = campaign.name(campaign.code(row));
        if name.is_empty() {
            continue;
        }
        spend
            .entry(normalize(name))
            .or_insert_with(|| (name.to_string(), 0.0))
            .1 += amount[row];
    }
    let mut revenue: BTreeMap<String, f64> = BTreeMap::new();
    for (c, &v) in by_code.iter().enumerate() {
        *revenue
            .entry(normalize(sales_campaign.name(c as u32)))
            .or_default() += v;
    }
    let mut rows: Vec<_> = spend
        .iter()
        .filter_map(|(k, (name, cost))| {
            let rev = revenue.get(k).copied().unwrap_or(0.0);
            Some(row(name.clone(), ratio(rev - cost, *cost)?, f64::NAN))
        })
        .collect();
    sort_desc(&mut rows);
    set(r, BreakdownId::CampaignRoi, rows);
}

fn carts(model: &Model, p: Period, r: &mut Report) {
    let Some(fact) = model.fact(Kind::Carts) else {
        return;
    };
    let v = fact.view;
    let (Some(days), Some(status)) = (v.days(Field::Date), v.attr(Field::Status)) else {
        return;
    };
    let abandoned: Vec<bool> = (0..status.distinct() as u32)
        .map(|c| {
            let n = normalize(status.name(c));
            n.contains("abandon") || n == "lost" || n == "perdu"
        })
        .collect();
    // One walk for the three periods: carts counted by the periods their
    // day is in × abandoned or not, in four lanes filled in turn (runs of
    // one count then add to four counters), without a branch on the status.
    let table = DayTable::indexed(&[p, p.previous(), p.last_year()]);
    let n = v.rows();
    let codes = filled(&status.codes, n, MISSING_CODE);
    let mut cells = [[[0u32; 2]; 8]; 4];
    for row in 0..n {
        let in_periods = fact.periods_of(&table, &days, row);
        if in_periods == 0 {
            continue;
        }
        let lost = abandoned.get(codes[row] as usize).copied().unwrap_or(false);
        cells[row & 3][in_periods as usize & 7][lost as usize] += 1;
    }
    let (mut all, mut gone) = ([0u32; 3], [0u32; 3]);
    for lane in &cells {
        for (in_periods, [kept, lost]) in lane.iter().enumerate() {
            for k in (0..3).filter(|k| in_periods & (1 << k) != 0) {
                all[k] += kept + lost;
                gone[k] += lost;
            }
        }
    }
    let rate = |k: usize| ratio(gone[k] as f64, all[k] as f64);
    put(r, KpiId::CartAbandonmentRate, rate(0), rate(1), rate(2));
}
