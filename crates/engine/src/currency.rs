//! The currency a file writes beside its amounts (`1 234,56 €`, `$1,234.56`,
//! `1234.56 EUR`), as the number parser strips it: counted per column while
//! the column is typed (once per distinct value, weighted by its cells), then
//! summed over the table's money columns. Amounts are never converted: the
//! report keeps one currency, so files that disagree with each other or with
//! it are flagged ([`disagreement`]).

use super::ingest::ColumnSummary;
use super::messages::Note;
use super::schema::Field;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A currency the number parser recognises, by its ISO 4217 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Currency {
    #[serde(rename = "EUR")]
    Eur,
    #[serde(rename = "USD")]
    Usd,
    #[serde(rename = "GBP")]
    Gbp,
    #[serde(rename = "CHF")]
    Chf,
    #[serde(rename = "CAD")]
    Cad,
    #[serde(rename = "JPY")]
    Jpy,
    #[serde(rename = "XOF")]
    Xof,
}

impl Currency {
    pub const ALL: [Currency; 7] = [
        Currency::Eur,
        Currency::Usd,
        Currency::Gbp,
        Currency::Chf,
        Currency::Cad,
        Currency::Jpy,
        Currency::Xof,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
            Currency::Chf => "CHF",
            Currency::Cad => "CAD",
            Currency::Jpy => "JPY",
            Currency::Xof => "XOF",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The currency a symbol stands for. `$` alone is taken as the US
    /// dollar: a Canadian export that means its own dollar says `CAD`.
    pub fn from_symbol(symbol: char) -> Option<Currency> {
        match symbol {
            '€' => Some(Currency::Eur),
            '$' => Some(Currency::Usd),
            '£' => Some(Currency::Gbp),
            '¥' => Some(Currency::Jpy),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Fields that hold money (the ones the report adds up as amounts).
pub fn is_money(field: Field) -> bool {
    matches!(
        field,
        Field::Amount
            | Field::UnitPrice
            | Field::Cost
            | Field::Margin
            | Field::PaidAmount
            | Field::UnitCost
    )
}

/// Cells written with each currency: a fixed array, as it is added to once
/// per distinct value of every number column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally([u64; Currency::ALL.len()]);

impl Tally {
    pub fn add(&mut self, c: Currency, cells: u64) {
        self.0[c.index()] += cells;
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&n| n == 0)
    }

    /// The currencies written, with their cells, in code order.
    pub fn counts(&self) -> BTreeMap<Currency, u64> {
        // Inserted one by one: collecting would sort, and link a sort.
        let mut out = BTreeMap::new();
        for (c, n) in Currency::ALL.into_iter().zip(self.0) {
            if n > 0 {
                out.insert(c, n);
            }
        }
        out
    }
}

/// Currencies met, once each: a set of [`Currency::ALL`] indexes (no
/// sorting of lists, which would cost the Wasm module more than the rest).
#[derive(Debug, Clone, Copy, Default)]
struct Set(u8);

impl Set {
    fn insert(&mut self, c: Currency) {
        self.0 |= 1 << c.index();
    }
    fn len(self) -> u32 {
        self.0.count_ones()
    }
    /// The one currency met, when there is exactly one.
    fn only(self) -> Option<Currency> {
        (self.len() == 1).then(|| Currency::ALL[self.0.trailing_zeros() as usize])
    }
}

/// How many currencies a table's amounts write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No amount carries a symbol or code: the user says which.
    None,
    /// Every amount that carries one carries the same.
    One,
    /// Amounts disagree.
    Several,
}

/// What a table's money columns say of their currency (`cadran inspect`'s
/// `currency`). Absent from the summary when the table has no money column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableCurrency {
    pub status: Status,
    /// The currency, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Currency>,
    /// The cells written with each currency.
    #[serde(default)]
    pub cells: BTreeMap<Currency, u64>,
}

impl TableCurrency {
    pub fn of(tally: &Tally) -> TableCurrency {
        let cells = tally.counts();
        let (status, code) = match cells.len() {
            0 => (Status::None, None),
            1 => (Status::One, cells.keys().next().copied()),
            _ => (Status::Several, None),
        };
        TableCurrency {
            status,
            code,
            cells,
        }
    }

