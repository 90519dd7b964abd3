//! Typed cells written as the CSV text the engine reads back as the same
//! types, whatever the user's language: `,` between cells, numbers with a
//! `.` and no thousands separator (never exactly three decimals, which a
//! French reading could take for thousands: `1.250` is written `1.2500`),
//! dates `2024-03-05`, date-times `2024-03-05 14:30:00` (a whole column of
//! date-times at midnight is written as dates), booleans `true`/`false`,
//! text as it is, quoted when it holds a comma, a quote or a line break.

use chrono::{DateTime, NaiveDate};

/// A cell as a workbook or a Parquet file types it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A whole number, beyond what an `f64` holds exactly (Parquet's `INT64`).
    Integer(i64),
    /// A decimal as written (Parquet's `DECIMAL`), digits and `.` only.
    Decimal(String),
    Bool(bool),
    /// Seconds since 1970-01-01 00:00 (no time zone: the wall clock's).
    Moment(i64),
}

const SECONDS_PER_DAY: i64 = 86_400;

/// The rows of a table, the header among them, as CSV text.
pub fn write(rows: &[Vec<Cell>]) -> Vec<u8> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    // A column whose moments all fall at midnight holds dates.
    let with_time: Vec<bool> = (0..width)
        .map(|c| {
            rows.iter().any(
                |r| matches!(r.get(c), Some(Cell::Moment(s)) if s.rem_euclid(SECONDS_PER_DAY) != 0),
            )
        })
        .collect();
    let mut out = Vec::with_capacity(rows.len() * width * 8);
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                out.push(b',');
            }
            write_cell(&mut out, cell, with_time[c]);
        }
        // Short rows keep the table's width: a title line stays a title line.
        out.extend(std::iter::repeat_n(b',', width.saturating_sub(row.len())));
        out.push(b'\n');
    }
    out
}

fn write_cell(out: &mut Vec<u8>, cell: &Cell, with_time: bool) {
    match cell {
        Cell::Empty => {}
        Cell::Text(t) => write_text(out, t),
        Cell::Number(n) => out.extend_from_slice(number(*n).as_bytes()),
        Cell::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Cell::Decimal(d) => out.extend_from_slice(not_three_decimals(d.clone()).as_bytes()),
        Cell::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Cell::Moment(s) => out.extend_from_slice(moment(*s, with_time).as_bytes()),
    }
}

fn write_text(out: &mut Vec<u8>, t: &str) {
    if t.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(t.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(t.as_bytes());
    }
}

/// A number in its shortest exact form, without exponent; whole numbers
/// without a decimal part (a customer code `10234`, not `10234.0`).
pub fn number(n: f64) -> String {
    if !n.is_finite() {
        return String::new();
    }
    if n == n.trunc() && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    // Rust writes the shortest text that reads back as the same double,
    // never with an exponent.
    not_three_decimals(format!("{n}"))
}

/// `1.250` could be 1 250 to a French reading: one more zero says it is not.
fn not_three_decimals(mut s: String) -> String {
    if let Some(dot) = s.find('.') {
        if s.len() - dot - 1 == 3 {
            s.push('0');
        }
    }
    s
}

/// A moment as an ISO date, or date and time.
pub fn moment(seconds: i64, with_time: bool) -> String {
    let Some(t) = DateTime::from_timestamp(seconds, 0) else {
        return String::new();
    };
    if with_time {
        t.format("%Y-%m-%d %H:%M:%S").to_string()
    } else {
        t.format("%Y-%m-%d").to_string()
    }
}

/// Seconds since 1970 of a day and a time of day.
pub fn seconds_of(day: NaiveDate, hour: u32, minute: u32, second: u32) -> Option<i64> {
    let t = day.and_hms_opt(hour, minute, second)?;
    Some(t.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_so_that_any_reading_gives_them_back() {
        assert_eq!(number(10234.0), "10234");
        assert_eq!(number(-12.5), "-12.5");
        assert_eq!(number(1234.56), "1234.56");
        assert_eq!(number(1.25), "1.25");
        assert_eq!(number(1.234), "1.2340");
        assert_eq!(number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number(1e20), "100000000000000000000");
        assert_eq!(number(f64::NAN), "");
        // Each reads back as the same double.
        for n in [1234.56, 1.234, 0.1 + 0.2, 7128.93, 1e-7] {
            assert_eq!(number(n).parse::<f64>(), Ok(n));
        }
    }

    #[test]
    fn moments_are_dates_unless_their_column_has_a_time() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        let midnight = seconds_of(day, 0, 0, 0).unwrap();
        let afternoon = seconds_of(day, 14, 30, 0).unwrap();
        let rows = vec![
            vec![Cell::Text("Date".into()), Cell::Text("Heure".into())],
            vec![Cell::Moment(midnight), Cell::Moment(midnight)],
            vec![Cell::Moment(midnight), Cell::Moment(afternoon)],
        ];
        assert_eq!(
            String::from_utf8(write(&rows)).unwrap(),
            "Date,Heure\n2024-03-05,2024-03-05 00:00:00\n2024-03-05,2024-03-05 14:30:00\n"
        );
    }

    #[test]
    fn text_is_quoted_only_when_it_must_be() {
        let rows = vec![vec![
            Cell::Text("Dupont, Fils".into()),
            Cell::Text("dit \"le grand\"".into()),
            Cell::Text("simple".into()),
            Cell::Bool(true),
            Cell::Empty,
        ]];
        assert_eq!(
            String::from_utf8(write(&rows)).unwrap(),
            "\"Dupont, Fils\",\"dit \"\"le grand\"\"\",simple,true,\n"
        );
    }

    #[test]
    fn short_rows_keep_the_tables_width() {
        let rows = vec![
            vec![Cell::Text("Ventes 2024".into())],
            vec![Cell::Text("A".into()), Cell::Text("B".into())],
        ];
        assert_eq!(
            String::from_utf8(write(&rows)).unwrap(),
            "Ventes 2024,\nA,B\n"
        );
    }
}
