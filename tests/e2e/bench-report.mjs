// The full KPI report in headless Chromium (Wasm), beside the native figures
// of `cargo bench --bench kpis`: the demo sales file, then the demo
// workspace of every table, at 100k and 1M order lines. Prints the best of a
// few reports, the first of the tables and a later one with the tables
// prepared (as on a change of period or filter); writes
// bench-results/report-wasm.json. Not a test: it asserts
// nothing about speed.
// Usage (after trunk build --release): node tests/e2e/bench-report.mjs [lines...]
import { withBenchPage, writeResults } from './harness.mjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const linesList = sizes.length ? sizes : [100_000, 1_000_000];
const results = [];
await withBenchPage(async (page) => {
  // The browser optimises a Wasm function for a later call: one small run first.
  await page.evaluate(() => window.cadranBenchReport(10_000, 3, true));
  console.log(`${'order lines'.padStart(12)} ${'tables'.padStart(7)} ${'rows'.padStart(10)} ${'report ms'.padStart(10)} ${'prepared ms'.padStart(12)}`);
  for (const lines of linesList) {
    for (const every of [false, true]) {
      const r = JSON.parse(await page.evaluate(([n, e]) => window.cadranBenchReport(n, 5, e), [lines, every]));
      if (r.error) throw new Error(r.error);
      results.push({ ...r, tables: every ? 'every' : 'sales' });
      console.log(`${String(lines).padStart(12)} ${(every ? 'every' : 'sales').padStart(7)} ${String(r.rows).padStart(10)} ${r.ms.toFixed(1).padStart(10)} ${r.prepared_ms.toFixed(1).padStart(12)}`);
    }
  }
});
await writeResults('report-wasm.json', { bench: 'report-wasm-chromium', results });
