//! The engine's report against the plain pipeline reference
//! (`tests/reference/pipeline.rs`) on random CRM workspaces: an
//! opportunities table (French or English headers, stages named in both
//! languages, missing created dates, open deals with an expected close
//! date, missing amounts priced from the products table, an optional
//! probability column in percent or as fractions; sometimes a status
//! column beside the stage, some won or lost deals then at the open stage
//! they were last at; sometimes amounts as the CRM export writes them, none
//! for open deals and 0 for lost ones), a team table (rep →
//! manager, region; names written in another case or without accents) and
//! an accounts table (account → sector, as the CRM export's
//! `accounts.csv`; some accounts missing or without a sector, names in
//! another case or without accents on either side) and a products table
//! (list prices), each sometimes absent; random periods (single days,
//! calendar months and quarters, ranges, spans outside the data), filters
//! (rep, manager, region, sector, product; sometimes a value that matches
//! nothing) and stage probabilities from the settings. Every pipeline KPI
//! with its comparisons and its `inputs` (table and rows), the pipeline
//! breakdowns (`won_revenue_by_sector` included), the funnel and the rep
//! view's deal columns must agree, and so must the notes' counts (deals
//! priced from the products table, left out of a past pipeline, lost at 0,
//! without an amount) and the reasons of KPIs unavailable for want of
//! amounts. Deals won or lost in the generated data were open from their
//! created date to their close date, so past pipelines hold deals closed
//! since; some have no created or no close date.
//!
//! `cargo test --test differential_pipeline` runs 96 cases; set
//! `PROPTEST_CASES` (for example `PROPTEST_CASES=5000`) for a longer search.

mod common;
mod reference;

use cadran::engine::kpi::{self, Query};
use cadran::engine::schema::Field;
use cadran::engine::Report;
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use reference::gen::{cases, day, kpi_differences, month_of, origin, period, quarter, same};
use reference::pipeline::{self as rp, By, Crm, Deal, Member, Status};
use reference::Span;
use std::collections::BTreeMap;

const REPS: [&str; 5] = ["Anne", "Bruno", "Chloé", "David", "Élodie"];
const MANAGERS: [&str; 2] = ["Marc", "Sophie"];
const REGIONS: [&str; 3] = ["Nord", "Sud", "Ouest"];
const PRODUCTS: [&str; 5] = ["Atlas", "Boreal", "Cime", "Dune", "Escale"];
const ACCOUNTS: [&str; 6] = ["Alpha", "Bravo", "Charlie", "Delta", "Écume", "Forêt"];
const SECTORS: [&str; 3] = ["Retail", "Santé", "Industrie"];
const OPEN: [&str; 11] = [
    "Prospect",
    "Lead",
    "Qualification",
    "Découverte",
    "Demo",
    "Engagement",
    "Proposition",
    "Devis",
    "Négociation",
    "Closing",
    "Pending review",
];
const WON: [&str; 4] = ["Won", "Closed Won", "Gagné", "Signé"];
const LOST: [&str; 3] = ["Lost", "Closed Lost", "Perdu"];

/// How the file writes probabilities.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Probabilities {
    None,
    /// `40` for 40 %.
    Percent,
    /// `0.40`.
    Fraction,
}

fn deal() -> impl Strategy<Value = Deal> {
    let stage = prop_oneof![
        4 => (0..OPEN.len()).prop_map(|i| Some(OPEN[i].to_string())),
        3 => (0..WON.len()).prop_map(|i| Some(WON[i].to_string())),
        3 => (0..LOST.len()).prop_map(|i| Some(LOST[i].to_string())),
        // An empty stage: an open deal at the default 25 %.
        1 => Just(None),
    ];
    (
        prop::option::weighted(0.92, 0..REPS.len()),
        prop::option::weighted(0.95, 0..PRODUCTS.len()),
        stage,
        prop::option::weighted(0.9, 0i64..1100),
        (prop::bool::weighted(0.9), 0i64..1100, 0i64..250),
        prop_oneof![6 => 0i64..5_000_000, 1 => Just(0i64)],
        prop::bool::weighted(0.2),
        prop::option::weighted(0.6, 0u8..=20),
    )
        .prop_map(
            |(rep, product, stage, created, (closes, base, length), cents, no_amount, p)| {
                // Won and lost deals usually have a close date, open ones
                // sometimes (the expected one); never before creation.
                let closing = match rp::status(stage.as_deref()) {
                    Status::Open => closes && length % 3 == 0,
                    _ => closes,
                };
                Deal {
                    rep: rep.map(|i| REPS[i].to_string()),
                    product: product.map(|i| PRODUCTS[i].to_string()),
                    stage,
                    created: created.map(day),
                    closed: closing.then(|| day(created.unwrap_or(base) + length)),
                    cents: (!no_amount).then_some(cents),
                    probability: p.map(|p| f64::from(p) * 5.0 / 100.0),
                }
            },
        )
}

