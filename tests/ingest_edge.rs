//! One small hand-written file per reading rule of DATA.md §1.

mod common;

use cadran::engine::parse::number::Decimal;
use cadran::engine::table::{ColumnData, MISSING_DAY};
use cadran::engine::{self, ColumnType, Error, Field, Imported, Kind, Options, WarningKind};
use cadran::locale::{file_error, Lang};
use common::*;

fn read(bytes: &[u8]) -> Imported {
    engine::read("t.csv", bytes, &Options::default()).expect("readable")
}

fn numbers(im: &Imported, col: &str) -> Vec<f64> {
    im.table.column(col).unwrap().numbers().unwrap().to_vec()
}

fn texts(im: &Imported, col: &str) -> Vec<Option<String>> {
    let c = im.table.column(col).unwrap();
    (0..c.len()).map(|r| c.text(r)).collect()
}

fn days(im: &Imported, col: &str) -> Vec<String> {
    let c = im.table.column(col).unwrap();
    (0..c.len())
        .map(|r| c.text(r).unwrap_or_default())
        .collect()
}

fn ctype(im: &Imported, col: &str) -> ColumnType {
    im.table.column(col).unwrap().column_type()
}

fn warning(im: &Imported, kind: WarningKind) -> Option<(Option<u64>, u64)> {
    im.summary
        .warnings
        .iter()
        .find(|w| w.kind == kind)
        .map(|w| (w.line, w.count))
}

#[test]
fn rfc4180_quoting() {
    let im = read(
        b"name,note,amount\n\"Smith, John\",\"said \"\"hi\"\"\",1\n\"Doe\",\"two\nlines\",2\n",
    );
    assert_eq!(im.summary.rows, 2);
    assert_eq!(
        texts(&im, "name"),
        vec![Some("Smith, John".into()), Some("Doe".into())]
    );
    assert_eq!(texts(&im, "note")[0].as_deref(), Some("said \"hi\""));
    assert_eq!(texts(&im, "note")[1].as_deref(), Some("two\nlines"));
}

#[test]
fn line_ends_and_last_line_without_newline() {
    for f in [
        &b"a;b\r\n1;2\r\n3;4"[..],
        b"a;b\n1;2\n3;4\n",
        b"a;b\r1;2\r3;4\r",
    ] {
        let im = read(f);
        assert_eq!(im.summary.rows, 2, "{f:?}");
        assert_eq!(numbers(&im, "b"), vec![2.0, 4.0]);
    }
}

#[test]
fn utf8_bom_is_not_part_of_the_first_header() {
    let im = read(b"\xEF\xBB\xBFDate,Amount\n2024-01-02,5\n");
    assert_eq!(im.table.columns[0].name, "Date");
    assert_eq!(im.summary.kind, Kind::Sales);
}

#[test]
fn ragged_rows_are_kept_and_reported_with_their_line() {
    let im = read(b"a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,,\n");
    assert_eq!(im.summary.rows, 4);
    assert_eq!(texts(&im, "c")[1], None);
    assert_eq!(warning(&im, WarningKind::ShortRow), Some((Some(3), 1)));
    assert_eq!(warning(&im, WarningKind::LongRow), Some((Some(4), 1)));
}

#[test]
fn duplicate_and_empty_headers_become_unique() {
    let im = read(b"Montant;Montant;;Montant\n1;2;3;4\n");
    let names: Vec<&str> = im.table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Montant", "Montant (2)", "Column 3", "Montant (3)"]);
    let renamed: Vec<_> = im
        .summary
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::DuplicateHeader)
        .collect();
    assert_eq!(renamed.len(), 2, "one warning per renamed column");
    assert_eq!(renamed[0].column.as_deref(), Some("Montant (2)"));
    assert!(warning(&im, WarningKind::EmptyHeader).is_some());
}

#[test]
fn delimiter_only_rows_are_ignored_and_counted() {
    let im = read(b"Date;Montant;Client\n05/03/2024;10,5;A\n;;\n;;\n06/03/2024;1;B\n;;\n");
    assert_eq!((im.summary.rows, im.summary.ignored_rows), (2, 3));
    assert_eq!(warning(&im, WarningKind::EmptyRows), Some((Some(3), 3)));
}

