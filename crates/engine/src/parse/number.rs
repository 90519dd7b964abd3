//! Numbers as spreadsheets write them: `1234.56`, `1,234.56`, `1 234,56`,
//! `1.234,56 €`, `(12)`, `12 %`, `1,5E+3`. One value alone can be ambiguous
//! (`1,234` is 1234 in English and 1.234 in French), so the column decides the
//! decimal separator from all its values ([`Decimal`]) and each value is then
//! read with it.

use crate::currency::Currency;
use serde::{Deserialize, Serialize};

/// The decimal separator a number column uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decimal {
    #[serde(rename = ".")]
    Dot,
    #[serde(rename = ",")]
    Comma,
}

/// Which decimal separators a value can be read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fits {
    pub dot: bool,
    pub comma: bool,
    pub has_dot: bool,
    pub has_comma: bool,
    /// Written with an exponent or a percent sign.
    pub scaled: bool,
    /// Starts with a zero followed by a digit (`007`, `01234`): an identifier, not a quantity.
    pub leading_zero: bool,
    /// The currency written beside it (`€`, `$`, `EUR`…), stripped to read it.
    pub currency: Option<Currency>,
}

impl Fits {
    pub fn any(&self) -> bool {
        self.dot || self.comma
    }
}

const MAX_LEN: usize = 64;

/// A number stripped of currency, spaces, sign and percent: ASCII digits,
/// `.`, `,` and an exponent, held on the stack.
struct Cleaned {
    buf: [u8; MAX_LEN],
    len: usize,
    /// Index in `buf` where the exponent (`e…`) starts, or `len`.
    exp_at: usize,
    negative: bool,
    percent: bool,
    currency: Option<Currency>,
}

impl Cleaned {
    fn mantissa(&self) -> &[u8] {
        &self.buf[..self.exp_at]
    }
}

/// Symbols written before or after an amount.
const CURRENCY_SYMBOLS: [char; 4] = ['€', '$', '£', '¥'];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{202f}'
}

/// `s` without the currency around it, and that currency (the first one
/// met, when a cell writes two).
fn strip_currency(s: &str) -> (&str, Option<Currency>) {
    let s = s.trim_matches(is_space);
    let mut found = None;
    let rest = s.trim_start_matches(CURRENCY_SYMBOLS);
    if rest.len() != s.len() {
        found = s.chars().next().and_then(Currency::from_symbol);
    }
    let s = rest;
    let rest = s.trim_end_matches(CURRENCY_SYMBOLS);
    if rest.len() != s.len() {
        found = found.or_else(|| s.chars().next_back().and_then(Currency::from_symbol));
    }
    let mut s = rest.trim_matches(is_space);
    for c in Currency::ALL {
        let w = c.code();
        if let Some(rest) = s.strip_prefix(w) {
            s = rest.trim_start();
            found = found.or(Some(c));
        }
        if let Some(rest) = s.strip_suffix(w) {
            s = rest.trim_end();
            found = found.or(Some(c));
        }
    }
    (s, found)
}

/// Whether `s` starts with a digit (or a minus and a digit) and ends with
/// one: then there is no space, currency, percent sign or bracket to strip
/// at its ends (most cells of an export: `1234,56`, `-12`), and the work of
/// [`strip_currency`], once per value of a column of amounts nearly all
/// distinct, is skipped.
fn plain_ends(s: &str) -> bool {
    let b = s.as_bytes();
    let digits_from = usize::from(b.first() == Some(&b'-'));
    b.get(digits_from).is_some_and(u8::is_ascii_digit) && b.last().is_some_and(u8::is_ascii_digit)
}

/// [`strip_currency`], keeping the first currency met in `currency`.
fn strip<'a>(s: &'a str, currency: &mut Option<Currency>) -> &'a str {
    let (rest, found) = strip_currency(s);
    *currency = currency.or(found);
    rest
}

fn clean(raw: &str) -> Option<Cleaned> {
    let mut currency = None;
    let mut s = if plain_ends(raw) {
        raw
    } else {
        strip(raw, &mut currency)
    };
    let mut negative = false;
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        percent = true;
        s = rest.trim_end_matches(is_space);
    }
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = strip(inner, &mut currency);
    }
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        negative = !negative;
        s = if plain_ends(rest) {
            rest
        } else {
            strip(rest, &mut currency)
        };
    } else if let Some(rest) = s.strip_prefix('+') {
        s = strip(rest, &mut currency);
    }
    if s.is_empty() {
        return None;
    }
    let mut c = Cleaned {
        buf: [0; MAX_LEN],
        len: 0,
        exp_at: usize::MAX,
        negative,
        percent,
        currency,
    };
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut prev_digit = false;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'0'..=b'9' => {
                push(&mut c, b)?;
                prev_digit = true;
                i += 1;
            }
            b'.' | b',' => {
                push(&mut c, b)?;
                prev_digit = false;
                i += 1;
            }
            // Grouping spaces and Swiss apostrophes, only between digits.
            b' ' | b'\'' if prev_digit => i += 1,
            0xC2 if bytes.get(i + 1) == Some(&0xA0) && prev_digit => i += 2,
            0xE2 if prev_digit
                && bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xAF) | Some(0x89)) =>
            {
                i += 3
            }
            b'e' | b'E' if prev_digit && c.exp_at == usize::MAX => {
                c.exp_at = c.len;
                push(&mut c, b'e')?;
                i += 1;
                if let Some(&sign @ (b'+' | b'-')) = bytes.get(i) {
                    push(&mut c, sign)?;
                    i += 1;
                }
                let start = i;
                while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
                    push(&mut c, d)?;
                    i += 1;
                }
                if i == start || i != bytes.len() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    if c.exp_at == usize::MAX {
        c.exp_at = c.len;
    }
    if !c.mantissa().iter().any(u8::is_ascii_digit) {
        return None;
    }
    Some(c)
}

