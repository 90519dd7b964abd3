//! The demo company: deterministic, every table kind recognised, every KPI computed.

mod common;

use cadran::engine::demo;
use cadran::engine::kpi::{self, Preset, Query, CATALOGUE};
use cadran::engine::Kind;

#[test]
fn same_seed_same_bytes() {
    assert_eq!(demo::workspace_files(3, 800), demo::workspace_files(3, 800));
    assert_ne!(demo::workspace_files(3, 800), demo::workspace_files(4, 800));
}

#[test]
fn every_file_gets_its_kind() {
    let ws = common::demo_workspace(demo::DEFAULT_SEED, 2_000);
    let kinds: Vec<(String, Kind)> = ws
        .tables
        .iter()
        .map(|t| (t.summary.file.clone(), t.summary.kind))
        .collect();
    let expected = [
        Kind::Sales,
        Kind::Team,
        Kind::Customers,
        Kind::Opportunities,
        Kind::Leads,
        Kind::Activities,
        Kind::Spend,
        Kind::Feedback,
        Kind::Invoices,
        Kind::Carts,
    ];
    for (i, k) in expected.iter().enumerate() {
        assert_eq!(kinds[i].1, *k, "{}", kinds[i].0);
    }
    // The page waits for this many demo tables before its first report.
    assert_eq!(kinds.len(), demo::FILE_COUNT);
    for t in &ws.tables {
        assert!(t.mapping.complete(), "{}", t.summary.file);
    }
}

#[test]
fn the_demo_dashboard_shows_every_kpi() {
    let ws = common::demo_workspace(demo::DEFAULT_SEED, 6_000);
    // The last demo year, so that every comparison has a previous period.
    let q = Query {
        preset: Some(Preset::ThisYear),
        ..Query::default()
    };
    let r = kpi::report(&ws, &q);
    assert_eq!(
        r.period.as_ref().map(|p| p.from.as_str()),
        Some("2025-01-01")
    );
    let missing: Vec<&str> = CATALOGUE
        .iter()
        .filter(|d| r.kpis.get(d.id).and_then(|k| k.value).is_none())
        .map(|d| d.id)
        .collect();
    assert!(missing.is_empty(), "no value for {missing:?}");
    assert!(
        r.relations.iter().all(|rel| rel.unmatched_rows == 0),
        "{:?}",
        r.relations
    );
    assert!(!r.cohorts.is_empty() && !r.funnel.is_empty() && !r.reps.is_empty());
}

#[test]
fn previous_and_last_year_values_are_those_periods_own_values() {
    use cadran::engine::kpi::Period;
    use cadran::engine::parse::date::parse_iso_day;
    let ws = common::demo_workspace(demo::DEFAULT_SEED, 3_000);
    let day = |s: &str| parse_iso_day(s).expect("a day");
    let p = Period::new(day("2025-04-01"), day("2025-06-30"));
    let at = |period: Period| {
        kpi::report(
            &ws,
            &Query {
                period: Some(period),
                ..Query::default()
            },
        )
    };
    let now = at(p);
    let before = at(p.previous());
    let last_year = at(p.last_year());
    for id in [
        "active_reps",
        "revenue",
        "order_count",
        "won_deals",
        "visits",
    ] {
        let k = &now.kpis[id];
        assert_eq!(k.previous, before.kpis[id].value, "{id} previous");
        assert_eq!(k.last_year, last_year.kpis[id].value, "{id} last year");
    }
}

#[test]
fn the_demo_objectives_show_each_level() {
    use cadran::engine::objectives::{evaluate, Level};
    let ws = common::demo_workspace(demo::DEFAULT_SEED, 6_000);
    let objectives = demo::objectives::objectives();
    let results = evaluate(&ws, &Query::default(), &objectives);
    let levels: Vec<Option<Level>> = results.iter().map(|r| r.level).collect();
    assert_eq!(
        levels,
        [Some(Level::Ahead), Some(Level::Balance), Some(Level::Alert)]
    );
    assert!(objectives.iter().all(demo::objectives::is_demo));
}
