//! The demo's order lines.

use super::*;
use std::fmt::Write;

/// Writes `x` with a decimal comma and two decimals (`1234,50`).
pub(super) fn push_money(out: &mut String, x: f64) {
    let cents = (x * 100.0).round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    let _ = write!(out, "{sign}{},{:02}", cents.abs() / 100, cents.abs() % 100);
}

/// Order lines over two years, as a French Excel export (`;`, `05/03/2024`,
/// decimal commas), in UTF-8. About `lines` lines; the same seed gives the same bytes.
pub fn sales_csv(seed: u64, lines: usize) -> Vec<u8> {
    let company = Company::new(seed);
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(lines * 110 + 200);
    out.push_str("Date;N° commande;Client;Commercial;Région;Secteur;Canal;Produit;Quantité;Prix unitaire;Montant HT;Coût;Campagne\n");
    let days = 731usize;
    let mut written = 0usize;
    let mut order = 10_000usize;
    while written < lines {
        // About 12 % growth a year, busier before summer and at year end,
        // quiet in August: drawn by rejection against that shape.
        let day = rng.below(days);
        let month = (day % 365) / 31;
        let season = match month {
            5 | 10 | 11 => 1.25,
            7 => 0.6,
            _ => 1.0,
        };
        let weight = (1.0 + 0.12 * day as f64 / 365.0) * season / 1.6;
        if rng.unit() > weight {
            continue;
        }
        let date = chrono::NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(day as u64)));
        let Some(date) = date else { break };
        let n_lines = 1 + rng.below(3);
        let (customer, sector, region) = company.customer_on(&mut rng, day as i64);
        let reps_here: Vec<&String> = company
            .reps
            .iter()
            .filter(|(_, r, hired)| *r == region && *hired + 45 <= day as i64)
            .map(|(n, _, _)| n)
            .collect();
        let rep = rng.pick(&reps_here).map(|s| s.as_str()).unwrap_or("");
        let channel = CHANNELS[rng.below(CHANNELS.len())];
        // Web orders often come from a campaign.
        let campaign = if channel == "Web" && rng.unit() < 0.6 {
            CAMPAIGNS[rng.below(CAMPAIGNS.len())]
        } else {
            ""
        };
        order += 1;
        for _ in 0..n_lines {
            if written >= lines {
                break;
            }
            let (product, price, cost) = PRODUCTS[rng.below(PRODUCTS.len())];
            let qty: i64 = if rng.unit() < 0.02 {
                -1
            } else {
                1 + rng.below(5) as i64
            };
            let discount = 1.0 - (rng.below(4) as f64) * 0.05;
            let unit = price * discount;
            let _ = write!(
                out,
                "{};F{order};{customer};{rep};{};{};{channel};{product};{qty};",
                date.format("%d/%m/%Y"),
                REGIONS[region],
                SECTORS[sector]
            );
            push_money(&mut out, unit);
            out.push(';');
            push_money(&mut out, unit * qty as f64);
            out.push(';');
            push_money(&mut out, cost * qty as f64);
            out.push(';');
            out.push_str(campaign);
            out.push('\n');
            written += 1;
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_with_decimal_comma() {
        let mut s = String::new();
        push_money(&mut s, 1234.5);
        s.push(' ');
        push_money(&mut s, -0.05);
        assert_eq!(s, "1234,50 -0,05");
    }
}