#[test]
fn number_writings_per_column_locale() {
    let im = read(
        "en,fr,frdot,money,neg,pct,exp\n\
         \"1,234.56\",\"1\u{a0}234,56\",\"1.234,56\",\"1\u{202f}234,56 €\",(12),12%,\"1,5E+3\"\n\
         7.5,\"0,5\",\"2,5\",€3,-4,\"12,5 %\",2e2\n"
            .as_bytes(),
    );
    assert_eq!(numbers(&im, "en"), vec![1234.56, 7.5]);
    assert_eq!(numbers(&im, "fr"), vec![1234.56, 0.5]);
    assert_eq!(numbers(&im, "frdot"), vec![1234.56, 2.5]);
    assert_eq!(numbers(&im, "money"), vec![1234.56, 3.0]);
    assert_eq!(numbers(&im, "neg"), vec![-12.0, -4.0]);
    assert_eq!(numbers(&im, "pct"), vec![0.12, 0.125]);
    assert_eq!(numbers(&im, "exp"), vec![1500.0, 200.0]);
    let col = |n: &str| {
        im.summary
            .columns
            .iter()
            .find(|c| c.name == n)
            .unwrap()
            .decimal
    };
    assert_eq!(col("en"), Some(Decimal::Dot));
    assert_eq!(col("fr"), Some(Decimal::Comma));
    assert_eq!(ctype(&im, "neg"), ColumnType::Integer);
    assert_eq!(ctype(&im, "en"), ColumnType::Number);
}

#[test]
fn ambiguous_thousands_follow_the_file() {
    // `1,234` alone: 1234 in a comma file, 1.234 in a French `;` file.
    assert_eq!(
        numbers(&read(b"a,b\n\"1,234\",x\n\"2,500\",y\n"), "a"),
        vec![1234.0, 2500.0]
    );
    assert_eq!(
        numbers(&read(b"a;b\n1,234;x\n2,500;y\n"), "a"),
        vec![1.234, 2.5]
    );
}

#[test]
fn bad_values_in_a_number_column_are_missing_and_reported_once() {
    let mut f = String::from("Date,Amount\n");
    for i in 0..40 {
        f.push_str(&format!("2024-01-{:02},{}\n", i % 28 + 1, i));
    }
    f.push_str("2024-02-01,oops\n2024-02-02,n/a\n2024-02-03,again?\n");
    let im = read(f.as_bytes());
    assert_eq!(ctype(&im, "Amount"), ColumnType::Integer);
    let v = numbers(&im, "Amount");
    assert!(v[40].is_nan() && v[41].is_nan() && v[42].is_nan());
    let w = im
        .summary
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::BadValue)
        .unwrap();
    assert_eq!(
        (w.line, w.count, w.column.as_deref()),
        (Some(42), 2, Some("Amount"))
    );
    let said = cadran::locale::warning(Lang::En, w);
    assert_eq!(
        said,
        "2 values in \"Amount\" could not be read as a number and count as missing."
    );
    // Once typed, the mapped amount misses the bad cells and the `n/a` one.
    assert!(im.mapping.field_of("Amount").is_some());
    assert_eq!(warning(&im, WarningKind::MissingField), Some((Some(42), 3)));
}

