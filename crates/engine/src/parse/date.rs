//! Dates as sales files write them: ISO (`2024-03-05`, `2024-03-05T14:30:00Z`),
//! day-first or month-first with `/`, `.` or `-` (`05/03/2024`, `3/5/2024`,
//! `12/1/10 8:26`), month names in English and French (`5-Mar-2024`,
//! `5 mars 2024`, `Mar 5, 2024`), months alone (`2024-03`) and Excel serial
//! numbers. `05/03/2024` alone is ambiguous: the column decides ([`Order`]).

use chrono::NaiveDate;

/// Days since 1970-01-01: how the engine stores dates.
pub type Days = i32;

/// Which of the two first numbers of `a/b/yyyy` is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    DayFirst,
    MonthFirst,
}

/// A value read as a date, before the column settles day-first vs month-first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    /// Year, month and day are certain.
    Exact { days: Days, secs: Option<u32> },
    /// `a` and `b` are day and month in an order the column decides.
    Numeric {
        a: u32,
        b: u32,
        year: i32,
        secs: Option<u32>,
    },
}

/// How a date column was written, for the import summary (`%d/%m/%Y`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub sep: u8,
    pub two_digit_year: bool,
    pub iso: bool,
    pub named_month: bool,
    pub month_only: bool,
}

const EPOCH_FROM_CE: i32 = 719_163;

/// Days since 1970-01-01 of a calendar date, if it exists.
pub fn days_from_ymd(y: i32, m: u32, d: u32) -> Option<Days> {
    use chrono::Datelike;
    NaiveDate::from_ymd_opt(y, m, d).map(|nd| nd.num_days_from_ce() - EPOCH_FROM_CE)
}

/// `YYYY-MM-DD` (as periods, objectives and the command line write days).
pub fn parse_iso_day(s: &str) -> Option<Days> {
    let mut it = s.trim().splitn(3, '-').map(|x| x.parse::<u32>().ok());
    days_from_ymd(it.next()?? as i32, it.next()??, it.next()??)
}

/// The calendar date of a day number.
pub fn ymd_from_days(days: Days) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_FROM_CE)?)
}

/// An Excel serial day number (1900 system) as days since 1970-01-01.
pub fn from_excel_serial(serial: f64) -> Option<Days> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Excel counts from 1899-12-30 (its fictional 1900-02-29 included).
    Some(serial.floor() as i32 - 25_569)
}

fn expand_year(y: u32, digits: usize) -> Option<i32> {
    match digits {
        4 => Some(y as i32),
        2 => Some(if y < 70 {
            2000 + y as i32
        } else {
            1900 + y as i32
        }),
        _ => None,
    }
}

const MONTHS: [(&str, u32); 34] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("sept", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("janvier", 1),
    ("fevrier", 2),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    ("décembre", 12),
    ("janv", 1),
    ("fevr", 2),
    ("févr", 2),
    ("avr", 4),
    ("dec", 12),
];

/// A month name or abbreviation, English or French (`Mar`, `mars`, `févr.`).
fn month_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .find(|(name, _)| *name == w || (w.chars().count() >= 3 && name.starts_with(&w)))
        .map(|&(_, m)| m)
}

/// `HH:MM`, `HH:MM:SS`, fractions, `AM`/`PM`, a trailing `Z` or offset (ignored:
/// sales dates are read in the file's own time).
fn parse_time(t: &str) -> Option<u32> {
    let t = t.trim();
    let (t, pm) = if let Some(r) = t.strip_suffix("PM").or_else(|| t.strip_suffix("pm")) {
        (r.trim_end(), Some(true))
    } else if let Some(r) = t.strip_suffix("AM").or_else(|| t.strip_suffix("am")) {
        (r.trim_end(), Some(false))
    } else {
        (t, None)
    };
    let t = t.trim_end_matches('Z');
    let t = match t.find(['+', '-']) {
        Some(p) if p >= 4 => &t[..p],
        _ => t,
    };
    let mut parts = t.split(':');
    let h: u32 = parse_digits(parts.next()?, 1, 2)?;
    let m: u32 = parse_digits(parts.next()?, 2, 2)?;
    let s: u32 = match parts.next() {
        Some(sec) => {
            let whole = sec.split(['.', ',']).next()?;
            parse_digits(whole, 2, 2)?
        }
        None => 0,
    };
    if parts.next().is_some() || m > 59 || s > 60 {
        return None;
    }
    let h = match pm {
        Some(true) if (1..12).contains(&h) => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) if !(1..=12).contains(&h) => return None,
        _ => h,
    };
    if h > 23 {
        return None;
    }
    Some(h * 3600 + m * 60 + s.min(59))
}