/// Another writing of a name, equal once case and accents are folded.
fn spelled(name: &str, how: u8) -> String {
    match how {
        0 => name.to_string(),
        1 => name.to_uppercase(),
        _ => rp::fold(name),
    }
}

fn team() -> impl Strategy<Value = Vec<Member>> {
    prop_oneof![
        1 => Just(Vec::new()),
        6 => prop::collection::vec(
            prop::option::weighted(
                0.85,
                (0..MANAGERS.len(), 0..REGIONS.len(), 0u8..3, prop::bool::weighted(0.1)),
            ),
            REPS.len(),
        )
        .prop_map(|rows| {
            rows.into_iter()
                .zip(REPS)
                .filter_map(|(row, rep)| {
                    let (m, r, how, no_manager) = row?;
                    Some(Member {
                        rep: spelled(rep, how),
                        manager: (!no_manager).then(|| MANAGERS[m].to_string()),
                        region: Some(REGIONS[r].to_string()),
                    })
                })
                // A rep of the team with no deal.
                .chain([Member {
                    rep: "Zoé".into(),
                    manager: Some("Sophie".into()),
                    region: Some("Sud".into()),
                }])
                .collect()
        }),
    ]
}

/// The account of each deal: one of the list (in another case or without
/// accents), one no accounts table has, or none.
fn deal_accounts(n: usize) -> impl Strategy<Value = Vec<Option<String>>> {
    prop::collection::vec(
        prop::option::weighted(0.9, (0..ACCOUNTS.len() + 1, 0u8..3)),
        n,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|a| {
                a.map(|(i, how)| match ACCOUNTS.get(i) {
                    Some(name) => spelled(name, how),
                    None => "Inconnu SA".to_string(),
                })
            })
            .collect()
    })
}

/// The accounts table: some accounts missing, some without a sector.
fn accounts() -> impl Strategy<Value = Vec<(String, Option<String>)>> {
    prop_oneof![
        1 => Just(Vec::new()),
        3 => prop::collection::vec(
            prop::option::weighted(
                0.8,
                (prop::option::weighted(0.9, 0..SECTORS.len()), 0u8..3),
            ),
            ACCOUNTS.len(),
        )
        .prop_map(|rows| {
            rows.into_iter()
                .zip(ACCOUNTS)
                .filter_map(|(row, a)| {
                    let (sector, how) = row?;
                    Some((spelled(a, how), sector.map(|i| SECTORS[i].to_string())))
                })
                // An account with no deal.
                .chain([("Zénith".to_string(), Some("Retail".to_string()))])
                .collect()
        }),
    ]
}

fn products() -> impl Strategy<Value = Vec<(String, i64)>> {
    prop_oneof![
        1 => Just(Vec::new()),
        4 => prop::collection::vec(
            prop::option::weighted(0.8, (100i64..2_000_000, 0u8..3)),
            PRODUCTS.len(),
        )
        .prop_map(|rows| {
            rows.into_iter()
                .zip(PRODUCTS)
                .filter_map(|(row, p)| row.map(|(cents, how)| (spelled(p, how), cents)))
                .collect()
        }),
    ]
}

fn stage_probabilities() -> impl Strategy<Value = BTreeMap<String, f64>> {
    prop_oneof![
        4 => Just(BTreeMap::new()),
        1 => (0..OPEN.len(), 0u8..=20, any::<bool>()).prop_map(|(i, p, fold)| {
            let name = if fold { rp::fold(OPEN[i]) } else { OPEN[i].to_string() };
            BTreeMap::from([(name, f64::from(p) / 20.0)])
        }),
    ]
}

