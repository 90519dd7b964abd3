//! A target or threshold typed in the unit the user sees: a rate in percent
//! (`50` and `50 %` are 50 %; `0,45` is refused: "for 45 %, type 45"), an
//! amount with or without its currency and scale (`12 M€`), counts and days
//! as plain numbers. The result is the engine's value (a ratio for rates).

use super::number::{read_number, NumberError, Written};
use crate::engine::report::Unit;
use crate::locale::format::{currency_symbol, NNBSP};
use crate::locale::{format_number, Lang};

/// Why a typed target or threshold is refused (said by [`InputError::say`](super::InputError)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetError {
    Number(NumberError),
    /// `0,45` for a rate: 45 % must be typed 45.
    FractionForRate {
        percent: f64,
    },
    PercentForAmount,
    MoneyForRate,
    MoneyForCount,
}

/// The engine's value of a target typed for a KPI of `unit`.
pub fn read_target(text: &str, unit: Unit, lang: Lang) -> Result<f64, TargetError> {
    let r = read_number(text, lang).map_err(TargetError::Number)?;
    match (unit, r.written) {
        (Unit::Ratio, Written::Money) => Err(TargetError::MoneyForRate),
        (Unit::Ratio, Written::Percent) => Ok(r.value / 100.0),
        // A share typed as a fraction would be read 100 times too small (or large).
        (Unit::Ratio, _) if r.value != 0.0 && r.value.abs() <= 1.0 => {
            Err(TargetError::FractionForRate {
                percent: r.value * 100.0,
            })
        }
        (Unit::Ratio, _) => Ok(r.value / 100.0),
        (_, Written::Percent) => Err(TargetError::PercentForAmount),
        (Unit::Currency, _) => Ok(r.value),
        (_, Written::Money) => Err(TargetError::MoneyForCount),
        _ => Ok(r.value),
    }
}

/// `x` with at most `decimals` decimals, without trailing zeros: `45`, `12,5`.
pub fn trimmed(x: f64, decimals: usize, lang: Lang) -> String {
    let s = format_number(x, decimals, lang);
    let mark = if lang == Lang::Fr { ',' } else { '.' };
    if decimals == 0 || !s.contains(mark) {
        return s;
    }
    s.trim_end_matches('0').trim_end_matches(mark).to_string()
}

/// A target shown back as the user would type it: `50 %`, `12 000 000 €`,
/// `€12,000,000`, `2 000`. [`read_target`] reads it back to the same value.
pub fn format_typed(unit: Unit, internal: f64, currency: &str, lang: Lang) -> String {
    match unit {
        Unit::Ratio => {
            let n = trimmed(internal * 100.0, 4, lang);
            match lang {
                Lang::Fr => format!("{n}{NNBSP}%"),
                Lang::En => format!("{n}%"),
            }
        }
        Unit::Currency => {
            let n = trimmed(internal.abs(), 2, lang);
            let sign = if internal < 0.0 { "-" } else { "" };
            let sym = currency_symbol(currency);
            match lang {
                Lang::Fr => format!("{sign}{n}{NNBSP}{sym}"),
                Lang::En if sym.len() > 2 && sym.is_ascii() => format!("{sign}{sym} {n}"),
                Lang::En => format!("{sign}{sym}{n}"),
            }
        }
        _ => trimmed(internal, 4, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_typed_in_percent() {
        assert_eq!(read_target("50", Unit::Ratio, Lang::Fr), Ok(0.5));
        assert_eq!(read_target("50 %", Unit::Ratio, Lang::Fr), Ok(0.5));
        assert_eq!(read_target("45 %", Unit::Ratio, Lang::Fr), Ok(0.45));
        assert_eq!(read_target("12,5", Unit::Ratio, Lang::Fr), Ok(0.125));
        assert_eq!(read_target("0", Unit::Ratio, Lang::Fr), Ok(0.0));
        assert_eq!(read_target("0,5 %", Unit::Ratio, Lang::Fr), Ok(0.005));
        assert_eq!(
            read_target("0,45", Unit::Ratio, Lang::Fr),
            Err(TargetError::FractionForRate { percent: 45.0 })
        );
        assert_eq!(
            read_target("0.45", Unit::Ratio, Lang::En),
            Err(TargetError::FractionForRate { percent: 45.0 })
        );
        assert_eq!(
            read_target("1", Unit::Ratio, Lang::Fr),
            Err(TargetError::FractionForRate { percent: 100.0 })
        );
        assert_eq!(
            read_target("45 €", Unit::Ratio, Lang::Fr),
            Err(TargetError::MoneyForRate)
        );
    }

    #[test]
    fn amounts_counts_and_days() {
        assert_eq!(read_target("12 M€", Unit::Currency, Lang::Fr), Ok(12e6));
        assert_eq!(
            read_target("12 000 000", Unit::Currency, Lang::Fr),
            Ok(12e6)
        );
        assert_eq!(read_target("250 k€", Unit::Currency, Lang::Fr), Ok(250e3));
        assert_eq!(
            read_target("45 %", Unit::Currency, Lang::Fr),
            Err(TargetError::PercentForAmount)
        );
        assert_eq!(read_target("2 000", Unit::Count, Lang::Fr), Ok(2000.0));
        assert_eq!(read_target("0,5", Unit::Count, Lang::Fr), Ok(0.5));
        assert_eq!(
            read_target("30 €", Unit::Days, Lang::Fr),
            Err(TargetError::MoneyForCount)
        );
        assert_eq!(read_target("365", Unit::Days, Lang::En), Ok(365.0));
    }

    #[test]
    fn shown_back_as_typed_and_read_again() {
        assert_eq!(
            format_typed(Unit::Ratio, 0.5, "EUR", Lang::Fr),
            "50\u{202f}%"
        );
        assert_eq!(format_typed(Unit::Ratio, 0.45, "EUR", Lang::En), "45%");
        assert_eq!(
            format_typed(Unit::Ratio, 0.125, "EUR", Lang::Fr),
            "12,5\u{202f}%"
        );
        assert_eq!(
            format_typed(Unit::Currency, 12e6, "EUR", Lang::Fr),
            "12\u{202f}000\u{202f}000\u{202f}€"
        );
        assert_eq!(
            format_typed(Unit::Currency, 12e6, "EUR", Lang::En),
            "€12,000,000"
        );
        assert_eq!(format_typed(Unit::Currency, 99.5, "USD", Lang::En), "$99.5");
        assert_eq!(
            format_typed(Unit::Count, 2000.0, "EUR", Lang::Fr),
            "2\u{202f}000"
        );
        for (unit, x) in [
            (Unit::Ratio, 0.45),
            (Unit::Ratio, 0.125),
            (Unit::Currency, 12e6),
            (Unit::Currency, 1234.56),
            (Unit::Count, 2000.0),
            (Unit::Days, 30.5),
        ] {
            for lang in [Lang::Fr, Lang::En] {
                let shown = format_typed(unit, x, "EUR", lang);
                assert_eq!(read_target(&shown, unit, lang), Ok(x), "{shown}");
            }
        }
    }
}
