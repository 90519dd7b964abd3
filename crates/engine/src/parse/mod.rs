//! Reading one cell: numbers, dates, booleans and missing values.

pub mod date;
pub mod number;

/// Cells that mean "no value": empty, `NA`, `N/A`, `null`, `-`, `#N/A`.
pub fn is_missing(s: &str) -> bool {
    let t = s.trim();
    t.is_empty()
        || t == "-"
        || t.eq_ignore_ascii_case("na")
        || t.eq_ignore_ascii_case("n/a")
        || t.eq_ignore_ascii_case("null")
        || t.eq_ignore_ascii_case("#n/a")
        || t.eq_ignore_ascii_case("none")
        || t.eq_ignore_ascii_case("nan")
}

/// `oui/non`, `yes/no`, `true/false`, `vrai/faux`, `1/0`, `x`.
pub fn parse_bool(s: &str) -> Option<bool> {
    let t = s.trim();
    const TRUE: [&str; 7] = ["oui", "yes", "true", "vrai", "1", "x", "y"];
    const FALSE: [&str; 6] = ["non", "no", "false", "faux", "0", "n"];
    if TRUE.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Some(true)
    } else if FALSE.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_bools() {
        for s in ["", "  ", "NA", "n/a", "NULL", "-", "#N/A"] {
            assert!(is_missing(s), "{s:?}");
        }
        assert!(!is_missing("0"));
        assert_eq!(parse_bool("Oui"), Some(true));
        assert_eq!(parse_bool("non"), Some(false));
        assert_eq!(parse_bool("X"), Some(true));
        assert_eq!(parse_bool("maybe"), None);
    }
}
