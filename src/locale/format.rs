//! Numbers the way each language writes them: `1 234 567 €` and `48,1 %` in
//! French (narrow no-break spaces, as the French typographic rules and the
//! browsers' Intl do), `€1,234,567` and `48.1%` in English.

use super::Lang;

pub(crate) const NNBSP: char = '\u{202f}';

fn group(int: u64, sep: &str) -> String {
    let digits = int.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// `x` with `decimals` decimals, grouped by thousands in the language's way.
pub fn format_number(x: f64, decimals: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let scale = 10f64.powi(decimals as i32);
    let rounded = (x.abs() * scale).round();
    let int = (rounded / scale).trunc() as u64;
    let frac = (rounded - int as f64 * scale).round() as u64;
    let (gsep, dsep) = match lang {
        Lang::Fr => (NNBSP.to_string(), ','),
        Lang::En => (",".to_string(), '.'),
    };
    let sign = if x < 0.0 && rounded > 0.0 { "-" } else { "" };
    let mut s = format!("{sign}{}", group(int, &gsep));
    if decimals > 0 {
        s.push(dsep);
        s.push_str(&format!("{frac:0decimals$}"));
    }
    s
}

pub(crate) fn currency_symbol(code: &str) -> &str {
    match code {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        other => other,
    }
}

/// Money without cents above 1 000 (a dashboard reads `1 234 567 €`), with cents below.
pub fn format_money(x: f64, currency: &str, lang: Lang) -> String {
    let decimals = if x.abs() >= 1000.0 { 0 } else { 2 };
    let n = format_number(x.abs(), decimals, lang);
    let sym = currency_symbol(currency);
    let neg = if x < 0.0 && n.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match lang {
        Lang::Fr => format!("{neg}{n}{NNBSP}{sym}"),
        Lang::En if sym.len() > 2 && sym.is_ascii() => format!("{neg}{sym} {n}"),
        Lang::En => format!("{neg}{sym}{n}"),
    }
}

/// The colon after a label: `Encodage : ` in French (a narrow no-break
/// space before it, as before `;`, `?` and `!`), `Encoding: ` in English.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{202f}: ",
        Lang::En => ": ",
    }
}

/// Between the items of a list written on one line: `a ; b` / `a; b`.
pub fn semicolon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{202f}; ",
        Lang::En => "; ",
    }
}

/// The cell separator of a CSV download: spreadsheets set to French read
/// `;` (the comma is their decimal separator), English ones `,`.
pub fn csv_delimiter(lang: Lang) -> u8 {
    match lang {
        Lang::Fr => b';',
        Lang::En => b',',
    }
}

/// A ratio as a percentage with one decimal: `48,1 %` / `48.1%`.
pub fn format_percent(ratio: f64, lang: Lang) -> String {
    let n = format_number(ratio * 100.0, 1, lang);
    match lang {
        Lang::Fr => format!("{n}{NNBSP}%"),
        Lang::En => format!("{n}%"),
    }
}

