//! Golden reports: `cadran kpis` over the real exports in `tests/data`, for a
//! few periods and filters, compared byte for byte with the JSON committed in
//! `tests/golden/`. Any figure that moves shows up in review as a diff of
//! those files.
//!
//! After an intended change of a figure, refresh them with
//! `CADRAN_BLESS=1 cargo test --test golden` and review `git diff tests/golden`.

mod common;

use std::path::PathBuf;

const SUPERSTORE: &str = "superstore/Superstore.csv";
const CRM: [&str; 4] = [
    "crm_sales_opportunities/sales_pipeline.csv",
    "crm_sales_opportunities/sales_teams.csv",
    "crm_sales_opportunities/accounts.csv",
    "crm_sales_opportunities/products.csv",
];

/// Each golden report: its file name, the data files, and the other arguments.
fn cases() -> Vec<(&'static str, Vec<&'static str>, Vec<&'static str>)> {
    vec![
        ("superstore-all", vec![SUPERSTORE], vec![]),
        (
            "superstore-2016",
            vec![SUPERSTORE],
            vec!["--from", "2016-01-01", "--to", "2016-12-31"],
        ),
        (
            "superstore-2017-q4-west",
            vec![SUPERSTORE],
            vec![
                "--from",
                "2017-10-01",
                "--to",
                "2017-12-31",
                "--where",
                "region=West",
            ],
        ),
        // Superstore's "Segment" column is read as the sector: a segment
        // filter, which no table can take, is refused.
        (
            "superstore-custom-range-consumer",
            vec![SUPERSTORE],
            vec![
                "--from",
                "2015-03-15",
                "--to",
                "2015-06-14",
                "--where",
                "sector=Consumer",
            ],
        ),
        ("crm-all", CRM.to_vec(), vec![]),
        (
            "crm-2017-q2",
            CRM.to_vec(),
            vec!["--from", "2017-04-01", "--to", "2017-06-30"],
        ),
        // Manager and sector come through joins (sales_teams, accounts).
        (
            "crm-2017-manager",
            CRM.to_vec(),
            vec![
                "--from",
                "2017-01-01",
                "--to",
                "2017-12-31",
                "--where",
                "manager=Celia Rouche",
            ],
        ),
        (
            "crm-all-sector-software",
            CRM.to_vec(),
            vec!["--where", "sector=software"],
        ),
    ]
}

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.json"))
}

fn kpis(files: &[&str], args: &[&str]) -> String {
    let mut all: Vec<std::ffi::OsString> = vec!["kpis".into()];
    all.extend(files.iter().map(|f| common::data(f).into_os_string()));
    all.extend(args.iter().map(Into::into));
    common::cli_text(&all)
}

#[test]
fn reports_of_the_real_exports_are_unchanged() {
    let bless = std::env::var_os("CADRAN_BLESS").is_some();
    let mut moved = Vec::new();
    for (name, files, args) in cases() {
        let got = kpis(&files, &args);
        let path = golden(name);
        if bless {
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("writable");
            std::fs::write(&path, &got).expect("writable");
            continue;
        }
        let want =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if got != want {
            // The first differing line says where to look.
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .map_or(0, |i| i + 1);
            moved.push(format!("{name} (first difference at line {line})"));
        }
    }
    assert!(
        moved.is_empty(),
        "reports differ from tests/golden: {moved:?}. If the change is intended, refresh with \
         `CADRAN_BLESS=1 cargo test --test golden` and review `git diff tests/golden`"
    );
}

#[test]
fn golden_reports_cover_every_table_and_filter() {
    // A golden file that a filter emptied would guard nothing: each must hold revenue or won revenue.
    for (name, _, _) in cases() {
        let text = std::fs::read_to_string(golden(name)).expect("golden file");
        let r: cadran::engine::Report<cadran::engine::messages::Said> =
            serde_json::from_str(&text).expect("a report");
        let figure = |id: &str| r.kpi(id).and_then(|k| k.value).unwrap_or(0.0);
        assert!(
            figure("revenue") > 0.0 || figure("won_revenue") > 0.0,
            "{name} holds no revenue"
        );
    }
}
