//! A column pasted from a spreadsheet: one value per line (the first cell of
//! each line when whole rows are pasted), kept as typed so that the grid
//! reads it with the same number reader as every other input.

/// The first cell of each line, trimmed; an empty line is an empty cell.
pub fn column_cells(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::Unit;
    use crate::locale::input::read_target;
    use crate::locale::Lang::*;

    #[test]
    fn cells_read_as_french_or_english_writing() {
        let cells = column_cells("120 000\n95\u{a0}500,50\t(ignored)\n\n1,234.5\n12 M€\nabc");
        assert_eq!(
            cells,
            ["120 000", "95\u{a0}500,50", "", "1,234.5", "12 M€", "abc"]
        );
        let read: Vec<Option<f64>> = cells
            .iter()
            .map(|c| read_target(c, Unit::Currency, Fr).ok())
            .collect();
        assert_eq!(
            read,
            [
                Some(120_000.0),
                Some(95_500.5),
                None,
                Some(1234.5),
                Some(12e6),
                None
            ]
        );
    }
}
