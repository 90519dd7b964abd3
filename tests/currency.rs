//! The currency written beside amounts, as a read file's summary says it
//! (per column and for the table), `cadran inspect`'s JSON, and the note a
//! report gets when its files disagree. Small CSV texts written by hand,
//! each with the expected counts written by hand.

use cadran::engine::currency::{Currency, Status, TableCurrency};
use cadran::engine::kpi::{self, Query, Workspace};
use cadran::engine::{self, Imported, Options};
use std::collections::BTreeMap;
use std::process::Command;

fn read(name: &str, text: &str) -> Imported {
    engine::read(name, text.as_bytes(), &Options::default()).expect("a table")
}

fn column_currencies(im: &Imported, column: &str) -> BTreeMap<Currency, u64> {
    let c = im.summary.columns.iter().find(|c| c.name == column);
    c.expect("the column").currencies.clone()
}

fn one(code: Currency, cells: u64) -> Option<TableCurrency> {
    Some(TableCurrency {
        status: Status::One,
        code: Some(code),
        cells: BTreeMap::from([(code, cells)]),
    })
}

fn several(cells: &[(Currency, u64)]) -> Option<TableCurrency> {
    Some(TableCurrency {
        status: Status::Several,
        code: None,
        cells: cells.iter().copied().collect(),
    })
}

#[test]
fn symbols_after_french_amounts() {
    let im = read(
        "ventes.csv",
        "Date;Client;Montant\n05/03/2024;Alpha;1 234,56 €\n06/03/2024;Beta;99,90 €\n\
         07/03/2024;Alpha;12 €\n08/03/2024;Gamma;\n",
    );
    assert_eq!(
        column_currencies(&im, "Montant"),
        BTreeMap::from([(Currency::Eur, 3)])
    );
    assert_eq!(im.summary.currency, one(Currency::Eur, 3));
}

#[test]
fn symbols_before_english_amounts_and_in_brackets() {
    let im = read(
        "sales.csv",
        "Date,Customer,Amount\n2024-03-05,Alpha,\"$1,234.56\"\n2024-03-06,Beta,$99.90\n\
         2024-03-07,Alpha,($12.00)\n2024-03-08,Beta,-$5\n",
    );
    assert_eq!(
        column_currencies(&im, "Amount"),
        BTreeMap::from([(Currency::Usd, 4)])
    );
    assert_eq!(im.summary.currency, one(Currency::Usd, 4));
}

#[test]
fn codes_before_or_after_amounts() {
    let im = read(
        "sales.csv",
        "Date,Customer,Amount\n2024-03-05,Alpha,1234.56 EUR\n2024-03-06,Beta,EUR 99.90\n\
         2024-03-07,Alpha,12 EUR\n",
    );
    assert_eq!(im.summary.currency, one(Currency::Eur, 3));
    let im = read(
        "sales.csv",
        "Date,Customer,Amount\n2024-03-05,Alpha,CHF 1'234.50\n2024-03-06,Beta,GBP 10\n",
    );
    assert_eq!(
        im.summary.currency,
        several(&[(Currency::Gbp, 1), (Currency::Chf, 1)])
    );
}

#[test]
fn amounts_without_symbols_say_none() {
    let im = read(
        "sales.csv",
        "Date,Customer,Amount,Quantity\n2024-03-05,Alpha,1234.56,2\n2024-03-06,Beta,99.9,1\n",
    );
    assert!(column_currencies(&im, "Amount").is_empty());
    assert_eq!(
        im.summary.currency,
        Some(TableCurrency {
            status: Status::None,
            code: None,
            cells: BTreeMap::new()
        })
    );
}

#[test]
fn a_table_without_money_says_nothing() {
    let im = read(
        "team.csv",
        "Rep,Team,Hire date\nAnne,Nord,2020-01-06\nBruno,Sud,2021-09-01\n",
    );
    assert_eq!(im.summary.currency, None);
}