fn parse_digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Splits `date time` at the first space or `T` that follows the date part.
fn split_time(s: &str) -> (&str, Option<&str>) {
    if let Some(p) = s.find('T') {
        if p >= 8 && s.as_bytes().get(p + 1).is_some_and(u8::is_ascii_digit) {
            return (&s[..p], Some(&s[p + 1..]));
        }
    }
    match s.find(' ') {
        Some(p) if s[p + 1..].contains(':') => (&s[..p], Some(s[p + 1..].trim())),
        _ => (s, None),
    }
}

/// Reads one value as a date; `None` when it is no date.
pub fn parse(raw: &str) -> Option<(Parsed, Style)> {
    let s = raw.trim();
    if s.len() < 6 || s.len() > 40 {
        return None;
    }
    match day_month_year(s) {
        Some(read) => read,
        None => parse_any(s),
    }
}

/// The commonest writing alone, `05/03/2024` with an optional ` 14:30` or
/// ` 14:30:15` (any of `/`, `-`, `.`), read as [`parse_any`] reads it but
/// without trying every other writing first: a column of date-times nearly
/// all distinct is parsed value by value. `None`: another writing.
fn day_month_year(s: &str) -> Option<Option<(Parsed, Style)>> {
    let b = s.as_bytes();
    let sep = *b.get(2)?;
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let plain_time =
        |t: &[u8]| t.contains(&b':') && t.iter().all(|&c| c.is_ascii_digit() || c == b':');
    let time = match b.get(10..) {
        Some([]) => None,
        Some([b' ', t @ ..]) if plain_time(t) => Some(s.get(11..)?),
        _ => return None,
    };
    if !(matches!(sep, b'/' | b'-' | b'.')
        && b.get(5) == Some(&sep)
        && digits(0..2)
        && digits(3..5)
        && digits(6..10))
    {
        return None;
    }
    let number = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    let read = (|| {
        let secs = match time {
            Some(t) => Some(parse_time(t)?),
            None => None,
        };
        let (a, m, year) = (number(0..2)?, number(3..5)?, number(6..10)? as i32);
        if days_from_ymd(year, m, a).is_none() && days_from_ymd(year, a, m).is_none() {
            return None;
        }
        let style = Style {
            sep,
            ..Style::default()
        };
        Some((
            Parsed::Numeric {
                a,
                b: m,
                year,
                secs,
            },
            style,
        ))
    })();
    Some(read)
}

/// [`parse`] for any writing.
fn parse_any(s: &str) -> Option<(Parsed, Style)> {
    if let Some(r) = parse_named(s) {
        return Some(r);
    }
    let (date, time) = split_time(s);
    let secs = match time {
        Some(t) => Some(parse_time(t)?),
        None => None,
    };
    let sep = *date
        .as_bytes()
        .iter()
        .find(|b| matches!(b, b'/' | b'-' | b'.'))?;
    let parts: Vec<&str> = date.split(sep as char).collect();
    let mut style = Style {
        sep,
        ..Style::default()
    };
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            style.iso = true;
            let days = days_from_ymd(
                parse_digits(y, 4, 4)? as i32,
                parse_digits(m, 1, 2)?,
                parse_digits(d, 1, 2)?,
            )?;
            Some((Parsed::Exact { days, secs }, style))
        }
        // Month-only forms take `-` or `/`: with a dot, `2113.01` is far
        // more often an amount than January 2113.
        [y, m] if y.len() == 4 && secs.is_none() && sep != b'.' => {
            style.iso = true;
            style.month_only = true;
            let days = days_from_ymd(parse_digits(y, 4, 4)? as i32, parse_digits(m, 1, 2)?, 1)?;
            Some((Parsed::Exact { days, secs }, style))
        }
        [m, y] if y.len() == 4 && secs.is_none() && sep != b'.' => {
            style.month_only = true;
            let days = days_from_ymd(parse_digits(y, 4, 4)? as i32, parse_digits(m, 1, 2)?, 1)?;
            Some((Parsed::Exact { days, secs }, style))
        }
        [a, b, y] => {
            let a = parse_digits(a, 1, 2)?;
            let b = parse_digits(b, 1, 2)?;
            let year = expand_year(parse_digits(y, 2, 4)?, y.len())?;
            style.two_digit_year = y.len() == 2;
            // Valid in at least one order, or it is no date at all.
            if days_from_ymd(year, b, a).is_none() && days_from_ymd(year, a, b).is_none() {
                return None;
            }
            Some((Parsed::Numeric { a, b, year, secs }, style))
        }
        _ => None,
    }
}

