//! An objective's period as people write it: `T4 2025`, `Q4 2025`,
//! `2025-Q4`, `2025`, `mars 2025`, `March 2025`, `2025-03`, `03/2025`, or a
//! range `01/10/2025 - 31/12/2025` (also `du … au …`, `2025-10-01..2025-12-31`);
//! and the period said back in the user's language (`T4 2025`, `mars 2025`).

use crate::engine::objectives::ObjectivePeriod;
use crate::engine::parse::date::days_from_ymd;
use crate::locale::{date_label, Lang};

/// Why a period is refused (said by `InputError::say`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    Empty,
    Unreadable,
    /// A range whose end comes before its start.
    EndBeforeStart,
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month's name or abbreviation in French or English, with or without
/// accents or a final point: `mars`, `Mar`, `févr.`, `fevrier`, `août`.
fn month_of(word: &str) -> Option<u32> {
    let w: String = word
        .trim_end_matches('.')
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' => 'e',
            'û' => 'u',
            c => c,
        })
        .collect();
    if w.len() < 3 {
        return None;
    }
    let plain = |s: &str| s.to_lowercase().replace(['é', 'è'], "e").replace('û', "u");
    (0..12u32)
        .find(|&i| {
            let (fr, en) = (plain(MONTHS_FR[i as usize]), plain(MONTHS_EN[i as usize]));
            // A prefix of the name: `sept`, `janv`, `dec`; `juil` and `jul`, `juin` and `jun` differ.
            fr.starts_with(&w) || en.starts_with(&w)
        })
        .map(|i| i + 1)
        .filter(|_| !matches!(w.as_str(), "ju" | "jui" | "ma"))
}

fn year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `2025-10-01`, `01/10/2025` (day first), `1/10/2025`.
fn day(s: &str) -> Option<String> {
    let s = s.trim();
    let (y, m, d) = if let Some((y, rest)) = s.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (y, m, d)
    } else {
        let mut it = s.split(['/', '.']);
        let (d, m, y) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    let (y, m, d): (i32, u32, u32) = (year(y)?, m.parse().ok()?, d.parse().ok()?);
    days_from_ymd(y, m, d)?;
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn range(s: &str) -> Option<Result<ObjectivePeriod, PeriodError>> {
    let lower = s.to_lowercase();
    let s = ["du ", "from ", "between "]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower)
        .trim();
    let mut parts = None;
    for sep in ["..", "→", "–", "—", " au ", " to ", " and ", " - "] {
        if let Some((a, b)) = s.split_once(sep) {
            parts = Some((a, b));
            break;
        }
    }
    // `01/10/2025-31/12/2025`: dates with slashes, joined by a hyphen.
    if parts.is_none() && s.contains('/') {
        parts = s.split_once('-');
    }
    let (a, b) = parts?;
    let (from, to) = (day(a)?, day(b)?);
    Some(if to < from {
        Err(PeriodError::EndBeforeStart)
    } else {
        Ok(ObjectivePeriod::Custom { from, to })
    })
}

/// `T4 2025`, `Q4 2025`, `2025-Q4`, `2025 T4`, `4T2025`.
fn quarter(s: &str) -> Option<ObjectivePeriod> {
    let t: String = s
        .to_uppercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '/'))
        .collect();
    let t = t.replace('T', "Q");
    let (y, q) = if let Some(rest) = t.strip_prefix('Q') {
        (rest.get(1..)?, rest.get(..1)?)
    } else if let Some((y, q)) = t.split_once('Q') {
        if y.len() == 4 {
            (y, q)
        } else {
            // `4Q2025`
            (q, y)
        }
    } else {
        return None;
    };
    let (y, q): (i32, u32) = (year(y)?, q.parse().ok()?);
    (1..=4)
        .contains(&q)
        .then(|| ObjectivePeriod::Quarter(format!("{y}-Q{q}")))
}

/// `mars 2025`, `March 2025`, `2025-03`, `03/2025`.
fn month(s: &str) -> Option<ObjectivePeriod> {
    let words: Vec<&str> = s.split([' ', '-', '/']).filter(|w| !w.is_empty()).collect();
    let [a, b] = words.as_slice() else {
        return None;
    };
    let (y, m) = if let Some(y) = year(a) {
        (y, b)
    } else {
        (year(b)?, a)
    };
    let m = match m.parse::<u32>() {
        Ok(m) if (1..=12).contains(&m) => m,
        Ok(_) => return None,
        Err(_) => month_of(m)?,
    };
    Some(ObjectivePeriod::Month(format!("{y}-{m:02}")))
}

/// Reads a period as typed; any language's writing is read.
pub fn read_period(text: &str) -> Result<ObjectivePeriod, PeriodError> {
    let s: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        return Err(PeriodError::Empty);
    }
    if let Some(r) = range(&s) {
        return r;
    }
    let p = if let Some(y) = year(&s) {
        ObjectivePeriod::Year(y)
    } else if let Some(q) = quarter(&s) {
        q
    } else {
        month(&s).ok_or(PeriodError::Unreadable)?
    };
    p.period().map(|_| p).ok_or(PeriodError::Unreadable)
}

