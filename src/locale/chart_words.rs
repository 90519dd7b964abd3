//! The words and numbers of charts: value-axis ticks written short
//! (`1,2 M€`, `€1.2M`, `25 %`), and the headers of chart tables.

use super::format::{format_number, place_money, MONEY_SCALES, NNBSP};
use super::Lang;
use crate::engine::report::Unit;

/// `x` with at most `max` decimals, trailing zeros dropped: `1,25`, `1,5`, `2`.
fn trimmed(x: f64, max: usize, lang: Lang) -> String {
    let s = format_number(x, max, lang);
    let dsep = if lang == Lang::Fr { ',' } else { '.' };
    if max == 0 || !s.contains(dsep) {
        return s;
    }
    s.trim_end_matches('0').trim_end_matches(dsep).to_string()
}

/// A tick of a value axis, short and in its unit: money with k / M / Md
/// (`350 k€`, `1,25 M€`) in French and k / M / bn (`€350k`, `€1.25M`) in
/// English, ratios in percent (`25 %`, `12.5%`), counts as plain numbers.
/// Tooltips and tables keep the exact figure (`format_value`).
pub fn format_axis(unit: Unit, v: f64, currency: &str, lang: Lang) -> String {
    if !v.is_finite() {
        return String::new();
    }
    match unit {
        Unit::Currency => compact_money(v, currency, lang),
        Unit::Ratio => match lang {
            Lang::Fr => format!("{}{NNBSP}%", trimmed(v * 100.0, 1, lang)),
            Lang::En => format!("{}%", trimmed(v * 100.0, 1, lang)),
        },
        Unit::Count | Unit::Score => trimmed(v, 2, lang),
        Unit::Days => match lang {
            Lang::Fr => format!("{}\u{a0}j", trimmed(v, 1, lang)),
            Lang::En => format!("{} d", trimmed(v, 1, lang)),
        },
        Unit::Hours => format!("{}\u{a0}h", trimmed(v, 1, lang)),
    }
}

/// Money in a few characters, with up to two decimals of its scale, so that
/// ticks such as 1 250 000 and 1 500 000 stay distinct (`1,25 M€`, `1,5 M€`).
fn compact_money(x: f64, currency: &str, lang: Lang) -> String {
    let a = x.abs();
    // The scale is chosen after rounding: 999 999 is `1 M€`, not `1 000 k€`.
    let pick = MONEY_SCALES
        .iter()
        .find(|(s, _, _)| ((a / s) * 100.0).round() / 100.0 >= 1.0);
    let (n, suffixes) = match pick {
        Some(&(scale, fr, en)) => (trimmed(a / scale, 2, lang), (fr, en)),
        None => (trimmed(a, 2, lang), ("", "")),
    };
    let sign = if x < 0.0 && n.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "-"
    } else {
        ""
    };
    place_money(sign, &n, suffixes, currency, lang)
}

/// A header of a chart's table view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartWord {
    /// The month of first purchase a cohort is named by.
    Cohort,
    /// How many customers a cohort has.
    Customers,
    /// A stage of the pipeline.
    Stage,
    /// The sales cycle's buckets, in days (a table's key column).
    CycleLength,
    /// The lead response time's buckets (a table's key column).
    ResponseTime,
    /// Promoters, passives, detractors (a table's key column).
    NpsGroup,
    /// How late the receivables are (a table's key column).
    Overdue,
}

pub fn chart_word(lang: Lang, w: ChartWord) -> &'static str {
    let (fr, en) = match w {
        ChartWord::Cohort => ("Cohorte", "Cohort"),
        ChartWord::Customers => ("Clients", "Customers"),
        ChartWord::Stage => ("Étape", "Stage"),
        ChartWord::CycleLength => ("Durée (jours)", "Cycle length (days)"),
        ChartWord::ResponseTime => ("Délai de réponse", "Response time"),
        ChartWord::NpsGroup => ("Catégorie", "Group"),
        ChartWord::Overdue => ("Retard", "Overdue"),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::*;

    fn nb(s: &str) -> String {
        s.replace(' ', "\u{202f}")
    }

    #[test]
    fn money_ticks_with_k_m_md_in_french() {
        let f = |v| format_axis(Unit::Currency, v, "EUR", Fr);
        assert_eq!(f(1_200_000.0), nb("1,2 M€"));
        assert_eq!(f(350_000.0), nb("350 k€"));
        assert_eq!(f(1_250_000.0), nb("1,25 M€"));
        assert_eq!(f(2_000_000_000.0), nb("2 Md€"));
        assert_eq!(f(999_999.0), nb("1 M€"));
        assert_eq!(f(500.0), nb("500 €"));
        assert_eq!(f(0.0), nb("0 €"));
        assert_eq!(f(-40_000.0), nb("-40 k€"));
        assert_eq!(
            format_axis(Unit::Currency, 3e6, "CHF", Fr),
            "3\u{202f}M CHF"
        );
        assert_eq!(format_axis(Unit::Currency, 300.0, "CHF", Fr), "300 CHF");
    }

    #[test]
    fn money_ticks_with_k_m_bn_in_english() {
        let f = |v| format_axis(Unit::Currency, v, "EUR", En);
        assert_eq!(f(1_200_000.0), "€1.2M");
        assert_eq!(f(350_000.0), "€350k");
        assert_eq!(f(2_500_000_000.0), "€2.5bn");
        assert_eq!(f(750.0), "€750");
        assert_eq!(f(-1_500.0), "-€1.5k");
        assert_eq!(format_axis(Unit::Currency, 3e6, "USD", En), "$3M");
        assert_eq!(format_axis(Unit::Currency, 3e6, "CHF", En), "CHF 3M");
    }

    #[test]
    fn ratios_in_percent_counts_plain() {
        assert_eq!(format_axis(Unit::Ratio, 0.25, "EUR", Fr), nb("25 %"));
        assert_eq!(format_axis(Unit::Ratio, 0.125, "EUR", En), "12.5%");
        // Float noise of a tick (0.1 + 0.2) does not show.
        assert_eq!(format_axis(Unit::Ratio, 0.1 + 0.2, "EUR", En), "30%");
        assert_eq!(format_axis(Unit::Count, 12_000.0, "EUR", Fr), nb("12 000"));
        assert_eq!(format_axis(Unit::Count, 2.5, "EUR", En), "2.5");
        assert_eq!(format_axis(Unit::Count, -5.0, "EUR", En), "-5");
        assert_eq!(format_axis(Unit::Days, 30.0, "EUR", Fr), "30\u{a0}j");
        assert_eq!(format_axis(Unit::Days, 30.0, "EUR", En), "30 d");
        assert_eq!(format_axis(Unit::Hours, 1.5, "EUR", Fr), "1,5\u{a0}h");
        assert_eq!(format_axis(Unit::Count, f64::NAN, "EUR", Fr), "");
    }

    #[test]
    fn table_headers_in_both_languages() {
        for w in [ChartWord::Cohort, ChartWord::Customers, ChartWord::Stage] {
            assert!(!chart_word(Fr, w).is_empty());
            assert_ne!(chart_word(Fr, w), chart_word(En, w));
        }
    }
}
