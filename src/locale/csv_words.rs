//! Numbers, dates and the title line of a CSV download, written so that a
//! spreadsheet in the user's language reads them as numbers and dates, not
//! text: in French a decimal comma and `05/03/2024`, in English a point and
//! ISO dates; never a thousands separator, never a unit inside a cell (the
//! unit goes in the header), since either turns a number into text.

use super::format::currency_symbol;
use super::print_words::{filter_words, period_range};
use super::{colon, t, Lang, Text};
use crate::engine::report::Unit;
use crate::engine::Field;

/// `x` with `decimals` decimals, no thousands separator, the language's
/// decimal mark: `7128,93` / `7128.93`.
fn plain_number(x: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{x:.decimals$}");
    // `-0.00` is 0 to a reader.
    let s = match s.strip_prefix('-') {
        Some(abs) if abs.bytes().all(|b| b == b'0' || b == b'.') => abs.to_string(),
        _ => s,
    };
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A figure of a CSV cell in `unit`: amounts to the cent, rates as percents
/// with one decimal (the header says `(%)`), counts whole (two decimals for
/// an average), durations with one decimal; an empty cell for a gap.
pub fn csv_number(x: f64, unit: Unit, lang: Lang) -> String {
    if !x.is_finite() {
        return String::new();
    }
    match unit {
        Unit::Currency => plain_number(x, 2, lang),
        Unit::Ratio => plain_number(x * 100.0, 1, lang),
        Unit::Count if x.fract() == 0.0 => plain_number(x, 0, lang),
        Unit::Count => plain_number(x, 2, lang),
        Unit::Days | Unit::Hours | Unit::Score => plain_number(x, 1, lang),
    }
}

/// The unit a column header names, since the cells hold plain numbers:
/// `(€)`, `(%)`, `(j)` / `(days)`, `(h)`; none for counts and scores.
pub fn csv_unit(unit: Unit, currency: &str, lang: Lang) -> Option<String> {
    match unit {
        Unit::Currency => Some(format!("({})", currency_symbol(currency))),
        Unit::Ratio => Some("(%)".into()),
        Unit::Days => Some(lang.pick("(j)", "(days)").into()),
        Unit::Hours => Some("(h)".into()),
        Unit::Count | Unit::Score => None,
    }
}

/// A day `2024-03-05` as a spreadsheet of the language reads a date:
/// `05/03/2024` in French, unchanged (ISO) in English; other text as it is.
pub fn csv_day(iso: &str, lang: Lang) -> String {
    let mut it = iso.splitn(3, '-');
    match (it.next(), it.next(), it.next(), lang) {
        (Some(y), Some(m), Some(d), Lang::Fr)
            if y.len() == 4 && m.len() == 2 && d.len() == 2 && digits(&[y, m, d]) =>
        {
            format!("{d}/{m}/{y}")
        }
        _ => iso.to_string(),
    }
}

/// A month key `2024-03` as its first day, `01/03/2024` / `2024-03-01`: a
/// spreadsheet reads a whole date as a date in any locale and can then sort,
/// filter and group it by month, while `03/2024` or `mars 2024` may stay text
/// (and a French Excel reads `2024-03` as text). Other keys as they are.
pub fn csv_month(key: &str, lang: Lang) -> String {
    match key.split_once('-') {
        Some((y, m)) if y.len() == 4 && m.len() == 2 && digits(&[y, m]) => {
            csv_day(&format!("{y}-{m}-01"), lang)
        }
        _ => key.to_string(),
    }
}

fn digits(parts: &[&str]) -> bool {
    parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// The first line of a chart's CSV: the chart, the period and the filters,
/// `CA par région — Période : 1er janv. 2024 → 31 déc. 2025 — Région : Ouest, Est`.
pub fn csv_title(
    chart: &str,
    period: Option<(&str, &str)>,
    filters: &[(Field, Vec<String>)],
    lang: Lang,
) -> String {
    let mut parts = vec![chart.to_string()];
    if let Some((from, to)) = period {
        parts.push(format!(
            "{}{}{}",
            t(lang, Text::Period),
            colon(lang),
            period_range(from, to, lang)
        ));
    }
    for (field, values) in filters.iter().filter(|(_, v)| !v.is_empty()) {
        parts.push(filter_words(*field, values, lang));
    }
    parts.join(" — ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::*;

    #[test]
    fn numbers_a_spreadsheet_reads_as_numbers() {
        assert_eq!(csv_number(7128.934730538923, Unit::Currency, Fr), "7128,93");
        assert_eq!(csv_number(7128.934730538923, Unit::Currency, En), "7128.93");
        assert_eq!(csv_number(1_234_567.0, Unit::Currency, Fr), "1234567,00");
        assert_eq!(csv_number(-12.5, Unit::Currency, Fr), "-12,50");
        assert_eq!(csv_number(-0.001, Unit::Currency, En), "0.00");
        assert_eq!(csv_number(0.4098, Unit::Ratio, Fr), "41,0");
        assert_eq!(csv_number(0.40949, Unit::Ratio, Fr), "40,9");
        assert_eq!(csv_number(0.40949, Unit::Ratio, En), "40.9");
        assert_eq!(csv_number(1250.0, Unit::Count, Fr), "1250");
        assert_eq!(csv_number(2.5, Unit::Count, Fr), "2,50");
        assert_eq!(csv_number(12.34, Unit::Days, Fr), "12,3");
        assert_eq!(csv_number(f64::NAN, Unit::Currency, Fr), "");
    }

    #[test]
    fn units_go_in_the_header() {
        assert_eq!(csv_unit(Unit::Currency, "EUR", Fr).as_deref(), Some("(€)"));
        assert_eq!(
            csv_unit(Unit::Currency, "CHF", En).as_deref(),
            Some("(CHF)")
        );
        assert_eq!(csv_unit(Unit::Ratio, "EUR", Fr).as_deref(), Some("(%)"));
        assert_eq!(csv_unit(Unit::Days, "EUR", En).as_deref(), Some("(days)"));
        assert_eq!(csv_unit(Unit::Count, "EUR", Fr), None);
    }

    #[test]
    fn dates_each_language_reads() {
        assert_eq!(csv_day("2024-03-05", Fr), "05/03/2024");
        assert_eq!(csv_day("2024-03-05", En), "2024-03-05");
        assert_eq!(csv_month("2024-03", Fr), "01/03/2024");
        assert_eq!(csv_month("2024-03", En), "2024-03-01");
        // Buckets and words are not dates.
        assert_eq!(csv_month("0-7", Fr), "0-7");
        assert_eq!(csv_month("Ouest", Fr), "Ouest");
        assert_eq!(csv_day("soon", Fr), "soon");
    }

    #[test]
    fn the_title_names_chart_period_and_filters() {
        let filters = vec![
            (Field::Region, vec!["Ouest".to_string(), "Est".to_string()]),
            (Field::Rep, vec![]),
        ];
        assert_eq!(
            csv_title(
                "CA par région",
                Some(("2024-01-01", "2025-12-31")),
                &filters,
                Fr
            ),
            "CA par région — Période\u{202f}: 1er janv. 2024 → 31 déc. 2025 — Région\u{202f}: Ouest, Est"
        );
        assert_eq!(
            csv_title("Revenue by region", None, &[], En),
            "Revenue by region"
        );
    }
}
