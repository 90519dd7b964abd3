//! The demo's other tables: team, customers, opportunities, leads,
//! activities, spend, feedback, invoices and carts, consistent with the
//! order lines (same reps, customers, products and dates).

use super::sales::push_money;
use super::*;
use chrono::{Days as ChronoDays, NaiveDate};
use std::fmt::Write;

const DAYS: usize = 731;

fn date(day: i64) -> String {
    let base = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or_default();
    let d = if day >= 0 {
        base.checked_add_days(ChronoDays::new(day as u64))
    } else {
        base.checked_sub_days(ChronoDays::new(day.unsigned_abs()))
    };
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn datetime(day: i64, minutes: i64) -> String {
    let extra = minutes.div_euclid(1440);
    let m = minutes.rem_euclid(1440);
    format!("{} {:02}:{:02}", date(day + extra), m / 60, m % 60)
}

fn money(x: f64) -> String {
    let mut s = String::new();
    push_money(&mut s, x);
    s
}

fn rep_of(c: &Company, rng: &mut Rng, region: usize, day: i64) -> String {
    let here: Vec<&String> = c
        .reps
        .iter()
        .filter(|(_, r, hired)| *r == region && *hired <= day)
        .map(|(n, _, _)| n)
        .collect();
    rng.pick(&here).map(|s| s.to_string()).unwrap_or_default()
}

const MANAGERS: [&str; 2] = ["Hélène Marchand", "Olivier Besson"];

pub fn team_csv(c: &Company) -> Vec<u8> {
    let mut out = String::from("Commercial;Équipe;Manager;Région;Date d'embauche\n");
    for (i, (name, region, hired)) in c.reps.iter().enumerate() {
        let team = if i % 2 == 0 { "Grands comptes" } else { "PME" };
        let _ = writeln!(
            out,
            "{name};{team};{};{};{}",
            MANAGERS[i % 2],
            REGIONS[*region],
            date(*hired)
        );
    }
    out.into_bytes()
}

pub fn customers_csv(c: &Company, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed ^ 0xC057);
    let mut out = String::from("Client;Secteur;Région;Segment;Date de création\n");
    for ((name, sector, region), &(since, _)) in c.customers.iter().zip(&c.lifetimes) {
        let segment = ["PME", "ETI", "Grand compte"][rng.below(3)];
        let created = if since < 0 {
            -(rng.below(2000) as i64) - 1
        } else {
            since
        };
        let _ = writeln!(
            out,
            "{name};{};{};{segment};{}",
            SECTORS[*sector],
            REGIONS[*region],
            date(created)
        );
    }
    out.into_bytes()
}

const STAGES: [&str; 4] = ["Prospection", "Qualification", "Proposition", "Négociation"];

pub fn opportunities_csv(c: &Company, seed: u64, n: usize, leads: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed ^ 0x0997);
    let mut out = String::from("Réf;Commercial;Client;Produit;Étape;Date de création;Date de clôture;Montant;Probabilité;Source;Lead ID\n");
    for i in 0..n {
        let created = rng.below(DAYS) as i64;
        let (customer, _, region) = rng.pick(&c.customers).cloned().unwrap_or_default();
        let rep = rep_of(c, &mut rng, region, created);
        let (product, price, _) = PRODUCTS[rng.below(PRODUCTS.len())];
        let amount = price * (1 + rng.below(20)) as f64;
        let cycle = 10 + rng.below(90) as i64 + rng.below(60) as i64;
        let closed = created + cycle;
        let (stage, close, prob) = if closed >= DAYS as i64 || rng.unit() < 0.08 {
            let s = rng.below(STAGES.len());
            (STAGES[s], String::new(), format!("{}", [10, 25, 50, 70][s]))
        } else if rng.unit() < 0.45 {
            ("Gagnée", date(closed), "100".into())
        } else {
            ("Perdue", date(closed), "0".into())
        };
        let lead = if i < leads && rng.unit() < 0.7 {
            format!("L{:06}", rng.below(leads))
        } else {
            String::new()
        };
        let source = ["Salon", "Site web", "Recommandation", "Prospection"][rng.below(4)];
        let _ = writeln!(
            out,
            "O{:06};{rep};{customer};{product};{stage};{};{close};{};{prob};{source};{lead}",
            i + 1,
            date(created),
            money(amount)
        );
    }
    out.into_bytes()
}

pub fn leads_csv(c: &Company, seed: u64, n: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed ^ 0x1EAD);
    let mut out = String::from("Lead ID;Date de création;Premier contact;Statut;Converti;Devenu client;Température;Commercial;Source;Campagne\n");
    for i in 0..n {
        let day = rng.below(DAYS) as i64;
        let minute = 8 * 60 + rng.below(10 * 60) as i64;
        let temp = ["Chaud", "Tiède", "Froid"][rng.below(3)];
        let region = rng.below(REGIONS.len());
        let rep = if rng.unit() < 0.85 {
            rep_of(c, &mut rng, region, day)
        } else {
            String::new()
        };
        // Hot leads are called back faster.
        let delay = match temp {
            "Chaud" => 30 + rng.below(240),
            "Tiède" => 120 + rng.below(1440),
            _ => 600 + rng.below(4320),
        } as i64;
        let contacted = rng.unit() < 0.9;
        let first = if contacted {
            datetime(day, minute + delay)
        } else {
            String::new()
        };
        let converted = contacted && rng.unit() < if temp == "Chaud" { 0.45 } else { 0.15 };
        let customer = converted && rng.unit() < 0.4;
        let status = if customer {
            "Client"
        } else if converted {
            "Qualifié"
        } else if contacted {
            "Contacté"
        } else {
            "Nouveau"
        };
        let source = ["Salon", "Site web", "Recommandation", "LinkedIn"][rng.below(4)];
        let campaign = if rng.unit() < 0.5 {
            CAMPAIGNS[rng.below(CAMPAIGNS.len())]
        } else {
            ""
        };
        let yes = |b: bool| if b { "oui" } else { "non" };
        let _ = writeln!(
            out,
            "L{i:06};{};{first};{status};{};{};{temp};{rep};{source};{campaign}",
            datetime(day, minute),
            yes(converted),
            yes(customer)
        );
    }
    out.into_bytes()
}

