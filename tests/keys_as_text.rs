//! Columns mapped to key fields (order, invoice, customer, product, rep…)
//! keep each cell's text exactly as the file wrote it, whatever the values
//! look like; measure columns keep their types and report unreadable cells.

mod common;

use cadran::engine::kpi::{self, Query};
use cadran::engine::{self, ColumnType, Field, Imported, Kind, Report, WarningKind};
use std::collections::BTreeMap;

/// (invoice, day of December 2010, customer) of each sale: two lines each,
/// 6 × 2.55 + 2 × 5.00 = 25.30.
const INVOICES: [(&str, u32, &str); 19] = [
    ("536365", 1, "17850.0"),
    ("536366", 1, "17850.0"),
    ("536367", 1, "17850.0"),
    ("536368", 1, "17850.0"),
    ("536369", 1, "17850.0"),
    ("536370", 1, "17850.0"),
    ("536371", 1, "13047.0"),
    ("536372", 1, "13047.0"),
    ("536373", 1, "13047.0"),
    ("536374", 13, "13047.0"),
    ("536375", 13, "13047.0"),
    ("536376", 13, "13047.0"),
    ("536377", 13, "12583.0"),
    ("536378", 13, "12583.0"),
    ("536380", 13, "12583.0"),
    ("536381", 13, "12583.0"),
    ("536382", 13, "12583.0"),
    ("536384", 13, "12583.0"),
    ("536385", 13, "12583.0"),
];

/// A retail export: 38 lines of numeric invoices, and two cancellations
/// (`C…`, one line each) on lines 14 and 29. 38 of 40 invoice cells are
/// numbers: exactly the 95 % that made the column a number column, its two
/// cancellations missing values.
fn retail() -> String {
    let mut csv = String::from("InvoiceNo,InvoiceDate,CustomerID,Description,Quantity,UnitPrice\n");
    for (i, (invoice, day, customer)) in INVOICES.iter().enumerate() {
        let time = format!("{}:{:02}", 8 + i / 6, (i * 7) % 60);
        csv += &format!(
            "{invoice},12/{day}/2010 {time},{customer},WHITE HANGING HEART T-LIGHT HOLDER,6,2.55\n\
             {invoice},12/{day}/2010 {time},{customer},KNITTED UNION FLAG HOT WATER BOTTLE,2,5.00\n"
        );
        if *invoice == "536370" {
            csv += "C536379,12/1/2010 9:41,17850.0,Discount,-1,27.50\n";
        }
        if *invoice == "536377" {
            csv += "C536383,12/13/2010 9:49,12583.0,WHITE HANGING HEART T-LIGHT HOLDER,-6,2.55\n";
        }
    }
    csv
}

fn read(name: &str, csv: &str) -> Imported {
    engine::read(name, csv.as_bytes(), &engine::Options::default()).expect(name)
}

fn column_type(im: &Imported, name: &str) -> ColumnType {
    let c = im.summary.columns.iter().find(|c| c.name == name);
    c.expect(name).column_type
}

/// Every cell of a column as the table holds it.
fn cells(im: &Imported, name: &str) -> Vec<Option<String>> {
    let c = im.table.column(name).expect(name);
    (0..c.len()).map(|r| c.text(r)).collect()
}

fn warnings_of(im: &Imported, column: &str) -> Vec<WarningKind> {
    let w = im.summary.warnings.iter();
    w.filter(|w| w.column.as_deref() == Some(column))
        .map(|w| w.kind)
        .collect()
}

#[track_caller]
fn is(r: &Report, id: &str, want: f64) {
    let got = r.kpis[id]
        .value
        .unwrap_or_else(|| panic!("{id} unavailable: {:?}", r.kpis[id]));
    assert!((got - want).abs() < 1e-9, "{id}: got {got}, want {want}");
}

fn breakdown(r: &Report, id: &str) -> Vec<(String, f64)> {
    let rows = r.breakdown(id).iter();
    rows.map(|b| (b.key.clone(), (b.value * 100.0).round() / 100.0))
        .collect()
}