/// A workspace; `dense` puts every date in four months, so that periods
/// hold many deals.
fn crm() -> impl Strategy<Value = Crm> {
    (
        prop::collection::vec(deal(), 1..80).prop_flat_map(|d| {
            let n = d.len();
            (Just(d), deal_accounts(n))
        }),
        team(),
        accounts(),
        products(),
        stage_probabilities(),
        prop::bool::weighted(0.7),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.25, statuses()),
    )
        .prop_map(
            |(
                (mut deals, deal_accounts),
                team,
                accounts,
                products,
                stage_probabilities,
                dense,
                as_the_crm_export,
                statuses,
            )| {
                if dense {
                    let fold = |d: NaiveDate, m: i64| day((d - origin()).num_days() % m);
                    for x in &mut deals {
                        let start = x.created.or(x.closed);
                        let length = x.closed.zip(start).map(|(c, s)| (c - s).num_days() % 45);
                        x.created = x.created.map(|d| fold(d, 120));
                        let start = x.created.or(start.map(|d| fold(d, 120)));
                        x.closed = length.zip(start).map(|(l, s)| s + Duration::days(l));
                    }
                }
                // As the CRM export: open deals have no amount, lost ones 0.
                if as_the_crm_export {
                    for x in &mut deals {
                        match rp::status(x.stage.as_deref()) {
                            Status::Open => x.cents = None,
                            Status::Lost => x.cents = Some(0),
                            Status::Won => {}
                        }
                    }
                }
                let statuses = statuses.map_or(Vec::new(), |how| with_statuses(&mut deals, &how));
                Crm {
                    deals,
                    team,
                    deal_accounts,
                    accounts,
                    products,
                    stage_probabilities,
                    statuses,
                }
            },
        )
}

/// Per deal (up to 80): whether a won or lost deal keeps its last open
/// stage beside its status, which open stage, and French words.
fn statuses() -> impl Strategy<Value = Vec<(bool, usize, bool)>> {
    prop::collection::vec((any::<bool>(), 0..OPEN.len(), any::<bool>()), 80)
}

/// A status column beside the stage: each deal's status in words, and some
/// won or lost deals at an open stage (the last one they were at).
fn with_statuses(deals: &mut [Deal], how: &[(bool, usize, bool)]) -> Vec<Option<String>> {
    deals
        .iter_mut()
        .zip(how)
        .map(|(x, &(keeps_stage, open, french))| {
            let st = rp::status(x.stage.as_deref());
            if st != Status::Open && keeps_stage {
                x.stage = Some(OPEN[open].to_string());
            }
            let word = match (st, french) {
                (Status::Open, false) => "Open",
                (Status::Open, true) => "En cours",
                (Status::Won, false) => "Won",
                (Status::Won, true) => "Gagné",
                (Status::Lost, false) => "Lost",
                (Status::Lost, true) => "Perdu",
            };
            Some(word.to_string())
        })
        .collect()
}

fn cents_text(c: i64, sep: char) -> String {
    let sign = if c < 0 { "-" } else { "" };
    format!("{sign}{}{sep}{:02}", c.abs() / 100, c.abs() % 100)
}

