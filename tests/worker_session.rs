//! The engine worker's session, natively: what the page sends (as JSON, as the
//! browser does) and what it gets back, including progress on a big file.

mod common;

use cadran::engine::kpi::{self, Query};
use cadran::engine::{demo, Field, Kind};
use cadran::view::ViewState;
use cadran::worker::protocol::{ComputeRequest, Phase, Rehearsal, Reply, Request};
use cadran::worker::session::Session;

/// Sends a request through JSON both ways, as `postMessage` carries it.
fn ask(s: &mut Session, req: Request) -> Vec<Reply> {
    let req: Request = serde_json::from_str(&serde_json::to_string(&req).unwrap()).unwrap();
    let mut out = Vec::new();
    s.handle(req, &mut |r| {
        out.push(serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap())
    });
    out
}

/// A report of the default view, numbered `seq`.
fn compute_request(seq: u64) -> Request {
    Request::Compute(Box::new(ComputeRequest {
        seq,
        view: ViewState::default(),
        currency: "EUR".into(),
        stage_probabilities: Default::default(),
        dormancy_days: None,
        setup: Default::default(),
    }))
}

fn compute(s: &mut Session, seq: u64) -> cadran::worker::protocol::Computed {
    let replies = ask(s, compute_request(seq));
    match replies.into_iter().next() {
        Some(Reply::Computed(c)) => *c,
        other => panic!("expected a report, got {other:?}"),
    }
}

/// The ids of the tables the replies say were read.
fn loaded_ids(replies: &[Reply]) -> Vec<u32> {
    replies
        .iter()
        .filter_map(|r| match r {
            Reply::Loaded { id, .. } => Some(*id),
            _ => None,
        })
        .collect()
}

/// The filter options of a report's replies, if they came with it.
fn options_after(replies: &[Reply]) -> Option<&std::collections::BTreeMap<Field, Vec<String>>> {
    match replies {
        [Reply::Computed(_), Reply::FilterOptions { options }] => Some(options),
        [Reply::Computed(_)] => None,
        other => panic!("expected a report, then perhaps options: {other:?}"),
    }
}

#[test]
fn demo_tables_in_use_give_the_engines_report() {
    let mut s = Session::default();
    let ids = loaded_ids(&ask(&mut s, Request::Demo { first_id: 100 }));
    assert_eq!(
        ids,
        (100..100 + demo::FILE_COUNT as u32).collect::<Vec<_>>()
    );
    // Pending tables are not on the dashboard yet: nor are their dates and values.
    let pending = compute(&mut s, 1);
    assert!(pending
        .report
        .kpis
        .get("revenue")
        .and_then(|k| k.value)
        .is_none());
    assert!(pending.data_span.is_none() && pending.filter_fields.is_empty());
    ask(&mut s, Request::Use { ids: ids.clone() });
    let c = compute(&mut s, 2);
    assert_eq!(c.seq, 2);
    let direct = kpi::report(
        &common::demo_workspace(demo::DEFAULT_SEED, 6_000),
        &Query {
            currency: Some("EUR".into()),
            ..Query::default()
        },
    );
    assert_eq!(c.report, direct);
    assert!(c.data_span.is_some());
    assert!(c.filter_fields.contains(&Field::Rep));
    // Taking the sales table off the dashboard forgets it.
    ask(&mut s, Request::Drop { ids: vec![100] });
    assert!(compute(&mut s, 3).report.kpis["revenue"].value.is_none());
    // The span and filter values follow the tables' kinds: with every table
    // made of no known kind, there are none.
    for &id in &ids[1..] {
        ask(
            &mut s,
            Request::Remap {
                id,
                kind: Some(Kind::Unknown),
                overrides: Default::default(),
            },
        );
    }
    let unknown = compute(&mut s, 4);
    assert!(unknown.data_span.is_none() && unknown.filter_fields.is_empty());
}

