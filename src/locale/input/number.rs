//! A number as people type it: `12 000 000`, `150 000,50`, `1,234.5`,
//! `5 000 000 €`, `12 M€`, `1,5 M`, `$12M`, `45 %`. Spaces (also U+00A0 and
//! U+202F) group thousands; a comma or a point is the decimal mark; the
//! unit written (percent or money) is returned beside the number.

use crate::locale::Lang;

/// What was written beside the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Plain,
    Percent,
    Money,
}

/// A number read from a field, as written (`45 %` is 45, `12 M€` is 12 000 000).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub value: f64,
    pub written: Written,
}

/// Why a text is not a number (said by `InputError::say`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NotANumber,
    PercentAndMoney,
}

const CURRENCIES: [&str; 7] = ["€", "$", "£", "EUR", "USD", "GBP", "euros"];
/// Longest first, so `Md` is not read as `M` followed by `d`.
const SCALES: [(&str, f64); 11] = [
    ("Mds", 1e9),
    ("Mrd", 1e9),
    ("Md", 1e9),
    ("md", 1e9),
    ("bn", 1e9),
    ("Mio", 1e6),
    ("M", 1e6),
    ("m", 1e6),
    ("k", 1e3),
    ("K", 1e3),
    ("B", 1e9),
];

fn strip_currency(s: &str, at_end: bool) -> Option<&str> {
    CURRENCIES.iter().find_map(|c| {
        if at_end {
            s.strip_suffix(c).map(str::trim_end)
        } else {
            s.strip_prefix(c).map(str::trim_start)
        }
    })
}

fn strip_sign(s: &str) -> (bool, &str) {
    for minus in ['-', '\u{2212}'] {
        if let Some(rest) = s.strip_prefix(minus) {
            return (true, rest.trim_start());
        }
    }
    (false, s.strip_prefix('+').unwrap_or(s).trim_start())
}

/// Digits grouped by thousands: every group after the first has 3 digits.
fn grouped(s: &str, sep: char) -> Option<String> {
    let mut groups = s.split(sep);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 && s.contains(sep) {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        out.push_str(g);
    }
    out.chars().all(|c| c.is_ascii_digit()).then_some(out)
}

/// The digits, spaces, commas and points of a number, as a plain decimal.
fn plain_decimal(s: &str, lang: Lang) -> Option<String> {
    // Spaces group thousands; they never mark decimals.
    let s = grouped_spaces(s)?;
    let (commas, points) = (s.matches(',').count(), s.matches('.').count());
    let (int, frac) = match (commas, points) {
        (0, 0) => (s.clone(), String::new()),
        // Both: the last one is the decimal mark, the other groups thousands.
        (_, _) if commas > 0 && points > 0 => {
            let dec = if s.rfind(',') > s.rfind('.') {
                ','
            } else {
                '.'
            };
            let group = if dec == ',' { '.' } else { ',' };
            let (i, f) = s.rsplit_once(dec)?;
            if f.contains(group) {
                return None;
            }
            (grouped(i, group)?, f.to_string())
        }
        (n, 0) | (0, n) if n > 1 => {
            let sep = if commas > 0 { ',' } else { '.' };
            (grouped(&s, sep)?, String::new())
        }
        _ => {
            let sep = if commas > 0 { ',' } else { '.' };
            let (i, f) = s.split_once(sep)?;
            // `1,234` is a thousand and more in English, `1,234` a decimal in French.
            if sep == ',' && lang == Lang::En && f.len() == 3 && !i.is_empty() {
                (grouped(&s, ',')?, String::new())
            } else {
                (i.to_string(), f.to_string())
            }
        }
    };
    let int = if int.is_empty() && !frac.is_empty() {
        "0".to_string()
    } else {
        int
    };
    let ok = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    (!int.is_empty() && ok(&int) && ok(&frac)).then(|| {
        if frac.is_empty() {
            int
        } else {
            format!("{int}.{frac}")
        }
    })
}

/// `12 000 000` → `12000000`; `1 23` is not a number.
fn grouped_spaces(s: &str) -> Option<String> {
    if !s.contains(' ') {
        return Some(s.to_string());
    }
    let parts: Vec<&str> = s.split(' ').collect();
    for (i, p) in parts.iter().enumerate() {
        // Every group after the first: 3 digits, then maybe the decimals.
        let digits = p.split([',', '.']).next().unwrap_or("");
        let bad = if i == 0 {
            digits.is_empty() || digits.len() > 3 || p.contains([',', '.']) && parts.len() > 1
        } else {
            digits.len() != 3 || (i < parts.len() - 1 && p.contains([',', '.']))
        };
        if bad {
            return None;
        }
    }
    Some(parts.concat())
}

