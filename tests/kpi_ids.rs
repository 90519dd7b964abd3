//! Every KPI id has what a KPI needs: its catalogue row, its label and its
//! formula in both languages, and a computation: over the demo company,
//! which has every table, each is computed or has a reason other than a
//! missing table (a comparison period outside the data, a zero denominator). Every breakdown id is read back from the
//! report's keys. A KPI added to `KpiId` without them fails here, if the
//! compiler has not refused it first.

mod common;

use cadran::engine::demo;
use cadran::engine::kpi::{self, BreakdownId, KpiId, Query, CATALOGUE};
use cadran::engine::messages::Reason;
use cadran::locale::{formula, kpi_formula, kpi_label, reason, Lang};

#[test]
fn every_kpi_id_has_its_row_words_and_figure() {
    let ws = common::demo_workspace(demo::DEFAULT_SEED, 3_000);
    let report = kpi::report(&ws, &Query::default());
    assert_eq!(KpiId::ALL.len(), CATALOGUE.len());
    for &id in KpiId::ALL {
        let d = id.def();
        assert_eq!(d.kpi, id);
        assert_eq!(d.id, id.as_str());
        assert_eq!(kpi::def(id.as_str()), Some(d));
        assert_eq!(id.as_str().parse::<KpiId>(), Ok(id));
        for lang in [Lang::Fr, Lang::En] {
            assert!(!kpi_label(d, lang).is_empty(), "{id}: label");
            assert!(!kpi_formula(id, lang).is_empty(), "{id}: formula");
            assert_eq!(formula(id.as_str(), lang), kpi_formula(id, lang));
        }
        let k = report
            .kpi(id)
            .unwrap_or_else(|| panic!("{id}: not in the report"));
        match (&k.value, &k.unavailable) {
            (Some(_), _) => {}
            (None, Some(why)) => {
                // The demo company has every table: a KPI said to need one
                // is a KPI nothing computes (the report's fallback reason).
                assert!(
                    !matches!(why, Reason::Needs(_)),
                    "{id}: not computed from the demo's tables ({why:?})"
                );
                for lang in [Lang::Fr, Lang::En] {
                    assert!(!reason(why, lang).is_empty(), "{id}: an empty reason");
                }
            }
            (None, None) => panic!("{id}: no value, no reason"),
        }
    }
}

#[test]
fn ids_are_written_as_before() {
    // The ids of KPIS.md, as the JSON report, links and set-ups write them.
    assert_eq!(KpiId::WinRate.as_str(), "win_rate");
    assert_eq!(KpiId::AvgSalesCycleDays.as_str(), "avg_sales_cycle_days");
    assert_eq!(KpiId::Nps.as_str(), "nps");
    assert_eq!(BreakdownId::WinRateByRep.as_str(), "win_rate_by_rep");
    assert_eq!(
        serde_json::to_string(&[KpiId::Revenue, KpiId::DsoDays]).unwrap(),
        r#"["revenue","dso_days"]"#
    );
    assert!("win-rate".parse::<KpiId>().is_err());
    assert!("Revenue".parse::<KpiId>().is_err());
    assert_eq!(kpi::def("revenue_by_month"), None);
    // The catalogue printed by `cadran catalogue` keeps its text id.
    let row = serde_json::to_value(KpiId::ChurnRate.def()).unwrap();
    assert_eq!(row["id"], "churn_rate");
    assert!(row.get("kpi").is_none());
}

#[test]
fn every_breakdown_of_a_full_report_has_its_id() {
    let ws = common::demo_workspace(demo::DEFAULT_SEED, 3_000);
    let report = kpi::report(&ws, &Query::default());
    for key in report.breakdowns.keys() {
        let id: BreakdownId = key
            .parse()
            .unwrap_or_else(|_| panic!("{key}: no BreakdownId"));
        assert_eq!(id.as_str(), key);
        assert_eq!(report.breakdown(id), report.breakdowns[key].as_slice());
    }
    for &id in BreakdownId::ALL {
        assert_eq!(id.as_str().parse::<BreakdownId>(), Ok(id));
    }
    // The demo sells every month: revenue by month is never empty.
    assert!(!report.breakdown(BreakdownId::RevenueByMonth).is_empty());
}