fn push(c: &mut Cleaned, b: u8) -> Option<()> {
    *c.buf.get_mut(c.len)? = b;
    c.len += 1;
    Some(())
}

/// Is `m` a valid grouping with `group` as the thousands separator and an
/// optional single `decimal` part after it?
fn valid_grouping(m: &[u8], group: u8, decimal: u8) -> bool {
    let (int_part, frac) = match m.iter().position(|&b| b == decimal) {
        Some(p) => (&m[..p], Some(&m[p + 1..])),
        None => (m, None),
    };
    if let Some(f) = frac {
        if f.contains(&decimal) || f.contains(&group) || f.is_empty() {
            return false;
        }
    }
    let mut groups = int_part.split(|&b| b == group);
    let first = groups.next().unwrap_or_default();
    if first.is_empty() || first.len() > 3 {
        return false;
    }
    groups.all(|g| g.len() == 3)
}

fn fits_decimal(m: &[u8], decimal: u8, has_exp: bool) -> bool {
    let group = if decimal == b'.' { b',' } else { b'.' };
    if has_exp && m.contains(&group) {
        return false;
    }
    if !m.contains(&group) {
        return m.iter().filter(|&&b| b == decimal).count() <= 1;
    }
    valid_grouping(m, group, decimal)
}

/// Which decimal separators `s` can be read with, or `None` when it is no number.
pub fn fits(s: &str) -> Option<Fits> {
    let c = clean(s)?;
    let m = c.mantissa();
    let has_exp = c.exp_at < c.len;
    let dot = fits_decimal(m, b'.', has_exp);
    let comma = fits_decimal(m, b',', has_exp);
    if !dot && !comma {
        return None;
    }
    let leading_zero = m.len() > 1 && m[0] == b'0' && m[1].is_ascii_digit();
    Some(Fits {
        dot,
        comma,
        has_dot: m.contains(&b'.'),
        has_comma: m.contains(&b','),
        scaled: has_exp || c.percent,
        leading_zero,
        currency: c.currency,
    })
}

/// Reads `s` as a number with the column's decimal separator. `12 %` is 0.12.
pub fn parse(s: &str, decimal: Decimal) -> Option<f64> {
    let c = clean(s)?;
    let (dec, group) = match decimal {
        Decimal::Dot => (b'.', b','),
        Decimal::Comma => (b',', b'.'),
    };
    let has_exp = c.exp_at < c.len;
    if !fits_decimal(c.mantissa(), dec, has_exp) {
        return None;
    }
    let mut v = match (!has_exp)
        .then(|| exact_small(c.mantissa(), dec, group))
        .flatten()
    {
        Some(v) => v,
        None => read_float(&c, dec, group)?,
    };
    if !v.is_finite() {
        return None;
    }
    if c.percent {
        v /= 100.0;
    }
    Some(if c.negative { -v } else { v })
}

/// Powers of ten a double holds exactly.
const EXACT_POWERS: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// A mantissa of at most 15 digits (`1234,56`, grouped or not) read as its
/// digits over a power of ten: both exact in a double, so the one division
/// is correctly rounded — the value `str::parse` gives, without building a
/// string for it (a column of amounts nearly all distinct parses each).
fn exact_small(m: &[u8], dec: u8, group: u8) -> Option<f64> {
    let (mut digits, mut mantissa, mut after) = (0usize, 0u64, None::<usize>);
    for &b in m {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
                if let Some(k) = after.as_mut() {
                    *k += 1;
                }
            }
            _ if b == dec => after = Some(0),
            _ if b == group => {}
            _ => return None,
        }
        if digits > 15 {
            return None;
        }
    }
    Some(mantissa as f64 / EXACT_POWERS.get(after.unwrap_or(0))?)
}