#[test]
fn filter_values_follow_the_first_report_of_each_set_of_tables() {
    let mut s = Session::default();
    ask(&mut s, Request::Demo { first_id: 100 });
    let ids: Vec<u32> = (100..100 + demo::FILE_COUNT as u32).collect();
    ask(&mut s, Request::Use { ids: ids.clone() });
    let req = compute_request;
    let first = ask(&mut s, req(1));
    let options = options_after(&first).expect("options after the first report");
    let direct = kpi::filter_options(&common::demo_workspace(demo::DEFAULT_SEED, 6_000));
    assert_eq!(options, &direct);
    assert!(direct[&Field::Customer].len() > 10);
    // The report names the same fields, with every report; the values only once.
    let Reply::Computed(c) = &first[0] else {
        unreachable!()
    };
    assert_eq!(c.filter_fields, direct.keys().copied().collect::<Vec<_>>());
    assert_eq!(options_after(&ask(&mut s, req(2))), None);
    // Other tables: their values, once.
    ask(
        &mut s,
        Request::Use {
            ids: ids[..1].to_vec(),
        },
    );
    let sales_alone = ask(&mut s, req(3));
    let options = options_after(&sales_alone).expect("options of the new tables");
    assert!(!options.contains_key(&Field::Manager) && options.contains_key(&Field::Rep));
    assert_eq!(options_after(&ask(&mut s, req(4))), None);
    // A mapping changed on a table in use changes the values too.
    ask(
        &mut s,
        Request::Remap {
            id: ids[0],
            kind: Some(Kind::Unknown),
            overrides: Default::default(),
        },
    );
    let unknown = ask(&mut s, req(5));
    assert_eq!(options_after(&unknown), Some(&Default::default()));
}

