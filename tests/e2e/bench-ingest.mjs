// Ingest benchmark in headless Chromium (Wasm), beside the native figures of
// `cargo bench --bench ingest`. Prints MB/s and rows/s; writes
// bench-results/ingest-wasm.json. Not a test: it asserts nothing about speed.
// Usage (after trunk build --release): node tests/e2e/bench-ingest.mjs [rows...]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withBenchPage, writeResults, ROOT } from './harness.mjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const rowsList = sizes.length ? sizes : [10_000, 100_000, 1_000_000];
let native = [];
try {
  native = JSON.parse(await readFile(join(ROOT, 'bench-results', 'ingest.json'), 'utf8')).results;
} catch {
  console.log('(no bench-results/ingest.json: run `cargo bench --bench ingest` for the native column)');
}

const results = [];
await withBenchPage(async (page) => {
  console.log(`${'rows'.padStart(9)} ${'MB'.padStart(7)} ${'ms'.padStart(8)} ${'MB/s'.padStart(7)} ${'rows/s'.padStart(10)} ${'native MB/s'.padStart(12)} ${'wasm/native'.padStart(12)}`);
  for (const rows of rowsList) {
    const runs = rows >= 1_000_000 ? 3 : 5;
    const r = JSON.parse(await page.evaluate(([n, k]) => window.cadranBenchIngest(n, k), [rows, runs]));
    if (r.error) throw new Error(r.error);
    const mb = r.bytes / 1e6;
    const mbps = mb / (r.ms / 1000);
    const nat = native.find((x) => x.rows === rows && (x.data ?? 'demo') === 'demo');
    // Like for like: the browser reads on one thread, so against native on one thread.
    const natMs = nat ? (nat.one_thread_ms ?? nat.ms) : NaN;
    const ratio = nat ? r.ms / natMs : NaN;
    results.push({ ...r, mb_per_s: +mbps.toFixed(1), rows_per_s: Math.round(rows / (r.ms / 1000)), native_ms: nat?.ms ?? null, native_one_thread_ms: nat?.one_thread_ms ?? null, wasm_over_native: +ratio.toFixed(2) });
    console.log(`${String(rows).padStart(9)} ${mb.toFixed(1).padStart(7)} ${r.ms.toFixed(1).padStart(8)} ${mbps.toFixed(0).padStart(7)} ${String(Math.round(rows / (r.ms / 1000))).padStart(10)} ${(nat ? (r.bytes / 1e6 / (natMs / 1000)).toFixed(0) : '-').padStart(12)} ${(nat ? ratio.toFixed(2) + 'x' : '-').padStart(12)}`);
  }
});
await writeResults('ingest-wasm.json', { bench: 'ingest-wasm-chromium', results });