#[test]
fn retail_invoice_numbers_with_cancellations_stay_text() {
    let csv = retail();
    let im = read("retail.csv", &csv);
    assert_eq!(im.summary.kind, Kind::Sales);
    assert_eq!(im.mapping.fields[&Field::OrderId], "InvoiceNo");
    // Numeric customer ids still map to the customer.
    assert_eq!(im.mapping.fields[&Field::Customer], "CustomerID");
    assert_eq!(column_type(&im, "InvoiceNo"), ColumnType::Text);
    assert_eq!(column_type(&im, "CustomerID"), ColumnType::Text);
    // Measures keep their types.
    assert_eq!(column_type(&im, "Quantity"), ColumnType::Integer);
    assert_eq!(column_type(&im, "UnitPrice"), ColumnType::Number);
    assert_eq!(column_type(&im, "InvoiceDate"), ColumnType::Datetime);
    // No cell of the id columns is missing, and no warning speaks of them.
    assert!(
        warnings_of(&im, "InvoiceNo").is_empty(),
        "{:?}",
        im.summary.warnings
    );
    assert!(warnings_of(&im, "CustomerID").is_empty());
    assert!(im.summary.warnings.is_empty(), "{:?}", im.summary.warnings);
    let invoices = cells(&im, "InvoiceNo");
    assert_eq!(invoices[12].as_deref(), Some("C536379"));
    assert_eq!(invoices[27].as_deref(), Some("C536383"));
    assert_eq!(invoices[0].as_deref(), Some("536365"));
    assert!(invoices.iter().all(Option::is_some));
    // The customer ids as written, not as numbers (`17850`).
    assert_eq!(cells(&im, "CustomerID")[0].as_deref(), Some("17850.0"));

    let ws = kpi::Workspace { tables: vec![im] };
    let r = kpi::report(&ws, &Query::default());
    // 19 invoices of 25.30 = 480.70, less the cancellations C536379
    // (−1 × 27.50) and C536383 (−6 × 2.55 = −15.30): 437.90.
    is(&r, "revenue", 437.90);
    // The 19 numeric invoices; the two cancellations are orders with a
    // negative total, not sales.
    is(&r, "order_count", 19.0);
    is(&r, "units_sold", 19.0 * 8.0 - 1.0 - 6.0);
    is(&r, "active_customers", 3.0);
    // 17850.0: 6 × 25.30 − 27.50; 13047.0: 6 × 25.30; 12583.0: 7 × 25.30 − 15.30.
    assert_eq!(
        breakdown(&r, "top_customers"),
        [
            ("12583.0".to_string(), 161.80),
            ("13047.0".to_string(), 151.80),
            ("17850.0".to_string(), 124.30),
        ]
    );
}

#[test]
fn the_inspect_summary_says_text() {
    let csv = retail();
    let json = serde_json::to_value(&read("retail.csv", &csv).summary).unwrap();
    let columns = json["columns"].as_array().unwrap();
    let invoice = columns.iter().find(|c| c["name"] == "InvoiceNo").unwrap();
    assert_eq!(invoice["type"], "text");
    assert_eq!(invoice["field"], "order_id");
    assert_eq!(invoice["missing"], 0);
    assert!(!json.to_string().contains("could not be read as a number"));
}

#[test]
fn numeric_looking_keys_print_as_written() {
    // Product codes with and without leading zeros, customers as numbers.
    let csv = "\
Date,Order,Customer,Product,Amount
2024-03-01,1001,12346.0,00123,10
2024-03-01,1001,12346.0,0456,20
2024-03-02,1002,12347.0,789,40
2024-03-03,1003,12346.0,00123,5
";
    let im = read("sales.csv", csv);
    for name in ["Order", "Customer", "Product"] {
        assert_eq!(column_type(&im, name), ColumnType::Text, "{name}");
    }
    assert_eq!(column_type(&im, "Amount"), ColumnType::Integer);
    let r = kpi::report(
        &common::workspace_of(&[("sales.csv", csv)]),
        &Query::default(),
    );
    is(&r, "order_count", 3.0);
    is(&r, "revenue", 75.0);
    assert_eq!(
        breakdown(&r, "top_customers"),
        [("12347.0".to_string(), 40.0), ("12346.0".to_string(), 35.0)]
    );
    // A filter takes the key as written.
    let q = Query {
        filters: BTreeMap::from([(Field::Product, vec!["00123".to_string()])]),
        ..Query::default()
    };
    is(
        &kpi::report(&common::workspace_of(&[("sales.csv", csv)]), &q),
        "revenue",
        15.0,
    );
}

