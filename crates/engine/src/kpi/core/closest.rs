//! The existing values nearest a typed one, to suggest when a filter value
//! matches no row ("Wset": did you mean West?). Names are compared as
//! `schema::normalize` folds them, so case, accents and spaces cost nothing.

use crate::schema::normalize;

/// How many suggestions at most.
const MAX: usize = 3;

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`:
/// the optimal string alignment distance. A swap is one slip of the
/// fingers ("Wset"), so it counts once, not twice as a plain Levenshtein
/// distance would.
pub fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Three rows of the table: two rows back (for swaps), the last, this one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let replace = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + replace);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
        }
        before = std::mem::replace(&mut last, row);
    }
    last[b.len()]
}

/// How far a typed name may be from a suggestion: one slip in a name of
/// up to five letters, one more per three letters beyond (so "Wset" finds
/// West but "Wxyt" nothing, and a long name survives a slip or two).
fn tolerance(typed: &str) -> usize {
    (typed.chars().count() / 3).max(1)
}

/// Up to three of `names` nearest `typed`, nearest first (ties in the
/// order of the names), among those within the tolerance; a name that
/// starts with what was typed ("Cent" for Central) counts as one edit.
/// Each name is returned as written; names that fold to the same are one.
pub fn closest<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed = normalize(typed);
    if typed.is_empty() {
        return Vec::new();
    }
    let mut seen: Vec<String> = Vec::new();
    let mut near: Vec<(usize, &'a str)> = Vec::new();
    for name in names {
        let folded = normalize(name);
        if folded.is_empty() || seen.contains(&folded) {
            continue;
        }
        let mut d = edits(&typed, &folded);
        if typed.chars().count() >= 3 && folded.starts_with(&typed) {
            d = d.min(1);
        }
        if d <= tolerance(&typed) {
            near.push((d, name));
        }
        seen.push(folded);
    }
    // Stable: equal distances keep the names' order.
    near.sort_by_key(|&(d, _)| d);
    near.into_iter().take(MAX).map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_count_each_slip_once() {
        assert_eq!(edits("", ""), 0);
        assert_eq!(edits("west", "west"), 0);
        assert_eq!(edits("", "west"), 4);
        assert_eq!(edits("west", ""), 4);
        // A swap of neighbours.
        assert_eq!(edits("wset", "west"), 1);
        // A letter left out, one too many, one wrong.
        assert_eq!(edits("wst", "west"), 1);
        assert_eq!(edits("weest", "west"), 1);
        assert_eq!(edits("wast", "west"), 1);
        // Two changes.
        assert_eq!(edits("east", "west"), 2);
        assert_eq!(edits("south", "west"), 4);
        assert_eq!(edits("kitten", "sitting"), 3);
        // Symmetric.
        assert_eq!(edits("sitting", "kitten"), 3);
        // Letters, not bytes.
        assert_eq!(edits("ile", "île"), 1);
    }

    const REGIONS: [&str; 4] = ["Central", "East", "South", "West"];

    #[test]
    fn a_typo_finds_the_name_meant() {
        assert_eq!(closest("Wset", REGIONS), vec!["West"]);
        assert_eq!(closest("sOUTH ", REGIONS), vec!["South"]);
        assert_eq!(closest("Centrl", REGIONS), vec!["Central"]);
        // The start of a name.
        assert_eq!(closest("cent", REGIONS), vec!["Central"]);
    }

    #[test]
    fn nearest_first_at_most_three() {
        // "Est" is one edit from East and from West: both, in the names' order.
        assert_eq!(closest("Est", REGIONS), vec!["East", "West"]);
        let reps = ["Anne", "Anna", "Ann", "Annie", "Jean"];
        // One edit from each of the first four: the first three, in order.
        assert_eq!(closest("Anne", reps), vec!["Anne", "Anna", "Ann"]);
    }

    #[test]
    fn nothing_near_gives_nothing() {
        assert!(closest("Nord-Est", REGIONS).is_empty());
        assert!(closest("", REGIONS).is_empty());
        assert!(closest("  ", REGIONS).is_empty());
        assert!(closest("West", []).is_empty());
        // A short name allows one slip, not two.
        assert!(closest("Wxyt", REGIONS).is_empty());
    }

    #[test]
    fn accents_and_case_are_folded_and_names_kept_as_written() {
        let regions = ["Île-de-France", "Occitanie", "ILE DE FRANCE"];
        assert_eq!(closest("ile de frnace", regions), vec!["Île-de-France"]);
        assert_eq!(closest("Ocitanie", regions), vec!["Occitanie"]);
    }
}
