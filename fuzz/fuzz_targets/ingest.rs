//! Any bytes into the whole import path (decode, sniff, parse, type, map):
//! it may return an error, it must never panic.
#![no_main]

use cadran::engine::kpi::{self, Query, Workspace};
use cadran::engine::{self, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        preview_rows: 2,
        french: data.first().is_some_and(|b| b & 1 == 1),
        ..Options::default()
    };
    if let Ok(imported) = engine::read("fuzz.csv", data, &opts) {
        // The report over whatever was read must not panic either.
        let ws = Workspace {
            tables: vec![imported],
        };
        let _ = kpi::report(&ws, &Query::default());
    }
});