/// Reads a number as typed in the interface's language.
pub fn read_number(text: &str, lang: Lang) -> Result<Reading, NumberError> {
    let norm: String = text
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t' => ' ',
            c => c,
        })
        .collect();
    let mut s = norm.trim();
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let (mut negative, mut money, mut percent, mut scale) = (false, false, false, 1.0);
    let (neg, rest) = strip_sign(s);
    negative |= neg;
    s = rest;
    if let Some(rest) = strip_currency(s, false) {
        money = true;
        s = rest;
        let (neg, rest) = strip_sign(s);
        negative |= neg;
        s = rest;
    }
    // `45 %`, `12 €`, and the mistakes `12 %€` / `45 € %` (refused below).
    for _ in 0..2 {
        if let Some(rest) = s.strip_suffix('%') {
            percent = true;
            s = rest.trim_end();
        } else if let Some(rest) = strip_currency(s, true) {
            money = true;
            s = rest;
        }
    }
    if let Some((rest, factor)) = SCALES
        .iter()
        .find_map(|(w, f)| s.strip_suffix(w).map(|r| (r.trim_end(), *f)))
    {
        // A scale word follows digits: `12 M`, not `M` alone.
        if rest.ends_with(|c: char| c.is_ascii_digit()) {
            scale = factor;
            s = rest;
        }
    }
    if percent && money {
        return Err(NumberError::PercentAndMoney);
    }
    if percent && scale != 1.0 {
        return Err(NumberError::NotANumber);
    }
    let digits = plain_decimal(s, lang).ok_or(NumberError::NotANumber)?;
    let x: f64 = digits.parse().map_err(|_| NumberError::NotANumber)?;
    // Scaled in decimal so that `10,9 M` is 10 900 000, not 10 900 000.000000002.
    let value = if scale == 1.0 {
        x
    } else {
        (x * scale * 1e6).round() / 1e6
    };
    let value = if negative { -value } else { value };
    if !value.is_finite() {
        return Err(NumberError::NotANumber);
    }
    Ok(Reading {
        value,
        written: if percent {
            Written::Percent
        } else if money {
            Written::Money
        } else {
            Written::Plain
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(s: &str) -> Result<(f64, Written), NumberError> {
        read_number(s, Lang::Fr).map(|r| (r.value, r.written))
    }
    fn en(s: &str) -> Result<(f64, Written), NumberError> {
        read_number(s, Lang::En).map(|r| (r.value, r.written))
    }
    use Written::{Money, Percent, Plain};

    #[test]
    fn french_writing() {
        assert_eq!(fr("12 000 000"), Ok((12_000_000.0, Plain)));
        assert_eq!(fr("5 000 000 €"), Ok((5_000_000.0, Money)));
        assert_eq!(fr("5\u{a0}000\u{a0}000\u{a0}€"), Ok((5_000_000.0, Money)));
        assert_eq!(
            fr("5\u{202f}000\u{202f}000\u{202f}€"),
            Ok((5_000_000.0, Money))
        );
        assert_eq!(fr("150 000,50"), Ok((150_000.5, Plain)));
        assert_eq!(fr("12 M€"), Ok((12_000_000.0, Money)));
        assert_eq!(fr("250 k€"), Ok((250_000.0, Money)));
        assert_eq!(fr("1,5 M"), Ok((1_500_000.0, Plain)));
        assert_eq!(fr("10,9 M€"), Ok((10_900_000.0, Money)));
        assert_eq!(fr("2 Md€"), Ok((2e9, Money)));
        assert_eq!(fr("  50  "), Ok((50.0, Plain)));
        assert_eq!(fr("45 %"), Ok((45.0, Percent)));
        assert_eq!(fr("45%"), Ok((45.0, Percent)));
        assert_eq!(fr("12,5\u{202f}%"), Ok((12.5, Percent)));
        assert_eq!(fr("0,45"), Ok((0.45, Plain)));
        assert_eq!(fr("0.45"), Ok((0.45, Plain)));
        assert_eq!(fr("1.234,5"), Ok((1234.5, Plain)));
        assert_eq!(fr("-5"), Ok((-5.0, Plain)));
        assert_eq!(fr("\u{2212}5 %"), Ok((-5.0, Percent)));
    }

    #[test]
    fn english_writing() {
        assert_eq!(en("1,234.5"), Ok((1234.5, Plain)));
        assert_eq!(en("12,000,000"), Ok((12_000_000.0, Plain)));
        assert_eq!(en("1,234"), Ok((1234.0, Plain)));
        assert_eq!(en("€10.9M"), Ok((10_900_000.0, Money)));
        assert_eq!(en("$12M"), Ok((12_000_000.0, Money)));
        assert_eq!(en("-$250k"), Ok((-250_000.0, Money)));
        assert_eq!(en("1.5bn"), Ok((1.5e9, Plain)));
        assert_eq!(en("45%"), Ok((45.0, Percent)));
        assert_eq!(en("0,45"), Ok((0.45, Plain)));
    }

    #[test]
    fn refusals() {
        assert_eq!(fr(""), Err(NumberError::Empty));
        assert_eq!(fr("   "), Err(NumberError::Empty));
        assert_eq!(fr("abc"), Err(NumberError::NotANumber));
        assert_eq!(fr("12 000 00"), Err(NumberError::NotANumber));
        assert_eq!(fr("1 23"), Err(NumberError::NotANumber));
        assert_eq!(fr("12,000,5"), Err(NumberError::NotANumber));
        assert_eq!(fr("M€"), Err(NumberError::NotANumber));
        assert_eq!(fr("12 %€"), Err(NumberError::PercentAndMoney));
        assert_eq!(fr("45 € %"), Err(NumberError::PercentAndMoney));
        assert_eq!(fr("12 k%"), Err(NumberError::NotANumber));
        assert_eq!(fr("12x"), Err(NumberError::NotANumber));
        assert_eq!(fr("1e5"), Err(NumberError::NotANumber));
    }
}
