//! The engine's report against the plain team reference
//! (`tests/reference/team.rs`) on random workspaces: a team table (rep,
//! manager, region, a hire date sometimes missing; names written in
//! another case or without accents), a sales table, an opportunities table
//! with won, lost and open deals and close dates, and an activities table
//! (visits, calls, meetings and e-mails, typed in French or English), each
//! sometimes absent; random periods (single days, calendar months and
//! quarters, ranges, spans outside the data) and rep filters (sometimes a
//! value that matches nothing). `active_reps`, `time_to_first_sale_days`
//! (mean, median, comparisons) and the rep view's `visits` and
//! `visits_per_order` must agree.
//!
//! `cargo test --test differential_team` runs 96 cases; set
//! `PROPTEST_CASES` (for example `PROPTEST_CASES=5000`) for a longer search.

mod common;
mod reference;

use cadran::engine::kpi::{self, Query};
use cadran::engine::schema::Field;
use cadran::engine::Report;
use chrono::NaiveDate;
use proptest::prelude::*;
use reference::families::{Act, Activity};
use reference::gen::{cases, day, kpi_differences, month_of, period, quarter, same};
use reference::pipeline::{fold, Deal};
use reference::team::{report_team, Engine, Hire, RepVisits, TeamReference, Workspace};
use reference::{Line, Span};
use std::collections::BTreeMap;

const REPS: [&str; 5] = ["Anne", "Bruno", "Chloé", "David", "Élodie"];
const MANAGERS: [&str; 2] = ["Marc", "Sophie"];
const REGIONS: [&str; 3] = ["Nord", "Sud", "Ouest"];
const STAGES: [&str; 7] = [
    "Won",
    "Gagné",
    "Closed Won",
    "Lost",
    "Perdu",
    "Négociation",
    "Prospect",
];

/// How the engine departs from docs/KPIS.md today (a known limit, stated
/// there): time to first sale reads the won deals and the team rows of
/// every rep whatever the rep filter (sales lines are filtered). The test
/// follows the engine; `Engine::default()` is KPIS.md's wording.
const ENGINE: Engine = Engine {
    active_by_visits: false,
    first_sale_unfiltered: true,
};

/// Another writing of a name, equal once case and accents are folded.
fn spelled(name: &str, how: u8) -> String {
    match how {
        0 => name.to_string(),
        1 => name.to_uppercase(),
        _ => fold(name),
    }
}

fn rep() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(0.92, (0..REPS.len()).prop_map(|i| REPS[i].to_string()))
}

fn line() -> impl Strategy<Value = Line> {
    (
        prop::option::weighted(0.95, 0i64..400),
        prop_oneof![8 => (1i64..500_000).prop_map(Some), 1 => (-50_000i64..0).prop_map(Some), 1 => Just(None)],
        prop::option::weighted(0.8, 0u8..30),
        0usize..4,
        rep(),
    )
        .prop_map(|(d, cents, order, customer, rep)| Line {
            day: d.map(day),
            cents,
            order: order.map(|o| format!("C{o:02}")),
            customer: Some(["Alpha", "Bravo", "Charlie", "Delta"][customer].to_string()),
            rep,
            region: None,
            product: None,
            sector: None,
            channel: None,
            cost: 0,
            qty: 0,
            orders: None,
        })
}

fn deal() -> impl Strategy<Value = Deal> {
    (
        rep(),
        0..STAGES.len(),
        0i64..400,
        prop::option::weighted(0.85, 0i64..120),
        1i64..3_000_000,
    )
        .prop_map(|(rep, s, created, length, cents)| Deal {
            rep,
            product: None,
            stage: Some(STAGES[s].to_string()),
            created: Some(day(created)),
            closed: length.map(|l| day(created + l)),
            cents: Some(cents),
            probability: None,
        })
}

/// An activity; in the file, each rep is written one way (`how`).
fn activity() -> impl Strategy<Value = Activity> {
    (
        prop::option::weighted(0.95, 0i64..400),
        rep(),
        prop_oneof![
            3 => Just(Act::Visit),
            2 => Just(Act::Call),
            2 => Just(Act::Meeting),
            1 => Just(Act::Email),
        ],
    )
        .prop_map(|(d, rep, act)| Activity {
            day: d.map(day),
            rep,
            act,
            minutes: None,
        })
}