    /// What the money columns of a summary say: those mapped to a money
    /// field, and any other written with a currency (only money is). `None`
    /// when the table has no money column.
    pub fn of_columns(columns: &[ColumnSummary]) -> Option<TableCurrency> {
        let mut tally = Tally::default();
        let mut money = false;
        for c in columns {
            money |= c.field.is_some_and(is_money) || !c.currencies.is_empty();
            for (&code, &cells) in &c.currencies {
                tally.add(code, cells);
            }
        }
        money.then(|| TableCurrency::of(&tally))
    }

    /// The currencies written in the table, in code order.
    pub fn found(&self) -> Vec<Currency> {
        self.cells.keys().copied().collect()
    }
}

/// Files whose amounts are written in different currencies, or in one other
/// than the report's: each file with the currencies it writes (files with
/// no symbol are left out: they are taken to be in the report's currency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    pub files: Vec<(String, Vec<Currency>)>,
    /// The report's currency code.
    pub report: String,
}

/// The disagreement among `files` (name, what its money columns say) and
/// with the report's currency `report` (a code), if any.
pub fn disagreement<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a TableCurrency)>,
    report: &str,
) -> Option<Disagreement> {
    let files: Vec<(String, Vec<Currency>)> = files
        .into_iter()
        .map(|(name, c)| (name.to_string(), c.found()))
        .filter(|(_, found)| !found.is_empty())
        .collect();
    let all = every(&files);
    let agrees = match all.len() {
        0 => true,
        1 => all.only().is_some_and(|c| c.code() == report),
        _ => false,
    };
    (!agrees).then(|| Disagreement {
        files,
        report: report.to_string(),
    })
}

/// Every currency the files write, once.
fn every(files: &[(String, Vec<Currency>)]) -> Set {
    let mut all = Set::default();
    files
        .iter()
        .flat_map(|(_, f)| f)
        .for_each(|&c| all.insert(c));
    all
}

/// What the import step proposes for the report's currency, given what
/// the files being imported write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposal {
    /// No money column, files that agree with the report, or files that
    /// disagree with each other (then [`disagreement`] is said instead).
    Nothing,
    /// Amounts carry no symbol: the user says which currency they are in.
    Ask,
    /// Every symbol written is this currency, not the report's: switch to it?
    Switch(Currency),
}

/// The import step's question for `files` (what each one's money columns
/// say; `None` for a table without money) and the report's currency.
pub fn proposal<'a>(
    files: impl IntoIterator<Item = Option<&'a TableCurrency>>,
    report: &str,
) -> Proposal {
    let mut money = false;
    let mut all = Set::default();
    for f in files.into_iter().flatten() {
        money = true;
        f.cells.keys().for_each(|&c| all.insert(c));
    }
    match all.only() {
        _ if all.len() == 0 && money => Proposal::Ask,
        Some(one) if one.code() != report => Proposal::Switch(one),
        _ => Proposal::Nothing,
    }
}

impl Disagreement {
    /// Whether the files write more than one currency (not only one other
    /// than the report's).
    pub fn among_files(&self) -> bool {
        every(&self.files).len() > 1
    }

