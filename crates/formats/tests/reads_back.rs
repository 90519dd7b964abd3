//! Canonical CSV read by the engine gives back each cell's type and value,
//! whether the reading is French (decimal comma, day first) or not.

use cadran_engine::table::ColumnData;
use cadran_engine::{read, ColumnType, Options};
use cadran_formats::Cell;

fn text(s: &str) -> Cell {
    Cell::Text(s.into())
}

/// Writes `rows` through the public converter's writer: a one-sheet table.
fn write(rows: &[Vec<Cell>]) -> Vec<u8> {
    cadran_formats::canonical_csv(rows)
}

#[test]
fn typed_cells_read_back_as_their_type_in_both_readings() {
    let day = |d: u32| Cell::Moment(i64::from(19_787 + d) * 86_400); // 2024-03-05 + d
    let rows = vec![
        vec![
            text("Date"),
            text("Montant"),
            text("Client"),
            text("Payé"),
            text("Remise"),
        ],
        vec![
            day(0),
            Cell::Number(1.234),
            text("Dupont, Fils"),
            Cell::Bool(true),
            Cell::Number(1.234),
        ],
        vec![
            day(1),
            Cell::Number(1234.5),
            text("dit \"Le Grand\""),
            Cell::Bool(false),
            Cell::Number(2.125),
        ],
        vec![
            day(7),
            Cell::Decimal("-12.500".into()),
            text("Martin"),
            Cell::Bool(true),
            Cell::Number(3.375),
        ],
        vec![
            day(30),
            Cell::Integer(7),
            text("O'Brien"),
            Cell::Bool(false),
            Cell::Number(4.875),
        ],
    ];
    let csv = write(&rows);
    for french in [false, true] {
        let opts = Options {
            french,
            ..Options::default()
        };
        let im = read("t.csv", &csv, &opts).unwrap();
        let t = &im.table;
        let types: Vec<ColumnType> = t.columns.iter().map(|c| c.column_type()).collect();
        assert_eq!(
            types[..3],
            [ColumnType::Date, ColumnType::Number, ColumnType::Text]
        );
        let amounts = t.columns[1].numbers().unwrap();
        assert_eq!(amounts, [1.234, 1234.5, -12.5, 7.0], "french: {french}");
        let days: Vec<_> = (0..4).map(|r| t.columns[0].day(r)).collect();
        assert_eq!(
            days,
            [Some(19_787), Some(19_788), Some(19_794), Some(19_817)]
        );
        let names: Vec<_> = (0..4).map(|r| t.columns[2].text(r).unwrap()).collect();
        assert_eq!(
            names,
            ["Dupont, Fils", "dit \"Le Grand\"", "Martin", "O'Brien"]
        );
        assert!(
            matches!(t.columns[3].data, ColumnData::Bool(_)),
            "{:?}",
            types[3]
        );
        // Three decimals everywhere: a French reading could take the dot
        // for a thousands separator, but for the zero written after them.
        assert_eq!(
            t.columns[4].numbers().unwrap(),
            [1.234, 2.125, 3.375, 4.875]
        );
    }
}

#[test]
fn a_one_column_sheet_is_one_column() {
    let mut rows = vec![vec![text("Montant")]];
    rows.extend((1..=20).map(|i| vec![Cell::Number(f64::from(i) * 1.5)]));
    let im = read("t.csv", &write(&rows), &Options::default()).unwrap();
    assert_eq!(im.table.columns.len(), 1);
    assert_eq!(im.table.columns[0].column_type(), ColumnType::Number);
    assert_eq!(im.summary.rows, 20);
}