/// The workspace's CSV files: French (`;`, decimal commas) or English.
fn files(crm: &Crm, french: bool, probabilities: Probabilities) -> Vec<(&'static str, String)> {
    let (d, sep) = if french { (';', ',') } else { (',', '.') };
    let row = |cells: Vec<String>| cells.join(&d.to_string()) + "\n";
    let mut header: Vec<String> = if french {
        "Référence;Commercial;Compte;Produit;Étape;Date de création;Date de clôture;Montant"
    } else {
        "Opportunity ID;Sales Rep;Account;Product;Stage;Created Date;Close Date;Amount"
    }
    .split(';')
    .map(String::from)
    .collect();
    if !crm.statuses.is_empty() {
        header.push(if french { "Statut" } else { "Status" }.into());
    }
    if probabilities != Probabilities::None {
        header.push(
            if french {
                "Probabilité"
            } else {
                "Probability"
            }
            .into(),
        );
    }
    let date = |x: Option<NaiveDate>| x.map_or(String::new(), |x| x.format("%Y-%m-%d").to_string());
    let mut opps = row(header);
    for (i, x) in crm.deals.iter().enumerate() {
        let mut cells = vec![
            format!("O{i:03}"),
            x.rep.clone().unwrap_or_default(),
            crm.deal_accounts
                .get(i)
                .cloned()
                .flatten()
                .unwrap_or_default(),
            x.product.clone().unwrap_or_default(),
            x.stage.clone().unwrap_or_default(),
            date(x.created),
            date(x.closed),
            x.cents.map_or(String::new(), |c| cents_text(c, sep)),
        ];
        if !crm.statuses.is_empty() {
            cells.push(crm.statuses.get(i).cloned().flatten().unwrap_or_default());
        }
        match (probabilities, x.probability) {
            (Probabilities::None, _) => {}
            (_, None) => cells.push(String::new()),
            (Probabilities::Percent, Some(p)) => cells.push(format!("{}", (p * 100.0).round())),
            (Probabilities::Fraction, Some(p)) => {
                cells.push(cents_text((p * 100.0).round() as i64, sep))
            }
        }
        opps.push_str(&row(cells));
    }
    let mut out = vec![("opportunites.csv", opps)];
    if !crm.team.is_empty() {
        let mut t = row(if french {
            vec!["Commercial".into(), "Manager".into(), "Région".into()]
        } else {
            vec!["Sales Rep".into(), "Manager".into(), "Region".into()]
        });
        for m in &crm.team {
            t.push_str(&row(vec![
                m.rep.clone(),
                m.manager.clone().unwrap_or_default(),
                m.region.clone().unwrap_or_default(),
            ]));
        }
        out.push(("equipe.csv", t));
    }
    if !crm.accounts.is_empty() {
        // As the CRM export's accounts.csv: the key, the sector, then more.
        let mut t = row(if french {
            vec!["Compte".into(), "Secteur".into(), "Effectif".into()]
        } else {
            vec!["account".into(), "sector".into(), "employees".into()]
        });
        for (i, (a, sector)) in crm.accounts.iter().enumerate() {
            t.push_str(&row(vec![
                a.clone(),
                sector.clone().unwrap_or_default(),
                format!("{}", 10 + 7 * i),
            ]));
        }
        out.push(("comptes.csv", t));
    }
    if !crm.products.is_empty() {
        let mut t = row(if french {
            vec!["Produit".into(), "Gamme".into(), "Prix de vente".into()]
        } else {
            vec!["Product".into(), "Series".into(), "List Price".into()]
        });
        for (p, cents) in &crm.products {
            t.push_str(&row(vec![
                p.clone(),
                p[..1].to_string(),
                cents_text(*cents, sep),
            ]));
        }
        out.push(("produits.csv", t));
    }
    out
}

/// Periods of every shape: a single day, a calendar month or quarter, a
/// range across month edges, and spans before or after the data.
fn span() -> impl Strategy<Value = Span> {
    prop_oneof![
        1 => (-200i64..1400).prop_map(|n| Span {
            from: day(n),
            to: day(n)
        }),
        1 => (-200i64..1400).prop_map(move |n| month_of(day(n))),
        // Months, days and ranges over the four months of a dense workspace.
        2 => (0i64..180).prop_map(move |n| month_of(day(n))),
        1 => (0i64..180).prop_map(|n| Span {
            from: day(n),
            to: day(n)
        }),
        2 => (-30i64..180, 1i64..150).prop_map(|(n, len)| Span {
            from: day(n),
            to: day(n + len)
        }),
        1 => (0i64..18).prop_map(quarter),
        1 => (-400i64..1500, 1i64..500).prop_map(|(n, len)| Span {
            from: day(n),
            to: day(n + len)
        }),
    ]
}