#[test]
fn progress_is_reported_while_a_big_file_is_read() {
    let bytes = demo::sales_csv(7, 200_000);
    let mut s = Session::default();
    let mut replies = Vec::new();
    s.load(1, "big.csv", &bytes, true, None, &mut |r| replies.push(r));
    let shares: Vec<(f64, usize)> = replies
        .iter()
        .filter_map(|r| match r {
            Reply::Progress {
                phase: Phase::Parsing,
                done,
                rows,
                ..
            } => Some((*done, *rows)),
            _ => None,
        })
        .collect();
    // Reports every 65 536 rows (of the first half when the file is read on
    // two threads), growing, below 1; then typing the columns once every
    // row is split.
    assert!(!shares.is_empty() && shares.len() <= 3, "{shares:?}");
    let typing: Vec<usize> = replies
        .iter()
        .filter_map(|r| match r {
            Reply::Progress {
                phase: Phase::Typing,
                rows,
                ..
            } => Some(*rows),
            _ => None,
        })
        .collect();
    assert_eq!(typing, vec![200_000]);
    assert!(shares
        .windows(2)
        .all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
    assert!(shares.iter().all(|&(d, _)| d > 0.0 && d < 1.0));
    match replies.last() {
        Some(Reply::Loaded { id: 1, table }) => {
            assert_eq!(table.summary.rows, 200_000);
            assert_eq!(table.mapping.kind, Kind::Sales);
        }
        other => panic!("expected the table, got {other:?}"),
    }
}

#[test]
fn mapping_changes_come_back_as_summaries_and_bad_files_as_reasons() {
    let mut s = Session::default();
    let mut replies = Vec::new();
    s.load(
        5,
        "ventes.csv",
        b"Date;Client;Montant\n05/03/2024;Durand;1 234,50\n",
        true,
        None,
        &mut |r| replies.push(r),
    );
    assert!(matches!(replies.last(), Some(Reply::Loaded { id: 5, .. })));
    let back = ask(
        &mut s,
        Request::Remap {
            id: 5,
            kind: Some(Kind::Invoices),
            overrides: Default::default(),
        },
    );
    match back.as_slice() {
        [Reply::Loaded { id: 5, table }] => assert_eq!(table.mapping.kind, Kind::Invoices),
        other => panic!("{other:?}"),
    }
    replies.clear();
    s.load(
        6,
        "photo.png",
        &[0x89, b'P', b'N', b'G', 0, 0, 1, 2],
        true,
        None,
        &mut |r| replies.push(r),
    );
    match replies.as_slice() {
        [Reply::Failed { id: 6, fr, en, .. }] => assert!(!fr.is_empty() && !en.is_empty()),
        other => panic!("{other:?}"),
    }
    // A load without its file is refused with a reason, not a crash.
    let lost = ask(
        &mut s,
        Request::Load {
            id: 7,
            name: "x.csv".into(),
            french: true,
            mapping: None,
            sheet: None,
        },
    );
    assert!(matches!(lost.as_slice(), [Reply::Failed { id: 7, .. }]));
}

#[test]
fn objectives_follow_their_targets_and_the_tables_not_the_view() {
    use cadran::engine::objectives::{Objective, ObjectivePeriod, Scope, SetUp};
    let mut s = Session::default();
    let january = "Date,Rep,Amount\n2024-01-02,Ann,60\n2024-01-09,Bob,40\n";
    let other = "Date,Rep,Amount\n2024-01-20,Ann,30\n";
    s.load(
        1,
        "january.csv",
        january.as_bytes(),
        true,
        None,
        &mut |_| {},
    );
    s.load(2, "other.csv", other.as_bytes(), true, None, &mut |_| {});
    ask(&mut s, Request::Use { ids: vec![1] });
    let revenue = |target: f64| Objective {
        id: "team".into(),
        kpi: "revenue".into(),
        scope: Scope::team(),
        period: ObjectivePeriod::Month("2024-01".into()),
        target,
        alert_threshold: 0.9,
        note: String::new(),
    };
    let ask_with = |s: &mut Session, target: f64, rep: Option<&str>| {
        let mut view = ViewState::default();
        if let Some(r) = rep {
            view.filters.insert(Field::Rep, vec![r.into()]);
        }
        let req = ComputeRequest {
            seq: 1,
            view,
            currency: "EUR".into(),
            stage_probabilities: Default::default(),
            dormancy_days: None,
            setup: SetUp {
                objectives: vec![revenue(target)],
                ..SetUp::default()
            },
        };
        match ask(s, Request::Compute(Box::new(req))).into_iter().next() {
            Some(Reply::Computed(c)) => {
                let o = &c.objectives[0];
                (c.report.kpis["revenue"].value, o.actual, o.attainment)
            }
            other => panic!("expected a report, got {other:?}"),
        }
    };
    // 60 + 40 of a 200 target.
    assert_eq!(
        ask_with(&mut s, 200.0, None),
        (Some(100.0), Some(100.0), Some(0.5))
    );
    // The view shows Ann's 60; the team's objective is still measured on all.
    assert_eq!(
        ask_with(&mut s, 200.0, Some("Ann")),
        (Some(60.0), Some(100.0), Some(0.5))
    );
    // A new target is measured again…
    assert_eq!(ask_with(&mut s, 400.0, None).2, Some(0.25));
    // …and so are other tables.
    ask(&mut s, Request::Use { ids: vec![2] });
    assert_eq!(
        ask_with(&mut s, 400.0, None),
        (Some(30.0), Some(30.0), Some(0.075))
    );
}

#[test]
fn a_view_filter_on_a_field_no_table_has_is_left_out_and_said() {
    use cadran::engine::objectives::{Objective, ObjectivePeriod, Scope, SetUp};
    let mut s = Session::default();
    // Ann 60 + 30 in the West, Bob 40 in the East; no manager anywhere.
    let sales = "Date,Rep,Region,Amount\n2024-01-02,Ann,West,60\n2024-01-09,Bob,East,40\n2024-01-20,Ann,West,30\n";
    s.load(1, "sales.csv", sales.as_bytes(), true, None, &mut |_| {});
    ask(&mut s, Request::Use { ids: vec![1] });
    // A link's view: a manager (no table has one) and a region.
    let mut view = ViewState::default();
    view.filters.insert(Field::Manager, vec!["Marie".into()]);
    view.filters.insert(Field::Region, vec!["West".into()]);
    let by_manager = Objective {
        id: "marie".into(),
        kpi: "revenue".into(),
        scope: Scope::of(Field::Manager, "Marie"),
        period: ObjectivePeriod::Month("2024-01".into()),
        target: 100.0,
        alert_threshold: 0.9,
        note: String::new(),
    };
    let req = ComputeRequest {
        seq: 1,
        view,
        currency: "EUR".into(),
        stage_probabilities: Default::default(),
        dormancy_days: None,
        setup: SetUp {
            objectives: vec![by_manager],
            ..SetUp::default()
        },
    };
    let c = match ask(&mut s, Request::Compute(Box::new(req))).swap_remove(0) {
        Reply::Computed(c) => *c,
        other => panic!("expected a report, got {other:?}"),
    };
    // The options the filter bar reads have no manager, so it shows that
    // filter as not applied; the region applies: 60 + 30.
    assert!(!c.filter_fields.contains(&Field::Manager));
    assert_eq!(c.report.kpis["revenue"].value, Some(90.0));
    assert!(c.report.notes.is_empty(), "{:?}", c.report.notes);
    // An objective scoped on a manager measures nothing, and says why.
    let o = &c.objectives[0];
    assert_eq!(o.actual, None);
    assert_eq!(
        o.unavailable
            .as_ref()
            .map(cadran::locale::reason_json)
            .as_deref(),
        Some("sales.csv has no manager: this figure cannot be filtered by manager")
    );
}

#[test]
fn the_dormancy_window_of_the_settings_reaches_the_report() {
    let mut s = Session::default();
    ask(&mut s, Request::Demo { first_id: 100 });
    let ids = (100..100 + demo::FILE_COUNT as u32).collect();
    ask(&mut s, Request::Use { ids });
    let mut report = |dormancy_days| {
        let req = ComputeRequest {
            seq: 1,
            view: ViewState::default(),
            currency: "EUR".into(),
            stage_probabilities: Default::default(),
            dormancy_days,
            setup: Default::default(),
        };
        match ask(&mut s, Request::Compute(Box::new(req)))
            .into_iter()
            .next()
        {
            Some(Reply::Computed(c)) => c.report,
            other => panic!("expected a report, got {other:?}"),
        }
    };
    let (year, month) = (report(None), report(Some(30)));
    assert_eq!((year.dormancy_days, month.dormancy_days), (365, 30));
    let lost = |r: &cadran::engine::Report| r.kpi("lost_customers").and_then(|k| k.value);
    // A month without a purchase loses more customers than a year does.
    assert!(
        lost(&month) > lost(&year),
        "{:?} {:?}",
        lost(&month),
        lost(&year)
    );
}

/// Tables prepared ahead of their confirmation leave the dashboard as it
/// is, and a `Use` of exactly them takes what was prepared: the same
/// report as tables prepared on use. A remap, or other tables, is prepared
/// again on use.
#[test]
fn tables_prepared_ahead_give_the_same_reports() {
    let mut s = Session::default();
    let ids = loaded_ids(&ask(&mut s, Request::Demo { first_id: 100 }));
    // The sales table on the dashboard, the others pending.
    ask(&mut s, Request::Use { ids: vec![100] });
    let before = compute(&mut s, 1);
    ask(&mut s, Request::Prepare { ids: ids.clone() });
    assert!(s.is_prepared(), "the dashboard's own preparation is kept");
    let meanwhile = compute(&mut s, 2);
    assert_eq!(meanwhile.report, before.report);
    assert_eq!(meanwhile.filter_fields, before.filter_fields);
    ask(&mut s, Request::Use { ids: ids.clone() });
    assert!(s.is_prepared(), "taken from the preparation ahead");
    // The filter values follow the first report of the tables, as always.
    let replies = ask(&mut s, compute_request(3));
    let options = options_after(&replies).expect("the filter values").clone();
    assert!(options
        .get(&Field::Rep)
        .is_some_and(|reps| !reps.is_empty()));
    let ahead = match replies.into_iter().next() {
        Some(Reply::Computed(c)) => *c,
        other => panic!("expected a report, got {other:?}"),
    };
    let direct = kpi::report(
        &common::demo_workspace(demo::DEFAULT_SEED, 6_000),
        &Query {
            currency: Some("EUR".into()),
            ..Query::default()
        },
    );
    assert_eq!(ahead.report, direct);

    // Prepared on use by a session that never prepared ahead: the same.
    let mut plain = Session::default();
    ask(&mut plain, Request::Demo { first_id: 100 });
    ask(&mut plain, Request::Use { ids: ids.clone() });
    assert!(!plain.is_prepared());
    let on_use = compute(&mut plain, 3);
    assert_eq!(on_use.report, ahead.report);
    assert_eq!(on_use.filter_fields, ahead.filter_fields);
    assert_eq!(on_use.data_span, ahead.data_span);

    // A table remapped after its preparation ahead: prepared again.
    ask(
        &mut s,
        Request::Prepare {
            ids: ids[..5].to_vec(),
        },
    );
    ask(
        &mut s,
        Request::Remap {
            id: 100,
            kind: Some(Kind::Unknown),
            overrides: Default::default(),
        },
    );
    ask(
        &mut s,
        Request::Use {
            ids: ids[..5].to_vec(),
        },
    );
    assert!(!s.is_prepared());
    let remapped = compute(&mut s, 4);
    assert!(remapped.report.kpis["revenue"].value.is_none());
    // Other tables than those prepared ahead: prepared on use.
    ask(
        &mut s,
        Request::Prepare {
            ids: ids[..3].to_vec(),
        },
    );
    ask(
        &mut s,
        Request::Use {
            ids: ids[..2].to_vec(),
        },
    );
    assert!(!s.is_prepared());
}

/// A table read again under the same id, name and number of rows after
/// its preparation ahead (what `Prepared::fits` cannot tell apart): its
/// tables are prepared again on use, and the report is the new file's.
#[test]
fn a_table_read_again_is_prepared_again() {
    let sales = |amount: &str| {
        format!("Date;Client;Montant\n05/03/2024;Acme;{amount}\n06/03/2024;Beta;10\n")
    };
    let read =
        |csv: String| cadran::engine::read("ventes.csv", csv.as_bytes(), &Default::default());
    let mut s = Session::default();
    let mut out = |_| {};
    s.loaded(1, "ventes.csv", read(sales("100")), None, &mut out);
    ask(&mut s, Request::Prepare { ids: vec![1] });
    s.loaded(1, "ventes.csv", read(sales("250")), None, &mut out);
    ask(&mut s, Request::Use { ids: vec![1] });
    assert!(!s.is_prepared());
    assert_eq!(compute(&mut s, 1).report.kpis["revenue"].value, Some(260.0));
}

/// The page rehearses its views at start-up with what the worker's warm-up
/// read (ui/rehearsal.rs): the same summary, report and filter values a
/// session gives the page for that table read as a file and confirmed.
#[test]
fn the_warm_up_rehearsal_is_what_the_same_file_gives_the_page() {
    let ws = cadran::worker::warm_up::run().expect("the warm-up's export is read");
    let Some(Reply::Rehearsal(r)) = cadran::worker::session::rehearsal(&ws) else {
        panic!("no rehearsal");
    };
    // Through JSON, as postMessage carries it.
    let r: Rehearsal = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert!(r.table.summary.rows > 10_000);
    let mut s = Session::default();
    let mut loaded = Vec::new();
    let table = ws.tables[0].clone();
    s.loaded(1, "warm-up.csv", Ok(table), None, &mut |x| loaded.push(x));
    match &loaded[..] {
        [Reply::Loaded { table, .. }] => assert_eq!(**table, r.table),
        other => panic!("expected the table, got {other:?}"),
    }
    assert!(ask(&mut s, Request::Use { ids: vec![1] }).is_empty());
    let replies = ask(&mut s, compute_request(1));
    let Some(Reply::Computed(c)) = replies.first() else {
        panic!("expected a report, got {replies:?}");
    };
    assert_eq!(c.report, r.computed.report);
    assert_eq!(c.filter_fields, r.computed.filter_fields);
    assert_eq!(c.data_span, r.computed.data_span);
    assert_eq!(options_after(&replies), Some(&r.options));
}
