// The full KPI report in headless Chromium (Wasm), beside the native figures
// of `cargo bench --bench kpis`: the demo sales file, the demo workspace of
// every table and the realistic export (written by the demo_files example,
// as for bench-dashboard.mjs, and handed to the page: the Wasm does not
// carry its generator), at 100k and 1M lines. Prints the best of a
// few reports, the first of the tables and a later one with the tables
// prepared (as on a change of period or filter); writes
// bench-results/report-wasm.json. Not a test: it asserts
// nothing about speed.
// Usage (after trunk build --release): node tests/e2e/bench-report.mjs [lines...]
import { withBenchPage, writeResults, benchFiles, BENCH_DATA } from './harness.mjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const linesList = sizes.length ? sizes : [100_000, 1_000_000];
const results = [];
for (const lines of linesList) benchFiles(lines, true);
await withBenchPage(async (page) => {
  // The browser optimises a Wasm function for a later call: one small run first.
  await page.evaluate(() => window.cadranBenchReport(10_000, 3, true));
  console.log(`${'order lines'.padStart(12)} ${'tables'.padStart(9)} ${'rows'.padStart(10)} ${'report ms'.padStart(10)} ${'prepared ms'.padStart(12)}`);
  for (const lines of linesList) {
    for (const every of [false, true]) {
      const r = JSON.parse(await page.evaluate(([n, e]) => window.cadranBenchReport(n, 5, e), [lines, every]));
      if (r.error) throw new Error(r.error);
      results.push({ ...r, tables: every ? 'every' : 'sales' });
      console.log(`${String(lines).padStart(12)} ${(every ? 'every' : 'sales').padStart(9)} ${String(r.rows).padStart(10)} ${r.ms.toFixed(1).padStart(10)} ${r.prepared_ms.toFixed(1).padStart(12)}`);
    }
    const name = `realistic-${lines}.csv`;
    const r = JSON.parse(await page.evaluate(async ([url, name]) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      return window.cadranBenchReportOn(name, bytes, 5);
    }, [`/bench-data/realistic-${lines}/${name}`, name]));
    if (r.error) throw new Error(r.error);
    results.push({ ...r, tables: 'realistic' });
    console.log(`${String(lines).padStart(12)} ${'realistic'.padStart(9)} ${String(r.rows).padStart(10)} ${r.ms.toFixed(1).padStart(10)} ${r.prepared_ms.toFixed(1).padStart(12)}`);
  }
}, { '/bench-data/': BENCH_DATA });
await writeResults('report-wasm.json', { bench: 'report-wasm-chromium', results });
