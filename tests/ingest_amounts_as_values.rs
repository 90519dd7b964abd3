//! Amounts read straight to values (a column of `915,59` nearly all
//! distinct, decided from its first rows) against their slow twin, every
//! column interned (`Options::dictionary_only`): random files with columns
//! that change shape after the sample, quotes, missing cells, headers naming
//! dates or keys and Windows-1252 text read alike both ways — same table,
//! summary and mapping, and the same text when a column is remapped to a key.

use cadran::engine::demo::realistic::Realistic;
use cadran::engine::{self, Field, Imported, Kind, Options};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn read(bytes: &[u8], dictionary_only: bool, one_thread: bool) -> Imported {
    let opts = Options {
        preview_rows: 3,
        dictionary_only,
        one_thread,
        ..Options::default()
    };
    engine::read("v.csv", bytes, &opts).expect("a table")
}

fn outcome(im: &Imported) -> String {
    format!("{:?}\n{:?}\n{:?}", im.table, im.summary, im.mapping)
}

/// Reads `bytes` both ways and compares them, as read and with each of
/// `columns` remapped to a key (its text) and back (its values).
fn same_both_ways(bytes: &[u8], one_thread: bool, columns: &[&str]) -> Result<(), TestCaseError> {
    let mut fast = read(bytes, false, one_thread);
    let mut slow = read(bytes, true, one_thread);
    prop_assert_eq!(outcome(&fast), outcome(&slow));
    for &column in columns {
        let as_key = BTreeMap::from([(Field::Customer, column.to_string())]);
        for im in [&mut fast, &mut slow] {
            im.remap(Some(Kind::Sales), &as_key);
        }
        prop_assert_eq!(outcome(&fast), outcome(&slow), "{} as a key", column);
        for im in [&mut fast, &mut slow] {
            im.remap(None, &BTreeMap::new());
        }
        prop_assert_eq!(outcome(&fast), outcome(&slow), "{} back", column);
    }
    Ok(())
}

/// How a column of amounts (or of whole numbers: no decimals) is written,
/// and what it turns into after row `at`.
#[derive(Debug, Clone)]
struct Amounts {
    header: &'static str,
    separator: char,
    decimals: usize,
    /// Distinct values drawn from: few keep the column a dictionary; 0:
    /// each row's own, in ascending order (invoice numbers).
    spread: u64,
    /// One cell in `missing` is missing (`""` or `NA`), 0: none.
    missing: u64,
    /// A cell quoted in so many (0: none).
    quoted: u64,
    switch: Option<(usize, Switch)>,
}

#[derive(Debug, Clone, Copy)]
enum Switch {
    Word,
    OtherDecimals,
    OtherSeparator,
    Grouped,
    Currency,
    LeadingZero,
    NegativeZero,
    Integer,
    Padded,
}

const SWITCHES: [Switch; 9] = [
    Switch::Word,
    Switch::OtherDecimals,
    Switch::OtherSeparator,
    Switch::Grouped,
    Switch::Currency,
    Switch::LeadingZero,
    Switch::NegativeZero,
    Switch::Integer,
    Switch::Padded,
];

fn amounts() -> impl Strategy<Value = Amounts> {
    (
        prop::sample::select(vec![
            "Montant HT",
            "Coût",
            "Date paiement",
            "N° facture",
            "Prix",
        ]),
        prop::sample::select(vec![',', '.']),
        0usize..=2,
        prop::sample::select(vec![0u64, 50, 5_000, 10_000_000]),
        prop::sample::select(vec![0u64, 3, 97]),
        prop::sample::select(vec![0u64, 0, 7]),
        proptest::option::of((0usize..2_000, prop::sample::select(SWITCHES.to_vec()))),
    )
        .prop_map(
            |(header, separator, decimals, spread, missing, quoted, switch)| Amounts {
                header,
                separator,
                decimals,
                spread,
                missing,
                quoted,
                switch,
            },
        )
}

