//! A plausible company, generated from a seed: reps, regions, sectors,
//! customers and two years of orders, written as the CSV files a French
//! sales director would export. The same seed always gives the same bytes,
//! so the demo, the tests and the benchmarks can rely on it.

pub mod objectives;
// Benchmarks' and tests' file only: the web app does not carry it.
#[cfg(not(target_arch = "wasm32"))]
pub mod realistic;
mod sales;
mod tables;

pub use sales::sales_csv;

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
pub const CAMPAIGNS: [&str; 4] = [
    "Salon Lyon",
    "Webinaire printemps",
    "Emailing rentrée",
    "Ads LinkedIn",
];
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
    /// (name, region index, hire day: days after the first demo day, negative before it)
    pub reps: Vec<(String, usize, i64)>,
    /// (name, sector index, region index)
    pub customers: Vec<(String, usize, usize)>,
    /// Per customer: the day it became one and the day it left (days from the first demo day).
    pub lifetimes: Vec<(i64, i64)>,
}

impl Company {
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed ^ 0xC0FF_EE00);
        let reps = (0..12)
            .map(|i| {
                let name = format!("{} {}", FIRST_NAMES[i % 12], LAST_NAMES[(i * 7 + 3) % 12]);
                // Most reps were there before the demo years; three joined during them.
                let hired = match i {
                    3 => 120,
                    8 => 300,
                    11 => 520,
                    _ => -400 - 97 * i as i64,
                };
                (name, i % REGIONS.len(), hired)
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
        // Nearly half were customers before the demo years; the others arrive
        // along them, and some leave: the dashboard shows new and lost customers.
        let lifetimes = (0..customers.len())
            .map(|_| {
                let since = if rng.unit() < 0.45 {
                    -1
                } else {
                    rng.below(700) as i64
                };
                let until = if rng.unit() < 0.18 {
                    since.max(0) + 120 + rng.below(420) as i64
                } else {
                    i64::MAX
                };
                (since, until)
            })
            .collect();
        Company {
            reps,
            customers,
            lifetimes,
        }
    }

    /// A customer buying on `day` (one that is a customer then, when one is found quickly).
    pub fn customer_on(&self, rng: &mut Rng, day: i64) -> (String, usize, usize) {
        for _ in 0..32 {
            let i = rng.below(self.customers.len());
            if let (Some(c), Some(&(since, until))) = (self.customers.get(i), self.lifetimes.get(i))
            {
                if since <= day && day < until {
                    return c.clone();
                }
            }
        }
        rng.pick(&self.customers).cloned().unwrap_or_default()
    }
}

/// How many files the demo workspace has (one per table kind it shows).
pub const FILE_COUNT: usize = 10;

/// The demo workspace's files: (file name, bytes), for about 6 000 order lines.
pub fn files(seed: u64) -> Vec<(String, Vec<u8>)> {
    workspace_files(seed, 6_000)
}

/// Every table kind, sized from the number of order lines: opportunities a
/// quarter of it, leads half, activities as many, and the rest in proportion.
pub fn workspace_files(seed: u64, order_lines: usize) -> Vec<(String, Vec<u8>)> {
    let c = Company::new(seed);
    let n = order_lines.max(40);
    vec![
        ("demo-ventes.csv".into(), sales_csv(seed, n)),
        ("demo-equipe.csv".into(), tables::team_csv(&c)),
        ("demo-clients.csv".into(), tables::customers_csv(&c, seed)),
        (
            "demo-opportunites.csv".into(),
            tables::opportunities_csv(&c, seed, n / 4, n / 2),
        ),
        (
            "demo-prospects.csv".into(),
            tables::leads_csv(&c, seed, n / 2),
        ),
        (
            "demo-activites.csv".into(),
            tables::activities_csv(&c, seed, n),
        ),
        ("demo-depenses.csv".into(), tables::spend_csv(seed)),
        (
            "demo-avis.csv".into(),
            tables::feedback_csv(&c, seed, n / 8),
        ),
        (
            "demo-factures.csv".into(),
            tables::invoices_csv(&c, seed, n / 3),
        ),
        ("demo-paniers.csv".into(), tables::carts_csv(seed, n / 2)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        assert_eq!(sales_csv(7, 500), sales_csv(7, 500));
        assert_ne!(sales_csv(7, 500), sales_csv(8, 500));
        let text = String::from_utf8(sales_csv(7, 500)).unwrap();
        assert_eq!(text.lines().count(), 501);
    }
}