/// Headers no synonym knows (a German export): nothing is mapped at first.
const BELEGE: &str = "\
Beleg,Datum,Kunde,Betrag
536365,2024-03-01,12346.0,10
536366,2024-03-01,12346.0,20
536367,2024-03-02,12347.0,30
536368,2024-03-02,12347.0,40
536369,2024-03-03,12348.0,50
C536379,2024-03-03,12348.0,-5
536370,2024-03-04,12346.0,10
536371,2024-03-04,12346.0,10
536372,2024-03-05,12347.0,10
536373,2024-03-05,12347.0,10
536374,2024-03-06,12348.0,10
536375,2024-03-06,12348.0,10
536376,2024-03-07,12346.0,10
536377,2024-03-07,12346.0,10
536378,2024-03-08,12347.0,10
536380,2024-03-08,12347.0,10
536381,2024-03-09,12348.0,10
536382,2024-03-09,12348.0,10
536384,2024-03-10,12346.0,10
536385,2024-03-10,12346.0,10
";

fn sales_overrides(keys: bool) -> BTreeMap<Field, String> {
    let mut m = BTreeMap::from([
        (Field::Date, "Datum".to_string()),
        (Field::Amount, "Betrag".to_string()),
    ]);
    if keys {
        m.insert(Field::OrderId, "Beleg".into());
        m.insert(Field::Customer, "Kunde".into());
    }
    m
}

#[test]
fn a_typed_column_remapped_to_a_key_gets_its_text_back() {
    let mut im = read("belege.csv", BELEGE);
    assert_eq!(im.summary.kind, Kind::Unknown);
    // Unmapped, the ids read as numbers and the cancellation (line 7) as a bad value.
    assert_eq!(column_type(&im, "Beleg"), ColumnType::Integer);
    assert_eq!(column_type(&im, "Kunde"), ColumnType::Number);
    let bad = im.summary.warnings.clone();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!((bad[0].kind, bad[0].line), (WarningKind::BadValue, Some(7)));
    assert_eq!(
        cadran::locale::warning(cadran::locale::Lang::En, &bad[0]),
        "1 value in \"Beleg\" could not be read as a number and count as missing."
    );
    let as_written: Vec<Option<String>> = BELEGE
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().map(str::to_string))
        .collect();

    // The mapping editor maps them to the order and the customer.
    im.remap(Some(Kind::Sales), &sales_overrides(true));
    assert_eq!(im.mapping.fields[&Field::OrderId], "Beleg");
    assert_eq!(column_type(&im, "Beleg"), ColumnType::Text);
    assert_eq!(column_type(&im, "Kunde"), ColumnType::Text);
    assert_eq!(column_type(&im, "Betrag"), ColumnType::Integer);
    assert_eq!(cells(&im, "Beleg"), as_written);
    assert_eq!(cells(&im, "Kunde")[4].as_deref(), Some("12348.0"));
    assert!(im.summary.warnings.is_empty(), "{:?}", im.summary.warnings);
    let summary = im
        .summary
        .columns
        .iter()
        .find(|c| c.name == "Kunde")
        .unwrap();
    assert_eq!((summary.decimal, summary.missing), (None, 0));
    let ws = kpi::Workspace {
        tables: vec![im.clone()],
    };
    let r = kpi::report(&ws, &Query::default());
    // 10 + 20 + … : 150 in the first five, −5 for C536379, 14 × 10 after.
    is(&r, "revenue", 150.0 - 5.0 + 140.0);
    is(&r, "order_count", 19.0);
    is(&r, "active_customers", 3.0);

    // Mapped to no key again: numbers again, and the warning as at first.
    im.remap(Some(Kind::Sales), &sales_overrides(false));
    assert_eq!(column_type(&im, "Beleg"), ColumnType::Integer);
    assert_eq!(column_type(&im, "Kunde"), ColumnType::Number);
    assert_eq!(im.summary.warnings, bad);
    assert_eq!(cells(&im, "Beleg")[0].as_deref(), Some("536365"));
    assert_eq!(cells(&im, "Beleg")[5], None);

    // `set_mapping` (a remembered mapping, the worker) does the same.
    let mut mapping = im.mapping.clone();
    mapping.fields.insert(Field::OrderId, "Beleg".into());
    im.set_mapping(mapping);
    assert_eq!(column_type(&im, "Beleg"), ColumnType::Text);
    assert_eq!(column_type(&im, "Kunde"), ColumnType::Number);
    assert_eq!(cells(&im, "Beleg"), as_written);
    assert!(im.summary.warnings.is_empty(), "{:?}", im.summary.warnings);
}

