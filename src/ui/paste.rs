//! A column pasted from a spreadsheet: one value per line (the first cell of
//! each line when whole rows are pasted), in French or English writing.

use crate::engine::parse::number::{parse, Decimal};

pub fn parse_column(text: &str) -> Vec<Option<f64>> {
    text.lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim())
        .map(|l| parse(l, Decimal::Comma).or_else(|| parse(l, Decimal::Dot)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_cells() {
        assert_eq!(
            parse_column("120 000\n95\u{a0}500,50\t(ignored)\n\n1,234.5\nabc"),
            vec![Some(120_000.0), Some(95_500.5), None, Some(1234.5), None]
        );
    }
}
