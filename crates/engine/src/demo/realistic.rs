//! A "realistic" sales export, unlike the demo's: amounts to the cent spread
//! over a continuous range, one order number per line, tens of thousands of
//! customers — what a real ERP or invoicing export looks like, and what a
//! dictionary-per-cell reader pays for. For the benchmarks and tests only:
//! the web app never carries it.

use super::{
    Rng, COMPANY_NAMES, COMPANY_ROOTS, FIRST_NAMES, FIRST_YEAR, LAST_NAMES, REGIONS, SECTORS,
};
use std::fmt::Write;

/// The header of the realistic file (French Excel).
pub const HEADER: &str =
    "Date;N° commande;Client;Commercial;Région;Secteur;Produit;Quantité;Montant HT;Coût";

/// What a realistic file is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct Realistic {
    pub seed: u64,
    pub lines: usize,
    /// How many distinct amounts, spread evenly over 1..1 000 € (to the cent:
    /// at most 99 901). Real exports: about 100 000 per million lines.
    pub distinct_amounts: usize,
    /// Lines per order number: 1 gives one number per line (an invoice line
    /// number); more gives orders of 1..=n lines sharing their number.
    pub lines_per_order: usize,
    pub customers: usize,
    pub reps: usize,
    pub products: usize,
}

impl Realistic {
    /// The file: one order number per line, 20 000 customers, 40 reps,
    /// amounts to the cent between 1 and 1 000 €.
    pub fn new(lines: usize) -> Self {
        Realistic {
            seed: super::DEFAULT_SEED,
            lines,
            distinct_amounts: 100_000,
            lines_per_order: 1,
            customers: 20_000,
            reps: 40,
            products: 300,
        }
    }

    /// The products' names, in the order of their references.
    pub fn product_names(&self) -> Vec<String> {
        (0..self.products.max(1))
            .map(|i| format!("Réf. {:05}", 10_000 + i * 7))
            .collect()
    }

    /// The file's bytes, in UTF-8; the same parameters always give the same bytes.
    pub fn csv(&self) -> Vec<u8> {
        let mut rng = Rng::new(self.seed ^ 0x5EA1_1571C);
        let customers: Vec<(String, usize, usize)> = (0..self.customers.max(1))
            .map(|i| {
                let root = COMPANY_ROOTS[rng.below(COMPANY_ROOTS.len())];
                let name = COMPANY_NAMES[rng.below(COMPANY_NAMES.len())];
                // Numbered, as an ERP names homonyms apart; always distinct.
                (
                    format!("{root} {name} {}", 1_000 + i),
                    rng.below(SECTORS.len()),
                    rng.below(REGIONS.len()),
                )
            })
            .collect();
        let reps: Vec<String> = (0..self.reps.max(1))
            .map(|i| {
                let first = FIRST_NAMES[i % FIRST_NAMES.len()];
                // Distinct pairs for the first 144 reps, numbered beyond.
                let round = i / FIRST_NAMES.len();
                let last = LAST_NAMES[(i + 5 * round) % LAST_NAMES.len()];
                if round < LAST_NAMES.len() {
                    format!("{first} {last}")
                } else {
                    format!("{first} {last} {i}")
                }
            })
            .collect();
        let products = self.product_names();
        let distinct = self.distinct_amounts.clamp(1, 99_901) as u64;
        let days = 731usize;
        let mut out = String::with_capacity(self.lines * 100 + HEADER.len() + 1);
        out.push_str(HEADER);
        out.push('\n');
        let mut order = 2_400_000u64;
        let mut left_in_order = 0usize;
        let mut current = (0u64, 0usize, 0usize);
        for _ in 0..self.lines {
            if left_in_order == 0 {
                order += 1;
                left_in_order = 1 + rng.below(self.lines_per_order.max(1));
                let customer = rng.below(customers.len());
                let region = customers[customer].2;
                // Rep i covers region i mod 5: one of the customer's region's reps.
                let in_region = (reps.len() + REGIONS.len() - 1 - region) / REGIONS.len();
                let rep = if in_region == 0 {
                    rng.below(reps.len())
                } else {
                    region + REGIONS.len() * rng.below(in_region)
                };
                current = (rng.below(days) as u64, customer, rep);
            }
            left_in_order -= 1;
            let (day, customer, rep) = current;
            let date = chrono::NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1)
                .and_then(|d| d.checked_add_days(chrono::Days::new(day)))
                .unwrap_or_default();
            let (name, sector, region) = &customers[customer];
            let product = &products[rng.below(products.len())];
            let qty = 1 + rng.below(9);
            // Amounts on an even grid of `distinct` values over 1..1 000 €.
            let k = rng.next_u64() % distinct;
            let amount = 100
                + if distinct > 1 {
                    k * 99_900 / (distinct - 1)
                } else {
                    0
                };
            // Costs below the amount: 30 % to 95 % of it, to the cent.
            let cost = amount * (30 + rng.below(66) as u64) / 100;
            let _ = writeln!(
                out,
                "{};{order};{name};{};{};{};{product};{qty};{},{:02};{},{:02}",
                date.format("%d/%m/%Y"),
                reps[rep],
                REGIONS[*region],
                SECTORS[*sector],
                amount / 100,
                amount % 100,
                cost / 100,
                cost % 100,
            );
        }
        out.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_shaped_as_asked() {
        let spec = Realistic::new(20_000);
        let bytes = spec.csv();
        assert_eq!(bytes, spec.csv());
        let text = String::from_utf8(bytes).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(HEADER));
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(';').collect()).collect();
        assert_eq!(rows.len(), 20_000);
        assert!(rows.iter().all(|r| r.len() == 10));
        let orders: std::collections::HashSet<_> = rows.iter().map(|r| r[1]).collect();
        assert_eq!(orders.len(), rows.len(), "one order number per line");
        let reps: std::collections::HashSet<_> = rows.iter().map(|r| r[3]).collect();
        assert_eq!(reps.len(), 40);
        let cents = |s: &str| -> i64 { s.replace(',', "").parse().unwrap() };
        for r in &rows {
            let (amount, cost) = (cents(r[8]), cents(r[9]));
            assert!((100..=100_000).contains(&amount), "{}", r[8]);
            assert!(cost < amount);
            assert_eq!(r[0].len(), 10);
        }
        let amounts: std::collections::HashSet<_> = rows.iter().map(|r| r[8]).collect();
        // 20 000 draws over ~100 000 values: most are new.
        assert!(amounts.len() > 15_000, "{}", amounts.len());
    }

    #[test]
    fn orders_of_several_lines_share_their_number() {
        let spec = Realistic {
            lines_per_order: 4,
            distinct_amounts: 50,
            ..Realistic::new(5_000)
        };
        let text = String::from_utf8(spec.csv()).unwrap();
        let rows: Vec<Vec<&str>> = text
            .lines()
            .skip(1)
            .map(|l| l.split(';').collect())
            .collect();
        let orders: std::collections::HashSet<_> = rows.iter().map(|r| r[1]).collect();
        assert!(orders.len() < rows.len() * 2 / 3 && orders.len() > rows.len() / 4);
        let amounts: std::collections::HashSet<_> = rows.iter().map(|r| r[8]).collect();
        assert_eq!(amounts.len(), 50);
    }
}