#[test]
fn date_writings() {
    let im = read(
        "iso,isotime,fr,dot,us,short,named,namedfr,serial date\n\
         2024-03-05,2024-03-05T14:30:00Z,25/03/2024,05.03.2024,3/25/2024,12/1/10 8:26,5-Mar-2024,5 mars 2024,45356\n\
         2024-03-06,2024-03-06T08:00:00Z,01/04/2024,06.03.2024,4/1/2024,12/2/10 9:00,6-Mar-2024,6 mars 2024,45357\n"
            .as_bytes(),
    );
    assert_eq!(days(&im, "iso"), ["2024-03-05", "2024-03-06"]);
    assert_eq!(ctype(&im, "isotime"), ColumnType::Datetime);
    assert_eq!(days(&im, "fr"), ["2024-03-25", "2024-04-01"]);
    assert_eq!(days(&im, "us"), ["2024-03-25", "2024-04-01"]);
    assert_eq!(days(&im, "short"), ["2010-12-01", "2010-12-02"]);
    assert_eq!(ctype(&im, "short"), ColumnType::Datetime);
    assert_eq!(days(&im, "named"), ["2024-03-05", "2024-03-06"]);
    assert_eq!(days(&im, "namedfr"), ["2024-03-05", "2024-03-06"]);
    assert_eq!(days(&im, "serial date"), ["2024-03-05", "2024-03-06"]);
    let fmt = |n: &str| {
        im.summary
            .columns
            .iter()
            .find(|c| c.name == n)
            .unwrap()
            .format
            .clone()
    };
    assert_eq!(fmt("fr").as_deref(), Some("%d/%m/%Y"));
    assert_eq!(fmt("us").as_deref(), Some("%m/%d/%Y"));
    assert_eq!(fmt("short").as_deref(), Some("%m/%d/%y %H:%M"));
}

