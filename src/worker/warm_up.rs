//! What the engine worker runs at start-up, while the page is idle. A
//! browser first runs Wasm code unoptimised and optimises what runs hot,
//! for its later calls: a function first called on the user's file, with a
//! million rows to loop over, runs unoptimised to the end. Warmed up on two
//! small generated files, the user's first file is read and reported on by
//! optimised code (a realistic export's first dashboard came 16 % sooner
//! once the second file was added).

use crate::engine::ingest::{Imported, LaterReader, Streaming};
use crate::engine::{self, demo, kpi};

/// Reads the demo's sales file, then a CRM-style export in two parts as a
/// big file is read, and reports on each a few times; forgets the first
/// and returns the export's, for the page's own warm-up.
pub fn run() -> Option<kpi::Workspace> {
    let bytes = demo::sales_csv(demo::DEFAULT_SEED, 20_000);
    if let Ok(table) = engine::read("warm-up.csv", &bytes, &engine::Options::default()) {
        reports(table);
    }
    // A CRM's or ERP's export takes other paths: amounts read straight to
    // values, each line its own order, a big file read in two parts.
    read_in_two_parts(&export(EXPORT_LINES)).map(reports)
}

/// Lines of the generated export: its first part must pass the bytes after
/// which a stream drops the rows it read, or it could not be joined.
const EXPORT_LINES: usize = 40_000;

/// Each function a dashboard's first report runs, run a few times (a first
/// report at a million rows took 190 ms with the code compiled for a
/// quick start, 70 ms optimised).
fn reports(table: Imported) -> kpi::Workspace {
    let ws = kpi::Workspace {
        tables: vec![table],
    };
    for _ in 0..3 {
        let _ = kpi::filter_options(&ws);
        let _ = kpi::data_span(&ws);
        let _ = kpi::report(&ws, &kpi::Query::default());
    }
    ws
}

/// A sales export as most CRMs and ERPs write one: one order number per
/// line, amounts to the cent, French Excel style.
fn export(lines: usize) -> Vec<u8> {
    use std::fmt::Write;
    let mut csv = String::from(
        "Date;N° commande;Client;Commercial;Région;Secteur;Produit;Quantité;Montant HT;Coût\n",
    );
    for i in 0..lines {
        let cents = i * 7_919 % 100_000 + 100;
        let cost = cents * 3 / 5;
        let _ = writeln!(
            csv,
            "{:02}/{:02}/{};{};Client {};Commercial {};Région {};Secteur {};Produit {};{};{},{:02};{},{:02}",
            i % 28 + 1,
            i / 28 % 12 + 1,
            2023 + i % 2,
            2_400_001 + i,
            i * 31 % 2_000,
            i % 40,
            i % 5,
            i % 7,
            i % 8,
            i % 9 + 1,
            cents / 100,
            cents % 100,
            cost / 100,
            cost % 100,
        );
    }
    csv.into_bytes()
}

/// `bytes` read as a big file is in the browser: the first part streamed
/// in, the later part read apart and joined; `None` when they would not
/// join.
fn read_in_two_parts(bytes: &[u8]) -> Option<Imported> {
    let opts = engine::Options::default();
    let middle = bytes.len() / 2;
    let split = middle + memchr::memchr(b'\n', &bytes[middle..])? + 1;
    let mut first = Streaming::new("warm-up.csv", &opts, bytes.len())?;
    for piece in bytes[..split].chunks(256 << 10) {
        first.push(piece, &mut |_, _| {});
    }
    let mut later = LaterReader::new(first.later_setup()?, split as u64, bytes.len() - split);
    for piece in bytes[split..].chunks(256 << 10) {
        later.push(piece);
    }
    if !first.join(&later.finish()?) {
        return None;
    }
    first.finish(&mut |_, _| {}).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_is_read_in_two_parts_as_in_one() {
        let bytes = export(EXPORT_LINES);
        let joined = read_in_two_parts(&bytes).expect("the two parts join");
        let whole = engine::read("warm-up.csv", &bytes, &engine::Options::default()).unwrap();
        assert_eq!(joined.summary.rows, EXPORT_LINES);
        assert_eq!(joined.table, whole.table);
    }
}
