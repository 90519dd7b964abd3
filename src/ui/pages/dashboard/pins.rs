//! The key row ("Indicateurs clés") and what the cards' menus do to it. With
//! nothing pinned it shows the objectives' KPIs, and those cards read as
//! pinned: pinning, unpinning or moving one of them starts the pin list from
//! the row on screen, so that the row changes by that one card and never
//! empties or reshuffles behind the user's back. A hidden card leaves it.

/// The ids of the key row: the pinned cards, else `default` (the
/// objectives' KPIs), in order, hidden cards left out.
pub fn key_row<'a>(pinned: &'a [String], hidden: &[String], default: &[&'a str]) -> Vec<&'a str> {
    let shown = |id: &&str| !hidden.iter().any(|h| h == id);
    let chosen: Vec<&str> = pinned.iter().map(String::as_str).filter(shown).collect();
    if chosen.is_empty() {
        default.iter().copied().filter(shown).collect()
    } else {
        chosen
    }
}

/// The pin list to change: the user's, or, when none yet, the row as shown.
fn explicit(pinned: &[String], row: &[&str]) -> Vec<String> {
    if pinned.is_empty() {
        row.iter().map(|s| s.to_string()).collect()
    } else {
        pinned.to_vec()
    }
}

/// Pins `id` at the end of the key row `row`, or unpins it when it is in
/// the row; at most `max` pinned (a further pin does nothing).
pub fn toggle_pin(pinned: &mut Vec<String>, row: &[&str], id: &str, max: usize) {
    let mut p = explicit(pinned, row);
    if let Some(i) = p.iter().position(|x| x == id) {
        p.remove(i);
    } else if p.len() < max {
        p.push(id.to_string());
    } else {
        return;
    }
    *pinned = p;
}

/// Moves `id` one place up (`-1`) or down (`+1`) in the key row `row`.
pub fn move_pinned(pinned: &mut Vec<String>, row: &[&str], id: &str, step: isize) {
    let mut p = explicit(pinned, row);
    let Some(i) = p.iter().position(|x| x == id) else {
        return;
    };
    let j = i as isize + step;
    if j < 0 || j as usize >= p.len() {
        return;
    }
    p.swap(i, j as usize);
    *pinned = p;
}

/// Hides `id`: it leaves the key row too (a hidden card is off the screen).
pub fn hide(pinned: &mut Vec<String>, hidden: &mut Vec<String>, id: &str) {
    pinned.retain(|x| x != id);
    if !hidden.iter().any(|x| x == id) {
        hidden.push(id.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    const OBJECTIVES: [&str; 3] = ["revenue", "win_rate", "revenue_per_rep"];

    /// The key row as the page shows it, owned (the pins change under it).
    fn row_of(pinned: &[String], hidden: &[String]) -> Vec<String> {
        v(&key_row(pinned, hidden, &OBJECTIVES))
    }

    fn refs(row: &[String]) -> Vec<&str> {
        row.iter().map(String::as_str).collect()
    }

    #[test]
    fn the_first_pin_adds_to_the_objectives_row() {
        let mut pinned = Vec::new();
        assert_eq!(key_row(&pinned, &[], &OBJECTIVES), OBJECTIVES);
        let row = row_of(&pinned, &[]);
        toggle_pin(&mut pinned, &refs(&row), "gross_margin", 4);
        assert_eq!(
            key_row(&pinned, &[], &OBJECTIVES),
            ["revenue", "win_rate", "revenue_per_rep", "gross_margin"]
        );
        // Full: a fifth pin does nothing.
        let row = row_of(&pinned, &[]);
        toggle_pin(&mut pinned, &refs(&row), "margin_rate", 4);
        assert_eq!(pinned.len(), 4);
        assert!(!pinned.contains(&"margin_rate".to_string()));
    }

    #[test]
    fn unpinning_a_card_of_the_objectives_row_keeps_the_others() {
        let mut pinned = Vec::new();
        toggle_pin(&mut pinned, &OBJECTIVES, "win_rate", 4);
        assert_eq!(
            key_row(&pinned, &[], &OBJECTIVES),
            ["revenue", "revenue_per_rep"]
        );
    }

    #[test]
    fn moving_in_the_objectives_row_moves() {
        let mut pinned = Vec::new();
        move_pinned(&mut pinned, &OBJECTIVES, "win_rate", 1);
        assert_eq!(pinned, ["revenue", "revenue_per_rep", "win_rate"]);
        move_pinned(&mut pinned, &OBJECTIVES, "revenue", -1);
        assert_eq!(pinned, ["revenue", "revenue_per_rep", "win_rate"]);
        let row = row_of(&pinned, &[]);
        move_pinned(&mut pinned, &refs(&row), "win_rate", -1);
        assert_eq!(pinned, ["revenue", "win_rate", "revenue_per_rep"]);
    }

    #[test]
    fn a_hidden_card_leaves_the_key_row() {
        let (mut pinned, mut hidden) = (v(&["gross_margin"]), Vec::new());
        hide(&mut pinned, &mut hidden, "gross_margin");
        assert!(pinned.is_empty());
        assert_eq!(hidden, ["gross_margin"]);
        // The objectives' row again, without a hidden objective's KPI.
        hide(&mut pinned, &mut hidden, "win_rate");
        assert_eq!(
            key_row(&pinned, &hidden, &OBJECTIVES),
            ["revenue", "revenue_per_rep"]
        );
        // Kept by an older version, pinned and hidden: not in the row.
        let old = v(&["nps", "gross_margin"]);
        assert_eq!(key_row(&old, &v(&["gross_margin"]), &OBJECTIVES), ["nps"]);
    }
}