#[test]
fn currencies_mixed_in_one_file_are_counted_apart() {
    // Euros in the amount, dollars in the cost: the table writes both.
    let im = read(
        "ventes.csv",
        "Date;Client;Montant;Coût\n05/03/2024;Alpha;100 €;$60\n06/03/2024;Beta;200 €;70 €\n\
         07/03/2024;Alpha;300 €;$80\n",
    );
    assert_eq!(
        column_currencies(&im, "Montant"),
        BTreeMap::from([(Currency::Eur, 3)])
    );
    assert_eq!(
        column_currencies(&im, "Coût"),
        BTreeMap::from([(Currency::Eur, 1), (Currency::Usd, 2)])
    );
    assert_eq!(
        im.summary.currency,
        several(&[(Currency::Eur, 4), (Currency::Usd, 2)])
    );
}

#[test]
fn a_symbol_counts_every_cell_of_a_repeated_value() {
    // One distinct value on three rows: three cells.
    let im = read(
        "sales.csv",
        "Date,Customer,Amount\n2024-03-05,Alpha,£10\n2024-03-06,Beta,£10\n2024-03-07,Gamma,£10\n\
         2024-03-08,Delta,12\n",
    );
    assert_eq!(im.summary.currency, one(Currency::Gbp, 3));
}

fn workspace(files: &[(&str, &str)]) -> Workspace {
    Workspace {
        tables: files.iter().map(|(n, t)| read(n, t)).collect(),
    }
}

fn notes(ws: &Workspace, currency: &str) -> Vec<String> {
    let query = Query {
        currency: Some(currency.into()),
        ..Query::default()
    };
    cadran::locale::said_report(kpi::report(ws, &query)).notes
}

const IN_DOLLARS: &str = "Date,Customer,Amount\n2024-03-05,Alpha,$100.00\n2024-03-06,Beta,$50.00\n";
const IN_EUROS: &str = "Date;Client;Montant\n07/03/2024;Gamma;200,00 €\n";
const NO_SYMBOL: &str = "Date,Customer,Amount\n2024-03-08,Delta,25.00\n";

#[test]
fn a_report_notes_files_that_disagree() {
    let ws = workspace(&[("ventes.csv", IN_DOLLARS), ("factures.csv", IN_EUROS)]);
    assert_eq!(
        notes(&ws, "EUR"),
        [
            "ventes.csv is in USD, factures.csv in EUR: amounts are added as they are, \
          without conversion, in a report in EUR."
        ]
    );
    // One currency, not the report's.
    let ws = workspace(&[("ventes.csv", IN_DOLLARS), ("autres.csv", NO_SYMBOL)]);
    assert_eq!(
        notes(&ws, "EUR"),
        [
            "ventes.csv is in USD: amounts are added as they are, without conversion, \
          in a report in EUR."
        ]
    );
    // Agreeing with the report: nothing to say.
    assert!(notes(&ws, "USD").is_empty());
}

#[test]
fn inspect_prints_the_currency_found() {
    let dir = std::env::temp_dir().join(format!("cadran-currency-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ventes.csv");
    std::fs::write(
        &path,
        "Date;Client;Montant\n05/03/2024;Alpha;1 234,56 €\n06/03/2024;Beta;$10\n\
         07/03/2024;Gamma;5 €\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cadran"))
        .arg("inspect")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["currency"],
        serde_json::json!({"status": "several", "cells": {"EUR": 2, "USD": 1}})
    );
    let amount = &json["columns"][2];
    assert_eq!(amount["name"], "Montant");
    assert_eq!(
        amount["currencies"],
        serde_json::json!({"EUR": 2, "USD": 1})
    );
    // Columns without a symbol say nothing.
    assert!(json["columns"][1].get("currencies").is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn kpis_notes_a_disagreement_on_stderr() {
    let dir = std::env::temp_dir().join(format!("cadran-currency-kpis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ventes.csv"), IN_DOLLARS).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cadran"))
        .arg("kpis")
        .arg(dir.join("ventes.csv"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cadran: note: ventes.csv is in USD: amounts are added as they are"),
        "{stderr}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_cadran"))
        .args(["kpis", "--currency", "USD"])
        .arg(dir.join("ventes.csv"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("is in USD"));
    let _ = std::fs::remove_dir_all(&dir);
}
