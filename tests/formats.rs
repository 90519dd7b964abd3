//! Workbooks and Parquet files give what the same data gives as CSV: the
//! same figures, the same columns and types, the same key columns as text,
//! the title rows skipped the same way, through the library and through
//! `cadran`. The fixtures (tests/data/formats, made by its make.py) hold one
//! set of rows written four ways: a French CSV export, an `.xlsx` with Excel
//! dates, `# ##0,00 €` amounts and a merged title row, and Parquet files
//! written by DuckDB with typed columns (Snappy, GZIP, ZSTD, Brotli).

use cadran::engine::kpi::{self, Query, Workspace};
use cadran::engine::{self, ColumnType, Error, Field, Imported, Kind, Options, WarningKind};
use cadran::locale::said_report;
use cadran_formats as formats;
use std::path::{Path, PathBuf};
use std::process::Command;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/formats")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).unwrap()
}

fn csv(name: &str) -> Imported {
    engine::read(name, &bytes(name), &Options::default()).unwrap()
}

/// Every table of a workbook or Parquet file, read by the engine.
fn converted(name: &str, opts: &Options) -> Vec<Imported> {
    formats::convert(&bytes(name))
        .expect("a workbook or a Parquet file")
        .unwrap()
        .into_iter()
        .map(|t| engine::read(&t.name(name), &t.csv, opts).unwrap())
        .collect()
}

/// The report as `cadran kpis` prints it, with each table named `T0`, `T1`…
/// in order, so that reports of the same data under other names compare.
fn report_json(tables: Vec<Imported>) -> String {
    let names: Vec<String> = tables.iter().map(|t| t.summary.file.clone()).collect();
    let ws = Workspace { tables };
    let report = said_report(kpi::report(&ws, &Query::default()));
    let mut json = serde_json::to_string_pretty(&report).unwrap();
    for (i, n) in names.iter().enumerate() {
        json = json.replace(n.as_str(), &format!("T{i}"));
    }
    json
}

fn revenue(tables: Vec<Imported>) -> Option<f64> {
    let ws = Workspace { tables };
    kpi::report(&ws, &Query::default()).kpis["revenue"].value
}

#[test]
fn the_workbook_gives_the_report_of_its_csv_twins() {
    let tables = converted("ventes.xlsx", &Options::default());
    let names: Vec<&str> = tables.iter().map(|t| t.summary.file.as_str()).collect();
    // The empty sheet is left out; the notes sheet is read, with no kind.
    assert_eq!(
        names,
        [
            "ventes.xlsx (Ventes)",
            "ventes.xlsx (Opportunités)",
            "ventes.xlsx (Notes)"
        ]
    );
    let kinds: Vec<Kind> = tables.iter().map(|t| t.summary.kind).collect();
    assert_eq!(kinds, [Kind::Sales, Kind::Opportunities, Kind::Unknown]);
    let sheets: Vec<Imported> = tables.into_iter().take(2).collect();
    let twins = vec![csv("ventes.csv"), csv("opportunites.csv")];
    let expected = report_json(twins);
    assert!(expected.contains("\"revenue\""), "{expected}");
    assert_eq!(report_json(sheets), expected);
}

#[test]
fn parquet_files_give_the_report_of_their_csv_twin() {
    let expected = report_json(vec![csv("ventes.csv")]);
    for file in [
        "ventes.parquet",
        "ventes-gzip.parquet",
        "ventes-zstd.parquet",
    ] {
        let tables = converted(file, &Options::default());
        assert_eq!(tables.len(), 1, "{file}");
        assert_eq!(tables[0].summary.file, file);
        assert_eq!(report_json(tables), expected, "{file}");
    }
    // Not compared with itself only: the revenue is there, and the CSV's.
    assert_eq!(revenue(vec![csv("ventes.csv")]), Some(292_049.75));
}