/// Any other mantissa, through `str::parse`.
fn read_float(c: &Cleaned, dec: u8, group: u8) -> Option<f64> {
    let mut out = [0u8; MAX_LEN];
    let mut n = 0;
    for &b in &c.buf[..c.len] {
        if b == group {
            continue;
        }
        out[n] = if b == dec { b'.' } else { b };
        n += 1;
    }
    let text = std::str::from_utf8(&out[..n]).ok()?;
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_mantissas_read_as_str_parse_reads_them() {
        // Amounts of 1 to 16 digits and 0 to 7 decimals, both separators,
        // grouped or not: the same double as through a string.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 16 + 1) as usize;
            let decimals = ((x >> 8) % 8) as usize;
            let n = (x >> 16) % 10u64.pow(digits as u32);
            let text = format!("{n:0digits$}");
            let (int, frac) = text.split_at(text.len().saturating_sub(decimals));
            let int = if int.is_empty() { "0" } else { int };
            let english = if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            };
            let french = english.replace('.', ",");
            let want: f64 = english.parse().expect("a number");
            assert_eq!(parse(&english, Decimal::Dot), Some(want), "{english}");
            assert_eq!(parse(&french, Decimal::Comma), Some(want), "{french}");
            assert_eq!(
                parse(&format!("-{english}"), Decimal::Dot),
                Some(-want),
                "-{english}"
            );
        }
        assert_eq!(parse("1 234 567,891", Decimal::Comma), Some(1_234_567.891));
        assert_eq!(parse("1,234,567.891", Decimal::Dot), Some(1_234_567.891));
        assert_eq!(parse("0,000001", Decimal::Comma), Some(0.000_001));
    }

    fn dot(s: &str) -> Option<f64> {
        parse(s, Decimal::Dot)
    }
    fn comma(s: &str) -> Option<f64> {
        parse(s, Decimal::Comma)
    }

    #[test]
    fn english_and_french_writings() {
        assert_eq!(dot("1234.56"), Some(1234.56));
        assert_eq!(dot("1,234.56"), Some(1234.56));
        assert_eq!(comma("1 234,56"), Some(1234.56));
        assert_eq!(comma("1.234,56"), Some(1234.56));
        assert_eq!(comma("1\u{a0}234,56\u{a0}€"), Some(1234.56));
        assert_eq!(comma("1\u{202f}234,56 €"), Some(1234.56));
        assert_eq!(dot("€1,234"), Some(1234.0));
        assert_eq!(dot("$ 12.5"), Some(12.5));
        assert_eq!(comma("12,5 EUR"), Some(12.5));
    }

    #[test]
    fn the_currency_stripped_is_named() {
        let currency = |s: &str| fits(s).and_then(|f| f.currency);
        for (text, want) in [
            ("1 234,56 €", Some(Currency::Eur)),
            ("1\u{a0}234,56\u{a0}€", Some(Currency::Eur)),
            ("€1,234", Some(Currency::Eur)),
            ("$1,234.56", Some(Currency::Usd)),
            ("$ 12.5", Some(Currency::Usd)),
            ("-$5", Some(Currency::Usd)),
            ("($12.00)", Some(Currency::Usd)),
            ("(1,200.50 $)", Some(Currency::Usd)),
            ("£10", Some(Currency::Gbp)),
            ("1234.56 EUR", Some(Currency::Eur)),
            ("EUR 99.90", Some(Currency::Eur)),
            ("CHF 1'234.50", Some(Currency::Chf)),
            ("12 GBP", Some(Currency::Gbp)),
            ("1234.56", None),
            ("-12", None),
            ("12 %", None),
            (" 42 ", None),
        ] {
            assert_eq!(currency(text), want, "{text:?}");
        }
        // Not a number, whatever it writes.
        assert_eq!(fits("€"), None);
        assert_eq!(fits("USD"), None);
    }

    #[test]
    fn signs_percent_exponent() {
        assert_eq!(dot("-12"), Some(-12.0));
        assert_eq!(dot("(12)"), Some(-12.0));
        assert_eq!(dot("(1,200.50 $)"), Some(-1200.5));
        assert_eq!(dot("12%"), Some(0.12));
        assert_eq!(comma("12,5 %"), Some(0.125));
        assert_eq!(comma("1,5E+3"), Some(1500.0));
        assert_eq!(dot("2.5e-2"), Some(0.025));
        assert_eq!(dot("+7"), Some(7.0));
    }

    #[test]
    fn not_numbers() {
        for s in [
            "", "-", "abc", "12abc", "1.2.3", "1,2,3", "e5", ".", "12 34 x", "1e", "--",
        ] {
            assert_eq!(dot(s), None, "{s:?}");
            assert_eq!(fits(s), None, "{s:?}");
        }
        // Bad grouping is no number under that reading.
        assert_eq!(dot("1,23.5"), None);
        assert_eq!(comma("1.234.5"), None);
    }

    #[test]
    fn ambiguous_values_fit_both_readings() {
        let f = fits("1,234").unwrap();
        assert!(f.dot && f.comma);
        assert_eq!(dot("1,234"), Some(1234.0));
        assert_eq!(comma("1,234"), Some(1.234));
        let f = fits("1,5").unwrap();
        assert!(!f.dot && f.comma && f.has_comma);
        let f = fits("12.50").unwrap();
        assert!(f.dot && !f.comma && f.has_dot);
        let f = fits("42").unwrap();
        assert!(f.dot && f.comma && !f.has_dot && !f.has_comma && !f.scaled);
        assert!(fits("01234").unwrap().leading_zero);
    }
}