const MONTHS_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2024-03` → `mars 2024` / `Mar 2024`; other keys are returned as they are.
pub fn month_label(key: &str, lang: Lang) -> String {
    // Only `YYYY-MM`: a bucket such as `0-7` (days) is not July of year 0.
    let (y, m) = match key.split_once('-') {
        Some((y, m))
            if y.len() == 4
                && m.len() == 2
                && y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) =>
        {
            (y, m.parse::<usize>().unwrap_or(0))
        }
        _ => return key.to_string(),
    };
    let names = match lang {
        Lang::Fr => &MONTHS_FR,
        Lang::En => &MONTHS_EN,
    };
    match names.get(m.wrapping_sub(1)) {
        Some(name) => format!("{name} {y}"),
        None => key.to_string(),
    }
}

/// `2024-03-05` → `5 mars 2024` / `Mar 5, 2024`, and the first of a month
/// `1er mars 2024` as French writes it; other text is returned as it is.
pub fn date_label(iso: &str, lang: Lang) -> String {
    let mut it = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (
        it.next(),
        it.next(),
        it.next().and_then(|d| d.parse::<u32>().ok()),
    ) else {
        return iso.to_string();
    };
    let month = month_label(&format!("{y}-{m}"), lang);
    let Some((name, year)) = month.split_once(' ') else {
        return iso.to_string();
    };
    match lang {
        Lang::Fr if d == 1 => format!("1er {name} {year}"),
        Lang::Fr => format!("{d} {name} {year}"),
        Lang::En => format!("{name} {d}, {year}"),
    }
}

/// A file or storage size: "130,4 Mo" / "130.4 MB", "2,5 ko" / "2.5 kB".
pub fn format_size(bytes: f64, lang: Lang) -> String {
    let (kb, mb) = if lang == Lang::Fr {
        ("ko", "Mo")
    } else {
        ("kB", "MB")
    };
    if bytes >= 1e6 {
        format!("{} {mb}", format_number(bytes / 1e6, 1, lang))
    } else {
        format!("{} {kb}", format_number((bytes / 1e3).max(0.1), 1, lang))
    }
}

/// Money in a few characters, for a card: `10,9 M€`, `12 M€`, `250 k€` in
/// French (a narrow no-break space before the scale), `€10.9M`, `€12M`,
/// `€250k` in English; one decimal below 100 of the scale, none above;
/// below 1 000, as [`format_money`].
pub fn format_compact(x: f64, currency: &str, lang: Lang) -> String {
    let decimals = |v: f64| if v < 99.95 { 1 } else { 0 };
    let a = x.abs();
    // The scale is chosen after rounding, so 999 960 is `1 M€`, not `1 000 k€`.
    let pick = MONEY_SCALES.iter().find(|(s, _, _)| {
        let v = a / s;
        let p = 10f64.powi(decimals(v));
        (v * p).round() / p >= 1.0 && a >= 1e3
    });
    let Some(&(scale, fr, en)) = pick else {
        return format_money(x, currency, lang);
    };
    let v = a / scale;
    let mut n = format_number(v, decimals(v) as usize, lang);
    let zero = if lang == Lang::Fr { ",0" } else { ".0" };
    if let Some(whole) = n.strip_suffix(zero) {
        n = whole.to_string();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    place_money(sign, &n, (fr, en), currency, lang)
}

/// Thousands, millions and billions: the scale and its French and English suffixes.
pub(crate) const MONEY_SCALES: [(f64, &str, &str); 3] =
    [(1e9, "Md", "bn"), (1e6, "M", "M"), (1e3, "k", "k")];

/// A written amount `n` with its sign, scale suffix (French, English; empty
/// without a scale) and currency symbol, placed the language's way:
/// `1,2 M€`, `1,2 M CHF`, `€1.2M`, `CHF 1.2M`.
pub(crate) fn place_money(
    sign: &str,
    n: &str,
    (fr, en): (&str, &str),
    currency: &str,
    lang: Lang,
) -> String {
    let sym = currency_symbol(currency);
    match lang {
        Lang::Fr if sym.chars().count() > 1 && fr.is_empty() => format!("{sign}{n} {sym}"),
        Lang::Fr if sym.chars().count() > 1 => format!("{sign}{n}{NNBSP}{fr} {sym}"),
        Lang::Fr => format!("{sign}{n}{NNBSP}{fr}{sym}"),
        Lang::En if sym.len() > 2 && sym.is_ascii() => format!("{sign}{sym} {n}{en}"),
        Lang::En => format!("{sign}{sym}{n}{en}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_both_languages() {
        assert_eq!(
            format_money(1_234_567.4, "EUR", Lang::Fr),
            "1\u{202f}234\u{202f}567\u{202f}€"
        );
        assert_eq!(format_money(1_234_567.4, "EUR", Lang::En), "€1,234,567");
        assert_eq!(format_money(-12.5, "EUR", Lang::Fr), "-12,50\u{202f}€");
        assert_eq!(format_money(999.999, "USD", Lang::En), "$1,000.00");
        assert_eq!(format_money(-0.001, "EUR", Lang::En), "€0.00");
    }

    #[test]
    fn percents_and_numbers() {
        assert_eq!(format_percent(0.4812, Lang::Fr), "48,1\u{202f}%");
        assert_eq!(format_percent(0.4812, Lang::En), "48.1%");
        assert_eq!(format_number(5009.0, 0, Lang::En), "5,009");
        assert_eq!(format_number(-1234.5, 1, Lang::Fr), "-1\u{202f}234,5");
        assert_eq!(format_number(f64::NAN, 0, Lang::Fr), "–");
    }

    #[test]
    fn colons_follow_each_language() {
        assert_eq!(
            format!("Encodage{}UTF-8", colon(Lang::Fr)),
            "Encodage\u{202f}: UTF-8"
        );
        assert_eq!(
            format!("Encoding{}UTF-8", colon(Lang::En)),
            "Encoding: UTF-8"
        );
    }

    #[test]
    fn months() {
        assert_eq!(month_label("2024-03", Lang::Fr), "mars 2024");
        assert_eq!(month_label("2024-12", Lang::En), "Dec 2024");
        assert_eq!(month_label("2024-13", Lang::En), "2024-13");
        assert_eq!(month_label("Q1", Lang::En), "Q1");
        assert_eq!(month_label("0-7", Lang::Fr), "0-7");
        assert_eq!(month_label("91-180", Lang::Fr), "91-180");
        assert_eq!(date_label("2024-03-05", Lang::Fr), "5 mars 2024");
        assert_eq!(date_label("2024-03-05", Lang::En), "Mar 5, 2024");
        assert_eq!(date_label("2024-03-01", Lang::Fr), "1er mars 2024");
        assert_eq!(date_label("2024-03-01", Lang::En), "Mar 1, 2024");
        assert_eq!(date_label("soon", Lang::En), "soon");
    }

    #[test]
    fn sizes_in_each_language() {
        assert_eq!(format_size(130_396_429.0, Lang::En), "130.4 MB");
        assert_eq!(format_size(2_500.0, Lang::En), "2.5 kB");
        assert!(format_size(130_396_429.0, Lang::Fr).ends_with("4 Mo"));
        assert!(format_size(20.0, Lang::Fr).ends_with("0,1 ko"));
    }

    #[test]
    fn compact_money_for_cards() {
        assert_eq!(
            format_compact(10_912_345.0, "EUR", Lang::Fr),
            "10,9\u{202f}M€"
        );
        assert_eq!(
            format_compact(12_000_000.0, "EUR", Lang::Fr),
            "12\u{202f}M€"
        );
        assert_eq!(format_compact(250_000.0, "EUR", Lang::Fr), "250\u{202f}k€");
        assert_eq!(format_compact(1_500.0, "EUR", Lang::Fr), "1,5\u{202f}k€");
        assert_eq!(
            format_compact(2_340_000_000.0, "EUR", Lang::Fr),
            "2,3\u{202f}Md€"
        );
        assert_eq!(format_compact(999_960.0, "EUR", Lang::Fr), "1\u{202f}M€");
        assert_eq!(
            format_compact(-250_000.0, "EUR", Lang::Fr),
            "-250\u{202f}k€"
        );
        assert_eq!(format_compact(10_912_345.0, "EUR", Lang::En), "€10.9M");
        assert_eq!(format_compact(12_000_000.0, "USD", Lang::En), "$12M");
        assert_eq!(format_compact(250_000.0, "EUR", Lang::En), "€250k");
        assert_eq!(format_compact(2_340_000_000.0, "EUR", Lang::En), "€2.3bn");
        assert_eq!(format_compact(123_456_789.0, "EUR", Lang::En), "€123M");
        assert_eq!(
            format_compact(12_000_000.0, "CHF", Lang::Fr),
            "12\u{202f}M CHF"
        );
        assert_eq!(format_compact(12_000_000.0, "CHF", Lang::En), "CHF 12M");
        // Below a thousand, the exact amount.
        assert_eq!(format_compact(999.0, "EUR", Lang::En), "€999.00");
    }
}
