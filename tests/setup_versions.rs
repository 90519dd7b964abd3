//! A version-1 set-up file and its version-2 equivalent (every target and
//! threshold written with its unit, as the user types it) give the same
//! objectives and alerts through `cadran kpis --objectives`.

mod common;

const V2: &str = r#"{
  "version": 2,
  "objectives": [
    { "id": "team-revenue-2017", "kpi": "revenue", "period": { "year": 2017 },
      "target": { "value": 700000, "unit": "money" }, "note": "Objectif principal : CA 2017" },
    { "id": "team-orders-2017", "kpi": "order_count", "period": { "year": 2017 },
      "target": { "value": 2000, "unit": "count" } },
    { "id": "team-margin-rate-2017", "kpi": "margin_rate", "period": { "year": 2017 },
      "target": { "value": 14, "unit": "percent" }, "alert_threshold": 0.95 },
    { "id": "team-churn-2017", "kpi": "churn_rate", "period": { "year": 2017 },
      "target": { "value": 25, "unit": "percent" } },
    { "id": "west-revenue-2017", "kpi": "revenue", "scope": { "field": "region", "value": "West" },
      "period": { "year": 2017 }, "target": { "value": 250000, "unit": "money" } },
    { "id": "east-revenue-2017", "kpi": "revenue", "scope": { "field": "region", "value": "East" },
      "period": { "year": 2017 }, "target": { "value": 180000, "unit": "money" } },
    { "id": "south-revenue-2017", "kpi": "revenue", "scope": { "field": "region", "value": "South" },
      "period": { "year": 2017 }, "target": { "value": 160000, "unit": "money" } },
    { "id": "central-revenue-q4", "kpi": "revenue", "scope": { "field": "region", "value": "Central" },
      "period": { "quarter": "2017-Q4" }, "target": { "value": 50000, "unit": "money" } },
    { "id": "nowhere-revenue-2017", "kpi": "revenue", "scope": { "field": "region", "value": "Atlantis" },
      "period": { "year": 2017 }, "target": { "value": 1000, "unit": "money" } }
  ],
  "alert_rules": [
    { "id": "margin-rate-low", "kpi": "margin_rate", "when": "below",
      "threshold": { "value": 15, "unit": "percent" }, "note": "Taux de marge sous 15 %" },
    { "id": "basket-low-by-region", "kpi": "avg_order_value", "when": "below",
      "threshold": { "value": 440, "unit": "money" }, "for_each": "region" },
    { "id": "revenue-high", "kpi": "revenue", "when": "above",
      "threshold": { "value": 1e12, "unit": "money" } }
  ]
}"#;

fn report(setup: &str) -> cadran::engine::Report<cadran::engine::messages::Said> {
    let file = common::data("superstore/Superstore.csv")
        .display()
        .to_string();
    common::cli(&[
        "kpis",
        &file,
        "--from",
        "2017-01-01",
        "--to",
        "2017-12-31",
        "--objectives",
        setup,
    ])
}

#[test]
fn version_1_and_version_2_set_ups_mean_the_same() {
    let dir = std::env::temp_dir().join(format!("cadran-setup-versions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let v1 = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/superstore-setup.json");
    let v2 = dir.join("v2.json");
    std::fs::write(&v2, V2).unwrap();
    // The same version-1 file with the margin rate's target typed as a
    // percent (14), as the app wrote it before version 2: above 1, a percent.
    let v1_text = std::fs::read_to_string(v1).unwrap();
    let typed = v1_text.replace("\"target\": 0.14", "\"target\": 14");
    assert_ne!(typed, v1_text);
    let v1_percent = dir.join("v1-percent.json");
    std::fs::write(&v1_percent, typed).unwrap();

    let old = report(v1);
    let new = report(&v2.display().to_string());
    let percent = report(&v1_percent.display().to_string());
    assert_eq!(old.objectives.len(), 9);
    assert_eq!(old.objectives, new.objectives);
    assert_eq!(old.alerts, new.alerts);
    assert_eq!(old.objectives, percent.objectives);
    // The report writes a rate's target as a ratio, like its actual.
    let margin = new
        .objectives
        .iter()
        .find(|o| o.id == "team-margin-rate-2017")
        .unwrap();
    assert_eq!(margin.target, 0.14);
    assert!(margin.actual.is_some_and(|a| a > 0.0 && a < 1.0));
    let _ = std::fs::remove_dir_all(dir);
}