#[test]
fn undecidable_dates_default_to_day_first_in_semicolon_files_and_say_so() {
    let im = read(b"Date;Montant\n05/03/2024;1\n06/04/2024;2\n");
    assert_eq!(days(&im, "Date"), ["2024-03-05", "2024-04-06"]);
    let w = im
        .summary
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::AmbiguousDates)
        .unwrap();
    assert_eq!(w.column.as_deref(), Some("Date"));
    assert!(im.summary.columns[0].ambiguous);
    // A comma file from an English user reads them month-first.
    let en = read(b"Date,Amount\n05/03/2024,1\n06/04/2024,2\n");
    assert_eq!(days(&en, "Date"), ["2024-05-03", "2024-06-04"]);
    // ... unless the caller says the user is French.
    let fr = engine::read(
        "t.csv",
        b"Date,Amount\n05/03/2024,1\n",
        &Options {
            french: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(days(&fr, "Date"), ["2024-03-05"]);
}

#[test]
fn missing_tokens_are_missing_not_zero() {
    let im = read(b"Date,Amount,Note\n2024-01-01,NA,x\n2024-01-02,,N/A\n2024-01-03,null,-\n2024-01-04,#N/A,y\n2024-01-05,5,z\n");
    let v = numbers(&im, "Amount");
    assert!(v[..4].iter().all(|x| x.is_nan()));
    assert_eq!(v[4], 5.0);
    assert_eq!(
        texts(&im, "Note"),
        [
            Some("x".into()),
            None,
            None,
            Some("y".into()),
            Some("z".into())
        ]
    );
    let d = im.table.column("Date").unwrap();
    let ColumnData::Date { days, .. } = &d.data else {
        panic!()
    };
    assert!(!days.contains(&MISSING_DAY));
}

#[test]
fn booleans() {
    let im = read("a;b;c;d;e\noui;yes;true;1;x\nnon;no;false;0;\nOui;YES;FALSE;1;X\n".as_bytes());
    for col in ["a", "b", "c", "d", "e"] {
        assert_eq!(ctype(&im, col), ColumnType::Bool, "{col}");
    }
    let ColumnData::Bool(v) = &im.table.column("a").unwrap().data else {
        panic!()
    };
    assert_eq!(v, &[Some(true), Some(false), Some(true)]);
    let ColumnData::Bool(v) = &im.table.column("e").unwrap().data else {
        panic!()
    };
    assert_eq!(v, &[Some(true), None, Some(true)]);
    // Only ones are counts, not flags.
    assert_eq!(ctype(&read(b"q,r\n1,a\n1,b\n"), "q"), ColumnType::Integer);
}

#[test]
fn unreadable_files_are_clear_errors() {
    let err = |b: &[u8]| engine::read("x", b, &Options::default()).unwrap_err();
    assert_eq!(err(b""), Error::Empty);
    assert_eq!(err(b"\n\r\n  \n"), Error::Empty);
    assert!(
        matches!(err(b"PK\x03\x04\x14\x00\x06\x00"), Error::Binary { hint: Some(h) } if h.contains("xlsx"))
    );
    assert!(matches!(
        err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Error::Binary { .. }
    ));
    assert!(matches!(
        err(b"\x00\x01\x02\x03\x04binary\x00"),
        Error::Binary { .. }
    ));
    assert_eq!(err(b"just one line of text"), Error::NoTable);
    assert!(file_error(Lang::En, &err(b"")).contains("empty"));
    assert!(file_error(Lang::Fr, &err(b"")).contains("vide"));
}

#[test]
fn french_headers_map_to_fields_and_amount_is_derived() {
    let im = read(
        &to_cp1252("Date de commande;Société;Commercial;Région;Quantité;Prix unitaire\n05/03/2024;Aéro;Léa;Île-de-France;3;12,50\n"),
    );
    assert_eq!(im.summary.kind, Kind::Sales);
    let f = |field| im.mapping.fields.get(&field).map(String::as_str);
    assert_eq!(f(Field::Date), Some("Date de commande"));
    assert_eq!(f(Field::Customer), Some("Société"));
    assert_eq!(f(Field::Rep), Some("Commercial"));
    assert_eq!(f(Field::Region), Some("Région"));
    assert_eq!(f(Field::Amount), None);
    assert_eq!(im.summary.derived, vec![Field::Amount]);
    let ws = cadran::engine::kpi::Workspace { tables: vec![im] };
    let r = cadran::engine::kpi::report(&ws, &Default::default());
    assert_eq!(r.kpis["revenue"].value, Some(37.5));
}

#[test]
fn the_user_can_override_kind_and_mapping() {
    let f = b"When,Value,Who\n2024-01-01,10,A\n2024-01-02,20,B\n";
    assert_eq!(read(f).summary.kind, Kind::Unknown);
    let mut opts = Options {
        kind: Some(Kind::Sales),
        ..Options::default()
    };
    opts.mapping.insert(Field::Date, "When".into());
    let im = engine::read("t.csv", f, &opts).unwrap();
    assert_eq!(im.summary.kind, Kind::Sales);
    assert_eq!(
        im.mapping.fields.get(&Field::Amount).map(String::as_str),
        Some("Value")
    );
    assert_eq!(im.summary.columns[0].field, Some(Field::Date));
    assert!(im.mapping.complete());
}

#[test]
fn preview_keeps_cells_exactly_as_encoded() {
    let opts = Options {
        preview_rows: 1,
        ..Options::default()
    };
    let im = engine::read("t.csv", b"a,b\n\"  x, y \",  2 \n3,4\n", &opts).unwrap();
    assert_eq!(
        im.summary.preview,
        vec![vec!["  x, y ".to_string(), "  2 ".to_string()]]
    );
}

#[test]
fn columns_of_values_nearly_all_distinct_read_like_any_other() {
    // 30 000 rows: an amount and a time of day nearly all distinct (kept
    // cell by cell once that shows), and a reference written with digits
    // only whose leading zeros make it text: its 25 000 values, repeated
    // after row 25 000, must each come out once.
    let mut csv = String::from("Ref;Montant;Heure\n");
    for i in 0..30_000 {
        let amount = if i == 29_000 {
            String::new()
        } else {
            format!("{i},25")
        };
        csv.push_str(&format!(
            "{:06};{amount};0{}/01/2024 {:02}:{:02}\n",
            i % 25_000,
            i % 9 + 1,
            i / 60 % 24,
            i % 60
        ));
    }
    let im = read(csv.as_bytes());
    assert_eq!(im.summary.rows, 30_000);
    let sum: f64 = numbers(&im, "Montant").iter().filter(|x| !x.is_nan()).sum();
    let expected = (0..30_000)
        .filter(|&i| i != 29_000)
        .map(|i| i as f64 + 0.25)
        .sum::<f64>();
    assert!((sum - expected).abs() < 1e-6, "{sum} vs {expected}");
    assert!(numbers(&im, "Montant")[29_000].is_nan());
    let refs = im.table.column("Ref").unwrap();
    let ColumnData::Text { codes, pool } = &refs.data else {
        panic!("Ref should be text: {:?}", refs.column_type());
    };
    assert_eq!(pool.len(), 25_000);
    assert_eq!(codes[26_234], codes[1_234]);
    // Invoice numbers in order: distinct as read, no merge needed.
    let mut numbered = String::from("Facture;Montant\n");
    for i in 0..20_000 {
        numbered.push_str(&format!("FA{i:06};{i}\n"));
    }
    let invoices = read(numbered.as_bytes());
    let ColumnData::Text { codes, pool } = &invoices.table.column("Facture").unwrap().data else {
        panic!("Facture should be text");
    };
    assert_eq!((pool.len(), codes[19_999]), (20_000, 19_999));
    assert_eq!(pool.get(17_000), "FA017000");
    assert_eq!(refs.text(26_234).as_deref(), Some("001234"));
    assert_eq!(ctype(&im, "Heure"), ColumnType::Datetime);
    let ColumnData::DateTime { secs, .. } = &im.table.column("Heure").unwrap().data else {
        panic!("Heure should be date-times");
    };
    // Row 61: 8 January 2024, 01:01.
    let day = engine::parse::date::days_from_ymd(2024, 1, 8).unwrap() as i64;
    assert_eq!(secs[61], day * 86_400 + 3_600 + 60);
}

#[test]
fn values_nearly_all_distinct_read_the_same_on_one_thread_or_two() {
    // Over 8 MB without quotes: read natively in two halves and merged.
    // The second half repeats references and amounts of the first.
    let mut csv = String::from("Ref;Montant;Client\n");
    for i in 0..400_000 {
        let k = if i < 250_000 { i } else { i - 200_000 };
        csv.push_str(&format!("{:07};{k},{:02};Client {}\n", k, i % 100, i % 50));
    }
    assert!(csv.len() > 8 << 20);
    let opts = |one_thread| Options {
        one_thread,
        ..Options::default()
    };
    let two = engine::read("t.csv", csv.as_bytes(), &opts(false)).expect("readable");
    let one = engine::read("t.csv", csv.as_bytes(), &opts(true)).expect("readable");
    assert_eq!(format!("{:?}", two.table), format!("{:?}", one.table));
    let ColumnData::Text { codes, pool } = &one.table.column("Ref").unwrap().data else {
        panic!("Ref should be text");
    };
    assert_eq!(pool.len(), 250_000);
    assert_eq!(codes[300_000], codes[100_000]);
}

/// A column headed as a count (an aggregated extract's order count, a
/// quantity) keeps its 0s and 1s as numbers (DATA.md §4b), where a 0/1
/// column under another header reads as yes and no — even one naming a
/// measure (`Paid`, `Recommandation`): it is no amount paid nor a score.
/// The table's grain is said.
#[test]
fn an_order_count_of_zeros_and_ones_is_a_number() {
    let im = read(
        "Date;Client;Montant HT;Nb commandes;Quantité;Payé;Paid;Recommandation\n\
         05/03/2024;Alpha;120,50;1;1;1;1;1\n05/03/2024;Beta;-20,00;0;0;0;0;0\n"
            .as_bytes(),
    );
    assert_eq!(numbers(&im, "Nb commandes"), [1.0, 0.0]);
    assert_eq!(numbers(&im, "Quantité"), [1.0, 0.0]);
    for flag in ["Payé", "Paid", "Recommandation"] {
        assert_eq!(ctype(&im, flag), ColumnType::Bool, "{flag}");
    }
    assert_eq!(im.mapping.kind, Kind::Sales);
    assert_eq!(
        im.mapping.fields.get(&Field::Orders).map(String::as_str),
        Some("Nb commandes")
    );
    let grain = im.summary.grain.as_ref().map(|g| g.by.clone());
    assert_eq!(grain, Some(vec![Field::Date, Field::Customer]));
    // An empty count column is no count: no grain, the rows are lines.
    let lines = read("Date;Client;Montant HT;Nb commandes\n05/03/2024;Alpha;120,50;\n".as_bytes());
    assert_eq!(lines.summary.grain, None);
}
