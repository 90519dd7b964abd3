//! Ingest over the real exports in tests/data and over copies of them
//! re-encoded and re-delimited as French Excel, UTF-16, with title lines and
//! trailing `;;;;` rows.

mod common;

use cadran::engine::kpi::{self, Query, Workspace};
use cadran::engine::table::ColumnData;
use cadran::engine::{self, ColumnType, Field, Kind, Options, WarningKind};
use common::*;

fn read(name: &str, bytes: &[u8]) -> engine::Imported {
    engine::read(name, bytes, &Options::default()).expect("readable")
}

fn revenue(imported: engine::Imported) -> f64 {
    let ws = Workspace {
        tables: vec![imported],
    };
    kpi::report(&ws, &Query::default()).kpis["revenue"]
        .value
        .expect("revenue")
}

fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

#[test]
fn superstore_is_read_as_sales_with_its_revenue() {
    let bytes = read_data("superstore/Superstore.csv");
    let im = read("Superstore.csv", &bytes);
    let s = &im.summary;
    assert_eq!(s.encoding.name(), "windows-1252");
    assert_eq!(
        (s.delimiter.as_str(), s.header_line, s.rows),
        (",", 1, 9994)
    );
    assert_eq!(s.kind, Kind::Sales);
    let col = |name: &str| s.columns.iter().find(|c| c.name == name).unwrap();
    assert_eq!(col("Order Date").column_type, ColumnType::Date);
    assert_eq!(col("Order Date").format.as_deref(), Some("%m/%d/%Y"));
    assert_eq!(col("Order Date").field, Some(Field::Date));
    assert_eq!(col("Sales").column_type, ColumnType::Number);
    assert_eq!(col("Sales").field, Some(Field::Amount));
    assert_eq!(col("Quantity").column_type, ColumnType::Integer);
    assert_eq!(col("Customer Name").field, Some(Field::Customer));
    assert_eq!(col("Profit").field, Some(Field::Margin));
    // Postal codes keep their leading zeros: they are codes, not numbers.
    assert_eq!(col("Postal Code").column_type, ColumnType::Text);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    // Windows-1252 accents decoded (a product name with "é").
    let products = im.table.column("Product Name").unwrap();
    let ColumnData::Text { pool, .. } = &products.data else {
        panic!("text")
    };
    assert!(
        pool.iter().any(|p| p.contains('é')),
        "an accented product name"
    );
    assert_eq!(cents(revenue(im)), 229_720_086);
}

#[test]
fn superstore_as_french_excel_gives_the_same_revenue() {
    // Re-delimited with `;`, decimal commas, day-first dates, a title line,
    // CRLF, trailing `;;;;` rows, in Windows-1252: what French Excel writes.
    let bytes = read_data("superstore/Superstore.csv");
    let text = encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned();
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(&headers).unwrap();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let fields: Vec<String> = rec
            .iter()
            .enumerate()
            .map(|(i, f)| match &headers[i] {
                "Sales" | "Profit" | "Discount" => f.replace('.', ","),
                "Order Date" | "Ship Date" => {
                    let p: Vec<&str> = f.split('/').collect();
                    format!("{:0>2}/{:0>2}/{}", p[1], p[0], p[2])
                }
                _ => f.to_string(),
            })
            .collect();
        out.write_record(&fields).unwrap();
    }
    let csv_text = String::from_utf8(out.into_inner().unwrap()).unwrap();
    let full = format!("Export Superstore du 05/03/2024;;;\r\n\r\n{csv_text};;;;;;;;;;;;;;;;;;;;\r\n;;;;;;;;;;;;;;;;;;;;\r\n");
    let im = read("superstore-fr.csv", &to_cp1252(&full));
    let s = &im.summary;
    assert_eq!(
        (s.encoding.name(), s.delimiter.as_str()),
        ("windows-1252", ";")
    );
    assert_eq!((s.header_line, s.rows, s.ignored_rows), (3, 9994, 2));
    let date = s.columns.iter().find(|c| c.name == "Order Date").unwrap();
    assert_eq!(date.format.as_deref(), Some("%d/%m/%Y"));
    let sales = s.columns.iter().find(|c| c.name == "Sales").unwrap();
    assert_eq!(sales.decimal, Some(engine::parse::number::Decimal::Comma));
    let kinds: Vec<WarningKind> = s.warnings.iter().map(|w| w.kind).collect();
    assert!(kinds.contains(&WarningKind::LinesBeforeHeader), "{kinds:?}");
    assert!(kinds.contains(&WarningKind::EmptyRows), "{kinds:?}");
    assert_eq!(cents(revenue(im)), 229_720_086);
}

#[test]
fn superstore_in_utf16_both_endians() {
    let bytes = read_data("superstore/Superstore.csv");
    let text = encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned();
    for little in [true, false] {
        let im = read("s16.csv", &to_utf16(&text, little));
        assert_eq!(
            im.summary.encoding.name(),
            if little { "utf-16le" } else { "utf-16be" }
        );
        assert_eq!(im.summary.rows, 9994);
        assert_eq!(cents(revenue(im)), 229_720_086);
    }
}

#[test]
fn crm_tables_get_their_kinds_and_missing_values_are_counted() {
    let pipeline = read(
        "sales_pipeline.csv",
        &read_data("crm_sales_opportunities/sales_pipeline.csv"),
    );
    let s = &pipeline.summary;
    assert_eq!((s.kind, s.rows), (Kind::Opportunities, 8800));
    let field = |f: Field| pipeline.mapping.fields.get(&f).map(String::as_str);
    assert_eq!(field(Field::CreatedDate), Some("engage_date"));
    assert_eq!(field(Field::Stage), Some("deal_stage"));
    assert_eq!(field(Field::Amount), Some("close_value"));
    assert_eq!(field(Field::Rep), Some("sales_agent"));
    // Open deals have no close date and no value: one grouped warning each.
    let warning = |col: &str| {
        s.warnings
            .iter()
            .find(|w| w.kind == WarningKind::MissingField && w.column.as_deref() == Some(col))
    };
    let missing = |col: &str| warning(col).map(|w| w.count);
    assert_eq!(missing("close_date"), Some(2089));
    assert_eq!(missing("close_value"), Some(2089));
    assert_eq!(missing("engage_date"), Some(500));
    // CRLF rows under an LF header: the first deal without an account or a
    // close date is on line 11 (HAXMC4IX), the first undated one on 8302.
    let line = |col: &str| warning(col).and_then(|w| w.line);
    assert_eq!(line("account"), Some(11));
    assert_eq!(line("close_date"), Some(11));
    assert_eq!(line("engage_date"), Some(8302));
    for (file, kind, rows) in [
        ("sales_teams.csv", Kind::Team, 35),
        ("accounts.csv", Kind::Customers, 85),
        ("products.csv", Kind::Products, 7),
    ] {
        let im = read(file, &read_data(&format!("crm_sales_opportunities/{file}")));
        assert_eq!((im.summary.kind, im.summary.rows), (kind, rows), "{file}");
    }
}