fn team() -> impl Strategy<Value = Vec<Hire>> {
    prop::collection::vec(
        prop::option::weighted(
            0.85,
            (
                0..MANAGERS.len(),
                0..REGIONS.len(),
                0u8..3,
                prop::option::weighted(0.8, -60i64..380),
            ),
        ),
        REPS.len(),
    )
    .prop_map(|rows| {
        let mut team: Vec<Hire> = rows
            .into_iter()
            .zip(REPS)
            .filter_map(|(row, rep)| {
                let (m, r, how, hired) = row?;
                Some(Hire {
                    rep: spelled(rep, how),
                    manager: Some(MANAGERS[m].to_string()),
                    region: Some(REGIONS[r].to_string()),
                    hired: hired.map(day),
                })
            })
            .collect();
        // A rep of the team who never sold, hired on the first day.
        team.push(Hire {
            rep: "Zoé".into(),
            manager: Some("Sophie".into()),
            region: Some("Sud".into()),
            hired: Some(day(0)),
        });
        team
    })
}

/// A workspace; most reps of the team sold nothing before their hire
/// (so that their time to first sale counts), some did.
fn workspace() -> impl Strategy<Value = (Workspace, u8)> {
    (
        prop::option::weighted(0.85, team()),
        prop::option::weighted(0.8, prop::collection::vec(line(), 1..80)),
        prop::option::weighted(0.7, prop::collection::vec(deal(), 1..40)),
        prop::option::weighted(0.8, prop::collection::vec(activity(), 1..80)),
        0u8..3,
        prop::collection::vec(prop::bool::weighted(0.7), REPS.len()),
    )
        .prop_map(
            |(team, mut sales, mut deals, activities, how, after_hire)| {
                let hired = |rep: &Option<String>| -> Option<NaiveDate> {
                    let rep = rep.as_deref()?;
                    let i = REPS.iter().position(|r| *r == rep)?;
                    let h = team.iter().flatten().find(|h| fold(&h.rep) == fold(rep))?;
                    h.hired.filter(|_| after_hire[i])
                };
                let keep = |rep: &Option<String>, d: Option<NaiveDate>| {
                    hired(rep).is_none_or(|h| d.is_none_or(|d| d >= h))
                };
                if let Some(lines) = &mut sales {
                    lines.retain(|l| keep(&l.rep, l.day));
                }
                if let Some(deals) = &mut deals {
                    deals.retain(|x| keep(&x.rep, x.closed));
                }
                (
                    Workspace {
                        team,
                        sales,
                        deals,
                        activities,
                    },
                    how,
                )
            },
        )
}

fn cents_text(c: i64, sep: char) -> String {
    let sign = if c < 0 { "-" } else { "" };
    format!("{sign}{}{sep}{:02}", c.abs() / 100, c.abs() % 100)
}

fn date(x: Option<NaiveDate>) -> String {
    x.map_or(String::new(), |x| x.format("%Y-%m-%d").to_string())
}

fn act_word(a: Act, french: bool) -> &'static str {
    match (a, french) {
        (Act::Visit, true) => "Visite client",
        (Act::Visit, false) => "Visit",
        (Act::Call, true) => "Appel",
        (Act::Call, false) => "Phone call",
        (Act::Meeting, true) => "Réunion",
        (Act::Meeting, false) => "Meeting",
        (Act::Email, true) => "Courriel",
        (_, false) => "Email",
        (Act::Other, true) => "Autre",
    }
}

