//! Ingest speed and memory over generated sales files of 10k, 100k and 1M
//! rows (`cargo bench --bench ingest`), each as the demo's file and as a
//! realistic export (amounts to the cent, one order number per line, 20 000
//! customers: demo::realistic). Prints MB/s, rows/s and the peak heap
//! relative to the file's size; writes the figures to bench-results/ingest.json.
//! A benchmark, not a test: it asserts nothing about speed.

mod common;

use cadran::engine::demo::realistic::Realistic;
use cadran::engine::{self, demo, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts live heap bytes and their peak, to report memory against file size.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

/// Writes a sales file of so many rows.
type MakeFile = fn(usize) -> Vec<u8>;

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    let sizes = common::sizes(&[10_000, 100_000, 1_000_000]);
    let mut results = Vec::new();
    println!(
        "{:>9} {:>9} {:>9} {:>9} {:>10} {:>12} {:>10} {:>12} {:>12}",
        "data", "rows", "MB", "ms", "MB/s", "rows/s", "peak/file", "1-thread ms", "1-thread MB/s"
    );
    let makers: [(&str, MakeFile); 2] = [
        ("demo", |rows| demo::sales_csv(demo::DEFAULT_SEED, rows)),
        ("realistic", |rows| Realistic::new(rows).csv()),
    ];
    let files = sizes
        .iter()
        .flat_map(|&rows| makers.iter().map(move |&(data, make)| (data, rows, make)));
    for (data, rows, make) in files {
        let bytes = make(rows);
        let mb = bytes.len() as f64 / 1e6;
        let runs = if rows >= 1_000_000 { 3 } else { 5 };
        // As shipped (two threads on a big file), then on one thread.
        let (best, ratio) = measure(&bytes, rows, runs, &Options::default());
        let one = Options {
            one_thread: true,
            ..Options::default()
        };
        let (best_one, _) = measure(&bytes, rows, runs, &one);
        println!(
            "{:>9} {:>9} {:>9.1} {:>9.1} {:>10.0} {:>12.0} {:>9.2}x {:>12.1} {:>12.0}",
            data,
            rows,
            mb,
            best * 1e3,
            mb / best,
            rows as f64 / best,
            ratio,
            best_one * 1e3,
            mb / best_one
        );
        results.push(format!(
            "{{\"data\": \"{data}\", \"rows\": {rows}, \"bytes\": {}, \"ms\": {:.1}, \"mb_per_s\": {:.1}, \"rows_per_s\": {:.0}, \"peak_heap_over_file\": {:.2}, \"one_thread_ms\": {:.1}, \"one_thread_mb_per_s\": {:.1}}}",
            bytes.len(),
            best * 1e3,
            mb / best,
            rows as f64 / best,
            ratio,
            best_one * 1e3,
            mb / best_one
        ));
    }
    common::write_results("ingest-native", "ingest.json", &results);
}

/// Best time of `runs` reads, in seconds, and the peak extra heap over the file size.
fn measure(bytes: &[u8], rows: usize, runs: usize, opts: &Options) -> (f64, f64) {
    let mut best = f64::MAX;
    let mut peak_extra = 0usize;
    for _ in 0..runs {
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let t = Instant::now();
        let imported = engine::read("bench.csv", bytes, opts).expect("demo reads");
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(imported.summary.rows, rows);
        drop(imported);
        best = best.min(secs);
        peak_extra = PEAK.load(Ordering::Relaxed) - before;
    }
    (best, peak_extra as f64 / bytes.len() as f64)
}