/// The period in the user's language: `T4 2025` / `Q4 2025`, `mars 2025` /
/// `March 2025`, `2025`, `du 1er oct. 2025 au 31 déc. 2025` / `Oct 1, 2025 to Dec 31, 2025`.
pub fn period_label(p: &ObjectivePeriod, lang: Lang) -> String {
    match p {
        ObjectivePeriod::Year(y) => y.to_string(),
        ObjectivePeriod::Quarter(q) => match q.split_once("-Q") {
            Some((y, n)) if lang == Lang::Fr => format!("T{n} {y}"),
            Some((y, n)) => format!("Q{n} {y}"),
            None => q.clone(),
        },
        ObjectivePeriod::Month(m) => {
            let names = if lang == Lang::Fr {
                &MONTHS_FR
            } else {
                &MONTHS_EN
            };
            match m.split_once('-').and_then(|(y, n)| {
                let i: usize = n.parse().ok()?;
                Some((y, names.get(i.checked_sub(1)?)?))
            }) {
                Some((y, name)) => format!("{name} {y}"),
                None => m.clone(),
            }
        }
        ObjectivePeriod::Custom { from, to } => match lang {
            Lang::Fr => format!("du {} au {}", date_label(from, lang), date_label(to, lang)),
            Lang::En => format!("{} to {}", date_label(from, lang), date_label(to, lang)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ObjectivePeriod::{Custom, Month, Quarter, Year};

    fn q(s: &str) -> ObjectivePeriod {
        Quarter(s.into())
    }
    fn m(s: &str) -> ObjectivePeriod {
        Month(s.into())
    }

    #[test]
    fn quarters_years_and_months() {
        for s in [
            "T4 2025",
            "Q4 2025",
            "2025-Q4",
            "2025 T4",
            "q4-2025",
            " t4  2025 ",
        ] {
            assert_eq!(read_period(s), Ok(q("2025-Q4")), "{s}");
        }
        assert_eq!(read_period("2025"), Ok(Year(2025)));
        for s in [
            "mars 2025",
            "March 2025",
            "Mar 2025",
            "2025-03",
            "03/2025",
            "3/2025",
            "MARS 2025",
        ] {
            assert_eq!(read_period(s), Ok(m("2025-03")), "{s}");
        }
        assert_eq!(read_period("février 2024"), Ok(m("2024-02")));
        assert_eq!(read_period("fevr. 2024"), Ok(m("2024-02")));
        assert_eq!(read_period("août 2025"), Ok(m("2025-08")));
        assert_eq!(read_period("juil. 2025"), Ok(m("2025-07")));
        assert_eq!(read_period("June 2025"), Ok(m("2025-06")));
        assert_eq!(read_period("déc 2025"), Ok(m("2025-12")));
    }

    #[test]
    fn ranges() {
        let want = Ok(Custom {
            from: "2025-10-01".into(),
            to: "2025-12-31".into(),
        });
        for s in [
            "01/10/2025 - 31/12/2025",
            "01/10/2025-31/12/2025",
            "du 1/10/2025 au 31/12/2025",
            "2025-10-01..2025-12-31",
            "2025-10-01 → 2025-12-31",
            "from 2025-10-01 to 2025-12-31",
        ] {
            assert_eq!(read_period(s), want, "{s}");
        }
        assert_eq!(
            read_period("31/12/2025 - 01/10/2025"),
            Err(PeriodError::EndBeforeStart)
        );
    }

    #[test]
    fn refusals() {
        assert_eq!(read_period(""), Err(PeriodError::Empty));
        assert_eq!(read_period("T5 2025"), Err(PeriodError::Unreadable));
        assert_eq!(read_period("13/2025"), Err(PeriodError::Unreadable));
        assert_eq!(read_period("soon"), Err(PeriodError::Unreadable));
        assert_eq!(read_period("ju 2025"), Err(PeriodError::Unreadable));
        assert_eq!(
            read_period("31/02/2025 - 01/03/2025"),
            Err(PeriodError::Unreadable)
        );
        assert_eq!(read_period("25"), Err(PeriodError::Unreadable));
    }

    #[test]
    fn said_in_each_language() {
        assert_eq!(period_label(&q("2025-Q4"), Lang::Fr), "T4 2025");
        assert_eq!(period_label(&q("2025-Q4"), Lang::En), "Q4 2025");
        assert_eq!(period_label(&m("2025-03"), Lang::Fr), "mars 2025");
        assert_eq!(period_label(&m("2025-03"), Lang::En), "March 2025");
        assert_eq!(period_label(&Year(2025), Lang::Fr), "2025");
        let c = Custom {
            from: "2025-10-01".into(),
            to: "2025-12-31".into(),
        };
        assert_eq!(
            period_label(&c, Lang::Fr),
            "du 1er oct. 2025 au 31 déc. 2025"
        );
        assert_eq!(period_label(&c, Lang::En), "Oct 1, 2025 to Dec 31, 2025");
        // What is said back is read back.
        for p in [q("2025-Q4"), m("2025-03"), Year(2025)] {
            for lang in [Lang::Fr, Lang::En] {
                assert_eq!(read_period(&period_label(&p, lang)), Ok(p.clone()));
            }
        }
    }
}