/// `5-Mar-2024`, `05 mars 2024`, `Mar 5, 2024`, `5 Mar 2024 14:30`.
fn parse_named(s: &str) -> Option<(Parsed, Style)> {
    if !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let (date, time) = match s.find(':') {
        Some(colon) => {
            let start = s[..colon].rfind(' ')?;
            (&s[..start], Some(&s[start + 1..]))
        }
        None => (s, None),
    };
    let secs = match time {
        Some(t) => Some(parse_time(t)?),
        None => None,
    };
    let words: Vec<&str> = date
        .split([' ', '-', ',', '/'])
        .filter(|w| !w.is_empty())
        .collect();
    let (d, m, y) = match words.as_slice() {
        [d, m, y] if d.bytes().next().is_some_and(|b| b.is_ascii_digit()) => {
            (d, month_from_name(m)?, y)
        }
        [m, d, y] => (d, month_from_name(m)?, y),
        _ => return None,
    };
    let day = parse_digits(d.trim_end_matches("er"), 1, 2)?;
    let year = expand_year(parse_digits(y, 2, 4)?, y.len())?;
    let days = days_from_ymd(year, m, day)?;
    let style = Style {
        sep: b'-',
        named_month: true,
        two_digit_year: y.len() == 2,
        ..Style::default()
    };
    Some((Parsed::Exact { days, secs }, style))
}

/// Settles a parsed value with the column's order: days and seconds in the day.
pub fn resolve(p: Parsed, order: Order) -> Option<(Days, Option<u32>)> {
    match p {
        Parsed::Exact { days, secs } => Some((days, secs)),
        Parsed::Numeric { a, b, year, secs } => {
            let (d, m) = match order {
                Order::DayFirst => (a, b),
                Order::MonthFirst => (b, a),
            };
            Some((days_from_ymd(year, m, d)?, secs))
        }
    }
}