#[test]
fn a_mapping_given_at_read_time_keeps_key_text() {
    let opts = engine::Options {
        kind: Some(Kind::Sales),
        mapping: sales_overrides(true),
        ..engine::Options::default()
    };
    let im = engine::read("belege.csv", BELEGE.as_bytes(), &opts).unwrap();
    assert_eq!(column_type(&im, "Beleg"), ColumnType::Text);
    assert_eq!(cells(&im, "Beleg")[5].as_deref(), Some("C536379"));
    assert!(im.summary.warnings.is_empty(), "{:?}", im.summary.warnings);
}

#[test]
fn a_bad_amount_is_still_reported_with_its_line() {
    let csv = "\
Date,Order,Customer,Amount
2024-03-01,1001,12346,10
2024-03-01,1002,12346,20
2024-03-02,1003,12347,30
2024-03-02,1004,12347,40
2024-03-03,1005,12348,oops
2024-03-03,1006,12348,60
2024-03-04,1007,12346,10
2024-03-04,1008,12346,10
2024-03-05,1009,12347,10
2024-03-05,1010,12347,10
2024-03-06,1011,12348,10
2024-03-06,1012,12348,10
2024-03-07,1013,12346,10
2024-03-07,1014,12346,10
2024-03-08,1015,12347,10
2024-03-08,1016,12347,10
2024-03-09,1017,12348,10
2024-03-09,1018,12348,10
2024-03-10,1019,12346,10
2024-03-10,1020,12346,10
";
    let im = read("sales.csv", csv);
    assert_eq!(column_type(&im, "Amount"), ColumnType::Integer);
    assert_eq!(column_type(&im, "Order"), ColumnType::Text);
    let w: Vec<_> = im
        .summary
        .warnings
        .iter()
        .map(|w| (w.kind, w.line, w.count))
        .collect();
    assert_eq!(
        w,
        [
            (WarningKind::BadValue, Some(6), 1),
            (WarningKind::MissingField, Some(6), 1)
        ]
    );
    assert_eq!(
        cadran::locale::warning(cadran::locale::Lang::En, &im.summary.warnings[0]),
        "1 value in \"Amount\" could not be read as a number and count as missing."
    );
}

#[test]
fn a_yes_no_column_under_a_customer_header_stays_a_flag_in_leads() {
    // `Client` names the customer of a sale, and whether a lead became one.
    let csv = "\
Lead ID,Created,Client
L1,2024-03-01,oui
L2,2024-03-02,non
L3,2024-03-03,non
";
    let im = read("leads.csv", csv);
    assert_eq!(im.summary.kind, Kind::Leads);
    assert_eq!(
        im.mapping.fields[&Field::ConvertedToCustomer],
        "Client".to_string()
    );
    assert_eq!(column_type(&im, "Client"), ColumnType::Bool);
}