/// The workspace's CSV files, French (`;`, decimal commas) or English;
/// activities write each rep's name the way `how` says.
fn files(ws: &Workspace, french: bool, how: u8) -> Vec<(&'static str, String)> {
    let (d, sep) = if french { (';', ',') } else { (',', '.') };
    let row = |cells: Vec<String>| cells.join(&d.to_string()) + "\n";
    let header = |fr: &str, en: &str| {
        row(if french { fr } else { en }
            .split('|')
            .map(String::from)
            .collect())
    };
    let mut out = Vec::new();
    if let Some(team) = &ws.team {
        let mut t = header(
            "Commercial|Manager|Région|Date d'embauche",
            "Sales Rep|Manager|Region|Hire Date",
        );
        for h in team {
            t.push_str(&row(vec![
                h.rep.clone(),
                h.manager.clone().unwrap_or_default(),
                h.region.clone().unwrap_or_default(),
                date(h.hired),
            ]));
        }
        out.push(("equipe.csv", t));
    }
    if let Some(sales) = &ws.sales {
        let mut t = header(
            "Date|N° commande|Client|Commercial|Montant",
            "Order Date|Order ID|Customer|Sales Rep|Sales",
        );
        for l in sales {
            t.push_str(&row(vec![
                date(l.day),
                l.order.clone().unwrap_or_default(),
                l.customer.clone().unwrap_or_default(),
                l.rep.clone().unwrap_or_default(),
                l.cents.map_or(String::new(), |c| cents_text(c, sep)),
            ]));
        }
        out.push(("ventes.csv", t));
    }
    if let Some(deals) = &ws.deals {
        let mut t = header(
            "Référence|Commercial|Compte|Étape|Date de création|Date de clôture|Montant",
            "Opportunity ID|Sales Rep|Account|Stage|Created Date|Close Date|Amount",
        );
        for (i, x) in deals.iter().enumerate() {
            t.push_str(&row(vec![
                format!("O{i:03}"),
                x.rep.clone().unwrap_or_default(),
                "Alpha".into(),
                x.stage.clone().unwrap_or_default(),
                date(x.created),
                date(x.closed),
                x.cents.map_or(String::new(), |c| cents_text(c, sep)),
            ]));
        }
        out.push(("opportunites.csv", t));
    }
    if let Some(acts) = &ws.activities {
        let mut t = header("Date|Commercial|Type", "Date|Sales Rep|Activity Type");
        for a in acts {
            t.push_str(&row(vec![
                date(a.day),
                a.rep.as_deref().map_or(String::new(), |r| spelled(r, how)),
                act_word(a.act, french).to_string(),
            ]));
        }
        out.push(("activites.csv", t));
    }
    out
}

/// What the files say: the activities' reps as written there.
fn as_written(ws: &Workspace, how: u8) -> Workspace {
    let mut ws = ws.clone();
    for a in ws.activities.iter_mut().flatten() {
        a.rep = a.rep.as_deref().map(|r| spelled(r, how));
    }
    ws
}

/// Periods of every shape, most of them over the data's 400 days (wide
/// enough to hold hires and first sales), some outside it.
fn span() -> impl Strategy<Value = Span> {
    prop_oneof![
        1 => (-200i64..900).prop_map(|n| Span { from: day(n), to: day(n) }),
        2 => (-30i64..420).prop_map(|n| month_of(day(n))),
        1 => (4i64..10).prop_map(quarter),
        6 => (-100i64..350, 20i64..400).prop_map(|(n, len)| Span {
            from: day(n),
            to: day(n + len)
        }),
        1 => (-400i64..1400, 1i64..500).prop_map(|(n, len)| Span {
            from: day(n),
            to: day(n + len)
        }),
    ]
}

fn rep_filter() -> impl Strategy<Value = Option<Vec<String>>> {
    let pick = prop::collection::vec((0..REPS.len() + 1, 0u8..3), 1..3).prop_map(|ix| {
        ix.into_iter()
            .map(|(i, how)| REPS.get(i).map_or("Zulu".to_string(), |n| spelled(n, how)))
            .collect::<Vec<_>>()
    });
    prop_oneof![3 => Just(None), 2 => pick.prop_map(Some)]
}

fn engine_report(files: &[(&str, String)], p: Span, reps: Option<&[String]>) -> Report {
    let texts: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let ws = common::workspace_of(&texts);
    let q = Query {
        period: Some(period(p)),
        filters: reps
            .map(|v| vec![(Field::Rep, v.to_vec())])
            .unwrap_or_default()
            .into_iter()
            .collect(),
        ..Query::default()
    };
    kpi::report(&ws, &q)
}

