//! A plausible company, generated from a seed: reps, regions, sectors,
//! customers and two years of orders, written as the CSV files a French
//! sales director would export. The same seed always gives the same bytes,
//! so the demo, the tests and the benchmarks can rely on it.

use std::fmt::Write;

/// SplitMix64: tiny, fast, and its output is fixed forever (a crate's
/// generator may change between versions, which would change the demo).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in [0, n); 0 when n is 0.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

pub const DEFAULT_SEED: u64 = 20_240_101;

/// First year of demo data; the demo covers two calendar years from it.
pub const FIRST_YEAR: i32 = 2024;

pub const REGIONS: [&str; 5] = [
    "Île-de-France",
    "Auvergne-Rhône-Alpes",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Hauts-de-France",
];
pub const SECTORS: [&str; 6] = [
    "Industrie",
    "Santé",
    "Distribution",
    "BTP",
    "Services",
    "Agroalimentaire",
];
pub const CHANNELS: [&str; 3] = ["Terrain", "Téléphone", "Web"];
const FIRST_NAMES: [&str; 12] = [
    "Camille", "Julien", "Sophie", "Karim", "Léa", "Thomas", "Inès", "Nicolas", "Chloé", "Mehdi",
    "Manon", "Antoine",
];
const LAST_NAMES: [&str; 12] = [
    "Martin",
    "Bernard",
    "Dubois",
    "Laurent",
    "Moreau",
    "Lefèvre",
    "Garnier",
    "Roux",
    "Fontaine",
    "Chevalier",
    "Benali",
    "Perrin",
];
const COMPANY_ROOTS: [&str; 16] = [
    "Atelier",
    "Groupe",
    "Maison",
    "Industries",
    "Laboratoires",
    "Transports",
    "Boulangeries",
    "Cabinet",
    "Ateliers",
    "Société",
    "Conserveries",
    "Menuiserie",
    "Clinique",
    "Bâtiments",
    "Solutions",
    "Distribution",
];
const COMPANY_NAMES: [&str; 20] = [
    "Durand",
    "Lumière",
    "du Rhône",
    "Océane",
    "des Alpes",
    "Vauban",
    "Garonne",
    "Mistral",
    "Bretèche",
    "du Nord",
    "Saint-Clair",
    "Armor",
    "Lavande",
    "Picard",
    "Meunier",
    "Azur",
    "Cévennes",
    "Loire",
    "Tanneurs",
    "Belfort",
];
/// Products with their list price and unit cost (€ excl. tax).
pub const PRODUCTS: [(&str, f64, f64); 8] = [
    ("Cadran Solo", 49.0, 18.0),
    ("Cadran Équipe", 390.0, 140.0),
    ("Cadran Entreprise", 2_400.0, 950.0),
    ("Formation 1 jour", 1_150.0, 600.0),
    ("Audit commercial", 3_800.0, 2_100.0),
    ("Pack capteurs", 620.0, 310.0),
    ("Maintenance annuelle", 890.0, 260.0),
    ("Licence API", 1_500.0, 300.0),
];

/// The people and accounts of the demo company.
#[derive(Debug, Clone)]
pub struct Company {
    /// (name, region index)
    pub reps: Vec<(String, usize)>,
    /// (name, sector index, region index)
    pub customers: Vec<(String, usize, usize)>,
}

impl Company {
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed ^ 0xC0FF_EE00);
        let reps = (0..12)
            .map(|i| {
                let name = format!("{} {}", FIRST_NAMES[i % 12], LAST_NAMES[(i * 7 + 3) % 12]);
                (name, i % REGIONS.len())
            })
            .collect();
        let mut customers = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while customers.len() < 320 {
            let root = rng.pick(&COMPANY_ROOTS).copied().unwrap_or("Société");
            let name = rng.pick(&COMPANY_NAMES).copied().unwrap_or("Durand");
            let full = format!("{root} {name}");
            let full = if seen.contains(&full) {
                format!("{full} {}", customers.len())
            } else {
                full
            };
            seen.insert(full.clone());
            customers.push((full, rng.below(SECTORS.len()), rng.below(REGIONS.len())));
        }
        Company { reps, customers }
    }
}

/// Writes `x` with a decimal comma and two decimals (`1234,50`).
fn push_money(out: &mut String, x: f64) {
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
    out.push_str("Date;N° commande;Client;Commercial;Région;Secteur;Canal;Produit;Quantité;Prix unitaire;Montant HT;Coût\n");
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
        let (customer, sector, region) = rng.pick(&company.customers).cloned().unwrap_or_default();
        let reps_here: Vec<&String> = company
            .reps
            .iter()
            .filter(|(_, r)| *r == region)
            .map(|(n, _)| n)
            .collect();
        let rep = rng.pick(&reps_here).map(|s| s.as_str()).unwrap_or("");
        let channel = CHANNELS[rng.below(CHANNELS.len())];
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
            out.push('\n');
            written += 1;
        }
    }
    out.into_bytes()
}

/// The demo workspace's files: (file name, bytes).
pub fn files(seed: u64) -> Vec<(String, Vec<u8>)> {
    vec![("demo-ventes.csv".to_string(), sales_csv(seed, 6_000))]
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

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        assert_eq!(sales_csv(7, 500), sales_csv(7, 500));
        assert_ne!(sales_csv(7, 500), sales_csv(8, 500));
        let text = String::from_utf8(sales_csv(7, 500)).unwrap();
        assert_eq!(text.lines().count(), 501);
    }
}