fn filters() -> impl Strategy<Value = BTreeMap<By, Vec<String>>> {
    let pick = |names: &'static [&'static str]| {
        prop::collection::vec((0..names.len() + 1, 0u8..4), 1..3).prop_map(move |ix| {
            ix.into_iter()
                // One past the list: a value no deal has; otherwise the name
                // in another case, without accents, or with spaces around.
                .map(|(i, how)| match names.get(i) {
                    None => "Zulu".to_string(),
                    Some(n) if how == 3 => format!(" {n} "),
                    Some(n) => spelled(n, how),
                })
                .collect::<Vec<_>>()
        })
    };
    prop_oneof![
        4 => Just(BTreeMap::new()),
        1 => pick(&REPS).prop_map(|v| BTreeMap::from([(By::Rep, v)])),
        1 => pick(&MANAGERS).prop_map(|v| BTreeMap::from([(By::Manager, v)])),
        1 => pick(&REGIONS).prop_map(|v| BTreeMap::from([(By::Region, v)])),
        1 => pick(&PRODUCTS).prop_map(|v| BTreeMap::from([(By::Product, v)])),
        1 => pick(&SECTORS).prop_map(|v| BTreeMap::from([(By::Sector, v)])),
        1 => (pick(&SECTORS), pick(&REPS))
            .prop_map(|(s, r)| BTreeMap::from([(By::Sector, s), (By::Rep, r)])),
        1 => (pick(&REGIONS), pick(&PRODUCTS))
            .prop_map(|(r, p)| BTreeMap::from([(By::Region, r), (By::Product, p)])),
    ]
}

fn field(b: By) -> Field {
    match b {
        By::Rep => Field::Rep,
        By::Manager => Field::Manager,
        By::Region => Field::Region,
        By::Product => Field::Product,
        By::Sector => Field::Sector,
    }
}

fn engine_report(
    files: &[(&str, String)],
    crm: &Crm,
    p: Span,
    f: &BTreeMap<By, Vec<String>>,
) -> Report {
    let texts: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let ws = common::workspace_of(&texts);
    let q = Query {
        period: Some(period(p)),
        filters: f.iter().map(|(b, v)| (field(*b), v.clone())).collect(),
        stage_probabilities: crm.stage_probabilities.clone(),
        ..Query::default()
    };
    kpi::report(&ws, &q)
}

fn non_zero(m: &BTreeMap<String, f64>) -> BTreeMap<String, f64> {
    m.iter()
        .filter(|(_, v)| **v != 0.0)
        .map(|(k, v)| (k.clone(), *v))
        .collect()
}

fn same_map(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((ka, va), (kb, vb))| ka == kb && same(Some(*va), Some(*vb)))
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Open => "open",
        Status::Won => "won",
        Status::Lost => "lost",
    }
}

