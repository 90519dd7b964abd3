// Time to dashboard in headless Chromium, beside DuckDB-Wasm on the same
// files in the same browser run. For each case: from file selection to a
// complete dashboard (the revenue card at the right value and its chart
// drawn), longest main-thread task, peak JS heap, Wasm memory of the page and
// of the engine worker; then DuckDB-Wasm (npm, served from 127.0.0.1) loading
// the same files (each into a table of its own) and answering revenue by
// month and the top 10 customers.
// Also the first visit's transfer, gzip-compressed. Prints a table and writes
// bench-results/dashboard.json. Not a test: it asserts nothing about speed.
// Two kinds of sales file: the demo company's, and a realistic export (amounts
// to the cent, one order number per line, 20 000 customers; the
// `demo_files --realistic` example).
// Usage (after trunk build --release):
//   node tests/e2e/bench-dashboard.mjs [--quick | --sales | --every | --realistic] [--runs N]
import { execFileSync } from 'node:child_process';
import { mkdir, copyFile, readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve, open, ready, timeToDashboard, waitForKpi, writeResults, benchFiles, BENCH_DATA, ROOT, DIST } from './harness.mjs';

const quick = process.argv.includes('--quick');
// --sales: the two sales files only (100k and 1M rows), not every table.
const salesOnly = process.argv.includes('--sales');
// --every: the million order lines with every other table only.
const everyOnly = process.argv.includes('--every');
// --realistic: the realistic export at 1M lines only.
const realisticOnly = process.argv.includes('--realistic');
// --runs N: each case N times, Cadran and DuckDB side by side each time (a shared
// machine's neighbours can move single runs by a third; the median ratio is steadier).
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Math.max(1, Number(process.argv[runsAt + 1]) || 1) : 1;
const BENCH = BENCH_DATA;
const DUCK = join(ROOT, 'node_modules', '@duckdb', 'duckdb-wasm', 'dist');
const CASES = [
  { name: 'sales 100k', lines: 100_000 },
  { name: 'realistic 100k', lines: 100_000, realistic: true },
  ...(quick ? [] : [
    { name: 'sales 1M', lines: 1_000_000 },
    { name: 'realistic 1M', lines: 1_000_000, realistic: true },
    ...(salesOnly ? [] : [{ name: '1M + every table', lines: 1_000_000, all: true }]),
  ]),
].filter((c) => (!everyOnly || c.all) && (!realisticOnly || (c.realistic && c.lines === 1_000_000)));

/** The folder of a case's files. */
const dataDir = (c) => benchFiles(c.lines, c.realistic);

async function prepare() {
  await mkdir(join(BENCH, 'duckdb'), { recursive: true });
  execFileSync(join(ROOT, 'node_modules', '.bin', 'esbuild'), [
    join(ROOT, 'tests', 'e2e', 'bench', 'duckdb-entry.mjs'), '--bundle', '--format=esm', '--log-level=warning',
    `--outfile=${join(BENCH, 'duckdb', 'duckdb-bench.js')}`,
  ]);
  await copyFile(join(ROOT, 'tests', 'e2e', 'bench', 'duckdb.html'), join(BENCH, 'duckdb', 'duckdb.html'));
  for (const f of ['duckdb-browser-eh.worker.js', 'duckdb-eh.wasm']) {
    await copyFile(join(DUCK, f), join(BENCH, 'duckdb', f));
  }
  for (const c of CASES) benchFiles(c.lines, c.realistic);
}

function expectedRevenue(files) {
  const out = execFileSync('cargo', ['run', '-q', '--release', '--bin', 'cadran', '--', 'kpis', ...files], {
    cwd: ROOT, maxBuffer: 256 << 20,
  });
  return JSON.parse(out).kpis.revenue.value;
}

async function cadranCase(server, files, revenue) {
  const b = await open();
  try {
    // Timed inside the page, from the input's change event (Playwright's own
    // file transfer excluded) to the revenue card at the right value with its
    // chart drawn; the import is confirmed as soon as it can be.
    await timeToDashboard(b.page, server.url, revenue);
    await b.page.evaluate(() => {
      window.__long = 0;
      window.__heap = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long = Math.max(window.__long, e.duration);
      }).observe({ type: 'longtask' });
      setInterval(() => { window.__heap = Math.max(window.__heap, performance.memory.usedJSHeapSize); }, 20);
    });
    await b.page.getByTestId('file-input').setInputFiles(files);
    const tEnd = await b.page.evaluate(() => window.__done);
    const m = await b.page.evaluate(() => ({ t0: window.__t0, tRead: window.__tRead, long: window.__long, heap: window.__heap, mem: window.cadranMemory }));
    const ms = Math.round(tEnd - m.t0);
    const tConfirm = m.tRead - m.t0;
    b.assertClean(server.origin);
    return { ms, read_ms: Math.round(tConfirm), longest_task_ms: m.long, peak_js_heap_mb: m.heap / 1e6, page_wasm_mb: m.mem.page / 1e6, engine_wasm_mb: m.mem.engine / 1e6 };
  } finally {
    await b.close();
  }
}