pub fn activities_csv(c: &Company, seed: u64, n: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed ^ 0xAC7);
    let mut out = String::from("Date;Commercial;Type;Client;Résultat;Durée (min)\n");
    for _ in 0..n {
        let day = rng.below(DAYS) as i64;
        let (customer, _, region) = rng.pick(&c.customers).cloned().unwrap_or_default();
        let rep = rep_of(c, &mut rng, region, day);
        if rep.is_empty() {
            continue;
        }
        let (kind, minutes) = match rng.below(10) {
            0..=3 => ("Appel", 5 + rng.below(25)),
            4..=5 => ("Visite", 45 + rng.below(90)),
            6..=7 => ("Rendez-vous", 30 + rng.below(60)),
            8 => ("Email", 5 + rng.below(10)),
            _ => ("Administratif", 30 + rng.below(120)),
        };
        let outcome = ["Positif", "Neutre", "À relancer"][rng.below(3)];
        let _ = writeln!(
            out,
            "{};{rep};{kind};{customer};{outcome};{minutes}",
            date(day)
        );
    }
    out.into_bytes()
}

pub fn spend_csv(seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed ^ 0x5BE7D);
    let mut out = String::from("Mois;Canal;Campagne;Dépense\n");
    for month in 0..24 {
        let (y, m) = (FIRST_YEAR + month / 12, month % 12 + 1);
        for channel in CHANNELS {
            let campaign = if channel == "Web" {
                CAMPAIGNS[rng.below(CAMPAIGNS.len())]
            } else {
                ""
            };
            let amount = match channel {
                "Terrain" => 18_000.0,
                "Téléphone" => 7_500.0,
                _ => 9_000.0,
            } * (0.8 + 0.4 * rng.unit());
            let _ = writeln!(out, "01/{m:02}/{y};{channel};{campaign};{}", money(amount));
        }
    }
    out.into_bytes()
}

pub fn feedback_csv(c: &Company, seed: u64, n: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed ^ 0xFEED);
    let mut out = String::from("Date;Client;Type;Note\n");
    for _ in 0..n {
        let day = rng.below(DAYS) as i64;
        let customer = rng
            .pick(&c.customers)
            .map(|x| x.0.clone())
            .unwrap_or_default();
        if rng.unit() < 0.12 {
            let _ = writeln!(out, "{};{customer};Réclamation;", date(day));
        } else {
            // Satisfaction improves over the two years.
            let base = 6.0 + 2.5 * day as f64 / DAYS as f64;
            let score = (base + 3.0 * (rng.unit() - 0.5) * 2.0)
                .round()
                .clamp(0.0, 10.0);
            let _ = writeln!(out, "{};{customer};Enquête;{score}", date(day));
        }
    }
    out.into_bytes()
}

pub fn invoices_csv(c: &Company, seed: u64, n: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed ^ 0x1A5);
    let mut out = String::from("N° facture;Client;Commercial;Date facture;Échéance;Montant HT;Montant réglé;Date de règlement\n");
    for i in 0..n {
        let day = rng.below(DAYS) as i64;
        let (customer, _, region) = c.customer_on(&mut rng, day);
        let rep = rep_of(c, &mut rng, region, day);
        let amount = 200.0 + rng.unit() * 9_000.0;
        let due = day + 30;
        // Most pay around the due date, some late, some not yet.
        let paid_day = due - 10 + (rng.unit() * rng.unit() * 120.0) as i64;
        let (paid, paid_on) = if paid_day < DAYS as i64 && rng.unit() < 0.93 {
            (money(amount), date(paid_day))
        } else {
            (String::new(), String::new())
        };
        let _ = writeln!(
            out,
            "FA{:06};{customer};{rep};{};{};{};{paid};{paid_on}",
            i + 1,
            date(day),
            date(due),
            money(amount)
        );
    }
    out.into_bytes()
}

pub fn carts_csv(seed: u64, n: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed ^ 0xCA27);
    let mut out = String::from("Date;Référence;Statut;Montant;Canal\n");
    for i in 0..n {
        let day = rng.below(DAYS) as i64;
        let status = if rng.unit() < 0.68 - 0.1 * day as f64 / DAYS as f64 {
            "Abandonné"
        } else {
            "Commandé"
        };
        let amount = 30.0 + rng.unit() * 900.0;
        let _ = writeln!(
            out,
            "{};P{:07};{status};{};Web",
            date(day),
            i + 1,
            money(amount)
        );
    }
    out.into_bytes()
}