/// The chrono-style format of a column (`%d/%m/%Y %H:%M`), for the summary.
pub fn format_string(style: Style, order: Order, with_time: bool) -> String {
    let sep = style.sep as char;
    let year = if style.two_digit_year { "%y" } else { "%Y" };
    let mut f = if style.named_month {
        format!("%d-%b-{year}")
    } else if style.iso && style.month_only {
        format!("%Y{sep}%m")
    } else if style.iso {
        format!("%Y{sep}%m{sep}%d")
    } else if style.month_only {
        format!("%m{sep}%Y")
    } else {
        match order {
            Order::DayFirst => format!("%d{sep}%m{sep}{year}"),
            Order::MonthFirst => format!("%m{sep}%d{sep}{year}"),
        }
    };
    if with_time {
        f.push_str(if style.iso { "T%H:%M:%S" } else { " %H:%M" });
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_month_year_reads_as_any_writing_does() {
        let mut values: Vec<String> = [
            "05/03/2024",
            "5/03/2024",
            "05/3/2024",
            "31/02/2024",
            "29/02/2023",
            "29.02.2024",
            "12-13-2024",
            "13-13-2024",
            "00/00/0000",
            "05/03/24",
            "05/03/2024 14:30",
            "05/03/2024 14:30:15",
            "05/03/2024 24:00",
            "05/03/2024 23:60",
            "05/03/2024 9:05",
            "05/03/2024 14:3",
            "05/03/2024 14",
            "05/03/2024 14:30:15:01",
            "05/03/2024T14:30",
            "05/03/2024 2:30 PM",
            "05/03/2024  14:30",
            "05/03-2024",
            "2024-03-05",
            "05/03/20245",
            "05/mar/2024",
            "05/03/2024 14:30Z",
        ]
        .map(String::from)
        .to_vec();
        // Every day and minute of a leap year's first days, both orders.
        for d in 1..=31 {
            for m in 1..=13 {
                values.push(format!(
                    "{d:02}/{m:02}/2024 {:02}:{:02}",
                    (d * m) % 25,
                    (d + m) % 61
                ));
            }
        }
        for v in &values {
            let s = v.trim();
            assert_eq!(parse(v), parse_any(s), "{v}");
        }
        assert!(day_month_year("05/03/2024 14:30").is_some());
        assert!(day_month_year("2024-03-05").is_none());
    }

    fn ymd(y: i32, m: u32, d: u32) -> Days {
        days_from_ymd(y, m, d).unwrap()
    }
    fn exact(s: &str) -> (Days, Option<u32>) {
        resolve(parse(s).unwrap().0, Order::DayFirst).unwrap()
    }

    #[test]
    fn iso_days() {
        assert_eq!(parse_iso_day("2024-03-05"), Some(ymd(2024, 3, 5)));
        assert_eq!(parse_iso_day("2024-02-30"), None);
        assert_eq!(parse_iso_day("2024-03"), None);
        assert_eq!(parse_iso_day("x"), None);
    }

    #[test]
    fn epoch_and_excel() {
        assert_eq!(ymd(1970, 1, 1), 0);
        assert_eq!(from_excel_serial(45356.0), Some(ymd(2024, 3, 5)));
        assert_eq!(
            ymd_from_days(ymd(2024, 2, 29)).unwrap().to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn iso_and_times() {
        assert_eq!(exact("2024-03-05"), (ymd(2024, 3, 5), None));
        assert_eq!(
            exact("2024-03-05T14:30:00Z"),
            (ymd(2024, 3, 5), Some(52200))
        );
        assert_eq!(exact("2024-03-05 14:30"), (ymd(2024, 3, 5), Some(52200)));
        assert_eq!(exact("2024-03"), (ymd(2024, 3, 1), None));
        assert_eq!(exact("03/2024"), (ymd(2024, 3, 1), None));
        assert!(parse("2024-02-30").is_none());
    }

    #[test]
    fn day_first_month_first_decided_by_column() {
        let (p, _) = parse("05/03/2024").unwrap();
        assert_eq!(resolve(p, Order::DayFirst), Some((ymd(2024, 3, 5), None)));
        assert_eq!(resolve(p, Order::MonthFirst), Some((ymd(2024, 5, 3), None)));
        let (p, s) = parse("12/1/10 8:26").unwrap();
        assert!(s.two_digit_year);
        assert_eq!(
            resolve(p, Order::MonthFirst),
            Some((ymd(2010, 12, 1), Some(8 * 3600 + 26 * 60)))
        );
        assert_eq!(exact("05.03.2024"), (ymd(2024, 3, 5), None));
        assert_eq!(exact("05/03/2024 2:30 PM").1, Some(14 * 3600 + 30 * 60));
    }

    #[test]
    fn month_names() {
        assert_eq!(exact("5-Mar-2024").0, ymd(2024, 3, 5));
        assert_eq!(exact("5 mars 2024").0, ymd(2024, 3, 5));
        assert_eq!(exact("1er février 2024").0, ymd(2024, 2, 1));
        assert_eq!(exact("Mar 5, 2024").0, ymd(2024, 3, 5));
        assert_eq!(exact("05-déc.-23").0, ymd(2023, 12, 5));
        assert_eq!(exact("5 Mar 2024 14:30").1, Some(52200));
    }

    #[test]
    fn not_dates() {
        for s in [
            "",
            "12",
            "1234.56",
            "2113.01",
            "12.2024",
            "hello world",
            "13/13/2024",
            "2024",
            "Mar 2024 x",
            "1/2",
        ] {
            assert!(parse(s).is_none(), "{s:?}");
        }
    }

    #[test]
    fn formats_for_summary() {
        let (_, s) = parse("11/8/2016").unwrap();
        assert_eq!(format_string(s, Order::MonthFirst, false), "%m/%d/%Y");
        let (_, s) = parse("2024-03-05").unwrap();
        assert_eq!(format_string(s, Order::DayFirst, false), "%Y-%m-%d");
    }
}