async function duckdbCase(server, files) {
  const b = await open();
  try {
    await b.page.goto(`${server.origin}/bench/duckdb/duckdb.html`);
    await b.page.waitForFunction(() => typeof window.duckdbBench === 'function');
    await b.page.locator('#file').setInputFiles(files);
    return await b.page.evaluate(() => window.duckdbBench(document.getElementById('file').files));
  } finally {
    await b.close();
  }
}

/** What a first visit downloads, gzip-compressed, and the files it asks for. */
async function firstVisit(server) {
  const b = await open();
  try {
    const seen = new Set();
    b.context.on('request', (r) => seen.add(new URL(r.url()).pathname.replace(/^\/$/, '/index.html')));
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.waitForFunction(async () => !!(await navigator.serviceWorker.getRegistration())?.active, null, { timeout: 20_000 });
    let gz = 0;
    const files = [];
    for (const path of seen) {
      const file = join(DIST, path.slice(1));
      if (!existsSync(file)) continue;
      const n = gzipSync(await readFile(file), { level: 9 }).length;
      files.push({ file: path.slice(1), gzip_kb: +(n / 1e3).toFixed(1) });
      gz += n;
    }
    // The formats module (workbooks, Parquet) loads on demand: said beside.
    let onDemand = 0;
    for (const f of ['cadran-formats.js', 'cadran-formats_bg.wasm']) {
      if (existsSync(join(DIST, f))) onDemand += gzipSync(await readFile(join(DIST, f)), { level: 9 }).length;
    }
    return { gzip_kb: +(gz / 1e3).toFixed(1), files, formats_gzip_kb: +(onDemand / 1e3).toFixed(1) };
  } finally {
    await b.close();
  }
}

await prepare();
const server = await serve(DIST, '/', { '/bench/': BENCH });
const results = [];
try {
  const visit = await firstVisit(server);
  console.log(`first visit: ${visit.gzip_kb} kB gzip (${visit.files.map((f) => `${f.file} ${f.gzip_kb}`).join(', ')})`);
  console.log(`formats module (on demand, not in the first visit): ${visit.formats_gzip_kb} kB gzip`);
  console.log(['case', 'MB', 'cadran ms', 'read ms', 'longest task', 'JS heap MB', 'wasm page/engine MB', 'duckdb load+query', 'duckdb +init', 'ratio'].join(' | '));
  for (const c of CASES) {
    const dir = dataDir(c);
    const names = c.all ? (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()
      : [c.realistic ? `realistic-${c.lines}.csv` : 'demo-ventes.csv'];
    const files = names.map((n) => join(dir, n));
    let bytes = 0;
    for (const f of files) bytes += (await readFile(f)).length;
    const revenue = expectedRevenue(files);
    const ratios = [];
    for (let run = 0; run < RUNS; run++) {
      const cad = await cadranCase(server, files, revenue);
      const duck = await duckdbCase(server, files);
      if (Math.abs(duck.revenue - revenue) > 1) console.log(`  (DuckDB revenue ${duck.revenue} vs Cadran ${revenue})`);
      const duckMs = duck.load_ms + duck.query_ms;
      const r = { case: c.name, run, mb: +(bytes / 1e6).toFixed(1), ...cad, duckdb: duck, duckdb_load_query_ms: Math.round(duckMs), ratio: +(cad.ms / duckMs).toFixed(2) };
      results.push(r);
      ratios.push(r.ratio);
      console.log([c.name, r.mb, cad.ms, cad.read_ms, cad.longest_task_ms.toFixed(0), cad.peak_js_heap_mb.toFixed(0),
        `${cad.page_wasm_mb.toFixed(0)}/${cad.engine_wasm_mb.toFixed(0)}`, Math.round(duckMs),
        Math.round(duckMs + duck.instantiate_ms), `${r.ratio}x`].join(' | '));
    }
    if (RUNS > 1) {
      const sorted = [...ratios].sort((a, b) => a - b);
      console.log(`${c.name}: median ratio ${sorted[Math.floor(sorted.length / 2)]}x over ${RUNS} runs`);
    }
  }
  await writeResults('dashboard.json', { bench: 'dashboard-chromium', first_visit: visit, results });
} finally {
  await server.close();
}