    /// The report's note: `ventes.csv is in USD, factures.csv in EUR:
    /// amounts are added as they are, in a report in EUR.`
    pub fn note(&self) -> Note {
        Note::Currencies {
            files: self.files.clone(),
            report: self.report.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(cells: &[(Currency, u64)]) -> Tally {
        let mut t = Tally::default();
        for &(c, n) in cells {
            t.add(c, n);
        }
        t
    }

    #[test]
    fn a_table_writes_none_one_or_several_currencies() {
        let none = TableCurrency::of(&Tally::default());
        assert_eq!((none.status, none.code), (Status::None, None));
        assert!(none.cells.is_empty());
        let one = TableCurrency::of(&tally(&[(Currency::Usd, 3), (Currency::Usd, 2)]));
        assert_eq!((one.status, one.code), (Status::One, Some(Currency::Usd)));
        assert_eq!(one.cells, BTreeMap::from([(Currency::Usd, 5)]));
        let several = TableCurrency::of(&tally(&[(Currency::Usd, 1), (Currency::Eur, 4)]));
        assert_eq!((several.status, several.code), (Status::Several, None));
        assert_eq!(
            several.cells,
            BTreeMap::from([(Currency::Eur, 4), (Currency::Usd, 1)])
        );
    }

    #[test]
    fn the_summary_names_currencies_by_code() {
        let json = |c: &TableCurrency| serde_json::to_string(c).unwrap();
        assert_eq!(
            json(&TableCurrency::of(&Tally::default())),
            r#"{"status":"none","cells":{}}"#
        );
        assert_eq!(
            json(&TableCurrency::of(&tally(&[(Currency::Gbp, 2)]))),
            r#"{"status":"one","code":"GBP","cells":{"GBP":2}}"#
        );
        assert_eq!(
            json(&TableCurrency::of(&tally(&[
                (Currency::Chf, 1),
                (Currency::Eur, 2)
            ]))),
            r#"{"status":"several","cells":{"EUR":2,"CHF":1}}"#
        );
    }

    #[test]
    fn files_disagree_with_each_other_or_with_the_report() {
        let eur = TableCurrency::of(&tally(&[(Currency::Eur, 10)]));
        let usd = TableCurrency::of(&tally(&[(Currency::Usd, 4)]));
        let none = TableCurrency::of(&Tally::default());
        // Agreeing files, and files without symbols, say nothing.
        assert_eq!(
            disagreement([("a.csv", &eur), ("b.csv", &eur)], "EUR"),
            None
        );
        assert_eq!(disagreement([("a.csv", &none)], "USD"), None);
        assert_eq!(
            disagreement([("a.csv", &usd), ("b.csv", &none)], "USD"),
            None
        );
        // Two currencies: flagged, whatever the report's.
        let d = disagreement(
            [
                ("ventes.csv", &usd),
                ("b.csv", &none),
                ("factures.csv", &eur),
            ],
            "EUR",
        )
        .expect("dollars beside euros");
        assert_eq!(
            d.files,
            vec![
                ("ventes.csv".to_string(), vec![Currency::Usd]),
                ("factures.csv".to_string(), vec![Currency::Eur])
            ]
        );
        // One currency, not the report's.
        let d = disagreement([("Superstore.csv", &usd)], "EUR").expect("dollars in euros");
        assert_eq!(
            d.files,
            vec![("Superstore.csv".to_string(), vec![Currency::Usd])]
        );
        // One file mixing two.
        let mixed = TableCurrency::of(&tally(&[(Currency::Eur, 3), (Currency::Gbp, 1)]));
        let d = disagreement([("mix.csv", &mixed)], "EUR").expect("pounds among euros");
        assert_eq!(d.files[0].1, vec![Currency::Eur, Currency::Gbp]);
    }

    #[test]
    fn the_import_step_asks_proposes_or_says_nothing() {
        let (none, eur, usd) = (
            TableCurrency::of(&Tally::default()),
            TableCurrency::of(&tally(&[(Currency::Eur, 2)])),
            TableCurrency::of(&tally(&[(Currency::Usd, 2)])),
        );
        assert_eq!(proposal([None], "EUR"), Proposal::Nothing, "no money");
        assert_eq!(proposal([Some(&none)], "EUR"), Proposal::Ask);
        assert_eq!(proposal([Some(&none), None], "USD"), Proposal::Ask);
        assert_eq!(
            proposal([Some(&eur), Some(&none)], "EUR"),
            Proposal::Nothing
        );
        assert_eq!(
            proposal([Some(&usd), Some(&none)], "EUR"),
            Proposal::Switch(Currency::Usd)
        );
        assert_eq!(proposal([Some(&usd), Some(&eur)], "EUR"), Proposal::Nothing);
        let one_other = disagreement([("a.csv", &usd)], "EUR").unwrap();
        assert!(!one_other.among_files());
        let two = disagreement([("a.csv", &usd), ("b.csv", &eur)], "USD").unwrap();
        assert!(two.among_files());
    }

    #[test]
    fn codes_and_symbols() {
        for c in Currency::ALL {
            assert_eq!(Currency::from_code(c.code()), Some(c));
        }
        assert_eq!(Currency::from_code("eur"), None);
        assert_eq!(Currency::from_symbol('€'), Some(Currency::Eur));
        assert_eq!(Currency::from_symbol('$'), Some(Currency::Usd));
        assert_eq!(Currency::from_symbol('£'), Some(Currency::Gbp));
        assert_eq!(Currency::from_symbol('%'), None);
    }
}