#[test]
fn xls_and_ods_workbooks_give_the_report_of_their_csv_twin() {
    let expected = report_json(vec![csv("ventes.csv")]);
    for file in ["ventes.xls", "ventes.ods"] {
        let tables = converted(file, &Options::default());
        let names: Vec<String> = tables.iter().map(|t| t.summary.file.clone()).collect();
        assert_eq!(names, [format!("{file} (Ventes)")]);
        let types: Vec<ColumnType> = tables[0]
            .summary
            .columns
            .iter()
            .map(|c| c.column_type)
            .collect();
        assert_eq!(types[1], ColumnType::Date, "{file}");
        assert_eq!(report_json(tables), expected, "{file}");
    }
}

#[test]
fn a_sheet_reads_with_the_columns_of_its_csv_twin() {
    for french in [false, true] {
        let opts = Options {
            french,
            ..Options::default()
        };
        let sheet = converted("ventes.xlsx", &opts).remove(0).summary;
        let twin = engine::read("ventes.csv", &bytes("ventes.csv"), &opts)
            .unwrap()
            .summary;
        let columns =
            |s: &engine::ImportSummary| -> Vec<(String, ColumnType, Option<Field>, usize)> {
                s.columns
                    .iter()
                    .map(|c| (c.name.clone(), c.column_type, c.field, c.missing))
                    .collect()
            };
        assert_eq!(columns(&sheet), columns(&twin), "french: {french}");
        assert_eq!((sheet.kind, sheet.rows), (twin.kind, twin.rows));
        // Excel's dates are dates, its amounts numbers, whatever the language.
        let types: Vec<ColumnType> = sheet.columns.iter().map(|c| c.column_type).collect();
        assert_eq!(types[1], ColumnType::Date);
        assert_eq!(types[8], ColumnType::Number);
        // The merged title and the blank row under it are skipped, and said.
        assert_eq!(sheet.header_line, 3);
        let skipped = sheet
            .warnings
            .iter()
            .find(|w| w.kind == WarningKind::LinesBeforeHeader)
            .expect("the title rows are said");
        assert_eq!(skipped.count, 2);
    }
}

#[test]
fn a_numeric_code_mapped_to_a_key_is_text_as_in_csv() {
    let code = |mut im: Imported| {
        let mut m = im.mapping.clone();
        m.fields.insert(Field::Customer, "Code client".into());
        im.set_mapping(m);
        let col = im.table.column("Code client").unwrap();
        let values: Vec<String> = (0..3).map(|r| col.text(r).unwrap_or_default()).collect();
        (col.column_type(), values)
    };
    let from_csv = code(csv("ventes.csv"));
    assert_eq!(from_csv.0, ColumnType::Text);
    assert_eq!(from_csv.1, ["10721", "10721", "10407"]);
    assert_eq!(
        code(converted("ventes.xlsx", &Options::default()).remove(0)),
        from_csv
    );
    assert_eq!(
        code(converted("ventes.parquet", &Options::default()).remove(0)),
        from_csv
    );
}

#[test]
fn what_cannot_be_read_is_said() {
    let refused = |b: &[u8]| formats::convert(b).unwrap().unwrap_err();
    assert_eq!(refused(&bytes("protege.xlsx")), Error::Encrypted);
    assert_eq!(
        refused(&bytes("ventes-brotli.parquet")),
        Error::UnsupportedCompression {
            codec: "Brotli".into()
        }
    );
    let xlsx = bytes("ventes.xlsx");
    assert_eq!(refused(&xlsx[..xlsx.len() / 2]), Error::BadWorkbook);
    let parquet = bytes("ventes.parquet");
    assert_eq!(refused(&parquet[..parquet.len() / 2]), Error::BadParquet);
    assert_eq!(
        formats::sheet(&xlsx, "Vide").unwrap_err(),
        Error::EmptySheet {
            sheet: "Vide".into()
        }
    );
    assert_eq!(formats::sheet(&xlsx, "Pas là").unwrap(), None);
    // A CSV file is the engine's own.
    assert!(formats::convert(&bytes("ventes.csv")).is_none());
}

fn cadran(args: &[&str]) -> (String, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_cadran"))
        .args(args)
        .current_dir(data(""))
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.success(),
    )
}

