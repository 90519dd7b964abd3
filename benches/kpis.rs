//! Full-report speed over demo workspaces (`cargo bench --bench kpis`):
//! 100k and 1M order lines with proportional opportunities, leads,
//! activities and the other tables; then again after a filter change.
//! "first": the first report of the tables, their preparation included
//! (joins, derived columns, orders summed: once per set of tables);
//! "later": a later one, as on a change of period or filter, the tables
//! prepared once; "region": the same with a region filter; "products":
//! with a filter on six products of eight, which splits orders and keeps
//! most lines (the costliest kind). Then the same on a realistic sales
//! export alone (demo::realistic: amounts to the cent, one order number per
//! line, 20 000 customers; "products": three products in four).
//! "options": the filter bar's values (`kpi::filter_options`), computed
//! once per set of tables beside the first report.
//! Prints milliseconds; writes bench-results/kpis.json. Not a test.

mod common;

use cadran::engine::demo::realistic::Realistic;
use cadran::engine::kpi::{self, Prepared, Query, Workspace};
use cadran::engine::{self, demo, Field, Options};
use std::time::Instant;

fn best_of(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
    }
    best
}

/// Keeps freed memory in the process, as the browser's Wasm memory does
/// (it never shrinks): glibc otherwise hands big blocks back to the system
/// after each report, and the next report pays again for touching fresh
/// pages — 15 000 faults, some 20 ms, for a first report at 1M lines on a
/// 2-core machine — a cost the app in the browser does not have.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    const M_TRIM_THRESHOLD: i32 = -1;
    const M_MMAP_THRESHOLD: i32 = -3;
    // SAFETY: allocator settings, made before this program allocates much.
    let set = unsafe { mallopt(M_TRIM_THRESHOLD, i32::MAX) * mallopt(M_MMAP_THRESHOLD, 32 << 20) };
    if set == 1 {
        println!("(freed memory kept in the process, as in the browser)");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}

fn main() {
    keep_freed_memory();
    let sizes = common::sizes(&[100_000, 1_000_000]);
    let mut results = Vec::new();
    println!(
        "{:>9} {:>9} {:>10} {:>10} {:>12} {:>12} {:>12} {:>12} {:>12}",
        "data",
        "lines",
        "rows (all)",
        "first ms",
        "later ms",
        "region ms",
        "products ms",
        "ms / 100k",
        "options ms"
    );
    for lines in sizes {
        // The demo workspace, every table; filtered on six products of eight.
        let files = demo::workspace_files(demo::DEFAULT_SEED, lines);
        let most_products = demo::PRODUCTS[..6]
            .iter()
            .map(|p| p.0.to_string())
            .collect();
        results.push(bench("demo", lines, files, most_products));
        // A realistic sales export alone; filtered on three products in four.
        let spec = Realistic::new(lines);
        let names = spec.product_names();
        let most_products = names[..names.len() * 3 / 4].to_vec();
        let files = vec![(format!("realistic-{lines}.csv"), spec.csv())];
        results.push(bench("realistic", lines, files, most_products));
    }
    common::write_results("kpis-native", "kpis.json", &results);
}

/// Times the reports over `files`, prints a line and returns its JSON object.
fn bench(
    data: &str,
    lines: usize,
    files: Vec<(String, Vec<u8>)>,
    most_products: Vec<String>,
) -> String {
    let tables: Vec<_> = files
        .into_iter()
        .map(|(name, bytes)| engine::read(&name, &bytes, &Options::default()).expect("demo reads"))
        .collect();
    let rows: usize = tables.iter().map(|t| t.table.rows).sum();
    let ws = Workspace { tables };
    let runs = if lines >= 1_000_000 { 5 } else { 10 };
    let all = best_of(runs, || {
        std::hint::black_box(kpi::report(&ws, &Query::default()));
    });
    let prepared = Prepared::new(&ws);
    let warm = best_of(runs, || {
        std::hint::black_box(kpi::report_prepared(&ws, &prepared, &Query::default()));
    });
    let mut q = Query::default();
    q.filters
        .insert(Field::Region, vec![demo::REGIONS[1].to_string()]);
    let filtered = best_of(runs, || {
        std::hint::black_box(kpi::report_prepared(&ws, &prepared, &q));
    });
    let mut q = Query::default();
    q.filters.insert(Field::Product, most_products);
    let products = best_of(runs, || {
        std::hint::black_box(kpi::report_prepared(&ws, &prepared, &q));
    });
    let options = best_of(runs, || {
        std::hint::black_box(kpi::filter_options(&ws));
    });
    println!(
        "{data:>9} {lines:>9} {rows:>10} {all:>10.1} {warm:>12.1} {filtered:>12.1} {products:>12.1} {:>12.2} {options:>12.1}",
        warm / (lines as f64 / 1e5)
    );
    format!(
        "{{\"data\": \"{data}\", \"order_lines\": {lines}, \"rows\": {rows}, \"report_ms\": {all:.1}, \"prepared_ms\": {warm:.1}, \"filtered_ms\": {filtered:.1}, \"products_ms\": {products:.1}, \"options_ms\": {options:.1}}}"
    )
}