/// Every difference between the engine's report and the reference's.
fn differences(
    crm: &Crm,
    french: bool,
    probabilities: Probabilities,
    p: Span,
    f: &BTreeMap<By, Vec<String>>,
) -> Vec<String> {
    let files = files(crm, french, probabilities);
    let got = engine_report(&files, crm, p, f);
    // What the file says: without a probability column, rows have none.
    let crm = &Crm {
        deals: crm
            .deals
            .iter()
            .map(|d| Deal {
                probability: d
                    .probability
                    .filter(|_| probabilities != Probabilities::None),
                ..d.clone()
            })
            .collect(),
        ..crm.clone()
    };
    let want = rp::report(crm, p, f);
    // A weighted amount (amount × a probability such as a mean of stages',
    // 0.371428…) is no whole number of millionths: the engine's exact sum
    // takes each to the nearest millionth, the reference adds floats.
    let deals = crm.deals.len() as f64;
    let mut out = kpi_differences(&got, &want.kpis, |id, a, b| {
        same(a, b)
            || (id == "weighted_pipeline"
                && a.zip(b)
                    .is_some_and(|(a, b)| (a - b).abs() <= 0.5e-6 * deals))
    });
    // Each computed pipeline KPI names the opportunities table and its rows
    // in P kept by the filters; an unavailable one has no inputs.
    for id in want.kpis.keys() {
        let k = got.kpis.get(*id);
        let inputs = k.and_then(|k| k.inputs.as_ref());
        let want_inputs = k
            .and_then(|k| k.value)
            .map(|_| ("opportunites.csv", want.inputs as u64));
        if inputs.map(|i| (i.table.as_str(), i.rows)) != want_inputs {
            out.push(format!(
                "{id} inputs: engine {inputs:?}, reference {want_inputs:?}"
            ));
        }
    }
    let median = got.kpi("avg_sales_cycle_days").and_then(|k| k.median);
    if !same(median, want.cycle_median) {
        out.push(format!(
            "median sales cycle: engine {median:?}, reference {:?}",
            want.cycle_median
        ));
    }
    let pipeline_ids = |id: &str| {
        id.starts_with("won_revenue_by")
            || [
                "win_rate_by_rep",
                "pipeline_by_stage",
                "sales_cycle_distribution",
            ]
            .contains(&id)
    };
    for id in got.breakdowns.keys().filter(|id| pipeline_ids(id)) {
        if !want.breakdowns.contains_key(id.as_str()) {
            out.push(format!("{id}: in the engine's report only"));
        }
    }
    for (id, w) in &want.breakdowns {
        let rows = got.breakdown(id);
        let g: BTreeMap<String, f64> = rows.iter().map(|b| (b.key.clone(), b.value)).collect();
        let total = match *id {
            "win_rate_by_rep" => None,
            "pipeline_by_stage" | "sales_cycle_distribution" => Some(w.values().sum::<f64>()),
            _ => want.kpis["won_revenue"][0],
        };
        // Dimensions list keys with won revenue; months and bins are all listed.
        let matches = if id.starts_with("won_revenue_by") && *id != "won_revenue_by_month" {
            same_map(&non_zero(&g), &non_zero(w))
        } else {
            same_map(&g, w)
        };
        if !matches || rows.len() != g.len() {
            out.push(format!("{id}: engine {g:?}, reference {w:?}"));
        }
        for b in rows {
            let want_share = total.and_then(|t| (t != 0.0).then(|| b.value / t));
            if !same(b.share, want_share) {
                out.push(format!(
                    "{id}[{}] share {:?}, want {want_share:?}",
                    b.key, b.share
                ));
            }
        }
    }
    // The funnel, in its order; with rows' own probabilities the order of
    // stages within a status is not defined (KPIS.md: "open stages by
    // probability"), so only the statuses' order is checked then.
    type Row = (String, String, usize, Option<f64>, Option<f64>, Option<f64>);
    let funnel: Vec<Row> = got
        .funnel
        .iter()
        .map(|s| {
            (
                s.stage.clone(),
                s.status.clone(),
                s.count,
                s.amount,
                s.weighted,
                s.probability,
            )
        })
        .collect();
    let mut want_funnel: Vec<Row> = want
        .funnel
        .iter()
        .map(|s| {
            let st = status_word(s.status).to_string();
            let (a, w, p) = (s.amount, s.weighted, s.probability);
            (s.name.clone(), st, s.count, a, w, p)
        })
        .collect();
    let mut sorted = funnel.clone();
    if probabilities != Probabilities::None {
        let rank = |s: &str| ["open", "won", "lost"].iter().position(|x| *x == s);
        if !funnel.windows(2).all(|w| rank(&w[0].1) <= rank(&w[1].1)) {
            out.push(format!("funnel: statuses out of order: {funnel:?}"));
        }
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        want_funnel.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let funnel_match = sorted.len() == want_funnel.len()
        && sorted.iter().zip(&want_funnel).all(|(g, w)| {
            g.0 == w.0
                && g.1 == w.1
                && g.2 == w.2
                && same(g.3, w.3)
                && same(g.4, w.4)
                && same(g.5, w.5)
        });
    if !funnel_match {
        out.push(format!(
            "funnel: engine {funnel:?}, reference {want_funnel:?}"
        ));
    }
    let reps: BTreeMap<String, [Option<f64>; 4]> = got
        .reps
        .iter()
        .map(|r| {
            (
                r.rep.clone(),
                [
                    r.won_deals,
                    r.won_revenue,
                    r.win_rate,
                    r.avg_sales_cycle_days,
                ],
            )
        })
        .collect();
    let reps_match = reps.len() == want.reps.len()
        && reps
            .iter()
            .zip(&want.reps)
            .all(|((k, g), (wk, w))| k == wk && g.iter().zip(w).all(|(a, b)| same(*a, *b)));
    if !reps_match {
        out.push(format!("reps: engine {reps:?}, reference {:?}", want.reps));
    }
    out.extend(note_differences(&got, &want));
    out
}

/// The notes the engine writes against the reference's counts, and the
/// reasons of KPIs unavailable for want of amounts.
fn note_differences(got: &Report, want: &rp::PipelineReference) -> Vec<String> {
    let mut out = Vec::new();
    let n = &want.notes;
    let of = |pair: Option<(usize, usize)>| pair.map(|(m, a)| format!("{m} of the {a} "));
    let expected = [
        (
            "opportunities have no amount:",
            Some(n.estimated)
                .filter(|&k| k > 0)
                .map(|k| format!("{k} ")),
        ),
        (
            "opportunities have no created date:",
            Some(n.no_created)
                .filter(|&k| k > 0)
                .map(|k| format!("{k} ")),
        ),
        (
            "won or lost opportunities have no close date:",
            Some(n.no_close).filter(|&k| k > 0).map(|k| format!("{k} ")),
        ),
        (
            "were lost since with an amount of 0",
            Some(n.unsigned).filter(|&k| k > 0).map(|k| format!("{k} ")),
        ),
        ("opportunities open on", of(n.open_unpriced)),
        ("deals won in the period have neither", of(n.won_unpriced)),
    ];
    let notes: Vec<String> = got
        .notes
        .iter()
        .map(|n| cadran::locale::note(n, cadran::locale::Lang::En))
        .collect();
    for (words, count) in expected {
        let note = notes.iter().find(|t| t.contains(words));
        let agree = match (note, &count) {
            (None, None) => true,
            (Some(t), Some(c)) => t.starts_with(c.as_str()),
            _ => false,
        };
        if !agree {
            out.push(format!(
                "note \"{words}\": engine {note:?}, reference {count:?}"
            ));
        }
    }
    for (id, reason) in &want.reasons {
        let got = got
            .kpi(id)
            .and_then(|k| k.unavailable.as_ref())
            .map(cadran::locale::reason_json);
        if got.as_deref() != Some(reason.as_str()) {
            out.push(format!(
                "{id} unavailable: engine {got:?}, reference {reason:?}"
            ));
        }
    }
    out
}

fn probabilities() -> impl Strategy<Value = Probabilities> {
    prop_oneof![
        Just(Probabilities::None),
        Just(Probabilities::Percent),
        Just(Probabilities::Fraction)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn the_pipeline_agrees_with_the_reference(
        crm in crm(),
        french in any::<bool>(),
        probabilities in probabilities(),
        p in span(),
        f in filters(),
    ) {
        let diffs = differences(&crm, french, probabilities, p, &f);
        prop_assert!(
            diffs.is_empty(),
            "period {:?}, filters {:?}, settings {:?}:\n{}\n{}",
            p, f, crm.stage_probabilities, diffs.join("\n"),
            files(&crm, french, probabilities).iter().map(|(n, t)| format!("--- {n}\n{t}")).collect::<String>()
        );
    }
}

/// The reference itself, on a workspace small enough to check by hand: it
/// must not agree with the engine by sharing its mistakes.
#[test]
fn the_reference_on_a_hand_checked_case() {
    let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day);
    let deal = |rep: &str, product: &str, stage: &str, created, closed, cents| Deal {
        rep: Some(rep.into()),
        product: Some(product.into()),
        stage: Some(stage.into()),
        created,
        closed,
        cents,
        probability: None,
    };
    let crm = Crm {
        deals: vec![
            // Won in February after 20 days: 1 000 €.
            deal("Anne", "Atlas", "Gagné", d(1, 20), d(2, 9), Some(100_000)),
            // Won in February after 40 days, priced from the list: 500 €.
            deal("Bruno", "Boreal", "Closed Won", d(1, 1), d(2, 10), None),
            // Lost in February.
            deal("Anne", "Atlas", "Perdu", d(2, 1), d(2, 15), Some(30_000)),
            // Open, created in February: 2 000 € at 70 %.
            deal(
                "Bruno",
                "Atlas",
                "Négociation",
                d(2, 3),
                None,
                Some(200_000),
            ),
            // Open, undated, expected to close in March: 400 € at 50 %,
            // in the pipeline from the data's end (5 March) only.
            deal("Anne", "Cime", "Devis", None, d(3, 1), Some(40_000)),
            // Open but created after February: not in its pipeline.
            deal("Anne", "Cime", "Prospect", d(3, 5), None, Some(10_000)),
        ],
        team: vec![
            Member {
                rep: "ANNE".into(),
                manager: Some("Marc".into()),
                region: Some("Nord".into()),
            },
            Member {
                rep: "Bruno".into(),
                manager: Some("Marc".into()),
                region: Some("Sud".into()),
            },
        ],
        deal_accounts: ["Écume", "Bravo", "ECUME"]
            .map(|a| Some(a.to_string()))
            .into_iter()
            .chain([None, Some("Inconnu SA".into())])
            .collect(),
        accounts: vec![
            ("ecume".into(), Some("Santé".into())),
            ("Bravo".into(), None),
        ],
        products: vec![("boreal".into(), 50_000)],
        stage_probabilities: BTreeMap::new(),
        statuses: Vec::new(),
    };
    let p = Span {
        from: d(2, 1).expect("a day"),
        to: d(2, 29).expect("a day"),
    };
    let r = rp::report(&crm, p, &BTreeMap::new());
    let k = |id: &str| r.kpis[id][0];
    assert_eq!(k("new_opportunities"), Some(2.0));
    // At 29 February: the Négociation deal only (the undated Devis is left
    // out before the data's end, 5 March).
    assert_eq!(k("open_opportunities"), Some(1.0));
    assert_eq!(k("pipeline_value"), Some(2000.0));
    assert_eq!(k("weighted_pipeline"), Some(1400.0));
    // At 31 January: the two deals won in February, open then at the mean
    // of the open stages' probabilities (Négociation 70 %, Devis 50 %,
    // Prospect 10 %): 1 500 € × 130 % / 3.
    assert_eq!(r.kpis["open_opportunities"][1], Some(2.0));
    assert_eq!(r.kpis["pipeline_value"][1], Some(1500.0));
    let weighted = r.kpis["weighted_pipeline"][1].expect("a figure");
    assert!((weighted - 650.0).abs() < 1e-9, "{weighted}");
    // The Devis deal is left out of both days' figures.
    assert_eq!((r.notes.no_created, r.notes.no_close), (1, 0));
    assert_eq!(k("won_deals"), Some(2.0));
    assert_eq!(k("won_revenue"), Some(1500.0));
    assert_eq!(k("win_rate"), Some(2.0 / 3.0));
    assert_eq!(k("avg_deal_value"), Some(750.0));
    assert_eq!(k("avg_sales_cycle_days"), Some(30.0));
    assert_eq!(r.cycle_median, Some(30.0));
    assert_eq!(k("opportunity_conversion_rate"), Some(0.0)); // created in Feb: lost, open
    assert_eq!(r.kpis["won_deals"][1], Some(0.0)); // January: nothing closed
                                                   // The previous month, all of January: Gagné (20th) and Closed Won (1st).
    assert_eq!(r.kpis["new_opportunities"][1], Some(2.0));
    assert_eq!(r.notes.estimated, 1);
    assert_eq!(r.breakdowns["won_revenue_by_region"]["Sud"], 500.0);
    assert_eq!(r.breakdowns["won_revenue_by_manager"]["Marc"], 1500.0);
    // Anne's Écume deal is in Santé; Bravo has no sector.
    assert_eq!(
        r.breakdowns["won_revenue_by_sector"],
        BTreeMap::from([("(none)".into(), 500.0), ("Santé".into(), 1000.0)])
    );
    // Created or closed in February: all but the last two.
    assert_eq!(r.inputs, 4);
    let sante = BTreeMap::from([(By::Sector, vec!["SANTE".to_string()])]);
    let r2 = rp::report(&crm, p, &sante);
    assert_eq!(r2.kpis["won_revenue"][0], Some(1000.0));
    assert_eq!(r2.kpis["win_rate"][0], Some(0.5));
    assert_eq!(r2.inputs, 2);
    assert_eq!(r.breakdowns["sales_cycle_distribution"]["15-30"], 1.0);
    assert_eq!(r.breakdowns["sales_cycle_distribution"]["31-60"], 1.0);
    let order: Vec<&str> = r.funnel.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(order, ["Négociation", "Closed Won", "Gagné", "Perdu"]);
    assert_eq!(
        r.reps["Anne"],
        [Some(1.0), Some(1000.0), Some(0.5), Some(20.0)]
    );
    for french in [true, false] {
        for f in [BTreeMap::new(), sante.clone()] {
            let diffs = differences(&crm, french, Probabilities::None, p, &f);
            assert!(diffs.is_empty(), "{}", diffs.join("\n"));
        }
    }
}