/// The engine's rep view rows with visits, by folded name.
fn engine_visits(got: &Report) -> BTreeMap<String, RepVisits> {
    got.reps
        .iter()
        .filter(|r| r.visits.is_some() || r.visits_per_order.is_some())
        .map(|r| {
            (
                fold(&r.rep),
                RepVisits {
                    name: r.rep.clone(),
                    visits: r.visits.unwrap_or(f64::NAN),
                    visits_per_order: r.visits_per_order,
                },
            )
        })
        .collect()
}

fn compare(got: &Report, want: &TeamReference) -> Vec<String> {
    let mut out = kpi_differences(got, &want.kpis, |_, a, b| same(a, b));
    let median = got.kpi("time_to_first_sale_days").and_then(|k| k.median);
    if !same(median, want.first_sale_median) {
        out.push(format!(
            "median time to first sale: engine {median:?}, reference {:?}",
            want.first_sale_median
        ));
    }
    let reps = engine_visits(got);
    let matches = reps.len() == want.reps.len()
        && reps.iter().zip(&want.reps).all(|((k, g), (wk, w))| {
            k == wk
                && g.name == w.name
                && same(Some(g.visits), Some(w.visits))
                && same(g.visits_per_order, w.visits_per_order)
        });
    if !matches {
        out.push(format!("reps: engine {reps:?}, reference {:?}", want.reps));
    }
    out
}

fn differences(
    ws: &Workspace,
    how: u8,
    french: bool,
    p: Span,
    reps: Option<&[String]>,
) -> Vec<String> {
    let files = files(ws, french, how);
    let got = engine_report(&files, p, reps);
    let want = report_team(&as_written(ws, how), p, reps, ENGINE);
    compare(&got, &want)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn the_team_agrees_with_the_reference(
        (ws, how) in workspace(),
        french in any::<bool>(),
        p in span(),
        reps in rep_filter(),
    ) {
        let diffs = differences(&ws, how, french, p, reps.as_deref());
        prop_assert!(
            diffs.is_empty(),
            "period {:?}, reps {:?}:\n{}\n{}",
            p, reps, diffs.join("\n"),
            files(&ws, french, how).iter().map(|(n, t)| format!("--- {n}\n{t}")).collect::<String>()
        );
    }
}