/// `cadran kpis`'s JSON with the given table names replaced by `T0`, `T1`….
fn renamed(json: &str, names: &[&str]) -> String {
    let mut json = json.to_string();
    for (i, n) in names.iter().enumerate() {
        json = json.replace(n, &format!("T{i}"));
    }
    json
}

#[test]
fn the_command_line_gives_the_same_figures() {
    let (twins, _, ok) = cadran(&["kpis", "ventes.csv", "opportunites.csv"]);
    assert!(ok);
    let expected = renamed(&twins, &["ventes.csv", "opportunites.csv"]);
    // Without --sheet: the sheets that look like known tables.
    let (book, notes, ok) = cadran(&["kpis", "ventes.xlsx"]);
    assert!(ok);
    assert!(notes.contains("ventes.xlsx (Notes) left out"), "{notes}");
    let sheets = ["ventes.xlsx (Ventes)", "ventes.xlsx (Opportunités)"];
    assert_eq!(renamed(&book, &sheets), expected);
    let (chosen, _, ok) = cadran(&[
        "kpis",
        "ventes.xlsx",
        "--sheet",
        "ventes.xlsx=Ventes",
        "--sheet",
        "ventes.xlsx=Opportunités",
    ]);
    assert!(ok);
    assert_eq!(renamed(&chosen, &sheets), expected);

    let (one, _, _) = cadran(&["kpis", "ventes.csv"]);
    let (sales, _, ok) = cadran(&["kpis", "ventes.xlsx", "--sheet", "ventes.xlsx=Ventes"]);
    assert!(ok);
    assert_eq!(
        renamed(&sales, &["ventes.xlsx (Ventes)"]),
        renamed(&one, &["ventes.csv"])
    );
    let (parquet, _, ok) = cadran(&["kpis", "ventes.parquet"]);
    assert!(ok);
    assert_eq!(
        renamed(&parquet, &["ventes.parquet"]),
        renamed(&one, &["ventes.csv"])
    );
    let r: serde_json::Value = serde_json::from_str(&parquet).unwrap();
    assert_eq!(r["kpis"]["revenue"]["value"], 292_049.75);

    let (_, err, ok) = cadran(&["kpis", "ventes.xlsx", "--sheet", "ventes.xlsx=Vide"]);
    assert!(!ok);
    assert!(err.contains("The sheet \"Vide\" is empty."), "{err}");
    let (_, err, ok) = cadran(&["kpis", "ventes.xlsx", "--sheet", "ventes.xlsx=Ventas"]);
    assert!(!ok);
    assert!(
        err.contains("no sheet \"Ventas\" (there are: Ventes, Opportunités, Notes, Vide)"),
        "{err}"
    );
    let (_, err, ok) = cadran(&["kpis", "ventes-brotli.parquet"]);
    assert!(!ok);
    assert!(err.contains("compressed with Brotli"), "{err}");
}

#[test]
fn inspect_lists_every_sheet_with_its_kind() {
    let (out, _, ok) = cadran(&["inspect", "ventes.xlsx"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["file"], "ventes.xlsx");
    let sheets = v["sheets"].as_array().unwrap();
    let said: Vec<(&str, &str)> = sheets
        .iter()
        .map(|s| {
            let what = s["kind"].as_str().or(s["error"].as_str()).unwrap();
            (s["sheet"].as_str().unwrap(), what)
        })
        .collect();
    assert_eq!(
        said,
        [
            ("Ventes", "sales"),
            ("Opportunités", "opportunities"),
            ("Notes", "unknown"),
            ("Vide", "The sheet \"Vide\" is empty.")
        ]
    );
    assert_eq!(sheets[0]["columns"][1]["name"], "Date");
    assert_eq!(sheets[0]["columns"][1]["type"], "date");
    // A CSV file and a Parquet file keep the one-table shape.
    let (csv, _, _) = cadran(&["inspect", "ventes.csv"]);
    let (parquet, _, _) = cadran(&["inspect", "ventes.parquet"]);
    for out in [csv, parquet] {
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["kind"], "sales");
        assert_eq!(v["rows"], 180);
    }
}