/// A cheap, seeded number for row `r` of column `c`.
fn mix(seed: u64, r: usize, c: usize) -> u64 {
    let mut z = seed ^ (r as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ ((c as u64) << 48);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Amounts {
    fn cell(&self, seed: u64, r: usize, c: usize) -> Vec<u8> {
        let x = mix(seed, r, c);
        if self.missing > 0 && x % self.missing == 1 {
            return if x.is_multiple_of(2) {
                Vec::new()
            } else {
                b"NA".to_vec()
            };
        }
        let v = if self.spread == 0 {
            24_000 + r as u64
        } else {
            x % self.spread
        };
        let negative = x.is_multiple_of(11);
        let scale = 10u64.pow(self.decimals as u32);
        let (mut sep, mut decimals) = (self.separator, self.decimals);
        let mut text = None;
        if let Some((at, switch)) = self.switch.filter(|(at, _)| r >= *at) {
            // Past the switch, one cell in three changes.
            if x.is_multiple_of(3) || r == at {
                match switch {
                    Switch::Word => text = Some(format!("n{}", v % 5)),
                    Switch::OtherDecimals => decimals = 3 - self.decimals,
                    Switch::OtherSeparator => sep = if sep == ',' { '.' } else { ',' },
                    Switch::Grouped => {
                        text = Some(format!(
                            "1 {:03}{sep}{:0w$}",
                            v % 1000,
                            v % scale,
                            w = decimals
                        ))
                    }
                    Switch::Currency => {
                        text = Some(format!(
                            "{}{sep}{:0w$} €",
                            v / scale,
                            v % scale,
                            w = decimals
                        ))
                    }
                    Switch::LeadingZero => {
                        text = Some(format!(
                            "0{}{sep}{:0w$}",
                            v / scale,
                            v % scale,
                            w = decimals
                        ))
                    }
                    Switch::NegativeZero => text = Some(format!("-0{sep}{}", "0".repeat(decimals))),
                    Switch::Integer => text = Some(format!("{v}")),
                    Switch::Padded => {
                        text = Some(format!(
                            " {}{sep}{:0w$}\t",
                            v / scale,
                            v % scale,
                            w = decimals
                        ))
                    }
                }
            }
        }
        let scale = 10u64.pow(decimals as u32);
        let text = text.unwrap_or_else(|| {
            let sign = if negative && v > 0 { "-" } else { "" };
            if decimals == 0 {
                format!("{v}")
            } else {
                format!("{sign}{}{sep}{:0w$}", v / scale, v % scale, w = decimals)
            }
        });
        if self.quoted > 0 && x % self.quoted == 2 {
            format!("\"{text}\"").into_bytes()
        } else {
            text.into_bytes()
        }
    }
}

/// A file: a date column, a text column (Windows-1252 or UTF-8, some
/// quoted with the delimiter inside), then the amounts.
fn file(seed: u64, rows: usize, columns: &[Amounts], windows_1252: bool) -> Vec<u8> {
    let mut out = b"Date;Client".to_vec();
    for a in columns {
        out.push(b';');
        out.extend_from_slice(a.header.as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    for r in 0..rows {
        let x = mix(seed, r, 99);
        out.extend_from_slice(format!("{:02}/{:02}/2024;", 1 + x % 28, 1 + x % 12).as_bytes());
        let client: &[u8] = if windows_1252 {
            b"Soci\xE9t\xE9 "
        } else {
            "Société ".as_bytes()
        };
        if x % 50 == 3 {
            out.extend_from_slice(b"\"Durand; fils\"");
        } else {
            out.extend_from_slice(client);
            out.extend_from_slice(format!("{}", x % 300).as_bytes());
        }
        for (c, a) in columns.iter().enumerate() {
            out.push(b';');
            out.extend_from_slice(&a.cell(seed, r, c));
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn amounts_read_as_values_read_as_the_dictionary_reads_them(
        seed in any::<u64>(),
        rows in 1_000usize..2_600,
        columns in proptest::collection::vec(amounts(), 1..4),
        windows_1252 in any::<bool>(),
    ) {
        // Headers made distinct (a duplicate would be renamed anyway).
        let mut columns = columns;
        let fallbacks = ["Remise", "Frais", "Taxe"];
        for i in 1..columns.len() {
            if columns[..i].iter().any(|a| a.header == columns[i].header) {
                columns[i].header = fallbacks[i - 1];
            }
        }
        let bytes = file(seed, rows, &columns, windows_1252);
        let names: Vec<&str> = columns.iter().map(|a| a.header).collect();
        same_both_ways(&bytes, true, &names)?;
    }
}

#[test]
fn realistic_files_read_alike_on_one_thread_or_two() {
    // 100 000 lines: over the size split on two threads.
    let bytes = Realistic::new(100_000).csv();
    for one_thread in [true, false] {
        same_both_ways(&bytes, one_thread, &["Montant HT", "N° commande"]).unwrap();
    }
    // The fast reading took its path here.
    let im = read(&bytes, false, true);
    let amount = im
        .summary
        .columns
        .iter()
        .find(|c| c.name == "Montant HT")
        .unwrap();
    assert_eq!(format!("{:?}", amount.column_type), "Number");
}

#[test]
fn halves_of_other_shapes_read_as_one_dictionary() {
    // 320 000 lines, on two threads: amounts with two decimals in the first
    // half and one in the second, so each half reads its own shape.
    let mut text = String::from("Montant;Coût;Client\n");
    for r in 0..320_000u64 {
        let x = mix(7, r as usize, 0);
        let (amount, cost) = if r < 160_000 {
            (
                format!("{},{:02}", x % 9_000, x % 100),
                format!("{},{:02}", x % 700, x % 97),
            )
        } else {
            (
                format!("{},{}", x % 9_000, x % 10),
                format!("{},{:02}", x % 700, x % 97),
            )
        };
        text.push_str(&format!("{amount};{cost};Client {}\n", x % 20_000));
    }
    assert!(text.len() > 8 << 20, "the file must be split");
    same_both_ways(text.as_bytes(), false, &["Montant", "Coût"]).unwrap();
    same_both_ways(text.as_bytes(), true, &["Montant"]).unwrap();
}
