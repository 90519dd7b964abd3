//! Tables as CSV for spreadsheets, safe to open: a cell that a spreadsheet
//! would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is
//! prefixed with an apostrophe, as OWASP recommends against CSV injection.

/// Neutralises a cell that a spreadsheet would read as a formula.
pub fn safe_cell(cell: &str) -> String {
    match cell.chars().next() {
        // A plain negative number stays a number.
        Some('-') | Some('+') if plain_number(&cell[1..]) => cell.to_string(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Digits with at most one decimal mark, point or comma (`12,5` in French):
/// nothing a spreadsheet could run.
fn plain_number(s: &str) -> bool {
    let marks = s.bytes().filter(|b| matches!(b, b'.' | b',')).count();
    marks <= 1
        && s.bytes().any(|b| b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
}

/// A CSV document (`;` for French users, `,` otherwise), every cell made
/// safe and quoted as needed: a first line of one cell saying what it holds
/// (a chart or a page, its period and filters), then the header and rows.
pub fn titled_csv_table(
    title: &str,
    header: &[String],
    rows: &[Vec<String>],
    delimiter: u8,
) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        // The title line is one cell, the header and rows several.
        .flexible(true)
        .from_writer(Vec::new());
    let _ = w.write_record([safe_cell(title)]);
    let _ = w.write_record(header.iter().map(|h| safe_cell(h)));
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| safe_cell(c)));
    }
    // UTF-8 with a BOM, so that Excel reads the accents right.
    let body = w
        .into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    format!("\u{feff}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(
            safe_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(safe_cell("+33 1 23"), "'+33 1 23");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("-cmd"), "'-cmd");
        assert_eq!(safe_cell("-12.5"), "-12.5");
        assert_eq!(safe_cell("-12,5"), "-12,5");
        assert_eq!(safe_cell("-inf"), "'-inf");
        assert_eq!(safe_cell("-1,2,3"), "'-1,2,3");
        assert_eq!(safe_cell("-"), "'-");
        assert_eq!(safe_cell("Acme"), "Acme");
    }

    #[test]
    fn a_table_round_trips_through_the_engine() {
        let header = vec!["Client".to_string(), "CA".to_string()];
        let rows = vec![
            vec!["=cmd|' /C calc'!A0".to_string(), "12,5".to_string()],
            vec!["Société; Sud".into(), "-3".into()],
        ];
        let text = titled_csv_table("Ventes — Période : 2024", &header, &rows, b';');
        assert!(text.starts_with('\u{feff}'));
        let im = crate::read("x.csv", text.as_bytes(), &Default::default()).unwrap();
        assert_eq!(im.table.rows, 2);
        assert_eq!(
            im.table.columns[0].text(0).as_deref(),
            Some("'=cmd|' /C calc'!A0")
        );
        assert_eq!(im.table.columns[0].text(1).as_deref(), Some("Société; Sud"));
        assert_eq!(im.table.columns[1].numbers().unwrap(), &[12.5, -3.0]);
    }
}