/// The reference itself, on a workspace small enough to check by hand: it
/// must not agree with the engine by sharing its mistakes.
#[test]
fn the_reference_on_a_hand_checked_case() {
    let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day);
    let hire = |rep: &str, hired| Hire {
        rep: rep.into(),
        manager: Some("Marc".into()),
        region: Some("Nord".into()),
        hired,
    };
    let sale = |rep: &str, order: &str, day, cents| Line {
        day,
        cents: Some(cents),
        order: Some(order.into()),
        customer: Some("Alpha".into()),
        rep: Some(rep.into()),
        region: None,
        product: None,
        sector: None,
        channel: None,
        cost: 0,
        qty: 0,
        orders: None,
    };
    let deal = |rep: &str, stage: &str, closed| Deal {
        rep: Some(rep.into()),
        product: None,
        stage: Some(stage.into()),
        created: d(1, 2),
        closed,
        cents: Some(100_000),
        probability: None,
    };
    let act = |rep: &str, act, day| Activity {
        day,
        rep: Some(rep.into()),
        act,
        minutes: None,
    };
    let ws = Workspace {
        team: Some(vec![
            // Hired in February: first won deal on the 12th, 7 days.
            hire("ANNE", d(2, 5)),
            // Hired in February, but sold on the 8th, before: left out.
            hire("Bruno", d(2, 10)),
            // Hired in January (the previous period): first sale on 2
            // February, 18 days.
            hire("chloe", d(1, 15)),
            // Hired in February: first won deal on 10 March, 19 days.
            hire("David", d(2, 20)),
            // Hired in February: first sale on the 29th, 28 days.
            hire("Élodie", d(2, 1)),
            // No hire date.
            hire("Zoé", None),
        ]),
        sales: Some(vec![
            sale("Anne", "A1", d(2, 15), 10_000),
            sale("Anne", "A2", d(3, 1), 5_000),
            sale("Bruno", "B1", d(2, 8), 3_000),
            sale("Chloé", "C1", d(2, 2), 8_000),
            sale("Chloé", "C2", d(2, 3), 2_000),
            sale("Élodie", "E1", d(2, 29), 1_000),
        ]),
        deals: Some(vec![
            deal("Anne", "Gagné", d(2, 12)),
            deal("David", "Closed Won", d(3, 10)),
            deal("Bruno", "Perdu", d(2, 20)),
        ]),
        activities: Some(vec![
            act("Anne", Act::Visit, d(2, 6)),
            act("Anne", Act::Visit, d(2, 20)),
            act("Anne", Act::Call, d(2, 7)),
            act("Bruno", Act::Call, d(2, 9)),
            act("Chloé", Act::Visit, d(2, 3)),
            // David's only activity in February: an e-mail.
            act("David", Act::Email, d(2, 21)),
        ]),
    };
    let p = Span {
        from: d(2, 1).expect("a day"),
        to: d(2, 29).expect("a day"),
    };
    // Activities write names in capitals; the rep view shows the sales' names.
    let written = as_written(&ws, 1);
    let r = report_team(&written, p, None, ENGINE);
    // Mean of 7, 19 and 28 days; the previous period (3–31 January) holds
    // Chloé's 18; February 2023, nobody.
    assert_eq!(
        r.kpis["time_to_first_sale_days"],
        [Some(18.0), Some(18.0), None]
    );
    assert_eq!(r.first_sale_median, Some(19.0));
    // Anne, Bruno, Chloé and Élodie sold in February; David e-mailed,
    // which is an activity too.
    // January is covered (the data starts on 2 January), February 2023 is not.
    assert_eq!(r.kpis["active_reps"], [Some(5.0), Some(0.0), None]);
    let docs = Engine::default();
    // Counting visits only, David would be left out.
    let by_visits = Engine {
        active_by_visits: true,
        ..ENGINE
    };
    assert_eq!(
        report_team(&written, p, None, by_visits).kpis["active_reps"][0],
        Some(4.0)
    );
    let visits: Vec<(&str, f64, Option<f64>)> = r
        .reps
        .values()
        .map(|v| (v.name.as_str(), v.visits, v.visits_per_order))
        .collect();
    // Anne: 2 visits, 1 order in February; Chloé: 1 visit, 2 orders.
    assert_eq!(
        visits,
        [("Anne", 2.0, Some(2.0)), ("Chloé", 1.0, Some(0.5))]
    );
    // Filtered on Anne: KPIS.md keeps her 7 days; the engine also counts
    // David's 19, from his won deal and team row outside the filter.
    let anne = ["anne".to_string()];
    let filtered = |e| report_team(&written, p, Some(&anne), e).kpis["time_to_first_sale_days"][0];
    assert_eq!(filtered(docs), Some(7.0));
    assert_eq!(filtered(ENGINE), Some(13.0));
    for french in [true, false] {
        for reps in [None, Some(&anne[..])] {
            let diffs = differences(&ws, 1, french, p, reps);
            assert!(diffs.is_empty(), "{}", diffs.join("\n"));
        }
    }
}

/// One rep written two ways in the activities file is one row of the rep
/// view, with every visit; a rep who only e-mailed is active.
#[test]
fn a_rep_written_two_ways_keeps_every_visit() {
    let ws = common::workspace_of(&[(
        "activites.csv",
        "Date;Commercial;Type;Client;Résultat;Durée (min)\n\
         2024-03-04;Anne;Visite;Alpha;Signé;30\n\
         2024-03-05;ANNE;Visite;Bravo;À relancer;30\n\
         2024-03-06;anne;Visite;Charlie;À relancer;30\n\
         2024-03-07;Bruno;Email;Alpha;À relancer;5\n",
    )]);
    let r = cadran::engine::kpi::report(&ws, &Query::default());
    let visits: Vec<(&str, Option<f64>)> =
        r.reps.iter().map(|x| (x.rep.as_str(), x.visits)).collect();
    assert_eq!(visits, [("Anne", Some(3.0))]);
    assert_eq!(r.kpi("active_reps").and_then(|k| k.value), Some(2.0));
}
